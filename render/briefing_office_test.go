package render

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
)

// TestBriefingOfficeDecisions checks what the office's review adds to a briefing: adopted
// 经验做法 under their own heading, a manual return with the office's words among the
// returned units, and the 补报 of a locked period.
func TestBriefingOfficeDecisions(t *testing.T) {
	fs := testFonts(t)
	plan := planfile.Default()
	june := gyqc.MustPeriod("2025-06")
	w := newBriefWorld(t, plan).Fill(june.Add(-1), june)
	const practice = "建立“企业吹哨、部门报到”机制，企业诉求24小时内响应，本月办结诉求31件。"
	adopted := plan.Assignments("jxw")[0].Task
	subs := w.Stored(w.Plan.Horizon.Last)
	for i := range subs { // the practice, as the unit wrote it in its June return, which also
		// reports a supporting task behind, so that jxw is among the units that lost points
		if subs[i].Unit == "jxw" && subs[i].Period == june {
			subs[i].Task(adopted).Practice = practice
			for j, tr := range subs[i].Tasks {
				if tr.Role == gyqc.RoleSupport {
					subs[i].Tasks[j].Status = gyqc.StatusBehind
					break
				}
			}
		}
	}
	// fgw's May return arrived after May was locked: 补报, shown in June.
	var late gyqc.Submission
	for i, s := range subs {
		if s.Unit == "fgw" && s.Period == june.Add(-1) {
			late = s
			late.Received = plan.Due(june.Add(-1)).Add(10 * 24 * time.Hour)
			subs = append(subs[:i], subs[i+1:]...)
			break
		}
	}
	at := plan.Due(june).Add(24 * time.Hour)
	ev, err := gyqc.EvaluateInput(plan, june, gyqc.Input{Submissions: subs,
		Reviews: gyqc.Reviews{
			{Period: june, Unit: "jxw", Kind: gyqc.ReviewAdopt, Task: adopted, Reviewer: "王明", At: at},
			{Period: june, Unit: "kjj", Kind: gyqc.ReviewReturn, Version: 1, Text: "研发投入数据与统计局口径不一致，请核实", Reviewer: "王明", At: at},
		},
		Supplements: []gyqc.Supplement{{Submission: &late, ShownIn: june}}})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Briefing(plan, ev, BriefOptions{Fonts: fs})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if *pagesDir != "" {
		dir = *pagesDir
	}
	path := filepath.Join(dir, "office.pdf")
	if err := doc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	text := squeeze(readBack(pdfPages(t, path)))
	for _, want := range []string{
		// The practice's row: unit, task by number and title, the unit's words.
		"经验做法", squeeze("区经济信息委" + itoa(adopted) + "．" + plan.Task(adopted).Title + expected(fs, practice)),
		"区科技局（第1版经审核退回：研发投入数据与统计局口径不一致，请核实）",
		"锁定后补报（1份）：区发展改革委补报2025年5月的报送材料（6月11日收到，已接收）",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("briefing lacks %q", want)
		}
	}
	// The credit is written as one, not as a deduction.
	if want := "加1分：任务" + itoa(adopted); !strings.Contains(text, want) || strings.Contains(text, "加分扣") ||
		!strings.Contains(text, "指标完成扣分，经验做法被简报采用的加分。") {
		t.Errorf("briefing lacks %q or writes the credit as a deduction", want)
	}
}

func itoa(n int) string { return gyqc.FormatNumber(float64(n)) }
