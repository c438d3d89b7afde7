package review

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// FuzzExamine covers the whole path from bytes to a checked return, under any file name and
// with or without the unit's previous return to compare with. The property: a result or
// positional problems, never a panic; a refusal always has an error and every problem names
// the file; a figure is stored only from a cell holding a number, never from an error,
// logical or date cell, and no text from an error or logical cell; a percent-formatted cell
// of a % indicator is stored as the percentage it shows; an estimate or a bound is never
// stored without a warning naming it; a file attributed by its name alone is an unreadable
// old-format file, refused, under its template's name. The seed corpus (filled templates,
// every file of ../intake/testdata/bad, whose content cases are returns sealed with testKey
// and spoilt in every way the checks know, an old .xls under its template's name) runs in the
// normal suite.
func FuzzExamine(f *testing.F) {
	plan := planfile.Default()
	f.Add(filledReturn(f, plan, "dsjj", "2025-06"), "fuzz.xlsx", false)
	f.Add(filledReturn(f, plan, "zsz", "2025-06"), "fuzz.xlsx", true)
	bad, _ := filepath.Glob("../intake/testdata/bad/*")
	for i, p := range bad {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "fuzz.xlsx", i%2 == 0)
		}
	}
	if b, err := os.ReadFile("../intake/testdata/bad/legacy-libreoffice.xls"); err == nil {
		f.Add(b, "2025-06_jxw_区经济信息委.xls", false)
		f.Add(b, "2025-06_jxw_再次报送.et", false)
	}
	base := Input{Plan: plan, Period: gyqc.MustPeriod("2025-06"), Key: testKey}
	f.Fuzz(func(t *testing.T, data []byte, name string, previous bool) {
		in := base
		if previous {
			in.Previous = func(unit string) *gyqc.Submission { return previousReturn(plan, unit) }
		}
		ex := Examine(name, data, in)
		if ex.Outcome == gyqc.OutcomeRefused && len(ex.Problems.Errors()) == 0 {
			t.Fatalf("refused without an error: %v", ex.Problems)
		}
		if ex.Outcome != gyqc.OutcomeRefused && !ex.Attributed {
			t.Fatalf("accepted without attribution")
		}
		for _, p := range ex.Problems {
			if p.File != name || p.Message == "" {
				t.Fatalf("problem without file or message: %+v", p)
			}
		}
		checkByName(t, ex, name, in)
		checkKinds(t, ex)
		checkReadAsShown(t, ex, plan)
	})
}

// previousReturn is a May 2025 return of unit with every figure at 10, to compare with.
func previousReturn(plan *gyqc.Plan, unit string) *gyqc.Submission {
	s := &gyqc.Submission{Unit: unit, Period: gyqc.MustPeriod("2025-05")}
	for _, ind := range plan.ReportedIndicators(unit) {
		s.Values = append(s.Values, gyqc.IndicatorValue{Key: ind.Key, Value: fp(10)})
	}
	return s
}

// checkByName: only an unreadable old-format file is attributed by its name, and only under
// the name of its unit's template for the period; it stays refused.
func checkByName(t *testing.T, ex *Examined, name string, in Input) {
	if !ex.ByFileName {
		return
	}
	ole := false
	for _, p := range ex.Problems {
		ole = ole || p.Rule == intake.RuleOLE
	}
	u := UnitByFileName(in.Plan, in.Period, name)
	if !ole || ex.Outcome != gyqc.OutcomeRefused || u == nil || ex.Unit != u || ex.Returned != nil {
		t.Fatalf("attributed by the name %q: unit %v, outcome %s, problems %v", name, ex.Unit, ex.Outcome, ex.Problems)
	}
}

// checkReadAsShown: a % figure from a percent-formatted cell is the percentage the cell
// shows; a figure read from an estimate or a bound (约30家, 30左右, ≥30) carries a warning
// that names what was read.
func checkReadAsShown(t *testing.T, ex *Examined, plan *gyqc.Plan) {
	if ex.Returned == nil {
		return
	}
	for _, v := range ex.Values {
		rv, ind := ex.Returned.Value(v.Key), plan.Indicator(v.Key)
		if v.Value == nil || rv == nil || ind == nil {
			continue
		}
		switch rv.Value.Kind {
		case templates.KindPercent:
			raw, err := strconv.ParseFloat(strings.TrimSpace(rv.Value.Text), 64)
			if ind.Measure != "%" || err != nil || *v.Value != percentOf(raw) {
				t.Fatalf("%s stored as %v from a percent cell holding %q (measure %s)", v.Key, *v.Value, rv.Value.Text, ind.Measure)
			}
		case templates.KindText:
			if ParseNumber(rv.Value.Text, ind.Measure).Approx == "" {
				continue
			}
			warned := false
			for _, p := range ex.Problems {
				warned = warned || p.Rule == RuleApproximate && p.Indicator == v.Key && p.Severity == gyqc.SevWarning &&
					strings.Contains(p.Message, strings.TrimSpace(rv.Value.Text))
			}
			if !warned {
				t.Fatalf("%s stored as %v from the estimate %q without a warning naming it: %v", v.Key, *v.Value, rv.Value.Text, ex.Problems)
			}
		}
	}
}

// checkKinds: nothing is stored from a cell of the wrong kind.
func checkKinds(t *testing.T, ex *Examined) {
	if ex.Returned == nil {
		return
	}
	for _, v := range ex.Values {
		if rv := ex.Returned.Value(v.Key); v.Value != nil && rv != nil {
			switch rv.Value.Kind {
			case templates.KindError, templates.KindBool, templates.KindDate:
				t.Fatalf("%s stored as %v from a %s cell", v.Key, *v.Value, rv.Value.Kind)
			}
		}
	}
	for _, tr := range ex.Tasks {
		rt := ex.Returned.Task(tr.Task)
		if rt == nil {
			continue
		}
		for _, c := range []struct {
			in  templates.Input
			got string
		}{{rt.Progress, tr.Progress}, {rt.Status, string(tr.Status)}, {rt.Issues, tr.Issues}, {rt.NextPlan, tr.NextPlan}, {rt.Practice, tr.Practice}} {
			if c.got != "" && (c.in.Kind == templates.KindError || c.in.Kind == templates.KindBool) {
				t.Fatalf("task %d: %q stored from a %s cell", tr.Task, c.got, c.in.Kind)
			}
		}
	}
}
