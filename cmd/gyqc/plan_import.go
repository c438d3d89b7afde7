package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/planbook"
	"github.com/qianjiang/gyqc/store"
)

// planImportOptions are the options of `gyqc plan import`.
type planImportOptions struct {
	File      string
	Out       string // a folder for plan.yaml and units.yaml; empty: none
	Activate  bool   // install as the workspace's active version
	Workspace string
}

func planImportCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "检查办公室改好的方案与名册工作簿；可写出方案文件，或启用为工作区的当前方案",
		UsageText: "gyqc plan import 方案与名册.xlsx [--out 目录 | --activate]",
		Description: "逐条列出工作簿中的问题及其工作表和单元格。不加选项时只检查；--out 写出 plan.yaml 和 units.yaml；" +
			"--activate 把它保存为工作区方案的新版本并启用：此后下发的月份按新版本评价，已下发的月份仍按原版本评价。",
		ArgsUsage: "方案与名册.xlsx",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "把 plan.yaml 和 units.yaml 写到这个目录"},
			&cli.BoolFlag{Name: "activate", Usage: "检查通过后启用为工作区的当前方案"},
		},
		Action: func(c *cli.Context) error {
			opts := planImportOptions{Out: strings.TrimSpace(c.String("out")), Activate: c.Bool("activate"),
				Workspace: globalsFrom(c).Workspace}
			// Options may also follow the file, as the usage line writes them.
			args := c.Args().Slice()
			for i := 0; i < len(args); i++ {
				switch a := args[i]; {
				case a == "--activate":
					opts.Activate = true
				case a == "--out" || a == "-o":
					if i+1 == len(args) {
						return argsError("--out 缺少目录，例如 gyqc plan import 方案与名册.xlsx --out 方案文件")
					}
					i++
					opts.Out = strings.TrimSpace(args[i])
				case strings.HasPrefix(a, "--out="):
					opts.Out = strings.TrimSpace(strings.TrimPrefix(a, "--out="))
				case strings.HasPrefix(a, "-") && opts.File == "":
					return argsError("没有这个选项：%s；可用 --out 目录 或 --activate", a)
				case opts.File == "":
					opts.File = a
				default:
					return argsError("只能导入一个工作簿（多出“%s”），例如 gyqc plan import 方案与名册.xlsx --activate", a)
				}
			}
			if opts.File == "" {
				return argsError("请指定一个工作簿，例如 gyqc plan import 方案与名册.xlsx --activate")
			}
			if opts.Out != "" && opts.Activate {
				return argsError("--out 和 --activate 只能选一个：先用 --out 看生成的文件，或直接 --activate 启用")
			}
			return runPlanImport(c.Context, opts, c.App.Writer)
		},
	}
}

// runPlanImport checks the workbook, prints every problem, and writes or activates the
// files when there is no error.
func runPlanImport(ctx context.Context, opts planImportOptions, w io.Writer) error {
	data, err := os.ReadFile(opts.File)
	if err != nil {
		return gyqc.Errorf(gyqc.EInvalid, "无法读取工作簿 %s：%v", opts.File, err)
	}
	res, probs := planbook.Import(opts.File, data)
	for _, p := range probs {
		fmt.Fprintln(w, p.String())
	}
	errs := len(probs.Errors())
	if res == nil {
		return gyqc.Errorf(gyqc.EInvalid, "%s 有 %d 个错误、%d 个警告，请按上面的提示修改后重新导入；没有写出或启用任何文件", opts.File, errs, len(probs)-errs)
	}
	p := res.Plan
	fmt.Fprintf(w, "%s 检查通过：%d 个工程、%d 项任务、%d 个指标、%d 个单位、%d 个单位组；%d 个警告。\n",
		opts.File, len(p.Projects), len(p.Tasks), len(p.Indicators), len(p.Registry.Units), len(p.Registry.Groups), len(probs))
	if cur, err := (&globals{Workspace: opts.Workspace}).openPlan(ctx, useActive, gyqc.Period{}); err == nil {
		changes := planChanges(cur.Plan, p)
		if len(changes) == 0 {
			fmt.Fprintf(w, "与当前使用的方案（%s）相比，内容没有变化。\n", cur.Plan.Edition.Label())
		} else {
			fmt.Fprintf(w, "与当前使用的方案（%s）相比：\n", cur.Plan.Edition.Label())
			for _, c := range changes {
				fmt.Fprintf(w, "  %s\n", c)
			}
		}
	}
	switch {
	case opts.Out != "":
		return writePlanFiles(opts.Out, res, w)
	case opts.Activate:
		return activatePlan(ctx, opts, res, w)
	}
	fmt.Fprintf(w, "只做了检查，没有写出文件。启用：gyqc plan import %s --activate；写出 YAML：gyqc plan import %s --out 目录\n", opts.File, opts.File)
	return nil
}

// writePlanFiles writes plan.yaml and units.yaml into dir.
func writePlanFiles(dir string, res *planbook.Result, w io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return gyqc.Errorf(gyqc.EInvalid, "无法创建目录 %s：%v", dir, err)
	}
	for _, name := range []string{planbook.PlanFileName, planbook.UnitsFileName} {
		data := map[string][]byte{planbook.PlanFileName: res.PlanYAML, planbook.UnitsFileName: res.UnitsYAML}[name]
		if err := keepHandEdited(filepath.Join(dir, name), data, w); err != nil {
			return err
		}
		if err := atomicfile.Write(filepath.Join(dir, name), 0o644, func(f io.Writer) error {
			_, err := f.Write(data)
			return err
		}); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "已写出 %s 和 %s。用它们运行命令：gyqc --plan %s --units %s …\n",
		filepath.Join(dir, planbook.PlanFileName), filepath.Join(dir, planbook.UnitsFileName),
		filepath.Join(dir, planbook.PlanFileName), filepath.Join(dir, planbook.UnitsFileName))
	return nil
}

// activatePlan keeps the imported files as a version of the workspace and activates it.
func activatePlan(ctx context.Context, opts planImportOptions, res *planbook.Result, w io.Writer) error {
	st, err := store.Open(ctx, opts.Workspace, store.ReadWrite)
	if err != nil {
		return err
	}
	defer st.Close()
	before, err := st.ActivePlan(ctx)
	if err != nil {
		return err
	}
	v, added, err := st.KeepPlan(ctx, res.Plan.Edition.Hash, res.PlanYAML, res.UnitsYAML, "方案与名册 "+filepath.Base(opts.File))
	if err != nil {
		return err
	}
	if before != nil && before.No == v.No {
		fmt.Fprintf(w, "工作簿与工作区当前启用的方案%s相同，无需重新启用。\n", before.Edition().Label())
		return nil
	}
	if before != nil {
		label := "当前启用的方案" + before.Edition().Label() + "的"
		if noteHandComments(w, map[string][]byte{label + " plan.yaml": before.Plan, label + " units.yaml": before.Units},
			label+" plan.yaml", label+" units.yaml") {
			fmt.Fprintf(w, "新版本不含这些注释；第%d版连同注释原样保存在工作区中（gyqc plan versions --files %d --out 目录 可取出）。%s\n",
				before.No, before.No, commentsAdvice)
		}
	}
	if err := st.ActivatePlan(ctx, v.No); err != nil {
		return err
	}
	if v, err = st.PlanVersionNo(ctx, v.No); err != nil {
		return err
	}
	what := "这是新保存的版本"
	if !added {
		what = "这是工作区以前保存过的版本，现重新启用"
	}
	ed := v.Edition()
	ed.Since = ed.Since.In(res.Plan.Location())
	fmt.Fprintf(w, "已启用方案%s。%s；此后下发的报送期按这一版本评价。\n", ed.Label(), what)
	assigned, err := st.PeriodAssignments(ctx)
	if err != nil {
		return err
	}
	if len(assigned) > 0 {
		fmt.Fprintf(w, "已下发的报送期（%s 至 %s）仍按下发时的版本评价；如需按新版本重新评价某个月，运行：gyqc consolidate --period %s --replan\n",
			assigned[0].Period, assigned[len(assigned)-1].Period, assigned[len(assigned)-1].Period)
	}
	return nil
}
