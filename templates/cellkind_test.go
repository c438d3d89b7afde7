package templates

import (
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestFormatKind(t *testing.T) {
	tests := []struct {
		name string
		id   int
		code string
		want Kind
	}{
		{"General", 0, "", KindNumber},
		{"0%", 9, "", KindPercent},
		{"0.00%", 10, "", KindPercent},
		{"m/d/yyyy", 14, "", KindDate},
		{"h:mm", 20, "", KindDate},
		{"Chinese 年月日", 31, "", KindDate},
		{"0.00E+00", 11, "", KindNumber},
		{"text @", 49, "", KindNumber},
		{"custom 0.0%", 164, "0.0%", KindPercent},
		{"custom quoted %", 164, `0.0"%"`, KindNumber},
		{"the template's own % format", 164, percentFormat, KindNumber},
		{"custom escaped %", 164, `0.0\%`, KindNumber},
		{"custom date", 165, "yyyy-mm-dd", KindDate},
		{"custom Chinese date", 166, `yyyy"年"m"月"d"日"`, KindDate},
		{"locale date", 167, `[$-804]yyyy/m/d`, KindDate},
		{"elapsed hours", 168, `[h]:mm`, KindDate},
		{"colour and number", 169, `#,##0.00_);[Red](#,##0.00)`, KindNumber},
		{"DBNum General", 170, `[DBNum1][$-804]General`, KindNumber},
		{"percent only in the negative section", 171, `0.00;-0.00%`, KindNumber},
		{"scientific", 172, `##0.0E+0`, KindNumber},
		{"number with unit text", 173, `0.0"万元"`, KindNumber},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := formatKind(tc.id, tc.code); got != tc.want {
				t.Errorf("formatKind(%d, %q) = %q, want %q", tc.id, tc.code, got, tc.want)
			}
		})
	}
}

func TestSerialDate(t *testing.T) {
	tests := []struct {
		v        float64
		date1904 bool
		want     string
	}{
		{1, false, "1900-01-01"},
		{59, false, "1900-02-28"},
		{60, false, "1900-02-29"},
		{61, false, "1900-03-01"},
		{45838, false, "2025-06-30"},
		{45838.5, false, "2025-06-30 12:00"},
		{0, true, "1904-01-01"},
		{44376, true, "2025-06-30"},
		{2958465, false, "9999-12-31"},
	}
	for _, tc := range tests {
		if got, ok := serialDate(tc.v, tc.date1904); !ok || got != tc.want {
			t.Errorf("serialDate(%v, %v) = %q %v, want %q", tc.v, tc.date1904, got, ok, tc.want)
		}
	}
	for _, v := range []float64{0, -1, 2958466} {
		if got, ok := serialDate(v, false); ok {
			t.Errorf("serialDate(%v) = %q, want no date", v, got)
		}
	}
}

// typedTemplate is the filled template with input cells of every kind: written by excelize
// where it can (a logical value, percent and date formats), then edited in the XML for what
// it cannot write (an error value, a number in E-notation, a date cell, the 1904 system).
func typedTemplate(t *testing.T, date1904 bool) []byte {
	t.Helper()
	f := openBytes(t, filledTemplate(t))
	lay := Current()
	ind := func(i int) string { return lay.Indicators.Cell(FieldValue, lay.Indicators.FirstDataRow()+i) }
	task := func(f Field, i int) string { return lay.Tasks.Cell(f, lay.Tasks.FirstDataRow()+i) }
	custom := "0.0%"
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
	pctCustom, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	mustDo(t, f.SetCellBool(SheetIndicators, ind(0), true))
	mustDo(t, f.SetCellFloat(SheetIndicators, ind(1), 0.112, -1, 64))
	mustDo(t, f.SetCellStyle(SheetIndicators, ind(1), ind(1), pct))
	mustDo(t, f.SetCellFloat(SheetIndicators, ind(2), 0.112, -1, 64))
	mustDo(t, f.SetCellStyle(SheetIndicators, ind(2), ind(2), pctCustom))
	mustDo(t, f.SetCellInt(SheetIndicators, ind(3), 45838))
	mustDo(t, f.SetCellStyle(SheetIndicators, ind(3), ind(3), date))
	mustDo(t, f.SetCellStr(SheetIndicators, ind(4), "ERR"))
	mustDo(t, f.SetCellInt(SheetIndicators, ind(5), 7))
	mustDo(t, f.SetCellStr(SheetTasks, task(FieldProgress, 0), "NA"))
	mustDo(t, f.SetCellStr(SheetTasks, task(FieldNextPlan, 0), "DATE"))
	mustDo(t, f.SetCellStr(SheetTasks, task(FieldStatus, 0), "正常推进"))
	data := saveBytes(t, f)
	parts := zipParts(t, data)
	for i := range parts {
		s := string(parts[i].data)
		switch parts[i].name {
		case "xl/worksheets/sheet3.xml": // 指标填报
			s = replaceCell(t, s, ind(4), `<c r="`+ind(4)+`" t="e"><v>#DIV/0!</v></c>`)
			s = replaceCell(t, s, ind(5), `<c r="`+ind(5)+`"><v>1.0000000000000001E-5</v></c>`)
		case "xl/worksheets/sheet2.xml": // 任务进展
			s = replaceCell(t, s, task(FieldProgress, 0), `<c r="`+task(FieldProgress, 0)+`" t="e"><f>VLOOKUP(A1,B:C,2,0)</f><v>#N/A</v></c>`)
			s = replaceCell(t, s, task(FieldNextPlan, 0), `<c r="`+task(FieldNextPlan, 0)+`" t="d"><v>2025-07-15T00:00:00Z</v></c>`)
		case "xl/workbook.xml":
			if date1904 {
				s = strings.Replace(s, "<workbookPr", `<workbookPr date1904="1"`, 1)
			}
		}
		parts[i].data = []byte(s)
	}
	return packParts(t, parts)
}

// replaceCell replaces the cell ref of a sheet's XML.
func replaceCell(t *testing.T, sheet, ref, with string) string {
	t.Helper()
	re := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
	if !re.MatchString(sheet) {
		t.Fatalf("no cell %s", ref)
	}
	return re.ReplaceAllLiteralString(sheet, with)
}

// TestReadCellKinds: both readers read each input cell by its type and number format.
func TestReadCellKinds(t *testing.T) {
	p := defaultPlan(t)
	for _, date1904 := range []bool{false, true} {
		data := typedTemplate(t, date1904)
		for _, rd := range readers {
			t.Run(rd.Name, func(t *testing.T) {
				ret, probs := rd.Read(t, data, p)
				if ret == nil {
					t.Fatalf("not read: %v", probs)
				}
				wantDate := "2025-06-30"
				if date1904 {
					wantDate = "2029-07-01" // the same serial, four years and a day later
				}
				want := []struct {
					in   Input
					kind Kind
					text string
					date string
				}{
					{ret.Values[0].Value, KindBool, "1", ""},
					{ret.Values[1].Value, KindPercent, "0.112", ""},
					{ret.Values[2].Value, KindPercent, "0.112", ""},
					{ret.Values[3].Value, KindDate, "45838", wantDate},
					{ret.Values[4].Value, KindError, "#DIV/0!", ""},
					{ret.Values[5].Value, KindNumber, "1.0000000000000001E-5", ""},
					{ret.Values[6].Value, KindNumber, "7", ""},
					{ret.Values[7].Note, KindUnknown, "", ""},
					{ret.Tasks[0].Progress, KindError, "#N/A", ""},
					{ret.Tasks[0].NextPlan, KindDate, "2025-07-15T00:00:00Z", "2025-07-15"},
					{ret.Tasks[0].Status, KindText, "正常推进", ""},
					{ret.Tasks[1].Progress, KindText, progressText(p.Assignments("jxw")[1].Task), ""},
				}
				for i, w := range want {
					if w.in.Kind != w.kind || w.in.Text != w.text || w.in.Date != w.date {
						t.Errorf("%d: %s: got %q %q %q, want %q %q %q", i, w.in.Cell, w.in.Kind, w.in.Text, w.in.Date, w.kind, w.text, w.date)
					}
				}
			})
		}
	}
}
