package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
)

// BriefOptions are the choices a briefing leaves to its caller.
type BriefOptions struct {
	// Fonts are the fonts to draw with, from FindFonts; nil means FindFonts with default
	// options.
	Fonts *FontSet
	// IssueNo is the issue number (第N期); 0 counts it from the plan's first reporting
	// period (IssueNumber).
	IssueNo int
	// Date is the date of issue; the zero time takes it from the evaluation (IssueDate), so
	// that the same data always give the same document.
	Date time.Time
	// Title is the title of the issue; empty means IssueTitle.
	Title string
	// Annex says which annexes to add; the zero value is AnnexLagging.
	Annex AnnexMode
}

// IssueNumber returns the issue number of the briefing for period: the plan's first
// reporting period is issue 1, each month after it one more.
func IssueNumber(plan *gyqc.Plan, period gyqc.Period) int {
	return period.Index() - plan.Horizon.First.Index() + 1
}

// IssueDate returns the date a briefing of ev carries when none is chosen: the deadline of
// the period, or the day the last report counted for it arrived when that is later. For a
// provisional evaluation (before the deadline) it is the evaluation time. It depends only
// on the evaluation, never on the clock.
func IssueDate(ev *gyqc.Evaluation) time.Time {
	loc := time.UTC
	if ev.Plan != nil {
		loc = ev.Plan.Location()
	}
	if ev.Provisional {
		return ev.Now.In(loc)
	}
	date := ev.Due
	for _, u := range ev.Units {
		for _, a := range u.Report.Attempts {
			if a.Received.After(date) {
				date = a.Received
			}
		}
	}
	return date.In(loc)
}

// IssueTitle returns the title of the briefing for period from the plan's title:
// 2025年6月黔江区“工业强城”建设推进情况.
func IssueTitle(plan *gyqc.Plan, period gyqc.Period) string {
	base := strings.TrimSpace(plan.Title)
	for _, suffix := range []string{"实施方案", "工作方案", "方案"} {
		if t, ok := strings.CutSuffix(base, suffix); ok && t != "" {
			base = t
			break
		}
	}
	if base == "" {
		base = "工作"
	}
	return period.Label() + base + "推进情况"
}

// brief is a briefing being written: the document, its data and the running numbers of
// its tables and figures.
type brief struct {
	d       *Draft
	plan    *gyqc.Plan
	ev      *gyqc.Evaluation
	tables  int
	figures int
	// The numbers of the tables of lagging indicators and tasks, which later sections
	// refer to; 0 when there is none.
	indicatorTableNo, taskTable int
	// indicatorRow is the row of each indicator (by key) in the table of lagging indicators.
	indicatorRow map[string]int
}

// Briefing writes the monthly briefing (工作简报) of ev in the form of an official document:
// the 报头 with the issue number and date, the issue's title, the sections 一、总体情况,
// 二、主要指标完成情况, 三、重点任务推进情况, 四、存在问题 and 五、报送及考核情况, then
// two annexes holding everything the units wrote (their progress, problems and plans for
// every task, and their figures and explanations for every indicator), and the 报尾.
// Sections with nothing to report say so. The wording follows the plan's own.
//
// The result is laid out when written (Document.WriteFile); characters no font draws are
// listed by its Replacements. The same plan, evaluation and options give the same bytes.
func Briefing(plan *gyqc.Plan, ev *gyqc.Evaluation, opts BriefOptions) (*Document, error) {
	dr, err := BriefingDraft(plan, ev, opts)
	if err != nil {
		return nil, err
	}
	return dr.PDF(opts.Fonts)
}

// BriefingDraft writes the briefing of ev as a Draft, to be laid out as a PDF (Draft.PDF)
// or written as a Word document (Draft.Word). See Briefing.
func BriefingDraft(plan *gyqc.Plan, ev *gyqc.Evaluation, opts BriefOptions) (*Draft, error) {
	if plan == nil || ev == nil {
		return nil, fmt.Errorf("render: a briefing needs a plan and an evaluation")
	}
	issue := opts.IssueNo
	if issue <= 0 {
		issue = max(IssueNumber(plan, ev.Period), 1)
	}
	date := opts.Date
	if date.IsZero() {
		date = IssueDate(ev)
	}
	title := opts.Title
	if title == "" {
		title = IssueTitle(plan, ev.Period)
	}
	name := plan.Briefing.Name
	if strings.TrimSpace(name) == "" {
		name = "工作简报"
	}
	doc := NewDraft(Options{
		Title:    fmt.Sprintf("%s（%s）", name, IssueLabel(issue)),
		Subject:  title,
		Author:   plan.Briefing.Issuer,
		Keywords: fmt.Sprintf("%s，%s，%s", name, ev.Period.Label(), IssueLabel(issue)),
		Date:     date,
	})
	b := &brief{d: doc, plan: plan, ev: ev}
	day := ChineseDate(date)

	doc.Masthead(Masthead{Name: name, Issue: IssueLabel(issue), Office: plan.Briefing.Issuer, Date: day})
	doc.Title(title)
	doc.Subtitle(b.subtitle())

	b.overview()
	b.indicators()
	b.tasks()
	b.practices()
	b.problems()
	b.reporting()
	b.editionNote()
	b.annexes(opts.Annex)

	doc.Colophon(PlanColophon(plan.Briefing, day))
	return doc, nil
}

// subtitle is the line under the title: the last day of the period covered; before the
// deadline, the moment of the evaluation instead and that the deadline has not come yet
// (the counts are provisional): （截至2025年6月29日18时，报送截止时间未到）.
func (b *brief) subtitle() string {
	if b.ev.Provisional {
		now := b.ev.Now.In(b.plan.Location())
		at := fmt.Sprintf("%d时", now.Hour())
		if now.Minute() != 0 {
			at += fmt.Sprintf("%02d分", now.Minute())
		}
		return "（截至" + ChineseDate(now) + at + "，报送截止时间未到）"
	}
	last := b.ev.Period.Add(1).Start(b.plan.Location()).AddDate(0, 0, -1)
	return "（截至" + ChineseDate(last) + "）"
}

// table returns the numbered caption of the next table: 表1  主要指标完成情况.
func (b *brief) table(caption string) string {
	b.tables++
	return fmt.Sprintf("表%d  %s", b.tables, caption)
}

// figure returns the numbered caption of the next figure: 图1  主要指标完成率.
func (b *brief) figure(caption string) string {
	b.figures++
	return fmt.Sprintf("图%d  %s", b.figures, caption)
}

// needRoom is a block that starts a new page unless its height in millimetres is left on
// the current one.
type needRoom float64

func (n needRoom) draw(r *renderer) {
	if float64(n) > r.room()+1e-6 && !r.atTop() {
		r.newPage()
	}
}

// lead is the room asked for: a heading before a NeedRoom moves to the next page with
// what follows it.
func (n needRoom) lead(*renderer) float64 { return float64(n) }

// needRoom starts a new page at this point of the flow unless h millimetres are left.
func (d *Document) needRoom(h float64) { d.add(needRoom(h)) }
