package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/jsonlist"
)

// planOptions are the options of `gyqc plan`.
type planOptions struct {
	JSON bool
}

func planCommand() *cli.Command {
	return &cli.Command{
		Name:  "plan",
		Usage: "显示方案：八大工程、24项任务、牵头和配合单位、指标",
		Flags: []cli.Flag{jsonFlag()},
		Action: showPlanAction("plan", "检查方案文件请用 gyqc plan check 文件", func(ctx context.Context, plan *gyqc.Plan, asJSON bool, w io.Writer) error {
			return runPlan(ctx, plan, planOptions{JSON: asJSON}, w)
		}),
		Subcommands: []*cli.Command{planCheckCommand(), planExportCommand(), planImportCommand(), planVersionsCommand()},
	}
}

// showPlanAction is the Action of a command that shows the active plan (plan, units): it
// takes no arguments (hint says what to write instead) and passes --json on to run.
func showPlanAction(name, hint string, run func(ctx context.Context, plan *gyqc.Plan, asJSON bool, w io.Writer) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.NArg() > 0 {
			return argsError("%s 不接受参数“%s”；%s", name, c.Args().First(), hint)
		}
		lp, err := globalsFrom(c).openPlan(c.Context, useActive, gyqc.Period{})
		if err != nil {
			return err
		}
		return run(c.Context, lp.Plan, c.Bool("json"), c.App.Writer)
	}
}

// planView is the JSON form of a plan for scripts.
type planView struct {
	*gyqc.Plan
	Units  []unitView   `json:"units"`
	Groups []gyqc.Group `json:"groups"`
	Gaps   []gyqc.Gap   `json:"gaps"` // what is still an example or empty
}

type unitView struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Groups  []string `json:"groups"`
	Contact string   `json:"contact"`
	Phone   string   `json:"phone"`
	Email   string   `json:"email"`
	Example bool     `json:"example"`
	Former  []string `json:"former,omitempty"` // codes in earlier versions (曾用代码)
}

func newUnitView(plan *gyqc.Plan, u gyqc.Unit) unitView {
	return unitView{Code: u.Code, Name: u.Name, Aliases: nonNil(u.Aliases),
		Groups: nonNil(plan.Registry.GroupsOf(u.Code)), Contact: u.Contact, Phone: u.Phone, Email: u.Email, Example: u.Example, Former: u.Former}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// runPlan prints the plan readably, or as JSON.
func runPlan(_ context.Context, plan *gyqc.Plan, opts planOptions, w io.Writer) error {
	if opts.JSON {
		v := planView{Plan: plan, Groups: plan.Registry.Groups, Gaps: nonNil(plan.Gaps())}
		for _, u := range plan.Registry.Units {
			v.Units = append(v.Units, newUnitView(plan, u))
		}
		return jsonlist.Encode(w, v)
	}
	fmt.Fprintf(w, "%s\n", plan.Title)
	fmt.Fprintf(w, "方案版本：%s\n", plan.Edition.Label())
	fmt.Fprintf(w, "印发：%s（%s）\n", strings.Join(plan.Issuers, "、"), plan.Issued)
	fmt.Fprintf(w, "报送期：%s 至 %s，每月报送，截止时间为次月%d日%s前（%s）\n\n",
		plan.Horizon.First.Label(), plan.Horizon.Last.Label(), plan.Reporting.DueDay, plan.Reporting.DueTime, plan.Reporting.Timezone)
	for _, pj := range plan.Projects {
		fmt.Fprintf(w, "（%s）%s\n", pj.Numeral(), pj.Name)
		for _, no := range pj.Tasks {
			t := plan.Task(no)
			fmt.Fprintf(w, "  %d. %s\n", t.No, t.Title)
			fmt.Fprintf(w, "     牵头单位：%s\n", strings.Join(t.Lead, "、"))
			if len(t.Support) > 0 {
				fmt.Fprintf(w, "     %s：%s\n", t.SupportLabel, strings.Join(t.Support, "、"))
			}
			for _, ind := range plan.TaskIndicators(no) {
				fmt.Fprintf(w, "     指标：%s %s（%s，%s报送）\n", ind.Name, ind.TargetLabel(), ind.Kind.Label(), ind.Unit)
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "工作要求")
	for _, r := range plan.Requirements {
		fmt.Fprintf(w, "  （%s）%s\n     牵头单位：%s\n     %s：%s\n", gyqc.ChineseNumeral(r.No), r.Title,
			strings.Join(r.Lead, "、"), r.SupportLabel, strings.Join(r.Support, "、"))
	}
	fmt.Fprintf(w, "\n共 %d 个工程、%d 项任务、%d 个指标、%d 个单位（其中 %d 个承担任务）。\n",
		len(plan.Projects), len(plan.Tasks), len(plan.Indicators), len(plan.Registry.Units), len(plan.ResponsibleUnits()))
	printGaps(w, plan.Gaps())
	return nil
}

// printGaps lists what the office has still to fill in, one line per kind, and how.
func printGaps(w io.Writer, gaps []gyqc.Gap) {
	if len(gaps) == 0 {
		return
	}
	fmt.Fprintln(w, "\n尚待办公室补充（示例或空缺）：")
	for _, g := range gaps {
		fmt.Fprintf(w, "  %s\n", g.Line())
	}
	fmt.Fprintln(w, "用 gyqc plan export --out 方案与名册.xlsx 导出，在 Excel 中补充后用 gyqc plan import 方案与名册.xlsx --activate 启用。")
}
