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
	gen, err := samples.New(plan, 1)
	if err != nil {
		t.Fatal(err)
	}
	rets, err := gen.Returns(period)
	if err != nil {
		t.Fatal(err)
	}
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
		var buf bytes.Buffer
		opts := templates.Options{Issued: time.Date(2025, 6, 25, 9, 0, 0, 0, plan.Location()), Key: key}
		if _, err := templates.Write(&buf, plan, plan.Registry.Unit(r.Unit), period, nil, opts); err != nil {
			t.Fatal(err)
		}
		data, err := samples.Fill(buf.Bytes(), r)
		if err != nil {
			t.Fatal(err)
		}
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
