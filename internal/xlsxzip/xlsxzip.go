// Package xlsxzip is the zip writer behind every workbook gyqc writes, the monthly templates
// and the consolidated workbook: an excelize.ZipWriter that gives the same bytes for the
// same workbook and is quick at writing thousands of small ones.
//
// The same bytes: excelize writes streamed sheets in the order of a map, so parts are kept
// until Close and written [Content_Types].xml first, then _rels/.rels, then the rest by
// name, every entry dated at one time (the MS-DOS date and the extended timestamp, as
// archive/zip's CreateHeader writes them). Quick: each part is deflated as it arrives, at
// flate's fastest level, with compressors reused across parts and workbooks; the parts
// that are the same in every template (theme, styles, relationships, content types) are
// deflated once and then copied. The output is an ordinary deflated zip.
package xlsxzip

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/xuri/excelize/v2"
)

// flatePool holds compressors at flate.BestSpeed.
var flatePool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

// sharedParts are the parts whose content is usually the same in every workbook written.
var sharedParts = map[string]bool{
	"xl/theme/theme1.xml": true, "xl/styles.xml": true, "xl/workbook.xml": true, "xl/_rels/workbook.xml.rels": true,
	"[Content_Types].xml": true, "_rels/.rels": true, "docProps/app.xml": true,
}

// part is a part's deflated bytes with what a zip header needs.
type part struct {
	name string
	data []byte
	crc  uint32
	size uint64
}

// partCache maps part name and content to its deflated form; at most maxCachedParts
// entries are kept (a password makes the workbook part differ every time).
var (
	partCache      sync.Map
	partCacheCount atomic.Int64
)

const maxCachedParts = 64

// deflate compresses b as one part.
func deflate(name string, b []byte) (*part, error) {
	var out bytes.Buffer
	fw := flatePool.Get().(*flate.Writer)
	fw.Reset(&out)
	_, err := fw.Write(b)
	if cerr := fw.Close(); err == nil {
		err = cerr
	}
	flatePool.Put(fw)
	return &part{name: name, data: out.Bytes(), crc: crc32.ChecksumIEEE(b), size: uint64(len(b))}, err
}

// writer collects the parts of one workbook.
type writer struct {
	w        io.Writer
	modified time.Time
	parts    []*part
	pending  string // name of the part being written, "" before the first
	buf      bytes.Buffer
	seen     map[string]bool
}

var _ excelize.ZipWriter = (*writer)(nil)

// New returns the zip writer for excelize's SetZipWriter, dating every entry at modified.
func New(modified time.Time) func(io.Writer) excelize.ZipWriter {
	return func(w io.Writer) excelize.ZipWriter {
		return &writer{w: w, modified: modified, seen: map[string]bool{}}
	}
}

// Create starts a part, finishing the one before. excelize writes one part completely
// before it creates the next.
func (z *writer) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	if z.seen[name] {
		return nil, errors.New("xlsxzip: duplicate part " + name)
	}
	z.seen[name] = true
	z.pending = name
	z.buf.Reset()
	return &z.buf, nil
}

// finish deflates the part being written, from the cache when it is a shared part seen
// before.
func (z *writer) finish() error {
	if z.pending == "" {
		return nil
	}
	name := z.pending
	z.pending = ""
	if !sharedParts[name] {
		p, err := deflate(name, z.buf.Bytes())
		z.parts = append(z.parts, p)
		return err
	}
	key := name + "\x00" + z.buf.String()
	if v, ok := partCache.Load(key); ok {
		z.parts = append(z.parts, v.(*part))
		return nil
	}
	p, err := deflate(name, z.buf.Bytes())
	if err != nil {
		return err
	}
	if partCacheCount.Add(1) <= maxCachedParts {
		partCache.Store(key, p)
	}
	z.parts = append(z.parts, p)
	return nil
}

// AddFS is not used by excelize's workbook writer.
func (z *writer) AddFS(fs.FS) error { return errors.New("xlsxzip: AddFS is not supported") }

// rank orders the package parts a reader looks for first.
func rank(name string) int {
	switch name {
	case "[Content_Types].xml":
		return 0
	case "_rels/.rels":
		return 1
	}
	return 2
}

// Close writes every part in order, then the central directory.
func (z *writer) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	sort.SliceStable(z.parts, func(i, j int) bool {
		a, b := z.parts[i].name, z.parts[j].name
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return a < b
	})
	zw := zip.NewWriter(z.w)
	date, clock := msDosTime(z.modified)
	mt := uint32(z.modified.Unix())
	extended := []byte{0x55, 0x54, 5, 0, 1, byte(mt), byte(mt >> 8), byte(mt >> 16), byte(mt >> 24)}
	for _, p := range z.parts {
		// CreateRaw, unlike CreateHeader, leaves the dates to the caller.
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: z.modified,
			ModifiedDate: date, ModifiedTime: clock, Extra: extended,
			CRC32: p.crc, CompressedSize64: uint64(len(p.data)), UncompressedSize64: p.size})
		if err != nil {
			return err
		}
		if _, err := w.Write(p.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// msDosTime returns t's wall-clock date and time in MS-DOS form, as zip headers store them.
func msDosTime(t time.Time) (date, clock uint16) {
	if t.Year() < 1980 {
		return 1<<5 | 1, 0 // 1980-01-01
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}
