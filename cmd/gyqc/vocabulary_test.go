package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/store"
)

// vocabularyWorld records June returns in a fresh workspace: every responsible unit on time
// a day before the deadline, except a unit that only supports tasks (refused two hours
// before the deadline, nothing accepted), fgw (late by 50 hours) and jxw (nothing). It
// returns the workspace and the supporting unit.
func vocabularyWorld(t *testing.T, plan *gyqc.Plan) (string, *gyqc.Unit) {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	st, err := store.Open(ctx, dir, store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	june := gyqc.MustPeriod("2025-06")
	var support *gyqc.Unit
	for _, u := range plan.ResponsibleUnits() {
		only := len(plan.Assignments(u.Code)) > 0
		for _, a := range plan.Assignments(u.Code) {
			only = only && a.Role == gyqc.RoleSupport
		}
		if only && support == nil && u.Code != "fgw" && u.Code != "jxw" {
			support = u
		}
	}
	if support == nil {
		t.Fatal("the plan has no unit that only supports tasks")
	}
	for _, u := range plan.ResponsibleUnits() {
		if u.Code == "jxw" {
			continue
		}
		hash, err := st.Archive(ctx, u.Code+".xlsx", []byte("file of "+u.Code))
		if err != nil {
			t.Fatal(err)
		}
		sub := &gyqc.Submission{Unit: u.Code, Period: june, Received: plan.Due(june).Add(-24 * time.Hour), Hash: hash,
			FileName: u.Code + ".xlsx", Outcome: gyqc.OutcomeAccepted}
		switch u.Code {
		case "fgw":
			sub.Received = plan.Due(june).Add(50 * time.Hour)
		case support.Code:
			sub.Received, sub.Outcome = plan.Due(june).Add(-2*time.Hour), gyqc.OutcomeRefused
			sub.Problems = gyqc.Problems{{Severity: gyqc.SevError, Sheet: "任务进展", Cell: "E4", Message: "“本月工作进展”不能为空"}}
		}
		if sub.Outcome == gyqc.OutcomeAccepted {
			for _, a := range plan.Assignments(u.Code) {
				sub.Tasks = append(sub.Tasks, gyqc.TaskReport{Task: a.Task, Role: a.Role, Status: gyqc.StatusOnTrack, Progress: u.Name + "本月按计划推进。"})
			}
		}
		if _, _, err := st.Record(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	return dir, support
}

// TestOneVocabularyOfStates runs status, consolidate and brief on one workspace, after the
// deadline and an hour before it, and holds them to one name for every unit's state (the
// state `gyqc status --json` gives) and to the same counts: the 报送情况 sheet names each
// unit as status does, the 总览 counts and the briefing's 总体情况 count as status does, and
// the supporting unit that was refused is 被退回 everywhere — never 未报送 in the
// evaluation's reasons or the task tables.
func TestOneVocabularyOfStates(t *testing.T) {
	fonts := briefFonts(t)
	t.Setenv("GYQC_FONT", "")
	plan := planfile.Default()
	ws, support := vocabularyWorld(t, plan)
	june := gyqc.MustPeriod("2025-06")
	pdftotext := clients.Tool(t, "pdftotext", "poppler-utils")
	for _, tc := range []struct {
		Name string
		Now  time.Time
		Want map[string]gyqc.State // by unit code, the state status must give
	}{
		{"after the deadline", time.Time{},
			map[string]gyqc.State{support.Code: gyqc.StateRefused, "fgw": gyqc.StateLate, "jxw": gyqc.StateMissing}},
		{"an hour before the deadline", plan.Due(june).Add(-time.Hour),
			map[string]gyqc.State{support.Code: gyqc.StateRefused, "fgw": gyqc.StateNotYetDue, "jxw": gyqc.StateNotYetDue}},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			ctx, dir := context.Background(), t.TempDir()

			// status: the states and counts the others must agree with.
			var js bytes.Buffer
			if err := runStatus(ctx, plan, statusOptions{Workspace: ws, Period: june, JSON: true, Now: tc.Now}, &js); err != nil {
				t.Fatal(err)
			}
			var st struct{ Units []statusUnit }
			if err := json.Unmarshal(js.Bytes(), &st); err != nil {
				t.Fatal(err)
			}
			labels, counts := map[string]string{}, map[gyqc.State]int{}
			for _, u := range st.Units {
				labels[u.Name] = u.Label
				counts[u.State]++
				if want, ok := tc.Want[u.Code]; ok && u.State != want {
					t.Errorf("status: %s is %s, want %s", u.Name, u.State, want)
				} else if !ok && u.State != gyqc.StateOnTime {
					t.Errorf("status: %s is %s, want on time", u.Name, u.State)
				}
			}
			var text strings.Builder
			if err := runStatus(ctx, plan, statusOptions{Workspace: ws, Period: june, Now: tc.Now}, &text); err != nil {
				t.Fatal(err)
			}
			for _, s := range gyqc.States {
				if want := fmt.Sprintf("%s %d", s.Label(), counts[s]); !strings.Contains(text.String(), want) {
					t.Errorf("status does not count %q:\n%s", want, text.String())
				}
			}

			// The workbook: 报送情况 names each unit as status does; 总览 counts as status does.
			book := filepath.Join(dir, "汇总.xlsx")
			if err := runConsolidate(ctx, plan, consolidateOptions{Workspace: ws, Period: june, Out: book, Now: tc.Now, AsOfSet: !tc.Now.IsZero()}, &strings.Builder{}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(book)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			checkWorkbookStates(t, f, labels, counts)
			tasks := strings.Join(flatten(sheetRows(t, f, consolidate.SheetTasks)), "\n")

			// The briefing: the same counts in 总体情况, the same names in 五.
			pdf := filepath.Join(dir, "简报.pdf")
			if err := runBrief(ctx, plan, briefOptions{Workspace: ws, Period: june, Out: pdf, Now: tc.Now, SystemFonts: fonts, Warn: &strings.Builder{}}, &strings.Builder{}); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			brief := strings.Join(strings.Fields(string(out)), "")
			for _, s := range gyqc.ShownStates {
				if n := counts[s]; n > 0 && !strings.Contains(brief, fmt.Sprintf("%s%d个", s.Label(), n)) {
					t.Errorf("the briefing does not count %s%d个", s.Label(), n)
				}
			}
			if !strings.Contains(brief, gyqc.StateRefused.Label()+"的单位（1个）："+support.Name) {
				t.Errorf("the briefing does not name %s among the refused units", support.Name)
			}

			// The refused supporting unit: 被退回 in every reason, never 未报送.
			for name, s := range map[string]string{"任务进展": tasks, "简报": brief} {
				if strings.Contains(s, support.Name+gyqc.StateMissing.Label()) || strings.Contains(s, gyqc.StateMissing.Label()+"："+support.Name) {
					t.Errorf("%s calls %s %s; status says %s", name, support.Name, gyqc.StateMissing.Label(), labels[support.Name])
				}
			}
			if tc.Now.IsZero() && !strings.Contains(tasks, "配合单位"+support.Name+gyqc.StateRefused.Label()) {
				t.Errorf("任务进展 does not say that the supporting unit %s was refused", support.Name)
			}
		})
	}
}

// checkWorkbookStates: the consolidated workbook's 报送情况 names each unit as status does
// (labels by unit name) and its 总览 counts as status does (counts by state).
func checkWorkbookStates(t *testing.T, f *excelize.File, labels map[string]string, counts map[gyqc.State]int) {
	t.Helper()
	for _, row := range sheetRows(t, f, consolidate.SheetReports) {
		if len(row) > 3 && labels[row[2]] != "" && row[3] != labels[row[2]] {
			t.Errorf("报送情况: %s is %q, status says %q", row[2], row[3], labels[row[2]])
		}
	}
	shown := map[string]string{}
	for _, row := range sheetRows(t, f, consolidate.SheetOverview) {
		if len(row) > 2 && row[0] == "报送情况" {
			shown[row[1]] = row[2]
		}
	}
	for _, s := range gyqc.ShownStates {
		if counts[s] == 0 && s == gyqc.StateNotYetDue {
			continue
		}
		got := shown[s.Label()]
		if s == gyqc.StateNotYetDue {
			got = shown[s.Label()+"（未到截止时间）"]
		}
		if got != fmt.Sprint(counts[s]) {
			t.Errorf("总览 counts %s %q, status %d", s.Label(), got, counts[s])
		}
	}
}

// flatten joins each row's cells with a tab.
func flatten(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r, "\t")
	}
	return out
}
