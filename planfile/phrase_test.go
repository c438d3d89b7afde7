package planfile_test

import (
	"testing"

	"github.com/qianjiang/gyqc/planfile"
)

// TestTargetPhrases lists every target phrase of the document beside the comparator it gets,
// written by hand, and checks the plan file against them: an indicator takes the comparator of
// its phrases, and where its phrases disagree the plan file says which governs and why.
func TestTargetPhrases(t *testing.T) {
	tests := []struct {
		key, phrase, comparator string
		soft                    bool
	}{
		{"scale-enterprises", "到2025年，规模以上工业企业数量超过100家", ">", false},
		{"scale-enterprises", "到2025年全区规模以上工业企业达到100家及以上", ">=", false},
		{"output-value", "规模以上工业产值达400亿元", ">=", false},
		{"output-tobacco", "卷烟及配套、新材料、消费品工业、生物医药、新能源五大产业分别实现产值120亿元、100亿元、100亿元、50亿元、30亿元", ">=", false},
		{"output-tobacco", "卷烟及配套、新材料、消费品工业等3个传统产业产值规模均突破百亿", ">=", false},
		{"value-added", "规模以上工业增加值达到140亿元", ">=", false},
		{"index-rank-southeast", "工业经济运行综合指数排位居渝东南首位", "<=", false},
		{"index-rank-city", "在全市排位挺进前15位", "<=", false},
		{"emerging-share", "战略性新兴产业产值占工业总产值比重力争提升至20%", ">=", true},
		{"emerging-share", "生物医药、新能源等2个战略性新兴产业产值占规上工业总产值比重提升至20%", ">=", false},
		{"chain-leader-growth", "促进链主企业实现年产值20%以上高速增长", ">=", false},
		{"listed-companies", "上市企业达到3家及以上", ">=", false},
		{"specialized-enterprises", "到2025年市级以上“专精特新”企业达50家以上", ">=", false},
		{"champion-enterprises", "力争培育国家级制造业单项冠军和“小巨人”2家", ">=", true},
		{"new-projects", "确保每年新开工投资5000万元及以上的工业项目达到20个以上", ">=", false},
		{"completed-projects", "确保全年新竣工投产项目达到10个以上", ">=", false},
		{"rnd-share", "建有研发机构的规模以上工业企业占比超过40%", ">", false},
		{"green-park", "建成绿色园区1个", ">=", false},
		{"green-park", "正阳工业园区争取成功创建为市级绿色园区", ">=", true},
		{"cloud-enterprises", "全区“上云”企业达80家以上", ">=", false},
		{"5g-scenarios", "建设3个“5G+工业互联网”新场景示范项目", ">=", false},
		{"5g-scenarios", "力争建设3个“5G+工业互联网”新场景示范项目", ">=", true},
		{"energy-intensity-reduction", "规上工业增加值能耗强度降低13.5％以上", ">=", false},
		{"industrial-loan-share", "工业贷款占全部贷款的比重逐年提升", "rise", false},
	}
	plan := planfile.Default()
	type reading struct {
		comparator string
		soft       bool
	}
	readings := map[string]map[reading]bool{}
	for _, tc := range tests {
		t.Run(tc.key+" "+tc.phrase, func(t *testing.T) {
			c, soft := planfile.PhraseComparator(tc.phrase)
			if c != tc.comparator || soft != tc.soft {
				t.Errorf("PhraseComparator = %s soft %v, want %s soft %v", c, soft, tc.comparator, tc.soft)
			}
			ind := plan.Indicator(tc.key)
			if ind == nil {
				t.Fatalf("no indicator %s", tc.key)
			}
			found := false
			for _, s := range ind.Sources {
				found = found || s == tc.phrase
			}
			if !found {
				t.Errorf("phrase is not among the sources of %s", tc.key)
			}
		})
		if readings[tc.key] == nil {
			readings[tc.key] = map[reading]bool{}
		}
		readings[tc.key][reading{tc.comparator, tc.soft}] = true
	}
	for key, rs := range readings {
		ind := plan.Indicator(key)
		if _, ok := rs[reading{ind.Comparator, ind.Soft}]; !ok {
			t.Errorf("%s: the plan file's %s soft %v is none of its phrases' readings %v", key, ind.Comparator, ind.Soft, rs)
		}
		if len(rs) > 1 && ind.Governs == "" {
			t.Errorf("%s: its phrases read differently %v, but the plan file does not say which governs", key, rs)
		}
	}
}
