package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/internal/jsonlist"
)

// Names of remind's outputs in its folder.
const (
	remindBook = "催报名单.xlsx"
	remindText = "催报通知.txt"
)

// remindOptions are the options of `gyqc remind`.
type remindOptions struct {
	Workspace string
	Period    gyqc.Period
	Now       time.Time // the evaluation time (--as-of)
	Out       string    // folder for 催报名单.xlsx and 催报通知.txt
	Feedback  string    // the folder of the period's 退回意见单; empty: WORKSPACE/feedback/PERIOD
	JSON      bool
}

func remindCommand() *cli.Command {
	return &cli.Command{
		Name:      "remind",
		Usage:     "生成催报名单和催报通知：截止前提醒尚未报送的单位，截止后催报未报送和被退回的单位",
		UsageText: "gyqc remind --period 2025-06 [--as-of \"2025-06-30 09:00\"] --out 目录 [--json]",
		Description: "在输出目录中写出“" + remindBook + "”（单位、报送情况、联系人、电话、邮箱、缺少或有误的内容、退回意见单）" +
			"和“" + remindText + "”（每个单位一条短信长度的通知，可直接发送）。截止时间之前是友好的提醒，" +
			"截止之后是催报；被退回的单位写明第一个问题。已报送的单位不列入。联系人取该单位最近一份报表上的填报人和联系电话，" +
			"报表上没有时取单位名册；邮箱取该单位最近一次来信的地址。",
		Flags: []cli.Flag{
			periodFlag(),
			asOfFlag(),
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "输出目录，例如 催报/2025-06"},
			&cli.StringFlag{Name: "feedback", Usage: "意见单所在的文件夹（默认：工作区/feedback/报送期）"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			g, lp, period, now, err := periodCommandAsOf(c, usePeriod, "remind", "gyqc remind --period 2025-06 --out 催报")
			if err != nil {
				return err
			}
			out := strings.TrimSpace(c.String("out"))
			if out == "" {
				return argsError("请用 --out 指定输出目录，例如 gyqc remind --period %s --out 催报/%s", period, period)
			}
			return runRemind(c.Context, lp.Plan, remindOptions{Workspace: g.Workspace, Period: period, Now: now, Out: out,
				Feedback: c.String("feedback"), JSON: c.Bool("json")}, c.App.Writer)
		},
	}
}

// remindJSON is what `gyqc remind --json` prints.
type remindJSON struct {
	Period      string      `json:"period"`
	Due         time.Time   `json:"due"`
	AsOf        *time.Time  `json:"as_of,omitempty"`
	Provisional bool        `json:"provisional"` // before the deadline: reminders, not 催报
	Workbook    string      `json:"workbook"`
	Messages    string      `json:"messages"`
	Units       []remindOne `json:"units"`
}

type remindOne struct {
	gyqc.Reminder
	What     string `json:"what"`
	Feedback string `json:"feedback,omitempty"`
	Message  string `json:"message"`
}

// runRemind writes the 催报名单 and the messages of the period as of opts.Now.
func runRemind(ctx context.Context, plan *gyqc.Plan, opts remindOptions, w io.Writer) error {
	wv, ev, err := loadEvaluation(ctx, plan, opts.Workspace, opts.Period, opts.Now)
	if err != nil {
		return err
	}
	subs := wv.In.Submissions
	if opts.Feedback == "" {
		opts.Feedback = filepath.Join(opts.Workspace, "feedback", opts.Period.String())
	}
	var rows []consolidate.RemindRow
	for _, r := range gyqc.Reminders(ev, gyqc.Contacts(plan, subs, opts.Now)) {
		row := consolidate.RemindRow{Reminder: r, Message: r.Message(plan, opts.Period, opts.Now)}
		if r.State == gyqc.StateRefused && r.Unit != nil {
			row.Feedback = collect.FeedbackFile(opts.Feedback, opts.Period, r.Unit, r.Version, gyqc.OutcomeRefused)
		}
		rows = append(rows, row)
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return gyqc.Errorf(gyqc.EInvalid, "无法创建输出目录 %s：%v", opts.Out, err)
	}
	book, txt := filepath.Join(opts.Out, remindBook), filepath.Join(opts.Out, remindText)
	var buf bytes.Buffer
	if err := consolidate.WriteRemindWorkbook(&buf, plan, ev, rows); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(book, buf.Bytes(), 0o644); err != nil {
		return gyqc.Errorf(gyqc.EInternal, "无法写入 %s：%v", book, err)
	}
	if err := atomicfile.WriteFile(txt, remindMessages(plan, ev, rows), 0o644); err != nil {
		return gyqc.Errorf(gyqc.EInternal, "无法写入 %s：%v", txt, err)
	}
	if opts.JSON {
		out := remindJSON{Period: opts.Period.String(), Due: plan.Due(opts.Period), AsOf: timePtr(opts.Now, plan.Location()),
			Provisional: ev.Provisional, Workbook: book, Messages: txt}
		for _, r := range rows {
			out.Units = append(out.Units, remindOne{Reminder: r.Reminder, What: r.What(plan), Feedback: r.Feedback, Message: r.Message})
		}
		return jsonlist.Encode(w, out)
	}
	printRemind(w, plan, opts, ev, rows, book, txt)
	return nil
}

// remindMessages writes the messages as a text file for Windows Notepad and chat programs:
// UTF-8 with a byte order mark, CRLF line ends, one message a paragraph under the unit's
// name and contact.
func remindMessages(plan *gyqc.Plan, ev *gyqc.Evaluation, rows []consolidate.RemindRow) []byte {
	var b strings.Builder
	b.WriteString("\uFEFF")
	kind, due := "催报通知", plan.DueLabel(ev.Period)
	if ev.Provisional {
		kind, due = "报送提醒", due+"，尚未截止"
	}
	fmt.Fprintf(&b, "%s%s（截止时间：%s；统计时间：%s；共%d个单位）\r\n", ev.Period.Label(), kind, due, asOfText(ev.Now, plan), len(rows))
	if len(rows) == 0 {
		b.WriteString("\r\n各单位均已报送，无需提醒或催报。\r\n")
	}
	for i, r := range rows {
		fmt.Fprintf(&b, "\r\n%d. %s（%s）  %s\r\n%s\r\n", i+1, r.Name, r.Label, r.Contact.Line(), r.Message)
	}
	return []byte(b.String())
}

// asOfText writes the evaluation time, or says it is after every deadline.
func asOfText(now time.Time, plan *gyqc.Plan) string {
	if now.IsZero() {
		return "各报送截止时间之后"
	}
	return now.In(plan.Location()).Format("2006-01-02 15:04")
}

// printRemind says what was written and lists the units.
func printRemind(w io.Writer, plan *gyqc.Plan, opts remindOptions, ev *gyqc.Evaluation, rows []consolidate.RemindRow, book, txt string) {
	if ev.Provisional {
		fmt.Fprintf(w, "%s 截止时间 %s 未到（统计时间 %s）：以下 %d 个单位尚未报送或被退回，生成的是提醒。\n", opts.Period.Label(),
			plan.DueLabel(opts.Period), asOfText(opts.Now, plan), len(rows))
	} else {
		fmt.Fprintf(w, "%s 催报（截止时间 %s，统计时间 %s）：%d 个单位。\n", opts.Period.Label(), plan.DueLabel(opts.Period), asOfText(opts.Now, plan), len(rows))
	}
	for _, r := range rows {
		fmt.Fprintf(w, "  %s（%s）  %s\n", r.Name, r.Label, r.Contact.Line())
	}
	fmt.Fprintf(w, "催报名单：%s\n通知内容：%s\n", book, txt)
}
