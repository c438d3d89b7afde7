package xmltext

import (
	"archive/zip"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkLexer reads the XML parts (up to 8 KB each) of the workbooks in the intake's
// good corpus, whole and in chunks of 4 KB.
func BenchmarkLexer(b *testing.B) {
	var parts [][]byte
	n := 0
	good, _ := filepath.Glob(filepath.Join("..", "..", "intake", "testdata", "good", "*.xlsx"))
	for _, p := range good {
		zr, err := zip.OpenReader(p)
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") || f.UncompressedSize64 > 8<<10 {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				b.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				b.Fatal(err)
			}
			parts = append(parts, data)
			n += len(data)
		}
		zr.Close()
	}
	if len(parts) == 0 {
		b.Fatal("no workbooks in intake/testdata/good")
	}
	for _, chunk := range []int{0, 4096} {
		name := "whole"
		if chunk > 0 {
			name = "chunks"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(n))
			b.ReportAllocs()
			var l Lexer
			for b.Loop() {
				for _, p := range parts {
					lexAll(&l, p, chunk)
				}
			}
		})
	}
}

// lexAll reads p to its end, whole (chunk 0) or in chunks.
func lexAll(l *Lexer, p []byte, chunk int) {
	if chunk == 0 {
		l.Whole(p, Options{MatchEnds: true})
	} else {
		l.Reset(Options{MaxTag: 1024, MatchEnds: true})
	}
	for {
		switch l.Next() {
		case EOF:
			return
		case More:
			if len(p) == 0 {
				l.Close()
				continue
			}
			k := min(chunk, len(p))
			l.Feed(p[:k])
			p = p[k:]
		}
	}
}
