package consolidate

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"
)

// sortedZip is an excelize.ZipWriter that writes the parts of a workbook in a fixed order,
// each dated at one time, so that the same workbook always gives the same bytes: excelize
// writes streamed sheets in the order of a map. Each part is deflated as it arrives (excelize
// writes one part completely before it creates the next) and kept compressed until Close.
type sortedZip struct {
	w        io.Writer
	modified time.Time
	parts    []*zipPart
	fw       *flate.Writer
	err      error
}

// zipPart is one deflated part.
type zipPart struct {
	name string
	data bytes.Buffer
	crc  hash.Hash32
	size uint64
	z    *sortedZip
}

var _ excelize.ZipWriter = (*sortedZip)(nil)

// newSortedZip returns the zip writer for excelize's SetZipWriter.
func newSortedZip(modified time.Time) func(io.Writer) excelize.ZipWriter {
	return func(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w, modified: modified} }
}

// Create starts a part, finishing the one before.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	p := &zipPart{name: name, crc: crc32.NewIEEE(), z: z}
	if z.fw == nil {
		fw, err := flate.NewWriter(&p.data, flate.BestSpeed)
		if err != nil {
			return nil, err
		}
		z.fw = fw
	} else {
		z.fw.Reset(&p.data)
	}
	z.parts = append(z.parts, p)
	return p, nil
}

// Write deflates part data.
func (p *zipPart) Write(b []byte) (int, error) {
	p.crc.Write(b)
	p.size += uint64(len(b))
	return p.z.fw.Write(b)
}

// finish flushes the part being written.
func (z *sortedZip) finish() error {
	if len(z.parts) == 0 || z.err != nil {
		return z.err
	}
	z.err = z.fw.Close()
	return z.err
}

// AddFS is not used by the workbook writer.
func (z *sortedZip) AddFS(fs.FS) error { return errors.New("sortedZip: AddFS is not supported") }

// Close writes every part, [Content_Types].xml and the package relationships first, then the
// rest by name.
func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	rank := func(name string) int {
		switch name {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	sort.SliceStable(z.parts, func(i, j int) bool {
		a, b := z.parts[i].name, z.parts[j].name
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return a < b
	})
	zw := zip.NewWriter(z.w)
	seen := map[string]bool{}
	for _, p := range z.parts {
		if seen[p.name] {
			return errors.New("sortedZip: duplicate part " + p.name)
		}
		seen[p.name] = true
		h := &zip.FileHeader{Name: p.name, Method: zip.Deflate,
			CRC32: p.crc.Sum32(), CompressedSize64: uint64(p.data.Len()), UncompressedSize64: p.size}
		// CreateRaw, unlike CreateHeader, does not date the entry from Modified.
		h.ModifiedDate, h.ModifiedTime = msDosTime(z.modified)
		h.Modified = z.modified
		w, err := zw.CreateRaw(h)
		if err != nil {
			return err
		}
		if _, err := w.Write(p.data.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}

// msDosTime returns the MS-DOS date and time of t's wall clock, as zip entries carry them.
func msDosTime(t time.Time) (date, clock uint16) {
	if t.Year() < 1980 {
		return 1<<5 | 1, 0 // 1980-01-01
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}
