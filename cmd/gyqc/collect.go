package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/mailbox"
	"github.com/qianjiang/gyqc/review"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// collectOptions are the options of `gyqc collect`.
type collectOptions struct {
	Workspace string
	Period    gyqc.Period
	Paths     []string
	Received  time.Time // when the files arrived; zero: the clock at collection
	// ByFileTime takes each file's modification time as the time it arrived (files saved
	// from mail with their sending time), and collects the files in that order.
	ByFileTime bool
	Feedback   string // folder for the 意见单 (退回意见单, 审核意见单); empty: WORKSPACE/feedback/PERIOD
	JSON       bool
	Progress   bool // show a progress bar on stderr
	Stderr     io.Writer
	Now        func() time.Time
	Limits     intake.Limits
	Checks     review.Options
	Actor      string // who collects, for the audit trail; empty: the operating-system user
	// Convert turns old .xls/.et workbooks into .xlsx (LibreOffice) before they are read.
	Convert collect.Converter
	// MailMemory is how many bytes taken out of mail are held in memory, the rest in
	// temporary files (collect.Spill); 0: collect.DefaultSpillBudget.
	MailMemory int64
}

func collectCommand() *cli.Command {
	return &cli.Command{
		Name:      "collect",
		Usage:     "收取各单位报回的填报文件：检查、接收或退回，并生成意见单",
		ArgsUsage: "文件或文件夹...",
		Description: "逐个检查报回的工作簿（可给出任意多个文件或文件夹，文件名不限），" +
			"判定为“已接收”“已接收（有警告）”或“退回”，接收的数据存入工作区，所有文件按内容哈希归档。" +
			"对退回的文件，在意见单文件夹中为该单位生成退回意见单；对已接收但有警告的文件，生成审核意见单；两者都附标出问题的工作簿。\n\n" +
			"也可以直接给出邮件：从邮箱导出的 .eml 文件（Outlook、Foxmail、Thunderbird、网页邮箱的“下载邮件”）" +
			"和 mbox 邮箱文件，或存放它们的文件夹。邮件中的每个 .xlsx 附件（包括 .zip 压缩包和转发邮件中的）都会收取，" +
			"其他附件列出并跳过；收到时间取邮件服务器收到邮件的时间（最上面的 Received 头），没有时取邮件的发出时间（Date 头），" +
			"按方案所在时区计；发件人和主题随报送记录保存。一批文件按收到时间先后收取，重报的版本顺序因此正确。",
		Flags: []cli.Flag{
			periodFlag(),
			&cli.StringFlag{Name: "received", Usage: "所有文件的收到时间，例如 \"2025-06-28 10:00\"，覆盖邮件中的时间（每个文件的结果中会注明）；默认：邮件取其收到时间，其他文件取当前时间"},
			&cli.BoolFlag{Name: "file-time", Usage: "以各文件（邮件以外）的修改时间作为收到时间，并按此先后收取"},
			&cli.StringFlag{Name: "feedback", Usage: "意见单（退回意见单、审核意见单）的输出文件夹（默认：工作区/feedback/报送期）"},
			jsonFlag(),
			&cli.BoolFlag{Name: "convert", Usage: "用 LibreOffice 把旧版 .xls/.et 文件转换为 .xlsx 后收取（原文件照常归档；需安装 LibreOffice）"},
		},
		Action: func(c *cli.Context) error {
			g, plan, period, err := planAndPeriod(c)
			if err != nil {
				return err
			}
			if c.NArg() == 0 {
				return argsError("请给出要收取的文件或文件夹，例如 gyqc collect --period 2025-06 收件箱/")
			}
			opts := collectOptions{Workspace: g.Workspace, Period: period, Paths: c.Args().Slice(), Feedback: c.String("feedback"),
				JSON: c.Bool("json"), ByFileTime: c.Bool("file-time"), Stderr: c.App.ErrWriter, Now: time.Now, Progress: isTerminal(c.App.ErrWriter)}
			if c.Bool("convert") {
				if opts.Convert, err = collect.LibreOffice(""); err != nil {
					return err
				}
			}
			if c.IsSet("received") && opts.ByFileTime {
				return argsError("--received 和 --file-time 只能选一个")
			}
			if s := c.String("received"); s != "" {
				if opts.Received, err = parseReceived(s, plan.Location()); err != nil {
					return err
				}
				if err := checkReceived(opts.Received, opts.Now(), plan, period); err != nil {
					return err
				}
			}
			return runCollect(c.Context, plan, opts, c.App.Writer)
		},
	}
}

// runCollect collects every file under opts.Paths for the period and prints one line per file
// as soon as it is recorded, then the mail attachments and paths skipped and a summary (or,
// as JSON, each file as soon as it is recorded, then the skipped paths and the mail). It
// returns a *refusedError when any file was refused. When the run stops early (a fault of
// the workspace, an interrupt), the lines of the files recorded so far are out (as JSON, a
// whole document of them). Nothing of a file is kept once it is printed: the memory of a run
// does not grow with the number of files.
func runCollect(ctx context.Context, plan *gyqc.Plan, opts collectOptions, w io.Writer) error {
	var each func(collect.Result)
	var js *jsonResults
	if opts.JSON {
		js = &jsonResults{w: w, period: opts.Period.String()}
		each = js.add
	} else {
		each = func(r collect.Result) { printResult(w, plan, r) }
		opts.Progress = false // the lines show the progress
	}
	run, err := collectFiles(ctx, plan, &opts, each)
	if err != nil {
		if js != nil && js.n > 0 {
			js.finish(run.Skipped, run.Messages)
		}
		return err
	}
	return report(w, opts, run, js)
}

// collectRun is what one collect run did: the results counted, the paths skipped with the
// reason, and the e-mail messages read.
type collectRun struct {
	Tally    collect.Tally
	Skipped  []collect.Skipped
	Messages []*mailbox.Message
}

// collectFiles collects every file under opts.Paths, the workbooks attached to the mail files
// among them included, in the order they arrived; each, if not nil, is called with each
// file's result as soon as it is recorded.
func collectFiles(ctx context.Context, plan *gyqc.Plan, opts *collectOptions, each func(collect.Result)) (collectRun, error) {
	var run collectRun
	files, skipped, err := collect.Gather(opts.Paths)
	if err != nil {
		return run, err
	}
	run.Skipped = skipped
	// Without the workspace's key no return can be verified: stop before creating anything.
	if _, err := os.Stat(filepath.Join(opts.Workspace, store.DatabaseName)); errors.Is(err, os.ErrNotExist) {
		return run, store.NoKeyError(opts.Workspace)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	loc := plan.Location()
	spill := &collect.Spill{Budget: opts.MailMemory}
	defer spill.Close()
	files, run.Messages, err = collect.Expand(files, mailbox.Options{Location: loc, NotBefore: plan.Horizon.First.Start(loc), Now: opts.Now}, spill)
	if err != nil {
		return run, err
	}
	// Versions follow arrival: an earlier file is an earlier version.
	collect.SortByArrival(files, opts.ByFileTime)
	if opts.Feedback == "" {
		opts.Feedback = filepath.Join(opts.Workspace, "feedback", opts.Period.String())
	}
	if opts.Actor == "" {
		opts.Actor = audit.OSUser()
	}
	st, err := store.Open(ctx, opts.Workspace, store.Update)
	if err != nil {
		return run, err
	}
	defer st.Close()
	// Reading workbooks allocates much short-lived memory; collecting less often is faster,
	// but only within a fixed headroom (heapBudget), so that what stays live (the plan, the
	// list of files) is not multiplied. The budget reads the heap live at the last collection:
	// after reading mail that is the mail's reading buffer (up to the message limit), gone by
	// now, so collect once first (else a 2.6 GB mbox took 460 MB, not 160).
	if len(run.Messages) > 0 {
		runtime.GC()
	}
	heap := newHeapBudget(collectHeadroom, 400)
	defer heap.end()
	done := 0
	bar := newProgress(opts.Stderr, len(files), opts.Progress && len(files) >= 20)
	preds, err := audit.Predecessors(ctx, st, plan)
	if err != nil {
		return run, err
	}
	err = collect.Stream(ctx, plan, st, files, collect.Options{Workspace: opts.Workspace, Period: opts.Period,
		Received: opts.Received, ByFileTime: opts.ByFileTime, Feedback: opts.Feedback, Now: opts.Now,
		Limits: opts.Limits, Checks: opts.Checks, Actor: opts.Actor, Convert: opts.Convert, Predecessors: preds,
		BeforeCommit: commitPause()}, func(r collect.Result) {
		bar.step()
		run.Tally.Add(r)
		if done++; done%64 == 0 {
			heap.tune()
		}
		if each != nil {
			each(r)
		}
	})
	bar.done()
	return run, err
}

// collectHeadroom is how much the heap of a collect run may grow above what it holds live
// before Go collects (heapBudget).
const collectHeadroom = 16 << 20

// printResult prints what became of one file: a line with the outcome, the unit, the file
// (its name quoted when it holds characters that cannot be printed), when it arrived and on
// what that time rests; then, indented, the mail it came in, its problems and its feedback
// files.
func printResult(w io.Writer, plan *gyqc.Plan, r collect.Result) {
	who := r.UnitName
	if who == "" {
		who = "（未识别单位）"
	}
	line := fmt.Sprintf("%s  %s  %s", r.Label, who, collect.DisplayName(r.File))
	if r.Version > 0 {
		line += fmt.Sprintf("  第%d版", r.Version)
	}
	if r.Duplicate {
		line += "（与已收文件相同，未重复入库）"
	}
	if r.Supplement != nil {
		line += fmt.Sprintf("（该期已锁定，作为补报保存，在%s的简报中列出）", r.Supplement.Label())
	}
	if r.Errors+r.Warnings > 0 {
		line += fmt.Sprintf("  错误 %d、警告 %d", r.Errors, r.Warnings)
	}
	if !r.Received.IsZero() {
		line += "  收到 " + r.Received.In(plan.Location()).Format("2006-01-02 15:04")
		if r.TimeSource != "" {
			line += "（" + r.TimeSource.Label() + "）"
		}
	}
	fmt.Fprintln(w, line)
	if m := r.Mail; m != nil {
		addr, name, subject := m.Sender()
		from := addr
		if name != "" {
			from = name + " <" + addr + ">"
		}
		via := ""
		if m.Forwarded != nil {
			via = "，由 " + m.Header.Sender() + " 转发"
		}
		// Mail headers are the sender's to write: a newline or a control sequence in them
		// must not make a line of its own.
		fmt.Fprintf(w, "    发件人：%s%s；主题：%s\n", gyqc.OneLine(from), gyqc.OneLine(via), gyqc.OneLine(subject))
	}
	if r.TimeNote != "" {
		fmt.Fprintln(w, "    收到时间："+r.TimeNote)
	}
	for _, p := range r.Problems {
		if p.Severity != gyqc.SevNote {
			fmt.Fprintln(w, "    "+gyqc.OneLine(p.String())) // a value typed with a line break stays on its line
		}
	}
	for _, fb := range r.Feedback {
		fmt.Fprintln(w, "    意见单："+collect.DisplayName(fb))
	}
}

// report prints the mail attachments and paths skipped and the summary after the per-file
// lines, or ends the JSON document js.
func report(w io.Writer, opts collectOptions, run collectRun, js *jsonResults) error {
	t := run.Tally
	if js != nil {
		if err := js.finish(run.Skipped, run.Messages); err != nil {
			return err
		}
	} else {
		plain, rest := splitPlain(run.Messages)
		reportMail(w, rest)
		reportPlain(w, plain)
		for _, s := range run.Skipped {
			fmt.Fprintf(w, "跳过  %s（%s）\n", collect.DisplayName(s.Path), s.Reason)
		}
		fmt.Fprintf(w, "\n%s：共 %d 个文件，接收 %d（其中有警告 %d），退回 %d", opts.Period.Label(), t.Files,
			t.Accepted, t.Warned, t.Refused)
		if t.Duplicates > 0 {
			fmt.Fprintf(w, "，重复文件 %d", t.Duplicates)
		}
		if len(run.Skipped) > 0 {
			fmt.Fprintf(w, "；跳过 %d 项（见上）", len(run.Skipped))
		}
		if n := len(run.Messages); n > 0 {
			fmt.Fprintf(w, "；读取邮件 %d 封", n)
		}
		fmt.Fprintln(w, "。")
		if t.Refused+t.Warned > 0 {
			fmt.Fprintf(w, "%s在 %s\n", feedbackKinds(t), collect.DisplayName(opts.Feedback))
		}
	}
	if t.Refused > 0 {
		return &refusedError{n: t.Refused}
	}
	return nil
}

// reportMail lists the attachments of the messages read that were not collected, and the
// messages that brought no workbook at all.
func reportMail(w io.Writer, msgs []*mailbox.Message) {
	for _, m := range msgs {
		name := m.File
		if m.Index > 0 {
			name += fmt.Sprintf(" 第%d封邮件", m.Index)
		}
		name = collect.DisplayName(name)
		if len(m.Attachments) == 0 && !m.Refused() {
			fmt.Fprintf(w, "邮件  %s（发件人：%s；主题：%s）中没有 .xlsx 报表\n", name, gyqc.OneLine(m.Sender()), gyqc.OneLine(m.Subject))
		}
		for _, sk := range m.Skipped {
			what := sk.Name
			if what == "" {
				what = sk.Part
			}
			fmt.Fprintf(w, "跳过  %s：%s（%s）\n", name, collect.DisplayName(what), gyqc.OneLine(sk.Reason))
		}
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// feedbackKinds names the 意见单 a run wrote: 退回意见单 for refused files, 审核意见单 for
// files accepted with warnings.
func feedbackKinds(t collect.Tally) string {
	var kinds []string
	if t.Refused > 0 {
		kinds = append(kinds, gyqc.OutcomeRefused.FeedbackTitle())
	}
	if t.Warned > 0 {
		kinds = append(kinds, gyqc.OutcomeWarned.FeedbackTitle())
	}
	return strings.Join(kinds, "和")
}
