package portal

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/samples"
	"github.com/xuri/excelize/v2"
)

// estimated types an estimate (约30) for the first indicator: kept as 30 with a warning.
func estimated(r *samples.Return) {
	for i := range r.Values {
		r.Values[i].Value, r.Values[i].Raw = nil, "约30"
		break
	}
}

// TestUploadWarnedFeedbackTitle: a file accepted with warnings offers a 审核意见单 — the
// button, the downloaded file's name and its one sheet say so, and the page says 退回
// nowhere — while a refused file keeps its 退回意见单.
func TestUploadWarnedFeedbackTitle(t *testing.T) {
	f := newFixture(t)
	link := f.link("jxw")
	cases := []struct {
		name    string
		edit    func(*samples.Return)
		outcome gyqc.Outcome
		title   string
	}{
		{name: "accepted with warnings", edit: estimated, outcome: gyqc.OutcomeWarned, title: "审核意见单"},
		{name: "refused", edit: broken, outcome: gyqc.OutcomeRefused, title: "退回意见单"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := f.filled("jxw", tc.edit, func(r *samples.Return) { r.Filler.Name = tc.name })
			res := f.uploadJSON(link, "jxw.xlsx", data)
			if res.Outcome != tc.outcome || res.Version != i+1 || len(res.Feedback) == 0 {
				t.Fatalf("got %+v, want %s", res, tc.outcome)
			}
			resp, body := f.get(res.Feedback[0])
			disp, _ := url.QueryUnescape(resp.Header.Get("Content-Disposition"))
			if resp.StatusCode != 200 || !strings.Contains(disp, "_"+tc.title+".xlsx") {
				t.Errorf("%s: %s, Content-Disposition %q, want a %s", res.Feedback[0], resp.Status, disp, tc.title)
			}
			book, err := excelize.OpenReader(strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if sheets := book.GetSheetList(); !slices.Contains(sheets, tc.title) {
				t.Errorf("the download's sheets are %v, none named %s", sheets, tc.title)
			}
			book.Close()
			_, page := f.get(strings.TrimSuffix(res.Feedback[0], "feedback"))
			if !strings.Contains(page, "下载"+tc.title) {
				t.Errorf("the receipt offers no 下载%s", tc.title)
			}
			if tc.outcome == gyqc.OutcomeWarned && strings.Contains(page, "退回") {
				t.Errorf("the receipt of an accepted file says 退回:\n%s", page)
			}
		})
	}
}
