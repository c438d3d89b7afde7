package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// globalsFirst moves the global options (--workspace/-w, --plan, --units) that a user wrote
// after the command name to before it, so that `gyqc status -w 工作区 -p 2025-06` means what
// it says instead of failing with "没有这个选项". urfave/cli reads global options only before the
// command; office staff write them wherever they remember them. No command defines an option
// of the same name (TestGlobalNamesFree holds this), so moving one cannot change its meaning.
// Everything after a bare "--" stays where it is.
func globalsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	names := globalNames(app)
	cmd := commandIndex(args, names)
	if cmd < 0 {
		return args
	}
	var moved, rest []string
	for i := cmd + 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, hasValue := flagName(a)
		if !names[name] {
			rest = append(rest, a)
			continue
		}
		moved = append(moved, a)
		if !hasValue && i+1 < len(args) {
			i++
			moved = append(moved, args[i])
		}
	}
	if len(moved) == 0 {
		return args
	}
	out := make([]string, 0, len(args))
	out = append(out, args[:cmd]...)
	out = append(out, moved...)
	out = append(out, args[cmd])
	return append(out, rest...)
}

// globalNames returns every name and alias of the app's global string options (the ones that
// take a value).
func globalNames(app *cli.App) map[string]bool {
	names := map[string]bool{}
	for _, f := range app.Flags {
		if _, ok := f.(*cli.StringFlag); !ok {
			continue
		}
		for _, n := range f.Names() {
			names[n] = true
		}
	}
	return names
}

// commandIndex returns the index in args of the command name: the first argument after the
// program name that is not a global option or its value; -1 when there is none.
func commandIndex(args []string, globals map[string]bool) int {
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return -1
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return i
		}
		if name, hasValue := flagName(a); globals[name] && !hasValue {
			i++ // the option's value
		}
	}
	return -1
}

// flagName returns the name of an option argument (-w, --workspace, --plan=x.yaml) and whether
// the value is in the same argument; "" for an argument that is not an option.
func flagName(a string) (string, bool) {
	if !strings.HasPrefix(a, "-") || a == "-" || a == "--" {
		return "", false
	}
	name := strings.TrimLeft(a, "-")
	if k, _, ok := strings.Cut(name, "="); ok {
		return k, true
	}
	return name, false
}
