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

// BenchmarkRead reads jxw's template back, filled in, through each reader: excelize (open
// and Read) and the fast reader (ReadBytes). Besides wall time it reports the process's CPU
// time per read, which other programs on the machine do not inflate.
func BenchmarkRead(b *testing.B) {
	p := defaultPlan(b)
	data := filledTemplate(b)
	for _, rdr := range readers {
		b.Run(rdr.Name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				if ret, probs := rdr.Read(b, data, p); ret == nil || len(probs) > 0 {
					b.Fatal(probs)
				}
			}
			if used := processCPU() - cpu; used > 0 {
				b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
