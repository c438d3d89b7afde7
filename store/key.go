package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/qianjiang/gyqc"
)

// SealPurpose is the purpose of the key that seals templates (templates.Seal): derived from
// the workspace secret like every other key, so that the one secret in gyqc.db is what a
// backup must keep.
const SealPurpose = "template seal"

// SealKey returns the key that seals the templates issued from this workspace, creating the
// workspace secret when there is none yet (the first `gyqc issue`).
func (s *Store) SealKey(ctx context.Context) ([]byte, error) {
	return s.Secret(ctx, SealPurpose)
}

// VerifyKey returns the key that verifies the seals of returned templates. Unlike SealKey it
// never creates the workspace secret: a workspace that has none issued no template, and a
// new secret would verify none; that is a gyqc.ENotFound error saying what to do.
func (s *Store) VerifyKey(ctx context.Context) ([]byte, error) {
	var secret []byte
	err := s.db.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, secretName).Scan(&secret)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, NoKeyError(s.Dir)
	}
	if err != nil {
		return nil, fmt.Errorf("read workspace secret: %w", err)
	}
	return derive(secret, SealPurpose), nil
}

// NoKeyError is the error of a workspace without the secret that verifies templates.
func NoKeyError(dir string) error {
	return gyqc.Errorf(gyqc.ENotFound, "工作区 %s 中没有密钥：本工作区没有下发过模板，无法核验报表的防伪校验码。"+
		"请在下发模板所用的工作区中收取（用 --workspace 指定），或从备份中恢复整个工作区（密钥在 %s 中）", dir, DatabaseName)
}
