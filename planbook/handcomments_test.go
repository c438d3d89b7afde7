package planbook

import (
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"
)

// TestHandComments: the comments gyqc writes (canonical files, embedded files) are not
// reported; a comment written by hand above a unit or after a value is, at its line.
func TestHandComments(t *testing.T) {
	res, _ := importBytes(t, exportBytes(t, planfile.DefaultPlanFile, planfile.DefaultUnitsFile))
	for _, c := range []struct {
		name string
		data []byte
		want []Comment
	}{
		{"canonical plan", res.PlanYAML, nil},
		{"canonical units", res.UnitsYAML, nil},
		{"embedded plan", planfile.DefaultPlanFile, nil},
		{"embedded units", planfile.DefaultUnitsFile, nil},
		{"hand-written", []byte(strings.Replace(string(res.UnitsYAML), "  - {code: cdjd,",
			"  # 城东街道：经区委编办确认\n  - {code: cdjd,", 1) + "# 2025年7月修订\n"),
			[]Comment{{Text: "# 城东街道：经区委编办确认"}, {Text: "# 2025年7月修订"}}},
		{"inline", []byte("units:\n  - {code: jxw, name: 区经济信息委}  # 联系人待定\n"), []Comment{{Line: 2, Text: "# 联系人待定"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := HandComments(c.data)
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i].Text != c.want[i].Text || c.want[i].Line != 0 && got[i].Line != c.want[i].Line {
					t.Errorf("comment %d: %+v, want %+v", i, got[i], c.want[i])
				}
			}
			lines := strings.Split(string(c.data), "\n")
			for _, h := range got {
				if h.Line < 1 || h.Line > len(lines) || !strings.Contains(lines[h.Line-1], h.Text) {
					t.Errorf("%q is not on line %d", h.Text, h.Line)
				}
			}
		})
	}
}
