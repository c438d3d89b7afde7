package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/store"
)

// cycle is a workspace with the templates of one period issued.
type cycle struct {
	t         *testing.T
	plan      *gyqc.Plan
	period    gyqc.Period
	workspace string
	templates string
	inbox     string
	// mailMemory is collect's budget for bytes taken out of mail (collectOptions.MailMemory).
	mailMemory int64
}

func newCycle(t *testing.T, period string) *cycle {
	t.Helper()
	dir := t.TempDir()
	c := &cycle{t: t, plan: planfile.Default(), period: gyqc.MustPeriod(period), workspace: filepath.Join(dir, "ws"),
		templates: filepath.Join(dir, "templates", period), inbox: filepath.Join(dir, "inbox")}
	c.issue(period)
	os.MkdirAll(c.inbox, 0o755)
	return c
}

func (c *cycle) issue(period string) {
	c.t.Helper()
	var out strings.Builder
	err := issueIn(context.Background(), c.workspace, c.plan, issueOptions{Period: gyqc.MustPeriod(period), Out: filepath.Join(filepath.Dir(c.templates), period),
		Now: func() time.Time { return time.Date(2025, 6, 25, 9, 0, 0, 0, c.plan.Location()) }}, &out)
	if err != nil {
		c.t.Fatalf("issue: %v\n%s", err, out.String())
	}
}

// template returns the issued template of unit for period.
func (c *cycle) template(period, unit string) string {
	c.t.Helper()
	m, _ := filepath.Glob(filepath.Join(filepath.Dir(c.templates), period, period+"_"+unit+"_*.xlsx"))
	if len(m) != 1 {
		c.t.Fatalf("template of %s for %s: %v", unit, period, m)
	}
	return m[0]
}

// fill fills the template of unit with openpyxl according to spec and saves it in the inbox
// as name.
func (c *cycle) fill(period, unit, name string, spec map[string]any) string {
	c.t.Helper()
	py := clients.Python(c.t)
	specPath := filepath.Join(c.t.TempDir(), "spec.json")
	b, _ := json.Marshal(spec)
	os.WriteFile(specPath, b, 0o644)
	out := filepath.Join(c.inbox, name)
	if msg, err := exec.Command(py, "testdata/fill.py", c.template(period, unit), out, specPath).CombinedOutput(); err != nil {
		c.t.Fatalf("fill %s: %v\n%s", unit, err, msg)
	}
	return out
}

// collect runs collect on paths and returns the parsed JSON result and the error.
func (c *cycle) collect(received string, paths ...string) (collectJSON, error) {
	c.t.Helper()
	var out strings.Builder
	opts := collectOptions{Workspace: c.workspace, Period: c.period, Paths: paths, JSON: true, MailMemory: c.mailMemory,
		Now: func() time.Time { return time.Date(2025, 7, 2, 9, 0, 0, 0, c.plan.Location()) }}
	if received != "" {
		var err error
		if opts.Received, err = parseReceived(received, c.plan.Location()); err != nil {
			c.t.Fatal(err)
		}
	}
	err := runCollect(context.Background(), c.plan, opts, &out)
	var res collectJSON
	if jerr := json.Unmarshal([]byte(out.String()), &res); jerr != nil {
		c.t.Fatalf("collect output is not JSON (%v): %s", jerr, out.String())
	}
	return res, err
}

type collectJSON struct {
	Files []collect.Result `json:"files"`
}

// dsjjSpec is a complete, clean return of 区大数据发展局 (leads 3, 16, 17, 18; supports 15,
// with nothing to report this month).
func dsjjSpec() map[string]any {
	return map[string]any{
		"tasks": map[string]any{
			"3":  map[string]any{"status": "正常推进", "progress": "配合推进黔江卷烟厂精品数字化生产车间建设，完成网络改造方案评审", "next": "推进网络改造施工"},
			"15": map[string]any{"status": "本月无相关工作", "progress": "", "next": ""},
			"16": map[string]any{"status": "正常推进", "progress": "本月新增“上云”企业3家，累计达56家；组织服务商开展上云培训1场", "issues": "部分企业上云意愿不强", "next": "走访企业10家"},
			"17": map[string]any{"status": "滞后", "progress": "=衡生药用胶囊5G专网项目完成设计", "issues": "+运营商投资计划未落实", "next": "-协调运营商落实投资"},
			"18": map[string]any{"status": "正常推进", "progress": "@供应链平台完成需求调研，走访龙头企业4家", "next": "编制平台建设方案"},
		},
		"values": map[string]any{"cloud-enterprises": 56, "5g-scenarios": "２"},
		"notes":  map[string]any{"5g-scenarios": "=WEBSERVICE(\"http://x\")"},
		"filler": map[string]any{"name": "王小红", "phone": "023-79223456", "reviewer": "陈局长", "date": "2025-06-28"},
	}
}

func TestCollectRoundTrip(t *testing.T) {
	c := newCycle(t, "2025-06")
	path := c.fill("2025-06", "dsjj", "来自大数据局的报表.xlsx", dsjjSpec())
	res, err := c.collect("2025-06-28 10:00", c.inbox)
	if err != nil {
		t.Fatalf("collect: %v %+v", err, res)
	}
	if len(res.Files) != 1 || res.Files[0].Unit != "dsjj" || res.Files[0].Outcome != gyqc.OutcomeAccepted {
		t.Fatalf("got %+v; want dsjj accepted (滞后 comes with its problem; the full-width digit is only a note)", res.Files)
	}
	s, err := store.Open(context.Background(), c.workspace, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	subs, _ := s.Submissions(context.Background(), c.period, c.period)
	s.Close()
	if len(subs) != 1 {
		t.Fatalf("%d submissions", len(subs))
	}
	sub := subs[0]
	spec := dsjjSpec()
	for no, want := range spec["tasks"].(map[string]any) {
		w := want.(map[string]any)
		var got *gyqc.TaskReport
		for i := range sub.Tasks {
			if no == itoa(sub.Tasks[i].Task) {
				got = &sub.Tasks[i]
			}
		}
		if got == nil || string(got.Status) != w["status"] || got.Progress != w["progress"] || got.NextPlan != w["next"] {
			t.Errorf("task %s: got %+v, want %v", no, got, w)
		}
		if iss, ok := w["issues"]; ok && got.Issues != iss {
			t.Errorf("task %s issues %q, want %q", no, got.Issues, iss)
		}
	}
	if v := sub.Value("cloud-enterprises"); v == nil || v.Value == nil || *v.Value != 56 {
		t.Errorf("cloud-enterprises: %+v", v)
	}
	if v := sub.Value("5g-scenarios"); v == nil || v.Value == nil || *v.Value != 2 || v.Raw != "２" || v.Note != `=WEBSERVICE("http://x")` {
		t.Errorf("5g-scenarios (full-width digit, formula-like note kept as text): %+v", v)
	}
	if sub.Filler.Name != "王小红" || sub.Filler.Reviewer != "陈局长" || sub.FileName != filepath.Base(path) {
		t.Errorf("filler %+v, file %s", sub.Filler, sub.FileName)
	}
	if sub.Received.In(c.plan.Location()).Format("2006-01-02 15:04") != "2025-06-28 10:00" {
		t.Errorf("received %v", sub.Received)
	}

	// The same bytes again, under another name: nothing changes.
	data, _ := os.ReadFile(path)
	again := filepath.Join(t.TempDir(), "again.xlsx")
	os.WriteFile(again, data, 0o644)
	res, err = c.collect("2025-06-29 10:00", again)
	if err != nil || !res.Files[0].Duplicate || res.Files[0].Version != 1 {
		t.Errorf("same bytes twice: %+v %v", res.Files, err)
	}
	// A corrected resubmission is version 2.
	spec["tasks"].(map[string]any)["17"].(map[string]any)["status"] = "正常推进"
	fixed := c.fill("2025-06", "dsjj", "更正.xlsx", spec)
	res, err = c.collect("2025-06-30 10:00", fixed)
	if err != nil || res.Files[0].Version != 2 || res.Files[0].Outcome != gyqc.OutcomeAccepted {
		t.Errorf("resubmission: %+v %v", res.Files, err)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestCollectRefusals(t *testing.T) {
	c := newCycle(t, "2025-06")
	c.issue("2025-05")
	// Text in a number cell and a lead unit's progress empty.
	bad := dsjjSpec()
	bad["values"] = map[string]any{"cloud-enterprises": "待统计", "5g-scenarios": 2}
	bad["tasks"].(map[string]any)["16"].(map[string]any)["progress"] = ""
	c.fill("2025-06", "dsjj", "bad.xlsx", bad)
	// Last month's template.
	c.fill("2025-05", "dsjj", "may.xlsx", dsjjSpec())
	// Not a workbook at all.
	os.WriteFile(filepath.Join(c.inbox, "notes.xlsx"), []byte("单位,数值\n大数据局,56\n"), 0o644)

	res, err := c.collect("2025-06-28 10:00", c.inbox)
	if _, ok := err.(*refusedError); !ok {
		t.Fatalf("error %v, want refusedError", err)
	}
	byName := map[string]collect.Result{}
	for _, f := range res.Files {
		byName[filepath.Base(f.File)] = f
	}
	want := map[string][]string{
		"bad.xlsx":   {"not-a-number", "progress-required"},
		"may.xlsx":   {"wrong-period"},
		"notes.xlsx": {"file-text"},
	}
	for name, rules := range want {
		f, ok := byName[name]
		if !ok || f.Outcome != gyqc.OutcomeRefused {
			t.Errorf("%s: %+v, want refused", name, f)
			continue
		}
		for _, rule := range rules {
			found := false
			for _, p := range f.Problems {
				if string(p.Rule) == rule && p.File == name {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no %s problem in %v", name, rule, f.Problems)
			}
		}
		if len(f.Feedback) == 0 {
			t.Errorf("%s: no 退回意见单", name)
		}
		for _, fb := range f.Feedback {
			if _, err := os.Stat(fb); err != nil {
				t.Errorf("%s: feedback %s: %v", name, fb, err)
			}
		}
	}
	if p := byName["may.xlsx"].Problems; len(p) == 0 || !strings.Contains(p[len(p)-1].Message, "这是2025年5月的模板") {
		t.Errorf("wrong period message: %v", p)
	}
	for _, p := range byName["bad.xlsx"].Problems {
		if p.Rule == "not-a-number" && (p.Sheet != "指标填报" || p.Cell == "" || p.Value != "待统计") {
			t.Errorf("not-a-number must name sheet, cell and value: %+v", p)
		}
	}
	// The marked copy carries comments on the bad cells (read with openpyxl).
	var marked string
	for _, fb := range byName["bad.xlsx"].Feedback {
		if strings.HasSuffix(fb, "_问题标注.xlsx") {
			marked = fb
		}
	}
	if marked == "" {
		t.Fatal("no marked copy for bad.xlsx")
	}
	script := `import openpyxl,sys
wb=openpyxl.load_workbook(sys.argv[1])
n=sum(1 for ws in wb for row in ws.iter_rows() for c in row if c.comment)
print(n)`
	out, err := exec.Command(clients.Python(t), "-c", script, marked).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "2" {
		t.Errorf("comments in the marked copy: %s %v (want 2)", out, err)
	}
	checkRefusedStatus(t, c)
}

// checkRefusedStatus: after the refusals, `gyqc status` has dsjj refused, everything else
// missing, and all 36 units to chase.
func checkRefusedStatus(t *testing.T, c *cycle) {
	t.Helper()
	var sout strings.Builder
	if err := runStatus(context.Background(), c.plan, statusOptions{Workspace: c.workspace, Period: c.period, JSON: true, Now: time.Date(2025, 7, 2, 0, 0, 0, 0, time.UTC)}, &sout); err != nil {
		t.Fatal(err)
	}
	var st struct {
		Units []struct {
			Code, State, Label string
		} `json:"units"`
		Chase []struct{ Code string } `json:"chase"`
	}
	json.Unmarshal([]byte(sout.String()), &st)
	for _, u := range st.Units {
		want := "missing"
		if u.Code == "dsjj" {
			want = "refused"
		}
		if u.State != want {
			t.Errorf("%s: state %s, want %s", u.Code, u.State, want)
		}
	}
	if len(st.Chase) != 36 {
		t.Errorf("chase list has %d units, want all 36", len(st.Chase))
	}
}

func TestCollectExitCodes(t *testing.T) {
	c := newCycle(t, "2025-06")
	os.WriteFile(filepath.Join(c.inbox, "empty.xlsx"), nil, 0o644)
	code, out, errs := runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-06", c.inbox)
	if code != exitRefused || !strings.Contains(out, "退回") || !strings.Contains(out, "empty.xlsx") {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-13", c.inbox); code != exitInvalid || !strings.Contains(errs, "例如 2025-06") {
		t.Errorf("bad period: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-06", "--received", "昨天", c.inbox); code != exitUsage || !strings.Contains(errs, "2025-06-28 10:00") {
		t.Errorf("bad received: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-06", filepath.Join(c.inbox, "none")); code != exitInvalid || !strings.Contains(errs, "找不到") {
		t.Errorf("missing path: exit %d %s", code, errs)
	}
	// A second run while the workspace is held is told it is busy.
	s, err := store.Open(context.Background(), c.workspace, store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old := store.BusyWait
	store.BusyWait = 100 * time.Millisecond
	defer func() { store.BusyWait = old }()
	if code, _, errs := runCLI(t, "--workspace", c.workspace, "collect", "--period", "2025-06", c.inbox); code != exitBusy || !strings.Contains(errs, "正被另一个 gyqc 进程使用") {
		t.Errorf("busy: exit %d %s", code, errs)
	}
}

// TestCollectLibreOfficeResave fills a template with openpyxl, re-saves it with LibreOffice as
// a LibreOffice user would, and collects it: every value read equals the value written.
func TestCollectLibreOfficeResave(t *testing.T) {
	c := newCycle(t, "2025-06")
	filled := c.fill("2025-06", "dsjj", "dsjj.xlsx", dsjjSpec())
	outDir := filepath.Join(t.TempDir(), "lo")
	os.MkdirAll(outDir, 0o755)
	if out, err := clients.SofficeRun(t, outDir, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, filled); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	resaved := filepath.Join(outDir, "dsjj.xlsx")
	res, err := c.collect("2025-06-28 10:00", resaved)
	if err != nil || len(res.Files) != 1 || res.Files[0].Unit != "dsjj" || res.Files[0].Outcome == gyqc.OutcomeRefused {
		t.Fatalf("collect the re-saved file: %v %+v", err, res.Files)
	}
	s, err := store.Open(context.Background(), c.workspace, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	subs, _ := s.Submissions(context.Background(), c.period, c.period)
	s.Close()
	sub := subs[0]
	if !strings.Contains(sub.Application, "LibreOffice") {
		t.Errorf("application %q, want LibreOffice", sub.Application)
	}
	spec := dsjjSpec()
	for no, want := range spec["tasks"].(map[string]any) {
		w := want.(map[string]any)
		for _, tr := range sub.Tasks {
			if itoa(tr.Task) == no && (tr.Progress != w["progress"] || string(tr.Status) != w["status"]) {
				t.Errorf("task %s after re-save: %+v, want %v", no, tr, w)
			}
		}
	}
	if v := sub.Value("cloud-enterprises"); v == nil || v.Value == nil || *v.Value != 56 {
		t.Errorf("cloud-enterprises after re-save: %+v", v)
	}
	if v := sub.Value("5g-scenarios"); v == nil || v.Value == nil || *v.Value != 2 || v.Note != `=WEBSERVICE("http://x")` {
		t.Errorf("5g-scenarios after re-save: %+v", v)
	}
	if sub.Filler.Name != "王小红" {
		t.Errorf("filler after re-save: %+v", sub.Filler)
	}
}
