package samples

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestBatchMess(t *testing.T) {
	plan := planfile.Default()
	office := plan.Registry.UnitByName(plan.Reporting.OfficeUnit).Code
	tests := []struct {
		Name     string
		Seed     int64
		Period   string
		Scenario Scenario
	}{
		{"messy mid horizon", testSeed, "2024-06", Messy},
		{"messy last period", 5, "2025-12", Messy},
		{"two of each", 9, "2023-11", Scenario{Late: 2, Missing: 2, Errors: 2, Resubmit: 2, Copied: 2, Misnamed: 2, Resaved: 2}},
		{"first period", 3, "2022-09", Messy},
		{"clean", 3, "2024-02", Clean},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			g := mustGenerator(t, plan, tt.Seed)
			p := gyqc.MustPeriod(tt.Period)
			b, err := g.Batch(p, tt.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			clean, _ := g.Returns(p)
			c := &batchCheck{t: t, g: g, plan: plan, p: p, due: plan.Due(p), cleanOf: map[string]*Return{},
				number: regexp.MustCompile(`^-?\d+(\.\d+)?$`)}
			for _, r := range clean {
				c.cleanOf[r.Unit] = r
			}
			checkBatchManifest(t, plan, b.Manifest, tt.Scenario, p, office)
			files := checkBatchFiles(t, b)
			for _, u := range b.Manifest.Units {
				c.unit(u, files[u.Code])
			}
		})
	}
}

// checkBatchManifest: every responsible unit is in the manifest once, with the state its
// mess implies, as many of each mess as the scenario asks, none but harmless ones for the
// office's own unit.
func checkBatchManifest(t *testing.T, plan *gyqc.Plan, m *Manifest, sc Scenario, p gyqc.Period, office string) {
	t.Helper()
	if len(m.Units) != len(plan.ResponsibleUnits()) {
		t.Fatalf("%d units in the manifest, want %d", len(m.Units), len(plan.ResponsibleUnits()))
	}
	want := map[Mess]int{MessLate: sc.Late, MessMissing: sc.Missing, MessErrors: sc.Errors,
		MessResubmit: sc.Resubmit, MessCopied: sc.Copied, MessMisnamed: sc.Misnamed,
		MessResaved: sc.Resaved, MessPercent: sc.Percent, MessUntouched: sc.Untouched,
		MessLegacy: sc.Legacy}
	if p == plan.Horizon.First {
		want[MessCopied] = 0
		if len(m.Notes) == 0 {
			t.Error("no note that the first period cannot copy last month")
		}
	}
	for x, n := range want {
		if got := len(m.WithMess(x)); got != n {
			t.Errorf("%d units with %s, want %d", got, x, n)
		}
	}
	stateOf := map[Mess]State{"": StateOnTime, MessLate: StateLate, MessMissing: StateMissing, MessErrors: StateRefused,
		MessResubmit: StateOnTime, MessCopied: StateOnTime, MessMisnamed: StateOnTime, MessResaved: StateOnTime,
		MessPercent: StateOnTime, MessUntouched: StateRefused, MessLegacy: StateRefused}
	for _, u := range m.Units {
		if u.State != stateOf[u.Mess] {
			t.Errorf("%s: state %s with mess %q", u.Code, u.State, u.Mess)
		}
		if u.Code == office && u.Mess != "" && u.Mess != MessMisnamed && u.Mess != MessResaved && u.Mess != MessPercent {
			t.Errorf("the office's own unit got %s", u.Mess)
		}
	}

}

// checkBatchFiles: files sorted by arrival, names unique, each in the manifest; it returns
// each unit's files.
func checkBatchFiles(t *testing.T, b *Batch) map[string][]*Return {
	t.Helper()
	m := b.Manifest
	names := map[string]bool{}
	files := map[string][]*Return{}
	for i, r := range b.Returns {
		if i > 0 && r.Received.Before(b.Returns[i-1].Received) {
			t.Errorf("files not in order of arrival at %s", r.FileName)
		}
		if names[r.FileName] {
			t.Errorf("two files named %s", r.FileName)
		}
		names[r.FileName] = true
		files[r.Unit] = append(files[r.Unit], r)
		if f := m.File(r.FileName); f == nil || f.Unit != r.Unit || !f.Received.Equal(r.Received) {
			t.Errorf("manifest entry of %s is %+v", r.FileName, f)
		}
	}
	return files
}

// batchCheck holds what checking one unit's files of a batch needs.
type batchCheck struct {
	t       *testing.T
	g       *Generator
	plan    *gyqc.Plan
	p       gyqc.Period
	due     time.Time
	cleanOf map[string]*Return // the clean return of each unit
	number  *regexp.Regexp
}

// unit checks the files fs of unit u against its mess: times consistent with the state,
// the file refused, corrected, copied or misnamed as the mess says, the rest the clean return.
func (c *batchCheck) unit(u UnitEntry, fs []*Return) {
	t := c.t
	t.Helper()
	if len(fs) != u.Files {
		t.Errorf("%s: %d files, manifest says %d", u.Code, len(fs), u.Files)
	}
	switch u.Mess {
	case MessMissing:
		if len(fs) != 0 {
			t.Errorf("%s is missing but sent %d files", u.Code, len(fs))
		}
		return
	case MessLate:
		if !fs[0].Received.After(c.due) || fs[0].Received.After(c.due.AddDate(0, 0, 6)) {
			t.Errorf("%s late at %s, due %s", u.Code, fs[0].Received, c.due)
		}
	case MessErrors, MessResubmit:
		bad := fs[0]
		if !bad.Has(MessErrors) || !spoiled(bad, c.number) {
			t.Errorf("%s: first file is not refusable: %+v", u.Code, bad.Details)
		}
		if u.Mess == MessResubmit {
			if len(fs) != 2 || fs[1].Version != 2 || !fs[1].Received.After(bad.Received) || !fs[1].Received.Before(c.due) {
				t.Fatalf("%s: resubmission %d files", u.Code, len(fs))
			}
			if spoiled(fs[1], c.number) || !equalContent(fs[1], c.cleanOf[u.Code]) {
				t.Errorf("%s: corrected file differs from the clean return", u.Code)
			}
		}
	case MessCopied:
		last, err := c.g.Return(u.Code, c.p.Add(-1))
		if err != nil {
			t.Fatal(err)
		}
		for i, tr := range fs[0].Tasks {
			if tr.Progress != last.Tasks[i].Progress || tr.NextPlan != last.Tasks[i].NextPlan {
				t.Errorf("%s task %d: not copied from last month", u.Code, tr.Task)
			}
		}
		if !slices.EqualFunc(fs[0].Values, c.cleanOf[u.Code].Values, sameValue) {
			t.Errorf("%s: copying the texts changed this month's figures", u.Code)
		}
	case MessMisnamed:
		name := c.plan.Registry.Unit(u.Code).Name
		if strings.Contains(fs[0].FileName, name) || strings.Contains(fs[0].FileName, u.Code) {
			t.Errorf("%s: misleading file name %s still names the unit", u.Code, fs[0].FileName)
		}
		other := false
		for _, x := range c.plan.Registry.Units {
			other = other || (x.Code != u.Code && strings.Contains(fs[0].FileName, x.Name))
		}
		if !other {
			t.Errorf("%s: file name %s names no other unit", u.Code, fs[0].FileName)
		}
	}
	if u.Mess != MessLate && u.Mess != MessMissing {
		for _, f := range fs {
			if !f.Received.Before(c.due) {
				t.Errorf("%s (%q): received %s, after the deadline", u.Code, u.Mess, f.Received)
			}
		}
	}
	if u.Mess == "" && !equalContent(fs[0], c.cleanOf[u.Code]) {
		t.Errorf("%s: a unit without mess sent something else than its clean return", u.Code)
	}
	if last := fs[len(fs)-1]; u.Received == nil || !u.Received.Equal(last.Received) {
		t.Errorf("%s: manifest received %v, last file %s", u.Code, u.Received, last.Received)
	}
}

// spoiled reports whether a return has an error that refuses it: a lead task with no
// progress, or a value cell holding text that is not a number.
func spoiled(r *Return, number *regexp.Regexp) bool {
	for _, t := range r.Tasks {
		if t.Role == gyqc.RoleLead && t.Progress == "" {
			return true
		}
	}
	for _, v := range r.Values {
		if v.Value == nil && v.Raw != "" && !number.MatchString(v.Raw) {
			return true
		}
	}
	return false
}

func sameValue(a, b gyqc.IndicatorValue) bool {
	return a.Key == b.Key && a.Raw == b.Raw && (a.Value == nil) == (b.Value == nil) && (a.Value == nil || *a.Value == *b.Value)
}

// equalContent compares what two returns say, ignoring arrival and file name.
func equalContent(a, b *Return) bool {
	return a.Unit == b.Unit && slices.Equal(a.Tasks, b.Tasks) && slices.EqualFunc(a.Values, b.Values, sameValue)
}

func TestHabitualLatecomer(t *testing.T) {
	g := mustGenerator(t, planfile.Default(), testSeed)
	count := map[string]int{}
	for _, p := range g.periods {
		b, err := g.Batch(p, Messy)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range b.Manifest.InState(StateLate) {
			count[c]++
		}
	}
	most := 0
	for _, n := range count {
		most = max(most, n)
	}
	if most < len(g.periods)/3 {
		t.Errorf("no unit is habitually late: %v", count)
	}
}

func TestBatchOutsideHorizon(t *testing.T) {
	g := mustGenerator(t, planfile.Default(), 1)
	for _, s := range []string{"2022-08", "2026-01"} {
		if _, err := g.Batch(gyqc.MustPeriod(s), Messy); gyqc.ErrorCode(err) != gyqc.EInvalid {
			t.Errorf("%s: got %v, want an invalid-period error", s, err)
		}
	}
	if _, err := g.Return("nosuch", gyqc.MustPeriod("2024-01")); gyqc.ErrorCode(err) != gyqc.ENotFound {
		t.Errorf("unknown unit: got %v", err)
	}
}
