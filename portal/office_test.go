package portal

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/samples"
)

func TestBoard(t *testing.T) {
	f := newFixture(t)
	c, _ := f.office()
	page := func(path string) string {
		t.Helper()
		resp, body := f.do(c, mustRequest(http.MethodGet, f.ts.URL+path, nil))
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s %s", path, resp.Status, body)
		}
		return body
	}
	body := page("/office/?period=2025-06")
	for _, want := range []string{"2025年6月报送情况", "应报 <b>36</b>", "尚未报送 <b>36</b>", `id="board"`, "生成汇总表", "生成简报", "催报名单"} {
		if !strings.Contains(body, want) {
			t.Errorf("board lacks %q", want)
		}
	}
	f.uploadJSON(f.link("jxw"), "a.xlsx", f.filled("jxw"))
	f.uploadJSON(f.link("fgw"), "b.xlsx", f.filled("fgw", broken))
	part := page("/office/board?period=2025-06")
	if strings.Contains(part, "<html") {
		t.Errorf("the board part is a whole page")
	}
	for _, want := range []string{"按时报送 <b>1</b>", "被退回 <b>1</b>", "尚未报送 <b>34</b>", `id="u-jxw"`} {
		if !strings.Contains(part, want) {
			t.Errorf("board part lacks %q", want)
		}
	}
	// After the deadline the units with nothing are 未报送 and the 催报名单 lists them.
	f.setClock(time.Date(2025, 7, 2, 9, 0, 0, 0, f.plan.Location()))
	if resp, _ := f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/board?period=2025-06", nil)); resp.StatusCode != 401 {
		t.Errorf("a session 4 days old: %s", resp.Status)
	}
	c, _ = f.office()
	part = page("/office/board?period=2025-06")
	if !strings.Contains(part, "未报送 <b>34</b>") {
		t.Errorf("after the deadline: %s", part)
	}
	remind := page("/office/remind?period=2025-06")
	if strings.Count(remind, `<tr><td><a href="/office/unit/`) != 35 || strings.Contains(remind, "/office/unit/jxw/") {
		t.Errorf("催报名单 has %d units, want 35 without jxw", strings.Count(remind, `<tr><td><a href="/office/unit/`))
	}
	resp, book := f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/remind.xlsx?period=2025-06", nil))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != xlsxType || !strings.HasPrefix(book, "PK") {
		t.Errorf("催报名单 workbook: %s", resp.Status)
	}
	unit := page("/office/unit/fgw/?period=2025-06")
	for _, want := range []string{"区发展改革委", "第1版", "退回", "下载原件", "问题清单"} {
		if !strings.Contains(unit, want) {
			t.Errorf("unit page lacks %q", want)
		}
	}
	resp, orig := f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/unit/fgw/v/1/original?period=2025-06", nil))
	if resp.StatusCode != 200 || !bytes.HasPrefix([]byte(orig), []byte("PK")) {
		t.Errorf("original: %s", resp.Status)
	}
}

func TestBoardBadPeriod(t *testing.T) {
	f := newFixture(t)
	c, _ := f.office()
	for _, p := range []string{"2099-01", "abc", "2025-13"} {
		if resp, _ := f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/?period="+p, nil)); resp.StatusCode != 400 {
			t.Errorf("period %s: %s", p, resp.Status)
		}
	}
}

func TestOfficeUpload(t *testing.T) {
	f := newFixture(t)
	c, csrf := f.office()
	names := []string{"经信委.xlsx", "发改委.xlsx", "杂项.docx"}
	files := [][]byte{f.filled("jxw"), f.filled("fgw", broken), []byte("not a workbook")}
	body, ctype := multipartBody(map[string]string{"csrf": csrf, "period": "2025-06", "received": "2025-06-27T16:30"}, names, files)
	req, _ := http.NewRequest(http.MethodPost, f.ts.URL+"/office/upload", body)
	req.Header.Set("Content-Type", ctype)
	resp, page := f.do(c, req)
	if resp.StatusCode != 200 {
		t.Fatalf("got %s\n%s", resp.Status, page)
	}
	for _, want := range []string{"收取 3 个文件，接收 1", "退回 2", "经信委.xlsx", "2025-06-27 16:30:00", "（未识别）"} {
		if !strings.Contains(page, want) {
			t.Errorf("result lacks %q", want)
		}
	}
	want := time.Date(2025, 6, 27, 16, 30, 0, 0, f.plan.Location())
	subs := f.submissions()
	if len(subs) != 2 {
		t.Fatalf("%d submissions, want 2", len(subs))
	}
	for _, s := range subs {
		if !s.Received.Equal(want) {
			t.Errorf("%s received %v, want %v", s.Unit, s.Received, want)
		}
	}
	log := f.events()
	if len(log) != 3 {
		t.Fatalf("audit has %d entries, want 3", len(log))
	}
	for _, e := range log {
		if e.Actor != officeActor || e.Action != eventOfficeUp {
			t.Errorf("portal log entry %+v", e)
		}
	}
	trail := f.trail()
	if len(trail) != 3 {
		t.Fatalf("audit trail has %d entries, want 3", len(trail))
	}
	for _, e := range trail {
		if e.Action != gyqc.ActionCollect || !strings.HasPrefix(e.Actor, "办公室（") {
			t.Errorf("audit trail entry %+v", e)
		}
	}
	// A received time in the future is refused before anything is taken.
	body, ctype = multipartBody(map[string]string{"csrf": csrf, "period": "2025-06", "received": "2025-12-01T10:00"}, names[:1], files[:1])
	req, _ = http.NewRequest(http.MethodPost, f.ts.URL+"/office/upload", body)
	req.Header.Set("Content-Type", ctype)
	if resp, page := f.do(c, req); resp.StatusCode != 400 || !strings.Contains(page, "晚于现在") {
		t.Errorf("future received time: %s", resp.Status)
	}
}

func TestOutputs(t *testing.T) {
	f := newFixture(t)
	f.uploadJSON(f.link("jxw"), "a.xlsx", f.filled("jxw"))
	c, csrf := f.office()
	cases := []struct {
		Name, Path, Type, Magic, File string
	}{
		{"汇总表", "/office/output/consolidate", xlsxType, "PK", "2025-06_月度汇总.xlsx"},
		{"简报", "/office/output/brief", pdfType, "%PDF", "2025-06_工作简报.pdf"},
	}
	for _, c2 := range cases {
		t.Run(c2.Name, func(t *testing.T) {
			resp, body := f.do(c, mustRequest(http.MethodPost, f.ts.URL+c2.Path, map[string][]string{"csrf": {csrf}, "period": {"2025-06"}}))
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != c2.Type || !strings.HasPrefix(body, c2.Magic) {
				t.Fatalf("got %s %s: %.200s", resp.Status, resp.Header.Get("Content-Type"), body)
			}
			if !strings.Contains(resp.Header.Get("Content-Disposition"), strings.ReplaceAll(c2.File, "_", "_")[:8]) {
				t.Errorf("Content-Disposition %q", resp.Header.Get("Content-Disposition"))
			}
		})
	}
	actions := map[string]int{}
	for _, e := range f.events() {
		actions[e.Action]++
	}
	if actions[eventConsolidate] != 1 || actions[eventBrief] != 1 {
		t.Errorf("audit %v", actions)
	}
}

func TestLinksPage(t *testing.T) {
	f := newFixture(t)
	c, _ := f.office()
	resp, page := f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/links?period=2025-06", nil))
	if resp.StatusCode != 200 || strings.Count(page, f.ts.URL+"/u/") != 36 || !strings.Contains(page, f.link("jxw")) {
		t.Errorf("links page: %s, %d links", resp.Status, strings.Count(page, f.ts.URL+"/u/"))
	}
	resp, csv := f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/links.csv?period=2025-06", nil))
	if resp.StatusCode != 200 || strings.Count(csv, f.ts.URL+"/u/") != 36 {
		t.Errorf("links CSV: %s", resp.Status)
	}
	f.uploadJSON(f.link("jxw"), "a.xlsx", f.filled("jxw", func(r *samples.Return) {}))
	resp, log := f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/log?period=2025-06", nil))
	if resp.StatusCode != 200 || !strings.Contains(log, "单位上传") || !strings.Contains(log, "a.xlsx") || !strings.Contains(log, "办公室登录") {
		t.Errorf("log page: %s", resp.Status)
	}
}
