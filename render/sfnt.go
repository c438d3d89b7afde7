package render

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Magic numbers at the start of font files.
const (
	tagTrueType = 0x00010000 // TrueType outlines (Windows)
	tagTrue     = 0x74727565 // 'true': TrueType outlines (Apple)
	tagOTTO     = 0x4F54544F // 'OTTO': OpenType with CFF outlines
	tagTTCF     = 0x74746366 // 'ttcf': a collection of faces
)

// sfntTable is one entry of an sfnt table directory.
type sfntTable struct {
	tag      string
	checksum uint32
	offset   uint32
	length   uint32
}

// errTruncated is the internal cause of every out-of-bounds read of a font file.
var errTruncated = errors.New("font data truncated")

// readTableDirectory reads the table directory of the sfnt that starts at base in data
// (base is non-zero for a face inside a collection). Every table must lie inside data.
func readTableDirectory(data []byte, base int) (version uint32, tables []sfntTable, err error) {
	if base < 0 || base+12 > len(data) {
		return 0, nil, errTruncated
	}
	version = binary.BigEndian.Uint32(data[base:])
	n := int(binary.BigEndian.Uint16(data[base+4:]))
	if n == 0 || n > 512 {
		return version, nil, fmt.Errorf("implausible table count %d", n)
	}
	if base+12+16*n > len(data) {
		return version, nil, errTruncated
	}
	seen := make(map[string]bool, n)
	for i := 0; i < n; i++ {
		rec := data[base+12+16*i:]
		t := sfntTable{
			tag:      string(rec[0:4]),
			checksum: binary.BigEndian.Uint32(rec[4:]),
			offset:   binary.BigEndian.Uint32(rec[8:]),
			length:   binary.BigEndian.Uint32(rec[12:]),
		}
		if uint64(t.offset)+uint64(t.length) > uint64(len(data)) {
			return version, nil, fmt.Errorf("table %q lies outside the file: %w", t.tag, errTruncated)
		}
		if seen[t.tag] {
			return version, nil, fmt.Errorf("table %q appears twice", t.tag)
		}
		seen[t.tag] = true
		tables = append(tables, t)
	}
	return version, tables, nil
}

// reader reads big-endian values from a byte slice and remembers the first out-of-bounds
// read instead of panicking, so that parsing code can check once at the end.
type reader struct {
	b   []byte
	err error
}

func (r *reader) u16(off int) int {
	if off < 0 || off+2 > len(r.b) {
		r.err = errTruncated
		return 0
	}
	return int(binary.BigEndian.Uint16(r.b[off:]))
}

func (r *reader) i16(off int) int { return int(int16(r.u16(off))) }

func (r *reader) u32(off int) int {
	if off < 0 || off+4 > len(r.b) {
		r.err = errTruncated
		return 0
	}
	return int(binary.BigEndian.Uint32(r.b[off:]))
}
