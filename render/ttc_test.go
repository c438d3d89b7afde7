package render

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// TestExtractFace extracts both faces of wqy-microhei.ttc and checks each is a valid
// standalone TrueType font holding exactly the collection's tables for that face.
func TestExtractFace(t *testing.T) {
	ttc := fontFile(t, wqyPath)
	offs, err := collectionFaces(ttc)
	if err != nil {
		t.Fatal(err)
	}
	if len(offs) != 2 {
		t.Fatalf("wqy-microhei.ttc has %d faces, want 2", len(offs))
	}
	families := map[string]bool{}
	for _, tt := range []struct {
		Name  string
		Index int
	}{{"regular face", 0}, {"monospaced face", 1}} {
		t.Run(tt.Name, func(t *testing.T) {
			out, err := ExtractFace(ttc, tt.Index)
			if err != nil {
				t.Fatal(err)
			}
			if v := binary.BigEndian.Uint32(out); v != tagTrueType {
				t.Fatalf("version %#x, want %#x", v, tagTrueType)
			}
			if sum := sfntChecksum(out); sum != 0xB1B0AFBA {
				t.Errorf("file checksum %#x, want 0xB1B0AFBA", sum)
			}
			_, src, err := readTableDirectory(ttc, offs[tt.Index])
			if err != nil {
				t.Fatal(err)
			}
			_, got, err := readTableDirectory(out, 0)
			if err != nil {
				t.Fatalf("extracted directory: %v", err)
			}
			if len(got) != len(src) {
				t.Fatalf("%d tables, want %d", len(got), len(src))
			}
			byTag := map[string]sfntTable{}
			for _, s := range src {
				byTag[s.tag] = s
			}
			for i, g := range got {
				if i > 0 && got[i-1].tag >= g.tag {
					t.Errorf("directory not sorted at %q", g.tag)
				}
				if g.offset%4 != 0 {
					t.Errorf("table %q at unaligned offset %d", g.tag, g.offset)
				}
				s := byTag[g.tag]
				a, b := out[g.offset:g.offset+g.length], ttc[s.offset:s.offset+s.length]
				if g.tag == "head" { // the checksum adjustment is recomputed
					a, b = append([]byte(nil), a...), append([]byte(nil), b...)
					copy(a[8:12], []byte{0, 0, 0, 0})
					copy(b[8:12], []byte{0, 0, 0, 0})
				}
				if !bytes.Equal(a, b) {
					t.Errorf("table %q differs from the collection's", g.tag)
				}
				if want := sfntChecksum(a); g.checksum != want {
					t.Errorf("table %q checksum %#x, want %#x", g.tag, g.checksum, want)
				}
			}
			face, err := ParseFace("extracted.ttf", out, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range "中文黔江ABC123，。" {
				if !face.Covers(r) {
					t.Errorf("extracted face does not draw %q", r)
				}
			}
			families[face.Family] = true

			// gofpdf reads the extracted face and measures with it.
			pdf := gofpdf.New("P", "mm", "A4", "")
			pdf.AddUTF8FontFromBytes("x", "", out)
			pdf.SetFont("x", "", 12)
			if pdf.Err() || pdf.GetStringWidth("中文") <= 0 {
				t.Errorf("gofpdf cannot use the extracted face: %v", pdf.Error())
			}
		})
	}
	if len(families) != 2 {
		t.Errorf("faces 0 and 1 have the same family name: %v", families)
	}
}

func TestExtractFaceErrors(t *testing.T) {
	ttc := fontFile(t, wqyPath)
	header := func(n uint32, offs ...uint32) []byte {
		b := []byte("ttcf\x00\x01\x00\x00")
		b = binary.BigEndian.AppendUint32(b, n)
		for _, o := range offs {
			b = binary.BigEndian.AppendUint32(b, o)
		}
		return b
	}
	tests := []struct {
		Name  string
		Data  []byte
		Index int
	}{
		{"not a collection", wqyFace0(t)[:1000], 0},
		{"empty", nil, 0},
		{"no faces", header(0), 0},
		{"absurd face count", header(1 << 30), 0},
		{"face count beyond the header", header(3, 12), 0},
		{"face offset beyond the file", header(1, 1<<30), 0},
		{"face index too large", ttc, 2},
		{"negative face index", ttc, -1},
		{"collection cut short", ttc[:4096], 0},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			if _, err := ExtractFace(tt.Data, tt.Index); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, err := ExtractFace(ttc, 5); !errors.Is(err, errFaceIndex) {
		t.Errorf("face 5: got %v, want errFaceIndex", err)
	}
}
