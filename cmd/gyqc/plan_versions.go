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
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/planbook"
	"github.com/qianjiang/gyqc/store"
)

func planVersionsCommand() *cli.Command {
	return &cli.Command{
		Name:  "versions",
		Usage: "列出工作区保存的方案版本、启用时间，以及各报送期按哪个版本评价；--files N --out 目录 取出第N版的原文件",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "files", Usage: "取出第几版的 plan.yaml 和 units.yaml（原样，含注释）"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "与 --files 一起用：写到这个目录"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return argsError("plan versions 不接受参数“%s”", c.Args().First())
			}
			ws := globalsFrom(c).Workspace
			if c.IsSet("files") || c.IsSet("out") {
				out := strings.TrimSpace(c.String("out"))
				if out == "" || c.Int("files") <= 0 {
					return argsError("取出某一版的文件请同时给出 --files 版本号 和 --out 目录，例如 gyqc plan versions --files 1 --out 第1版")
				}
				return runPlanVersionFiles(c.Context, ws, c.Int("files"), out, c.App.Writer)
			}
			return runPlanVersions(c.Context, ws, c.App.Writer)
		},
	}
}

// runPlanVersions lists the workspace's plan versions and the periods assigned to each.
func runPlanVersions(ctx context.Context, workspace string, w io.Writer) error {
	st, err := store.Open(ctx, workspace, store.ReadOnly)
	if gyqc.ErrorCode(err) == gyqc.ENotFound {
		fmt.Fprintf(w, "工作区 %s 还没有保存任何方案版本：各命令使用内置方案。\n", workspace)
		return nil
	}
	if err != nil {
		return err
	}
	defer st.Close()
	versions, err := st.PlanVersions(ctx)
	if err != nil {
		return err
	}
	if len(versions) == 0 {
		fmt.Fprintf(w, "工作区 %s 还没有保存任何方案版本：各命令使用内置方案。\n", workspace)
		return nil
	}
	active, err := st.ActivePlan(ctx)
	if err != nil {
		return err
	}
	assigned, err := st.PeriodAssignments(ctx)
	if err != nil {
		return err
	}
	loc := time.Local
	if active != nil {
		if lp, err := versionPlan(active, nil); err == nil {
			loc = lp.Plan.Location()
		}
	}
	for _, v := range versions {
		mark := ""
		if active != nil && active.No == v.No {
			mark = "【当前启用】"
		}
		fmt.Fprintf(w, "第%d版 %s %s\n", v.No, v.Edition().Short(), mark)
		fmt.Fprintf(w, "    来源：%s；保存于 %s", v.Source, v.Kept.In(loc).Format("2006-01-02 15:04"))
		if !v.Active.IsZero() {
			fmt.Fprintf(w, "；最近启用于 %s", v.Active.In(loc).Format("2006-01-02 15:04"))
		}
		fmt.Fprintln(w)
		var periods []string
		for _, a := range assigned {
			if a.Version == v.No {
				label := a.Period.String()
				if a.Reason == store.AssignReplan {
					label += "（重新评价）"
				}
				periods = append(periods, label)
			}
		}
		if len(periods) > 0 {
			fmt.Fprintf(w, "    按此版本评价的报送期：%s\n", strings.Join(periods, "、"))
		}
	}
	return nil
}

// runPlanVersionFiles writes version no's plan and units files, as the workspace keeps them
// (comments and all), into dir.
func runPlanVersionFiles(ctx context.Context, workspace string, no int, dir string, w io.Writer) error {
	st, err := store.Open(ctx, workspace, store.ReadOnly)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.PlanVersionNo(ctx, no)
	if err != nil {
		return err
	}
	if v == nil {
		return gyqc.Errorf(gyqc.EInvalid, "工作区没有方案第%d版；用 gyqc plan versions 查看已保存的版本", no)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return gyqc.Errorf(gyqc.EInvalid, "无法创建目录 %s：%v", dir, err)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{planbook.PlanFileName, v.Plan}, {planbook.UnitsFileName, v.Units}} {
		if err := atomicfile.Write(filepath.Join(dir, f.name), 0o644, func(out io.Writer) error {
			_, err := out.Write(f.data)
			return err
		}); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "已取出方案第%d版（%s）：%s 和 %s\n", no, v.Source, filepath.Join(dir, planbook.PlanFileName), filepath.Join(dir, planbook.UnitsFileName))
	return nil
}
