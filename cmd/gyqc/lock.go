package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/render"
)

// lockOptions are the options of `gyqc lock`.
type lockOptions struct {
	Workspace string
	Period    gyqc.Period
	SignedBy  string
	Fonts     []string // --font, then GYQC_FONT and the system's fonts
	// SystemFonts are the system font files to try; nil means the system's usual places.
	SystemFonts []string
	Now         func() time.Time
	Warn        io.Writer
}

func lockCommand() *cli.Command {
	return &cli.Command{
		Name:      "lock",
		Usage:     "签发并锁定某月：保存当时的汇总表和工作简报，此后重新生成得到同样的文件",
		UsageText: "gyqc lock --period 2025-06 --signed-by 张主任 [--font 字体文件]",
		Description: "签发锁定记录本期计入的各单位文件版本、方案版本和评价结果，并把汇总表和工作简报保存在工作区；" +
			"此后 gyqc consolidate 和 gyqc brief 给出的就是这两份文件，逐字节相同。锁定后收到的文件作为补报保存，" +
			"在下一期简报和该单位的报送记录中列出，不改变已锁定的结果；确需更改的，用 gyqc unlock 解除锁定并写明原因。" +
			"报送截止时间未到的月份不能锁定。",
		Flags: []cli.Flag{
			periodFlag(),
			&cli.StringFlag{Name: "signed-by", Usage: "签发人（必填）"},
			&cli.StringSliceFlag{Name: "font", Usage: "简报使用的中文字体文件（.ttf 或 .ttc），可重复；也可用环境变量 " + render.FontEnv},
		},
		Action: func(c *cli.Context) error {
			g, lp, period, err := periodCommand(c, usePeriod, "lock", "gyqc lock --period 2025-06 --signed-by 张主任")
			if err != nil {
				return err
			}
			plan := lp.Plan
			if strings.TrimSpace(c.String("signed-by")) == "" {
				return argsError("请用 --signed-by 写明签发人，例如 gyqc lock --period %s --signed-by 张主任", period)
			}
			return runLock(c.Context, plan, lockOptions{Workspace: g.Workspace, Period: period, SignedBy: c.String("signed-by"),
				Fonts: c.StringSlice("font"), Now: time.Now, Warn: g.Stderr}, c.App.Writer)
		},
	}
}

// runLock signs the period off, writes copies of the stored files where consolidate and brief
// put theirs by default, and says what was frozen.
func runLock(ctx context.Context, plan *gyqc.Plan, opts lockOptions, w io.Writer) error {
	fonts, err := render.FindFonts(render.FontOptions{Files: opts.Fonts, System: opts.SystemFonts})
	if err != nil {
		return err
	}
	o, done, err := office(ctx, plan, opts.Workspace, opts.Now)
	if err != nil {
		return err
	}
	defer done()
	fz, err := o.Lock(ctx, audit.LockRequest{Period: opts.Period, SignedBy: opts.SignedBy, Brief: render.BriefOptions{Fonts: fonts}})
	if fz == nil {
		return err
	}
	l := fz.Lock
	fmt.Fprintf(w, "%s。\n", lockLine(plan, &l))
	fmt.Fprintf(w, "  %s\n", fz.Entry.Detail)
	fmt.Fprintf(w, "  汇总表（SHA-256 %s）：%s\n", l.Workbook[:12], audit.WorkbookPath(o.Store.Dir, l.Period))
	fmt.Fprintf(w, "  工作简报（SHA-256 %s）：%s\n", l.Briefing[:12], audit.BriefingPath(o.Store.Dir, l.Period))
	if err != nil { // locked, but the copies could not be written
		return err
	}
	fmt.Fprintln(w, "此后 gyqc consolidate 和 gyqc brief 给出的都是这两份文件，gyqc consolidate --json 和 --csv 给出锁定时的评价结果和表格；锁定后收到的文件作为补报保存，不改变本期结果。")
	if len(fz.Waiting) > 0 {
		fmt.Fprintf(w, "注意：签发时仍有 %d 个单位待审核：%s。\n", len(fz.Waiting), strings.Join(fz.Waiting, "、"))
	}
	if len(fz.Replacements) > 0 && opts.Warn != nil {
		fmt.Fprintln(opts.Warn, "警告："+replacementLine(fz.Replacements))
	}
	return nil
}
