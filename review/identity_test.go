package review

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// forge edits the template metadata of a return in both of its copies (the custom document
// properties and the hidden metadata sheet), as a unit filing as another would: a value
// of "" deletes the key.
func forge(tb testing.TB, data []byte, edits map[string]string) []byte {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sheet := templates.Current().MetaSheet
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	for key, v := range edits {
		if err := f.SetCustomProps(excelize.CustomProperty{Name: key, Value: v}); err != nil {
			tb.Fatal(err)
		}
		found := false
		for i, r := range rows {
			if len(r) > 0 && r[0] == key {
				cell, _ := excelize.CoordinatesToCellName(2, i+1)
				f.SetCellStr(sheet, cell, v)
				found = true
			}
		}
		if !found {
			tb.Fatalf("no row %s on the metadata sheet", key)
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// TestForgedIdentity: a town's return whose metadata were edited to another town's (the
// two towns have the same tasks, so the rows read cleanly) is refused, attributed to no
// unit, and the problem names what was changed; without a seal, or with another
// workspace's key, it is refused too. Before templates carried a keyed seal, the first three
// were accepted as 崇南街道 (with at most a warning that the plan had changed).
func TestForgedIdentity(t *testing.T) {
	plan := planfile.Default()
	june := gyqc.MustPeriod("2025-06")
	if len(plan.Assignments("cdjd")) != len(plan.Assignments("cnjd")) {
		t.Fatal("cdjd and cnjd no longer share their tasks: pick two towns that do")
	}
	cdjd := filledReturn(t, plan, "cdjd", "2025-06")
	may := filledReturn(t, plan, "cdjd", "2025-05")
	for _, tc := range []struct {
		Name  string
		Data  []byte
		Key   []byte
		Rule  gyqc.Rule
		Words []string
	}{
		{Name: "unit code changed", Data: forge(t, cdjd, map[string]string{templates.MetaUnit: "cnjd"}),
			Rule: templates.RuleSealBroken, Words: []string{"单位代码由“cdjd”（城东街道）改为“cnjd”（城南街道）"}},
		{Name: "unit code changed and fingerprint recomputed",
			Data: forge(t, cdjd, map[string]string{templates.MetaUnit: "cnjd", templates.MetaFingerprint: templates.Fingerprint(plan, "cnjd", june)}),
			Rule: templates.RuleSealBroken, Words: []string{"单位代码由“cdjd”（城东街道）改为“cnjd”（城南街道）", "锁定内容指纹被改动"}},
		{Name: "unit code changed and fingerprint deleted",
			Data: forge(t, cdjd, map[string]string{templates.MetaUnit: "cnjd", templates.MetaFingerprint: ""}),
			Rule: templates.RuleSealBroken, Words: []string{"改为“cnjd”", "锁定内容指纹被删除"}},
		{Name: "last month's template relabelled", Data: forge(t, may, map[string]string{templates.MetaPeriod: "2025-06"}),
			Rule: templates.RuleSealBroken, Words: []string{"报送期由2025-05改为2025-06"}},
		{Name: "seal deleted", Data: forge(t, cdjd, map[string]string{templates.MetaUnit: "cnjd", templates.MetaSeal: ""}),
			Rule: templates.RuleSealMissing, Words: []string{"缺少防伪校验码"}},
		{Name: "issued by another workspace", Data: cdjd, Key: []byte("another workspace's key, 32 byte"),
			Rule: templates.RuleSealBroken, Words: []string{"不是本工作区下发的模板"}},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			key := testKey
			if tc.Key != nil {
				key = tc.Key
			}
			ex := Examine("城东街道.xlsx", tc.Data, Input{Plan: plan, Period: june, Key: key})
			if ex.Attributed || ex.Unit != nil || ex.Outcome != gyqc.OutcomeRefused {
				t.Fatalf("got attributed %v to %v, outcome %s; want refused and attributed to no unit", ex.Attributed, ex.Unit, ex.Outcome)
			}
			var found bool
			for _, p := range ex.Problems {
				if p.Rule != tc.Rule {
					continue
				}
				found = true
				for _, w := range tc.Words {
					if !strings.Contains(p.Message, w) {
						t.Errorf("got %q, want it to name %q", p.Message, w)
					}
				}
				if p.File != "城东街道.xlsx" || p.Fix == "" {
					t.Errorf("problem without file or fix: %+v", p)
				}
			}
			if !found {
				t.Errorf("got %v, want rule %s", ex.Problems, tc.Rule)
			}
		})
	}
	if ex := Examine("城东街道.xlsx", cdjd, Input{Plan: plan, Period: june, Key: testKey}); !ex.Attributed || ex.Unit.Code != "cdjd" {
		t.Errorf("the genuine return: attributed %v, problems %v", ex.Attributed, ex.Problems)
	}
	if ex := Examine("城东街道.xlsx", cdjd, Input{Plan: plan, Period: june}); ex.Attributed {
		t.Errorf("a return examined without a key was attributed")
	}
}
