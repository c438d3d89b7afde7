package store

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/qianjiang/gyqc/internal/atomicfile"
)

// Stage writes data to the archive under its SHA-256 like Keep, but without waiting for the
// disk: a batch of files is staged, then made durable at once by Flush before anything about
// them is recorded. The file appears under its final name only complete (temporary name,
// then rename), so a run killed in between leaves no half-written archive file.
func (s *Store) Stage(name string, data []byte) (string, error) {
	hash := Hash(data)
	path := s.ArchivePath(hash)
	if st, err := os.Stat(path); err == nil && st.Size() == int64(len(data)) {
		return hash, nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("archive %s: %w", name, err)
	}
	tmp, err := atomicfile.CreateTemp(dir, hash[:16])
	if err != nil {
		return "", fmt.Errorf("archive %s: %w", name, err)
	}
	defer atomicfile.Forget(tmp.Name())
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o444)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("archive %s: %w", name, werr)
	}
	return hash, nil
}

// Flush makes every staged file durable: one sync of the file system that holds the
// archive, instead of one per file.
func (s *Store) Flush() error {
	d, err := os.Open(filepath.Join(s.Dir, ArchiveName))
	if err != nil {
		return fmt.Errorf("flush archive: %w", err)
	}
	defer d.Close()
	if err := syncFS(d); err != nil {
		return fmt.Errorf("flush archive: %w", err)
	}
	return nil
}
