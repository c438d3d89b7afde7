package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/qianjiang/gyqc/internal/atomicfile"
)

// incomingName is the folder of the archive where files being received are written.
const incomingName = ".incoming"

// ErrTooLarge is returned by Receive when the stream is longer than its limit.
var ErrTooLarge = errors.New("file too large")

// Received is a file Receive took into the archive.
type Received struct {
	Hash string // SHA-256, hex
	Size int64
	Path string // where the archive keeps it
}

// Receive streams r into the archive of the workspace in dir, never holding it whole in
// memory: into a temporary file of the archive's staging folder, hashed on the way, then
// renamed to its place under its SHA-256. A stream longer than limit bytes is dropped with
// ErrTooLarge. The file is not yet durable or recorded: the collection that examines it does
// both (Flush, Tx.AddFile). It needs no lock on the workspace: archive files are named by
// their content and appear complete or not at all.
func Receive(dir string, r io.Reader, limit int64) (Received, error) {
	staging := filepath.Join(dir, ArchiveName, incomingName)
	if err := os.MkdirAll(staging, 0o755); err != nil {
		return Received{}, fmt.Errorf("receive: %w", err)
	}
	tmp, err := os.CreateTemp(staging, atomicfile.TempPattern("upload"))
	if err != nil {
		return Received{}, fmt.Errorf("receive: %w", err)
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, limit+1))
	if err != nil {
		return Received{}, err
	}
	if n > limit {
		return Received{}, ErrTooLarge
	}
	if err := tmp.Close(); err != nil {
		return Received{}, fmt.Errorf("receive: %w", err)
	}
	hash := hex.EncodeToString(h.Sum(nil))
	rec := Received{Hash: hash, Size: n, Path: filepath.Join(dir, ArchiveName, hash[:2], hash)}
	if st, err := os.Stat(rec.Path); err == nil && st.Size() == n {
		return rec, nil // already archived: the temporary file is removed
	}
	if err := os.MkdirAll(filepath.Dir(rec.Path), 0o755); err != nil {
		return Received{}, fmt.Errorf("receive: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o444); err != nil {
		return Received{}, fmt.Errorf("receive: %w", err)
	}
	if err := os.Rename(tmp.Name(), rec.Path); err != nil {
		return Received{}, fmt.Errorf("receive: %w", err)
	}
	keep = true
	return rec, nil
}
