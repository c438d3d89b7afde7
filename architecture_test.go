package gyqc_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// modulePath is the import path of the module root.
const modulePath = "github.com/qianjiang/gyqc"

// layering is what ARCHITECTURE.md draws: the imports each package may use (the table's
// imports column) and the layer of each package (the layers block).
type layering struct {
	allowed map[string][]string // package (module-relative, "gyqc" for the root) → tokens
	layer   map[string]int
	any     map[string]bool // packages that may import everything ("everything above")
}

// readLayering parses ARCHITECTURE.md: the rows of the package table (| `pkg/` | owns |
// imports |) and the lines of the layers block ("layer N  pkg pkg ...").
func readLayering(t *testing.T) layering {
	t.Helper()
	doc, err := os.ReadFile("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	l := layering{allowed: map[string][]string{}, layer: map[string]int{}, any: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(doc))
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "layer "); ok {
			f := strings.Fields(rest)
			n := int(f[0][0] - '0')
			if len(f[0]) != 1 || n < 0 || n > 9 {
				t.Fatalf("ARCHITECTURE.md: layer line %q: want a layer number 0-9", line)
			}
			for _, p := range f[1:] {
				l.layer[docName(p)] = n
			}
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) != 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		pkg := docName(strings.Fields(strings.TrimSpace(cells[1]))[0])
		imports := strings.TrimSpace(cells[3])
		switch imports {
		case "standard library":
			l.allowed[pkg] = nil
		case "everything above":
			l.any[pkg] = true
			l.allowed[pkg] = nil
		default:
			for _, tok := range strings.Split(imports, ",") {
				l.allowed[pkg] = append(l.allowed[pkg], strings.Trim(strings.TrimSpace(tok), "`"))
			}
		}
	}
	if len(l.allowed) < 10 || len(l.layer) < 10 {
		t.Fatalf("ARCHITECTURE.md: read %d table rows and %d layered packages; is the format still | `pkg/` | owns | imports | and layer N pkg ...?", len(l.allowed), len(l.layer))
	}
	return l
}

// docName turns a package as ARCHITECTURE.md writes it (`planfile/`, `gyqc` (root)) into
// its module-relative path ("planfile", "gyqc").
func docName(s string) string {
	return strings.TrimSuffix(strings.Trim(s, "`"), "/")
}

// relName turns an import path into the name ARCHITECTURE.md uses: "gyqc" for the root,
// the module-relative path for the module's packages, "" for others.
func relName(path string) string {
	if path == modulePath {
		return "gyqc"
	}
	if rest, ok := strings.CutPrefix(path, modulePath+"/"); ok {
		return rest
	}
	return ""
}

// thirdParty reports whether an import path is outside the standard library.
func thirdParty(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return strings.Contains(first, ".")
}

// matches reports whether token (a name from the imports column) stands for the
// third-party import path: its elements appear in the path as whole elements, ignoring
// case ("excelize" for github.com/xuri/excelize/v2, "x/text" for golang.org/x/text/width).
func matches(token, path string) bool {
	tok := strings.Split(strings.ToLower(token), "/")
	el := strings.Split(strings.ToLower(path), "/")
	for i := 0; i+len(tok) <= len(el); i++ {
		if slices.Equal(el[i:i+len(tok)], tok) {
			return true
		}
	}
	return false
}

// goPackage is what go list says of one of the module's packages.
type goPackage struct {
	name    string   // module-relative
	imports []string // direct imports, outside tests
	deps    []string // every package it depends on, as go list -deps lists them
}

func listPackages(t *testing.T) []goPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}}|{{join .Imports \" \"}}|{{join .Deps \" \"}}", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []goPackage
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "|")
		pkgs = append(pkgs, goPackage{name: relName(f[0]), imports: strings.Fields(f[1]), deps: strings.Fields(f[2])})
	}
	return pkgs
}

// closure returns every module package pkg may depend on through the table's allowed
// imports.
func (l layering) closure(pkg string) map[string]bool {
	seen := map[string]bool{}
	var walk func(p string)
	walk = func(p string) {
		for _, tok := range l.allowed[p] {
			if _, ok := l.allowed[tok]; ok && !seen[tok] {
				seen[tok] = true
				walk(tok)
			}
		}
	}
	walk(pkg)
	return seen
}

// TestArchitecture holds ARCHITECTURE.md true: every package of the module is in its table,
// imports only what its row allows (module packages and third-party modules alike), depends
// (go list -deps) only on packages reachable through the allowed imports, and the layers
// block puts every package above what it imports, so no import runs the wrong way.
func TestArchitecture(t *testing.T) {
	l := readLayering(t)
	pkgs := listPackages(t)
	inModule := map[string]bool{}
	for _, p := range pkgs {
		inModule[p.name] = true
	}
	for name := range l.allowed {
		if !inModule[name] {
			t.Errorf("ARCHITECTURE.md lists %s, which is not a package of the module", name)
		}
	}
	for _, p := range pkgs {
		allowed, ok := l.allowed[p.name]
		if !ok {
			t.Errorf("%s is not in the package table of ARCHITECTURE.md", p.name)
			continue
		}
		if _, ok := l.layer[p.name]; !ok {
			t.Errorf("%s is in no layer of ARCHITECTURE.md", p.name)
		}
		if l.any[p.name] {
			continue
		}
		for _, imp := range p.imports {
			if rel := relName(imp); rel != "" {
				if !slices.Contains(allowed, rel) {
					t.Errorf("%s imports %s, which its row in ARCHITECTURE.md does not allow (%s)", p.name, rel, strings.Join(allowed, ", "))
				}
				continue
			}
			if thirdParty(imp) && !slices.ContainsFunc(allowed, func(tok string) bool { return matches(tok, imp) }) {
				t.Errorf("%s imports %s, which its row in ARCHITECTURE.md does not allow (%s)", p.name, imp, strings.Join(allowed, ", "))
			}
		}
		reach := l.closure(p.name)
		for _, dep := range p.deps {
			if rel := relName(dep); rel != "" && !reach[rel] {
				t.Errorf("%s depends on %s (go list -deps), which the layering of ARCHITECTURE.md does not reach from it", p.name, rel)
			}
		}
		for _, tok := range allowed {
			lp, okp := l.layer[p.name]
			lt, okt := l.layer[tok]
			if okp && okt && lt >= lp {
				t.Errorf("ARCHITECTURE.md: %s (layer %d) may import %s (layer %d): an import must point to a lower layer", p.name, lp, tok, lt)
			}
		}
	}
}

// TestArchitectureCatchesWrongWay checks the test's own reading on a made-up layering: an
// import from a lower layer to a higher one, or one the row does not list, is reported.
func TestArchitectureCatchesWrongWay(t *testing.T) {
	l := layering{
		allowed: map[string][]string{"gyqc": nil, "intake": {"gyqc"}, "review": {"gyqc", "intake"}},
		layer:   map[string]int{"gyqc": 0, "intake": 1, "review": 2},
	}
	if reach := l.closure("review"); !reach["intake"] || !reach["gyqc"] || reach["review"] {
		t.Errorf("closure(review) = %v, want intake and gyqc", reach)
	}
	if reach := l.closure("intake"); reach["review"] {
		t.Error("intake reaches review: a wrong-way dependency would pass")
	}
	for _, tc := range []struct {
		Token, Path string
		Want        bool
	}{
		{"excelize", "github.com/xuri/excelize/v2", true},
		{"x/text", "golang.org/x/text/width", true},
		{"YAML", "go.yaml.in/yaml/v3", true},
		{"text", "golang.org/x/net/context", false},
		{"excel", "github.com/xuri/excelize/v2", false},
	} {
		if got := matches(tc.Token, tc.Path); got != tc.Want {
			t.Errorf("matches(%q, %q) = %v, want %v", tc.Token, tc.Path, got, tc.Want)
		}
	}
}
