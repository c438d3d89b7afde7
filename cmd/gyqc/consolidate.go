package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/store"
)

// consolidateOptions are the options of `gyqc consolidate`.
type consolidateOptions struct {
	Workspace string
	Period    gyqc.Period
	Out       string    // the workbook to write
	CSV       string    // a folder for the tables as CSV; empty: none
	Now       time.Time // the evaluation time: a deadline counts only once it has passed
	JSON      bool      // print the whole evaluation as JSON; write the workbook only when Out is set
	AsOfSet   bool      // Now was given (--as-of), not the clock
}

func consolidateCommand() *cli.Command {
	return &cli.Command{
		Name:      "consolidate",
		Usage:     "汇总当月各单位的报送，生成汇总表（Excel）：总览、任务进展、指标完成、报送情况、单位考核、历史趋势、明细",
		UsageText: "gyqc consolidate --period 2025-06 [--out 汇总表.xlsx] [--csv 目录] [--as-of \"2025-07-02 09:00\"]",
		Description: "按工作区中已收取的报送文件（各单位当前有效版本）评价各项任务和指标，计算单位考核得分，" +
			"写出汇总表；明细工作表列出每个文件的每一项填报内容及文件哈希，便于追溯。" +
			"同样的数据和统计时间总是生成同样的文件。",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "period", Aliases: []string{"p"}, Usage: "报送期，格式为 年-月，例如 2025-06"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "汇总表文件（.xlsx）；默认写在工作区的 consolidated 目录"},
			&cli.StringFlag{Name: "csv", Usage: "另将各表写成 CSV（UTF-8）文件，放在这个目录"},
			&cli.BoolFlag{Name: "json", Usage: "把完整的评价结果（指标、任务、单位得分及扣分理由）以 JSON 输出到标准输出；同时给出 --out 时才写汇总表"},
			asOfFlag(),
			&cli.BoolFlag{Name: "replan", Usage: "按工作区当前启用的方案版本重新评价该月（默认按该月下发时的版本），并记录这一改动"},
		},
		Action: func(c *cli.Context) error {
			use := usePeriod
			if c.Bool("replan") {
				use = useActive
			}
			g, lp, period, now, err := periodCommandAsOf(c, use, "consolidate", "gyqc consolidate --period 2025-06 --out 汇总表.xlsx")
			if err != nil {
				return err
			}
			out := strings.TrimSpace(c.String("out"))
			if out == "" && !c.Bool("json") {
				out = g.workspacePath(filepath.Join("consolidated", period.String()+"_月度汇总.xlsx"))
			}
			if out != "" && !strings.EqualFold(filepath.Ext(out), ".xlsx") {
				return argsError("汇总表文件名应以 .xlsx 结尾，例如 --out %s_月度汇总.xlsx", period)
			}
			err = runConsolidate(c.Context, lp.Plan, consolidateOptions{Workspace: g.Workspace, Period: period,
				Out: out, CSV: c.String("csv"), Now: now, JSON: c.Bool("json"), AsOfSet: c.IsSet("as-of")}, c.App.Writer)
			if err == nil && c.Bool("replan") {
				w := c.App.Writer
				if c.Bool("json") {
					w = c.App.ErrWriter // stdout holds the JSON alone
				}
				err = replan(c.Context, g, lp, period, w)
			}
			return err
		},
	}
}

// replan records that period is from now on evaluated under lp's plan (the active version,
// or the files given with --plan/--units).
func replan(ctx context.Context, g *globals, lp *loadedPlan, period gyqc.Period, w io.Writer) error {
	st, err := store.Open(ctx, g.Workspace, store.Update)
	if err != nil {
		return err
	}
	defer st.Close()
	if l, err := st.Lock(ctx, period); err != nil {
		return err
	} else if l != nil {
		return gyqc.Errorf(gyqc.EInvalid, "%s，不能改按其他方案版本评价；确需更改的，请先用 gyqc unlock --period %s --reason 原因 解除锁定", lockLine(lp.Plan, l), period)
	}
	return assignPeriod(ctx, st, lp, period, store.AssignReplan, func(s string) { fmt.Fprintln(w, s) })
}

// asOfLayouts are the forms --as-of accepts, in the plan's time zone unless one is given.
var asOfLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"}

// parseAsOf parses the --as-of flag.
func parseAsOf(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range asOfLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, argsError("统计时间“%s”格式不正确，例如 --as-of \"2025-07-02 09:00\" 或 --as-of 2025-07-02", s)
}

// runConsolidate evaluates the period from the workspace's history and writes the
// consolidated workbook (and the CSV tables when asked), then says where they are and
// sums the period up.
func runConsolidate(ctx context.Context, plan *gyqc.Plan, opts consolidateOptions, w io.Writer) error {
	wv, err := loadView(ctx, plan, opts.Workspace, opts.Period)
	if err != nil {
		return err
	}
	// A locked period gives the workbook stored at its sign-off; its CSV tables are made
	// from the same evaluation.
	now, log, fz := opts.Now, wv.Log, (*audit.Frozen)(nil)
	if wv.Lock != nil {
		if fz, err = frozen(ctx, plan, opts.Workspace, opts.Period); err != nil {
			return err
		}
		now, log = wv.Lock.At, untilLock(wv.Log, wv.Lock)
	}
	ev, err := wv.evaluate(plan, opts.Period, now)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	subs, copts := wv.In.Submissions, consolidate.Options{Audit: log, Context: ctx}
	if opts.JSON {
		if opts.Out != "" {
			if err := interruptible(ctx, func() error { return writeConsolidated(plan, ev, subs, copts, fz, opts.Out) }); err != nil {
				return err
			}
		}
		if js := fz.JSON(); js != nil { // as printed at the sign-off
			_, err := w.Write(js)
			return err
		}
		return consolidate.WriteJSON(w, ev)
	}
	var csvFiles []string
	err = interruptible(ctx, func() error {
		if err := writeConsolidated(plan, ev, subs, copts, fz, opts.Out); err != nil {
			return err
		}
		if opts.CSV != "" {
			var err error
			csvFiles, err = writeTables(opts.CSV, plan, ev, subs, copts, fz)
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}

	// Say where the files are and what they hold.
	s := ev.Summary
	fmt.Fprintf(w, "已写出汇总表：%s\n", opts.Out)
	if fz != nil {
		fmt.Fprintf(w, "%s，这是锁定时保存的汇总表（SHA-256 %s），锁定后收到的补报不计入。\n", lockLine(plan, wv.Lock), fz.Lock.Workbook[:12])
		if locked := lockedSummary(fz); locked != nil {
			s = *locked
		} else if opts.CSV != "" {
			fmt.Fprintln(w, "该期锁定时未保存 CSV 表格，CSV 按锁定时计入的文件重新生成。")
		}
		if !opts.Now.IsZero() && opts.AsOfSet {
			fmt.Fprintln(w, "已锁定的报送期按锁定时统计，--as-of 不起作用。")
		}
	}
	if len(csvFiles) > 0 {
		fmt.Fprintf(w, "已写出 CSV 文件 %d 个：%s\n", len(csvFiles), opts.CSV)
	}
	printPeriod(w, plan, ev, s, opts, wv.Empty)
	return nil
}

// printPeriod sums the period up after the files are written: its deadline and plan version,
// the reporting, the task lights and the indicators by state (s, the locked counts of a
// locked period), and the files the evaluation left out. empty says the workspace holds no
// return yet.
func printPeriod(w io.Writer, plan *gyqc.Plan, ev *gyqc.Evaluation, s gyqc.Summary, opts consolidateOptions, empty bool) {
	fmt.Fprintf(w, "\n%s（截止时间：%s）\n", opts.Period.Label(), plan.DueLabel(opts.Period))
	fmt.Fprintf(w, "方案版本：%s\n", plan.Edition.Label())
	if empty {
		fmt.Fprintf(w, "工作区 %s 中还没有收取任何报送文件，各单位均按未报送汇总。\n", opts.Workspace)
	}
	fmt.Fprintln(w, reportingLine(ev))
	fmt.Fprintf(w, "任务：绿灯 %d 项，黄灯 %d 项，红灯 %d 项", s.Lights.Green, s.Lights.Yellow, s.Lights.Red)
	if s.Lights.None > 0 {
		fmt.Fprintf(w, "，暂无数据 %d 项", s.Lights.None)
	}
	if change := s.LightChange(gyqc.LightRed); change != "" {
		fmt.Fprintf(w, "（红灯%s）", change)
	}
	fmt.Fprintln(w, "。")
	fmt.Fprintf(w, "指标：%d 项，符合进度 %d 项，滞后 %d 项，严重滞后 %d 项，无数据 %d 项", s.Indicators, s.OnTrack, s.Behind, s.FarBehind, s.NoData)
	if s.NoBasis > 0 {
		fmt.Fprintf(w, "，无可比数据 %d 项", s.NoBasis)
	}
	if s.NotDue > 0 {
		fmt.Fprintf(w, "，本期不考核 %d 项", s.NotDue)
	}
	fmt.Fprintln(w, "。")
	if ev.Provisional {
		fmt.Fprintf(w, "统计时间 %s 尚未到截止时间，尚未报送和被退回的单位仍可按时报送，本次汇总为初步结果。\n", opts.Now.In(plan.Location()).Format("2006-01-02 15:04"))
	}
	if n := len(ev.Ignored); n > 0 {
		fmt.Fprintf(w, "有 %d 个文件未计入汇总（见汇总表“总览”）：\n", n)
		for i, p := range ev.Ignored {
			if i == 5 {
				fmt.Fprintf(w, "  ……共 %d 个\n", n)
				break
			}
			fmt.Fprintf(w, "  %s：%s\n", p.File, p.Message)
		}
	}
}

// writeConsolidated writes the consolidated workbook atomically: the one stored at the
// sign-off of a locked period (fz), else the one made from the evaluation.
func writeConsolidated(plan *gyqc.Plan, ev *gyqc.Evaluation, subs []gyqc.Submission, copts consolidate.Options, fz *audit.Frozen, out string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return gyqc.EnvError(fmt.Sprintf("无法创建汇总表所在的目录 %s", filepath.Dir(out)), err)
	}
	return atomicfile.Write(out, 0o644, func(f io.Writer) error {
		if fz != nil {
			_, err := f.Write(fz.Workbook)
			return err
		}
		return consolidate.WriteWorkbook(f, plan, ev, subs, copts)
	})
}

// writeTables writes the tables as CSV files into dir: those stored at the sign-off of a
// locked period (fz), else those made from the evaluation. It returns the paths written.
func writeTables(dir string, plan *gyqc.Plan, ev *gyqc.Evaluation, subs []gyqc.Submission, copts consolidate.Options, fz *audit.Frozen) ([]string, error) {
	stored := fz.CSV()
	if len(stored) == 0 {
		return consolidate.WriteCSV(dir, plan, ev, subs, copts)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, gyqc.EnvError(fmt.Sprintf("无法创建 CSV 输出目录 %s", dir), err)
	}
	var paths []string
	for _, f := range stored {
		path := filepath.Join(dir, f.Name)
		if err := atomicfile.WriteFile(path, f.Data, 0o644); err != nil {
			return paths, gyqc.EnvError(fmt.Sprintf("无法写出 %s", path), err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// lockedSummary returns the summary of the evaluation stored at the sign-off, nil when the
// lock stored none (a lock taken before gyqc stored it).
func lockedSummary(fz *audit.Frozen) *gyqc.Summary {
	var exp gyqc.Export
	if js := fz.JSON(); js == nil || json.Unmarshal(js, &exp) != nil {
		return nil
	}
	return &exp.Summary
}

// untilLock returns the audit entries up to the sign-off, the lock's own entry included: the
// 审核记录 of the workbook stored with it.
func untilLock(log []gyqc.AuditEntry, l *gyqc.Lock) []gyqc.AuditEntry {
	var out []gyqc.AuditEntry
	for _, e := range log {
		if !e.Time.After(l.At) {
			out = append(out, e)
		}
	}
	return out
}
