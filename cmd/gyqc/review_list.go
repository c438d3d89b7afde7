package main

import (
	"context"
	"fmt"
	"io"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/internal/jsonlist"
	"github.com/qianjiang/gyqc/store"
)

// runReviewList prints what awaits review in the period: the units whose current version the
// office has not reviewed or whose flags it has not checked, those with copied texts first,
// then those returned and those reviewed.
func runReviewList(ctx context.Context, plan *gyqc.Plan, period gyqc.Period, opts reviewOptions, w io.Writer) error {
	s, err := store.Open(ctx, opts.Workspace, store.ReadOnly)
	if err != nil {
		return err
	}
	defer s.Close()
	o := &audit.Office{Plan: plan, Store: s}
	items, err := o.Queue(ctx, period, opts.Now())
	if err != nil {
		return err
	}
	lock, err := s.Lock(ctx, period)
	if err != nil {
		return err
	}
	if opts.JSON {
		return jsonlist.Encode(w, struct {
			Period string       `json:"period"`
			Locked *gyqc.Lock   `json:"locked,omitempty"`
			Items  []audit.Item `json:"items"`
		}{period.String(), lock, nonNil(items)})
	}
	counts := map[gyqc.ReviewStatus]int{}
	for _, it := range items {
		counts[it.Status]++
	}
	fmt.Fprintf(w, "%s审核清单：待审核 %d，已审核 %d，退回 %d\n", period.Label(), counts[gyqc.ReviewPending], counts[gyqc.ReviewAccepted], counts[gyqc.ReviewReturned])
	if lock != nil {
		fmt.Fprintf(w, "%s，不能再审核。\n", lockLine(plan, lock))
	}
	if len(items) == 0 {
		fmt.Fprintln(w, "\n本期还没有已接收的报送。")
		return nil
	}
	heading := ""
	for _, it := range items {
		h := "已审核或退回"
		if it.Waiting() {
			h = "待审核"
		}
		if h != heading {
			fmt.Fprintf(w, "\n%s：\n", h)
			heading = h
		}
		fmt.Fprintf(w, "  %-6s %s  第%d版  %s  %s  %s\n", it.Unit, padName(it.Name, 10), it.Version,
			it.Received.In(plan.Location()).Format("2006-01-02 15:04"), padName(it.State, 8), it.Label)
		for _, p := range it.Texts {
			fmt.Fprintf(w, "      照抄：%s %s\n", p.Position(), p.Message)
		}
		for _, f := range it.Flags {
			fmt.Fprintf(w, "      待核实：%s（--confirm %s 或 --dismiss %s）\n", f.Message, f.Key, f.Key)
		}
		if it.Return != "" {
			fmt.Fprintf(w, "      %s\n", it.Return)
		}
		if len(it.Adopted) > 0 {
			fmt.Fprintf(w, "      已采用经验做法：%s\n", taskList(it.Adopted))
		}
		for _, n := range it.Rewritten {
			fmt.Fprintf(w, "      任务%d的经验做法在新版本中已改写，原采用不再计入；仍要采用的，请审阅后 --adopt %d\n", n, n)
		}
		for _, pr := range it.Practices {
			if !pr.Adopted {
				fmt.Fprintf(w, "      经验做法（任务%d，可 --adopt %d 采入简报）：%s\n", pr.Task, pr.Task, clipText(pr.Text, 60))
			}
		}
	}
	if counts[gyqc.ReviewPending] > 0 {
		fmt.Fprintf(w, "\n审核：gyqc review --period %s --unit 单位代码 --accept，或 --return \"退回意见\" [--until 期限]\n", period)
	}
	return nil
}

// taskList writes task numbers as 任务3、任务5.
func taskList(tasks []int) string {
	s := ""
	for i, n := range tasks {
		if i > 0 {
			s += "、"
		}
		s += fmt.Sprintf("任务%d", n)
	}
	return s
}
