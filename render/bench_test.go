package render

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkBriefing builds and renders the sample briefing for 40 units (about 20 pages)
// and for 1,000 units, reporting pages and bytes. Loading the fonts is measured apart
// (BenchmarkFindFonts): a run pays it once.
func BenchmarkBriefing(b *testing.B) {
	fs := testFonts(b)
	for _, units := range []int{40, 1000} {
		b.Run(fmt.Sprintf("units=%d", units), func(b *testing.B) {
			var out []byte
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				s := sampleDocument(b, fs, units)
				var err error
				if out, err = s.doc.Bytes(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(bytes.Count(out, []byte("/Type /Page\n"))), "pages")
			b.ReportMetric(float64(len(out)), "bytes")
		})
	}
}

// BenchmarkFindFonts loads the two test fonts (a 5 MB collection and a 15 MB font).
func BenchmarkFindFonts(b *testing.B) {
	fontFile(b, wqyPath)
	fontFile(b, lxgwPath)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := FindFonts(FontOptions{System: []string{lxgwPath, wqyPath}}); err != nil {
			b.Fatal(err)
		}
	}
}
