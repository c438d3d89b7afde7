package templates

import (
	"io"
	"testing"

	"github.com/qianjiang/gyqc"
)

// BenchmarkWrite writes one template in memory: a town (2 tasks, no indicators) and the
// unit with the most rows (21 tasks, 24 indicators), prefilled.
func BenchmarkWrite(b *testing.B) {
	p := defaultPlan(b)
	for _, code := range []string{"cdjd", "jxw"} {
		b.Run(code, func(b *testing.B) {
			u := p.Registry.Unit(code)
			prev := samplePrev(p, code, "2025-05")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Write(io.Discard, p, u, gyqc.MustPeriod("2025-06"), prev, Options{Issued: issueTime(p)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRead reads jxw's template back.
func BenchmarkRead(b *testing.B) {
	p := defaultPlan(b)
	data, _ := writeTemplate(b, p, "jxw", "2025-06", nil)
	b.ReportAllocs()
	for b.Loop() {
		f := openBytes(b, data)
		if ret, probs := Read(f, p); ret == nil || len(probs) > 0 {
			b.Fatal(probs)
		}
		f.Close()
	}
}
