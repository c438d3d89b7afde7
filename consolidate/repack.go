package consolidate

import (
	"archive/zip"
	"bytes"
	"io"
	"sync"
)

// repackMax is the largest declared inflated size of a package the pre-scan repacks; larger
// packages go to excelize as they came, so that memory stays within one copy.
const repackMax = 8 << 20

// repackBufs holds the buffers of repacked packages, reused across files.
var repackBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// repack is a stored (uncompressed) copy of a package that the pre-scan writes as it reads
// each entry. OpenWorkbook hands it to excelize, which so opens exactly the bytes that were
// checked, and does not inflate them a second time (inflating is a third of its open time).
type repack struct {
	buf *bytes.Buffer
	zw  *zip.Writer
	err error
}

// newRepack returns an empty repack with a pooled buffer.
func newRepack() *repack {
	buf := repackBufs.Get().(*bytes.Buffer)
	buf.Reset()
	return &repack{buf: buf, zw: zip.NewWriter(buf)}
}

// entry starts the copy of an entry and returns where its inflated bytes go, or nil when
// there is no repack or it has failed.
func (r *repack) entry(f *zip.File) io.Writer {
	if r == nil || r.err != nil {
		return nil
	}
	w, err := r.zw.CreateHeader(&zip.FileHeader{Name: f.Name, NonUTF8: f.NonUTF8, Modified: f.Modified, Method: zip.Store})
	if err != nil {
		r.err = err
		return nil
	}
	return &repackWriter{r: r, w: w}
}

// repackWriter writes into one entry of a repack, recording the first error.
type repackWriter struct {
	r *repack
	w io.Writer
}

func (w *repackWriter) Write(p []byte) (int, error) {
	if w.r.err == nil {
		_, w.r.err = w.w.Write(p)
	}
	return len(p), nil
}

// bytes finishes the copy and returns it, or nil when it failed.
func (r *repack) bytes() []byte {
	if r == nil || r.err != nil {
		return nil
	}
	if r.err = r.zw.Close(); r.err != nil {
		return nil
	}
	return r.buf.Bytes()
}

// release returns the buffer to the pool; the bytes must no longer be used.
func (r *repack) release() {
	if r == nil {
		return
	}
	if r.buf.Cap() <= 1<<20 {
		repackBufs.Put(r.buf)
	}
	r.buf, r.zw = nil, nil
}
