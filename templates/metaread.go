package templates

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates/internal/xlsx"
)

// Where metadata may be found.
const (
	SourceProps = "custom-properties"
	SourceSheet = "sheet"
)

// metaPrefix starts every metadata key.
const metaPrefix = "gyqc."

// maxMetaSheets caps the sheets searched for renamed metadata.
const maxMetaSheets = 16

// meta reads the template metadata from the custom properties and the metadata sheet and
// merges them. Either copy is enough; when both are present they must agree. It returns no
// sources, after recording why, when the workbook cannot be identified.
func (rd *reader) meta() (Meta, []string) {
	props := map[string]string{}
	if cps, err := rd.wb.customProps(); err == nil {
		for _, p := range cps {
			if strings.HasPrefix(p.Name, metaPrefix) {
				props[p.Name] = strings.TrimSpace(propString(p.Value))
			}
		}
	}
	sheet, sheetName := rd.metaSheet()
	var sources []string
	if props[MetaLayout] != "" || props[MetaUnit] != "" {
		sources = append(sources, SourceProps)
	}
	if sheet[MetaLayout] != "" || sheet[MetaUnit] != "" {
		sources = append(sources, SourceSheet)
	}
	if len(sources) == 0 {
		rd.add(gyqc.SevError, "", "", RuleNotTemplate, "",
			"找不到模板信息，这不是领导小组办公室下发的填报模板，或模板信息已被删除", "请使用领导小组办公室下发给本单位的本期模板填写后报送")
		return Meta{}, nil
	}

	// Merge the two copies key by key.
	get := func(key string) string {
		a, b := props[key], sheet[key]
		if a != "" && b != "" && a != b && key != MetaUnitName {
			rd.add(gyqc.SevError, sheetName, "", RuleMetaConflict, b,
				fmt.Sprintf("模板信息前后不一致：文档属性中 %s 为“%s”，工作表“%s”中为“%s”", key, a, sheetName, b),
				"请使用下发的原模板填写，不要从其他单位或其他月份的模板中复制工作表")
		}
		if a != "" {
			return a
		}
		return b
	}
	m := Meta{Unit: get(MetaUnit), UnitName: get(MetaUnitName), PlanID: get(MetaPlanID),
		PlanVersion: get(MetaPlanVersion), Layout: get(MetaLayout), Fingerprint: get(MetaFingerprint), Seal: get(MetaSeal)}
	if t, err := time.Parse(time.RFC3339, get(MetaIssued)); err == nil {
		m.Issued = t
	}
	period := get(MetaPeriod)
	if p, err := gyqc.ParsePeriod(period); err == nil {
		m.Period = p
	}
	var missing []string
	for key, v := range map[string]string{MetaUnit: m.Unit, MetaLayout: m.Layout, MetaPlanID: m.PlanID} {
		if v == "" {
			missing = append(missing, key)
		}
	}
	if m.Period.IsZero() {
		missing = append(missing, MetaPeriod)
	}
	if len(missing) > 0 {
		rd.add(gyqc.SevError, "", "", RuleIncompleteMeta, period, "模板信息不完整或已被改动，无法确认本表的单位和报送期",
			"请使用领导小组办公室下发给本单位的本期模板填写后报送")
		return m, nil
	}
	return m, sources
}

// metaSheet reads the keys and values of the metadata sheet: the sheet of that name, or
// (renamed) the first other sheet that holds metadata keys in its first column.
func (rd *reader) metaSheet() (map[string]string, string) {
	known := map[string]bool{SheetGuide: true, SheetTasks: true, SheetIndicators: true}
	candidates := []string{SheetMeta}
	for _, name := range rd.wb.sheetList() {
		if name != SheetMeta && !known[name] && len(candidates) < maxMetaSheets {
			candidates = append(candidates, name)
		}
	}
	for _, name := range candidates {
		if rd.wb.sheetIndex(name) < 0 {
			continue
		}
		vals := map[string]string{}
		rd.scan(name, func(row int, cells []string, _ []xlsx.CellAttr) bool {
			if k := strings.TrimSpace(at(cells, 1)); strings.HasPrefix(k, metaPrefix) {
				vals[k] = strings.TrimSpace(at(cells, 2))
			}
			return row < 100
		})
		if len(vals) > 0 {
			return vals, name
		}
	}
	return map[string]string{}, SheetMeta
}

// propString writes a custom property value as text: LibreOffice may turn numbers into
// floats, and we wrote strings only, but read whatever is there.
func propString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return gyqc.FormatNumber(x)
	case int32:
		return strconv.Itoa(int(x))
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.Format(time.RFC3339)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
