//go:build windows

package collect

import (
	"os"
	"syscall"
)

// openFile opens path for reading; unless follow, it opens a symbolic link or junction in
// its last element as itself (FILE_FLAG_OPEN_REPARSE_POINT, Windows' O_NOFOLLOW), so that
// what was opened is seen to be a link and refused, not the file it points to.
func openFile(path string, follow bool) (*os.File, error) {
	if follow {
		return os.Open(path)
	}
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ, syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE|syscall.FILE_SHARE_DELETE,
		nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL|syscall.FILE_FLAG_OPEN_REPARSE_POINT, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}
