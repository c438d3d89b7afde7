package render

import (
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/fixture"
)

// briefCase is a month of a workspace and what its briefing must say.
type briefCase struct {
	Name   string
	Period string
	Build  func(w *fixture.World, p gyqc.Period)
	Now    time.Duration // the evaluation time before the period's deadline; 0: after every deadline
	Says   []string      // sentences the briefing must contain (whitespace aside)
	Golden string        // the golden text file in testdata, or empty
}

// briefCases are the months the briefing tests render.
var briefCases = []briefCase{
	{
		Name: "normal month", Period: "2025-06", Golden: "briefing-normal.txt",
		Build: func(w *fixture.World, p gyqc.Period) {
			w.Fill(p.Add(-3), p)
			w.Task("jxw", p, 3).Progress = latinProgress
			w.Task("jxw", p, 3).Issues = "园区标准厂房供给不足，部分签约项目无法按期入驻，需区规划自然资源局协调用地指标"
			w.Task("dsjj", p, 16).Progress = formulaProgress
			w.Task("dsjj", p, 17).Status = gyqc.StatusBehind
			w.Task("dsjj", p, 17).Issues = "“5G+工业互联网”示范项目受运营商专网建设进度影响，需区国资委协调。"
			w.Task("zyyq", p, 15).Progress = longProgress(w.Plan)
			w.Task("zstzj", p, 4).Progress = quoteProgress
			w.Task("sww", p, 18).Progress = rareProgress
			w.Task("czj", p, 23).NextPlan = ""
			w.Late("fgw", p, 26*time.Hour)
			w.Value("new-projects", p).Value = ptrTo(9)
			w.Value("new-projects", p).Raw = "9"
			w.Value("new-projects", p).Note = "2个项目因用地报批延后至7月开工"
			w.Value("cloud-enterprises", p).Note = "含已签约待上线企业3家"
			w.Refuse("kjj", p, "“高新技术制造业企业数量”应填写数字", true)
		},
		Says: []string{
			"本期应报送单位36个，报送截止时间为2025年7月1日前。其中按时报送35个、迟报1个，按时报送率97.2%",
			"迟报的单位（1个）：区发展改革委（迟报1天2小时）。",
			"黄灯上月为绿灯17．深化“5G+工业互联网”应用区大数据发展局区大数据发展局报告滞后。",
			"附件：1．各项重点任务推进情况（各单位报送原文）",
			"其余22项任务亮绿灯，正常推进。",
			"未扣分的31个；扣分的5个",
		},
	},
	{
		Name: "many late and red", Period: "2025-06",
		Build: func(w *fixture.World, p gyqc.Period) {
			w.Fill(p.Add(-3), p)
			for k := -2; k <= 0; k++ {
				q := p.Add(k)
				w.Late("fgw", q, 30*time.Hour)
				w.Late("czj", q, 3*24*time.Hour+2*time.Hour)
				for _, no := range []int{3, 7, 9, 10} {
					w.Task("jxw", q, no).Status = gyqc.StatusBehind
					w.Task("jxw", q, no).Issues = "受原材料价格上涨影响，部分项目投资放缓，需加大要素保障力度"
				}
			}
			w.Drop("zstzj", p.Add(-1)).Drop("zstzj", p)
			w.Drop("kjj", p).Refuse("kjj", p, "“高新技术制造业企业数量”填写的“约30”不是数字", false)
			w.Late("dsjj", p, 5*24*time.Hour)
			w.Value("output-value", p).Value = ptrTo(100)
			w.Value("new-projects", p).Value = ptrTo(2)
			w.Value("scale-enterprises", p).Value = nil
			w.Value("scale-enterprises", p).Raw = "约30"
			w.Value("scale-enterprises", p).Note = "统计局快报数据尚未发布"
			w.Task("zyyq", p, 13).Status = gyqc.StatusNotBegun
			w.Task("zyyq", p, 13).Issues = "园区管理体制改革方案尚待区委编办审定。"
		},
		Says: []string{
			"及其亮灯原因见表2。",
			"连续迟报或未报送的单位（3个）：",
			"区招商投资局连续2月未报送（2025年5月至2025年6月）",
			"被退回的单位（1个）：区科技局（第1版文件被退回：“高新技术制造业企业数量”填写的“约30”不是数字）。",
			"严重滞后",
		},
	},
	{
		Name: "first month of the plan", Period: "2022-09",
		Build: func(w *fixture.World, p gyqc.Period) {
			w.Fill(p, p)
			w.Late("jrb", p, 3*time.Hour)
		},
		Says: []string{
			"本期为开始监测后的首个报送期，暂无上月亮灯情况可比。",
			"迟报的单位（1个）：区金融办（迟报3小时）。",
		},
	},
	{
		Name: "before the deadline", Period: "2025-06", Now: 30 * time.Hour,
		Build: func(w *fixture.World, p gyqc.Period) {
			w.Fill(p.Add(-1), p)
			for i, u := range w.Plan.ResponsibleUnits() {
				if i%2 == 0 {
					w.Drop(u.Code, p)
				}
			}
		},
		Says: []string{
			"（截至2025年6月29日18时，报送截止时间未到）",
			"其中按时报送18个、尚未报送18个，按时报送率50%",
			"统计时尚未到报送截止时间，以上为初步统计。",
			"尚未报送（未到截止时间）的单位（18个）：区经济信息委、",
		},
	},
	{
		Name: "nothing received yet, hours before the deadline", Period: "2025-06", Now: 29*time.Hour + 35*time.Minute,
		Build: func(w *fixture.World, p gyqc.Period) { w.Fill(p.Add(-1), p.Add(-1)) },
		Says: []string{
			"（截至2025年6月29日18时25分，报送截止时间未到）",
			"截至统计时，各单位均未报送本期材料。统计时尚未到报送截止时间，以上为初步统计。",
		},
	},
	{
		Name: "no returns at all", Period: "2025-06",
		Build: func(w *fixture.World, p gyqc.Period) {},
		Says: []string{
			"截至统计时，各单位均未报送本期材料。",
			"本期未收到各单位报送的材料，暂无各单位反映的问题。",
			"36个单位中，未扣分的0个；扣分的36个",
			"未报送的单位（36个）：",
		},
	},
}

func ptrTo(v float64) *float64 { return &v }

// briefingHeaders are the texts a briefing repeats on every page a table or chart spans,
// removed before texts are looked for whole.
var briefingHeaders = []string{
	"序号指标目标本期数值完成情况序时进度状态", "名次单位得分扣分情况", "单位进展状态报送内容",
	"序号指标（计量单位）报送单位填报内容情况说明", "完成率序时进度", "本期数值目标值",
	"图1累计和年度指标完成率（续）", "图2占比、增长率和降低率类指标（续）",
}
