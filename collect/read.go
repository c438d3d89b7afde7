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

// openRegular opens a file for reading only if it is a regular file: it opens without
// blocking (a FIFO would wait for a writer forever) and checks the type of what it opened,
// not of what a name pointed to before, so that a file swapped for a FIFO or a device
// between Gather and now is not read.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, &notRegularError{info.Mode()}
	}
	return f, info, nil
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
