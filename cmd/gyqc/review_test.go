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

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/templates"
)

// desk is a workspace with the templates of May 2025 issued, real returns filled from the
// sample generator, and a clock the test moves; each step runs a command as the office would.
type desk struct {
	t     *testing.T
	ctx   context.Context
	plan  *gyqc.Plan
	gen   *samples.Generator
	dir   string
	ws    string
	fonts []string
	now   time.Time
}

func newDesk(t *testing.T) *desk {
	t.Helper()
	o := &desk{t: t, ctx: context.Background(), plan: planfile.Default(), dir: t.TempDir(), fonts: briefFonts(t)}
	t.Setenv("GYQC_FONT", "")
	o.ws = filepath.Join(o.dir, "ws")
	var err error
	if o.gen, err = samples.New(o.plan, defaultSampleSeed); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"2025-05", "2025-06"} {
		if err := issueIn(o.ctx, o.ws, o.plan, issueOptions{Period: gyqc.MustPeriod(p), Out: filepath.Join(o.dir, "templates", p),
			Now: func() time.Time { return time.Date(2025, 5, 25, 9, 0, 0, 0, o.plan.Location()) }}, &strings.Builder{}); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

// at sets the clock to a time written in the plan's time zone.
func (o *desk) at(s string) {
	o.t.Helper()
	t, err := parseAsOf(s, o.plan.Location())
	if err != nil {
		o.t.Fatal(err)
	}
	o.now = t
}

func (o *desk) clock() time.Time { return o.now }

// send writes the returns of the units for period into a new folder, each progress text with
// more added, and collects them as received at the clock's time.
func (o *desk) send(period, more string, units ...string) string {
	o.t.Helper()
	return o.sendWith(period, func(r *samples.Return) {
		for i := range r.Tasks {
			r.Tasks[i].Progress += more
		}
	}, units...)
}

// sendWith writes the returns of the units for period into a new folder, each changed by
// edit, and collects them as received at the clock's time.
func (o *desk) sendWith(period string, edit func(*samples.Return), units ...string) string {
	o.t.Helper()
	p := gyqc.MustPeriod(period)
	in := filepath.Join(o.dir, "inbox", period+"_"+o.now.Format("0102150405"))
	os.MkdirAll(in, 0o755)
	for _, code := range units {
		ret, err := o.gen.Return(code, p)
		if err != nil {
			o.t.Fatal(err)
		}
		edit(ret)
		name := templates.FileName(p, o.plan.Registry.Unit(code))
		tmpl, err := os.ReadFile(filepath.Join(o.dir, "templates", period, name))
		if err != nil {
			o.t.Fatal(err)
		}
		data, err := samples.Fill(tmpl, ret)
		if err != nil {
			o.t.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, name), data, 0o644)
	}
	var out strings.Builder
	err := runCollect(o.ctx, o.plan, collectOptions{Workspace: o.ws, Period: p, Paths: []string{in}, Received: o.now,
		Now: o.clock, Actor: "收件员"}, &out)
	if err != nil {
		o.t.Fatalf("collect: %v\n%s", err, out.String())
	}
	return out.String()
}

// status returns the period's status as JSON.
func (o *desk) status(period string) statusJSON {
	o.t.Helper()
	var out strings.Builder
	if err := runStatus(o.ctx, o.plan, statusOptions{Workspace: o.ws, Period: gyqc.MustPeriod(period), JSON: true, Now: o.now}, &out); err != nil {
		o.t.Fatal(err)
	}
	var s statusJSON
	if err := json.Unmarshal([]byte(out.String()), &s); err != nil {
		o.t.Fatal(err)
	}
	return s
}

type statusJSON struct {
	Locked *gyqc.Lock   `json:"locked"`
	Units  []statusUnit `json:"units"`
}

func (s statusJSON) unit(code string) statusUnit {
	for _, u := range s.Units {
		if u.Code == code {
			return u
		}
	}
	return statusUnit{}
}

// outputs asks consolidate and brief for the period's workbook and briefing and returns them.
func (o *desk) outputs(period, name string) (book, pdf []byte) {
	o.t.Helper()
	p := gyqc.MustPeriod(period)
	bookPath, pdfPath := filepath.Join(o.dir, "out", name+".xlsx"), filepath.Join(o.dir, "out", name+".pdf")
	var out strings.Builder
	if err := runConsolidate(o.ctx, o.plan, consolidateOptions{Workspace: o.ws, Period: p, Out: bookPath, Now: o.now}, &out); err != nil {
		o.t.Fatal(err)
	}
	if err := runBrief(o.ctx, o.plan, briefOptions{Workspace: o.ws, Period: p, Out: pdfPath, SystemFonts: o.fonts, Warn: &out}, &out); err != nil {
		o.t.Fatal(err)
	}
	book, _ = os.ReadFile(bookPath)
	pdf, _ = os.ReadFile(pdfPath)
	return book, pdf
}

// TestReviewLockEndToEnd runs a month through the office's review and sign-off: a manual
// return reaches the unit's 退回意见单 and its state, the correction in time is 按期更正, the
// locked period's workbook and briefing stay byte-identical after a late return (kept as
// 补报 and shown in the next briefing), unlock is recorded with its reason, and gyqc log
// shows every step.
func TestReviewLockEndToEnd(t *testing.T) {
	o := newDesk(t)
	may := gyqc.MustPeriod("2025-05")
	everyone := o.unitsBut("fgw") // fgw reports only after the lock
	o.at("2025-05-30 10:00")
	o.send("2025-05", "", everyone...)

	// The review list, then a manual return with the office's words and a date.
	o.at("2025-06-02 09:00")
	var out strings.Builder
	if err := runReviewList(o.ctx, o.plan, may, reviewOptions{Workspace: o.ws, Now: o.clock}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "待审核 35，已审核 0，退回 0") {
		t.Errorf("review list:\n%s", out.String())
	}
	until, _ := parseUntil("2025-06-05", o.plan.Location())
	out.Reset()
	const words = "本月工作进展过于笼统，请写明签约项目名称和金额"
	err := runReview(o.ctx, o.plan, reviewOptions{Workspace: o.ws, Now: o.clock, Request: reqFor(may, "jxw", "王科长", func(r *reviewRequest) {
		r.Return, r.Until = words, until
	})}, &out)
	if err != nil {
		t.Fatal(err)
	}
	sheet := between(out.String(), "退回意见单：", "\n")
	assertSheetHas(t, sheet, words, "2025-06-05 23:59前", "区经济信息委")
	if u := o.status("2025-05").unit("jxw"); u.State != gyqc.StateRefused || u.Review != gyqc.ReviewReturned || !strings.Contains(u.Returned, words) {
		t.Errorf("jxw after the return: %+v", u)
	}

	// Corrected before the date set: 按期更正, not 迟报; then accepted.
	o.at("2025-06-04 16:00")
	o.send("2025-05", "（已按审核意见补充签约项目名称和金额）", "jxw")
	if u := o.status("2025-05").unit("jxw"); u.State != gyqc.StateOnTime || u.Label != "按时报送（按期更正）" || u.Review != gyqc.ReviewPending {
		t.Errorf("jxw after the correction: %+v", u)
	}
	o.at("2025-06-05 09:00")
	if err := runReview(o.ctx, o.plan, reviewOptions{Workspace: o.ws, Now: o.clock, Request: reqFor(may, "jxw", "王科长", func(r *reviewRequest) { r.Accept = true })}, &out); err != nil {
		t.Fatal(err)
	}

	// Sign-off: the stored files come back from consolidate and brief.
	o.at("2025-06-06 10:00")
	out.Reset()
	if err := runLock(o.ctx, o.plan, lockOptions{Workspace: o.ws, Period: may, SignedBy: "李主任", SystemFonts: o.fonts, Now: o.clock}, &out); err != nil {
		t.Fatal(err)
	}
	book1, pdf1 := o.outputs("2025-05", "locked-1")
	stored, _ := os.ReadFile(filepath.Join(o.ws, "consolidated", "2025-05_月度汇总.xlsx"))
	if len(book1) == 0 || !bytes.Equal(book1, stored) {
		t.Fatalf("consolidate of a locked period does not give the stored workbook")
	}

	// A late return after the lock: kept as 补报, nothing of May changes.
	o.at("2025-06-10 15:00")
	if got := o.send("2025-05", "", "fgw"); !strings.Contains(got, "作为补报保存，在2025年6月的简报中列出") {
		t.Errorf("collect does not say the file is a 补报:\n%s", got)
	}
	book2, pdf2 := o.outputs("2025-05", "locked-2")
	if !bytes.Equal(book1, book2) || !bytes.Equal(pdf1, pdf2) {
		t.Errorf("a late return changed the locked period's files: workbook same %v, briefing same %v", bytes.Equal(book1, book2), bytes.Equal(pdf1, pdf2))
	}
	o.checkLockedUnderChangedPlan(book1, pdf1)
	if u := o.status("2025-05").unit("fgw"); u.State != gyqc.StateMissing || u.Supplements != 1 {
		t.Errorf("fgw in the locked May: %+v", u)
	}
	if _, err := runReviewErr(o, may, "fgw"); !strings.Contains(gyqc.ErrorMessage(err), "签发锁定") {
		t.Errorf("review of a locked period: %v", err)
	}
	// The June briefing names the 补报.
	o.at("2025-07-02 09:00")
	_, junePDF := o.outputs("2025-06", "june")
	if text := pdfText(t, junePDF); !strings.Contains(text, "锁定后补报（1份）：区发展改革委补报2025年5月的报送材料") {
		t.Errorf("the June briefing does not show the 补报")
	}

	// Unlock: refused without a reason, recorded with it; the late return counts again.
	var stderr bytes.Buffer
	if code := run(o.ctx, []string{"gyqc", "-w", o.ws, "unlock", "--period", "2025-05"}, &out, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "--reason") {
		t.Errorf("unlock without a reason: exit %d, %s", code, stderr.String())
	}
	const reason = "发改委补报数据须计入5月汇总"
	if err := runUnlock(o.ctx, o.plan, unlockOptions{Workspace: o.ws, Period: may, By: "李主任", Reason: reason, Now: o.clock}, &out); err != nil {
		t.Fatal(err)
	}
	if s := o.status("2025-05"); s.Locked != nil || s.unit("fgw").State != gyqc.StateLate {
		t.Errorf("after unlock: locked %v, fgw %+v", s.Locked, s.unit("fgw"))
	}
	book3, _ := o.outputs("2025-05", "unlocked")
	if bytes.Equal(book1, book3) {
		t.Error("after unlock the workbook should count the late return")
	}

	o.checkReviewLog(book3, words, reason, len(everyone))
}

// unitsBut returns the codes of the responsible units other than unit.
func (o *desk) unitsBut(unit string) []string {
	var codes []string
	for _, u := range o.plan.ResponsibleUnits() {
		if u.Code != unit {
			codes = append(codes, u.Code)
		}
	}
	return codes
}

// checkLockedUnderChangedPlan: even a plan changed since the sign-off gives the stored files
// of the locked May (book and pdf).
func (o *desk) checkLockedUnderChangedPlan(book1, pdf1 []byte) {
	t := o.t
	t.Helper()
	changed, probs := planfile.Load("plan.yaml", bytes.Replace(planfile.DefaultPlanFile, []byte("区“工业强城”建设工作领导小组办公室"), []byte("区工业强城办"), -1),
		"units.yaml", planfile.DefaultUnitsFile)
	if changed == nil {
		t.Fatal(probs)
	}
	real := o.plan
	o.plan = changed
	book4, pdf4 := o.outputs("2025-05", "locked-3")
	o.plan = real
	if !bytes.Equal(book1, book4) || !bytes.Equal(pdf1, pdf4) {
		t.Errorf("a changed plan changed the locked period's files: workbook same %v, briefing same %v", bytes.Equal(book1, book4), bytes.Equal(pdf1, pdf4))
	}
}

// checkReviewLog: gyqc log shows each step, in order, with who did it (the return with its
// words after the first collect of n units, the unlock with its reason); the workbook book3's
// 审核记录 too.
func (o *desk) checkReviewLog(book3 []byte, words, reason string, n0 int) {
	t := o.t
	t.Helper()
	var out, stderr bytes.Buffer
	if code := run(o.ctx, []string{"gyqc", "-w", o.ws, "log", "--period", "2025-05", "--json"}, &out, &stderr); code != 0 {
		t.Fatalf("log: exit %d %s", code, stderr.String())
	}
	var log struct {
		Entries []struct {
			Time                        time.Time
			Actor, Action, Unit, Detail string
		} `json:"entries"`
	}
	if err := json.Unmarshal([]byte(out.String()), &log); err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, e := range log.Entries {
		if e.Time.IsZero() || e.Actor == "" || e.Detail == "" {
			t.Errorf("incomplete entry %+v", e)
		}
		step := e.Action + ":" + e.Actor
		if n := len(steps); n == 0 || steps[n-1] != step {
			steps = append(steps, step)
		}
	}
	want := "collect:收件员 review:王科长 collect:收件员 review:王科长 lock:李主任 collect:收件员 unlock:李主任"
	if got := strings.Join(steps, " "); got != want {
		t.Errorf("log steps\n got %s\nwant %s", got, want)
	}
	n := len(log.Entries)
	if e := log.Entries[n-1]; !strings.Contains(e.Detail, reason) {
		t.Errorf("unlock entry %q lacks the reason", e.Detail)
	}
	if e := log.Entries[n-2]; e.Unit != "fgw" || !strings.Contains(e.Detail, "补报") {
		t.Errorf("late collect entry %+v", e)
	}
	if e := log.Entries[n0]; e.Unit != "jxw" || !strings.Contains(e.Detail, words) {
		t.Errorf("return entry %+v", e)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book3))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("审核记录")
	if len(rows) != n+1 || !strings.Contains(strings.Join(rows[n], "|"), reason) {
		t.Errorf("审核记录 has %d rows for %d entries", len(rows), n)
	}
}

type reviewRequest = struct {
	Accept bool
	Return string
	Until  time.Time
}

// TestReviewLockUsageErrors checks the command lines that are refused before anything is
// read, each with its exit code and a message saying what to write.
func TestReviewLockUsageErrors(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	tests := []struct {
		Name string
		Args []string
		Code int
		Msg  string
	}{
		{"review without a unit", []string{"review", "--period", "2025-06", "--accept"}, exitUsage, "--unit"},
		{"accept and return", []string{"review", "--period", "2025-06", "--unit", "jxw", "--accept", "--return", "x"}, exitUsage, "只能选一个"},
		{"return without words", []string{"review", "--period", "2025-06", "--unit", "jxw", "--return", " "}, exitUsage, "退回意见"},
		{"until without a return", []string{"review", "--period", "2025-06", "--unit", "jxw", "--accept", "--until", "2025-07-04"}, exitUsage, "--until"},
		{"until malformed", []string{"review", "--period", "2025-06", "--unit", "jxw", "--return", "x", "--until", "七月四日"}, exitUsage, "更正期限"},
		{"lock without a signer", []string{"lock", "--period", "2025-06"}, exitUsage, "--signed-by"},
		{"unlock without a reason", []string{"unlock", "--period", "2025-06"}, exitUsage, "--reason"},
		{"log with an argument", []string{"log", "--period", "2025-06", "x"}, exitUsage, "不接受参数"},
		{"review without a workspace", []string{"review", "--period", "2025-06", "--list"}, exitInvalid, "工作区不存在"},
	}
	for _, tc := range tests {
		t.Run(tc.Name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), append([]string{"gyqc", "-w", ws}, tc.Args...), &out, &errb)
			if code != tc.Code || !strings.Contains(errb.String(), tc.Msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errb.String(), tc.Code, tc.Msg)
			}
		})
	}
}
