package collect

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// errTooLarge reports a file larger than the size limit; the file is still open for
// archiving.
var errTooLarge = errors.New("file too large")

// notRegularError is a path that turned out not to be a regular file when opened.
type notRegularError struct{ mode fs.FileMode }

func (e *notRegularError) Error() string { return notRegular(e.mode) }

// swappedError is a gathered file that was no longer the same file when opened: replaced
// by a link, a FIFO, a device or another file, or changed, between Gather and the reading.
type swappedError struct{ mode fs.FileMode }

func (e *swappedError) Error() string {
	if e.mode.IsRegular() {
		return "文件在读取时被替换为另一个文件或被改动，未读取"
	}
	kind := "特殊文件"
	switch m := e.mode; {
	case m&fs.ModeSymlink != 0:
		kind = "符号链接"
	case m&fs.ModeNamedPipe != 0:
		kind = "命名管道"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		kind = "设备文件"
	case m&fs.ModeSocket != 0:
		kind = "套接字"
	case m.IsDir():
		kind = "文件夹"
	}
	return "文件在读取时被替换为链接/特殊文件（现在是" + kind + "），未读取"
}

// openRegular opens the file f names for reading only if it is a regular file and the
// very file Gather saw there: it opens without blocking (a FIFO would wait for a writer
// forever) and without following a link (unless the path was named as one, f.follow), and
// checks what it opened, not what a name pointed to before: its type, and (when f was
// gathered) its identity (device and inode, or Windows' volume and file index) against
// Gather's. A file swapped for a link, a FIFO, a device or another file between Gather and
// now is not read (*swappedError).
func openRegular(f File) (*os.File, fs.FileInfo, error) {
	fh, err := openFile(f.Path, f.follow)
	if err != nil {
		if li, lerr := os.Lstat(f.Path); lerr == nil && !f.follow && li.Mode()&fs.ModeSymlink != 0 {
			if f.gathered == nil {
				return nil, nil, &notRegularError{li.Mode()}
			}
			return nil, nil, &swappedError{li.Mode()}
		}
		return nil, nil, err
	}
	info, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, nil, err
	}
	switch {
	case f.gathered != nil && !sameFile(f.gathered, info):
		fh.Close()
		return nil, nil, &swappedError{info.Mode()}
	case !info.Mode().IsRegular():
		fh.Close()
		return nil, nil, &notRegularError{info.Mode()}
	}
	return fh, info, nil
}

// sameFile reports whether opened is the regular file gathered was: the same device and
// inode (or volume and file index), the same size and modification time. Size and time
// also catch a file replaced by one that took over its freed inode number, and a file
// changed while it was being gathered.
func sameFile(gathered, opened fs.FileInfo) bool {
	return opened.Mode().IsRegular() && os.SameFile(gathered, opened) &&
		gathered.Size() == opened.Size() && gathered.ModTime().Equal(opened.ModTime())
}

// readLimited reads all of f when it holds at most max bytes; otherwise it returns
// errTooLarge with nothing read, whatever the size the file claimed before (a file may
// grow while it is read). Memory stays bounded by max.
func readLimited(f *os.File, size, max int64) ([]byte, error) {
	if size > max {
		return nil, errTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Name(), err)
	}
	if int64(len(data)) > max {
		return nil, errTooLarge
	}
	return data, nil
}
