package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
	"github.com/qianjiang/gyqc/templates"
)

// benchFiles returns a folder of n returned workbooks of distinct synthetic units (a scaled
// registry), generated once and kept in the temporary folder for later runs.
func benchFiles(b *testing.B, n int) (*gyqc.Plan, string) {
	b.Helper()
	plan, err := samples.ScalePlan(n)
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("gyqc-bench-collect-sealed-%d", n))
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return plan, dir
	}
	os.RemoveAll(dir)
	os.MkdirAll(dir, 0o755)
	benchKey := benchWorkspace(b, dir)
	gen, err := samples.New(plan, 1)
	if err != nil {
		b.Fatal(err)
	}
	period := gyqc.MustPeriod("2025-06")
	rets, err := gen.Returns(period)
	if err != nil {
		b.Fatal(err)
	}
	// n returns of distinct units: the district departments and the first towns.
	if len(rets) < n {
		b.Fatalf("%d returns for %d files", len(rets), n)
	}
	towns := rets[:n]
	var wg sync.WaitGroup
	var failed atomic.Value
	next := make(chan *samples.Return)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range next {
				var buf bytes.Buffer
				u := plan.Registry.Unit(r.Unit)
				if _, err := templates.Write(&buf, plan, u, period, nil, templates.Options{Issued: time.Date(2025, 6, 25, 9, 0, 0, 0, plan.Location()), Key: benchKey}); err != nil {
					failed.Store(err)
					continue
				}
				data, err := samples.Fill(buf.Bytes(), r)
				if err != nil {
					failed.Store(err)
					continue
				}
				os.WriteFile(filepath.Join(dir, templates.FileName(period, u)), data, 0o644)
			}
		}()
	}
	for _, r := range towns {
		next <- r
	}
	close(next)
	wg.Wait()
	if err, ok := failed.Load().(error); ok {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644)
	return plan, dir
}

// benchWorkspace creates, once, the workspace whose key seals the benchmark's returns, and
// returns its key; it lives beside the folder of returns (dir-ws). Each run starts from a copy
// of its database.
func benchWorkspace(b *testing.B, dir string) []byte {
	b.Helper()
	os.RemoveAll(dir + "-ws")
	st, err := store.Open(context.Background(), dir+"-ws", store.ReadWrite)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	key, err := st.SealKey(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return key
}

// copyWorkspace copies the benchmark's workspace database into a fresh folder, as restoring a
// backup does.
func copyWorkspace(b *testing.B, from, to string) {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(from+"-ws", store.DatabaseName))
	if err == nil {
		err = os.MkdirAll(to, 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(to, store.DatabaseName), data, 0o644)
	}
	if err != nil {
		b.Fatal(err)
	}
}

// peakHeap samples the heap in use until stop is closed and returns the peak.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// BenchmarkCollect collects a batch of returned workbooks into a fresh workspace: the whole
// path of `gyqc collect` (archive, intake, template layout, checks, one transaction per chunk,
// feedback for warned files). It reports files per second and the peak heap, and, where a
// Python with openpyxl is available, the time openpyxl takes to read the same files in
// read-only mode, as a ratio. GYQC_BENCH_FILES sets the batch size (default 1,000; the issue's
// figure is 10,000, which takes about a minute to generate once).
func BenchmarkCollect(b *testing.B) {
	n := 1000
	if s := os.Getenv("GYQC_BENCH_FILES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	plan, dir := benchFiles(b, n)
	ctx := context.Background()
	var elapsed time.Duration
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ws := filepath.Join(b.TempDir(), "ws")
		copyWorkspace(b, dir, ws)
		runtime.GC()
		stop := make(chan struct{})
		heap := peakHeap(stop)
		start := time.Now()
		opts := collectOptions{Workspace: ws, Period: gyqc.MustPeriod("2025-06"), Paths: []string{dir},
			Received: time.Date(2025, 6, 28, 10, 0, 0, 0, plan.Location())}
		run, err := collectFiles(ctx, plan, &opts, nil)
		results := run.Results
		elapsed += time.Since(start)
		close(stop)
		peak = max(peak, <-heap)
		if err != nil {
			b.Fatal(err)
		}
		if len(results) != n {
			b.Fatalf("%d results for %d files", len(results), n)
		}
		for _, r := range results {
			if r.Outcome == gyqc.OutcomeRefused {
				b.Fatalf("%s refused: %v", r.File, r.Problems)
			}
		}
	}
	b.StopTimer()
	perSecond := float64(n*b.N) / elapsed.Seconds()
	b.ReportMetric(perSecond, "files/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	if os.Getenv("GYQC_BENCH_OPENPYXL") == "" {
		return
	}
	// openpyxl, read-only, on the same files: open every workbook and read every cell.
	script := `import openpyxl, glob, sys, time
t = time.time()
n = 0
for p in sorted(glob.glob(sys.argv[1] + "/*.xlsx")):
    wb = openpyxl.load_workbook(p, read_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
print(time.time() - t)`
	out, err := exec.Command(clients.Python(b), "-c", script, dir).Output()
	if err != nil {
		b.Fatalf("openpyxl: %v", err)
	}
	secs, _ := strconv.ParseFloat(string(bytes.TrimSpace(out)), 64)
	b.ReportMetric(float64(n)/secs, "openpyxl-files/s")
	b.ReportMetric(perSecond/(float64(n)/secs), "x-openpyxl")
}
