package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/planbook"
)

// planExportOptions are the options of `gyqc plan export`.
type planExportOptions struct {
	Out string
}

func planExportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "把方案和单位名册导出为一个 Excel 工作簿（方案与名册），供办公室核实和补充",
		UsageText: "gyqc plan export --out 方案与名册.xlsx",
		Description: "导出工作区当前启用的方案版本（没有时为内置方案；用 --plan/--units 指定的文件优先）。" +
			"工作簿中灰底单元格是方案原文，已锁定；白底单元格由办公室填写：单位组成员、联系人、基期值、考核规则等。" +
			"改好后用 gyqc plan import 导入。",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "工作簿文件（.xlsx）"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return argsError("plan export 不接受参数“%s”，例如 gyqc plan export --out 方案与名册.xlsx", c.Args().First())
			}
			out := strings.TrimSpace(c.String("out"))
			if out == "" {
				return argsError("请用 --out 指定工作簿文件，例如 gyqc plan export --out 方案与名册.xlsx")
			}
			if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
				return argsError("工作簿文件名应以 .xlsx 结尾，例如 --out 方案与名册.xlsx")
			}
			lp, err := globalsFrom(c).openPlan(c.Context, useActive, gyqc.Period{})
			if err != nil {
				return err
			}
			return runPlanExport(c.Context, lp, planExportOptions{Out: out}, c.App.Writer)
		},
	}
}

// runPlanExport writes the plan workbook and says what the office has still to fill in.
func runPlanExport(_ context.Context, lp *loadedPlan, opts planExportOptions, w io.Writer) error {
	if dir := filepath.Dir(opts.Out); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return gyqc.Errorf(gyqc.EInvalid, "无法创建目录 %s：%v", dir, err)
		}
	}
	err := atomicfile.Write(opts.Out, 0o644, func(f io.Writer) error {
		return planbook.Export(f, lp.Plan, lp.Files.Plan, lp.Files.Units)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "已导出方案与名册：%s（%s）\n", opts.Out, lp.Plan.Edition.Label())
	if noteHandComments(w, map[string][]byte{lp.Files.PlanName: lp.Files.Plan, lp.Files.UnitsName: lp.Files.Units}, lp.Files.PlanName, lp.Files.UnitsName) {
		fmt.Fprintf(w, "导出的工作簿不含这些注释，导入后写出或启用的文件也不会有；原文件不受影响。%s\n", commentsAdvice)
	}
	if gaps := lp.Plan.Gaps(); len(gaps) > 0 {
		fmt.Fprintln(w, "尚待办公室补充：")
		for _, g := range gaps {
			fmt.Fprintf(w, "  %s\n", g.Line())
		}
	}
	fmt.Fprintf(w, "请在 Excel、WPS 或 LibreOffice 中填写白底单元格后保存，再运行：gyqc plan import %s --activate\n", opts.Out)
	return nil
}
