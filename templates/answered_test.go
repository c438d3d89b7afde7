package templates

import (
	"strings"
	"testing"
)

// TestContentNamesIndicatorsAnsweredFor: a unit bears the points of the indicators it answers
// for (accountable) even where another unit reports the figure, so its 填报说明 names them:
// 区发展改革委 answers for 新能源产业产值 (链长制), which 区经济信息委 reports; 区委组织部
// answers for none.
func TestContentNamesIndicatorsAnsweredFor(t *testing.T) {
	p := defaultPlan(t)
	tests := []struct {
		unit      string
		want, not []string
	}{
		{unit: "fgw", want: []string{"另对以下指标的完成情况负责", "“新能源产业产值”（区经济信息委报送）"}, not: []string{"“新开工投资5000万元及以上的工业项目”"}},
		{unit: "sww", want: []string{"“消费品工业产值”（区经济信息委报送）"}},
		{unit: "wsjkw", want: []string{"“市级以上‘专精特新’企业数量”（区经济信息委报送）"}, not: []string{"“市级以上“专精特新”"}},
		{unit: "zzb", not: []string{"另对以下指标"}},
	}
	for _, tc := range tests {
		t.Run(tc.unit, func(t *testing.T) {
			b, _ := writeTemplate(t, p, tc.unit, "2025-06", nil)
			f := openBytes(t, b)
			defer f.Close()
			rows, err := f.GetRows(Current().Guide.Sheet)
			if err != nil {
				t.Fatal(err)
			}
			var line string
			for _, r := range rows {
				if len(r) > 1 && r[0] == "本表内容" {
					line = r[1]
				}
			}
			if line == "" {
				t.Fatal("no 本表内容 row")
			}
			for _, w := range tc.want {
				if !strings.Contains(line, w) {
					t.Errorf("本表内容 %q lacks %q", line, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(line, n) {
					t.Errorf("本表内容 %q holds %q", line, n)
				}
			}
		})
	}
}
