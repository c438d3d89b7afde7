package templates

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/qianjiang/gyqc/planfile"
	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
)

// TestGolden compares a text dump of one unit's template, prefilled from an earlier report,
// with the file in testdata. Run go test -update to rewrite it after a deliberate change.
func TestGolden(t *testing.T) {
	p := defaultPlan(t)
	for _, tc := range []struct {
		Name, Unit, Period, PrevPeriod string
	}{
		{Name: "lead unit prefilled", Unit: "jxw", Period: "2025-06", PrevPeriod: "2025-05"},
		{Name: "town first period", Unit: "cdjd", Period: "2022-09"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			var prev *gyqc.Submission
			if tc.PrevPeriod != "" {
				prev = samplePrev(p, tc.Unit, tc.PrevPeriod)
			}
			b, _ := writeTemplate(t, p, tc.Unit, tc.Period, prev)
			got := dump(t, openBytes(t, b))
			path := filepath.Join("testdata", tc.Unit+"-"+tc.Period+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) || i < len(wl); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs at line %d (run go test -update after a deliberate change)\ngot:  %s\nwant: %s", path, i+1, g, w)
					}
				}
			}
		})
	}
}

// TestWriteDeterministic: with a fixed issue time the same arguments give the same bytes,
// and Info's hash and size describe those bytes.
func TestWriteDeterministic(t *testing.T) {
	p := defaultPlan(t)
	prev := samplePrev(p, "zyyq", "2025-05")
	a, ia := writeTemplate(t, p, "zyyq", "2025-06", prev)
	b, ib := writeTemplate(t, p, "zyyq", "2025-06", prev)
	if !bytes.Equal(a, b) || ia != ib {
		t.Fatalf("two writes differ: %d and %d bytes, %s and %s", len(a), len(b), ia.SHA256, ib.SHA256)
	}
	if ia.Size != int64(len(a)) || ia.SHA256 != sha256hex(a) {
		t.Errorf("Info size %d sha %s; written %d bytes sha %s", ia.Size, ia.SHA256, len(a), sha256hex(a))
	}
	if ia.FileName != "2025-06_zyyq_正阳工业园区管委会.xlsx" || ia.DueLabel != "2025年7月1日前" || !ia.Prefilled {
		t.Errorf("Info %+v", ia)
	}
	if ia.Tasks != len(p.Assignments("zyyq")) || ia.Indicators != len(p.ReportedIndicators("zyyq")) {
		t.Errorf("Info counts %d tasks %d indicators", ia.Tasks, ia.Indicators)
	}
}

// TestWriteErrors: arguments that must be refused, with a user error where the user can fix
// the input.
func TestWriteErrors(t *testing.T) {
	p := defaultPlan(t)
	stranger := &gyqc.Unit{Code: "nobody", Name: "不存在的单位"}
	for _, tc := range []struct {
		Name     string
		Unit     *gyqc.Unit
		Period   string
		Prev     *gyqc.Submission
		Code     string // gyqc error code; "" for an internal error
		Contains string
	}{
		{Name: "period after the horizon", Unit: p.Registry.Unit("jxw"), Period: "2026-01", Code: gyqc.EInvalid, Contains: "不在方案的报送期范围内"},
		{Name: "period before the horizon", Unit: p.Registry.Unit("jxw"), Period: "2022-08", Code: gyqc.EInvalid, Contains: "例如"},
		{Name: "unit not in registry", Unit: stranger, Period: "2025-06", Code: gyqc.ENotFound, Contains: "nobody"},
		{Name: "unit without tasks", Unit: p.Registry.Unit("khb"), Period: "2025-06", Code: gyqc.EInvalid, Contains: "无需下发"},
		{Name: "prefill from another unit", Unit: p.Registry.Unit("jxw"), Period: "2025-06", Prev: samplePrev(p, "fgw", "2025-05"), Contains: "prefill"},
		{Name: "prefill from a later period", Unit: p.Registry.Unit("jxw"), Period: "2025-06", Prev: samplePrev(p, "jxw", "2025-06"), Contains: "prefill"},
		{Name: "no unit", Period: "2025-06", Contains: "required"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			_, err := Write(io.Discard, p, tc.Unit, gyqc.MustPeriod(tc.Period), tc.Prev, Options{Issued: issueTime(p)})
			if err == nil {
				t.Fatal("got no error")
			}
			var ge *gyqc.Error
			isUser := errors.As(err, &ge)
			if tc.Code == "" && isUser || tc.Code != "" && (!isUser || ge.Code != tc.Code) {
				t.Errorf("got %T %v, want code %q", err, err, tc.Code)
			}
			if !strings.Contains(err.Error(), tc.Contains) {
				t.Errorf("got %q, want it to contain %q", err, tc.Contains)
			}
		})
	}
}

// TestValidationLimits: every prompt, title and error message of every unit's template is
// within Excel's limits (Excel refuses to open files that exceed them).
func TestValidationLimits(t *testing.T) {
	p := defaultPlan(t)
	u16 := func(s string) int { return len(utf16.Encode([]rune(s))) }
	for _, u := range p.ResponsibleUnits() {
		b, _ := writeTemplate(t, p, u.Code, "2025-06", nil)
		f := openBytes(t, b)
		for _, sheet := range f.GetSheetList() {
			dvs, err := f.GetDataValidations(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, dv := range dvs {
				for _, c := range []struct {
					what  string
					s     *string
					limit int
				}{{"prompt title", dv.PromptTitle, 32}, {"prompt", dv.Prompt, 255}, {"error title", dv.ErrorTitle, 32}, {"error", dv.Error, 225}} {
					if c.s != nil && u16(*c.s) > c.limit {
						t.Errorf("%s %s %s: %s is %d UTF-16 units, limit %d: %q", u.Code, sheet, dv.Sqref, c.what, u16(*c.s), c.limit, *c.s)
					}
				}
				if dv.Type == "list" && u16(dv.Formula1) > 255 {
					t.Errorf("%s %s: list formula too long", u.Code, sheet)
				}
			}
		}
	}
}

// TestPrefill: 上期值 comes from the earlier report's figures (none where it had no figure),
// last month's status is shown in 上期状态 but 进展状态 stays empty, and 上期情况 shows the plan.
func TestPrefill(t *testing.T) {
	p := defaultPlan(t)
	prev := samplePrev(p, "jxw", "2025-04")
	b, _ := writeTemplate(t, p, "jxw", "2025-06", prev)
	f := openBytes(t, b)
	lay := Current()
	for i, ind := range p.ReportedIndicators("jxw") {
		cell := lay.Indicators.Cell(FieldPrevValue, lay.Indicators.FirstDataRow()+i)
		got, _ := f.GetCellValue(SheetIndicators, cell, excelize.Options{RawCellValue: true})
		want := ""
		if v := prev.Value(ind.Key); v.Value != nil {
			want = gyqc.FormatNumber(*v.Value)
		}
		if got != want {
			t.Errorf("%s %s: 上期值 %q, want %q", ind.Key, cell, got, want)
		}
	}
	for i, a := range p.Assignments("jxw") {
		row := lay.Tasks.FirstDataRow() + i
		status, _ := f.GetCellValue(SheetTasks, lay.Tasks.Cell(FieldStatus, row))
		lastStatus, _ := f.GetCellValue(SheetTasks, lay.Tasks.Cell(FieldLastStatus, row))
		last, _ := f.GetCellValue(SheetTasks, lay.Tasks.Cell(FieldLast, row))
		tr := prev.Task(a.Task)
		if status != "" || lastStatus != string(tr.Status) {
			t.Errorf("task %d: 进展状态 %q, 上期状态 %q; want empty and %q", a.Task, status, lastStatus, tr.Status)
		}
		if !strings.HasPrefix(last, "2025年4月所报本月计划：") || !strings.Contains(last, tr.NextPlan) {
			t.Errorf("task %d: 上期情况 %q", a.Task, last)
		}
	}
	info, _ := f.GetCellValue(SheetTasks, "A2")
	if !strings.Contains(info, "上期数据：2025年4月已接收报表") {
		t.Errorf("info line %q does not name the period of the prefilled data", info)
	}
}

// TestFileName: unique by period and code, cleaned of characters file systems refuse.
func TestFileName(t *testing.T) {
	for _, tc := range []struct {
		Name string
		Unit gyqc.Unit
		Want string
	}{
		{Name: "plain", Unit: gyqc.Unit{Code: "jxw", Name: "区经济信息委"}, Want: "2025-06_jxw_区经济信息委.xlsx"},
		{Name: "reserved characters", Unit: gyqc.Unit{Code: "ab", Name: `a/b\c:d*e?f"g<h>i|j`}, Want: "2025-06_ab_abcdefghij.xlsx"},
		{Name: "spaces and dots", Unit: gyqc.Unit{Code: "ab", Name: " ..城 东\t街道.. "}, Want: "2025-06_ab_城东街道.xlsx"},
		{Name: "nothing left", Unit: gyqc.Unit{Code: "ab", Name: "/?*"}, Want: "2025-06_ab.xlsx"},
		{Name: "outside the BMP", Unit: gyqc.Unit{Code: "ab", Name: "𠮷野家"}, Want: "2025-06_ab_野家.xlsx"},
		{Name: "long name capped", Unit: gyqc.Unit{Code: "ab", Name: strings.Repeat("长", 60)}, Want: "2025-06_ab_" + strings.Repeat("长", maxNameRunes) + ".xlsx"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if got := FileName(gyqc.MustPeriod("2025-06"), &tc.Unit); got != tc.Want {
				t.Errorf("got %q, want %q", got, tc.Want)
			}
		})
	}
}

// TestFingerprint: stable for the same plan, unit and period; different when any of them
// or the plan's content for the unit changes; independent of other units' content.
func TestFingerprint(t *testing.T) {
	p := defaultPlan(t)
	base := Fingerprint(p, "jxw", gyqc.MustPeriod("2025-06"))
	if base != Fingerprint(p, "jxw", gyqc.MustPeriod("2025-06")) || len(base) != 64 {
		t.Fatalf("fingerprint not stable: %s", base)
	}
	if Fingerprint(p, "jxw", gyqc.MustPeriod("2025-05")) == base || Fingerprint(p, "fgw", gyqc.MustPeriod("2025-06")) == base {
		t.Error("fingerprint ignores period or unit")
	}
	edited := strings.Replace(string(planfile.DefaultPlanFile), "name: 规模以上工业产值", "name: 规模以上工业总产值", 1)
	q, probs := planfile.Load("plan.yaml", []byte(edited), "units.yaml", planfile.DefaultUnitsFile)
	if q == nil {
		t.Fatal(probs)
	}
	if Fingerprint(q, "jxw", gyqc.MustPeriod("2025-06")) == base {
		t.Error("fingerprint ignores an indicator renamed in the plan")
	}
	if Fingerprint(q, "czj", gyqc.MustPeriod("2025-06")) != Fingerprint(p, "czj", gyqc.MustPeriod("2025-06")) {
		t.Error("fingerprint of czj changed with an indicator czj does not report")
	}
}

// TestPassword: with a password every sheet and the workbook structure are protected by its
// SHA-512 hash, and the template is still read back.
func TestPassword(t *testing.T) {
	p := defaultPlan(t)
	var buf bytes.Buffer
	if _, err := Write(&buf, p, p.Registry.Unit("swj"), gyqc.MustPeriod("2025-06"), nil, Options{Issued: issueTime(p), Password: "黔江2025"}); err != nil {
		t.Fatal(err)
	}
	f := openBytes(t, buf.Bytes())
	for _, sheet := range f.GetSheetList() {
		prot, err := f.GetSheetProtection(sheet)
		if err != nil || prot.AlgorithmName != "SHA-512" {
			t.Errorf("%s: protection %+v %v", sheet, prot, err)
		}
	}
	for _, rdr := range readers {
		if ret, probs := rdr.Read(t, buf.Bytes(), p); ret == nil || len(probs) > 0 {
			t.Errorf("%s: read back: %v", rdr.Name, probs)
		}
	}
}
