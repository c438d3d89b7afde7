package main

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/samples"
)

// TestAdoptPracticeEndToEnd adopts a unit's 经验做法 through `gyqc review --adopt` and follows
// it: the practice appears in the briefing's 经验做法 section and earns the practice-adopted
// credit in `consolidate --json`; a stray “。” cannot be adopted; a later version with the
// same practice keeps the adoption, one that rewrites it loses it until the office adopts the
// new text; the locked briefing and evaluation carry it; `gyqc log` records each decision.
func TestAdoptPracticeEndToEnd(t *testing.T) {
	o := newDesk(t)
	lead, other := o.twoLeadTasks("jxw")
	const first = "建立重点企业“一企一策”服务专班，每周上门收集问题，问题清单化、销号式管理，本月为企业解决用地用工问题12个"
	const rewritten = "推行项目审批“容缺受理”，重点项目开工前手续平均压缩至30个工作日，本月3个项目提前开工"
	practice := func(text string) func(*samples.Return) {
		return func(r *samples.Return) {
			for i := range r.Tasks {
				switch r.Tasks[i].Task {
				case lead:
					r.Tasks[i].Practice = text
				case other:
					r.Tasks[i].Practice = "。"
				default:
					r.Tasks[i].Practice = ""
				}
			}
		}
	}
	var units []string
	for _, u := range o.plan.ResponsibleUnits() {
		units = append(units, u.Code)
	}
	o.at("2025-05-30 10:00")
	o.sendWith("2025-05", practice(first), units...)
	o.at("2025-06-02 09:00")
	before := o.jxw("2025-05")
	if list := o.reviewList("2025-05"); !strings.Contains(list, "经验做法（任务"+strconv.Itoa(lead)+"，可 --adopt "+strconv.Itoa(lead)) ||
		strings.Contains(list, "经验做法（任务"+strconv.Itoa(other)) {
		t.Errorf("the review list does not offer jxw's practice (or offers the bare “。”):\n%s", list)
	}

	// Adopt through the command line; the stray mark is refused with a reason.
	var out, stderr bytes.Buffer
	cmd := func(args ...string) int {
		out.Reset()
		stderr.Reset()
		return run(o.ctx, append([]string{"gyqc", "-w", o.ws}, args...), &out, &stderr)
	}
	if code := cmd("review", "--period", "2025-05", "--unit", "jxw", "--adopt", strconv.Itoa(other), "--reviewer", "王科长"); code != exitInvalid ||
		!strings.Contains(stderr.String(), "没有填写经验做法") {
		t.Errorf("adopting a bare “。”: exit %d, %s", code, stderr.String())
	}
	adopt := func() { // as `gyqc review --adopt`, on the desk's clock
		o.t.Helper()
		var out strings.Builder
		req := audit.Request{Period: gyqc.MustPeriod("2025-05"), Unit: "jxw", Reviewer: "王科长", Adopt: []int{lead}}
		if err := runReview(o.ctx, o.plan, reviewOptions{Workspace: o.ws, Now: o.clock, Request: req}, &out); err != nil {
			t.Fatalf("review --adopt: %v", err)
		}
	}
	adopt()
	after := o.jxw("2025-05")
	if !after.credited(lead) || after.Score != before.Score+1 {
		t.Errorf("adopted practice: score %v → %v, deductions %+v", before.Score, after.Score, after.Deductions)
	}
	_, pdf := o.outputs("2025-05", "adopted")
	if text := pdfText(t, pdf); !strings.Contains(text, "经验做法") || !strings.Contains(text, "区经济信息委"+strconv.Itoa(lead)+"．") || !strings.Contains(text, first) {
		t.Errorf("the briefing does not carry the adopted practice")
	}

	// A later version: the same practice stays adopted, a rewritten one does not.
	o.at("2025-06-03 10:00")
	o.sendWith("2025-05", func(r *samples.Return) {
		practice(first)(r)
		r.Tasks[0].Progress += "（补充）"
	}, "jxw")
	if got := o.jxw("2025-05"); !got.credited(lead) {
		t.Errorf("a new version with the same practice lost the adoption: %+v", got.Deductions)
	}
	o.at("2025-06-03 15:00")
	o.sendWith("2025-05", practice(rewritten), "jxw")
	if got := o.jxw("2025-05"); got.credited(lead) {
		t.Errorf("a rewritten practice the office has not read is still credited: %+v", got.Deductions)
	}
	if _, pdf := o.outputs("2025-05", "rewritten"); strings.Contains(pdfText(t, pdf), rewritten) {
		t.Error("the briefing carries a rewritten practice the office has not read")
	}
	if list := o.reviewList("2025-05"); !strings.Contains(list, "任务"+strconv.Itoa(lead)+"的经验做法在新版本中已改写") || strings.Contains(list, "已采用经验做法") {
		t.Errorf("the review list does not say the adopted practice was rewritten:\n%s", list)
	}
	adopt()

	o.checkAdoptLocked(lead, rewritten, cmd, &out)
}

// twoLeadTasks returns the first two tasks unit leads.
func (o *desk) twoLeadTasks(unit string) (lead, other int) {
	o.t.Helper()
	for _, a := range o.plan.Assignments(unit) {
		if a.Role != gyqc.RoleLead {
			continue
		}
		if lead == 0 {
			lead = a.Task
		} else if other == 0 {
			other = a.Task
		}
	}
	if lead == 0 || other == 0 {
		o.t.Fatalf("%s leads fewer than two tasks", unit)
	}
	return lead, other
}

// checkAdoptLocked locks 2025-05: the stored briefing and evaluation carry jxw's practice
// adopted on task lead (its text now text), and `gyqc log` (run by cmd, printing to out)
// records both adoptions.
func (o *desk) checkAdoptLocked(lead int, text string, cmd func(args ...string) int, out *bytes.Buffer) {
	t := o.t
	t.Helper()
	o.at("2025-06-06 10:00")
	var lockOut strings.Builder
	if err := runLock(o.ctx, o.plan, lockOptions{Workspace: o.ws, Period: gyqc.MustPeriod("2025-05"), SignedBy: "李主任", SystemFonts: o.fonts, Now: o.clock}, &lockOut); err != nil {
		t.Fatal(err)
	}
	if got := o.jxw("2025-05"); !got.credited(lead) {
		t.Errorf("the locked evaluation lacks the credit: %+v", got.Deductions)
	}
	if _, pdf := o.outputs("2025-05", "locked"); !strings.Contains(pdfText(t, pdf), text) {
		t.Error("the locked briefing lacks the adopted practice")
	}
	if code := cmd("log", "--period", "2025-05"); code != 0 || strings.Count(out.String(), "采用经验做法：任务"+strconv.Itoa(lead)) != 2 {
		t.Errorf("log: exit %d\n%s", code, out.String())
	}
}

// reviewList returns `gyqc review --list` of the period as of the clock.
func (o *desk) reviewList(period string) string {
	o.t.Helper()
	var out strings.Builder
	if err := runReviewList(o.ctx, o.plan, gyqc.MustPeriod(period), reviewOptions{Workspace: o.ws, Now: o.clock}, &out); err != nil {
		o.t.Fatal(err)
	}
	return out.String()
}

// unitJSON is one unit of `consolidate --json`.
type unitJSON struct {
	Code       string  `json:"code"`
	Score      float64 `json:"score"`
	Deductions []struct {
		Rule   string  `json:"rule"`
		Points float64 `json:"points"`
		Credit bool    `json:"credit"`
		Reason string  `json:"reason"`
	} `json:"deductions"`
}

// credited reports whether the unit earned the practice credit for the task.
func (u unitJSON) credited(task int) bool {
	for _, d := range u.Deductions {
		if d.Rule == string(gyqc.RulePractice) && d.Credit && d.Points == 1 && strings.Contains(d.Reason, "任务"+strconv.Itoa(task)) {
			return true
		}
	}
	return false
}

// jxw returns 区经济信息委 in `consolidate --json` of the period as of the clock.
func (o *desk) jxw(period string) unitJSON {
	o.t.Helper()
	var out bytes.Buffer
	if err := runConsolidate(o.ctx, o.plan, consolidateOptions{Workspace: o.ws, Period: gyqc.MustPeriod(period), JSON: true, Now: o.now}, &out); err != nil {
		o.t.Fatal(err)
	}
	var ev struct {
		Units []unitJSON `json:"units"`
	}
	if err := json.Unmarshal(out.Bytes(), &ev); err != nil {
		o.t.Fatal(err)
	}
	for _, u := range ev.Units {
		if u.Code == "jxw" {
			return u
		}
	}
	o.t.Fatal("no jxw in consolidate --json")
	return unitJSON{}
}
