package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// secretName is the name of the workspace secret in the secrets table.
const secretName = "workspace"

// Secret returns the key for one purpose ("portal links", "portal sessions", …), derived
// from the workspace secret with HMAC-SHA256, creating the secret (32 random bytes) the first
// time. The secret never leaves the workspace; a workspace restored from a backup of its
// database keeps it, and with it every link and key derived from it.
func (s *Store) Secret(ctx context.Context, purpose string) ([]byte, error) {
	secret, err := s.secret(ctx)
	if err != nil {
		return nil, err
	}
	return derive(secret, purpose), nil
}

// derive returns the key for a purpose from the workspace secret.
func derive(secret []byte, purpose string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("gyqc key\x00" + purpose))
	return m.Sum(nil)
}

// secret reads the workspace secret, creating it when there is none yet. Two processes
// creating it at once agree on the first one written.
func (s *Store) secret(ctx context.Context) ([]byte, error) {
	var v []byte
	err := s.db.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, secretName).Scan(&v)
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read workspace secret: %w", err)
	}
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("make workspace secret: %w", err)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO NOTHING`, secretName, fresh, s.Now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, secretName).Scan(&v)
	})
	if err != nil {
		return nil, fmt.Errorf("create workspace secret: %w", err)
	}
	return v, nil
}

// Rotation names one link that can be revoked: a unit's link for a period, or the office's
// (Subject OfficeSubject, no period).
type Rotation struct {
	Subject string
	Period  string
}

// OfficeSubject is the Subject of the office's link.
const OfficeSubject = "@office"

// Rotations returns how often each link was revoked; links never revoked are absent (0).
func (s *Store) Rotations(ctx context.Context) (map[Rotation]int, error) {
	out := map[Rotation]int{}
	err := eachRow(ctx, s.db, "read link rotations", `SELECT subject, period, counter FROM link_rotations`, nil, func(rows *sql.Rows) error {
		var r Rotation
		var n int
		if err := rows.Scan(&r.Subject, &r.Period, &n); err != nil {
			return err
		}
		out[r] = n
		return nil
	})
	return out, err
}

// Rotate revokes a link by counting it once more, and returns the new counter.
func (s *Store) Rotate(ctx context.Context, r Rotation) (int, error) {
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO link_rotations (subject, period, counter, rotated_at) VALUES (?, ?, 1, ?)
			ON CONFLICT (subject, period) DO UPDATE SET counter = counter + 1, rotated_at = excluded.rotated_at`,
			r.Subject, r.Period, s.Now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT counter FROM link_rotations WHERE subject = ? AND period = ?`, r.Subject, r.Period).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("rotate link: %w", err)
	}
	return n, nil
}

// Setting returns a workspace setting, or "" when it was never set.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetSetting sets a workspace setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
