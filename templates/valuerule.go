package templates

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
)

// countMeasures are measures of whole things: their values are whole numbers.
var countMeasures = map[string]bool{"家": true, "个": true, "项": true, "户": true, "人": true, "件": true,
	"座": true, "台": true, "条": true, "所": true, "位": true}

// valueRule is the data validation of one 本期值 cell: the kind of number, its bounds (as
// formula strings, so that 0.1 stays 0.1), and the Chinese prompt and error.
type valueRule struct {
	kind          excelize.DataValidationType
	min, max      string
	title, prompt string
	error         string
}

// valueRuleOf returns the validation of ind's 本期值: whole numbers for counts and ranks,
// decimals otherwise, in a range that rules out slips (a negative count, a share over 100)
// without judging the figure itself; that is the collector's job.
func valueRuleOf(ind *gyqc.Indicator) valueRule {
	r := valueRule{kind: excelize.DataValidationTypeDecimal, min: "0", max: "10000000",
		title: "本期值（" + ind.Measure + "）"}
	what := ""
	switch ind.Kind {
	case gyqc.KindRank:
		r.kind, r.min, r.max = excelize.DataValidationTypeWhole, "1", "1000"
		what = "最近一次公布的排位，填整数，如 3"
	case gyqc.KindShare, gyqc.KindTrend:
		r.max = "100"
		what = "截至本月末的百分比，只填数值，不带%号，如 18.5"
	case gyqc.KindGrowth:
		r.min, r.max = "-100", "1000"
		what = "本年累计同比增长率，只填数值，不带%号，可为负数，如 12.5 或 -3"
	case gyqc.KindReduction:
		r.min, r.max = "-100", "100"
		what = "较基期降低的百分比，只填数值，不带%号，如 8.2；不降反升的填负数"
	case gyqc.KindAnnual:
		what = "本年1月至本月末的累计数"
	default:
		what = "截至本月末的累计数"
	}
	if ind.Kind == gyqc.KindLevel || ind.Kind == gyqc.KindAnnual {
		if countMeasures[ind.Measure] {
			r.kind, r.max = excelize.DataValidationTypeWhole, "1000000"
			what += "，填整数"
		} else {
			what += "（单位：" + ind.Measure + "），只填数字"
		}
	}
	r.prompt = fmt.Sprintf("%s：填写%s。目标：%s。暂无数据的留空，并在“情况说明”中说明。", ind.Name, what, ind.TargetLabel())
	r.error = fmt.Sprintf("请只填写数字（不带单位、%%号或文字），范围 %s 至 %s%s。需要说明的情况请写在“情况说明”中。", r.min, r.max, wholeNote(r.kind))
	return r
}

// wholeNote adds "，且为整数" for whole-number validations.
func wholeNote(k excelize.DataValidationType) string {
	if k == excelize.DataValidationTypeWhole {
		return "，且为整数"
	}
	return ""
}
