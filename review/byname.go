package review

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/intake"
)

// templateName matches the name gyqc gives a template (templates.FileName) and a unit keeps
// when it saves its return in another format: 2025-06_jxw_区经济信息委.xls.
var templateName = regexp.MustCompile(`^(\d{4}-\d{2})_([A-Za-z0-9][A-Za-z0-9-]*)(?:_|$)`)

// UnitByFileName returns the responsible unit a file belongs to by its name alone, when the
// name is the one its template was issued under (period and unit code, whatever the
// extension and whatever follows the code), for the period collected; nil otherwise. Other
// names are not guessed at: a unit's name in a file name is too often another unit's.
func UnitByFileName(plan *gyqc.Plan, period gyqc.Period, name string) *gyqc.Unit {
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	m := templateName.FindStringSubmatch(base)
	if m == nil || m[1] != period.String() {
		return nil
	}
	u := plan.Registry.Unit(m[2])
	if u == nil || len(plan.Assignments(u.Code)) == 0 && len(plan.ReportedIndicators(u.Code)) == 0 {
		return nil
	}
	return u
}

// byName attributes an unreadable old-format file (.xls, .et) to its unit by its file name,
// so that the unit's attempt is recorded and it is told what to do: the file stays refused.
func (ex *Examined) byName(name string, in Input) {
	legacy := false
	for _, p := range ex.Problems {
		legacy = legacy || p.Rule == intake.RuleOLE
	}
	if !legacy {
		return
	}
	u := UnitByFileName(in.Plan, in.Period, name)
	if u == nil {
		return
	}
	ex.Unit, ex.Attributed, ex.ByFileName = u, true, true
	ex.Problems = append(ex.Problems, gyqc.Problem{Severity: gyqc.SevNote, Rule: "by-file-name", Value: name,
		Message: fmt.Sprintf("文件无法读取，按文件名判定为%s%s的报送（收到无法读取的文件）", u.Name, in.Period.Label())})
}
