package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/samples"
)

// TestSamplesUsageErrors: missing folders and stray arguments get a message with an example.
func TestSamplesUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		Name     string
		Args     []string
		Code     int
		Contains []string
	}{
		{Name: "no period", Args: []string{"--from", "a", "--out", "b"}, Code: exitUsage, Contains: []string{"--period 2025-06"}},
		{Name: "no from", Args: []string{"--period", "2025-06", "--out", "b"}, Code: exitUsage, Contains: []string{"--from", "例如"}},
		{Name: "no out", Args: []string{"--period", "2025-06", "--from", "a"}, Code: exitUsage, Contains: []string{"--out", "例如"}},
		{Name: "outside the horizon", Args: []string{"--period", "2026-01", "--from", "a", "--out", "b"}, Code: exitInvalid,
			Contains: []string{"不在方案的报送期范围内"}},
		{Name: "no templates", Args: []string{"--period", "2025-06", "--from", "nosuch", "--out", "b"}, Code: exitInvalid,
			Contains: []string{"gyqc issue"}},
		{Name: "stray argument", Args: []string{"--period", "2025-06", "extra"}, Code: exitUsage, Contains: []string{"不接受参数“extra”"}},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			code, _, stderr := runCLI(t, append([]string{"samples"}, tc.Args...)...)
			if code != tc.Code {
				t.Errorf("exit %d, want %d: %s", code, tc.Code, stderr)
			}
			for _, s := range tc.Contains {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr %q lacks %q", stderr, s)
				}
			}
		})
	}
}

// TestRunSamples issues a month's templates, fills them with --clean and with the mess, and
// checks the files, the summary and the manifest.
func TestRunSamples(t *testing.T) {
	plan := planfile.Default()
	p := gyqc.MustPeriod("2024-09")
	from := t.TempDir()
	clock := func() time.Time { return time.Date(2024, 9, 25, 9, 0, 0, 0, plan.Location()) }
	if err := issueIn(context.Background(), t.TempDir(), plan, issueOptions{Period: p, Out: from, Now: clock}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		Name  string
		Clean bool
	}{{"clean", true}, {"messy", false}} {
		t.Run(tc.Name, func(t *testing.T) {
			dir := t.TempDir()
			out, manifest := filepath.Join(dir, "收件箱"), filepath.Join(dir, "清单.json")
			// The samples package's own tests cover the LibreOffice re-save; here it is
			// absent, which the summary must say.
			opts := samplesOptions{Period: p, From: from, Out: out, Seed: 7, Clean: tc.Clean, Manifest: manifest,
				Soffice: filepath.Join(dir, "no-soffice")}
			var w bytes.Buffer
			if err := runSamples(context.Background(), plan, opts, &w); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(manifest)
			if err != nil {
				t.Fatal(err)
			}
			var m samples.Manifest
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != len(m.Files) {
				t.Fatalf("%d files written, manifest lists %d", len(entries), len(m.Files))
			}
			want := []string{"已生成2024年9月样例报表", "种子 7", "截止时间：2024年10月1日前"}
			if tc.Clean {
				if len(m.Files) != len(plan.ResponsibleUnits()) || len(m.InState(samples.StateOnTime)) != len(m.Units) {
					t.Errorf("clean run: %d files, %d on time", len(m.Files), len(m.InState(samples.StateOnTime)))
				}
			} else {
				want = append(want, "迟报：", "未报送：", "填报有误被退回：", "退回后重新报送：", "照抄上月内容：", "文件名为其他单位名称：",
					"百分比按Excel方式输入：", "报回未填写的模板：", "未找到 LibreOffice")
				// Refused: the return with errors and the untouched template; the .xls return
				// needs LibreOffice, and is written as .xlsx without it.
				if len(m.InState(samples.StateMissing)) != 1 || len(m.InState(samples.StateLate)) != 1 || len(m.InState(samples.StateRefused)) != 2 ||
					len(m.WithMess(samples.MessLegacy)) != 0 {
					t.Errorf("messy run: states %+v", m.Units)
				}
			}
			for _, s := range want {
				if !strings.Contains(w.String(), s) {
					t.Errorf("summary lacks %q:\n%s", s, w.String())
				}
			}
		})
	}
}
