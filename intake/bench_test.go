package intake_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/intake"

	"github.com/xuri/excelize/v2"
)

// intakeBenchFiles are the template-sized workbooks the benchmarks read: the one excelize
// writes (about 23 KB, 24 tasks and 33 indicators filled in) and its LibreOffice re-save.
var intakeBenchFiles = []string{"excelize-template.xlsx", "libreoffice-resaved.xlsx"}

// intakeBenchData reads a file of testdata/good.
func intakeBenchData(b *testing.B, name string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(intakeGoodDir, name))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkInspect measures the pre-scan alone: every entry inflated, CRC-checked and its
// XML scanned.
func BenchmarkInspect(b *testing.B) {
	for _, name := range intakeBenchFiles {
		data := intakeBenchData(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				if probs := intake.Inspect(name, data, intake.Limits{}); len(probs) > 0 {
					b.Fatal(probs)
				}
			}
			reportRates(b, cpu)
		})
	}
}

// BenchmarkOpenWorkbook measures Inspect and the excelize open behind it: what the intake
// costs a collect run per file before the template reader starts.
func BenchmarkOpenWorkbook(b *testing.B) {
	for _, name := range intakeBenchFiles {
		data := intakeBenchData(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				f, probs := intake.OpenWorkbook(name, data, intake.Limits{})
				if f == nil || len(probs) > 0 {
					b.Fatal(probs)
				}
				f.Close()
			}
			reportRates(b, cpu)
		})
	}
}

// BenchmarkExcelizeOpen is the baseline: excelize opening the same bytes with no intake,
// to show what the pre-scan adds.
func BenchmarkExcelizeOpen(b *testing.B) {
	for _, name := range intakeBenchFiles {
		data := intakeBenchData(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
				if err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
			reportRates(b, cpu)
		})
	}
}

// BenchmarkOpenWorkbookParallel runs OpenWorkbook on every core at once, as collect's
// workers do (the machine has 2).
func BenchmarkOpenWorkbookParallel(b *testing.B) {
	data := intakeBenchData(b, intakeBenchFiles[0])
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := processCPU()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			f, probs := intake.OpenWorkbook("p.xlsx", data, intake.Limits{})
			if f == nil || len(probs) > 0 {
				b.Error(probs)
				return
			}
			f.Close()
		}
	})
	reportRates(b, cpu)
}

// reportRates reports files per second of wall time and the process CPU time per file
// since cpu, which stays meaningful when other programs load the machine.
func reportRates(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
	if used := processCPU() - cpu; used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
