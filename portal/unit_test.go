package portal

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/templates"
)

func TestUnitPage(t *testing.T) {
	f := newFixture(t)
	resp, body := f.get(f.link("jxw"))
	if resp.StatusCode != 200 {
		t.Fatalf("got %s", resp.Status)
	}
	for _, want := range []string{"区经济信息委", "2025年6月报送", "本期状态：尚未报送", `action="upload"`,
		`enctype="multipart/form-data"`, `href="template"`, "本期还没有上传过文件"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "/office/logout") {
		t.Errorf("a unit's page shows the office menu")
	}
	for h, want := range map[string]string{"Cache-Control": "no-store", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s: got %q, want %q", h, got, want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
}

func TestTemplateDownload(t *testing.T) {
	f := newFixture(t)
	resp, body := f.get(f.link("jxw") + "template")
	if resp.StatusCode != 200 {
		t.Fatalf("got %s", resp.Status)
	}
	cd := resp.Header.Get("Content-Disposition")
	if !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=UTF-8''2025-06_jxw_") {
		t.Errorf("Content-Disposition %q", cd)
	}
	ret, probs, err := templates.ReadBytes([]byte(body), f.plan)
	if err != nil || ret == nil {
		t.Fatalf("read template: %v %v", err, probs)
	}
	if ret.Meta.Unit != "jxw" || ret.Meta.Period != f.period {
		t.Errorf("template is of %s %s", ret.Meta.Unit, ret.Meta.Period)
	}
}

func TestUploadAccepted(t *testing.T) {
	f := newFixture(t)
	data := f.filled("jxw")
	resp, body := f.upload(f.link("jxw"), "经信委6月报表.xlsx", data, false)
	if resp.StatusCode != 200 {
		t.Fatalf("got %s\n%s", resp.Status, body)
	}
	sum := sha256.Sum256(data)
	for _, want := range []string{"已接收", "回执", "第 1 版", hex.EncodeToString(sum[:]), "经信委6月报表.xlsx", "2025-06-28 10:00:00"} {
		if !strings.Contains(body, want) {
			t.Errorf("answer lacks %q", want)
		}
	}
	subs := f.submissions()
	if len(subs) != 1 || subs[0].Unit != "jxw" || subs[0].Version != 1 || !subs[0].Received.Equal(f.clock()) {
		t.Fatalf("recorded %+v", subs)
	}
	log := f.events()
	if len(log) != 1 || log[0].Action != eventUpload || log[0].Actor != "jxw" || log[0].Remote == "" || log[0].Version != 1 {
		t.Errorf("portal log %+v", log)
	}
	trail := f.trail()
	if len(trail) != 1 || trail[0].Action != gyqc.ActionUpload || trail[0].Actor != "jxw（127.0.0.1）" || trail[0].Unit != "jxw" ||
		!strings.Contains(trail[0].Detail, "第1版") {
		t.Errorf("audit trail %+v", trail)
	}
	_, page := f.get(f.link("jxw"))
	if !strings.Contains(page, "第1版（有效）") || !strings.Contains(page, "本期状态：按时报送") {
		t.Errorf("unit page does not show the version:\n%s", page)
	}
}

func TestUploadAPI(t *testing.T) {
	f := newFixture(t)
	data := f.filled("fgw")
	resp, body := f.upload(f.link("fgw"), "fgw.xlsx", data, true)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("got %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(body), &raw); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"file", "unit", "unit_name", "outcome", "label", "version", "hash", "received", "errors", "warnings", "problems"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("answer lacks %q:\n%s", key, body)
		}
	}
	var res collect.Result
	json.Unmarshal([]byte(body), &res)
	sum := sha256.Sum256(data)
	if !res.Outcome.Acceptable() || res.Version != 1 || res.Unit != "fgw" || res.Hash != hex.EncodeToString(sum[:]) || res.File != "fgw.xlsx" {
		t.Errorf("got %+v", res)
	}
	// The same bytes again: judged, the same version, marked as a duplicate.
	again := f.uploadJSON(f.link("fgw"), "fgw.xlsx", data)
	if again.Version != 1 || !again.Duplicate {
		t.Errorf("again: %+v", again)
	}
	if n := len(f.submissions()); n != 1 {
		t.Errorf("%d submissions recorded, want 1", n)
	}
}

// broken is a return with a number cell holding words and a lead task without progress.
func broken(r *samples.Return) {
	for i := range r.Values {
		r.Values[i].Value, r.Values[i].Raw = nil, "待统计<b>"
		break
	}
	for i := range r.Tasks {
		if r.Tasks[i].Role == gyqc.RoleLead {
			r.Tasks[i].Progress = ""
			break
		}
	}
}

func TestUploadBroken(t *testing.T) {
	f := newFixture(t)
	link := f.link("jxw")
	res := f.uploadJSON(link, "broken.xlsx", f.filled("jxw", broken))
	if res.Outcome != gyqc.OutcomeRefused || res.Version != 1 || res.Errors == 0 {
		t.Fatalf("got %+v", res)
	}
	if len(res.Feedback) != 2 || !strings.HasPrefix(res.Feedback[0], link+"v/1/feedback") || !strings.HasPrefix(res.Feedback[1], link+"v/1/marked") {
		t.Fatalf("feedback %v", res.Feedback)
	}
	cells := 0
	for _, p := range res.Problems {
		if p.Cell != "" && p.Sheet != "" {
			cells++
		}
	}
	if cells == 0 {
		t.Errorf("no problem names a cell: %+v", res.Problems)
	}
	for _, u := range res.Feedback {
		resp, body := f.get(u)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != xlsxType {
			t.Fatalf("%s: %s", u, resp.Status)
		}
		if _, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body))); err != nil {
			t.Errorf("%s is not a workbook: %v", u, err)
		}
	}
	// The HTML answer lists every problem in words with its cell, the value escaped.
	_, page := f.upload(link, "broken2.xlsx", f.filled("jxw", broken, func(r *samples.Return) { r.Filler.Name = "张三" }), false)
	for _, want := range []string{"退回", "问题清单", "单元格", "待统计&lt;b&gt;", "下载问题标注", "下载退回意见单", "第 2 版"} {
		if !strings.Contains(page, want) {
			t.Errorf("answer lacks %q", want)
		}
	}
	if strings.Contains(page, "待统计<b>") {
		t.Errorf("a unit's text is not escaped")
	}
	_, home := f.get(link)
	if !strings.Contains(home, "本期状态：被退回") || strings.Count(home, "回执</a>") != 2 {
		t.Errorf("unit page after two refusals:\n%s", home)
	}
}

func TestUploadNotATemplate(t *testing.T) {
	f := newFixture(t)
	link := f.link("jxw")
	res := f.uploadJSON(link, "notes.xlsx", []byte("just some text, not a workbook"))
	if res.Outcome != gyqc.OutcomeRefused || res.Version != 0 || len(res.Problems) == 0 {
		t.Fatalf("got %+v", res)
	}
	if len(res.Feedback) != 1 || !strings.Contains(res.Feedback[0], link+"x/") {
		t.Fatalf("feedback %v", res.Feedback)
	}
	resp, _ := f.get(res.Feedback[0])
	if resp.StatusCode != 200 {
		t.Errorf("feedback: %s", resp.Status)
	}
	receipt := strings.TrimSuffix(res.Feedback[0], "feedback")
	resp, page := f.get(receipt)
	if resp.StatusCode != 200 || !strings.Contains(page, "未计入") {
		t.Errorf("receipt: %s\n%s", resp.Status, page)
	}
	// Another unit's link cannot see it.
	other := f.link("fgw") + strings.TrimPrefix(receipt, link)
	if resp, _ := f.get(other); resp.StatusCode != 404 {
		t.Errorf("another unit sees the attempt: %s", resp.Status)
	}
	_, home := f.get(link)
	if !strings.Contains(home, "notes.xlsx") {
		t.Errorf("the unit's page does not list its refused upload")
	}
	if len(f.submissions()) != 0 {
		t.Errorf("a non-template was recorded as a submission")
	}
}
