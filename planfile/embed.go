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

// Open loads the plan from planPath and unitsPath, using the embedded file for an empty
// path. Problems come back with file and line; the plan is nil if any of them is an error.
func Open(planPath, unitsPath string) (*gyqc.Plan, gyqc.Problems, error) {
	planName, planData := DefaultPlanName, DefaultPlanFile
	unitsName, unitsData := DefaultUnitsName, DefaultUnitsFile
	if planPath != "" {
		b, err := os.ReadFile(planPath)
		if err != nil {
			return nil, nil, gyqc.Errorf(gyqc.EInvalid, "无法读取方案文件 %s：%v", planPath, err)
		}
		planName, planData = planPath, b
	}
	if unitsPath != "" {
		b, err := os.ReadFile(unitsPath)
		if err != nil {
			return nil, nil, gyqc.Errorf(gyqc.EInvalid, "无法读取单位名册 %s：%v", unitsPath, err)
		}
		unitsName, unitsData = unitsPath, b
	}
	p, probs := Load(planName, planData, unitsName, unitsData)
	if p != nil {
		p.Edition.Source = sourceOf(planPath, unitsPath)
	}
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
