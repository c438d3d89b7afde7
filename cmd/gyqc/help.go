package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// flagString writes one flag for the help in Chinese: names, value, usage, default and
// environment variable.
func flagString(f cli.Flag) string {
	df, ok := f.(cli.DocGenerationFlag)
	if !ok {
		return fmt.Sprint(f)
	}
	var names []string
	for _, n := range f.Names() {
		if len(n) == 1 {
			names = append(names, "-"+n)
		} else {
			names = append(names, "--"+n)
		}
	}
	s := strings.Join(names, ", ")
	if df.TakesValue() {
		s += " 值"
	}
	s += "\t" + df.GetUsage()
	if d := df.GetDefaultText(); df.TakesValue() && d != "" && d != `""` {
		s += "（默认：" + strings.Trim(d, `"`) + "）"
	}
	if env := df.GetEnvVars(); len(env) > 0 {
		s += "（环境变量 " + strings.Join(env, "、") + "）"
	}
	return s
}

// Chinese help templates for urfave/cli, in the shape of its English defaults.

const appHelpTemplate = `名称：
   {{.Name}} - {{.Usage}}

用法：
   {{.UsageText}}

命令：{{range .VisibleCategories}}{{if .Name}}
   {{.Name}}：{{end}}{{range .VisibleCommands}}
     {{join .Names ", "}}{{"\t"}}{{.Usage}}{{end}}{{end}}

全局选项：{{range .VisibleFlags}}
   {{.}}{{end}}

每个命令的详细用法：gyqc 命令 --help
退出码：0 成功；1 内部错误；2 用法错误；3 输入有误；4 有文件被退回；5 工作区忙；130 被中断。
`

const commandHelpTemplate = `名称：
   {{.HelpName}} - {{.Usage}}

用法：
   {{if .UsageText}}{{.UsageText}}{{else}}{{.HelpName}} [选项]{{if .ArgsUsage}} {{.ArgsUsage}}{{end}}{{end}}{{if .Description}}

说明：
   {{.Description}}{{end}}{{if .VisibleFlags}}

选项：{{range .VisibleFlags}}
   {{.}}{{end}}{{end}}
`

const subcommandHelpTemplate = `名称：
   {{.HelpName}} - {{.Usage}}

用法：
   {{if .UsageText}}{{.UsageText}}{{else}}{{.HelpName}} [子命令] [选项]{{end}}{{if .Description}}

说明：
   {{.Description}}{{end}}{{if .VisibleCommands}}

子命令：{{range .VisibleCommands}}
   {{join .Names ", "}}{{"\t"}}{{.Usage}}{{end}}{{end}}{{if .VisibleFlags}}

选项：{{range .VisibleFlags}}
   {{.}}{{end}}{{end}}
`
