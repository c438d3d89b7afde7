package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/jsonlist"
	"github.com/qianjiang/gyqc/store"
)

// logOptions are the options of `gyqc log`.
type logOptions struct {
	Workspace string
	Period    gyqc.Period
	JSON      bool
}

func logCommand() *cli.Command {
	return &cli.Command{
		Name:      "log",
		Usage:     "查看某月的审核记录：每次收取、上传、审核、签发锁定和解除锁定",
		UsageText: "gyqc log --period 2025-06 [--json]",
		Description: "命令行和报送网页的每一项操作都记入同一份审核记录：时间、操作人（--reviewer、--signed-by 所写的人，" +
			"网页登录者或系统用户）、操作、单位和内容。汇总表的“审核记录”工作表列出同样的内容。",
		Flags: []cli.Flag{
			periodFlag(),
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			g, lp, period, err := periodCommand(c, usePeriod, "log", "gyqc log --period 2025-06")
			if err != nil {
				return err
			}
			plan := lp.Plan
			return runLog(c.Context, plan, logOptions{Workspace: g.Workspace, Period: period, JSON: c.Bool("json")}, c.App.Writer)
		},
	}
}

// logEntry is one entry of `gyqc log --json`.
type logEntry struct {
	Time     time.Time   `json:"time"`
	Actor    string      `json:"actor"`
	Action   gyqc.Action `json:"action"`
	Label    string      `json:"label"`
	Unit     string      `json:"unit"`
	UnitName string      `json:"unit_name"`
	Detail   string      `json:"detail"`
}

// runLog prints the period's audit trail.
func runLog(ctx context.Context, plan *gyqc.Plan, opts logOptions, w io.Writer) error {
	var entries []logEntry
	s, err := store.Open(ctx, opts.Workspace, store.ReadOnly)
	switch {
	case err != nil:
		return err // a folder without a workspace: 工作区不存在
	default:
		log, err := s.AuditLog(ctx, opts.Period)
		s.Close()
		if err != nil {
			return err
		}
		for _, e := range log {
			le := logEntry{Time: e.Time.In(plan.Location()), Actor: e.Actor, Action: e.Action, Label: e.Action.Label(), Unit: e.Unit, Detail: e.Detail}
			if u := plan.Registry.Unit(e.Unit); u != nil {
				le.UnitName = u.Name
			}
			entries = append(entries, le)
		}
	}
	if opts.JSON {
		return jsonlist.Encode(w, struct {
			Period  string     `json:"period"`
			Entries []logEntry `json:"entries"`
		}{opts.Period.String(), nonNil(entries)})
	}
	fmt.Fprintf(w, "%s审核记录（共 %d 条）\n", opts.Period.Label(), len(entries))
	if len(entries) == 0 {
		fmt.Fprintln(w, "\n还没有记录。")
		return nil
	}
	fmt.Fprintln(w)
	for _, e := range entries {
		who := e.UnitName
		if who != "" {
			who += "  "
		}
		fmt.Fprintf(w, "%s  %s  %s  %s%s\n", e.Time.Format("2006-01-02 15:04"), padName(e.Actor, 5), padName(e.Label, 4), who, gyqc.OneLine(e.Detail))
	}
	return nil
}
