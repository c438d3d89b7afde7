package templates

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"io/fs"
	"sync"
	"sync/atomic"
	"time"

	"github.com/xuri/excelize/v2"
)

// Workbooks are small and written by the thousand, so compression is a large share of the
// work: entries are compressed at flate's fastest level with compressors reused across
// entries and workbooks, and the parts that are the same in every template (theme, styles,
// relationships, content types, workbook) are compressed once and then copied. The output is
// an ordinary deflated zip.
var flatePool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

// pooledFlate returns its compressor to the pool on Close.
type pooledFlate struct{ w *flate.Writer }

// Write compresses b.
func (p *pooledFlate) Write(b []byte) (int, error) { return p.w.Write(b) }

// Close flushes the compressed stream and returns the compressor to the pool.
func (p *pooledFlate) Close() error {
	err := p.w.Close()
	flatePool.Put(p.w)
	p.w = nil
	return err
}

// sharedParts are the parts whose content is usually the same in every template.
var sharedParts = map[string]bool{
	"xl/theme/theme1.xml": true, "xl/styles.xml": true, "xl/workbook.xml": true, "xl/_rels/workbook.xml.rels": true,
	"[Content_Types].xml": true, "_rels/.rels": true, "docProps/app.xml": true,
}

// compressedPart is a part's deflated bytes with what a zip header needs.
type compressedPart struct {
	data []byte
	crc  uint32
	size uint64
}

// partCache maps part name and content to its compressed form; at most maxCachedParts
// entries are kept (a password makes the workbook part differ every time).
var (
	partCache      sync.Map
	partCacheCount atomic.Int64
)

const maxCachedParts = 64

// compressPart deflates b as the zip writer would.
func compressPart(b []byte) (*compressedPart, error) {
	var out bytes.Buffer
	fw := flatePool.Get().(*flate.Writer)
	fw.Reset(&out)
	_, err := fw.Write(b)
	if cerr := fw.Close(); err == nil {
		err = cerr
	}
	flatePool.Put(fw)
	return &compressedPart{data: out.Bytes(), crc: crc32.ChecksumIEEE(b), size: uint64(len(b))}, err
}

// zipWriter is archive/zip with the pooled compressor and the cache of shared parts, every
// entry dated at the issue time (archive/zip's Create leaves the date zero, which reads as
// 1980-00-00). A shared part is buffered until the next entry starts or the writer closes.
type zipWriter struct {
	zw       *zip.Writer
	modified time.Time
	pending  string // name of the buffered shared part, "" when none
	buf      bytes.Buffer
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
		return &zipWriter{zw: zw, modified: modified}
	}
}

// Create starts an entry: a shared part is buffered, anything else is deflated as written.
func (z *zipWriter) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	if sharedParts[name] {
		z.pending = name
		z.buf.Reset()
		return &z.buf, nil
	}
	return z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
}

// flush writes the buffered shared part, compressed from the cache when it was seen before.
func (z *zipWriter) flush() error {
	if z.pending == "" {
		return nil
	}
	name := z.pending
	z.pending = ""
	key := name + "\x00" + z.buf.String()
	var part *compressedPart
	if v, ok := partCache.Load(key); ok {
		part = v.(*compressedPart)
	} else {
		var err error
		if part, err = compressPart(z.buf.Bytes()); err != nil {
			return err
		}
		if partCacheCount.Add(1) <= maxCachedParts {
			partCache.Store(key, part)
		}
	}
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified,
		CRC32: part.crc, CompressedSize64: uint64(len(part.data)), UncompressedSize64: part.size}
	// CreateRaw, unlike CreateHeader, leaves the dates to the caller: the MS-DOS date and the
	// extended timestamp (0x5455, Unix seconds), as CreateHeader writes them.
	fh.ModifiedDate, fh.ModifiedTime = msDosTime(z.modified)
	mt := uint32(z.modified.Unix())
	fh.Extra = []byte{0x55, 0x54, 5, 0, 1, byte(mt), byte(mt >> 8), byte(mt >> 16), byte(mt >> 24)}
	w, err := z.zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	_, err = w.Write(part.data)
	return err
}

// AddFS adds the files of fsys.
func (z *zipWriter) AddFS(fsys fs.FS) error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

// Close writes the last entry and the central directory.
func (z *zipWriter) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.Close()
}

// msDosTime returns t's date and time in MS-DOS form, as zip headers store them.
func msDosTime(t time.Time) (date, tm uint16) {
	if t.Year() < 1980 {
		return 1<<5 | 1, 0 // 1980-01-01
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}
