package collect

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/review"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/templates"
)

// TestCopyCheckAcrossRuns: a progress text copied from a return collected in an earlier run
// is found (the index of the period's current returns is built from the workspace, reading
// only their progress texts); the unit's own earlier text is not a copy.
func TestCopyCheckAcrossRuns(t *testing.T) {
	ctx := context.Background()
	st := openWorkspace(t)
	key, err := st.SealKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	plan := planfile.Default()
	period := gyqc.MustPeriod("2025-06")
	rets := sampleReturns(t, plan, period)
	var a, b *samples.Return
	for _, r := range rets {
		if len(r.Tasks) == 0 {
			continue
		}
		if a == nil {
			a = r
		} else if b == nil {
			b = r
		}
	}
	copied := a.Tasks[0].Progress
	b.Tasks[0].Progress = copied
	dir := t.TempDir()
	file := func(r *samples.Return, name string) File {
		data := filled(t, plan, key, r)
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return File{Path: p, Size: int64(len(data))}
	}
	opts := Options{Workspace: st.Dir, Period: period, Feedback: filepath.Join(dir, "意见单"),
		Received: time.Date(2025, 6, 28, 10, 0, 0, 0, plan.Location())}
	copies := func(files ...File) []int {
		res, err := Run(ctx, plan, st, files, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		var n []int
		for _, r := range res {
			c := 0
			for _, p := range r.Problems {
				if p.Rule == review.RuleCopiedOtherUnit {
					c++
				}
			}
			n = append(n, c)
		}
		return n
	}
	if got := copies(file(a, "a.xlsx")); got[0] != 0 {
		t.Fatalf("first return: %d copies found", got[0])
	}
	a.Tasks[1%len(a.Tasks)].Issues = "第二版" // the same unit again, its own text unchanged
	if got := copies(file(b, "b.xlsx"), file(a, "a2.xlsx")); got[0] != 1 || got[1] != 0 {
		t.Errorf("copies found %v, want [1 0]: the other unit's text from the earlier run, not the unit's own", got)
	}
}

// TestPreviousReturn: a return is compared with its unit's last accepted return of an earlier
// period (本月工作进展与上月完全相同), or with that of the code the unit had before
// (Options.Predecessors) when it is later; a unit without history, or another unit's history,
// is compared with nothing.
func TestPreviousReturn(t *testing.T) {
	ctx := context.Background()
	plan := planfile.Default()
	period := gyqc.MustPeriod("2025-06")
	rets := sampleReturns(t, plan, period)
	var r *samples.Return
	for _, x := range rets {
		if len(x.Tasks) > 0 && r == nil {
			r = x
		}
	}
	earlier := func(code string, p gyqc.Period) *gyqc.Submission {
		return &gyqc.Submission{Unit: code, Period: p, Received: p.Start(plan.Location()), Hash: code + p.String(),
			FileName: "上期.xlsx", Outcome: gyqc.OutcomeAccepted, Tasks: []gyqc.TaskReport{{Task: r.Tasks[0].Task, Role: r.Tasks[0].Role,
				Status: r.Tasks[0].Status, Progress: r.Tasks[0].Progress}}}
	}
	for _, tc := range []struct {
		name  string
		prior []*gyqc.Submission
		preds map[string][]string
		want  int
	}{
		{"no history", nil, nil, 0},
		{"the unit's own last month", []*gyqc.Submission{earlier(r.Unit, gyqc.MustPeriod("2025-05"))}, nil, 1},
		{"the code it had before, later than its own", []*gyqc.Submission{
			{Unit: r.Unit, Period: gyqc.MustPeriod("2025-03"), Received: time.Date(2025, 3, 30, 0, 0, 0, 0, time.UTC), Hash: "own", FileName: "旧.xlsx", Outcome: gyqc.OutcomeAccepted},
			earlier("oldcode", gyqc.MustPeriod("2025-05"))}, map[string][]string{r.Unit: {"oldcode"}}, 1},
		{"another unit's history", []*gyqc.Submission{earlier("oldcode", gyqc.MustPeriod("2025-05"))}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := openWorkspace(t)
			key, err := st.SealKey(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.prior {
				if s.Hash, err = st.Archive(ctx, s.FileName, []byte(s.Unit+s.Period.String())); err != nil {
					t.Fatal(err)
				}
				if _, _, err := st.Record(ctx, s); err != nil {
					t.Fatal(err)
				}
			}
			data := filled(t, plan, key, r)
			res, err := Run(ctx, plan, st, []File{{Path: "本期.xlsx", Data: data}}, Options{Workspace: st.Dir, Period: period,
				Feedback: filepath.Join(t.TempDir(), "意见单"), Predecessors: tc.preds,
				Received: time.Date(2025, 6, 28, 10, 0, 0, 0, plan.Location())}, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, p := range res[0].Problems {
				if p.Rule == review.RuleCopiedLastMonth {
					got++
				}
			}
			if got != tc.want {
				t.Errorf("%d warnings of a copy of last month, want %d: %v", got, tc.want, res[0].Problems)
			}
		})
	}
}

// sampleReturns returns the sample returns of the plan's units for period.
func sampleReturns(t *testing.T, plan *gyqc.Plan, period gyqc.Period) []*samples.Return {
	t.Helper()
	gen, err := samples.New(plan, 1)
	if err != nil {
		t.Fatal(err)
	}
	rets, err := gen.Returns(period)
	if err != nil {
		t.Fatal(err)
	}
	return rets
}

// filled returns the template of r's unit sealed by key, filled with r.
func filled(t *testing.T, plan *gyqc.Plan, key []byte, r *samples.Return) []byte {
	t.Helper()
	var buf bytes.Buffer
	opts := templates.Options{Issued: time.Date(2025, 6, 25, 9, 0, 0, 0, plan.Location()), Key: key}
	if _, err := templates.Write(&buf, plan, plan.Registry.Unit(r.Unit), r.Period, nil, opts); err != nil {
		t.Fatal(err)
	}
	data, err := samples.Fill(buf.Bytes(), r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
