package intake_test

import (
	"regexp"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/review"
	"github.com/qianjiang/gyqc/templates"
)

// contentGuidePart is the 填报说明 sheet, where the 自查结果 formulas are.
const contentGuidePart = "xl/worksheets/sheet1.xml"

// selfCheckFormula matches a 自查结果 cell as gyqc writes it: a formula with no cached value.
var selfCheckFormula = regexp.MustCompile(`(<c r="[A-Z]+[0-9]+"[^>]*><f>[^<]*</f>)</c>`)

// moreContentCases are the content corpus's estimates and bounds, percentages typed as
// text, formulas with and without a saved result, an empty supporting row and a self-check
// that claims 可以报送.
var moreContentCases = []contentCase{
	estimateCase("value-bound.xlsx", "scale-enterprises", "≥30", 30),
	estimateCase("value-about-suffix.xlsx", "output-value", "200左右", 200),
	{file: "value-percent-text.xlsx", build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			f.SetCellStr(templates.SheetIndicators, templates.Current().Indicators.Cell(templates.FieldValue, c.indRow("emerging-share")), "１１.２％")
		})
	}, check: func(tb testing.TB, ex *review.Examined) { wantValue(tb, ex, "emerging-share", 11.2) }},
	{file: "value-formula-no-result.xlsx", rule: "formula-no-value", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		// As openpyxl and other libraries write a formula: no cached result.
		ref := templates.Current().Indicators.Cell(templates.FieldValue, c.indRow("output-value"))
		return inCell(tb, c.filled(tb, nil), contentIndicatorsPart, ref, `<c r="`+ref+`"><f>40+10</f></c>`)
	}},
	{file: "value-formula.xlsx", build: func(tb testing.TB, c *contentBase) []byte {
		// As Excel, WPS and LibreOffice write it: the result saved beside the formula.
		ref := templates.Current().Indicators.Cell(templates.FieldValue, c.indRow("output-value"))
		return inCell(tb, c.filled(tb, nil), contentIndicatorsPart, ref, `<c r="`+ref+`"><f>40+10</f><v>50</v></c>`)
	}, check: func(tb testing.TB, ex *review.Examined) {
		wantValue(tb, ex, "output-value", 50)
		wantMessage(tb, ex, "formula-value", "公式")
	}},
	{file: "progress-formula-no-result.xlsx", rule: "formula-no-value", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		ref := templates.Current().Tasks.Cell(templates.FieldProgress, c.taskRow(c.task(gyqc.RoleLead)))
		return inCell(tb, c.filled(tb, nil), contentTasksPart, ref, `<c r="`+ref+`" t="str"><f>CONCATENATE("本月","推进")</f></c>`)
	}},
	{file: "support-progress-empty.xlsx", rule: "progress-required", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			t, r := &templates.Current().Tasks, c.taskRow(c.task(gyqc.RoleSupport))
			f.SetCellStr(t.Sheet, t.Cell(templates.FieldProgress, r), "")
		})
	}},
	{file: "selfcheck-claims-ready.xlsx", rule: "status-required", sev: gyqc.SevError, build: func(tb testing.TB, c *contentBase) []byte {
		data := c.filled(tb, func(f *excelize.File) {
			t := &templates.Current().Tasks
			f.SetCellStr(t.Sheet, t.Cell(templates.FieldStatus, c.taskRow(c.task(gyqc.RoleLead))), "")
		})
		// Every count cached as 0 and the verdict as 可以报送, as a spreadsheet that lost
		// its recalculation would save them: collect must not believe them.
		return editParts(tb, data, func(name string, b []byte) []byte {
			if name != contentGuidePart {
				return b
			}
			b = selfCheckFormula.ReplaceAll(b, []byte(`$1<v>0</v></c>`))
			return regexp.MustCompile(`(可以报送[^<]*</f>)<v>0</v>`).ReplaceAll(b, []byte(`$1<v>可以报送</v>`))
		})
	}},
}

// estimateCase is a case where an estimate or a bound, text, is typed as the value of key:
// kept as want, with a warning that names the text.
func estimateCase(file, key, text string, want float64) contentCase {
	return contentCase{file: file, rule: "approximate", sev: gyqc.SevWarning, build: func(tb testing.TB, c *contentBase) []byte {
		return c.filled(tb, func(f *excelize.File) {
			f.SetCellStr(templates.SheetIndicators, templates.Current().Indicators.Cell(templates.FieldValue, c.indRow(key)), text)
		})
	}, check: func(tb testing.TB, ex *review.Examined) {
		wantValue(tb, ex, key, want)
		wantMessage(tb, ex, "approximate", "“"+text+"”")
	}}
}

// wantMessage checks that a problem of rule names text.
func wantMessage(tb testing.TB, ex *review.Examined, rule gyqc.Rule, text string) {
	tb.Helper()
	for _, p := range ex.Problems {
		if p.Rule == rule && regexp.MustCompile(regexp.QuoteMeta(text)).MatchString(p.Message) {
			return
		}
	}
	tb.Errorf("no %s problem naming %s among %v", rule, text, ex.Problems)
}
