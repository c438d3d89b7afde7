package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/qianjiang/gyqc/internal/atomicfile"
)

// Hash returns the SHA-256 of data in hex, the name of a file in the archive.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ArchivePath returns where the file with this hash is kept.
func (s *Store) ArchivePath(hash string) string {
	return filepath.Join(s.Dir, ArchiveName, hash[:2], hash)
}

// Archive keeps data under its SHA-256 before anything else is done with it, durably, and
// records it. Archiving the same bytes twice changes nothing. It returns the hash.
func (s *Store) Archive(ctx context.Context, name string, data []byte) (string, error) {
	hash, err := s.Keep(name, data)
	if err != nil {
		return "", err
	}
	err = s.Update(ctx, func(tx *Tx) error { return tx.AddFile(hash, name, len(data)) })
	if err != nil {
		return "", fmt.Errorf("record archived file %s: %w", name, err)
	}
	return hash, nil
}

// Keep writes data to the archive under its SHA-256, durably (fsync), without recording it
// in the database; the caller records it with Tx.AddFile in the transaction that records what
// the file said. A file kept but never recorded (a run killed in between) is simply kept.
func (s *Store) Keep(name string, data []byte) (string, error) {
	hash := Hash(data)
	path := s.ArchivePath(hash)
	if st, err := os.Stat(path); err != nil || st.Size() != int64(len(data)) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "", fmt.Errorf("archive %s: %w", name, err)
		}
		if err := atomicfile.WriteFile(path, data, 0o444); err != nil {
			return "", fmt.Errorf("archive %s: %w", name, err)
		}
	}
	return hash, nil
}

// AddFile records an archived file within the transaction.
func (t *Tx) AddFile(hash, name string, size int) error {
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO files (hash, size, first_name, archived_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (hash) DO NOTHING`, hash, size, filepath.Base(name), t.s.Now().UTC().Format(time.RFC3339))
	return err
}

// ReadArchived returns the bytes of an archived file.
func (s *Store) ReadArchived(hash string) ([]byte, error) {
	b, err := os.ReadFile(s.ArchivePath(hash))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("archived file %s is missing", hash)
	}
	return b, err
}
