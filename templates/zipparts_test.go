package templates

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// zipPart is one entry of a package, inflated.
type zipPart struct {
	name string
	data []byte
}

// zipParts returns the entries of a package in their order.
func zipParts(tb testing.TB, b []byte) []zipPart {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	var out []zipPart
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, zipPart{f.Name, data})
	}
	return out
}

// packParts writes entries into a new package, deflated.
func packParts(tb testing.TB, parts []zipPart) []byte {
	tb.Helper()
	return pack(tb, parts, zip.Deflate)
}

// pack writes entries into a new package with the compression method.
func pack(tb testing.TB, parts []zipPart, method uint16) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(p.data); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// editParts returns the package with fn applied to every entry's name and data; an entry
// for which fn returns a nil slice is dropped.
func editParts(tb testing.TB, b []byte, fn func(name string, data []byte) []byte) []byte {
	tb.Helper()
	var out []zipPart
	for _, p := range zipParts(tb, b) {
		if d := fn(p.name, p.data); d != nil {
			out = append(out, zipPart{p.name, d})
		}
	}
	return packParts(tb, out)
}

// replacing returns an edit that replaces old by new in the part, which must contain it.
func replacing(tb testing.TB, part, old, new string) func(string, []byte) []byte {
	return func(name string, data []byte) []byte {
		if name != part {
			return data
		}
		if !bytes.Contains(data, []byte(old)) {
			tb.Fatalf("%s does not contain %q", part, old)
		}
		return []byte(strings.Replace(string(data), old, new, 1))
	}
}
