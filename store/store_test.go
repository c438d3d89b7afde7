package store

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
)

// MustOpen opens a fresh workspace in a temporary folder with a fixed clock.
func MustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), tb.TempDir(), ReadWrite)
	if err != nil {
		tb.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2025, 7, 2, 9, 0, 0, 0, time.UTC) }
	tb.Cleanup(func() { s.Close() })
	return s
}

func f(v float64) *float64 { return &v }

// sample returns a submission of unit for period whose file is data.
func sample(t *testing.T, s *Store, unit, period string, data string, outcome gyqc.Outcome) *gyqc.Submission {
	t.Helper()
	hash, err := s.Archive(context.Background(), unit+".xlsx", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return &gyqc.Submission{
		Unit: unit, Period: gyqc.MustPeriod(period), Received: time.Date(2025, 6, 28, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)),
		Hash: hash, FileName: "返回-" + unit + ".xlsx", Application: "LibreOffice/7.4", Outcome: outcome,
		Filler:     gyqc.Filler{Name: "张三", Phone: "023-79221234", Reviewer: "李四", Date: "2025-06-28"},
		TimeSource: gyqc.TimeMailServer, Sender: "dsjj@qj.example.cn", SenderName: "区大数据局 张三", Subject: "6月报表",
		Tasks: []gyqc.TaskReport{{Task: 16, Role: gyqc.RoleLead, Status: gyqc.StatusOnTrack, Progress: "=本月新增“上云”企业3家", Practice: "“一企一策”上门服务", Issues: "", NextPlan: "继续推进"}},
		Values: []gyqc.IndicatorValue{
			{Key: "cloud-enterprises", Value: f(56), Raw: "56"},
			{Key: "5g-scenarios", Value: f(0), Raw: "0", Note: "尚未建成"},
			{Key: "x-empty", Raw: ""},
		},
		Problems: gyqc.Problems{{Severity: gyqc.SevWarning, Sheet: "指标填报", Cell: "F5", Rule: "jump", Value: "56", Message: "较上期增幅过大", Explained: true, Indicator: "cloud-enterprises"}},
	}
}

func TestRecordRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	in := sample(t, s, "dsjj", "2025-06", "file-a", gyqc.OutcomeWarned)
	got, added, err := s.Record(ctx, in)
	if err != nil || !added {
		t.Fatalf("Record: %v, added %v", err, added)
	}
	if got.Version != 1 || got.ID == 0 || !got.Received.Equal(in.Received) || got.Filler != in.Filler ||
		got.TimeSource != in.TimeSource || got.Sender != in.Sender || got.SenderName != in.SenderName || got.Subject != in.Subject {
		t.Errorf("read back %+v", got)
	}
	if len(got.Tasks) != 1 || got.Tasks[0] != in.Tasks[0] {
		t.Errorf("tasks %+v", got.Tasks)
	}
	if len(got.Values) != 3 || *got.Values[0].Value != 56 || *got.Values[1].Value != 0 || got.Values[2].Value != nil {
		t.Errorf("values: 56, 0 and empty must stay distinct: %+v", got.Values)
	}
	if len(got.Problems) != 1 || !got.Problems[0].Explained || got.Problems[0].File != in.FileName {
		t.Errorf("problems %+v", got.Problems)
	}

	// The same bytes twice change nothing.
	again, added, err := s.Record(ctx, sample(t, s, "dsjj", "2025-06", "file-a", gyqc.OutcomeWarned))
	if err != nil || added || again.ID != got.ID {
		t.Errorf("same bytes again: added %v id %d (want %d), %v", added, again.ID, got.ID, err)
	}
	// A changed resubmission is version 2; both stay.
	v2, added, err := s.Record(ctx, sample(t, s, "dsjj", "2025-06", "file-b", gyqc.OutcomeAccepted))
	if err != nil || !added || v2.Version != 2 {
		t.Fatalf("resubmission: %+v %v %v", v2, added, err)
	}
	all, err := s.Submissions(ctx, gyqc.MustPeriod("2025-01"), gyqc.MustPeriod("2025-12"))
	if err != nil || len(all) != 2 || all[0].Version != 1 || all[1].Version != 2 {
		t.Errorf("history: %d submissions, %v", len(all), err)
	}
}

func TestLastAccepted(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	for _, c := range []struct {
		period, data string
		outcome      gyqc.Outcome
	}{
		{"2025-04", "april", gyqc.OutcomeAccepted},
		{"2025-05", "may-1", gyqc.OutcomeAccepted},
		{"2025-05", "may-2", gyqc.OutcomeWarned},
		{"2025-05", "may-3", gyqc.OutcomeRefused},
	} {
		if _, _, err := s.Record(ctx, sample(t, s, "dsjj", c.period, c.data, c.outcome)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.LastAccepted(ctx, "dsjj", gyqc.MustPeriod("2025-06"))
	if err != nil || got == nil || got.Period.String() != "2025-05" || got.Version != 2 {
		t.Errorf("got %+v, %v; want May version 2 (the refused version 3 is not current)", got, err)
	}
	if got, _ := s.LastAccepted(ctx, "dsjj", gyqc.MustPeriod("2025-04")); got != nil {
		t.Errorf("nothing before April, got %+v", got)
	}
	if got, _ := s.LastAccepted(ctx, "jxw", gyqc.MustPeriod("2025-06")); got != nil {
		t.Errorf("another unit's data leaked: %+v", got)
	}
}

func TestArchiveKeepsEveryFileOnce(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	h1, err := s.Archive(ctx, "a.xlsx", []byte("same"))
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := s.Archive(ctx, "renamed.xlsx", []byte("same"))
	if h1 != h2 || h1 != Hash([]byte("same")) {
		t.Errorf("hashes %s %s", h1, h2)
	}
	b, err := s.ReadArchived(h1)
	if err != nil || string(b) != "same" {
		t.Errorf("archived bytes %q %v", b, err)
	}
	if err := s.Reject(ctx, h1, "a.xlsx", gyqc.MustPeriod("2025-06"), time.Now(), gyqc.Problems{{Rule: "not-template", Message: "不是本系统下发的模板"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Reject(ctx, h1, "a.xlsx", gyqc.MustPeriod("2025-06"), time.Now(), nil); err != nil {
		t.Fatalf("the same reject twice: %v", err)
	}
}

func TestSecondWriterIsToldTheWorkspaceIsBusy(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	first, err := Open(ctx, dir, ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	old := BusyWait
	BusyWait = 200 * time.Millisecond
	defer func() { BusyWait = old }()
	start := time.Now()
	_, err = Open(ctx, dir, ReadWrite)
	if gyqc.ErrorCode(err) != gyqc.EBusy || !strings.Contains(err.Error(), "正被另一个 gyqc 进程使用") {
		t.Fatalf("got %v, want a busy error", err)
	}
	if time.Since(start) < 150*time.Millisecond {
		t.Errorf("did not wait before giving up")
	}
	first.Close()
	second, err := Open(ctx, dir, ReadWrite)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	second.Close()
}

// TestReadOnlyNeedsAWorkspace: opening a folder that is no workspace (missing, empty, or a
// file) for reading is "工作区不存在" and creates nothing.
func TestReadOnlyNeedsAWorkspace(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, ws := range []string{filepath.Join(dir, "none"), t.TempDir(), file} {
		_, err := Open(context.Background(), ws, ReadOnly)
		if gyqc.ErrorCode(err) != gyqc.ENotFound || !strings.Contains(err.Error(), "工作区不存在") {
			t.Errorf("%s: got %v", ws, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none")); !os.IsNotExist(err) {
		t.Errorf("opening for reading created the workspace")
	}
}

// TestKilledWriterLeavesAConsistentDatabase kills (SIGKILL) a child process while it writes
// submissions in a loop, then checks the database is sound and a rerun completes.
func TestKilledWriterLeavesAConsistentDatabase(t *testing.T) {
	if dir := os.Getenv("GYQC_STORE_CHILD"); dir != "" {
		s, err := Open(context.Background(), dir, ReadWrite)
		if err != nil {
			panic(err)
		}
		for i := 0; ; i++ {
			sub := sample(t, s, "dsjj", "2025-06", fmt.Sprintf("file-%d", i), gyqc.OutcomeAccepted)
			if _, _, err := s.Record(context.Background(), sub); err != nil {
				panic(err)
			}
			if i == 3 {
				os.WriteFile(filepath.Join(dir, "started"), nil, 0o644)
			}
		}
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriterLeavesAConsistentDatabase$")
	cmd.Env = append(os.Environ(), "GYQC_STORE_CHILD="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(dir, "started")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("child never started writing")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond)
	cmd.Process.Kill()
	cmd.Wait()

	ctx := context.Background()
	s, err := Open(ctx, dir, ReadWrite)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	if res, err := s.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	subs, err := s.Submissions(ctx, gyqc.MustPeriod("2025-06"), gyqc.MustPeriod("2025-06"))
	if err != nil || len(subs) < 4 {
		t.Fatalf("after kill: %d submissions, %v", len(subs), err)
	}
	for i, sub := range subs {
		if sub.Version != i+1 || len(sub.Tasks) != 1 || len(sub.Values) != 3 {
			t.Fatalf("submission %d half-written: version %d, %d tasks, %d values", i, sub.Version, len(sub.Tasks), len(sub.Values))
		}
		if _, err := s.ReadArchived(sub.Hash); err != nil {
			t.Fatalf("archive incomplete: %v", err)
		}
	}
	if _, added, err := s.Record(ctx, sample(t, s, "dsjj", "2025-06", "after-the-kill", gyqc.OutcomeAccepted)); err != nil || !added {
		t.Fatalf("rerun: %v", err)
	}
}

func TestLatestAcceptedMatchesLastAccepted(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	for _, c := range []struct {
		unit, period, data string
		outcome            gyqc.Outcome
	}{
		{"dsjj", "2025-04", "d-april", gyqc.OutcomeAccepted},
		{"dsjj", "2025-05", "d-may-1", gyqc.OutcomeAccepted},
		{"dsjj", "2025-05", "d-may-2", gyqc.OutcomeWarned},
		{"dsjj", "2025-05", "d-may-3", gyqc.OutcomeRefused},
		{"jxw", "2025-03", "j-march", gyqc.OutcomeWarned},
		{"jxw", "2025-06", "j-june", gyqc.OutcomeAccepted},
		{"czj", "2025-05", "c-may", gyqc.OutcomeRefused},
	} {
		if _, _, err := s.Record(ctx, sample(t, s, c.unit, c.period, c.data, c.outcome)); err != nil {
			t.Fatal(err)
		}
	}
	before := gyqc.MustPeriod("2025-06")
	all, err := s.LatestAccepted(ctx, before)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 {
		t.Errorf("got %d units, want dsjj and jxw (czj has nothing accepted)", len(all))
	}
	for _, unit := range []string{"dsjj", "jxw", "czj"} {
		one, _ := s.LastAccepted(ctx, unit, before)
		got := all[unit]
		if (one == nil) != (got == nil) || one != nil && (one.ID != got.ID || len(got.Tasks) != len(one.Tasks) || len(got.Values) != len(one.Values)) {
			t.Errorf("%s: LatestAccepted %+v, LastAccepted %+v", unit, got, one)
		}
	}
}

func TestStageAndFlush(t *testing.T) {
	s := MustOpen(t)
	h, err := s.Stage("a.xlsx", []byte("staged"))
	if err != nil {
		t.Fatal(err)
	}
	if h2, err := s.Stage("b.xlsx", []byte("staged")); err != nil || h2 != h {
		t.Fatalf("staging the same bytes twice: %s %v", h2, err)
	}
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	b, err := s.ReadArchived(h)
	if err != nil || string(b) != "staged" {
		t.Errorf("%q %v", b, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(s.ArchivePath(h)))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestWaiting(t *testing.T) {
	dir := t.TempDir()
	holder, err := Open(context.Background(), dir, ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	if Waiting(dir) {
		t.Fatal("waiting before anyone waits")
	}
	opened := make(chan error, 1)
	go func() {
		st, err := Open(context.Background(), dir, ReadOnly)
		if err == nil {
			st.Close()
		}
		opened <- err
	}()
	deadline := time.Now().Add(3 * time.Second)
	for !Waiting(dir) {
		if time.Now().After(deadline) {
			t.Fatal("a run waiting for the workspace is not seen")
		}
		time.Sleep(10 * time.Millisecond)
	}
	holder.Close()
	if err := <-opened; err != nil {
		t.Fatal(err)
	}
	if Waiting(dir) {
		t.Error("still waiting after the run got the workspace")
	}
}
