package review

import (
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

func cell(ref, text string) templates.Input {
	return templates.Input{Sheet: "任务进展", Cell: ref, Text: text}
}
func vcell(ref, text string) templates.Input {
	return templates.Input{Sheet: "指标填报", Cell: ref, Text: text}
}
func fp(v float64) *float64 { return &v }

// typed is a cell read by its type and format.
func typed(ref, text string, kind templates.Kind, date string) templates.Input {
	sheet := "任务进展"
	if ref[0] == 'H' && kind != templates.KindError || kind == templates.KindPercent {
		sheet = "指标填报"
	}
	return templates.Input{Sheet: sheet, Cell: ref, Text: text, Kind: kind, Date: date}
}

// dsjjReturn is a clean June 2025 return of 区大数据发展局 (leads 3, 16, 17, 18; reports
// cloud-enterprises and 5g-scenarios).
func dsjjReturn() CheckInput {
	in := CheckInput{File: "dsjj.xlsx", Unit: "dsjj", Period: gyqc.MustPeriod("2025-06")}
	for i, no := range []int{3, 16, 17, 18} {
		r := string(rune('5' + i))
		in.Tasks = append(in.Tasks, templates.TaskInput{Task: no,
			Status:   cell("G"+r, "正常推进"),
			Progress: cell("H"+r, "本月推进任务"+string(rune('A'+i))+"，组织专题调度会1次，走访企业5家"),
			Issues:   cell("I"+r, ""),
			NextPlan: cell("J"+r, "继续推进")})
	}
	in.Values = []templates.ValueInput{
		{Key: "cloud-enterprises", Value: vcell("H5", "56")},
		{Key: "5g-scenarios", Value: vcell("H6", "2")},
	}
	return in
}

// checkCase is one case of TestCheck: an edit of dsjj's clean return and the problem it must
// raise (none for rule "").
type checkCase struct {
	name     string
	edit     func(*CheckInput)
	rule     gyqc.Rule
	severity gyqc.Severity
	cellRef  string
	explain  bool
}

// checkCases are TestCheck's cases.
var checkCases = []checkCase{
	{name: "clean return", edit: func(*CheckInput) {}},
	{name: "lead progress empty", edit: func(in *CheckInput) { in.Tasks[1].Progress.Text = "  " }, rule: "progress-required", severity: gyqc.SevError, cellRef: "H6"},
	{name: "lead status empty", edit: func(in *CheckInput) { in.Tasks[0].Status.Text = "" }, rule: "status-required", severity: gyqc.SevError, cellRef: "G5"},
	{name: "status typed, not picked", edit: func(in *CheckInput) { in.Tasks[0].Status.Text = "基本完成" }, rule: "status-invalid", severity: gyqc.SevError, cellRef: "G5"},
	{name: "text in a number cell", edit: func(in *CheckInput) { in.Values[0].Value.Text = "待统计" }, rule: "not-a-number", severity: gyqc.SevError, cellRef: "H5"},
	{name: "estimate is kept and questioned", edit: func(in *CheckInput) { in.Values[0].Value.Text = "约56" }, rule: "approximate", severity: gyqc.SevWarning, cellRef: "H5"},
	{name: "estimate explained", edit: func(in *CheckInput) {
		in.Values[0].Value.Text = "56左右"
		in.Values[0].Note.Text = "统计部门尚未公布，为估计数"
	}, rule: "approximate", severity: gyqc.SevWarning, cellRef: "H5", explain: true},
	{name: "bound", edit: func(in *CheckInput) { in.Values[0].Value.Text = "≥56" }, rule: "approximate", severity: gyqc.SevWarning, cellRef: "H5"},
	{name: "measure and bound", edit: func(in *CheckInput) { in.Values[0].Value.Text = "56家以上" }, rule: "approximate", severity: gyqc.SevWarning, cellRef: "H5"},
	{name: "full-width noted", edit: func(in *CheckInput) { in.Values[0].Value.Text = "５６" }, rule: "normalised", severity: gyqc.SevNote, cellRef: "H5", explain: true},
	{name: "logical value in a number cell", edit: func(in *CheckInput) { in.Values[0].Value = typed("H5", "1", templates.KindBool, "") }, rule: "wrong-type", severity: gyqc.SevError, cellRef: "H5"},
	{name: "error value in a number cell", edit: func(in *CheckInput) { in.Values[0].Value = typed("H5", "#DIV/0!", templates.KindError, "") }, rule: "error-value", severity: gyqc.SevError, cellRef: "H5"},
	{name: "date in a number cell", edit: func(in *CheckInput) { in.Values[0].Value = typed("H5", "45838", templates.KindDate, "2025-07-01") }, rule: "date-in-number", severity: gyqc.SevError, cellRef: "H5"},
	{name: "percent format on a count", edit: func(in *CheckInput) { in.Values[0].Value = typed("H5", "0.56", templates.KindPercent, "") }, rule: "percent-format", severity: gyqc.SevError, cellRef: "H5"},
	{name: "error value as progress", edit: func(in *CheckInput) { in.Tasks[1].Progress = typed("H6", "#N/A", templates.KindError, "") }, rule: "error-value", severity: gyqc.SevError, cellRef: "H6"},
	{name: "logical value as status", edit: func(in *CheckInput) { in.Tasks[1].Status = typed("G6", "0", templates.KindBool, "") }, rule: "wrong-type", severity: gyqc.SevError, cellRef: "G6"},
	{name: "date as next plan", edit: func(in *CheckInput) { in.Tasks[1].NextPlan = typed("J6", "45850", templates.KindDate, "2025-07-13") }, rule: "wrong-type", severity: gyqc.SevError, cellRef: "J6"},
	{name: "formula without a result in a number cell", edit: func(in *CheckInput) {
		in.Values[0].Value = templates.Input{Sheet: "指标填报", Cell: "H5", Formula: true}
	}, rule: "formula-no-value", severity: gyqc.SevError, cellRef: "H5"},
	{name: "formula with a result in a number cell", edit: func(in *CheckInput) {
		in.Values[0].Value = templates.Input{Sheet: "指标填报", Cell: "H5", Text: "56", Kind: templates.KindNumber, Formula: true}
	}, rule: "formula-value", severity: gyqc.SevNote, cellRef: "H5", explain: true},
	{name: "formula without a result as progress", edit: func(in *CheckInput) {
		in.Tasks[1].Progress = templates.Input{Sheet: "任务进展", Cell: "H6", Formula: true}
	}, rule: "formula-no-value", severity: gyqc.SevError, cellRef: "H6"},
	{name: "empty value", edit: func(in *CheckInput) { in.Values[1].Value.Text = "" }, rule: "value-required", severity: gyqc.SevError, cellRef: "H6"},
	{name: "empty value explained", edit: func(in *CheckInput) { in.Values[1].Value.Text = ""; in.Values[1].Note.Text = "本月暂无新数据" }, rule: "value-empty", severity: gyqc.SevWarning, cellRef: "H6", explain: true},
	{name: "negative count", edit: func(in *CheckInput) { in.Values[1].Value.Text = "-1" }, rule: "negative", severity: gyqc.SevError, cellRef: "H6"},
	{name: "fractional count", edit: func(in *CheckInput) { in.Values[1].Value.Text = "2.5" }, rule: "count-integer", severity: gyqc.SevError, cellRef: "H6"},
	{name: "level falls", edit: func(in *CheckInput) { in.Values[0].Value.Text = "48" }, rule: "level-fell", severity: gyqc.SevWarning, cellRef: "H5"},
	{name: "level falls, explained", edit: func(in *CheckInput) { in.Values[0].Value.Text = "48"; in.Values[0].Note.Text = "2家企业注销" }, rule: "level-fell", severity: gyqc.SevWarning, cellRef: "H5", explain: true},
	{name: "jump (万 for 亿)", edit: func(in *CheckInput) { in.Values[0].Value.Text = "560" }, rule: "jump", severity: gyqc.SevWarning, cellRef: "H5"},
	{name: "copied from last month", edit: func(in *CheckInput) {}, rule: "copied-last-month", severity: gyqc.SevWarning, cellRef: "H6"},
	{name: "behind without a reason", edit: func(in *CheckInput) { in.Tasks[2].Status.Text = "滞后" }, rule: "behind-without-reason", severity: gyqc.SevWarning, cellRef: "I7"},
	{name: "behind with only 无 as its reason", edit: func(in *CheckInput) { in.Tasks[2].Status.Text = "滞后"; in.Tasks[2].Issues.Text = "无" }, rule: "behind-without-reason", severity: gyqc.SevWarning, cellRef: "I7"},
	{name: "done far below target", edit: func(in *CheckInput) { in.Tasks[1].Status.Text = "已完成"; in.Values[0].Value.Text = "20" }, rule: "done-below-target", severity: gyqc.SevWarning, cellRef: "G6"},
	{name: "not begun late in the horizon", edit: func(in *CheckInput) { in.Tasks[3].Status.Text = "未启动" }, rule: "not-begun-late", severity: gyqc.SevWarning, cellRef: "G8"},
	{name: "not begun late, only 无 as its reason", edit: func(in *CheckInput) { in.Tasks[3].Status.Text = "未启动"; in.Tasks[3].Issues.Text = "无" },
		rule: "not-begun-late", severity: gyqc.SevWarning, cellRef: "G8"},
	{name: "not begun late, with its reason", edit: func(in *CheckInput) {
		in.Tasks[3].Status.Text = "未启动"
		in.Tasks[3].Issues.Text = "项目选址调整，预计9月启动"
	}, rule: "not-begun-late", severity: gyqc.SevWarning, cellRef: "G8", explain: true},
	{name: "done far below target, only 无 as its reason", edit: func(in *CheckInput) {
		in.Tasks[1].Status.Text = "已完成"
		in.Tasks[1].Issues.Text = "无需协调事项"
		in.Values[0].Value.Text = "20"
	}, rule: "done-below-target", severity: gyqc.SevWarning, cellRef: "G6"},
}

func TestCheck(t *testing.T) {
	plan := planfile.Default()
	prev := &gyqc.Submission{Unit: "dsjj", Period: gyqc.MustPeriod("2025-05"),
		Tasks:  []gyqc.TaskReport{{Task: 16, Progress: "本月推进任务B，组织专题调度会1次，走访企业5家"}},
		Values: []gyqc.IndicatorValue{{Key: "cloud-enterprises", Value: fp(50)}, {Key: "5g-scenarios", Value: fp(2)}}}
	for _, tc := range checkCases {
		t.Run(tc.name, func(t *testing.T) {
			in := dsjjReturn()
			if tc.rule == "copied-last-month" || tc.rule == "level-fell" || tc.rule == "jump" {
				in.Previous = prev
			}
			tc.edit(&in)
			tasks, values, probs := Check(plan, in, Options{})
			if len(tasks) != 4 || len(values) != 2 {
				t.Fatalf("got %d tasks, %d values; want 4, 2", len(tasks), len(values))
			}
			if tc.rule == "" {
				if len(probs) != 0 {
					t.Fatalf("clean return has problems: %v", probs)
				}
				if Outcome(probs) != gyqc.OutcomeAccepted {
					t.Errorf("outcome %s", Outcome(probs))
				}
				return
			}
			for _, p := range probs {
				if p.Rule != tc.rule {
					continue
				}
				if p.Severity != tc.severity || p.Explained != tc.explain || p.File != "dsjj.xlsx" || p.Sheet == "" {
					t.Errorf("got %+v; want severity %s explained %v", p, tc.severity, tc.explain)
				}
				if tc.cellRef != "" && p.Cell != tc.cellRef {
					t.Errorf("cell %s, want %s", p.Cell, tc.cellRef)
				}
				if p.Message == "" || (p.Fix == "" && p.Severity != gyqc.SevNote) {
					t.Errorf("message or fix missing: %+v", p)
				}
				want := map[gyqc.Severity]gyqc.Outcome{gyqc.SevError: gyqc.OutcomeRefused, gyqc.SevWarning: gyqc.OutcomeWarned, gyqc.SevNote: gyqc.OutcomeAccepted}[tc.severity]
				if got := Outcome(probs); got != want {
					t.Errorf("outcome %s, want %s", got, want)
				}
				return
			}
			t.Errorf("no %s problem among %v", tc.rule, probs)
		})
	}
}

func TestCheckNeverTurnsTextIntoZero(t *testing.T) {
	plan := planfile.Default()
	for _, raw := range []string{"不适用", "待统计", "约三十", "—", "N/A"} {
		in := dsjjReturn()
		in.Values[0].Value.Text = raw
		_, values, probs := Check(plan, in, Options{})
		if values[0].Value != nil || values[0].Raw != raw {
			t.Errorf("%q became %v (raw %q)", raw, values[0].Value, values[0].Raw)
		}
		if Outcome(probs) != gyqc.OutcomeRefused {
			t.Errorf("%q: outcome %s", raw, Outcome(probs))
		}
	}
}

func TestCopiesAcrossUnits(t *testing.T) {
	plan := planfile.Default()
	in := dsjjReturn()
	tasks, values, probs := Check(plan, in, Options{})
	ret := &templates.Returned{Tasks: in.Tasks, Values: in.Values}
	ex := &Examined{Returned: ret, Unit: plan.Registry.Unit("dsjj"), Attributed: true, Tasks: tasks, Values: values, Problems: probs, Outcome: Outcome(probs)}
	peers := []gyqc.Submission{{Unit: "jxw", Period: in.Period, Received: time.Now(),
		Tasks: []gyqc.TaskReport{{Task: 3, Progress: "本月推进任务A，组织专题调度会1次，\n走访企业5家"}}}}
	copies := Copies(plan, ex, NewPeers(peers, Options{}))
	if len(copies) != 1 || copies[0].Rule != "copied-other-unit" || !strings.Contains(copies[0].Message, "区经济信息委") || copies[0].Cell != "H5" {
		t.Fatalf("copy of 区经济信息委's text: %v", copies)
	}
	ex.AddProblems("dsjj.xlsx", copies)
	if ex.Outcome != gyqc.OutcomeWarned || ex.Problems[len(ex.Problems)-1].File != "dsjj.xlsx" {
		t.Errorf("outcome %s after the copy warning", ex.Outcome)
	}
	// The unit's own texts and short texts are not copies.
	peers[0].Unit = "dsjj"
	if got := Copies(plan, ex, NewPeers(peers, Options{})); len(got) != 0 {
		t.Errorf("own text flagged: %v", got)
	}
}
