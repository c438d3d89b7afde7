package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

func planVersionsCommand() *cli.Command {
	return &cli.Command{
		Name:  "versions",
		Usage: "列出工作区保存的方案版本、启用时间，以及各报送期按哪个版本评价",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return argsError("plan versions 不接受参数“%s”", c.Args().First())
			}
			return runPlanVersions(c.Context, globalsFrom(c).Workspace, c.App.Writer)
		},
	}
}

// runPlanVersions lists the workspace's plan versions and the periods assigned to each.
func runPlanVersions(ctx context.Context, workspace string, w io.Writer) error {
	st, err := store.Open(ctx, workspace, store.ReadOnly)
	if gyqc.ErrorCode(err) == gyqc.ENotFound {
		fmt.Fprintf(w, "工作区 %s 还没有保存任何方案版本：各命令使用内置方案。\n", workspace)
		return nil
	}
	if err != nil {
		return err
	}
	defer st.Close()
	versions, err := st.PlanVersions(ctx)
	if err != nil {
		return err
	}
	if len(versions) == 0 {
		fmt.Fprintf(w, "工作区 %s 还没有保存任何方案版本：各命令使用内置方案。\n", workspace)
		return nil
	}
	active, err := st.ActivePlan(ctx)
	if err != nil {
		return err
	}
	assigned, err := st.PeriodAssignments(ctx)
	if err != nil {
		return err
	}
	loc := time.Local
	if active != nil {
		if lp, err := versionPlan(active, nil); err == nil {
			loc = lp.Plan.Location()
		}
	}
	for _, v := range versions {
		mark := ""
		if active != nil && active.No == v.No {
			mark = "【当前启用】"
		}
		fmt.Fprintf(w, "第%d版 %s %s\n", v.No, v.Edition().Short(), mark)
		fmt.Fprintf(w, "    来源：%s；保存于 %s", v.Source, v.Kept.In(loc).Format("2006-01-02 15:04"))
		if !v.Active.IsZero() {
			fmt.Fprintf(w, "；最近启用于 %s", v.Active.In(loc).Format("2006-01-02 15:04"))
		}
		fmt.Fprintln(w)
		var periods []string
		for _, a := range assigned {
			if a.Version == v.No {
				label := a.Period.String()
				if a.Reason == store.AssignReplan {
					label += "（重新评价）"
				}
				periods = append(periods, label)
			}
		}
		if len(periods) > 0 {
			fmt.Fprintf(w, "    按此版本评价的报送期：%s\n", strings.Join(periods, "、"))
		}
	}
	return nil
}
