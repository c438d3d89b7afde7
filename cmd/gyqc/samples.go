package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/jsonlist"
	"github.com/qianjiang/gyqc/samples"
)

// defaultSampleSeed is the seed of `gyqc samples` when none is given.
const defaultSampleSeed = 20220801

// samplesOptions are the options of `gyqc samples`.
type samplesOptions struct {
	Period   gyqc.Period
	From     string // the folder of issued templates
	Out      string // the folder the returned workbooks go to
	Seed     int64
	Clean    bool   // no mess: every unit on time and correct
	Manifest string // where to write the manifest as JSON; empty: nowhere
	JSON     bool   // print the manifest as JSON instead of the summary
	Soffice  string // LibreOffice program; empty: soffice on PATH (tests point it elsewhere)
}

func samplesCommand() *cli.Command {
	return &cli.Command{
		Name:      "samples",
		Usage:     "用已下发的模板生成各单位填好的样例报表（演示和测试用）",
		UsageText: "gyqc samples --period 2025-06 --from 模板目录 --out 收件箱 [--seed 数字] [--clean]",
		Description: "按方案的任务要求和指标，模拟各责任单位填写本期模板：进展状态、工作进展、存在问题、下月计划、" +
			"指标数值和填报信息。默认还模拟实际工作中的各种情况：迟报、未报送、填报有误被退回、退回后重报、照抄上月、" +
			"文件名为其他单位名称、经 LibreOffice 另存（未安装 LibreOffice 时跳过并说明）。同一种子生成的内容完全相同。",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "period", Aliases: []string{"p"}, Usage: "报送期，格式为 年-月，例如 2025-06"},
			&cli.StringFlag{Name: "from", Usage: "已下发模板所在的目录（gyqc issue 的输出目录）"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "输出目录，填好的报表写在这里，文件时间为模拟的收到时间"},
			&cli.Int64Flag{Name: "seed", Value: defaultSampleSeed, Usage: "随机种子；同一种子生成的报表完全相同"},
			&cli.BoolFlag{Name: "clean", Usage: "不模拟迟报、未报送、填报错误等情况，所有单位按时正确报送"},
			&cli.StringFlag{Name: "manifest", Usage: "把样例清单（各文件的单位、收到时间、模拟的情况）以 JSON 写入此文件"},
			&cli.BoolFlag{Name: "json", Usage: "以 JSON 输出样例清单，供脚本使用"},
		},
		Action: func(c *cli.Context) error {
			_, lp, period, err := periodCommand(c, usePeriod, "samples", "gyqc samples --period 2025-06 --from 模板 --out 收件箱")
			if err != nil {
				return err
			}
			plan := lp.Plan
			opts := samplesOptions{Period: period, From: c.String("from"), Out: c.String("out"), Seed: c.Int64("seed"),
				Clean: c.Bool("clean"), Manifest: c.String("manifest"), JSON: c.Bool("json")}
			if strings.TrimSpace(opts.From) == "" {
				return argsError("请用 --from 指定已下发模板所在的目录，例如 gyqc samples --period %s --from 模板/%s --out 收件箱/%s", period, period, period)
			}
			if strings.TrimSpace(opts.Out) == "" {
				return argsError("请用 --out 指定输出目录，例如 gyqc samples --period %s --from %s --out 收件箱/%s", period, opts.From, period)
			}
			return runSamples(c.Context, plan, opts, c.App.Writer)
		},
	}
}

// runSamples writes the sample returns of one period and prints what it made.
func runSamples(ctx context.Context, plan *gyqc.Plan, opts samplesOptions, w io.Writer) error {
	g, err := samples.New(plan, opts.Seed)
	if err != nil {
		return err
	}
	sc := samples.Messy
	if opts.Clean {
		sc = samples.Clean
	}
	b, err := g.Batch(opts.Period, sc)
	if err != nil {
		return err
	}
	m, err := samples.WriteReturns(ctx, opts.From, opts.Out, b, samples.WriteOptions{Soffice: opts.Soffice})
	if err != nil {
		return err
	}
	if opts.Manifest != "" {
		if err := m.WriteJSON(opts.Manifest); err != nil {
			return gyqc.Errorf(gyqc.EInvalid, "无法写入样例清单 %s：%v", opts.Manifest, err)
		}
	}
	if opts.JSON {
		return jsonlist.Encode(w, m)
	}
	printSamples(plan, m, opts, w)
	return nil
}

// printSamples prints a summary of the sample returns: how many, where, and who got which mess.
func printSamples(plan *gyqc.Plan, m *samples.Manifest, opts samplesOptions, w io.Writer) {
	fmt.Fprintf(w, "已生成%s样例报表 %d 个文件（责任单位 %d 个，种子 %d），写入 %s\n",
		opts.Period.Label(), len(m.Files), len(m.Units), opts.Seed, opts.Out)
	for _, x := range samples.Messes {
		for _, code := range m.WithMess(x) {
			u := m.Unit(code)
			fmt.Fprintf(w, "  %s：%s（%s）", x.Label(), u.Name, u.Code)
			var details []string
			for _, f := range m.Files {
				if f.Unit == code {
					details = append(details, f.Details...)
				}
			}
			if len(details) > 0 {
				fmt.Fprintf(w, "，%s", strings.Join(details, "；"))
			}
			fmt.Fprintln(w)
		}
	}
	for _, n := range m.Notes {
		fmt.Fprintln(w, "  说明："+n)
	}
	fmt.Fprintf(w, "截止时间：%s；收到时间已写入各文件的修改时间。\n", plan.DueLabel(opts.Period))
}
