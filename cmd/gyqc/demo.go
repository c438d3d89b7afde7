package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/render"
	"github.com/qianjiang/gyqc/samples"
)

// demoMarker marks a folder as made by `gyqc demo`, so that a rerun may clear it.
const demoMarker = ".gyqc-demo"

// demoOptions are the options of `gyqc demo`.
type demoOptions struct {
	Dir     string
	Period  gyqc.Period // the last period run
	Periods int         // how many periods up to Period; 0: from the start of the plan
	Seed    int64
	Font    string // for the briefing; empty: the usual search
	Stderr  io.Writer
}

func demoCommand() *cli.Command {
	return &cli.Command{
		Name:      "demo",
		Usage:     "演示完整的月度流程：下发模板、模拟各单位报送、收取检查、汇总、生成简报",
		UsageText: "gyqc demo [--dir 目录] [--period 2025-06] [--periods 6]",
		Description: "在一个全新的演示目录中，对每个报送期依次：为各责任单位下发模板，模拟各单位填写并报回" +
			"（含迟报、未报送、填报有误、重报、照抄上月、文件名错误、LibreOffice 另存等实际情况），收取检查；" +
			"除最后一期外，办公室逐月审核（照抄上月的人工退回、单位按期更正，其余审核通过）并签发锁定，" +
			"倒数第二期锁定后有一个单位补报；最后一期留待审核，生成其汇总表和工作简报，并列出报送、任务亮灯和考核的概况。",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dir", Aliases: []string{"d"}, Value: "gyqc-demo", Usage: "演示目录（每次运行都会重新生成）"},
			&cli.StringFlag{Name: "period", Aliases: []string{"p"}, Value: "2025-06", Usage: "演示到哪个报送期为止"},
			&cli.IntFlag{Name: "periods", Aliases: []string{"n"}, Value: 6, Usage: "演示的报送期个数（到 --period 为止）；0 表示从方案的第一个报送期开始"},
			&cli.Int64Flag{Name: "seed", Value: defaultSampleSeed, Usage: "样例数据的随机种子"},
			&cli.StringFlag{Name: "font", EnvVars: []string{"GYQC_FONT"}, Usage: "简报使用的中文字体文件（.ttf 或 .ttc）"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return argsError("demo 不接受参数“%s”，例如 gyqc demo --dir 演示", c.Args().First())
			}
			_, lp, period, err := planAndPeriodFor(c, useFiles)
			if err != nil {
				return err
			}
			plan := lp.Plan
			if c.Int("periods") < 0 {
				return argsError("--periods 不能为负数，例如 --periods 6")
			}
			return runDemo(c.Context, plan, demoOptions{Dir: c.String("dir"), Period: period, Periods: c.Int("periods"),
				Seed: c.Int64("seed"), Font: c.String("font"), Stderr: c.App.ErrWriter}, c.App.Writer)
		},
	}
}

// demoLayout names the folders of a demo.
type demoLayout struct{ dir string }

func (d demoLayout) workspace() string { return filepath.Join(d.dir, "工作区") }
func (d demoLayout) templates(p gyqc.Period) string {
	return filepath.Join(d.dir, "下发模板", p.String())
}
func (d demoLayout) inbox(p gyqc.Period) string { return filepath.Join(d.dir, "收件箱", p.String()) }
func (d demoLayout) feedback(p gyqc.Period) string {
	return filepath.Join(d.dir, "意见单", p.String())
}
func (d demoLayout) output(name string) string { return filepath.Join(d.dir, "成果", name) }
func (d demoLayout) manifest(p gyqc.Period) string {
	return filepath.Join(d.dir, "收件箱", p.String()+"_样例清单.json")
}

// demoIssued is when the demo issues the templates of a month: the 25th at 9:00. Fixed times
// make the demo's outputs the same on every run.
func demoIssued(plan *gyqc.Plan, p gyqc.Period) time.Time {
	return time.Date(p.Year, p.Month, 25, 9, 0, 0, 0, plan.Location())
}

// demoCollected is when the office collects and consolidates a month: the morning after the
// deadline, or after the last late file arrived.
func demoCollected(plan *gyqc.Plan, m *samples.Manifest) time.Time {
	t := plan.Due(m.Period).Add(33 * time.Hour)
	for _, f := range m.Files {
		if f.Received.After(t) {
			t = f.Received.Add(time.Hour)
		}
	}
	return t
}

// demoPeriods returns the periods the demo runs.
func demoPeriods(plan *gyqc.Plan, opts demoOptions) []gyqc.Period {
	first := plan.Horizon.First
	if opts.Periods > 0 && opts.Period.Add(1-opts.Periods).After(first) {
		first = opts.Period.Add(1 - opts.Periods)
	}
	var out []gyqc.Period
	for p := first; !p.After(opts.Period); p = p.Add(1) {
		out = append(out, p)
	}
	return out
}

// prepareDemoDir makes dir a fresh, empty demo folder, clearing an earlier demo but refusing
// to touch a folder that is not one.
func prepareDemoDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case os.IsNotExist(err):
	case err != nil:
		return gyqc.Errorf(gyqc.EInvalid, "无法读取演示目录 %s：%v", dir, err)
	case len(entries) > 0:
		if _, err := os.Stat(filepath.Join(dir, demoMarker)); err != nil {
			return gyqc.Errorf(gyqc.EInvalid, "目录 %s 已存在且不是演示目录，为免误删，请用 --dir 指定一个新目录", dir)
		}
		if err := os.RemoveAll(dir); err != nil {
			return gyqc.Errorf(gyqc.EInvalid, "无法清除上次的演示目录 %s：%v", dir, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return gyqc.Errorf(gyqc.EInvalid, "无法创建演示目录 %s：%v", dir, err)
	}
	return os.WriteFile(filepath.Join(dir, demoMarker), []byte("gyqc demo\n"), 0o644)
}

// demoPeriodResult is what one demo month did.
type demoPeriodResult struct {
	Period    gyqc.Period
	Templates int
	Manifest  *samples.Manifest
	Results   collect.Tally // the files collected, counted by outcome
}

// runDemo runs the monthly cycle over the demo's periods in a fresh workspace, then
// consolidates and briefs the last period, and prints what it did and where everything is.
func runDemo(ctx context.Context, plan *gyqc.Plan, opts demoOptions, w io.Writer) error {
	if err := prepareDemoDir(opts.Dir); err != nil {
		return err
	}
	lay := demoLayout{dir: opts.Dir}
	gen, err := samples.New(plan, opts.Seed)
	if err != nil {
		return err
	}
	periods := demoPeriods(plan, opts)
	fmt.Fprintf(w, "演示目录：%s（报送期 %s 至 %s，共 %d 期，责任单位 %d 个）\n\n",
		opts.Dir, periods[0].Label(), periods[len(periods)-1].Label(), len(periods), len(plan.ResponsibleUnits()))
	var fonts []string
	if opts.Font != "" {
		fonts = []string{opts.Font}
	}
	var fontSet *render.FontSet
	if err := interruptible(ctx, func() (err error) { // reading fonts does not look at ctx
		fontSet, err = render.FindFonts(render.FontOptions{Files: fonts})
		return err
	}); err != nil {
		return err
	}
	var months []demoPeriodResult
	var late string // the unit that sends its return for the month before the last after it was locked
	for i, p := range periods {
		if err := ctx.Err(); err != nil {
			return err
		}
		last := i == len(periods)-1
		m, err := demoMonth(ctx, plan, gen, lay, p, last)
		if err != nil {
			return err
		}
		months = append(months, m)
		fmt.Fprintf(w, "[%d/%d] %s\n", i+1, len(periods), m.line())
		if last {
			n, err := demoAdopt(ctx, plan, lay, m)
			if err != nil {
				return err
			}
			line := "      审核：本月尚未审核，未锁定"
			if n > 0 {
				line = fmt.Sprintf("      审核：采用经验做法 %d 条（计入考核加分）；其余尚未审核，未锁定", n)
			}
			fmt.Fprintln(w, line)
			break
		}
		// The office reviews every month but the last and signs it off.
		so, err := demoReview(ctx, plan, gen, lay, m, fontSet)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, so.line(plan))
		if i == len(periods)-2 {
			if late, err = demoLateReturn(ctx, plan, gen, lay, m, so.Lock.At.Add(48*time.Hour)); err != nil {
				return err
			}
			if late != "" {
				fmt.Fprintf(w, "      锁定后，%s补报了%s的报送材料（作为补报保存，在%s的简报中列出）\n", plan.Registry.Unit(late).Name, p.Label(), periods[i+1].Label())
			}
		}
	}
	last := periods[len(periods)-1]
	now := demoCollected(plan, months[len(months)-1].Manifest).Add(demoAdoptAfter + time.Hour) // after the adoptions
	fmt.Fprintln(w)
	var cons strings.Builder
	book := lay.output(fmt.Sprintf("汇总表_%s.xlsx", last))
	if err := runConsolidate(ctx, plan, consolidateOptions{Workspace: lay.workspace(), Period: last, Out: book, Now: now}, &cons); err != nil {
		return err
	}
	fmt.Fprintf(w, "汇总表：%s\n", book)
	pdf := lay.output(fmt.Sprintf("工作简报_%s.pdf", last))
	var briefOut strings.Builder
	if err := runBrief(ctx, plan, briefOptions{Workspace: lay.workspace(), Period: last, Out: pdf, Now: now, Fonts: fonts, Warn: opts.Stderr}, &briefOut); err != nil {
		return err
	}
	fmt.Fprintf(w, "工作简报：%s\n", pdf)
	remind := lay.output("催报_" + last.String())
	if err := runRemind(ctx, plan, remindOptions{Workspace: lay.workspace(), Period: last, Now: now, Out: remind,
		Feedback: lay.feedback(last)}, io.Discard); err != nil {
		return err
	}
	fmt.Fprintf(w, "催报名单和催报通知：%s\n", remind)
	printDemoFolders(w, lay, last)
	return printDemoSummary(ctx, plan, lay, last, now, months[len(months)-1], w)
}

// demoMonth issues, fills and collects one period.
func demoMonth(ctx context.Context, plan *gyqc.Plan, gen *samples.Generator, lay demoLayout, p gyqc.Period, last bool) (demoPeriodResult, error) {
	m := demoPeriodResult{Period: p}
	// Issue, prefilled from what the workspace holds (一表同享).
	iopts := issueOptions{Period: p, Out: lay.templates(p), Now: func() time.Time { return demoIssued(plan, p) }}
	if err := issueIn(ctx, lay.workspace(), plan, iopts, io.Discard); err != nil {
		return m, err
	}
	m.Templates = len(plan.ResponsibleUnits())
	// The units fill and return them, with the mess of a real month.
	batch, err := gen.Batch(p, samples.Messy)
	if err != nil {
		return m, err
	}
	if m.Manifest, err = samples.WriteReturns(ctx, lay.templates(p), lay.inbox(p), batch, samples.WriteOptions{NoResave: !last, Mail: true}); err != nil {
		return m, err
	}
	if err := m.Manifest.WriteJSON(lay.manifest(p)); err != nil {
		return m, err
	}
	// The office collects them, each at the time it arrived.
	copts := collectOptions{Workspace: lay.workspace(), Period: p, Paths: []string{lay.inbox(p)}, ByFileTime: true,
		Feedback: lay.feedback(p), Now: func() time.Time { return demoCollected(plan, m.Manifest) }}
	run, err := collectFiles(ctx, plan, &copts, nil)
	m.Results = run.Tally
	return m, err
}

// line summarises a demo month in one line.
func (m demoPeriodResult) line() string {
	t := m.Results
	return fmt.Sprintf("%s：下发模板 %d 份，收回文件 %d 个，接收 %d（其中有警告 %d），退回 %d",
		m.Period.Label(), m.Templates, t.Files, t.Accepted, t.Warned, t.Refused)
}

func printDemoFolders(w io.Writer, lay demoLayout, p gyqc.Period) {
	fmt.Fprintf(w, "下发模板：%s\n", filepath.Dir(lay.templates(p)))
	fmt.Fprintf(w, "各单位报回的文件（约三分之一以邮件 .eml、.mbox 报回）：%s\n", filepath.Dir(lay.inbox(p)))
	fmt.Fprintf(w, "意见单（退回意见单、审核意见单）：%s\n", filepath.Dir(lay.feedback(p)))
	fmt.Fprintf(w, "工作区（数据库和归档文件）：%s\n", lay.workspace())
}

// printDemoSummary prints the last period: units late, missing and refused, tasks by light,
// the best and worst scores.
func printDemoSummary(ctx context.Context, plan *gyqc.Plan, lay demoLayout, p gyqc.Period, now time.Time, m demoPeriodResult, w io.Writer) error {
	wv, ev, err := loadEvaluation(ctx, plan, lay.workspace(), p, now)
	if err != nil {
		return err
	}
	s := ev.Summary
	fmt.Fprintf(w, "\n%s概况\n", p.Label())
	fmt.Fprintf(w, "  报送：%s\n", stateLine(s))
	for _, st := range []gyqc.State{gyqc.StateLate, gyqc.StateMissing, gyqc.StateRefused, gyqc.StateNotYetDue} {
		var names []string
		for _, u := range ev.Units {
			if u.Report.Shown() == st {
				names = append(names, u.Name)
			}
		}
		if len(names) > 0 {
			fmt.Fprintf(w, "    %s：%s\n", st.Label(), strings.Join(names, "、"))
		}
	}
	if list := gyqc.Reminders(ev, gyqc.Contacts(plan, wv.In.Submissions, now)); len(list) > 0 {
		fmt.Fprintln(w, "  催报：")
		for _, r := range list {
			fmt.Fprintf(w, "    %s（%s）  %s\n", r.Name, r.Label, r.Contact.Line())
		}
	}
	fmt.Fprintf(w, "  任务：%s\n", taskLine(s, len(ev.Tasks)))
	fmt.Fprintf(w, "  指标：%s\n", indicatorLine(s))
	lowest := slices.Clone(ev.Ranking)
	slices.Reverse(lowest)
	fmt.Fprintf(w, "  考核得分最高：%s\n  考核得分最低：%s\n", placesLine(ev.Ranking, 3), placesLine(lowest, 3))
	return nil
}

// placesLine names the units of the first places of units, in the order given, until n are
// named, each place whole (three names and a count when it has more): 区财政局、区教委 101分，
// 区税务局、区金融办、区规划自然资源局等21个单位 100分 — not three of 21 tied units picked by
// the roster's order.
func placesLine(units []*gyqc.UnitEvaluation, n int) string {
	var parts []string
	for i := 0; i < len(units) && i < n; {
		j := i
		var names []string
		for ; j < len(units) && units[j].Rank == units[i].Rank; j++ {
			names = append(names, units[j].Name)
		}
		parts = append(parts, gyqc.NameList(names, 3)+" "+gyqc.FormatNumber(units[i].Score.Value)+"分")
		i = j
	}
	return strings.Join(parts, "，")
}
