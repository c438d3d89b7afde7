package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/render"
)

// writeDocx writes the briefing draft as a Word document to path (nothing when path is
// empty), creating its folder.
func writeDocx(ctx context.Context, dr *render.Draft, fonts *render.FontSet, path string) error {
	if path == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return gyqc.EnvError(fmt.Sprintf("无法创建 Word 文档所在的目录 %s", filepath.Dir(path)), err)
	}
	return dr.WriteWordFile(ctx, path, render.WordOptions{Fonts: fonts})
}

// docxLine says where the Word document is and what it is for.
func docxLine(w io.Writer, path string, locked bool) {
	if locked {
		fmt.Fprintf(w, "已写出可编辑的 Word 文档：%s（按锁定时的数据生成，供修改后签发；存档以锁定时保存的 PDF 为准）\n", path)
		return
	}
	fmt.Fprintf(w, "已写出可编辑的 Word 文档：%s（内容与 PDF 相同，供修改后签发；存档以 PDF 为准）\n", path)
}

// writeLockedDocx writes the Word document of a locked period from the evaluation as of its
// lock (the returns and review counted then), as consolidate makes its tables.
func writeLockedDocx(ctx context.Context, plan *gyqc.Plan, opts briefOptions, fz *audit.Frozen, w io.Writer) error {
	fonts, _, ev, err := briefInputs(ctx, plan, opts, fz.Lock.At)
	if err != nil {
		return err
	}
	err = interruptible(ctx, func() error {
		dr, err := render.BriefingDraft(plan, ev, render.BriefOptions{Fonts: fonts, IssueNo: opts.IssueNo, Date: opts.Date, Annex: opts.Annex})
		if err != nil {
			return err
		}
		return writeDocx(ctx, dr, fonts, opts.Docx)
	})
	if err != nil {
		return err
	}
	docxLine(w, opts.Docx, true)
	return nil
}

// briefInputs finds the briefing's fonts and evaluates the period from the workspace as of
// now.
func briefInputs(ctx context.Context, plan *gyqc.Plan, opts briefOptions, now time.Time) (*render.FontSet, *view, *gyqc.Evaluation, error) {
	// Reading the font files (tens of megabytes, checked glyph by glyph) does not look at
	// ctx: the command stops waiting for it at once.
	var fonts *render.FontSet
	err := interruptible(ctx, func() (err error) {
		fonts, err = render.FindFonts(render.FontOptions{Files: opts.Fonts, Body: opts.BodyFonts, Heading: opts.HeadingFonts,
			Title: opts.TitleFonts, System: opts.SystemFonts})
		return err
	})
	if err != nil {
		return nil, nil, nil, err
	}
	wv, err := loadView(ctx, plan, opts.Workspace, opts.Period)
	if err != nil {
		return nil, nil, nil, err
	}
	var ev *gyqc.Evaluation
	err = interruptible(ctx, func() (err error) {
		ev, err = wv.evaluate(plan, opts.Period, now)
		return err
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return fonts, wv, ev, nil
}
