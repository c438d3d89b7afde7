package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/internal/parallel"
	"github.com/qianjiang/gyqc/store"
	"github.com/qianjiang/gyqc/templates"
)

// issueOptions are the options of `gyqc issue`.
type issueOptions struct {
	// Key seals every template (templates.Seal): the workspace's SealKey. Required.
	Key    []byte
	Period gyqc.Period
	Out    string   // the output folder; created when missing
	Units  []string // unit codes or names; empty: every responsible unit
	// History prefills each template from the unit's latest accepted report (一表同享);
	// nil issues templates without prefilled data.
	History gyqc.History
	// Now gives the issue time recorded in every template; nil means time.Now.
	Now func() time.Time
}

func issueCommand() *cli.Command {
	return &cli.Command{
		Name:      "issue",
		Usage:     "为各责任单位生成当月填报模板（Excel），并写出下发清单",
		UsageText: "gyqc issue --period 2025-06 --out 模板目录 [--unit 单位代码]...",
		Description: "为每个承担任务或报送指标的单位（单位组展开到成员）生成一份 .xlsx 填报模板，" +
			"并在输出目录写出下发清单（CSV 和 JSON：单位、文件名、SHA-256、截止时间）。",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "period", Aliases: []string{"p"}, Usage: "报送期，格式为 年-月，例如 2025-06"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "输出目录，模板和下发清单写在这里"},
			&cli.StringSliceFlag{Name: "unit", Aliases: []string{"u"},
				Usage: "只为这些单位生成（单位代码或名称，可重复或用逗号分隔）；默认为全部责任单位"},
		},
		Action: func(c *cli.Context) error {
			g, lp, period, err := periodCommand(c, useActive, "issue", "gyqc issue --period 2025-06 --out 模板")
			if err != nil {
				return err
			}
			if strings.TrimSpace(c.String("out")) == "" {
				return argsError("请用 --out 指定输出目录，例如 gyqc issue --period %s --out 模板/%s", period, period)
			}
			opts := issueOptions{Period: period, Out: c.String("out"), Units: c.StringSlice("unit")}
			// The workspace prefills each template (一表同享) and records the plan version
			// the period is issued under.
			st, err := store.Open(c.Context, g.Workspace, store.ReadWrite)
			if err != nil {
				return err
			}
			defer st.Close()
			// A unit renamed or merged in a later version is prefilled from its old code.
			preds, err := audit.Predecessors(c.Context, st, lp.Plan)
			if err != nil {
				return err
			}
			opts.History = gyqc.WithPredecessors(st, preds)
			_, err = st.VerifyKey(c.Context)
			newKey := gyqc.ErrorCode(err) == gyqc.ENotFound
			if opts.Key, err = st.SealKey(c.Context); err != nil {
				return err
			}
			warnGaps(lp.Plan, c.App.ErrWriter)
			if err := runIssue(c.Context, lp.Plan, opts, c.App.Writer); err != nil {
				return err
			}
			if newKey {
				fmt.Fprintf(c.App.Writer, "已在工作区 %s 中创建密钥（存于 %s）：模板的防伪校验码由它生成，收取时由它核验。请与工作区一起备份。\n",
					g.Workspace, store.DatabaseName)
			}
			return assignPeriod(c.Context, st, lp, period, store.AssignIssue, func(s string) { fmt.Fprintln(c.App.Writer, s) })
		},
	}
}

// warnGaps says once, one line per kind, what the plan still leaves to the office before
// templates go out with it.
func warnGaps(plan *gyqc.Plan, w io.Writer) {
	for _, g := range plan.Gaps() {
		fmt.Fprintf(w, "提示：%s。\n", g.Line())
	}
	if len(plan.Gaps()) > 0 {
		fmt.Fprintln(w, "（用 gyqc plan export --out 方案与名册.xlsx 导出后补充，再用 gyqc plan import 导入启用。）")
	}
}

// issueIn runs runIssue with the workspace in dir (created when missing) sealing the
// templates and, unless opts.History is set, prefilling them.
func issueIn(ctx context.Context, dir string, plan *gyqc.Plan, opts issueOptions, w io.Writer) error {
	st, err := store.Open(ctx, dir, store.ReadWrite)
	if err != nil {
		return err
	}
	defer st.Close()
	if opts.History == nil {
		opts.History = st
	}
	if opts.Key, err = st.SealKey(ctx); err != nil {
		return err
	}
	return runIssue(ctx, plan, opts, w)
}

// runIssue writes one template per selected unit into opts.Out, concurrently, each file
// atomically, then the manifest, and reports what it wrote to w.
func runIssue(ctx context.Context, plan *gyqc.Plan, opts issueOptions, w io.Writer) error {
	if err := plan.CheckPeriod(opts.Period); err != nil {
		return err
	}
	units, err := selectUnits(plan, opts.Units)
	if err != nil {
		return err
	}
	if len(opts.Key) == 0 {
		return fmt.Errorf("issue: no key to seal the templates with")
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return gyqc.EnvError(fmt.Sprintf("无法创建输出目录“%s”", opts.Out), err)
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	issued := now()

	// Prefill data come from the workspace, one query per unit, before any file is written.
	prevs := make([]*gyqc.Submission, len(units))
	if opts.History != nil {
		for i, u := range units {
			if prevs[i], err = opts.History.LastAccepted(ctx, u.Code, opts.Period); err != nil {
				return fmt.Errorf("read last accepted report of %s: %w", u.Code, err)
			}
		}
	}

	infos, err := writeTemplates(ctx, plan, opts, units, prevs, templates.Options{Issued: issued, Key: opts.Key})
	if err != nil {
		return err
	}
	m := templates.NewManifest(plan, opts.Period, infos)
	if err := m.Merge(plan, opts.Out); err != nil {
		return err
	}
	csvPath, jsonPath, err := m.Write(opts.Out)
	if err != nil {
		return err
	}

	// Report.
	fmt.Fprintf(w, "已生成 %s 填报模板 %d 份（报送截止：%s），保存在 %s：\n", opts.Period.Label(), len(infos), plan.DueLabel(opts.Period), opts.Out)
	prefilled := 0
	for _, in := range infos {
		inds := "无指标"
		if in.Indicators > 0 {
			inds = fmt.Sprintf("指标 %d 个", in.Indicators)
		}
		fmt.Fprintf(w, "  %s（任务 %d 项，%s）\n", in.FileName, in.Tasks, inds)
		if in.Prefilled {
			prefilled++
		}
	}
	if prefilled > 0 {
		fmt.Fprintf(w, "其中 %d 份已按本单位上期已接收的报表预填“上期情况”“上期值”。\n", prefilled)
	}
	fmt.Fprintf(w, "下发清单：%s、%s\n", csvPath, jsonPath)
	return nil
}

// selectUnits returns the units to issue to, in registry order: every responsible unit, or
// those named by code, name or alias. An unknown or not responsible unit is an error that
// lists the valid codes.
func selectUnits(plan *gyqc.Plan, names []string) ([]*gyqc.Unit, error) {
	all := plan.ResponsibleUnits()
	if len(names) == 0 {
		return all, nil
	}
	responsible := map[string]bool{}
	for _, u := range all {
		responsible[u.Code] = true
	}
	want := map[string]bool{}
	var unknown, idle []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		u := plan.Registry.Unit(n)
		if u == nil {
			u = plan.Registry.UnitByName(n)
		}
		switch {
		case u == nil:
			unknown = append(unknown, "“"+n+"”")
		case !responsible[u.Code]:
			idle = append(idle, fmt.Sprintf("%s（%s）", u.Name, u.Code))
		default:
			want[u.Code] = true
		}
	}
	if len(unknown) > 0 || len(idle) > 0 {
		var b strings.Builder
		if len(unknown) > 0 {
			fmt.Fprintf(&b, "单位名册中没有单位%s。", strings.Join(unknown, "、"))
		}
		if len(idle) > 0 {
			fmt.Fprintf(&b, "单位%s不承担任务，也不报送指标，无需下发模板。", strings.Join(idle, "、"))
		}
		codes := make([]string, len(all))
		for i, u := range all {
			codes[i] = u.Code + "（" + u.Name + "）"
		}
		fmt.Fprintf(&b, "\n可用的单位代码：%s\n例如 --unit %s", strings.Join(codes, "、"), all[0].Code)
		return nil, gyqc.Errorf(gyqc.EInvalid, "%s", b.String())
	}
	if len(want) == 0 {
		return nil, argsError("--unit 的取值为空，请写单位代码，例如 --unit %s", all[0].Code)
	}
	var out []*gyqc.Unit
	for _, u := range all {
		if want[u.Code] {
			out = append(out, u)
		}
	}
	return out, nil
}

// writeTemplates writes the templates with four workers per processor (building a workbook
// takes the processor, then each file waits for its fsync), and returns their descriptions
// in the order of units. The first failure stops the remaining work and is returned.
func writeTemplates(ctx context.Context, plan *gyqc.Plan, opts issueOptions, units []*gyqc.Unit,
	prevs []*gyqc.Submission, topts templates.Options) ([]templates.Info, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Each workbook allocates about a megabyte that is garbage once written; collecting less
	// often saves about 15% of the processor time of a large run for some 25 MB more memory.
	defer debug.SetGCPercent(debug.SetGCPercent(300))
	infos := make([]templates.Info, len(units))
	errs := make([]error, len(units))
	parallel.Each(ctx, len(units), 4*runtime.GOMAXPROCS(0), func(i int) {
		u := units[i]
		path := filepath.Join(opts.Out, templates.FileName(opts.Period, u))
		errs[i] = atomicfile.Write(path, 0o644, func(w io.Writer) error {
			var err error
			infos[i], err = templates.Write(w, plan, u, opts.Period, prevs[i], topts)
			return err
		})
		if errs[i] != nil {
			cancel()
		}
	})
	for i, err := range errs {
		if err != nil {
			var ge *gyqc.Error
			if errors.As(err, &ge) {
				return nil, err
			}
			return nil, fmt.Errorf("issue template of %s: %w", units[i].Code, err)
		}
	}
	if err := ctx.Err(); err != nil { // interrupted: the parent context ended
		return nil, err
	}
	return infos, nil
}
