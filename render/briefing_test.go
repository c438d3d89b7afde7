package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

// TestBriefing renders the briefing of each month from a workspace and reads it back with
// poppler and qpdf.
func TestBriefing(t *testing.T) {
	fs := testFonts(t)
	for _, tc := range briefCases {
		t.Run(tc.Name, func(t *testing.T) {
			plan := planfile.Default()
			period := gyqc.MustPeriod(tc.Period)
			w := newBriefWorld(t, plan)
			tc.Build(w, period)
			var now time.Time
			if tc.Now > 0 {
				now = plan.Due(period).Add(-tc.Now)
			}
			ev, err := gyqc.Evaluate(plan, period, w.Stored(w.Plan.Horizon.Last), now)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Briefing(plan, ev, BriefOptions{Fonts: fs, Annex: AnnexFull})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if *pagesDir != "" {
				dir = filepath.Join(*pagesDir, strings.ReplaceAll(tc.Name, " ", "-"))
				os.MkdirAll(dir, 0o755)
			}
			path := filepath.Join(dir, "briefing.pdf")
			if err := doc.WriteFile(path); err != nil {
				t.Fatal(err)
			}
			if *pagesDir != "" {
				run(t, "pdftoppm", "poppler-utils", "-r", "60", "-png", path, filepath.Join(dir, "page"))
			}
			pages := pdfPages(t, path)
			text := readBack(pages)

			t.Run("every title, name and unit text comes back whole", func(t *testing.T) {
				for _, want := range briefingTexts(plan, ev) {
					if e := expected(fs, want); !strings.Contains(text, e) {
						t.Errorf("not found whole: %q", e)
					}
				}
			})
			t.Run("says what the month calls for", func(t *testing.T) {
				for _, want := range tc.Says {
					if !strings.Contains(text, squeeze(want)) {
						t.Errorf("does not say %q", want)
					}
				}
			})
			t.Run("every section, even with nothing to report", func(t *testing.T) {
				got := outlines(t, path)
				for _, want := range []string{"一、总体情况", "二、主要指标完成情况", "三、重点任务推进情况", "四、存在问题和需协调事项",
					"五、报送及考核情况", "附件1　" + annexTasks, "附件2　" + annexIndicators} {
					if !containsLine(got, want) {
						t.Errorf("no bookmark %q in %q", want, got)
					}
				}
			})
			t.Run("tables repeat their headers", func(t *testing.T) {
				for _, header := range []string{"单位进展状态报送内容"} {
					if n := pagesWith(pages, header); n < 2 {
						t.Errorf("header %q on %d pages, want the table to span pages with its header", header, n)
					}
				}
			})
			t.Run("fonts embedded, file sound", func(t *testing.T) {
				for _, f := range pdfFonts(t, path) {
					if !f.Embedded || !f.Unicode {
						t.Errorf("font %+v not embedded with a Unicode map", f)
					}
				}
				if out := run(t, "qpdf", "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
					t.Error(out)
				}
			})
			t.Run("nothing outside the text block, nothing overlapping", func(t *testing.T) {
				checkLayout(t, path)
			})
			t.Run("the body fits 4 to 8 pages", func(t *testing.T) {
				short, err := Briefing(plan, ev, BriefOptions{Fonts: fs, Annex: AnnexNone})
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(t.TempDir(), "short.pdf")
				if err := short.WriteFile(path); err != nil {
					t.Fatal(err)
				}
				if n := len(pdfPages(t, path)); n < 2 || n > 8 {
					t.Errorf("%d pages without annex, want at most 8", n)
				}
			})
			if tc.Golden != "" {
				t.Run("golden text", func(t *testing.T) {
					golden(t, filepath.Join("testdata", tc.Golden), goldenText(pages))
				})
			}
		})
	}
}

// TestBriefingReplacements checks that characters the PDF cannot carry are reported and
// drawn as a visible mark, and that the rest of their text survives.
func TestBriefingReplacements(t *testing.T) {
	fs := testFonts(t)
	plan := planfile.Default()
	p := gyqc.MustPeriod("2025-06")
	w := newBriefWorld(t, plan).Fill(p, p)
	w.Task("sww", p, 18).Progress = rareProgress
	doc, err := Briefing(plan, evaluate(t, plan, p, w.Subs), BriefOptions{Fonts: fs, Annex: AnnexFull})
	if err != nil {
		t.Fatal(err)
	}
	b, err := doc.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	got := map[rune]string{}
	for _, r := range doc.Replacements() {
		got[r.Rune] = r.Reason
		if !strings.Contains(r.String(), "代替") || r.Context == "" || !strings.Contains(rareProgress, r.Context) {
			t.Errorf("replacement %q: no message or context", r.String())
		}
	}
	for r, reason := range map[rune]string{'𠮷': reasonAstral, 'ꀀ': reasonNoFont} {
		if got[r] != reason {
			t.Errorf("%q: reason %q, want %q", r, got[r], reason)
		}
	}
	if len(got) != 2 {
		t.Errorf("replaced %q, want only the two characters", got)
	}
	path := filepath.Join(t.TempDir(), "b.pdf")
	os.WriteFile(path, b, 0o644)
	if text := readBack(pdfPages(t, path)); !strings.Contains(text, expected(fs, rareProgress)) {
		t.Errorf("the text around the replaced characters is not whole")
	}
}

// TestBriefingDeterministic renders the same month twice from separate evaluations and
// expects the same bytes; the issue number, date and title follow the period unless given.
func TestBriefingDeterministic(t *testing.T) {
	fs := testFonts(t)
	plan := planfile.Default()
	p := gyqc.MustPeriod("2025-06")
	w := newBriefWorld(t, plan).Fill(p.Add(-1), p)
	w.Late("fgw", p, 50*time.Hour)
	var outs [][]byte
	for i := 0; i < 2; i++ {
		doc, err := Briefing(plan, evaluate(t, plan, p, w.Subs), BriefOptions{Fonts: fs})
		if err != nil {
			t.Fatal(err)
		}
		b, err := doc.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Errorf("two renderings differ: %d and %d bytes", len(outs[0]), len(outs[1]))
	}
	path := filepath.Join(t.TempDir(), "b.pdf")
	os.WriteFile(path, outs[0], 0o644)
	info := pdfInfo(t, path)
	if info["Title"] != "工业强城建设工作简报（第34期）" || info["Subject"] != "2025年6月黔江区“工业强城”建设推进情况" {
		t.Errorf("title %q, subject %q", info["Title"], info["Subject"])
	}
	first := squeeze(pdfPages(t, path)[0])
	for _, want := range []string{"第34期", "2025年7月3日", "区“工业强城”建设工作领导小组办公室"} {
		if !strings.Contains(first, squeeze(want)) {
			t.Errorf("masthead lacks %q: %s", want, first[:min(len(first), 200)])
		}
	}
}

// TestIssueNumberDateTitle checks the defaults a briefing takes from the plan and the
// evaluation.
func TestIssueNumberDateTitle(t *testing.T) {
	plan := planfile.Default()
	loc := plan.Location()
	tests := []struct {
		Name   string
		Period string
		Build  func(w *fixture.World, p gyqc.Period)
		Now    time.Time
		Issue  int
		Date   string
		Title  string
	}{
		{"first period, nothing received", "2022-09", func(*fixture.World, gyqc.Period) {}, time.Time{}, 1, "2022年10月1日", "2022年9月黔江区“工业强城”建设推进情况"},
		{"on time: the deadline", "2025-06", func(w *fixture.World, p gyqc.Period) { w.Fill(p, p) }, time.Time{}, 34, "2025年7月1日", "2025年6月黔江区“工业强城”建设推进情况"},
		{"late report: the day it came", "2025-06", func(w *fixture.World, p gyqc.Period) { w.Fill(p, p).Late("jxw", p, 4*24*time.Hour+time.Hour) }, time.Time{}, 34, "2025年7月5日", ""},
		{"later attempt of another period does not count", "2025-05", func(w *fixture.World, p gyqc.Period) { w.Fill(p, p.Add(1)).Late("jxw", p.Add(1), 9*24*time.Hour) }, time.Time{}, 33, "2025年6月1日", ""},
		{"provisional: the evaluation time", "2025-12", func(w *fixture.World, p gyqc.Period) { w.Fill(p, p) }, time.Date(2025, 12, 28, 16, 30, 0, 0, loc), 40, "2025年12月28日", "2025年12月黔江区“工业强城”建设推进情况"},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			p := gyqc.MustPeriod(tt.Period)
			w := newBriefWorld(t, plan)
			tt.Build(w, p)
			w.Subs = append(w.Subs[:0:0], w.Subs...)
			ev, err := gyqc.Evaluate(plan, p, w.Subs, tt.Now)
			if err != nil {
				t.Fatal(err)
			}
			if got := IssueNumber(plan, p); got != tt.Issue {
				t.Errorf("issue %d, want %d", got, tt.Issue)
			}
			if got := ChineseDate(IssueDate(ev)); got != tt.Date {
				t.Errorf("date %s, want %s", got, tt.Date)
			}
			if got := IssueTitle(plan, p); tt.Title != "" && got != tt.Title {
				t.Errorf("title %s, want %s", got, tt.Title)
			}
		})
	}
}

// TestBriefingOptions checks that a chosen issue number, date and title are used.
func TestBriefingOptions(t *testing.T) {
	fs := testFonts(t)
	plan := planfile.Default()
	p := gyqc.MustPeriod("2025-06")
	doc, err := Briefing(plan, evaluate(t, plan, p, nil), BriefOptions{Fonts: fs, IssueNo: 7,
		Date: time.Date(2025, 7, 9, 10, 0, 0, 0, plan.Location()), Title: "2025年上半年“工业强城”建设推进情况"})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b.pdf")
	if err := doc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, path)
	first, last := squeeze(pages[0]), squeeze(pages[len(pages)-1])
	for _, want := range []string{"第7期", "2025年7月9日", "2025年上半年“工业强城”建设推进情况"} {
		if !strings.Contains(first, want) {
			t.Errorf("first page lacks %q", want)
		}
	}
	if !strings.Contains(last, "2025年7月9日印发") || !strings.Contains(last, squeeze(plan.Briefing.Issuer)) {
		t.Errorf("the 报尾 lacks the issuer or the date: %s", last)
	}
	for _, want := range []string{"区委考核办", "报：", "送：", "发："} {
		if !strings.Contains(last, want) {
			t.Errorf("the 报尾 lacks %q: %s", want, last)
		}
	}
	if strings.Contains(last, squeeze(plan.Briefing.Printer)) {
		t.Errorf("the 报尾 names the plan's own printer %q", plan.Briefing.Printer)
	}
	if _, err := Briefing(nil, nil, BriefOptions{Fonts: fs}); err == nil {
		t.Error("a briefing without a plan should fail")
	}
}
