package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
)

// globals are the options every command shares.
type globals struct {
	Workspace string // where data lives
	PlanFile  string // empty: the embedded plan
	UnitsFile string // empty: the embedded units file
	Stderr    io.Writer
}

// globalsFrom reads the global flags.
func globalsFrom(c *cli.Context) *globals {
	return &globals{
		Workspace: c.String("workspace"),
		PlanFile:  c.String("plan"),
		UnitsFile: c.String("units"),
		Stderr:    c.App.ErrWriter,
	}
}

// newApp builds the command-line application with Chinese help.
func newApp(stdout, stderr io.Writer) *cli.App {
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "显示帮助"}
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "显示版本"}
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintf(c.App.Writer, "gyqc %s\n", c.App.Version) }
	cli.AppHelpTemplate = appHelpTemplate
	cli.CommandHelpTemplate = commandHelpTemplate
	cli.SubcommandHelpTemplate = subcommandHelpTemplate
	cli.FlagStringer = flagString
	app := &cli.App{
		Name:      "gyqc",
		Usage:     "黔江区“工业强城”建设月度报送、汇总与考核工具",
		UsageText: "gyqc [全局选项] 命令 [命令选项] [参数...]",
		Version:   version,
		Writer:    stdout,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "workspace", Aliases: []string{"w"}, EnvVars: []string{"GYQC_WORKSPACE"},
				Value: "gyqc-workspace", Usage: "工作区目录：数据库、归档文件和输出都在这里"},
			&cli.StringFlag{Name: "plan", EnvVars: []string{"GYQC_PLAN"}, Usage: "方案文件（YAML），默认使用内置的黔江区“工业强城”建设实施方案"},
			&cli.StringFlag{Name: "units", EnvVars: []string{"GYQC_UNITS"}, Usage: "单位名册（YAML），默认使用内置名册"},
		},
		Commands:               prepare(commands()),
		HideHelpCommand:        true,
		CommandNotFound:        commandNotFound,
		OnUsageError:           onUsageError,
		ExitErrHandler:         func(*cli.Context, error) {}, // run maps errors to exit codes
		EnableBashCompletion:   false,
		UseShortOptionHandling: false,
	}
	return app
}

// commands lists every command, one file each.
func commands() []*cli.Command {
	return []*cli.Command{
		planCommand(),
		unitsCommand(),
		issueCommand(),
		collectCommand(),
		statusCommand(),
		remindCommand(),
		consolidateCommand(),
		briefCommand(),
		samplesCommand(),
		demoCommand(),
		serveCommand(),
		linksCommand(),
		reviewCommand(),
		lockCommand(),
		unlockCommand(),
		logCommand(),
	}
}

// prepare gives every command, at any depth, the Chinese usage errors and no English
// "help" subcommand.
func prepare(cmds []*cli.Command) []*cli.Command {
	for _, c := range cmds {
		c.OnUsageError = onUsageError
		c.HideHelpCommand = true
		prepare(c.Subcommands)
	}
	return cmds
}

// commandNotFound marks the run as a usage error; urfave/cli lets the handler return nothing,
// so run reads the mark and maps it to the exit code.
func commandNotFound(c *cli.Context, name string) {
	if c.App.Metadata == nil {
		c.App.Metadata = map[string]any{}
	}
	c.App.Metadata[unknownCommand] = name
}

// unknownCommand is the Metadata key commandNotFound sets.
const unknownCommand = "gyqc.unknown-command"

func onUsageError(c *cli.Context, err error, isSubcommand bool) error {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		msg = "没有这个选项：" + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		msg = "选项缺少取值：" + strings.TrimPrefix(msg, "flag needs an argument: ")
	case strings.HasPrefix(msg, "invalid value "):
		msg = "选项的取值无效：" + strings.TrimPrefix(msg, "invalid value ")
	}
	return &usageError{msg: msg}
}

// argsError is a usage error about positional arguments, with an example.
func argsError(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// planAndPeriod loads the plan the period is evaluated under and parses the --period flag,
// as every command that works on one period starts.
func planAndPeriod(c *cli.Context) (*globals, *gyqc.Plan, gyqc.Period, error) {
	g, lp, period, err := planAndPeriodFor(c, usePeriod)
	if err != nil {
		return g, nil, period, err
	}
	return g, lp.Plan, period, nil
}

// periodFlag is the --period option of the commands about one period.
func periodFlag() cli.Flag {
	return &cli.StringFlag{Name: "period", Aliases: []string{"p"}, Usage: "报送期，例如 2025-06"}
}

// jsonFlag is the --json option of the commands that print for scripts.
func jsonFlag() cli.Flag {
	return &cli.BoolFlag{Name: "json", Usage: "以 JSON 输出，供脚本使用"}
}

// periodCommand starts the Action of a command about one period that takes only options
// (name and example word the refusal of an argument): the plan and period as use says
// (planAndPeriodFor).
func periodCommand(c *cli.Context, use planUse, name, example string) (*globals, *loadedPlan, gyqc.Period, error) {
	if c.NArg() > 0 {
		return nil, nil, gyqc.Period{}, argsError("%s 不接受参数“%s”；请用选项，例如 %s", name, c.Args().First(), example)
	}
	return planAndPeriodFor(c, use)
}

// periodCommandAsOf is periodCommand with the evaluation time (--as-of, else the clock).
func periodCommandAsOf(c *cli.Context, use planUse, name, example string) (*globals, *loadedPlan, gyqc.Period, time.Time, error) {
	g, lp, period, err := periodCommand(c, use, name, example)
	if err != nil {
		return g, lp, period, time.Time{}, err
	}
	now, err := asOf(c, lp.Plan)
	return g, lp, period, now, err
}

// planAndPeriodFor parses the --period flag and loads the plan as use says.
func planAndPeriodFor(c *cli.Context, use planUse) (*globals, *loadedPlan, gyqc.Period, error) {
	g := globalsFrom(c)
	s := c.String("period")
	if s == "" {
		return g, nil, gyqc.Period{}, argsError("请用 --period 指定报送期，例如 --period 2025-06")
	}
	period, err := gyqc.ParsePeriod(s)
	if err != nil {
		return g, nil, period, err
	}
	lp, err := g.openPlan(c.Context, use, period)
	if err != nil {
		return g, nil, period, err
	}
	return g, lp, period, lp.Plan.CheckPeriod(period)
}

// parsePeriodFlag parses the --period flag value of a command for plan.
func parsePeriodFlag(plan *gyqc.Plan, s string) (gyqc.Period, error) {
	if s == "" {
		return gyqc.Period{}, argsError("请用 --period 指定报送期，例如 --period 2025-06")
	}
	p, err := gyqc.ParsePeriod(s)
	if err != nil {
		return p, err
	}
	return p, plan.CheckPeriod(p)
}

// workspacePath joins the workspace and a relative name.
func (g *globals) workspacePath(name string) string { return filepath.Join(g.Workspace, name) }
