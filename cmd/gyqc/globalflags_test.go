package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

func TestGlobalsFirst(t *testing.T) {
	app := newApp(io.Discard, io.Discard)
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"already first", "gyqc -w ws status -p 2025-06", "gyqc -w ws status -p 2025-06"},
		{"short after the command", "gyqc status -w ws -p 2025-06", "gyqc -w ws status -p 2025-06"},
		{"long with equals", "gyqc status --workspace=ws --period 2025-06", "gyqc --workspace=ws status --period 2025-06"},
		{"every global after a subcommand", "gyqc plan import --plan p.yaml book.xlsx --units u.yaml",
			"gyqc --plan p.yaml --units u.yaml plan import book.xlsx"},
		{"one before, one after", "gyqc --plan p.yaml status -w ws", "gyqc --plan p.yaml -w ws status"},
		{"value of a global before the command is not the command", "gyqc -w status status -p 2025-06",
			"gyqc -w status status -p 2025-06"},
		{"after -- nothing moves", "gyqc collect -- -w x.xlsx", "gyqc collect -- -w x.xlsx"},
		{"no command", "gyqc -w ws", "gyqc -w ws"},
		{"a command's own option stays", "gyqc collect --received 2025-06-30 文件夹", "gyqc collect --received 2025-06-30 文件夹"},
		{"a global last without its value", "gyqc status -w", "gyqc -w status"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(globalsFirst(app, strings.Fields(tc.in)), " ")
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestGlobalNamesFree: no command defines an option with a global option's name, so moving a
// global option before the command (globalsFirst) never takes a command's own option away.
func TestGlobalNamesFree(t *testing.T) {
	app := newApp(io.Discard, io.Discard)
	globals := globalNames(app)
	var walk func(path string, cmds []*cli.Command)
	walk = func(path string, cmds []*cli.Command) {
		for _, c := range cmds {
			for _, f := range c.Flags {
				for _, n := range f.Names() {
					if globals[n] {
						t.Errorf("%s %s defines -%s, a global option's name", path, c.Name, n)
					}
				}
			}
			walk(path+" "+c.Name, c.Subcommands)
		}
	}
	walk("gyqc", app.Commands)
	if !globals["w"] || !globals["workspace"] || !globals["plan"] || !globals["units"] {
		t.Errorf("global names %v", globals)
	}
}

// TestGlobalOptionAfterCommand: `gyqc status -w 工作区` reads that workspace (it used to be a
// usage error "没有这个选项：-w"), as a user who puts options after the command expects.
func TestGlobalOptionAfterCommand(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "拼错的工作区")
	code, out, errOut := runCLI(t, "status", "-w", ws, "--period", "2025-06")
	if code != exitInvalid || !strings.Contains(errOut, "工作区不存在") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	ws = emptyWorkspace(t)
	code, out, errOut = runCLI(t, "status", "--period", "2025-06", "--workspace", ws, "--as-of", "2025-07-02")
	if code != exitOK || !strings.Contains(out, "未报送") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}
