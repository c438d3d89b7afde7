package samples

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// dumpBatch writes a batch as text: the manifest, then every file with everything its unit
// wrote, in the order of arrival.
func dumpBatch(plan *gyqc.Plan, b *Batch) string {
	var w strings.Builder
	m := b.Manifest
	fmt.Fprintf(&w, "# %s %s，种子 %d，截止 %s\n", m.Plan, m.Period.Label(), m.Seed, plan.DueLabel(m.Period))
	for _, u := range m.Units {
		fmt.Fprintf(&w, "单位 %-6s %-10s %s %s\n", u.Code, u.State.Label(), u.Mess.Label(), u.Name)
	}
	for _, n := range m.Notes {
		fmt.Fprintf(&w, "说明 %s\n", n)
	}
	for _, r := range b.Returns {
		fmt.Fprintf(&w, "\n== %s（%s，第%d版，%s收到）", r.FileName, r.Unit, r.Version, r.Received.Format("2006-01-02 15:04"))
		if len(r.Mess) > 0 {
			fmt.Fprintf(&w, " %v %s", r.Mess, strings.Join(r.Details, "；"))
		}
		fmt.Fprintf(&w, "\n填报人 %s  联系电话 %s  审核人 %s  填报日期 %s\n", r.Filler.Name, r.Filler.Phone, r.Filler.Reviewer, r.Filler.Date)
		for _, t := range r.Tasks {
			fmt.Fprintf(&w, "[任务%d %s %s]\n  进展：%s\n  问题：%s\n  计划：%s\n", t.Task, t.Role.Label(), t.Status, t.Progress, t.Issues, t.NextPlan)
		}
		for _, v := range r.Values {
			ind := plan.Indicator(v.Key)
			fmt.Fprintf(&w, "[指标 %s] %s %s", ind.Name, v.Raw, ind.Measure)
			if v.Note != "" {
				fmt.Fprintf(&w, "（%s）", v.Note)
			}
			fmt.Fprintln(&w)
		}
	}
	return w.String()
}

func TestGoldenBatch(t *testing.T) {
	plan := planfile.Default()
	tests := []struct {
		Name, Period string
		Seed         int64
	}{
		{"2025-06_messy", "2025-06", testSeed},
		{"2022-09_messy", "2022-09", testSeed},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			b, err := mustGenerator(t, plan, tt.Seed).Batch(gyqc.MustPeriod(tt.Period), Messy)
			if err != nil {
				t.Fatal(err)
			}
			got := []byte(dumpBatch(plan, b))
			path := filepath.Join("testdata", "golden", tt.Name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./samples -run TestGoldenBatch -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) && i < len(wl); i++ {
					if gl[i] != wl[i] {
						t.Fatalf("%s differs at line %d:\ngot  %s\nwant %s\n(run with -update if the change is intended)", path, i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("%s differs in length: %d lines, want %d (run with -update if intended)", path, len(gl), len(wl))
			}
		})
	}
}
