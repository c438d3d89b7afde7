package templates

import (
	"archive/zip"
	"compress/flate"
	"io"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"
)

// Workbooks are small and written by the thousand: compress them at flate's fastest level,
// with compressors reused across entries and workbooks. The output is a normal deflated zip.
var flatePool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

// pooledFlate returns its compressor to the pool on Close.
type pooledFlate struct{ w *flate.Writer }

func (p *pooledFlate) Write(b []byte) (int, error) { return p.w.Write(b) }

func (p *pooledFlate) Close() error {
	err := p.w.Close()
	flatePool.Put(p.w)
	p.w = nil
	return err
}

// zipWriter is archive/zip with the fast pooled compressor and every entry dated at the
// issue time (archive/zip's Create leaves the date zero, which reads as 1980-00-00).
type zipWriter struct {
	*zip.Writer
	modified time.Time
}

// Create adds a deflated entry dated at the issue time.
func (z *zipWriter) Create(name string) (io.Writer, error) {
	return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
}

// newZipWriter returns the excelize zip writer for a workbook issued at modified.
func newZipWriter(modified time.Time) func(io.Writer) excelize.ZipWriter {
	return func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			fw := flatePool.Get().(*flate.Writer)
			fw.Reset(out)
			return &pooledFlate{w: fw}, nil
		})
		return &zipWriter{Writer: zw, modified: modified}
	}
}
