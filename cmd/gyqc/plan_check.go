package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
)

// planCheckOptions are the options of `gyqc plan check`.
type planCheckOptions struct {
	PlanFile  string
	UnitsFile string
}

func planCheckCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "检查方案文件（及单位名册），逐条列出问题和所在行",
		ArgsUsage: "方案文件.yaml 或 方案与名册.xlsx",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return argsError("请指定一个要检查的方案文件，例如 gyqc plan check plan.yaml")
			}
			if file := c.Args().First(); strings.EqualFold(filepath.Ext(file), ".xlsx") {
				// A plan workbook: check it as gyqc plan import does, writing nothing.
				return runPlanImport(c.Context, planImportOptions{File: file, Workspace: globalsFrom(c).Workspace}, c.App.Writer)
			}
			return runPlanCheck(c.Context, planCheckOptions{PlanFile: c.Args().First(), UnitsFile: c.String("units")}, c.App.Writer)
		},
	}
}

// runPlanCheck validates a plan file with the units file and prints every problem. It
// returns an *gyqc.Error when any problem is an error.
func runPlanCheck(_ context.Context, opts planCheckOptions, w io.Writer) error {
	plan, probs, err := planfile.Open(opts.PlanFile, opts.UnitsFile)
	if err != nil {
		return err
	}
	for _, p := range probs {
		fmt.Fprintln(w, p.String())
	}
	errs := len(probs.Errors())
	if plan == nil {
		return gyqc.Errorf(gyqc.EInvalid, "%s 有 %d 个错误、%d 个警告，请按上面的提示修改", opts.PlanFile, errs, len(probs)-errs)
	}
	fmt.Fprintf(w, "%s 检查通过：%d 个工程、%d 项任务、%d 个指标、%d 个单位；%d 个警告。\n",
		opts.PlanFile, len(plan.Projects), len(plan.Tasks), len(plan.Indicators), len(plan.Registry.Units), len(probs))
	return nil
}
