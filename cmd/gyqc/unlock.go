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
)

// unlockOptions are the options of `gyqc unlock`.
type unlockOptions struct {
	Workspace string
	Period    gyqc.Period
	By        string
	Reason    string
	Now       func() time.Time
}

func unlockCommand() *cli.Command {
	return &cli.Command{
		Name:      "unlock",
		Usage:     "解除某月的锁定（须写明原因，记入审核记录）",
		UsageText: "gyqc unlock --period 2025-06 --reason \"发改委补报数据须重新汇总\" [--by 张主任]",
		Description: "解除锁定后，锁定后收到的补报重新计入本期，可以再审核、重新汇总，并可再次签发锁定。" +
			"锁定时保存的汇总表和简报仍保留在工作区，解除记录（谁、何时、原因）记入审核记录。",
		Flags: []cli.Flag{
			periodFlag(),
			&cli.StringFlag{Name: "reason", Usage: "解除锁定的原因（必填）"},
			&cli.StringFlag{Name: "by", Usage: "解除锁定的人；默认为当前系统用户"},
		},
		Action: func(c *cli.Context) error {
			g, lp, period, err := periodCommand(c, usePeriod, "unlock", "gyqc unlock --period 2025-06 --reason 原因")
			if err != nil {
				return err
			}
			plan := lp.Plan
			if strings.TrimSpace(c.String("reason")) == "" {
				return argsError("请用 --reason 写明解除锁定的原因，例如 gyqc unlock --period %s --reason \"发改委补报数据须重新汇总\"", period)
			}
			by := strings.TrimSpace(c.String("by"))
			if by == "" {
				by = audit.OSUser()
			}
			return runUnlock(c.Context, plan, unlockOptions{Workspace: g.Workspace, Period: period, By: by, Reason: c.String("reason"), Now: time.Now}, c.App.Writer)
		},
	}
}

// runUnlock lifts the lock and says so.
func runUnlock(ctx context.Context, plan *gyqc.Plan, opts unlockOptions, w io.Writer) error {
	o, done, err := office(ctx, plan, opts.Workspace, opts.Now)
	if err != nil {
		return err
	}
	defer done()
	l, err := o.Unlock(ctx, opts.Period, opts.By, opts.Reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "已解除%s的锁定（原由 %s 于 %s 签发），解除人：%s，原因：%s。\n", opts.Period.Label(), l.SignedBy,
		l.At.In(plan.Location()).Format("2006-01-02 15:04"), l.UnlockedBy, l.UnlockReason)
	fmt.Fprintln(w, "锁定后收到的补报重新计入本期；重新汇总后可再次用 gyqc lock 签发锁定。")
	return nil
}
