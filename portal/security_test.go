package portal

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
)

// The security test list of the portal (README names it): every case below is one item.

func TestTokens(t *testing.T) {
	f := newFixture(t)
	good := f.link("jxw")
	tok := strings.TrimSuffix(strings.TrimPrefix(good, f.ts.URL+"/u/"), "/")
	if len(tok) < 26 { // 26 base32 characters are 130 bits
		t.Fatalf("token %q is too short", tok)
	}
	flip := []byte(tok)
	flip[len(flip)-1] ^= 1
	_, notFound := f.get(f.ts.URL + "/u/" + strings.Repeat("a", TokenLength) + "/")
	cases := []struct {
		Name string
		URL  string
	}{
		{"unknown token", f.ts.URL + "/u/" + strings.Repeat("a", TokenLength) + "/"},
		{"one character changed", f.ts.URL + "/u/" + string(flip) + "/"},
		{"too short", f.ts.URL + "/u/" + tok[:20] + "/"},
		{"upper case", f.ts.URL + "/u/" + strings.ToUpper(tok) + "/"},
		{"token plus a character", f.ts.URL + "/u/" + tok + "a/"},
		{"office token as a unit link", f.ts.URL + "/u/" + f.srv.links.OfficeToken() + "/"},
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			for _, suffix := range []string{"", "template", "v/1/", "v/1/marked"} {
				resp, body := f.get(c.URL + suffix)
				if resp.StatusCode != 404 || body != notFound {
					t.Errorf("%s: got %s, or a body unlike an unknown token's", suffix, resp.Status)
				}
			}
			resp, _ := f.upload(c.URL, "x.xlsx", f.filled("jxw"), true)
			if resp.StatusCode != 404 {
				t.Errorf("upload: got %s", resp.Status)
			}
		})
	}
	if len(f.submissions()) != 0 || len(f.events()) != 0 {
		t.Errorf("a request with a bad token left a trace")
	}
}

func TestRevokedToken(t *testing.T) {
	f := newFixture(t)
	old := f.link("jxw")
	f.uploadJSON(old, "v1.xlsx", f.filled("jxw"))
	_, notFound := f.get(f.ts.URL + "/u/" + strings.Repeat("b", TokenLength) + "/")
	// Revoke it as `gyqc links --rotate` does, from outside the server.
	st, err := store.Open(context.Background(), f.dir, store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Rotate(context.Background(), store.Rotation{Subject: "jxw", Period: f.period.String()}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	resp, body := f.get(old)
	if resp.StatusCode != 404 || body != notFound {
		t.Errorf("revoked link: %s", resp.Status)
	}
	if resp, _ := f.upload(old, "v2.xlsx", f.filled("jxw"), true); resp.StatusCode != 404 {
		t.Errorf("upload through a revoked link: %s", resp.Status)
	}
	fresh := f.link("jxw")
	if fresh == old {
		t.Fatal("rotation did not change the link")
	}
	resp, body = f.get(fresh)
	if resp.StatusCode != 200 || !strings.Contains(body, "第1版") {
		t.Errorf("new link: %s", resp.Status)
	}
}

func TestOtherUnitsToken(t *testing.T) {
	f := newFixture(t)
	a, b := f.link("jxw"), f.link("fgw")
	f.uploadJSON(a, "a.xlsx", f.filled("jxw", broken))
	// B sees nothing of A: not its version, not its files, not on its page.
	for _, suffix := range []string{"v/1/", "v/1/marked", "v/1/feedback"} {
		if resp, _ := f.get(b + suffix); resp.StatusCode != 404 {
			t.Errorf("%s through B's link: %s", suffix, resp.Status)
		}
	}
	_, page := f.get(b)
	if strings.Contains(page, "a.xlsx") || strings.Contains(page, "区经济信息委") {
		t.Errorf("B's page shows A")
	}
	// B cannot upload for A: A's file through B's link is judged and refused, not recorded as A's.
	res := f.uploadJSON(b, "a-via-b.xlsx", f.filled("jxw"))
	if res.Outcome != gyqc.OutcomeRefused || res.Version != 0 || res.Problems[len(res.Problems)-1].Rule != "other-unit" {
		t.Fatalf("got %+v", res)
	}
	for _, s := range f.submissions() {
		if s.FileName == "a-via-b.xlsx" {
			t.Errorf("A's file through B's link was recorded as %s's version %d", s.Unit, s.Version)
		}
	}
	// A link of the same unit for another period is another link.
	if f.srv.links.Token("jxw", f.period.Add(-1)) == f.srv.links.Token("jxw", f.period) {
		t.Errorf("two periods share a link")
	}
}

func TestOversizeBodies(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Limits = intake.Limits{MaxFileSize: 256 << 10} })
	link := f.link("jxw")
	big := bytes.Repeat([]byte("x"), 300<<10)
	resp, body := f.upload(link, "big.xlsx", big, true)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "超过") {
		t.Errorf("file over the limit: %s %s", resp.Status, body)
	}
	// A body far over the limit is cut off without being read whole.
	huge := io.MultiReader(strings.NewReader("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"h.xlsx\"\r\n\r\n"),
		io.LimitReader(zeros{}, 64<<20))
	req, _ := http.NewRequest(http.MethodPost, link+"upload", huge)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("64 MB body: %s", resp.Status)
		}
	} // the server may also close the connection while the client still sends: that is fine
	if len(f.submissions()) != 0 || len(f.events()) != 0 {
		t.Errorf("an oversize upload was recorded")
	}
	entries, _ := os.ReadDir(filepath.Join(f.dir, store.ArchiveName, ".incoming"))
	if len(entries) != 0 {
		t.Errorf("staging keeps %d files after refused uploads", len(entries))
	}
	// Headers over the cap.
	req, _ = http.NewRequest(http.MethodGet, link, nil)
	req.Header.Set("X-Big", strings.Repeat("y", 64<<10))
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("64 KB of headers: %s", resp.Status)
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestBadRequests(t *testing.T) {
	f := newFixture(t)
	link := f.link("jxw")
	data := f.filled("jxw")
	two, twoType := multipartBody(nil, []string{"a.xlsx", "b.xlsx"}, [][]byte{data, data})
	none, noneType := multipartBody(map[string]string{"note": "hi"}, nil, nil)
	cases := []struct {
		Name  string
		Body  io.Reader
		Type  string
		Want  int
		Words string
	}{
		{"not multipart", strings.NewReader("file=abc"), "application/x-www-form-urlencoded", 400, "multipart"},
		{"no file", none, noneType, 400, "没有收到文件"},
		{"two files", two, twoType, 400, "一个文件"},
		{"broken multipart", strings.NewReader("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nabc"),
			"multipart/form-data; boundary=b", 400, ""},
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, link+"upload", c.Body)
			req.Header.Set("Content-Type", c.Type)
			req.Header.Set("Accept", "application/json")
			resp, body := f.do(http.DefaultClient, req)
			if resp.StatusCode != c.Want || !strings.Contains(body, c.Words) {
				t.Errorf("got %s %s", resp.Status, body)
			}
		})
	}
	if resp, _ := f.get(link + "upload"); resp.StatusCode != http.StatusMethodNotAllowed && resp.StatusCode != 404 {
		t.Errorf("GET upload: %s", resp.Status)
	}
	if len(f.submissions()) != 0 {
		t.Errorf("a bad request was recorded")
	}
}

func TestSlowClients(t *testing.T) {
	f := newFixture(t)
	addr := strings.TrimPrefix(f.ts.URL, "http://")
	path := strings.TrimPrefix(f.link("jxw"), f.ts.URL)
	cases := []struct {
		Name string
		Send string // then the client stalls
	}{
		{"headers never finished", "GET " + path + " HTTP/1.1\r\nHost: x\r\n"},
		{"body stalls", "POST " + path + "upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n" +
			"Content-Length: 100000\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK"},
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			start := time.Now()
			fmt.Fprint(conn, c.Send)
			conn.SetReadDeadline(time.Now().Add(15 * time.Second))
			io.Copy(io.Discard, bufio.NewReader(conn)) // returns when the server closes the connection
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("a stalled client held the connection for %v", d)
			}
		})
	}
	if len(f.submissions()) != 0 {
		t.Errorf("a stalled upload was recorded")
	}
}

func TestPathTricks(t *testing.T) {
	f := newFixture(t)
	link := f.link("jxw")
	outside := filepath.Join(filepath.Dir(f.dir), "escaped.xlsx")
	names := []string{
		"../../escaped.xlsx",
		`..\..\escaped.xlsx`,
		"/etc/passwd",
		"..",
		".hidden.xlsx",
		"a\x00b\r\n.xlsx",
		"a\x01b\u202e\tc.xlsx",
		"<script>alert(1)</script>.xlsx",
		strings.Repeat("很长的文件名", 60) + ".xlsx",
		"%2e%2e%2fescaped.xlsx",
	}
	for _, name := range names {
		t.Run(fmt.Sprintf("%.20q", name), func(t *testing.T) {
			resp, body := f.upload(link, name, []byte("not a workbook"), true)
			if resp.StatusCode == 400 {
				return // the multipart reader refuses the header: nothing is taken
			}
			var res collect.Result
			if err := json.Unmarshal([]byte(body), &res); err != nil || resp.StatusCode != 200 || res.Outcome != gyqc.OutcomeRefused {
				t.Fatalf("got %s %s", resp.Status, body)
			}
			if strings.ContainsAny(res.File, "/\\\x00\r\n<>") || len(res.File) > maxNameBytes || strings.HasPrefix(res.File, ".") {
				t.Errorf("recorded name %q", res.File)
			}
		})
	}
	if _, err := os.Stat(outside); err == nil {
		t.Errorf("an upload wrote %s", outside)
	}
	// Every file the uploads made is inside the workspace, under names the server chose.
	filepath.WalkDir(filepath.Dir(f.dir), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(p, f.dir+string(filepath.Separator)) {
			t.Errorf("file outside the workspace: %s", p)
		}
		return nil
	})
	_, page := f.get(link)
	if strings.Contains(page, "<script>alert(1)") {
		t.Errorf("a file name reached the page unescaped")
	}
	// Paths of the portal itself do not reach the file system.
	for _, p := range []string{"/static/../portal.go", "/static/%2e%2e%2fpages.go", "/static/layout.html", "/u/../office/", "/../../etc/passwd"} {
		resp, body := f.get(f.ts.URL + p)
		if resp.StatusCode == 200 && (strings.Contains(body, "package portal") || strings.Contains(body, "root:")) {
			t.Errorf("%s served a file", p)
		}
	}
}

func TestHTMLInUnitTexts(t *testing.T) {
	f := newFixture(t)
	evil := `<script>alert("x")</script><img src=x onerror=alert(1)>`
	res := f.uploadJSON(f.link("jxw"), "evil.xlsx", f.filled("jxw", func(r *samples.Return) {
		r.Tasks[0].Progress = "本月推进顺利" + evil
		r.Filler.Name = "<b>李四</b>"
	}))
	if !res.Outcome.Acceptable() && res.Version == 0 {
		t.Fatalf("got %+v", res)
	}
	c, _ := f.office()
	for _, u := range []string{"/office/unit/jxw/?period=2025-06", "/office/?period=2025-06", "/office/board?period=2025-06"} {
		resp, body := f.do(c, mustRequest(http.MethodGet, f.ts.URL+u, nil))
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s", u, resp.Status)
		}
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || strings.Contains(body, "<b>李四") {
			t.Errorf("%s renders a unit's text as HTML", u)
		}
	}
	_, body := f.do(c, mustRequest(http.MethodGet, f.ts.URL+"/office/unit/jxw/?period=2025-06", nil))
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Errorf("the unit's text is not shown as text")
	}
}
