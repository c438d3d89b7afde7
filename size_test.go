package gyqc_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The limits of the developers' guide: small files named after nouns, short functions.
const (
	maxFileBytes = 15 * 1024 // every source file: Go, Python, shell, SQL, HTML, CSS, JavaScript
	maxFuncLines = 100       // every function of the Go code, tests included, from its func line to its closing brace
)

// sourceExts are the endings of the files the file limit holds for; data (workbooks, goldens,
// YAML, mail) and prose (README, ARCHITECTURE) are not source.
var sourceExts = map[string]bool{".go": true, ".py": true, ".sh": true, ".sql": true, ".html": true, ".css": true, ".js": true}

// TestSizes holds the module's source files under 15 KB and its functions (tests and test
// helpers too) under 100 lines, naming each file or function over its limit.
func TestSizes(t *testing.T) {
	for _, name := range sourceFiles(t) {
		info, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() > maxFileBytes {
			t.Errorf("%s: %d bytes, over %d: cut it into files named for what each holds", name, info.Size(), maxFileBytes)
		}
		if !funcsLimited(name) {
			continue
		}
		for _, f := range longFuncs(t, name, maxFuncLines) {
			t.Errorf("%s: over %d lines: give its steps functions of their own", f, maxFuncLines)
		}
	}
}

// funcsLimited reports whether the function limit holds in the file: in every Go file, tests
// and test helpers included.
func funcsLimited(name string) bool { return strings.HasSuffix(name, ".go") }

// TestLongFuncs checks the measure TestSizes relies on: a function of exactly the limit
// passes, one a line longer is named with its file, line and length, and so is a long
// function literal; the limit holds in test files too.
func TestLongFuncs(t *testing.T) {
	body := func(n int) string { return strings.Repeat("\tx++\n", n) }
	src := "package p\n\nvar x int\n\n" + // lines 1-4
		"func ok() {\n" + body(maxFuncLines-2) + "}\n\n" + // lines 5-104: the limit
		"func long() {\n" + body(maxFuncLines-1) + "}\n\n" + // lines 106-206
		"var f = func() {\n" + body(maxFuncLines) + "}\n" // lines 208-309
	name := filepath.Join(t.TempDir(), "p.go")
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got := longFuncs(t, name, maxFuncLines)
	want := []string{name + ":106: long, 101 lines", name + ":208: function literal, 102 lines"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("longFuncs:\n got %q\nwant %q", got, want)
	}
	for name, want := range map[string]bool{"a.go": true, "a_test.go": true, "internal/fixture/world.go": true, "a.py": false} {
		if funcsLimited(name) != want {
			t.Errorf("funcsLimited(%q) = %v, want %v", name, !want, want)
		}
	}
}

// sourceFiles lists the source files git tracks (so a build's leftovers do not count).
func sourceFiles(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("git", "ls-files").Output()
	if err != nil {
		t.Skipf("git ls-files: %v (not a git checkout)", err)
	}
	var names []string
	for _, name := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if sourceExts[filepath.Ext(name)] {
			names = append(names, name)
		}
	}
	if len(names) < 100 {
		t.Fatalf("git ls-files listed %d source files; want the whole module", len(names))
	}
	return names
}

// longFuncs names the functions and function literals of the Go file that are longer than
// limit lines, as "file:line: name, N lines".
func longFuncs(t *testing.T, name string, limit int) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var long []string
	ast.Inspect(f, func(n ast.Node) bool {
		var what string
		var body *ast.BlockStmt
		switch x := n.(type) {
		case *ast.FuncDecl:
			what, body = x.Name.Name, x.Body
		case *ast.FuncLit:
			what, body = "function literal", x.Body
		}
		if body == nil {
			return true
		}
		first := fset.Position(n.Pos()).Line
		if lines := fset.Position(body.Rbrace).Line - first + 1; lines > limit {
			long = append(long, fmt.Sprintf("%s:%d: %s, %d lines", name, first, what, lines))
		}
		return true
	})
	return long
}
