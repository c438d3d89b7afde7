package review

import (
	"errors"
	"fmt"

	"github.com/qianjiang/gyqc/intake"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// Examined is a returned file read and checked: whose it is, what it says, and every problem
// found on the way, each naming the file.
type Examined struct {
	// Returned is what the template layout read; nil when the file is not a readable template.
	Returned *templates.Returned
	// Unit is the unit the file belongs to by its metadata; nil when it cannot be attributed.
	Unit *gyqc.Unit
	// Attributed reports whether the file is a return of Unit for the period collected; when
	// false the file is refused without being stored as the unit's attempt.
	Attributed bool
	// ByFileName reports that the file could not be read (an old .xls or .et) and is
	// attributed to Unit by its file name alone (UnitByFileName); it is refused.
	ByFileName bool
	Filler     gyqc.Filler // who filled it, as stored
	Tasks      []gyqc.TaskReport
	Values     []gyqc.IndicatorValue
	Problems   gyqc.Problems
	Outcome    gyqc.Outcome
}

// Input is what Examine needs besides the file.
type Input struct {
	Plan   *gyqc.Plan
	Period gyqc.Period // the period being collected
	Limits intake.Limits
	Checks Options
	// Key is the workspace key that sealed the templates (templates.Seal). A return whose
	// seal does not verify under it is refused and attributed to no unit; without a key
	// every return is refused.
	Key []byte
	// Previous returns the unit's current submission of the latest earlier period, or nil.
	// It may be called from several goroutines at once.
	Previous func(unit string) *gyqc.Submission
}

// Examine runs the whole path from a file's bytes to a checked return: the intake (magic
// bytes, zip pre-scan, limits), the template reader under a panic guard (templates.ReadBytes
// straight from the zip bytes, or excelize for the rare file it declines), the template
// layout (metadata, rows by key), identity (plan, unit, period, verified by the keyed seal) and the two levels of content checks, except the
// comparison with other units' texts (Copies), which needs the rest of the batch. It never
// panics and never touches the workspace, so files can be examined in parallel: the caller
// archives the bytes first and records the result.
func Examine(name string, data []byte, in Input) *Examined {
	ex := &Examined{Outcome: gyqc.OutcomeRefused}
	ret, probs := readReturn(name, data, in.Plan, in.Limits)
	ex.Returned, ex.Problems = ret, probs
	if ret == nil {
		ex.byName(name, in)
		return ex.named(name)
	}
	if p := templates.VerifySeal(in.Key, in.Plan, ret.Meta); p != nil {
		ex.Problems = append(ex.Problems, *p)
		return ex.named(name)
	}
	ex.Unit = in.Plan.Registry.Unit(ret.Meta.Unit)
	if ex.Unit == nil {
		return ex.named(name) // Read refuses unknown units; this is belt and braces
	}
	if ret.Meta.Period != in.Period {
		ex.Problems = append(ex.Problems, gyqc.Problem{Severity: gyqc.SevError, Rule: RuleWrongPeriod, Value: ret.Meta.Period.String(),
			Message: fmt.Sprintf("这是%s的模板，本次收取的是%s的报送", ret.Meta.Period.Label(), in.Period.Label()),
			Fix:     fmt.Sprintf("请在%s的模板中填写后重新报送", in.Period.Label())})
		return ex.named(name)
	}
	ex.Attributed = true
	var prev *gyqc.Submission
	if in.Previous != nil {
		prev = in.Previous(ex.Unit.Code)
	}
	ci := CheckInput{File: name, Unit: ex.Unit.Code, Period: in.Period, Tasks: ret.Tasks, Values: ret.Values, Previous: prev,
		Filler: &ret.Filler, PrefilledStatus: ret.Meta.Layout == "1"}
	ex.Filler = FillerOf(ret.Filler)
	var cprobs gyqc.Problems
	ex.Tasks, ex.Values, cprobs = Check(in.Plan, ci, in.Checks)
	ex.Problems = append(ex.Problems, cprobs...)
	if p := returnText(ret); p != nil {
		ex.Problems = append(ex.Problems, *p)
	}
	ex.Outcome = Outcome(ex.Problems)
	return ex.named(name)
}

// named sets the file name on every problem.
func (ex *Examined) named(name string) *Examined {
	for i := range ex.Problems {
		ex.Problems[i].File = name
	}
	return ex
}

// readReturn checks the file with intake.Inspect and reads it through the template layout with the
// fast reader (templates.ReadBytes, straight from the zip bytes), under the panic guard. A
// file the fast reader leaves to excelize (templates.ErrUnsupported: markup it does not read
// exactly as excelize does) is opened with excelize and read with templates.Read instead.
func readReturn(name string, data []byte, plan *gyqc.Plan, lim intake.Limits) (*templates.Returned, gyqc.Problems) {
	probs, parts := intake.InspectParts(name, data, lim)
	if len(probs.Errors()) > 0 {
		return nil, probs
	}
	var declined error
	ret, rprobs := intake.GuardValue(name, func() (*templates.Returned, gyqc.Problems) {
		r, p, err := templates.ReadParts(data, parts, plan) // each part inflated once
		declined = err
		return r, p
	})
	if errors.Is(declined, templates.ErrUnsupported) {
		f, oprobs := intake.OpenWorkbook(name, data, lim)
		if f == nil || len(oprobs.Errors()) > 0 {
			if f != nil {
				f.Close()
			}
			return nil, oprobs
		}
		defer f.Close()
		probs = oprobs
		ret, rprobs = intake.GuardValue(name, func() (*templates.Returned, gyqc.Problems) { return templates.Read(f, plan) })
	}
	probs = append(probs, rprobs...)
	if ret == nil && len(probs.Errors()) == 0 {
		probs = append(probs, gyqc.Problem{Severity: gyqc.SevError, Rule: templates.RuleNotTemplate,
			Message: "不是本系统下发的模板", Fix: "请使用领导小组办公室下发的模板填写后报送"})
	}
	return ret, probs
}
