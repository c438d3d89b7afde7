package planfile

import (
	_ "embed"
	"os"
	_ "time/tzdata" // the plan's time zone must load on machines without tzdata

	"github.com/qianjiang/gyqc"
)

// The default plan and units files, embedded in the binary.
var (
	//go:embed data/plan.yaml
	DefaultPlanFile []byte
	//go:embed data/units.yaml
	DefaultUnitsFile []byte
)

// Names under which the embedded files appear in messages.
const (
	DefaultPlanName  = "内置方案文件 plan.yaml"
	DefaultUnitsName = "内置单位名册 units.yaml"
	// DefaultSource is the Edition.Source of the embedded files.
	DefaultSource = "内置方案"
)

// Default returns the embedded Qianjiang plan. It panics if the embedded files are
// broken, which the tests rule out.
func Default() *gyqc.Plan {
	p, probs := Load(DefaultPlanName, DefaultPlanFile, DefaultUnitsName, DefaultUnitsFile)
	if p == nil {
		panic("embedded plan is invalid: " + probs.Error())
	}
	p.Edition.Source = DefaultSource
	return p
}

// Files are a plan file and a units file as read: the names problems show and the bytes.
type Files struct {
	PlanName, UnitsName string
	Plan, Units         []byte
	Source              string // where they come from, for Edition.Source
}

// DefaultFiles returns the embedded files.
func DefaultFiles() Files {
	return Files{PlanName: DefaultPlanName, Plan: DefaultPlanFile, UnitsName: DefaultUnitsName, Units: DefaultUnitsFile, Source: DefaultSource}
}

// ReadFiles reads the plan from planPath and the units from unitsPath, taking the embedded
// file for an empty path.
func ReadFiles(planPath, unitsPath string) (Files, error) {
	f := DefaultFiles()
	if planPath != "" {
		b, err := os.ReadFile(planPath)
		if err != nil {
			return f, gyqc.Errorf(gyqc.EInvalid, "无法读取方案文件 %s：%v", planPath, err)
		}
		f.PlanName, f.Plan = planPath, b
	}
	if unitsPath != "" {
		b, err := os.ReadFile(unitsPath)
		if err != nil {
			return f, gyqc.Errorf(gyqc.EInvalid, "无法读取单位名册 %s：%v", unitsPath, err)
		}
		f.UnitsName, f.Units = unitsPath, b
	}
	f.Source = sourceOf(planPath, unitsPath)
	return f, nil
}

// Load loads the plan from the files; see Load.
func (f Files) Load() (*gyqc.Plan, gyqc.Problems) {
	p, probs := Load(f.PlanName, f.Plan, f.UnitsName, f.Units)
	if p != nil {
		p.Edition.Source = f.Source
	}
	return p, probs
}

// Open loads the plan from planPath and unitsPath, using the embedded file for an empty
// path. Problems come back with file and line; the plan is nil if any of them is an error.
func Open(planPath, unitsPath string) (*gyqc.Plan, gyqc.Problems, error) {
	f, err := ReadFiles(planPath, unitsPath)
	if err != nil {
		return nil, nil, err
	}
	p, probs := f.Load()
	return p, probs, nil
}

// sourceOf describes where a plan loaded by Open comes from.
func sourceOf(planPath, unitsPath string) string {
	switch {
	case planPath == "" && unitsPath == "":
		return DefaultSource
	case unitsPath == "":
		return "方案文件 " + planPath
	case planPath == "":
		return "单位名册 " + unitsPath
	}
	return "方案文件 " + planPath + "、单位名册 " + unitsPath
}
