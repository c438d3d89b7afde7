package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/samples"
)

// browserFor starts a headless Chromium for the test (Debian's chromium; running as root
// needs --no-sandbox) with a 1280×900 window, downloads saved into dl.
func browserFor(t *testing.T, dl string) context.Context {
	t.Helper()
	exe := clients.Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900), chromedp.Flag("lang", "zh-CN"))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dl, EventsEnabled: new(true)})
		return err
	})); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// newTab opens another tab of the same browser, with JavaScript on or off.
func newTab(t *testing.T, ctx context.Context, js bool) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	return tab
}

// waitFile waits for a completed download in dir and returns its path.
func waitFile(t *testing.T, dir string, suffix string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), suffix) {
				return filepath.Join(dir, e.Name())
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no %s downloaded into %s", suffix, dir)
	return ""
}

// shot saves a screenshot of the tab's viewport at width×height (a phone emulated as a
// mobile device) into GYQC_SCREENSHOTS, or the test's temporary folder.
func shot(t *testing.T, tab context.Context, name string, width, height int64) {
	t.Helper()
	dir := os.Getenv("GYQC_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	os.MkdirAll(dir, 0o755)
	var opts []chromedp.EmulateViewportOption
	if width < 600 {
		opts = append(opts, chromedp.EmulateMobile)
	}
	if err := chromedp.Do(tab, chromedp.EmulateViewport(width, height, opts...), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
	chromedp.Do(tab, chromedp.EmulateViewport(1280, 900))
}

// text returns the text of the first element matching a CSS selector, read in the page
// (the live board replaces its nodes every few seconds, so node handles would go stale).
func text(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(tab, chromedp.Evaluate[string](`(function (e) { return e ? e.innerText : null; })(document.querySelector(`+strconv.Quote(sel)+`))`))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// uploadForm chooses a file in the page's upload form and submits it with the button, as a
// person does, and waits for the answer.
func uploadForm(t *testing.T, tab context.Context, path string) {
	t.Helper()
	tab, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(tab, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path}), chromedp.Click(chromedp.CSS("#send")),
		chromedp.WaitVisible(chromedp.CSS(".outcome"))); err != nil {
		t.Fatalf("upload %s: %v", path, err)
	}
}

// waitText waits until the element's text contains want, without reloading the page.
func waitText(t *testing.T, tab context.Context, sel, want string) {
	t.Helper()
	expr := `(document.querySelector(` + strconvQuote(sel) + `) || {textContent: ""}).textContent.indexOf(` + strconvQuote(want) + `) >= 0`
	if _, err := chromedp.Run(tab, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second), chromedp.WithPollingInterval(200*time.Millisecond))); err != nil {
		got := text(t, tab, sel)
		t.Fatalf("%s never showed %q (it shows %q): %v", sel, want, got, err)
	}
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// tokenOf is the token of a link.
func tokenOf(link string) string {
	parts := strings.Split(strings.TrimSuffix(link, "/"), "/")
	return parts[len(parts)-1]
}

// brokenReturn is a return with words in a number cell and a lead task without progress.
func brokenReturn(r *samples.Return) {
	if len(r.Values) > 0 {
		r.Values[0].Value, r.Values[0].Raw = nil, "待统计"
	}
	for i := range r.Tasks {
		if r.Tasks[i].Role == gyqc.RoleLead {
			r.Tasks[i].Progress = ""
			break
		}
	}
}
