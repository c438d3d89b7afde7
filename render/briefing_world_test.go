package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// Texts units write that the briefing must carry whole.
const (
	// Latin letters, digits, a web address and a Windows path.
	latinProgress = "本月完成工业投资3.25亿元，同比增长12.5%；ABC Materials Co., Ltd.年产20万吨玻纤项目完成设备安装，" +
		"PMI为51.3，R&D投入强度2.15%。项目资料见https://www.qianjiang.gov.cn/zwgk/2025/06/industrial-project-list.xlsx，" +
		"原件存于D:\\工业强城\\2025\\(6月)进展.docx。"
	// Quotation marks, brackets and book-title marks at every place of a line.
	quoteProgress = "对照《黔江区“工业强城”建设实施方案》（2022—2025年）“到2025年，全区规模以上工业企业达到100家及以上”的要求，" +
		"本月新增“升规”企业2家（黔江区某某食品有限公司、重庆某某新材料有限公司），《入库培育清单》动态调整至35家；" +
		"“专精特新”企业申报材料已报市经济信息委（第一批）。"
	// A character above U+FFFF and one no installed font has.
	rareProgress = "组织“𠮷祥如意”文化消费品企业参加展销会，彝绣企业“ꀀ”字号产品订单增加；其他工作按计划推进。"
	// A text a spreadsheet would take for a formula, and several lines.
	formulaProgress = "=SUM(B2:B9)家企业完成“上云”改造。\n一是完成供应链平台需求调研；\n二是召开工作推进会1次；\n三是+2家企业上线试运行。"
)

// longProgress is a progress text taller than a page in the annex's table.
func longProgress(plan *gyqc.Plan) string {
	var b strings.Builder
	b.WriteString("本月重点工作如下。")
	for i, t := range plan.Tasks[:9] {
		fmt.Fprintf(&b, "（%d）对照“%s”的要求：%s", i+1, t.Title, t.Text)
	}
	return b.String()
}

// newBriefWorld is the fixture's world with the figures and texts the briefing's golden file
// was made with: every responsible unit returns an accepted file two days before each
// deadline, every task 正常推进 with a progress text that differs by unit, task and period,
// and every indicator on track; scenarios then change what they are about.
func newBriefWorld(tb testing.TB, plan *gyqc.Plan) *fixture.World {
	tb.Helper()
	w := fixture.New(tb, plan)
	w.Figures = fixture.Figures{TrendBase: 30, TrendDiv: 10, Other: 1}
	w.Dress = func(w *fixture.World, s *gyqc.Submission) {
		u, p := w.Plan.Registry.Unit(s.Unit), s.Period
		s.FileName, s.Application = fmt.Sprintf("%s_%s_工业强城月报.xlsx", p, u.Name), "Microsoft Excel"
		s.Filler = gyqc.Filler{Name: "张敏", Phone: "023-79221234", Reviewer: "李强", Date: p.Add(1).String() + "-01"}
		for i := range s.Tasks {
			tr := &s.Tasks[i]
			t := w.Plan.Task(tr.Task)
			tr.Progress = fmt.Sprintf("%s本月围绕“%s”召开专题会议%d次，走访企业%d家，协调解决用地、用电、融资等问题%d个（%s）。",
				u.Name, t.Title, 1+tr.Task%3, 5+tr.Task, 2+int(p.Month)%4, p.Label())
			tr.Issues = "无"
			tr.NextPlan = fmt.Sprintf("继续推进%s相关工作，确保完成%d年度目标。", t.Title, p.Year)
		}
	}
	return w
}

// evaluate evaluates period p from subs after every deadline.
func evaluate(tb testing.TB, plan *gyqc.Plan, p gyqc.Period, subs []gyqc.Submission) *gyqc.Evaluation {
	tb.Helper()
	return fixture.Evaluate(tb, plan, p, subs, time.Time{})
}
