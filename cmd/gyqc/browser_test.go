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
	dl := t.TempDir()
	ctx := browserFor(t, dl)
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	startServe(t, ws, "--period", "2025-06")
	links := linksOf(t, ws, "2025-06")
	plan := planfile.Default()
	unit := newTab(t, ctx, false)

	t.Run("unit opens its link", func(t *testing.T) {
		if err := chromedp.Do(unit, chromedp.Navigate(links["jxw"])); err != nil {
			t.Fatal(err)
		}
		if h := text(t, unit, "h1"); h != "区经济信息委" {
			t.Errorf("heading %q", h)
		}
		if st := text(t, unit, ".state .label"); !strings.Contains(st, "未报送") {
			t.Errorf("state %q", st)
		}
		shot(t, unit, "unit-desktop.png", 1280, 900)
		shot(t, unit, "unit-phone.png", 390, 844)
	})

	var template []byte
	t.Run("downloads its template", func(t *testing.T) {
		if err := chromedp.Do(unit, chromedp.Click(chromedp.CSS(`a[href="template"]`))); err != nil {
			t.Fatal(err)
		}
		path := waitFile(t, dl, ".xlsx")
		template, _ = os.ReadFile(path)
		ret, _, err := templates.ReadBytes(template, plan)
		if err != nil || ret == nil || ret.Meta.Unit != "jxw" || ret.Meta.Period != gyqc.MustPeriod("2025-06") {
			t.Fatalf("downloaded %s: %v", filepath.Base(path), err)
		}
		if !strings.HasPrefix(filepath.Base(path), "2025-06_jxw_") {
			t.Errorf("saved as %s", filepath.Base(path))
		}
	})
	if template == nil {
		t.FailNow()
	}
	gen, _ := samples.New(plan, 7)
	fill := func(name string, edit ...func(*samples.Return)) string {
		ret, _ := gen.Return("jxw", gyqc.MustPeriod("2025-06"))
		for _, e := range edit {
			e(ret)
		}
		b, err := samples.Fill(template, ret)
		if err != nil {
			t.Fatal(err)
		}
		return writeFile(t, filepath.Join(dir, "filled"), name, b)
	}

	t.Run("uploads a filled one with JavaScript off and sees 已接收", func(t *testing.T) {
		uploadForm(t, unit, fill("区经信委6月报表.xlsx"))
		if got := text(t, unit, ".outcome strong"); !strings.HasPrefix(got, "已接收") {
			t.Errorf("outcome %q", got)
		}
		if got := text(t, unit, ".receipt"); !strings.Contains(got, "第 1 版") || !strings.Contains(got, "区经信委6月报表.xlsx") {
			t.Errorf("receipt %q", got)
		}
		shot(t, unit, "result-accepted-phone.png", 390, 844)
		// The page's script did not run: the drag-and-drop note is still hidden... on the result
		// page there is none, so look at the unit's page again.
		chromedp.Do(unit, chromedp.Navigate(links["jxw"]))
		hidden, err := chromedp.Run(unit, chromedp.Evaluate[bool](`document.getElementById("dragnote").className.indexOf("hidden") >= 0`))
		if err != nil || !hidden {
			t.Errorf("JavaScript ran in the tab without JavaScript (%v)", err)
		}
		if st := text(t, unit, ".state .label"); !strings.Contains(st, "迟报") && !strings.Contains(st, "按时报送") {
			t.Errorf("state after upload %q", st)
		}
	})

	t.Run("uploads a broken one and sees the problems", func(t *testing.T) {
		uploadForm(t, unit, fill("有错误的报表.xlsx", brokenReturn))
		if got := text(t, unit, ".outcome strong"); got != "退回" {
			t.Errorf("outcome %q", got)
		}
		rows, err := chromedp.Run(unit, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("table.problems tbody tr")).map(r => r.innerText)`))
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
		shot(t, unit, "result-refused-desktop.png", 1280, 900)
		shot(t, unit, "result-refused-phone.png", 390, 844)
		if err := chromedp.Do(unit, chromedp.Click(chromedp.CSS(`a[href$="marked"]`))); err != nil {
			t.Fatal(err)
		}
		if p := waitFile(t, dl, "问题标注.xlsx"); p == "" {
			t.Error("no 问题标注 downloaded")
		}
	})

	t.Run("drops a file with JavaScript on", func(t *testing.T) {
		js := newTab(t, ctx, true)
		if err := chromedp.Do(js, chromedp.Navigate(links["jxw"]), chromedp.WaitVisible(chromedp.CSS("#dragnote"))); err != nil {
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
	})

	t.Run("the office board shows the change without a reload", func(t *testing.T) {
		office := newTab(t, ctx, true)
		if err := chromedp.Do(office, chromedp.Navigate(strings.TrimSuffix(links["jxw"], "/u/"+tokenOf(links["jxw"])+"/")+"/office/"),
			chromedp.WaitVisible(chromedp.CSS("#password"))); err != nil {
			t.Fatal(err)
		}
		shot(t, office, "login-phone.png", 390, 844)
		if err := chromedp.Do(office, chromedp.SendKeys(chromedp.CSS("#password"), officeToken(t, ws)),
			chromedp.Click(chromedp.CSS(`form.login button`)), chromedp.WaitVisible(chromedp.CSS("#u-fgw"))); err != nil {
			t.Fatal(err)
		}
		if got := text(t, office, "#u-fgw"); !strings.Contains(got, "未报送") {
			t.Fatalf("fgw before: %q", got)
		}
		chromedp.Run(office, chromedp.Evaluate[bool](`window.notReloaded = true`))
		if _, code, err := postFile(context.Background(), links["fgw"], "发改委.xlsx", filledReturn(t, ws, "fgw", "2025-06")); err != nil || code != 200 {
			t.Fatalf("upload: %d %v", code, err)
		}
		waitText(t, office, "#u-fgw", "迟报")
		// A `gyqc collect` in another process while the server runs.
		inbox := filepath.Join(dir, "inbox")
		writeFile(t, inbox, "科技局.xlsx", filledReturn(t, ws, "kjj", "2025-06"))
		if out, err := gyqcCommand(ws, "collect", "--period", "2025-06", inbox).CombinedOutput(); err != nil {
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
		mail := []string{writeFile(t, filepath.Join(dir, "mail"), "财政局.xlsx", filledReturn(t, ws, "czj", "2025-06")),
			writeFile(t, filepath.Join(dir, "mail"), "金融办.xlsx", filledReturn(t, ws, "jrb", "2025-06", brokenReturn))}
		if err := chromedp.Do(office, chromedp.Navigate(strings.Replace(links["jxw"], "/u/"+tokenOf(links["jxw"])+"/", "/office/upload", 1)),
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
		if err := chromedp.Do(office, chromedp.Navigate(strings.Replace(links["jxw"], "/u/"+tokenOf(links["jxw"])+"/", "/office/", 1))); err != nil {
			t.Fatal(err)
		}
		waitText(t, office, "#u-czj", "按时报送")
		shot(t, office, "board-later-desktop.png", 1280, 900)
	})

	t.Run("another unit's link cannot see or upload for the first", func(t *testing.T) {
		other := links["fgw"]
		if err := chromedp.Do(unit, chromedp.Navigate(other+"v/2/")); err != nil {
			t.Fatal(err)
		}
		if h := text(t, unit, "h1"); h != "链接无效" {
			t.Errorf("fgw's link shows jxw's version 2: %q", h)
		}
		chromedp.Do(unit, chromedp.Navigate(other))
		if body := text(t, unit, "main"); strings.Contains(body, "区经信委6月报表.xlsx") || strings.Contains(body, "区经济信息委") {
			t.Errorf("fgw's page shows jxw's uploads")
		}
		uploadForm(t, unit, fill("经信委的表.xlsx"))
		if got := text(t, unit, ".outcome strong"); got != "退回" {
			t.Errorf("jxw's file through fgw's link: %q", got)
		}
		if body := text(t, unit, "main"); !strings.Contains(body, "区经济信息委的模板") {
			t.Errorf("the refusal does not say why")
		}
		st, err := store.Open(context.Background(), ws, store.ReadOnly)
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
	})
}
