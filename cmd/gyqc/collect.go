package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"time"

	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/intake"
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
	Feedback   string // folder for 退回意见单; empty: WORKSPACE/feedback/PERIOD
	JSON       bool
	Progress   bool // show a progress bar on stderr
	Stderr     io.Writer
	Now        func() time.Time
	Limits     intake.Limits
	Checks     review.Options
	Actor      string // who collects, for the audit trail; empty: the operating-system user
}

func collectCommand() *cli.Command {
	return &cli.Command{
		Name:      "collect",
		Usage:     "收取各单位报回的填报文件：检查、接收或退回，并生成退回意见单",
		ArgsUsage: "文件或文件夹...",
		Description: "逐个检查报回的工作簿（可给出任意多个文件或文件夹，文件名不限），" +
			"判定为“已接收”“已接收（有警告）”或“退回”，接收的数据存入工作区，所有文件按内容哈希归档。" +
			"对退回和有警告的文件，在意见单文件夹中为该单位生成退回意见单和标出问题的工作簿。",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "period", Aliases: []string{"p"}, Usage: "报送期，例如 2025-06"},
			&cli.StringFlag{Name: "received", Usage: "文件的收到时间（邮件早已收到时使用），例如 \"2025-06-28 10:00\"；默认为当前时间"},
			&cli.BoolFlag{Name: "file-time", Usage: "以各文件的修改时间作为收到时间，并按此先后收取（文件从邮件保存时保留了发送时间时使用）"},
			&cli.StringFlag{Name: "feedback", Usage: "退回意见单的输出文件夹（默认：工作区/feedback/报送期）"},
			&cli.BoolFlag{Name: "json", Usage: "以 JSON 输出，供脚本使用"},
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
			if c.IsSet("received") && opts.ByFileTime {
				return argsError("--received 和 --file-time 只能选一个")
			}
			if s := c.String("received"); s != "" {
				if opts.Received, err = parseReceived(s, plan.Location()); err != nil {
					return err
				}
			}
			return runCollect(c.Context, plan, opts, c.App.Writer)
		},
	}
}

// runCollect collects every file under opts.Paths for the period and prints one line per file
// as soon as it is recorded, then the skipped paths and a summary (or everything as JSON at
// the end). It returns a *refusedError when any file was refused. When the run stops early
// (a fault of the workspace, an interrupt), the lines of the files recorded so far are out.
func runCollect(ctx context.Context, plan *gyqc.Plan, opts collectOptions, w io.Writer) error {
	var each func(collect.Result)
	if !opts.JSON {
		each = func(r collect.Result) { printResult(w, r) }
		opts.Progress = false // the lines show the progress
	}
	results, skipped, err := collectFiles(ctx, plan, &opts, each)
	if err != nil {
		return err
	}
	return report(w, opts, results, skipped)
}

// collectFiles collects every file under opts.Paths and returns what became of each, and the
// paths skipped with the reason; each, if not nil, is called with each file's result as soon
// as it is recorded.
func collectFiles(ctx context.Context, plan *gyqc.Plan, opts *collectOptions, each func(collect.Result)) ([]collect.Result, []collect.Skipped, error) {
	files, skipped, err := collect.Gather(opts.Paths)
	if err != nil {
		return nil, nil, err
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ByFileTime {
		// Versions follow arrival: an earlier file is an earlier version.
		sort.SliceStable(files, func(i, j int) bool { return files[i].ModTime.Before(files[j].ModTime) })
	}
	if opts.Feedback == "" {
		opts.Feedback = filepath.Join(opts.Workspace, "feedback", opts.Period.String())
	}
	// Without the workspace's key no return can be verified: stop before creating anything.
	if _, err := os.Stat(filepath.Join(opts.Workspace, store.DatabaseName)); errors.Is(err, os.ErrNotExist) {
		return nil, nil, store.NoKeyError(opts.Workspace)
	}
	if opts.Actor == "" {
		opts.Actor = audit.OSUser()
	}
	st, err := store.Open(ctx, opts.Workspace, store.ReadWrite)
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	// Reading workbooks allocates much short-lived memory; collecting less often is faster,
	// and the chunking keeps the heap small anyway.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	bar := newProgress(opts.Stderr, len(files), opts.Progress && len(files) >= 20)
	results, err := collect.Run(ctx, plan, st, files, collect.Options{Workspace: opts.Workspace, Period: opts.Period,
		Received: opts.Received, ByFileTime: opts.ByFileTime, Feedback: opts.Feedback, Now: opts.Now,
		Limits: opts.Limits, Checks: opts.Checks, Actor: opts.Actor}, func(r collect.Result) {
		bar.step()
		if each != nil {
			each(r)
		}
	})
	bar.done()
	return results, skipped, err
}

// printResult prints what became of one file: a line with the outcome, the unit and the
// file (its name quoted when it holds characters that cannot be printed), then its problems
// and its feedback files, indented.
func printResult(w io.Writer, r collect.Result) {
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
	fmt.Fprintln(w, line)
	for _, p := range r.Problems {
		if p.Severity != gyqc.SevNote {
			fmt.Fprintln(w, "    "+p.String())
		}
	}
	for _, fb := range r.Feedback {
		fmt.Fprintln(w, "    意见单："+collect.DisplayName(fb))
	}
}

// report prints the skipped paths and the summary after the per-file lines, or everything
// as JSON.
func report(w io.Writer, opts collectOptions, results []collect.Result, skipped []collect.Skipped) error {
	counts := map[gyqc.Outcome]int{}
	dups := 0
	for _, r := range results {
		counts[r.Outcome]++
		if r.Duplicate {
			dups++
		}
	}
	if opts.JSON {
		if err := writeJSON(w, struct {
			Period  string            `json:"period"`
			Files   []collect.Result  `json:"files"`
			Skipped []collect.Skipped `json:"skipped"`
		}{opts.Period.String(), nonNil(results), nonNil(skipped)}); err != nil {
			return err
		}
	} else {
		for _, s := range skipped {
			fmt.Fprintf(w, "跳过  %s（%s）\n", collect.DisplayName(s.Path), s.Reason)
		}
		fmt.Fprintf(w, "\n%s：共 %d 个文件，接收 %d（其中有警告 %d），退回 %d", opts.Period.Label(), len(results),
			counts[gyqc.OutcomeAccepted]+counts[gyqc.OutcomeWarned], counts[gyqc.OutcomeWarned], counts[gyqc.OutcomeRefused])
		if dups > 0 {
			fmt.Fprintf(w, "，重复文件 %d", dups)
		}
		if len(skipped) > 0 {
			fmt.Fprintf(w, "；跳过 %d 项（见上）", len(skipped))
		}
		fmt.Fprintln(w, "。")
		if counts[gyqc.OutcomeRefused]+counts[gyqc.OutcomeWarned] > 0 {
			fmt.Fprintf(w, "退回意见单在 %s\n", collect.DisplayName(opts.Feedback))
		}
	}
	if n := counts[gyqc.OutcomeRefused]; n > 0 {
		return &refusedError{n: n}
	}
	return nil
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
