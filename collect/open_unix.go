//go:build unix

package collect

import (
	"os"
	"syscall"
)

// openFile opens path for reading without blocking on a FIFO and, unless follow, without
// following a symbolic link in its last element (O_NOFOLLOW): a file swapped for a link
// after Gather is not opened through it.
func openFile(path string, follow bool) (*os.File, error) {
	flag := os.O_RDONLY | syscall.O_NONBLOCK
	if !follow {
		flag |= syscall.O_NOFOLLOW
	}
	return os.OpenFile(path, flag, 0)
}
