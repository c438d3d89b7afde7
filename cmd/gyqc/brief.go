package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/render"
)

// briefOptions are the options of `gyqc brief`.
type briefOptions struct {
	Workspace string
	Period    gyqc.Period
	Out       string    // the PDF to write
	Docx      string    // the Word document to write beside it (--docx); empty: none
	IssueNo   int       // 第N期; 0 counts from the plan's first period
	Date      time.Time // the date of issue; zero takes it from the data
	// Now is the evaluation time (--as-of, default the clock): before the deadline the
	// briefing is provisional and says so. Zero evaluates after every deadline with every
	// report in the workspace counted (tests).
	Now   time.Time
	Fonts []string // font files chosen by the user (--font), then GYQC_FONT
	// BodyFonts, HeadingFonts and TitleFonts are font files chosen for one role
	// (--font-body, --font-heading, --font-title).
	BodyFonts, HeadingFonts, TitleFonts []string
	Annex                               render.AnnexMode // which annexes (--annex)
	// SystemFonts are the system font files to try; nil means the system's usual places.
	SystemFonts []string
	Warn        io.Writer // where warnings go; nil means the output writer
}

func briefCommand() *cli.Command {
	return &cli.Command{
		Name:      "brief",
		Usage:     "生成当月工作简报（PDF）：总体情况、主要指标、重点任务、存在问题、报送及考核情况，附亮灯任务的报送原文",
		UsageText: "gyqc brief --period 2025-06 [--out 简报.pdf] [--as-of \"2025-06-30 17:00\"] [--issue-no 期数] [--date 2025-07-05] [--font 字体文件]",
		Description: "按工作区中已收取的报送文件评价当月各项任务和指标，生成公文格式的工作简报：报头（期数从方案首个报送期起算）、" +
			"总体情况（报送、亮灯、指标和得分的合计）、主要指标完成情况（滞后指标的表和完成率图）、重点任务推进情况（红灯和黄灯任务的表）、" +
			"存在问题和需协调事项、报送及考核情况（通报和扣分单位的表），附件按 --annex 列出报送原文，最后是报尾。同样的工作区和报送期总是生成同样的文件。" +
			"字体按公文格式选用：报头和标题用小标宋（没有时用黑体），一级标题用黑体，二级标题用楷体，正文用仿宋；" +
			"依次取 --font-body 等各级字体选项、--font、环境变量 " + render.FontEnv + " 和系统中常见的中文字体（Windows、macOS、统信UOS、麒麟和 Debian 的字体，支持 .ttf 和 .ttc）；" +
			"缺少的字体以相近的字体代替，输出的最后一行列出各级文字所用的字体和代替情况。",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "period", Aliases: []string{"p"}, Usage: "报送期，格式为 年-月，例如 2025-06"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "简报文件（.pdf）；默认写在工作区的 briefings 目录"},
			&cli.IntFlag{Name: "issue-no", Usage: "期数（第N期）；默认从方案首个报送期起算"},
			&cli.StringFlag{Name: "date", Usage: "印发日期，例如 2025-07-05；默认为报送截止日，截止后才收到的报送以最后收到之日为准"},
			asOfFlag(),
			&cli.StringSliceFlag{Name: "font", Usage: "中文字体文件（.ttf 或 .ttc，集合可写 文件#序号），各级文字都先用它，可重复；也可用环境变量 " + render.FontEnv},
			&cli.StringFlag{Name: "annex", Value: "lagging", Usage: "附件：lagging 为亮红灯和黄灯任务牵头单位的报送原文，full 为全部任务和指标的报送原文，none 为不带附件（原文见汇总表“明细”工作表）"},
			&cli.StringSliceFlag{Name: "font-body", Usage: "正文和表格的字体文件（公文用仿宋，例如 C:\\Windows\\Fonts\\simfang.ttf）"},
			&cli.StringSliceFlag{Name: "font-heading", Usage: "一级标题的字体文件（公文用黑体，例如 simhei.ttf）"},
			&cli.StringFlag{Name: "docx", Usage: "同时写出可编辑的 Word 文档（.docx），内容、标题层级、表格和图与 PDF 相同，供修改后签发；存档以 PDF 为准"},
			&cli.StringSliceFlag{Name: "font-title", Usage: "报头和标题的字体文件（公文用方正小标宋或黑体，例如 FZXBSJW.TTF）"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return argsError("brief 不接受参数“%s”；请用选项，例如 gyqc brief --period 2025-06 --out 简报.pdf", c.Args().First())
			}
			g, plan, period, err := planAndPeriod(c)
			if err != nil {
				return err
			}
			opts := briefOptions{Workspace: g.Workspace, Period: period, IssueNo: c.Int("issue-no"),
				Fonts: c.StringSlice("font"), BodyFonts: c.StringSlice("font-body"), HeadingFonts: c.StringSlice("font-heading"),
				TitleFonts: c.StringSlice("font-title"), Warn: g.Stderr}
			var ok bool
			if opts.Annex, ok = render.ParseAnnexMode(c.String("annex")); !ok {
				return argsError("附件选项“%s”不正确，应为 none、lagging 或 full，例如 --annex none", c.String("annex"))
			}
			if opts.IssueNo < 0 {
				return argsError("期数应为正整数，例如 --issue-no 6")
			}
			if s := strings.TrimSpace(c.String("date")); s != "" {
				if opts.Date, err = time.ParseInLocation("2006-01-02", s, plan.Location()); err != nil {
					return argsError("印发日期“%s”格式不正确，例如 --date 2025-07-05", s)
				}
			}
			if opts.Now, err = asOf(c, plan); err != nil {
				return err
			}
			opts.Out = strings.TrimSpace(c.String("out"))
			if opts.Out == "" {
				opts.Out = g.workspacePath(filepath.Join("briefings", period.String()+"_工作简报.pdf"))
			}
			if !strings.EqualFold(filepath.Ext(opts.Out), ".pdf") {
				return argsError("简报文件名应以 .pdf 结尾，例如 --out %s_工作简报.pdf", period)
			}
			if opts.Docx = strings.TrimSpace(c.String("docx")); opts.Docx != "" && !strings.EqualFold(filepath.Ext(opts.Docx), ".docx") {
				return argsError("Word 文档的文件名应以 .docx 结尾，例如 --docx %s_工作简报.docx", period)
			}
			return runBrief(c.Context, plan, opts, c.App.Writer)
		},
	}
}

// runBrief evaluates the period from the workspace's history, renders the briefing and
// writes it atomically, then says where it is and what it holds; characters that could not
// be drawn are reported as one warning line.
func runBrief(ctx context.Context, plan *gyqc.Plan, opts briefOptions, w io.Writer) error {
	if fz, err := frozen(ctx, plan, opts.Workspace, opts.Period); err != nil {
		return err
	} else if fz != nil && fz.Briefing != nil {
		if err := writeFrozenBrief(plan, opts, fz, w); err != nil || opts.Docx == "" {
			return err
		}
		return writeLockedDocx(ctx, plan, opts, fz, w)
	}
	fonts, wv, ev, err := briefInputs(ctx, plan, opts, opts.Now)
	if err != nil {
		return err
	}
	var doc *render.Document
	err = interruptible(ctx, func() error {
		dr, err := render.BriefingDraft(plan, ev, render.BriefOptions{Fonts: fonts, IssueNo: opts.IssueNo, Date: opts.Date, Annex: opts.Annex})
		if err != nil {
			return err
		}
		if doc, err = dr.PDF(fonts); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(opts.Out), 0o755); err != nil {
			return gyqc.EnvError(fmt.Sprintf("无法创建简报所在的目录 %s", filepath.Dir(opts.Out)), err)
		}
		if err := doc.WriteFileContext(ctx, opts.Out); err != nil {
			return err
		}
		return writeDocx(ctx, dr, fonts, opts.Docx)
	})
	if err != nil {
		return err
	}

	// Say where it is and what it holds.
	issue := opts.IssueNo
	if issue <= 0 {
		issue = render.IssueNumber(plan, opts.Period)
	}
	date := opts.Date
	if date.IsZero() {
		date = render.IssueDate(ev)
	}
	s := ev.Summary
	fmt.Fprintf(w, "已写出工作简报：%s\n", opts.Out)
	if opts.Docx != "" {
		docxLine(w, opts.Docx, false)
	}
	fmt.Fprintf(w, "%s（%s），%s，%s印发。\n", plan.Briefing.Name, render.IssueLabel(issue), render.IssueTitle(plan, opts.Period), render.ChineseDate(date))
	if wv.Empty {
		fmt.Fprintf(w, "工作区 %s 中还没有收取任何报送文件，各单位均按未报送写入简报。\n", opts.Workspace)
	}
	fmt.Fprintln(w, reportingLine(ev))
	fmt.Fprintf(w, "任务：%s；指标：%s。\n", taskLine(s, len(ev.Tasks)), indicatorLine(s))
	if ev.Provisional {
		fmt.Fprintf(w, "统计时间 %s 尚未到截止时间，简报中的报送情况为初步统计。\n", opts.Now.In(plan.Location()).Format("2006-01-02 15:04"))
	}
	if reps := doc.Replacements(); len(reps) > 0 {
		warn := opts.Warn
		if warn == nil {
			warn = w
		}
		fmt.Fprintln(warn, "警告："+replacementLine(reps))
	}
	fmt.Fprintln(w, "字体："+fonts.Summary()+"。")
	return nil
}

// replacementLine sums up the characters that could not be drawn in one line: how many,
// and each distinct one with where it was, the first few of them.
func replacementLine(reps []render.Replacement) string {
	const shown = 5
	seen := map[string]bool{}
	var parts []string
	for _, r := range reps {
		s := r.String()
		if seen[s] {
			continue
		}
		seen[s] = true
		if len(parts) < shown {
			parts = append(parts, s)
		}
	}
	line := fmt.Sprintf("简报中有 %d 处字符无法显示，已用方框等记号代替，请核对原文：%s", len(reps), strings.Join(parts, "；"))
	if len(seen) > shown {
		line += fmt.Sprintf("；等共 %d 种情况", len(seen))
	}
	return line
}

// writeFrozenBrief writes the briefing stored when the period was locked, byte for byte.
func writeFrozenBrief(plan *gyqc.Plan, opts briefOptions, fz *audit.Frozen, w io.Writer) error {
	if err := os.MkdirAll(filepath.Dir(opts.Out), 0o755); err != nil {
		return gyqc.Errorf(gyqc.EInvalid, "无法创建简报所在的目录 %s：%v", filepath.Dir(opts.Out), err)
	}
	if err := atomicfile.WriteFile(opts.Out, fz.Briefing, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "已写出工作简报：%s\n", opts.Out)
	fmt.Fprintf(w, "%s，这是锁定时保存的简报（SHA-256 %s），锁定后收到的补报不计入。\n", lockLine(plan, &fz.Lock), fz.Lock.Briefing[:12])
	if opts.IssueNo != 0 || !opts.Date.IsZero() || !opts.Now.IsZero() || len(opts.Fonts)+len(opts.BodyFonts)+len(opts.HeadingFonts)+len(opts.TitleFonts) > 0 {
		fmt.Fprintln(w, "已锁定的报送期给出锁定时的简报，期数、印发日期、统计时间和字体选项不起作用；如需重新生成，请先用 gyqc unlock 解除锁定。")
	}
	return nil
}
