package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
	"github.com/qianjiang/gyqc/templates"
)

// TestBrowser drives the portal, run as `gyqc serve` in another process, with a real
// headless Chromium: a unit with JavaScript off, drag and drop with it on, the office's live
// board, another unit's link, and a `gyqc collect` in another process meanwhile.
func TestBrowser(t *testing.T) {
	b := &browserRun{dl: t.TempDir(), dir: t.TempDir(), plan: planfile.Default()}
	b.ctx = browserFor(t, b.dl)
	b.ws = filepath.Join(b.dir, "ws")
	startServe(t, b.ws, "--period", "2025-06")
	b.links = linksOf(t, b.ws, "2025-06")
	b.unit = newTab(t, b.ctx, false)
	b.gen, _ = samples.New(b.plan, 7)
	t.Run("unit opens its link", b.unitOpens)
	t.Run("downloads its template", b.downloadsTemplate)
	if b.template == nil {
		t.FailNow()
	}
	t.Run("uploads a filled one with JavaScript off and sees 已接收", b.uploadAccepted)
	t.Run("uploads a broken one and sees the problems", b.uploadBroken)
	t.Run("uploads one with an estimate and reads 已接收（有警告）", b.uploadWarned)
	t.Run("drops a file with JavaScript on", b.dropFile)
	t.Run("the office board shows the change without a reload", b.officeBoard)
	t.Run("another unit's link cannot see or upload for the first", b.otherLink)
}

// browserRun is the world TestBrowser's steps share: the download folder, the served
// workspace and its links, the unit's tab (JavaScript off) and the template it downloaded.
type browserRun struct {
	ctx      context.Context
	dl, dir  string
	ws       string
	links    map[string]string
	plan     *gyqc.Plan
	unit     context.Context
	template []byte
	gen      *samples.Generator
}

// fill returns the path of jxw's June return filled into the downloaded template, edited.
func (b *browserRun) fill(t *testing.T, name string, edit ...func(*samples.Return)) string {
	ret, _ := b.gen.Return("jxw", gyqc.MustPeriod("2025-06"))
	for _, e := range edit {
		e(ret)
	}
	data, err := samples.Fill(b.template, ret)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, filepath.Join(b.dir, "filled"), name, data)
}

// unitOpens: the unit opens its link: its name, 未报送.
func (b *browserRun) unitOpens(t *testing.T) {
	if err := chromedp.Do(b.unit, chromedp.Navigate(b.links["jxw"])); err != nil {
		t.Fatal(err)
	}
	if h := text(t, b.unit, "h1"); h != "区经济信息委" {
		t.Errorf("heading %q", h)
	}
	if st := text(t, b.unit, ".state .label"); !strings.Contains(st, "未报送") {
		t.Errorf("state %q", st)
	}
	shot(t, b.unit, "unit-desktop.png", 1280, 900)
	shot(t, b.unit, "unit-phone.png", 390, 844)
}

// downloadsTemplate: the unit downloads its template, named for the period and unit.
func (b *browserRun) downloadsTemplate(t *testing.T) {
	if err := chromedp.Do(b.unit, chromedp.Click(chromedp.CSS(`a[href="template"]`))); err != nil {
		t.Fatal(err)
	}
	path := waitFile(t, b.dl, ".xlsx")
	b.template, _ = os.ReadFile(path)
	ret, _, err := templates.ReadBytes(b.template, b.plan)
	if err != nil || ret == nil || ret.Meta.Unit != "jxw" || ret.Meta.Period != gyqc.MustPeriod("2025-06") {
		t.Fatalf("downloaded %s: %v", filepath.Base(path), err)
	}
	if !strings.HasPrefix(filepath.Base(path), "2025-06_jxw_") {
		t.Errorf("saved as %s", filepath.Base(path))
	}
}

// uploadAccepted: a filled return uploaded with JavaScript off is 已接收, and the page's script did not run.
func (b *browserRun) uploadAccepted(t *testing.T) {
	uploadForm(t, b.unit, b.fill(t, "区经信委6月报表.xlsx"))
	if got := text(t, b.unit, ".outcome strong"); !strings.HasPrefix(got, "已接收") {
		t.Errorf("outcome %q", got)
	}
	if got := text(t, b.unit, ".receipt"); !strings.Contains(got, "第 1 版") || !strings.Contains(got, "区经信委6月报表.xlsx") {
		t.Errorf("receipt %q", got)
	}
	shot(t, b.unit, "result-accepted-phone.png", 390, 844)
	// The page's script did not run: the drag-and-drop note is still hidden... on the result
	// page there is none, so look at the unit's page again.
	chromedp.Do(b.unit, chromedp.Navigate(b.links["jxw"]))
	hidden, err := chromedp.Run(b.unit, chromedp.Evaluate[bool](`document.getElementById("dragnote").className.indexOf("hidden") >= 0`))
	if err != nil || !hidden {
		t.Errorf("JavaScript ran in the tab without JavaScript (%v)", err)
	}
	if st := text(t, b.unit, ".state .label"); !strings.Contains(st, "迟报") && !strings.Contains(st, "按时报送") {
		t.Errorf("state after upload %q", st)
	}
}

// uploadBroken: a broken return uploaded lists its problems by cell and offers its 问题标注 copy.
func (b *browserRun) uploadBroken(t *testing.T) {
	uploadForm(t, b.unit, b.fill(t, "有错误的报表.xlsx", brokenReturn))
	if got := text(t, b.unit, ".outcome strong"); got != "退回" {
		t.Errorf("outcome %q", got)
	}
	rows, err := chromedp.Run(b.unit, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("table.problems tbody tr")).map(r => r.innerText)`))
	if err != nil || len(rows) == 0 {
		t.Fatalf("no problems listed (%v)", err)
	}
	cells := 0
	for _, r := range rows {
		if strings.Contains(r, "单元格") {
			cells++
		}
	}
	if cells == 0 {
		t.Errorf("no problem names its cell: %q", rows)
	}
	shot(t, b.unit, "result-refused-desktop.png", 1280, 900)
	shot(t, b.unit, "result-refused-phone.png", 390, 844)
	if err := chromedp.Do(b.unit, chromedp.Click(chromedp.CSS(`a[href$="marked"]`))); err != nil {
		t.Fatal(err)
	}
	if p := waitFile(t, b.dl, "问题标注.xlsx"); p == "" {
		t.Error("no 问题标注 downloaded")
	}
}

// dropFile: a file dropped with JavaScript on is received.
func (b *browserRun) dropFile(t *testing.T) {
	js := newTab(t, b.ctx, true)
	if err := chromedp.Do(js, chromedp.Navigate(b.links["jxw"]), chromedp.WaitVisible(chromedp.CSS("#dragnote"))); err != nil {
		t.Fatalf("the drag-and-drop note is not shown: %v", err)
	}
	// Drop the blank template (fetched by the page) on the box, as a file dragged from the desktop.
	drop := `fetch("template").then(r => r.blob()).then(b => {
		const dt = new DataTransfer();
		dt.items.add(new File([b], "拖进来的模板.xlsx", {type: b.type}));
		const box = document.getElementById("drop");
		box.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		box.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true;
	})`
	if _, err := chromedp.Run(js, chromedp.Evaluate[bool](drop, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(js, chromedp.WaitVisible(chromedp.CSS(".outcome"))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, js, ".receipt"); !strings.Contains(got, "拖进来的模板.xlsx") {
		t.Errorf("receipt %q", got)
	}
}

// officeBoard: the office board shows uploads and another process's collect without a reload; returns by mail uploaded by the office.
func (b *browserRun) officeBoard(t *testing.T) {
	office := newTab(t, b.ctx, true)
	if err := chromedp.Do(office, chromedp.Navigate(strings.TrimSuffix(b.links["jxw"], "/u/"+tokenOf(b.links["jxw"])+"/")+"/office/"),
		chromedp.WaitVisible(chromedp.CSS("#password"))); err != nil {
		t.Fatal(err)
	}
	shot(t, office, "login-phone.png", 390, 844)
	if err := chromedp.Do(office, chromedp.SendKeys(chromedp.CSS("#password"), officeToken(t, b.ws)),
		chromedp.Click(chromedp.CSS(`form.login button`)), chromedp.WaitVisible(chromedp.CSS("#u-fgw"))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, office, "#u-fgw"); !strings.Contains(got, "未报送") {
		t.Fatalf("fgw before: %q", got)
	}
	chromedp.Run(office, chromedp.Evaluate[bool](`window.notReloaded = true`))
	if _, code, err := postFile(context.Background(), b.links["fgw"], "发改委.xlsx", filledReturn(t, b.ws, "fgw", "2025-06")); err != nil || code != 200 {
		t.Fatalf("upload: %d %v", code, err)
	}
	waitText(t, office, "#u-fgw", "迟报")
	// A `gyqc collect` in another process while the server runs.
	inbox := filepath.Join(b.dir, "inbox")
	writeFile(t, inbox, "科技局.xlsx", filledReturn(t, b.ws, "kjj", "2025-06"))
	if out, err := gyqcCommand(b.ws, "collect", "--period", "2025-06", inbox).CombinedOutput(); err != nil {
		t.Fatalf("collect while serving: %v\n%s", err, out)
	}
	waitText(t, office, "#u-kjj", "迟报")
	if kept, err := chromedp.Run(office, chromedp.Evaluate[bool](`window.notReloaded === true`)); err != nil || !kept {
		t.Errorf("the board page was reloaded (%v)", err)
	}
	shot(t, office, "board-desktop.png", 1280, 900)
	shot(t, office, "board-phone.png", 390, 844)
	// Clicked from the page itself: the board may be replaced between finding a node and clicking it.
	if _, err := chromedp.Run(office, chromedp.Evaluate[bool](`document.querySelector("#u-jxw a").click(), true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(office, chromedp.WaitVisible(chromedp.CSS("details.version"))); err != nil {
		t.Fatal(err)
	}
	shot(t, office, "office-unit-desktop.png", 1280, 900)
	// Returns that came by mail, several at once, with the time they arrived.
	mail := []string{writeFile(t, filepath.Join(b.dir, "mail"), "财政局.xlsx", filledReturn(t, b.ws, "czj", "2025-06")),
		writeFile(t, filepath.Join(b.dir, "mail"), "金融办.xlsx", filledReturn(t, b.ws, "jrb", "2025-06", brokenReturn))}
	if err := chromedp.Do(office, chromedp.Navigate(strings.Replace(b.links["jxw"], "/u/"+tokenOf(b.links["jxw"])+"/", "/office/upload", 1)),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), mail),
		chromedp.SetValue(chromedp.CSS(`input[name="received"]`), "2025-06-30T16:20"),
		chromedp.Click(chromedp.CSS("#send")), chromedp.WaitVisible(chromedp.CSS("table.list"))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, office, "main"); !strings.Contains(got, "收取 2 个文件，接收 1") || !strings.Contains(got, "2025-06-30 16:20:00") {
		t.Errorf("office upload: %q", got)
	}
	shot(t, office, "office-upload-desktop.png", 1280, 900)
	waitText(t, office, "main", "收取 2 个文件")
	if err := chromedp.Do(office, chromedp.Navigate(strings.Replace(b.links["jxw"], "/u/"+tokenOf(b.links["jxw"])+"/", "/office/", 1))); err != nil {
		t.Fatal(err)
	}
	waitText(t, office, "#u-czj", "按时报送")
	shot(t, office, "board-later-desktop.png", 1280, 900)
}

// otherLink: another unit's link can neither see the first's versions nor upload for it.
func (b *browserRun) otherLink(t *testing.T) {
	other := b.links["fgw"]
	if err := chromedp.Do(b.unit, chromedp.Navigate(other+"v/2/")); err != nil {
		t.Fatal(err)
	}
	if h := text(t, b.unit, "h1"); h != "链接无效" {
		t.Errorf("fgw's link shows jxw's version 2: %q", h)
	}
	chromedp.Do(b.unit, chromedp.Navigate(other))
	if body := text(t, b.unit, "main"); strings.Contains(body, "区经信委6月报表.xlsx") || strings.Contains(body, "区经济信息委") {
		t.Errorf("fgw's page shows jxw's uploads")
	}
	uploadForm(t, b.unit, b.fill(t, "经信委的表.xlsx"))
	if got := text(t, b.unit, ".outcome strong"); got != "退回" {
		t.Errorf("jxw's file through fgw's link: %q", got)
	}
	if body := text(t, b.unit, "main"); !strings.Contains(body, "区经济信息委的模板") {
		t.Errorf("the refusal does not say why")
	}
	st, err := store.Open(context.Background(), b.ws, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	subs, _ := st.Submissions(context.Background(), gyqc.MustPeriod("2025-06"), gyqc.MustPeriod("2025-06"))
	for _, s := range subs {
		if s.FileName == "经信委的表.xlsx" {
			t.Errorf("recorded as %s version %d", s.Unit, s.Version)
		}
	}
}
