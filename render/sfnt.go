package render

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"unicode/utf16"
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

// nameTable returns a format 0 name table holding name IDs 1 and 6 (Windows, Unicode,
// US English).
func nameTable(name string) []byte {
	u := utf16.Encode([]rune(name))
	str := make([]byte, 2*len(u))
	for i, c := range u {
		binary.BigEndian.PutUint16(str[2*i:], c)
	}
	b := make([]byte, 6+2*12, 6+2*12+len(str))
	binary.BigEndian.PutUint16(b[2:], 2)
	binary.BigEndian.PutUint16(b[4:], uint16(len(b)))
	for i, id := range []uint16{1, 6} {
		rec := b[6+12*i:]
		binary.BigEndian.PutUint16(rec[0:], 3)
		binary.BigEndian.PutUint16(rec[2:], 1)
		binary.BigEndian.PutUint16(rec[4:], 0x409)
		binary.BigEndian.PutUint16(rec[6:], id)
		binary.BigEndian.PutUint16(rec[8:], uint16(len(str)))
	}
	return append(b, str...)
}

// assembleSfnt writes tables into a TrueType file: header, directory sorted by tag, then
// the tables, each padded to four bytes, with the head table's checksum adjustment set so
// that the whole file sums to 0xB1B0AFBA.
func assembleSfnt(version uint32, parts map[string][]byte) []byte {
	tags := make([]string, 0, len(parts))
	size := 0
	for tag, b := range parts {
		tags = append(tags, tag)
		size += (len(b) + 3) &^ 3
	}
	sort.Strings(tags)
	n := len(tags)
	out := make([]byte, 12+16*n, 12+16*n+size)
	binary.BigEndian.PutUint32(out, version)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(sr*16))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-sr*16))
	head := -1
	for i, tag := range tags {
		b := parts[tag]
		rec := out[12+16*i:]
		start := len(out)
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[8:], uint32(start))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		if tag == "head" && len(b) >= 12 {
			head = start
			binary.BigEndian.PutUint32(out[head+8:], 0) // checksum adjustment, set below
		}
		binary.BigEndian.PutUint32(rec[4:], sfntChecksum(out[start:]))
	}
	if head >= 0 {
		binary.BigEndian.PutUint32(out[head+8:], 0xB1B0AFBA-sfntChecksum(out))
	}
	return out
}
