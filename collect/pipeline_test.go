package collect

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/review"
	"github.com/qianjiang/gyqc/store"
)

// openWorkspace opens a fresh workspace with its secret, as after a first `gyqc issue`.
func openWorkspace(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ws"), store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.SealKey(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestEveryRefusalRecorded: files refused before they can be examined are recorded like
// any other refusal and get their 退回意见单: a file over the size limit is archived (it
// used to be neither archived, recorded nor answered), a FIFO handed in as a file is
// recorded by its path. Two unidentified files of the same name from two folders get two
// 退回意见单 (the second used to overwrite the first); a name of 250 bytes gets a feedback
// file name of at most 200 (it used to stop the whole run with ENAMETOOLONG after a chunk
// was committed); a newline in a name is printed escaped, on one line.
func TestEveryRefusalRecorded(t *testing.T) {
	ctx := context.Background()
	st := openWorkspace(t)
	plan := planfile.Default()
	dir := t.TempDir()
	write := func(rel string, data []byte) File {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		info, _ := os.Stat(p)
		return File{Path: p, Size: info.Size(), ModTime: info.ModTime()}
	}
	long := strings.Repeat("黔江区经济和信息化委员会", 6) + "报表.xlsx" // 227 bytes
	fifo := filepath.Join(dir, "管道.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	files := []File{
		write(filepath.Join("邮件一", "报表.xlsx"), []byte("单位,数值\n大数据局,56\n")),
		write(filepath.Join("邮件二", "报表.xlsx"), []byte("单位,数值\n城东街道,3\n")),
		write(long, []byte("不是工作簿")),
		write("报\n表.xlsx", []byte("也不是工作簿")),
		write("太大.xlsx", bytes.Repeat([]byte("PK\x03\x04"), 1024)),
		{Path: fifo},
	}
	var streamed []Result
	opts := Options{Workspace: st.Dir, Period: gyqc.MustPeriod("2025-06"), Feedback: filepath.Join(dir, "意见单"),
		Now: func() time.Time { return time.Date(2025, 7, 2, 9, 0, 0, 0, plan.Location()) }, Limits: intake.Limits{MaxFileSize: 1024}}
	done := make(chan struct{})
	var results []Result
	var err error
	go func() {
		results, err = Run(ctx, plan, st, files, opts, func(r Result) { streamed = append(streamed, r) })
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the run blocked (on the FIFO?)")
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != len(files) || len(streamed) != len(files) {
		t.Fatalf("%d results, %d streamed, for %d files", len(results), len(streamed), len(files))
	}
	seen := map[string]bool{}
	for i, r := range results {
		if r.Outcome != gyqc.OutcomeRefused || len(r.Feedback) != 1 {
			t.Errorf("%s: %s with %d feedback files, want refused with one", r.File, r.Outcome, len(r.Feedback))
			continue
		}
		fb := r.Feedback[0]
		if _, err := os.Stat(fb); err != nil {
			t.Errorf("%s: %v", r.File, err)
		}
		if seen[fb] {
			t.Errorf("%s: feedback %s written twice", r.File, fb)
		}
		seen[fb] = true
		if n := len(filepath.Base(fb)); n > review.MaxFeedbackName {
			t.Errorf("%s: feedback name of %d bytes", r.File, n)
		}
		if strings.ContainsAny(filepath.Base(fb), "\n\r") {
			t.Errorf("feedback name with a line break: %q", fb)
		}
		for _, p := range r.Problems {
			if strings.ContainsAny(p.String(), "\n\r") {
				t.Errorf("problem of file %d prints on more than one line: %q", i, p.String())
			}
		}
	}
	if p := results[4].Problems; len(p) != 1 || p[0].Rule != intake.RuleTooLarge || results[4].Hash == "" {
		t.Errorf("too large: %+v, want refused as too large and archived", results[4])
	} else if b, err := st.ReadArchived(results[4].Hash); err != nil || len(b) != 4096 {
		t.Errorf("too large: archived %d bytes, %v", len(b), err)
	}
	if p := results[5].Problems; len(p) != 1 || p[0].Rule != "file-not-regular" || !strings.Contains(p[0].Message, "命名管道") {
		t.Errorf("FIFO: %+v", results[5].Problems)
	}
	if !strings.Contains(results[3].Problems[0].File, `\n`) {
		t.Errorf("the name with a newline is shown as %q", results[3].Problems[0].File)
	}
	rejected, unread, err := st.Refusals(ctx, opts.Period)
	if err != nil || rejected != 5 || unread != 1 {
		t.Errorf("recorded %d refusals and %d unread files (%v), want 5 and 1", rejected, unread, err)
	}
}
