//go:build !linux

package store

import (
	"os"
	"path/filepath"
)

// syncFS flushes every file below the archive folder f, one by one, where syncfs(2) is not
// available.
func syncFS(f *os.File) error {
	return filepath.Walk(f.Name(), func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		g, err := os.Open(path)
		if err != nil {
			return err
		}
		defer g.Close()
		return g.Sync()
	})
}
