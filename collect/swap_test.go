//go:build unix

package collect

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/mailbox"
	"github.com/qianjiang/gyqc/planfile"
)

// TestSwappedAfterGather: a file replaced between Gather and the reading — by a symbolic
// link (to another return, to /dev/zero), a FIFO or another file renamed over it — is not
// read: it is refused as swapped, nothing of the link's target is archived, and nothing
// blocks. The swap is real: Gather runs, the test changes the folder, then Run opens. A
// file written to after it was found is refused the same way. A file left alone and a link
// named on the command line (followed, as always) are read. Before O_NOFOLLOW and the
// identity check the links were followed and their targets read.
func TestSwappedAfterGather(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "收件箱")
	os.MkdirAll(in, 0o755)
	other := filepath.Join(dir, "别的单位.xlsx")
	write := func(p, text string) {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(other, "别的单位的报表")
	replace := func(p string, with func(string) error) func() {
		return func() {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := with(p); err != nil {
				t.Fatal(err)
			}
		}
	}
	link := func(target string) func(string) error {
		return func(p string) error { return os.Symlink(target, p) }
	}
	fifo := func(p string) error { return syscall.Mkfifo(p, 0o644) }
	renamed := func(p string) error {
		write(p+".new", "改过的报表，长了一些")
		return os.Rename(p+".new", p)
	}
	cmdLink := filepath.Join(dir, "命令行链接.xlsx")
	cmdTarget := filepath.Join(dir, "命令行目标.xlsx")
	write(cmdTarget, "命令行上给出的报表")
	os.Symlink(cmdTarget, cmdLink)
	cases := []struct {
		name, file string
		swap       func() // after Gather, before Run
		want       string // the rule of the refusal; "" not swapped
		message    string
	}{
		{"replaced by a link to another unit's return", "a.xlsx", nil, "file-swapped", "替换为链接/特殊文件（现在是符号链接）"},
		{"replaced by a link to /dev/zero", "b.xlsx", nil, "file-swapped", "替换为链接/特殊文件（现在是符号链接）"},
		{"replaced by a FIFO", "c.xlsx", nil, "file-swapped", "替换为链接/特殊文件（现在是命名管道）"},
		{"another file renamed over it", "d.xlsx", nil, "file-swapped", "被替换为另一个文件或被改动"},
		{"written to after it was found", "f.xlsx", nil, "file-swapped", "被替换为另一个文件或被改动"},
		{"left alone", "e.xlsx", func() {}, "", ""},
		{"a link named on the command line, left alone", "", func() {}, "", ""},
		{"a link named on the command line, its target swapped", "", nil, "file-swapped", "被替换为另一个文件"},
	}
	cases[0].swap = replace(filepath.Join(in, "a.xlsx"), link(other))
	cases[1].swap = replace(filepath.Join(in, "b.xlsx"), link("/dev/zero"))
	cases[2].swap = replace(filepath.Join(in, "c.xlsx"), fifo)
	cases[3].swap = replace(filepath.Join(in, "d.xlsx"), renamed)
	cases[4].swap = func() {
		f, err := os.OpenFile(filepath.Join(in, "f.xlsx"), os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("，还在写")
		f.Close()
	}
	cases[7].swap = replace(cmdTarget, renamed)
	for _, c := range cases[:6] {
		write(filepath.Join(in, c.file), "原来的报表")
	}
	files, _, err := Gather([]string{in, cmdLink})
	if err != nil || len(files) != 7 {
		t.Fatalf("gathered %d files (%v), want 7", len(files), err)
	}
	files[4], files[5] = files[5], files[4] // e.xlsx, f.xlsx: in the order of the cases
	files = append(files, files[6])         // the link twice: left alone, then swapped
	st := openWorkspace(t)
	plan := planfile.Default()
	opts := Options{Workspace: st.Dir, Period: gyqc.MustPeriod("2025-06"), Feedback: filepath.Join(dir, "意见单"),
		Now: func() time.Time { return time.Date(2025, 7, 2, 9, 0, 0, 0, plan.Location()) }}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.swap()
			results := runBounded(t, func() ([]Result, error) {
				return Run(context.Background(), plan, st, files[i:i+1], opts, nil)
			})
			checkSwapped(t, results, c.want, c.message)
		})
	}
}

// checkSwapped checks the one result of a run: refused as swapped with message, nothing
// read (want "file-swapped"), or read and archived (want "").
func checkSwapped(t *testing.T, results []Result, want, message string) {
	t.Helper()
	if len(results) != 1 {
		t.Fatalf("%d results", len(results))
	}
	r := results[0]
	var rules []string
	for _, p := range r.Problems {
		rules = append(rules, string(p.Rule))
	}
	swapped := strings.Contains(strings.Join(rules, " "), "file-swapped")
	if want == "" {
		if swapped || r.Hash == "" {
			t.Errorf("a file not swapped: rules %v, archived %q; want read and archived", rules, r.Hash)
		}
		return
	}
	if !swapped || len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Message, message) {
		t.Errorf("got %s %+v, want one %s problem saying %q", r.Outcome, r.Problems, want, message)
	}
	if r.Outcome != gyqc.OutcomeRefused || r.Hash != "" {
		t.Errorf("outcome %s, archived %q: want refused, nothing read", r.Outcome, r.Hash)
	}
}

// runBounded runs run, failing the test when it takes more than 20 s (a FIFO read would
// block for ever).
func runBounded(t *testing.T, run func() ([]Result, error)) []Result {
	t.Helper()
	done := make(chan struct{})
	var results []Result
	var err error
	go func() {
		results, err = run()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the run blocked")
	}
	if err != nil {
		t.Fatal(err)
	}
	return results
}

// TestSwappedMailFile: a mail file swapped for a FIFO after Gather does not block Expand
// (its first bytes used to be read through a blocking open) and is refused by the
// pipeline as swapped, not as a batch-stopping error.
func TestSwappedMailFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "来信.eml")
	if err := os.WriteFile(p, []byte("From: a@b.cn\r\nSubject: 报表\r\n\r\n正文\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, _, err := Gather([]string{dir})
	if err != nil || len(files) != 1 {
		t.Fatalf("gathered %d files (%v)", len(files), err)
	}
	os.Remove(p)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan struct{})
	go func() {
		files, _, err = Expand(files, mailbox.Options{Location: time.UTC}, nil)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Expand blocked on the FIFO")
	}
	if err != nil || len(files) != 1 {
		t.Fatalf("Expand: %d files, %v; want the file passed on", len(files), err)
	}
	st := openWorkspace(t)
	plan := planfile.Default()
	opts := Options{Workspace: st.Dir, Period: gyqc.MustPeriod("2025-06"), Feedback: filepath.Join(dir, "意见单"),
		Now: func() time.Time { return time.Date(2025, 7, 2, 9, 0, 0, 0, plan.Location()) }}
	results := runBounded(t, func() ([]Result, error) { return Run(context.Background(), plan, st, files, opts, nil) })
	if len(results) != 1 || len(results[0].Problems) != 1 || results[0].Problems[0].Rule != RuleFileSwapped {
		t.Errorf("results %+v, want one refusal as swapped", results)
	}
}
