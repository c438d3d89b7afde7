package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/review"
	"github.com/qianjiang/gyqc/samples"
)

// badInput is a bad input the hardening issue (13) names, in its words, with the check
// that gyqc handles it: a file of the bad-input corpus examined as collect examines it, or
// a run of gyqc on a file made at test time or on something that cannot be a file.
type badInput struct {
	issue string // the issue's words
	check func(t *testing.T, w *badWorld)
}

// badInputs lists every bad input issue 13 names, in the order it names them, so that a
// reader can tick them off. The corpus files are in ../../intake/testdata/bad (made by the
// intake and review tests with -update); large files are made at test time.
var badInputs = []badInput{
	// 1. A unit can file as another unit.
	{"unit code changed in the metadata", corpusFile("identity-unit-changed.xlsx", "seal-broken", "单位代码由“cdjd”（城东街道）改为“cnjd”（城南街道）")},
	{"fingerprint copied (another unit's)", corpusFile("identity-fingerprint-copied.xlsx", "seal-broken", "锁定内容指纹被改动")},
	{"fingerprint deleted", corpusFile("identity-fingerprint-deleted.xlsx", "seal-broken", "锁定内容指纹被删除")},
	// 2. Unlimited text.
	{"cell text of 40,000 characters", corpusFile("cell-text-shared-40000.xlsx", "cell-text", "有40000个字符，超过 Excel 单元格的上限32767个字符")},
	{"cell text of 3.4 million characters", hugeCellText},
	// 3. Wrong values stored without notice.
	{"a date typed in a number cell", corpusFile("value-date.xlsx", "date-in-number", "")},
	{"TRUE in a number cell", corpusFile("value-logical.xlsx", "wrong-type", "")},
	{"#DIV/0! cached from a formula as a lead unit's progress text", corpusFile("progress-error-div0.xlsx", "error-value", "#DIV/0!")},
	{"#N/A cached from a formula as a lead unit's progress text", corpusFile("progress-error-na.xlsx", "error-value", "#N/A")},
	{"#DIV/0! cached in a number cell", corpusFile("value-error-div0.xlsx", "error-value", "#DIV/0!")},
	{"E-notation numbers (accepted)", corpusFile("value-e-notation.xlsx", "", "")},
	// 4. One bad name stops everything.
	{"a refused file whose name is ~235 bytes", longName},
	{"a newline in a file name", newlineName},
	{"two unidentified files both named 报表.xlsx from different folders", sameNames},
	// 5. File-system objects.
	{"a FIFO given as a path", fifoPath},
	{"a link to /dev/zero", devZeroLink},
	{"symlinks and FIFOs inside a folder", oddEntries},
	{"one unreadable subfolder", unreadableEntries},
	// 6. Times that hide data.
	{"--received in the future", received("2125-06-28 10:00", "晚于现在")},
	{"--received in year 0001", received("0001-01-01", "早于方案开始实施")},
	{"--received in 1970", received("1970-01-01 08:00", "早于方案开始实施")},
	// 7. Early refusals leave no trace.
	{"a file over the size limit", tooLarge},
	{"an unreadable file", unreadableEntries},
	// 8. Resource blow-up.
	{"2 million shared strings", manyStrings},
	// 9. Environment faults.
	{"a full disk", func(t *testing.T, _ *badWorld) { TestDiskFull(t) }},
	{"an unwritable output folder", unwritableOutput},
	{"a read-only workspace", readOnlyWorkspace},
	{"a mistyped --workspace", mistypedWorkspace},
	{"an extra positional argument to status", func(t *testing.T, _ *badWorld) { TestStatusRefusesArguments(t) }},
	{"a 2-million-character task title in the plan", longTitle},
}

// TestBadInputsOfIssue13 checks every bad input of badInputs.
func TestBadInputsOfIssue13(t *testing.T) {
	w := &badWorld{c: newCycle(t, "2025-06")}
	defer func() {
		for _, f := range w.cleanup {
			f()
		}
	}()
	for _, in := range badInputs {
		t.Run(in.issue, func(t *testing.T) { in.check(t, w) })
	}
}

// badWorld is what the checks share: a workspace with the templates of 2025-06 issued, and
// a folder everyone may enter (shared) for the checks run as another user.
type badWorld struct {
	c       *cycle
	base    string
	cleanup []func()
}

// corpusKey is the key the corpus returns are sealed with (review's tests').
var corpusKey = []byte("gyqc review test key, 32 bytes..")

// corpusFile examines a file of the corpus as collect does, for jxw's or 城东街道's return
// of 2025-06: with rule, it must be refused (or warned) by that rule with want in the
// message; without, accepted with no error.
func corpusFile(name string, rule gyqc.Rule, want string) func(*testing.T, *badWorld) {
	return func(t *testing.T, _ *badWorld) {
		data, err := os.ReadFile(filepath.Join("..", "..", "intake", "testdata", "bad", name))
		if err != nil {
			t.Fatal(err)
		}
		ex := review.Examine(name, data, review.Input{Plan: planfile.Default(), Period: gyqc.MustPeriod("2025-06"), Key: corpusKey})
		for _, p := range ex.Problems {
			if rule == "" && p.Severity == gyqc.SevError {
				t.Errorf("refused: %s", p)
			}
			if rule != "" && p.Rule == rule && strings.Contains(p.Message, want) {
				return
			}
		}
		if rule != "" {
			t.Errorf("got %v, want %s naming %q", ex.Problems, rule, want)
		}
	}
}

// collectIn runs collect on paths in the shared workspace and returns its exit code and
// output; it fails the test when collect takes more than 60 s (a FIFO blocked it, a file
// was read for ever).
func (w *badWorld) collectIn(t *testing.T, paths ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code        int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := runCLI(t, append([]string{"--workspace", w.c.workspace, "collect", "--period", "2025-06",
			"--received", "2025-06-28 10:00"}, paths...)...)
		done <- result{code, out, errOut}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.errOut
	case <-time.After(60 * time.Second):
		t.Fatal("collect blocked")
	}
	return 0, "", ""
}

// wantRefused checks that collect refused what it was given, naming want.
func wantRefused(t *testing.T, code int, out, errOut string, want ...string) {
	t.Helper()
	if code != exitRefused {
		t.Errorf("exit %d, want %d\n%s%s", code, exitRefused, out, errOut)
	}
	for _, s := range want {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
}

// sealedReturn is jxw's return of 2025-06 filled in the issued template (sealed with the
// workspace's key), with progress as the progress text of each of its tasks.
func (w *badWorld) sealedReturn(t *testing.T, progress string) []byte {
	t.Helper()
	gen, err := samples.New(w.c.plan, 3)
	if err != nil {
		t.Fatal(err)
	}
	r, err := gen.Return("jxw", w.c.period)
	if err != nil {
		t.Fatal(err)
	}
	for i := range r.Tasks {
		r.Tasks[i].Progress = progress
	}
	tpl, err := os.ReadFile(w.c.template("2025-06", "jxw"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := samples.Fill(tpl, r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hugeCellText: a return whose progress texts hold 3.4 million characters each is refused
// by its first such cell, promptly (it used to be accepted, and brief rendered it for ever).
func hugeCellText(t *testing.T, w *badWorld) {
	var b strings.Builder
	for i := range 3_400_000 / 7 {
		fmt.Fprintf(&b, "%07d", i) // hardly compressible by a ratio that trips the bomb check
	}
	// The writer cuts a text at Excel's limit: the text goes into the shared strings after.
	data := editPart(t, w.sealedReturn(t, "@@巨长@@"), "xl/sharedStrings.xml", func(s string) string {
		return strings.Replace(s, "@@巨长@@", b.String(), 1)
	})
	p := filepath.Join(t.TempDir(), "巨长文字.xlsx")
	os.WriteFile(p, data, 0o644)
	start := time.Now()
	code, out, errOut := w.collectIn(t, p)
	wantRefused(t, code, out, errOut, "有3399998个字符，超过 Excel 单元格的上限32767个字符")
	t.Logf("refused in %v", time.Since(start).Round(time.Millisecond))
}

// manyStrings: a return with 2 million shared strings added (a 5 MB file that used to be
// accepted after 11 s and 387 MB) is refused by the count of its strings.
func manyStrings(t *testing.T, w *badWorld) {
	var b strings.Builder
	for i := range 2_000_000 {
		fmt.Fprintf(&b, "<si><t>%d</t></si>", i*7919%10_000_019)
	}
	data := editPart(t, w.sealedReturn(t, "已完成"), "xl/sharedStrings.xml", func(s string) string {
		return strings.Replace(s, "</sst>", b.String()+"</sst>", 1)
	})
	p := filepath.Join(t.TempDir(), "两百万字符串.xlsx")
	os.WriteFile(p, data, 0o644)
	start := time.Now()
	code, out, errOut := w.collectIn(t, p)
	wantRefused(t, code, out, errOut, "超过20000个")
	t.Logf("%d bytes refused in %v", len(data), time.Since(start).Round(time.Millisecond))
}

// editPart rewrites the part name of the workbook data with edit.
func editPart(t *testing.T, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			b, found = []byte(edit(string(b))), true
		}
		fw, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(b)
	}
	if err := zw.Close(); err != nil || !found {
		t.Fatalf("no part %s (%v)", name, err)
	}
	return out.Bytes()
}
