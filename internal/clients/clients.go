// Package clients finds the real programs that tests check our files with: a Python that
// imports openpyxl, LibreOffice's soffice, and poppler's and qpdf's tools. Where one is
// missing a test is skipped with a message saying what to install; under CI (CI=true), where
// .ci/run installs them all, a missing program fails the test instead.
package clients

import (
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// missing skips or, under CI, fails the test.
func missing(tb testing.TB, what, install string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s is missing under CI; .ci/run must install %s", what, install)
	}
	tb.Skipf("%s not found; install %s (Debian) to run this test", what, install)
}

var (
	pythonOnce sync.Once
	pythonPath string
)

// Python returns an interpreter that imports openpyxl and pandas. Debian's packages install
// into /usr/bin/python3, which may not be the first python3 on PATH.
func Python(tb testing.TB) string {
	tb.Helper()
	pythonOnce.Do(func() {
		for _, cand := range []string{"/usr/bin/python3", "python3", "python"} {
			p, err := exec.LookPath(cand)
			if err != nil {
				continue
			}
			if exec.Command(p, "-c", "import openpyxl, pandas").Run() == nil {
				pythonPath = p
				return
			}
		}
	})
	if pythonPath == "" {
		missing(tb, "a python3 with openpyxl and pandas", "python3-openpyxl python3-pandas")
	}
	return pythonPath
}

// Soffice returns the path of LibreOffice's soffice.
func Soffice(tb testing.TB) string {
	tb.Helper()
	return Tool(tb, "soffice", "libreoffice-calc-nogui")
}

// Tool returns the path of a command-line tool, such as pdftotext (poppler-utils) or qpdf.
func Tool(tb testing.TB, name, pkg string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(tb, name, pkg)
	}
	return p
}

// SofficeRun runs soffice headless with its own profile directory inside dir, so that
// parallel runs do not share (and lock) one user profile.
func SofficeRun(tb testing.TB, dir string, args ...string) ([]byte, error) {
	tb.Helper()
	bin := Soffice(tb)
	profile := "file://" + filepath.Join(dir, ".lo-profile")
	all := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore"}, args...)
	cmd := exec.Command(bin, all...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir)
	return cmd.CombinedOutput()
}

// Chromium returns the path of a headless-capable Chromium (Debian's chromium package).
func Chromium(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(tb, "chromium", "chromium")
	return ""
}

// OfficeFonts makes the fonts a document names available under those names to the programs
// the test runs next (LibreOffice finds fonts through fontconfig), as on an office's machine
// that has them: families maps each name the document uses (仿宋, 黑体) to the family of an
// installed font that stands in for it.
func OfficeFonts(tb testing.TB, families map[string]string) {
	tb.Helper()
	var conf strings.Builder
	conf.WriteString(`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>` +
		`<include ignore_missing="yes">/etc/fonts/fonts.conf</include>`)
	names := make([]string, 0, len(families))
	for name := range families {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(&conf, `<alias binding="same"><family>%s</family><prefer><family>%s</family></prefer></alias>`,
			html.EscapeString(name), html.EscapeString(families[name]))
	}
	conf.WriteString(`</fontconfig>`)
	cf := filepath.Join(tb.TempDir(), "fonts.conf")
	if err := os.WriteFile(cf, []byte(conf.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	tb.Setenv("FONTCONFIG_FILE", cf)
}
