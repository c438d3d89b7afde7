package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/internal/jsonlist"
)

// statusOptions are the options of `gyqc status`.
type statusOptions struct {
	Workspace string
	Period    gyqc.Period
	JSON      bool
	Now       time.Time // the evaluation time: the deadline counts only once it has passed
}

func statusCommand() *cli.Command {
	return &cli.Command{
		Name:      "status",
		Usage:     "查看某月各单位的报送情况和催报名单",
		UsageText: "gyqc status --period 2025-06 [--as-of \"2025-06-30 17:00\"] [--json]",
		Description: "列出每个责任单位的报送情况、收到时间、来信邮箱和联系人，以及需要催报的单位（未报送和被退回）。" +
			"截止时间之前，还没有报送的单位为“尚未报送”，不列入催报名单。联系人取该单位最近一份报表上的填报人和联系电话，" +
			"报表上没有时取单位名册。",
		Flags: []cli.Flag{
			periodFlag(),
			asOfFlag(),
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			g, lp, period, now, err := periodCommandAsOf(c, usePeriod, "status", "gyqc status --period 2025-06")
			if err != nil {
				return err
			}
			return runStatus(c.Context, lp.Plan, statusOptions{Workspace: g.Workspace, Period: period, JSON: c.Bool("json"), Now: now}, c.App.Writer)
		},
	}
}

// statusUnit is one unit in `gyqc status --json`.
type statusUnit struct {
	Code     string     `json:"code"`
	Name     string     `json:"name"`
	State    gyqc.State `json:"state"` // on_time, late, missing, refused, or not_yet_due before the deadline
	Label    string     `json:"label"`
	Received *time.Time `json:"received"`
	LateBy   string     `json:"late_by,omitempty"`
	Versions int        `json:"versions"`
	Streak   string     `json:"streak,omitempty"`
	Contact  string     `json:"contact"`
	Phone    string     `json:"phone"`
	Reviewer string     `json:"reviewer"`
	Email    string     `json:"email"` // the address the unit last sent a return from
	// Sender and Subject are those of the latest attempt, when it came by e-mail.
	Sender  string `json:"sender,omitempty"`
	Subject string `json:"subject,omitempty"`
	from    string // the latest attempt's sender address, for the text
	// The office's review: pending (待审核), accepted (已审核), returned (退回), or empty when
	// there is nothing to review; the words of a manual return; returns for the period
	// collected after it was locked (补报).
	Review      gyqc.ReviewStatus `json:"review"`
	ReviewLabel string            `json:"review_label"`
	Returned    string            `json:"returned,omitempty"`
	Supplements int               `json:"supplements,omitempty"`
	// Unreadable names the files received from the unit that could not be read (old .xls
	// or .et, attributed by their names): 收到无法读取的文件.
	Unreadable []string `json:"unreadable"`
}

// runStatus lists every responsible unit's reporting state for the period as of opts.Now
// and the units to chase (未报送 after the deadline, and 被退回) with their contacts.
func runStatus(ctx context.Context, plan *gyqc.Plan, opts statusOptions, w io.Writer) error {
	wv, ev, err := loadEvaluation(ctx, plan, opts.Workspace, opts.Period, opts.Now)
	if err != nil {
		return err
	}
	contacts := gyqc.Contacts(plan, wv.In.Submissions, opts.Now)
	var units, chase []statusUnit
	counts := map[gyqc.State]int{}
	for _, ue := range ev.Units {
		v := statusRow(plan, ue, contacts)
		counts[v.State]++
		units = append(units, v)
		if v.State == gyqc.StateMissing || v.State == gyqc.StateRefused {
			chase = append(chase, v)
		}
	}
	if opts.JSON {
		return jsonlist.Encode(w, struct {
			Period      string       `json:"period"`
			Due         time.Time    `json:"due"`
			AsOf        *time.Time   `json:"as_of,omitempty"` // absent: after every deadline
			Provisional bool         `json:"provisional"`     // before the deadline
			Locked      *gyqc.Lock   `json:"locked,omitempty"`
			Units       []statusUnit `json:"units"`
			Chase       []statusUnit `json:"chase"`
		}{opts.Period.String(), plan.Due(opts.Period), timePtr(opts.Now, plan.Location()), ev.Provisional, wv.Lock, nonNil(units), nonNil(chase)})
	}
	fmt.Fprintf(w, "%s 报送情况（截止时间：%s", opts.Period.Label(), plan.DueLabel(opts.Period))
	if !opts.Now.IsZero() {
		fmt.Fprintf(w, "；统计时间：%s", opts.Now.In(plan.Location()).Format("2006-01-02 15:04"))
	}
	if ev.Provisional {
		fmt.Fprint(w, "，截止时间未到")
	}
	fmt.Fprintln(w, "）")
	if wv.Lock != nil {
		fmt.Fprintf(w, "%s，以下为锁定时的结果；锁定后收到的文件作为补报保存，不改变本期结果。\n", lockLine(plan, wv.Lock))
	}
	fmt.Fprintln(w)
	review := map[gyqc.ReviewStatus]int{}
	for _, v := range units {
		review[v.Review]++
		writeStatusLine(w, v)
	}
	fmt.Fprintf(w, "\n共 %d 个单位：按时报送 %d，迟报 %d，未报送 %d，被退回 %d", len(units),
		counts[gyqc.StateOnTime], counts[gyqc.StateLate], counts[gyqc.StateMissing], counts[gyqc.StateRefused])
	if n := counts[gyqc.StateNotYetDue]; n > 0 {
		fmt.Fprintf(w, "，尚未报送 %d（截止时间未到，暂不催报）", n)
	}
	fmt.Fprintln(w, "。")
	fmt.Fprintf(w, "审核：待审核 %d，已审核 %d，退回 %d。\n", review[gyqc.ReviewPending], review[gyqc.ReviewAccepted], review[gyqc.ReviewReturned])
	if len(chase) == 0 {
		fmt.Fprintln(w, "无需催报。")
		return nil
	}
	fmt.Fprintln(w, "\n催报名单：")
	for _, v := range chase {
		fmt.Fprintf(w, "  %s（%s）  %s\n", v.Name, v.Label, gyqc.Contact{Name: v.Contact, Phone: v.Phone, Email: v.Email}.Line())
		if v.Returned != "" {
			fmt.Fprintf(w, "    %s\n", v.Returned)
		}
	}
	return nil
}

// statusRow is one unit's line of the status: its state, versions, contact and latest mail,
// review and 补报.
func statusRow(plan *gyqc.Plan, ue *gyqc.UnitEvaluation, contacts map[string]gyqc.Contact) statusUnit {
	st, u := ue.Report, ue.Unit
	ct := contacts[u.Code]
	v := statusUnit{Code: u.Code, Name: u.Name, State: st.Shown(), Label: st.Label(), Versions: st.Versions,
		Contact: ct.Name, Phone: ct.Phone, Reviewer: ct.Reviewer, Email: ct.Email}
	if l := st.Latest; l != nil && l.Sender != "" {
		v.Sender, v.Subject, v.from = l.Sender, l.Subject, l.Sender
		if l.SenderName != "" {
			v.Sender = l.SenderName + " <" + l.Sender + ">"
		}
	}
	if rt := st.Received(); !rt.IsZero() {
		t := rt.In(plan.Location())
		v.Received = &t
	}
	if st.Late > 0 {
		v.LateBy = gyqc.DurationLabel(st.Late)
	}
	v.Streak = ue.Streak.Label()
	v.Review, v.ReviewLabel, v.Returned, v.Supplements = st.ReviewStatus, st.ReviewStatus.Label(), st.ReturnLabel(plan), len(st.Supplements)
	for _, a := range st.Attempts {
		if a.ByFileName {
			v.Unreadable = append(v.Unreadable, a.FileName)
		}
	}
	return v
}

// writeStatusLine writes a unit's line: code, name, state, review, when the file came and
// what else there is to know.
func writeStatusLine(w io.Writer, v statusUnit) {
	received := "—"
	if v.Received != nil {
		received = v.Received.Format("2006-01-02 15:04")
	}
	extra := ""
	if v.Versions > 1 {
		extra = fmt.Sprintf("（共 %d 版）", v.Versions)
	}
	if v.Streak != "" {
		extra += "（" + v.Streak + "）"
	}
	if v.Supplements > 0 {
		extra += fmt.Sprintf("（锁定后补报 %d 份）", v.Supplements)
	}
	if len(v.Unreadable) > 0 {
		names := make([]string, len(v.Unreadable))
		for i, n := range v.Unreadable {
			names[i] = collect.DisplayName(n) // a name with a newline stays on the unit's line
		}
		extra += "（收到无法读取的文件：" + strings.Join(names, "、") + "）"
	}
	if v.from != "" {
		extra += "  邮件 " + v.from
		if v.Subject != "" {
			extra += "《" + clipText(gyqc.OneLine(v.Subject), 18) + "》"
		}
	}
	rl := v.ReviewLabel
	if rl == "" {
		rl = "—"
	}
	fmt.Fprintf(w, "%-6s %s  %s  %s  %s%s\n", v.Code, padName(v.Name, 10), padName(v.Label, 8), padName(rl, 3), received, extra)
}

// timePtr returns t in loc, or nil when it is zero.
func timePtr(t time.Time, loc *time.Location) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.In(loc)
	return &t
}

// clipText cuts s to n characters, marked with an ellipsis when cut.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// padName pads a Chinese text to n display columns (two per CJK character).
func padName(s string, n int) string {
	w := 0
	for _, r := range s {
		if r > 0x2e80 {
			w += 2
		} else {
			w++
		}
	}
	for ; w < n*2; w++ {
		s += " "
	}
	return s
}
