package gyqc

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Assessment is the configuration of the units' assessment (考核): every unit starts from
// FullScore each period and loses points by the Penalties (the `assessment:` section of the
// plan file, where each is a `rule`). A condition the file does not list costs nothing. A
// Penalty is a scoring rule; it is not the Rule of a Problem, which names a check a file failed.
type Assessment struct {
	FullScore float64   `json:"full_score"`
	Penalties []Penalty `json:"rules"`
	// SoftFactor weighs the indicator deductions of a soft target (力争): 0.5 halves them.
	SoftFactor float64 `json:"soft_factor"`
}

// DefaultAssessment returns the scoring rules used when the plan file has no `assessment:`
// section; the embedded plan file states the same rules. Not reporting costs as much as the
// progress and indicator rules together can, so that not reporting never pays.
func DefaultAssessment() Assessment {
	return Assessment{FullScore: 100, Penalties: []Penalty{
		{Key: PenaltyLate, Points: 1, PerDay: true, Max: 5},
		{Key: PenaltyMissing, Points: 35},
		{Key: PenaltyRefused, Points: 2, Max: 6},
		{Key: PenaltyUnexplainedWarning, Points: 0.5, Max: 3},
		{Key: PenaltyTaskBehind, Points: 1, Max: 3},
		{Key: RuleTaskBehindUnexplained, Points: 2, Max: 6},
		{Key: PenaltyTaskNotBegun, Points: 2, Max: 6},
		{Key: PenaltyIndicatorBehind, Points: 1, Max: 5},
		{Key: PenaltyIndicatorFarBehind, Points: 2, Max: 8},
		{Key: PenaltyIndicatorEmpty, Points: 1, Max: 5},
		{Key: RuleSupportBehind, Points: 0.5, Max: 2},
		{Key: RuleMisreport, Points: 5, Max: 10},
		{Key: RulePractice, Points: 1, Max: 3},
	}, SoftFactor: 0.5}
}

// Penalty returns the penalty for condition k, and whether the assessment has one.
func (a Assessment) Penalty(k PenaltyKey) (Penalty, bool) {
	for _, r := range a.Penalties {
		if r.Key == k {
			return r, true
		}
	}
	return Penalty{}, false
}

// Score is a unit's score for a period with its breakdown: every lost point with the rule and
// the reason, and the parts that could not be assessed for want of data (shown as 无数据,
// never as zero).
type Score struct {
	Full       float64     `json:"full"`
	Value      float64     `json:"value"` // Full minus Lost, never below 0, rounded to 0.01
	Lost       float64     `json:"lost"`
	Gained     float64     `json:"gained,omitempty"` // credit (加分), added to Full minus Lost
	Deductions []Deduction `json:"deductions"`
	NoData     []Category  `json:"no_data,omitempty"` // parts with nothing to assess for want of data
	Notes      []string    `json:"notes,omitempty"`   // such as 尚未到报送截止时间
}

// Deduction is one lost amount of points with its penalty and reason in Chinese.
type Deduction struct {
	Penalty   PenaltyKey `json:"rule"`
	Category  Category   `json:"category"`
	Points    float64    `json:"points"` // after the penalty's cap; 0 when the cap was already reached; credit for RulePractice
	Capped    bool       `json:"capped,omitempty"`
	Reason    string     `json:"reason"`
	Task      int        `json:"task,omitempty"`
	Indicator string     `json:"indicator,omitempty"`
}

// LostIn returns the points lost in category c.
func (s Score) LostIn(c Category) float64 {
	var sum float64
	for _, d := range s.Deductions {
		if d.Category == c {
			sum += d.Points
		}
	}
	return roundTo(sum, 2)
}

// Assessed reports whether category c could be assessed (it had data).
func (s Score) Assessed(c Category) bool { return !slices.Contains(s.NoData, c) }

// scorer applies the penalties to one unit, keeping the running total per penalty for the caps.
type scorer struct {
	a     Assessment
	score Score
	used  map[PenaltyKey]float64
	// missing is the index in score.Deductions of the 未报送 deduction, or -1: the refusals
	// of a unit charged as not reporting are the reason it has nothing accepted and are named
	// there, not charged again, so that a refused file never costs more than sending none.
	missing int
}

// deduct records occurrences of condition k costing n times the penalty's points, capped.
func (s *scorer) deduct(k PenaltyKey, n float64, d Deduction) {
	r, ok := s.a.Penalty(k)
	if !ok || r.Points == 0 {
		return
	}
	pts := r.Points * n
	if r.Max > 0 && s.used[k]+pts > r.Max {
		pts = math.Max(0, r.Max-s.used[k])
		d.Capped = true
		verb := "扣"
		if k.Category() == CategoryCredit {
			verb = "加"
		}
		d.Reason += fmt.Sprintf("（本项每月最多%s%s分）", verb, FormatNumber(r.Max))
	}
	s.used[k] += pts
	d.Penalty, d.Category, d.Points = k, k.Category(), roundTo(pts, 2)
	s.score.Deductions = append(s.score.Deductions, d)
}

// unitInput is what a unit's score is computed from.
type unitInput struct {
	report      *ReportState
	led         []*TaskEvaluation      // tasks it leads
	supported   []*TaskEvaluation      // tasks it supports (配合): it answers for its own part
	accountable []*IndicatorEvaluation // indicators it answers for
	reported    []*IndicatorEvaluation // indicators it supplies the figure of
	flags       []Flag                 // contradictions found, with the office's findings
	adopted     []int                  // tasks whose 经验做法 the office adopted
}

// scoreUnit applies the assessment rules to one unit's report of a period. Every deduction
// carries its reason in words an official reads: the figure, what it was held to, and why.
func scoreUnit(p *Plan, a Assessment, in unitInput) Score {
	s := scorer{a: a, score: Score{Full: a.FullScore}, used: map[PenaltyKey]float64{}, missing: -1}
	r := in.report
	s.timeliness(p, r)
	s.quality(r, in.led)

	if len(in.led)+len(in.supported) > 0 && r.Current == nil { // a supported task's part cannot be judged either
		s.score.NoData = append(s.score.NoData, CategoryProgress)
	}
	for _, te := range in.led {
		label := fmt.Sprintf("任务%d%s", te.Task.No, Quote(te.Task.Title))
		if r.Current != nil {
			if tr := r.Current.Task(te.Task.No); tr != nil {
				switch {
				case tr.Status == StatusBehind && Explained(tr.Issues):
					s.deduct(PenaltyTaskBehind, 1, Deduction{Reason: label + "报告滞后，已说明原因", Task: te.Task.No})
				case tr.Status == StatusBehind:
					s.deduct(RuleTaskBehindUnexplained, 1, Deduction{Reason: label + "报告滞后，未说明原因", Task: te.Task.No})
				case tr.Status == StatusNotBegun:
					s.deduct(PenaltyTaskNotBegun, 1, Deduction{Reason: label + "报告未启动", Task: te.Task.No})
				}
			}
		}
		if te.Light == LightRed {
			s.deduct(PenaltyTaskRed, 1, Deduction{Reason: label + "红灯：" + te.Reason(), Task: te.Task.No})
		}
	}
	if r.Current != nil {
		for _, te := range in.supported {
			if tr := r.Current.Task(te.Task.No); tr != nil && tr.Status == StatusBehind {
				s.deduct(RuleSupportBehind, 1, Deduction{Reason: fmt.Sprintf("配合任务%d%s的本单位工作报告滞后", te.Task.No, Quote(te.Task.Title)), Task: te.Task.No})
			}
		}
	}
	for _, f := range in.flags {
		if f.Confirmed {
			s.deduct(RuleMisreport, 1, Deduction{Reason: "经核实报送失实：" + strings.TrimPrefix(f.Message, "状态与指标不符，待核实："), Task: f.Task, Indicator: f.Indicator})
		}
	}

	if len(in.accountable) > 0 && r.Current == nil && len(in.reported) > 0 {
		s.score.NoData = append(s.score.NoData, CategoryIndicators)
	}
	for _, ie := range in.accountable {
		d := Deduction{Reason: "指标" + Quote(ie.Indicator.Name) + strings.TrimPrefix(ie.Reason, ie.Indicator.Name) + answers(p, r.Unit, ie),
			Indicator: ie.Key, Task: ie.Indicator.Task}
		n := 1.0
		if ie.Indicator.Soft && a.SoftFactor > 0 {
			n = a.SoftFactor
			d.Reason += "（力争目标，按" + FormatNumber(a.SoftFactor) + "倍计）"
		}
		switch ie.Status {
		case IndicatorBehind:
			s.deduct(PenaltyIndicatorBehind, n, d)
		case IndicatorFarBehind:
			s.deduct(PenaltyIndicatorFarBehind, n, d)
		}
	}
	for _, ie := range in.reported {
		if ie.Status == IndicatorNoData && r.Current != nil {
			s.deduct(PenaltyIndicatorEmpty, 1, Deduction{Reason: "未填报指标" + Quote(ie.Indicator.Name), Indicator: ie.Key, Task: ie.Indicator.Task})
		}
	}
	for _, t := range in.adopted {
		title := ""
		if task := p.Task(t); task != nil {
			title = Quote(task.Title)
		}
		s.deduct(RulePractice, 1, Deduction{Reason: fmt.Sprintf("任务%d%s的经验做法被简报采用", t, title), Task: t})
	}

	for _, d := range s.score.Deductions {
		if d.Penalty == RulePractice {
			s.score.Gained += d.Points
		} else {
			s.score.Lost += d.Points
		}
	}
	s.score.Lost, s.score.Gained = roundTo(s.score.Lost, 2), roundTo(s.score.Gained, 2)
	s.score.Value = roundTo(math.Max(0, s.score.Full-s.score.Lost)+s.score.Gained, 2)
	return s.score
}

// answers says why a unit that did not report an indicator's figure bears its deduction: who
// reported it, and the rule that makes the unit answer for it — the lead of the indicator's
// task (by default), or the plan file's accountable units (an industry chain's lead
// department, not every lead of its task). Without
// it 区大数据发展局 read a deduction for 区经济信息委's 市级数字化车间 as if it had reported
// the figure itself. "" for the unit that reported it.
func answers(p *Plan, unit string, ie *IndicatorEvaluation) string {
	ind := ie.Indicator
	if ind.UnitCode == unit {
		return ""
	}
	why := "方案文件定本单位为该指标责任单位"
	if lead, _ := p.TaskUnits(ind.Task); sameUnits(lead, ind.Accountable) { // the default
		why = fmt.Sprintf("本单位为任务%d牵头单位", ind.Task)
	}
	return "（" + ie.UnitName + "报送，" + why + "）"
}

// sameUnits reports whether a and b hold the same unit codes, in any order.
func sameUnits(a, b []string) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(c string) bool { return !slices.Contains(b, c) })
}

// timeliness deducts for a late or missing report.
func (s *scorer) timeliness(p *Plan, r *ReportState) {
	switch r.Timeliness() {
	case StateLate:
		days := math.Ceil(r.Late.Hours() / 24)
		n := 1.0
		reason := "截止后" + DurationLabel(r.Late) + "收到"
		if rule, _ := s.a.Penalty(PenaltyLate); rule.PerDay {
			n = days
			reason += fmt.Sprintf("，按%s天计", FormatNumber(days))
		}
		s.deduct(PenaltyLate, n, Deduction{Reason: reason})
	case StateMissing:
		if r.Overdue {
			s.deduct(PenaltyMissing, 1, Deduction{Reason: p.DueLabel(r.Period) + "未收到可接受的报送文件"})
			if n := len(s.score.Deductions); n > 0 && s.score.Deductions[n-1].Penalty == PenaltyMissing {
				s.missing = n - 1
			}
		} else {
			s.score.Notes = append(s.score.Notes, "尚未到报送截止时间（"+p.DueLabel(r.Period)+"），暂不计未报送")
		}
	}
}

// quality deducts for refused files and unexplained warnings (a task's is explained in its
// 存在问题及需协调事项, an indicator's in its 情况说明: the deduction, shown under its label
// 警告未说明, gives the warning's own words and names neither place). A
// warning that a task the unit leads is 滞后 without a reason is left to
// task-behind-unexplained, which charges that fault. A led task still 未启动 late in the
// horizon without a reason is charged twice for two faults: task-not-begun for the status,
// with or without a reason, and its not-begun-late warning for the reason it did not give.
func (s *scorer) quality(r *ReportState, led []*TaskEvaluation) {
	for _, at := range r.Attempts {
		if at.Outcome.Acceptable() {
			continue
		}
		reason := fmt.Sprintf("第%d版文件被退回", at.Version)
		if g := at.Problems.Gist(); g != "" {
			reason += "：" + g
		}
		s.refused(1, reason)
	}
	if ret := r.Review; ret != nil && ret.Return != nil {
		reason := fmt.Sprintf("第%d版经审核退回：%s", ret.Return.Version, ret.Return.Reason)
		if ret.Returns > 1 {
			reason = fmt.Sprintf("经审核退回%d次，最近一次（第%d版）：%s", ret.Returns, ret.Return.Version, ret.Return.Reason)
		}
		s.refused(float64(ret.Returns), reason)
	}
	if r.Current != nil {
		for _, pr := range r.Current.Problems {
			if pr.Severity != SevWarning || pr.Explained || pr.Rule == RuleBehindWithoutReason && leads(led, pr.Task) {
				continue
			}
			s.deduct(PenaltyUnexplainedWarning, 1, Deduction{Reason: pr.Message,
				Task: pr.Task, Indicator: pr.Indicator})
		}
	}
}

// refused charges n refusals, or, when the unit is charged as not reporting, names them in
// that deduction instead (按未报送计，不另扣分).
func (s *scorer) refused(n float64, reason string) {
	if s.missing < 0 {
		s.deduct(PenaltyRefused, n, Deduction{Reason: reason})
		return
	}
	d := &s.score.Deductions[s.missing]
	d.Reason += "（" + reason + "，未更正重报，按未报送计，退回不另扣分）"
}

// leads reports whether task no is among the led tasks.
func leads(led []*TaskEvaluation, no int) bool {
	for _, te := range led {
		if te.Task.No == no {
			return true
		}
	}
	return false
}

// rank orders units by score, best first, ties in registry order, and numbers them by
// competition ranking: equal scores share a rank and the next rank skips (1, 2, 2, 4).
func rank(units []*UnitEvaluation) []*UnitEvaluation {
	out := append([]*UnitEvaluation(nil), units...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score.Value > out[j].Score.Value })
	for i, u := range out {
		u.Rank = i + 1
		if i > 0 && u.Score.Value == out[i-1].Score.Value {
			u.Rank = out[i-1].Rank
		}
	}
	for i, u := range out {
		u.Tied = i > 0 && out[i-1].Rank == u.Rank || i+1 < len(out) && out[i+1].Rank == u.Rank
	}
	return out
}

// noReason matches a 存在问题 text that only says there is nothing: 无, 暂无问题,
// 无需协调事项, 暂无需协调解决的问题 (but not 无法按期开工, which is a reason).
var noReason = regexp.MustCompile(`^暂?(无|没有)(需要?)?(协调|解决)*的?(事项|问题)?$`)

// Explained reports whether a 存在问题 text gives a reason: not empty and not a bare 无
// or 无需协调事项.
func Explained(issues string) bool {
	s := strings.Trim(strings.TrimSpace(issues), "。.;；")
	switch s {
	case "", "/", "-", "—":
		return false
	}
	return !noReason.MatchString(s)
}
