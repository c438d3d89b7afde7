package xlsxzip

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

var modified = time.Date(2025, 7, 3, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// write writes parts named names, each holding "content of <name>" (or body when set).
func write(body string, names ...string) ([]byte, error) {
	var buf bytes.Buffer
	z := New(modified)(&buf)
	for _, n := range names {
		w, err := z.Create(n)
		if err != nil {
			return nil, err
		}
		text := body
		if text == "" {
			text = "content of " + n
		}
		if _, err := io.WriteString(w, text); err != nil {
			return nil, err
		}
	}
	err := z.Close()
	return buf.Bytes(), err
}

func TestOrderDatesAndContent(t *testing.T) {
	data, err := write("", "xl/worksheets/sheet2.xml", "xl/workbook.xml", "_rels/.rels", "xl/worksheets/sheet1.xml", "[Content_Types].xml")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc) // checks the CRC
		rc.Close()
		if err != nil || string(b) != "content of "+f.Name {
			t.Errorf("%s: %q, %v", f.Name, b, err)
		}
		if f.Method != zip.Deflate {
			t.Errorf("%s stored with method %d, want deflate", f.Name, f.Method)
		}
		if got := f.Modified.Format("2006-01-02 15:04 -0700"); got != "2025-07-03 10:00 +0800" {
			t.Errorf("%s dated %s, want 2025-07-03 10:00 +0800 (MS-DOS date and extended timestamp)", f.Name, got)
		}
	}
	if got := strings.Join(names, " "); got != "[Content_Types].xml _rels/.rels xl/workbook.xml xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml" {
		t.Errorf("order %s", got)
	}
}

func TestSameBytes(t *testing.T) {
	// Shared parts come from the cache the second time; the bytes must not change.
	names := []string{"xl/styles.xml", "[Content_Types].xml", "xl/worksheets/sheet1.xml"}
	a, err := write("", names...)
	if err != nil {
		t.Fatal(err)
	}
	b, err := write("", names[2], names[0], names[1])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the same parts in another order, or a second time, give other bytes")
	}
	// A shared part with other content is not taken from the cache.
	c, err := write("other", "xl/styles.xml")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(c), int64(len(c)))
	if err != nil {
		t.Fatal(err)
	}
	rc, _ := zr.File[0].Open()
	got, _ := io.ReadAll(rc)
	if string(got) != "other" {
		t.Errorf("shared part read %q, want %q", got, "other")
	}
}

func TestDuplicatePart(t *testing.T) {
	if _, err := write("", "a.xml", "a.xml"); err == nil {
		t.Error("a duplicate part was written")
	}
}

func TestBefore1980(t *testing.T) {
	if d, c := msDosTime(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)); d != 1<<5|1 || c != 0 {
		t.Errorf("msDosTime(1970) = %d %d, want 1980-01-01 00:00", d, c)
	}
}
