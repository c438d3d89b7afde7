package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
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

// benchSet is a folder of n returned workbooks of distinct synthetic units (a scaled
// registry) written by one client, with the units file of the scaled plan and the
// workspace whose key sealed the templates; generated once and kept in the temporary
// folder for later runs.
type benchSet struct {
	plan  *gyqc.Plan
	dir   string // the returns
	units string // the units file of the scaled plan
	ws    string // the workspace that issued the templates
}

// benchFiles returns the set of n returns written by writer: "gyqc" (templates filled by
// gyqc's own writer, samples.Fill over excelize) or "openpyxl" (the same templates filled
// and saved by openpyxl, in a Python process per processor).
func benchFiles(b *testing.B, writer string, n int) benchSet {
	b.Helper()
	plan, err := samples.ScalePlan(n)
	if err != nil {
		b.Fatal(err)
	}
	base := filepath.Join(os.TempDir(), fmt.Sprintf("gyqc-bench-collect-%s-%d", writer, n))
	set := benchSet{plan: plan, dir: filepath.Join(base, "returns"), units: filepath.Join(base, "units.yaml"), ws: filepath.Join(base, "ws")}
	if _, err := os.Stat(filepath.Join(base, ".complete")); err == nil {
		return set
	}
	start := time.Now()
	os.RemoveAll(base)
	os.MkdirAll(set.dir, 0o755)
	units, err := samples.ScaleUnitsFile(n)
	if err != nil {
		b.Fatal(err)
	}
	os.WriteFile(set.units, units, 0o644)
	key, rets := benchReturns(b, plan, set.ws)
	period := gyqc.MustPeriod("2025-06")
	if len(rets) < n {
		b.Fatalf("%d returns for %d files", len(rets), n)
	}
	rets = rets[:n] // n returns of distinct units: the district departments and the first towns
	tplDir := filepath.Join(base, "templates")
	os.MkdirAll(tplDir, 0o755)
	var jobs []fillJob
	var mu sync.Mutex
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
				if _, err := templates.Write(&buf, plan, u, period, nil, templates.Options{Issued: time.Date(2025, 6, 25, 9, 0, 0, 0, plan.Location()), Key: key}); err != nil {
					failed.Store(err)
					continue
				}
				out := filepath.Join(set.dir, templates.FileName(period, u))
				if writer == "openpyxl" {
					tpl := filepath.Join(tplDir, templates.FileName(period, u))
					os.WriteFile(tpl, buf.Bytes(), 0o644)
					mu.Lock()
					jobs = append(jobs, fillJob{Template: tpl, Out: out, Spec: specOf(r)})
					mu.Unlock()
					continue
				}
				data, err := samples.Fill(buf.Bytes(), r)
				if err != nil {
					failed.Store(err)
					continue
				}
				os.WriteFile(out, data, 0o644)
			}
		}()
	}
	for _, r := range rets {
		next <- r
	}
	close(next)
	wg.Wait()
	if err, ok := failed.Load().(error); ok {
		b.Fatal(err)
	}
	if writer == "openpyxl" {
		jobsPath := filepath.Join(base, "jobs.json")
		js, _ := json.Marshal(jobs)
		os.WriteFile(jobsPath, js, 0o644)
		if out, err := exec.Command(clients.Python(b), "testdata/fill_batch.py", jobsPath).CombinedOutput(); err != nil {
			b.Fatalf("openpyxl: %v\n%s", err, out)
		}
	}
	os.WriteFile(filepath.Join(base, ".complete"), nil, 0o644)
	b.Logf("%d returns written by %s in %v (kept in %s)", n, writer, time.Since(start).Round(time.Second), base)
	return set
}

// benchReturns creates the workspace ws with its key and returns the key and the sample
// returns of plan's units for 2025-06.
func benchReturns(tb testing.TB, plan *gyqc.Plan, ws string) ([]byte, []*samples.Return) {
	tb.Helper()
	st, err := store.Open(context.Background(), ws, store.ReadWrite)
	if err != nil {
		tb.Fatal(err)
	}
	key, err := st.SealKey(context.Background())
	st.Close()
	if err != nil {
		tb.Fatal(err)
	}
	gen, err := samples.New(plan, 1)
	if err != nil {
		tb.Fatal(err)
	}
	rets, err := gen.Returns(gyqc.MustPeriod("2025-06"))
	if err != nil {
		tb.Fatal(err)
	}
	return key, rets
}

// fillJob is one template for testdata/fill_batch.py to fill.
type fillJob struct {
	Template string         `json:"template"`
	Out      string         `json:"out"`
	Spec     map[string]any `json:"spec"`
}

// specOf writes a return as the spec of testdata/fill.py.
func specOf(r *samples.Return) map[string]any {
	tasks, values, notes := map[string]any{}, map[string]any{}, map[string]any{}
	for _, t := range r.Tasks {
		tasks[strconv.Itoa(t.Task)] = map[string]any{"status": string(t.Status), "progress": t.Progress, "issues": t.Issues, "next": t.NextPlan}
	}
	for _, v := range r.Values {
		if v.Value != nil {
			values[v.Key] = *v.Value
		} else if v.Raw != "" {
			values[v.Key] = v.Raw
		}
		if v.Note != "" {
			notes[v.Key] = v.Note
		}
	}
	return map[string]any{"tasks": tasks, "values": values, "notes": notes,
		"filler": map[string]any{"name": r.Filler.Name, "phone": r.Filler.Phone, "reviewer": r.Filler.Reviewer, "date": r.Filler.Date}}
}

// measured is a run of another process: how long it took, the processor time it used (user
// and system, its own: on a machine shared with other work the wall time says more about
// the others) and its peak resident memory.
type measured struct {
	took  time.Duration
	cpu   time.Duration
	maxMB float64
	out   string
}

// runMeasured runs cmd and measures it. The peak is the child's own high-water mark of
// resident memory (VmHWM in /proc/PID/status, sampled until it exits): the rusage of a
// child started by os/exec also counts the memory of this process, which it shares until
// it runs its program.
func runMeasured(b testing.TB, cmd *exec.Cmd) measured {
	b.Helper()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	peak := make(chan float64, 1)
	done := make(chan struct{})
	go func() {
		hwm := 0.0
		status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
		for {
			if kb := vmHWM(status); kb > hwm {
				hwm = kb
			}
			select {
			case <-done:
				peak <- hwm / 1024
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	m := measured{took: time.Since(start), out: out.String(), maxMB: <-peak,
		cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if err != nil && cmd.ProcessState.ExitCode() != exitRefused {
		b.Fatalf("%s: %v\n%s", cmd.Args[0], err, lastLines(m.out, 20))
	}
	return m
}

// vmHWM reads the peak resident memory, in kilobytes, from a /proc status file; 0 when it
// cannot.
func vmHWM(status string) float64 {
	data, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb
		}
	}
	return 0
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// BenchmarkCollect runs `gyqc collect` as its own process on n returns of distinct units
// into a copy of the workspace that issued them (archive, examine, record, feedback for the
// warned files), for returns written by gyqc's own writer and by openpyxl, and reports files
// per second and the process's peak resident memory; then openpyxl (read-only mode, one
// Python process, every cell of every sheet read) on the same files, the same way. The
// first run generates the files and keeps them in the temporary folder. GYQC_BENCH_FILES
// sets n (default 1,000; the issue asks for 1,000 and 10,000); GYQC_BENCH_WRITERS the
// writers, comma-separated (default "gyqc,openpyxl"), since openpyxl takes some minutes
// per 1,000 files.
func BenchmarkCollect(b *testing.B) {
	n := 1000
	if s := os.Getenv("GYQC_BENCH_FILES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	writers := []string{"gyqc", "openpyxl"}
	if s := os.Getenv("GYQC_BENCH_WRITERS"); s != "" {
		writers = strings.Split(s, ",")
	}
	for _, writer := range writers {
		b.Run("written-by="+writer, func(b *testing.B) {
			set := benchFiles(b, writer, n)
			var gyqcRun measured
			b.ResetTimer()
			for range b.N {
				ws := filepath.Join(b.TempDir(), "ws")
				copyWorkspace(b, set.ws, ws)
				cmd := gyqcCommand(ws, "--units", set.units, "collect", "--period", "2025-06", "--json",
					"--received", "2025-06-28 10:00", set.dir)
				m := runMeasured(b, cmd)
				var res struct {
					Files []struct{ Outcome gyqc.Outcome } `json:"files"`
				}
				if err := json.Unmarshal([]byte(m.out), &res); err != nil || len(res.Files) != n {
					b.Fatalf("%d results for %d files (%v)\n%s", len(res.Files), n, err, lastLines(m.out, 20))
				}
				for _, f := range res.Files {
					if f.Outcome == gyqc.OutcomeRefused {
						b.Fatalf("a file was refused:\n%s", lastLines(m.out, 40))
					}
				}
				gyqcRun.took += m.took
				gyqcRun.cpu += m.cpu
				gyqcRun.maxMB = max(gyqcRun.maxMB, m.maxMB)
			}
			b.StopTimer()
			b.ReportMetric(float64(n*b.N)/gyqcRun.took.Seconds(), "files/s")
			b.ReportMetric(gyqcRun.maxMB, "peak-RSS-MB")
			b.ReportMetric(float64(gyqcRun.cpu.Milliseconds())/float64(n*b.N), "cpu-ms/file")
			script := `import openpyxl, glob, sys
n = 0
for p in sorted(glob.glob(sys.argv[1] + "/*.xlsx")):
    wb = openpyxl.load_workbook(p, read_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
print(n)`
			py := runMeasured(b, exec.Command(clients.Python(b), "-c", script, set.dir))
			b.ReportMetric(float64(n)/py.took.Seconds(), "openpyxl-files/s")
			b.ReportMetric(py.maxMB, "openpyxl-peak-RSS-MB")
			b.ReportMetric(float64(py.cpu.Milliseconds())/float64(n), "openpyxl-cpu-ms/file")
		})
	}
}

// copyWorkspace copies the database of the workspace that issued the benchmark's returns
// into a fresh folder, as restoring a backup does.
func copyWorkspace(b testing.TB, from, to string) {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(from, store.DatabaseName))
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
