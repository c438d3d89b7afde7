package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scalarKeys are the only keys whose value may be null in any --json output: a figure, a
// time or a summary not (yet) known. A list is never null: TestJSONNoNullLists fails on a
// null at any other key, and on any of these keys holding a list anywhere.
var scalarKeys = map[string]bool{
	"received": true, "value": true, "baseline": true, "target": true, "expected": true,
	"year_on_year": true, "year_target": true, "previous_lights": true,
}

// TestJSONNoNullLists runs the --json output of every command that has one, on a workspace
// with only its templates issued and again once one unit's return is accepted (and
// reviewed) and another's refused, and fails on a list written as null.
func TestJSONNoNullLists(t *testing.T) {
	c := newCycle(t, "2025-06")
	dir := filepath.Dir(c.workspace)
	commands := func(round string) [][]string {
		return [][]string{
			{"plan", "--json"},
			{"units", "--json"},
			{"status", "-p", "2025-06", "--json"},
			{"collect", "-p", "2025-06", "--json", "--feedback", filepath.Join(dir, "fb"+round), filepath.Join(dir, "none"+round)},
			{"consolidate", "-p", "2025-06", "--json"},
			{"remind", "-p", "2025-06", "--out", filepath.Join(dir, "remind"+round), "--json"},
			{"log", "-p", "2025-06", "--json"},
			{"review", "-p", "2025-06", "--list", "--json"},
			{"links", "-p", "2025-06", "--json"},
			{"samples", "-p", "2025-06", "--from", filepath.Dir(c.template("2025-06", "dsjj")), "--out", filepath.Join(dir, "samples"+round), "--clean", "--json"},
		}
	}
	runAll := func(round string, extra ...[]string) {
		t.Helper()
		for _, args := range append(commands(round), extra...) {
			mustDir(t, args)
			var out, errOut strings.Builder
			code := run(context.Background(), append([]string{"gyqc", "-w", c.workspace}, args...), &out, &errOut)
			if code != 0 && code != exitRefused {
				t.Fatalf("%s: gyqc %s: exit %d\n%s", round, strings.Join(args, " "), code, errOut.String())
			}
			checkNoNullLists(t, round+": gyqc "+args[0], out.String())
		}
	}
	runAll("issued")
	spec := dsjjSpec()
	c.fill("2025-06", "dsjj", "大数据局.xlsx", spec)
	c.fill("2025-06", "jxw", "经信委.xlsx", map[string]any{"values": map[string]any{"scale-enterprises": "约30家"}})
	runAll("collected",
		[]string{"collect", "-p", "2025-06", "--json", "--feedback", filepath.Join(dir, "fb-collected"), c.inbox},
		[]string{"review", "-p", "2025-06", "--unit", "dsjj", "--accept", "--json"},
		[]string{"status", "-p", "2025-06", "--json"},
		[]string{"log", "-p", "2025-06", "--json"},
		[]string{"consolidate", "-p", "2025-06", "--json"})
}

// mustDir makes the folders a command's arguments name that it expects to exist.
func mustDir(t *testing.T, args []string) {
	t.Helper()
	for _, a := range args {
		if strings.Contains(filepath.Base(a), "none") {
			if err := os.MkdirAll(a, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// checkNoNullLists fails when out is not JSON, holds null at a key not in scalarKeys, or
// holds a list at one of scalarKeys.
func checkNoNullLists(t *testing.T, what, out string) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%s: output is not JSON (%v):\n%.2000s", what, err, out)
	}
	var walk func(path string, key string, v any)
	walk = func(path, key string, v any) {
		switch x := v.(type) {
		case nil:
			if !scalarKeys[key] {
				t.Errorf("%s: %s is null (a list must be [], and only %v may be null)", what, path, keysOf(scalarKeys))
			}
		case []any:
			if scalarKeys[key] {
				t.Errorf("%s: %s is a list but may be null: take %q out of scalarKeys", what, path, key)
			}
			for i, e := range x {
				walk(path+"["+itoa(i)+"]", key, e)
			}
		case map[string]any:
			for k, e := range x {
				walk(path+"."+k, k, e)
			}
		}
	}
	walk("$", "", v)
}

func keysOf(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
