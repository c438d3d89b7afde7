package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
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
		Name:  "status",
		Usage: "查看某月各单位的报送情况和催报名单",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "period", Aliases: []string{"p"}, Usage: "报送期，例如 2025-06"},
			&cli.BoolFlag{Name: "json", Usage: "以 JSON 输出，供脚本使用"},
		},
		Action: func(c *cli.Context) error {
			g, plan, period, err := planAndPeriod(c)
			if err != nil {
				return err
			}
			return runStatus(c.Context, plan, statusOptions{Workspace: g.Workspace, Period: period, JSON: c.Bool("json"), Now: time.Now()}, c.App.Writer)
		},
	}
}

// statusUnit is one unit in `gyqc status --json`.
type statusUnit struct {
	Code     string     `json:"code"`
	Name     string     `json:"name"`
	State    gyqc.State `json:"state"`
	Label    string     `json:"label"`
	Received *time.Time `json:"received"`
	LateBy   string     `json:"late_by,omitempty"`
	Versions int        `json:"versions"`
	Streak   string     `json:"streak,omitempty"`
	Contact  string     `json:"contact"`
	Phone    string     `json:"phone"`
	// The office's review: pending (待审核), accepted (已审核), returned (退回), or empty when
	// there is nothing to review; the words of a manual return; returns for the period
	// collected after it was locked (补报).
	Review      gyqc.ReviewStatus `json:"review"`
	ReviewLabel string            `json:"review_label"`
	Returned    string            `json:"returned,omitempty"`
	Supplements int               `json:"supplements,omitempty"`
}

// runStatus lists every responsible unit's reporting state for the period and the units to
// chase (未报送 and 被退回) with their contacts.
func runStatus(ctx context.Context, plan *gyqc.Plan, opts statusOptions, w io.Writer) error {
	wv, err := loadView(ctx, plan, opts.Workspace, opts.Period)
	if err != nil {
		return err
	}
	ev, err := wv.evaluate(plan, opts.Period, opts.Now)
	if err != nil {
		return err
	}
	var units, chase []statusUnit
	counts := map[gyqc.State]int{}
	for _, ue := range ev.Units {
		st, u := ue.Report, ue.Unit
		v := statusUnit{Code: u.Code, Name: u.Name, State: st.State, Label: st.Label(), Versions: st.Versions, Contact: u.Contact, Phone: u.Phone}
		if rt := st.Received(); !rt.IsZero() {
			t := rt.In(plan.Location())
			v.Received = &t
		}
		if st.Late > 0 {
			v.LateBy = gyqc.DurationLabel(st.Late)
		}
		v.Streak = ue.Streak.Label()
		v.Review, v.ReviewLabel, v.Returned, v.Supplements = st.ReviewStatus, st.ReviewStatus.Label(), st.ReturnLabel(plan), len(st.Supplements)
		counts[st.State]++
		units = append(units, v)
		if st.State == gyqc.StateMissing || st.State == gyqc.StateRefused {
			chase = append(chase, v)
		}
	}
	if opts.JSON {
		return writeJSON(w, struct {
			Period string       `json:"period"`
			Due    time.Time    `json:"due"`
			Locked *gyqc.Lock   `json:"locked,omitempty"`
			Units  []statusUnit `json:"units"`
			Chase  []statusUnit `json:"chase"`
		}{opts.Period.String(), plan.Due(opts.Period), wv.Lock, nonNil(units), nonNil(chase)})
	}
	fmt.Fprintf(w, "%s 报送情况（截止时间：%s）\n", opts.Period.Label(), plan.DueLabel(opts.Period))
	if wv.Lock != nil {
		fmt.Fprintf(w, "%s，以下为锁定时的结果；锁定后收到的文件作为补报保存，不改变本期结果。\n", lockLine(plan, wv.Lock))
	}
	fmt.Fprintln(w)
	review := map[gyqc.ReviewStatus]int{}
	for _, v := range units {
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
		rl := v.ReviewLabel
		if rl == "" {
			rl = "—"
		}
		review[v.Review]++
		fmt.Fprintf(w, "%-6s %s  %s  %s  %s%s\n", v.Code, padName(v.Name, 10), padName(v.Label, 8), padName(rl, 3), received, extra)
	}
	fmt.Fprintf(w, "\n共 %d 个单位：按时报送 %d，迟报 %d，未报送 %d，被退回 %d。\n", len(units),
		counts[gyqc.StateOnTime], counts[gyqc.StateLate], counts[gyqc.StateMissing], counts[gyqc.StateRefused])
	fmt.Fprintf(w, "审核：待审核 %d，已审核 %d，退回 %d。\n", review[gyqc.ReviewPending], review[gyqc.ReviewAccepted], review[gyqc.ReviewReturned])
	if len(chase) == 0 {
		fmt.Fprintln(w, "无需催报。")
		return nil
	}
	fmt.Fprintln(w, "\n催报名单：")
	for _, v := range chase {
		contact := v.Contact
		if contact == "" {
			contact = "联系人未登记"
		}
		phone := v.Phone
		if phone == "" {
			phone = "电话未登记"
		}
		fmt.Fprintf(w, "  %s（%s）  %s  %s\n", v.Name, v.Label, contact, phone)
		if v.Returned != "" {
			fmt.Fprintf(w, "    %s\n", v.Returned)
		}
	}
	return nil
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
