package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/qianjiang/gyqc/samples"
)

// estimatedReturn types an estimate (约30) for the first indicator: kept, with a warning.
func estimatedReturn(r *samples.Return) {
	for i := range r.Values {
		r.Values[i].Value, r.Values[i].Raw = nil, "约30"
		break
	}
}

// uploadWarned: a return with an estimate is 已接收（有警告）, said in a banner the unit can
// read (its text was drawn in the banner's own orange: a rule for problem lines, div.warn,
// outranked the banner's white), with its 审核意见单, never 退回意见单, to download.
func (b *browserRun) uploadWarned(t *testing.T) {
	if err := chromedp.Do(b.unit, chromedp.Navigate(b.links["jxw"])); err != nil {
		t.Fatal(err)
	}
	uploadForm(t, b.unit, b.fill(t, "有约数的报表.xlsx", estimatedReturn))
	if got := text(t, b.unit, ".outcome strong"); got != "已接收（有警告）" {
		t.Fatalf("outcome %q", got)
	}
	readableOutcome(t, b)
	// A task has no 情况说明, and a copied progress is only corrected: the banner sends the
	// unit to each warning's own 怎样修改.
	if banner := text(t, b.unit, ".outcome span"); !strings.Contains(banner, "按“怎样修改”") || strings.Contains(banner, "在“情况说明”中写明") {
		t.Errorf("banner %q", banner)
	}
	downloads := text(t, b.unit, ".downloads")
	if !strings.Contains(downloads, "下载审核意见单") || strings.Contains(downloads, "退回") {
		t.Errorf("downloads %q", downloads)
	}
	shot(t, b.unit, "result-warned-desktop.png", 1280, 900)
}

// readableOutcome fails unless the result banner's text colour differs from its background.
func readableOutcome(t *testing.T, b *browserRun) {
	t.Helper()
	colours, err := chromedp.Run(b.unit, chromedp.Evaluate[[]string](
		`(() => { const s = getComputedStyle(document.querySelector(".outcome")); return [s.color, s.backgroundColor]; })()`))
	if err != nil || len(colours) != 2 || colours[0] == colours[1] {
		t.Errorf("the result banner's text is %v on its background (%v)", colours, err)
	}
}
