package render

import (
	"encoding/binary"
	"fmt"
)

// maxCollectionFaces bounds the face count a collection may declare.
const maxCollectionFaces = 256

// collectionFaces returns the offsets of the faces of a TrueType collection (.ttc).
func collectionFaces(data []byte) ([]int, error) {
	if len(data) < 12 || binary.BigEndian.Uint32(data) != tagTTCF {
		return nil, fmt.Errorf("not a font collection")
	}
	n := int(binary.BigEndian.Uint32(data[8:]))
	if n < 1 || n > maxCollectionFaces {
		return nil, fmt.Errorf("implausible face count %d", n)
	}
	if 12+4*n > len(data) {
		return nil, errTruncated
	}
	offs := make([]int, n)
	for i := range offs {
		offs[i] = int(binary.BigEndian.Uint32(data[12+4*i:]))
	}
	return offs, nil
}

// ExtractFace returns face index of the TrueType collection (.ttc) in data as a standalone
// TrueType font: that face's table directory is copied into a new header, its tables after
// it (each padded to four bytes) with their offsets rewritten, and the head table's
// checksum adjustment recomputed. gofpdf reads only standalone fonts.
func ExtractFace(data []byte, index int) ([]byte, error) {
	offs, err := collectionFaces(data)
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= len(offs) {
		return nil, fmt.Errorf("face %d requested, the collection has %d: %w", index, len(offs), errFaceIndex)
	}
	version, tables, err := readTableDirectory(data, offs[index])
	if err != nil {
		return nil, err
	}
	parts := make(map[string][]byte, len(tables))
	for _, t := range tables {
		parts[t.tag] = data[t.offset : t.offset+t.length]
	}
	return assembleSfnt(uint32(version), parts), nil
}

// sfntChecksum sums b as big-endian 32-bit words, the last one padded with zeros.
func sfntChecksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
