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
	"github.com/qianjiang/gyqc/internal/jsonlist"
)

// reviewOptions are the options of `gyqc review`.
type reviewOptions struct {
	Workspace string
	Feedback  string // folder for the 退回意见单 of manual returns; empty: WORKSPACE/feedback/PERIOD
	Request   audit.Request
	List      bool
	JSON      bool
	Now       func() time.Time
}

func reviewCommand() *cli.Command {
	return &cli.Command{
		Name:  "review",
		Usage: "审核各单位已接收的报送：审核通过、退回（生成退回意见单）、核实“状态与指标不符”、采用经验做法",
		UsageText: "gyqc review --period 2025-06 --list\n" +
			"   gyqc review --period 2025-06 --unit jxw --accept [--note 备注] [--reviewer 王科长]\n" +
			"   gyqc review --period 2025-06 --unit jxw --return \"本月工作进展与上月相同，请据实填写\" [--until \"2025-07-04 17:00\"]\n" +
			"   gyqc review --period 2025-06 --unit jxw --confirm 12 --dismiss 15 --adopt 3",
		Description: "自动检查只能发现格式和数值的问题。审核记录办公室自己的判断：--list 列出待审核的单位（照抄上月或照抄其他单位的进展排在最前）；" +
			"--accept 审核通过当前版本；--return 以办公室的意见退回当前版本，单位的状态变为“被退回”，并像自动退回一样生成退回意见单，" +
			"在 --until 之前改正报回的算按期更正、不计迟报；--confirm/--dismiss 核实评价提出的“状态与指标不符，待核实”事项（只有核实属实的才扣分），" +
			"可写任务序号或事项代码；--adopt 将该单位某项任务的经验做法采入简报。每项审核都记入审核记录（gyqc log）。已锁定的报送期不能再审核。",
		Flags: []cli.Flag{
			periodFlag(),
			&cli.BoolFlag{Name: "list", Usage: "列出本期的审核清单"},
			&cli.StringFlag{Name: "unit", Aliases: []string{"u"}, Usage: "单位代码（见 gyqc units）"},
			&cli.BoolFlag{Name: "accept", Usage: "审核通过当前版本"},
			&cli.StringFlag{Name: "return", Usage: "退回当前版本，写明退回意见"},
			&cli.StringFlag{Name: "until", Usage: "退回后更正报回的期限，例如 \"2025-07-04 17:00\"；只写日期的，到当日 23:59"},
			&cli.StringFlag{Name: "note", Usage: "备注，随本次审核记录"},
			&cli.StringSliceFlag{Name: "confirm", Usage: "核实属实的待核实事项（任务序号或事项代码），可重复"},
			&cli.StringSliceFlag{Name: "dismiss", Usage: "核实不属实的待核实事项，可重复"},
			&cli.IntSliceFlag{Name: "adopt", Usage: "采用该单位某项任务（序号）的经验做法入简报，可重复"},
			&cli.IntSliceFlag{Name: "unadopt", Usage: "撤销采用某项任务的经验做法，可重复"},
			&cli.StringFlag{Name: "reviewer", Usage: "审核人；默认为当前系统用户"},
			&cli.StringFlag{Name: "feedback", Usage: "退回意见单的输出文件夹（默认：工作区/feedback/报送期）"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			g, lp, period, err := periodCommand(c, usePeriod, "review", "gyqc review --period 2025-06 --unit jxw --accept")
			if err != nil {
				return err
			}
			plan := lp.Plan
			opts := reviewOptions{Workspace: g.Workspace, Feedback: c.String("feedback"), List: c.Bool("list"), JSON: c.Bool("json"), Now: time.Now}
			if opts.List {
				return runReviewList(c.Context, plan, period, opts, c.App.Writer)
			}
			if c.String("unit") == "" {
				return argsError("请用 --unit 指定要审核的单位，例如 gyqc review --period %s --unit jxw --accept；或用 --list 查看审核清单", period)
			}
			if c.Bool("accept") && c.IsSet("return") {
				return argsError("--accept 和 --return 只能选一个")
			}
			if c.IsSet("return") && strings.TrimSpace(c.String("return")) == "" {
				return argsError("请在 --return 后写明退回意见，例如 --return \"本月工作进展与上月相同，请据实填写\"")
			}
			if c.IsSet("until") && !c.IsSet("return") {
				return argsError("--until 只用于退回（--return）")
			}
			reviewer := strings.TrimSpace(c.String("reviewer"))
			if reviewer == "" {
				reviewer = audit.OSUser()
			}
			opts.Request = audit.Request{Period: period, Unit: c.String("unit"), Reviewer: reviewer, Accept: c.Bool("accept"),
				Return: c.String("return"), Note: c.String("note"), Confirm: c.StringSlice("confirm"), Dismiss: c.StringSlice("dismiss"),
				Adopt: c.IntSlice("adopt"), Unadopt: c.IntSlice("unadopt")}
			if s := c.String("until"); s != "" {
				if opts.Request.Until, err = parseUntil(s, plan.Location()); err != nil {
					return err
				}
			}
			return runReview(c.Context, plan, opts, c.App.Writer)
		},
	}
}

// parseUntil parses --until: a time in the plan's time zone, or a date meaning the end of
// that day (23:59).
func parseUntil(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t.Add(23*time.Hour + 59*time.Minute), nil
	}
	t, err := parseAsOf(s, loc)
	if err != nil {
		return t, argsError("更正期限“%s”格式不正确，例如 --until \"2025-07-04 17:00\" 或 --until 2025-07-04", s)
	}
	return t, nil
}

// runReview records one review and says what it did and where the unit now stands.
func runReview(ctx context.Context, plan *gyqc.Plan, opts reviewOptions, w io.Writer) error {
	o, done, err := office(ctx, plan, opts.Workspace, opts.Now)
	if err != nil {
		return err
	}
	defer done()
	o.Feedback = opts.Feedback
	res, err := o.Review(ctx, opts.Request)
	if err != nil && res == nil {
		return err
	}
	if opts.JSON {
		if jerr := jsonlist.Encode(w, res); jerr != nil {
			return jerr
		}
		return err
	}
	unit := plan.Registry.Unit(opts.Request.Unit)
	fmt.Fprintf(w, "已记录 %s %s的审核（审核人：%s）：\n", unit.Name, opts.Request.Period.Label(), opts.Request.Reviewer)
	for _, e := range res.Entries {
		fmt.Fprintf(w, "  %s\n", gyqc.OneLine(e.Detail))
	}
	if res.Feedback != "" {
		fmt.Fprintf(w, "退回意见单：%s\n", res.Feedback)
	}
	r := res.State
	line := "当前状态：" + r.Label()
	if l := r.ReviewStatus.Label(); l != "" {
		line += "，" + l
	}
	fmt.Fprintln(w, line+"。")
	return err
}
