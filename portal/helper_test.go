package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
)

// fixture is a portal on a fresh workspace behind an httptest server, with a settable clock.
type fixture struct {
	t      testing.TB
	plan   *gyqc.Plan
	dir    string
	srv    *Server
	ts     *httptest.Server
	period gyqc.Period
	gen    *samples.Generator

	mu  sync.Mutex
	now time.Time
}

// testPeriod is the period tests report for; its deadline is 2025-07-01 00:00 (Chongqing).
var testPeriod = gyqc.MustPeriod("2025-06")

func newFixture(t testing.TB, edit ...func(*Config)) *fixture {
	t.Helper()
	plan := planfile.Default()
	f := &fixture{t: t, plan: plan, dir: filepath.Join(t.TempDir(), "ws"), period: testPeriod,
		now: time.Date(2025, 6, 28, 10, 0, 0, 0, plan.Location())}
	cfg := Config{Workspace: f.dir, Plan: plan, Now: f.clock, BodyIdle: 2 * time.Second}
	for _, e := range edit {
		e(&cfg)
	}
	ts := httptest.NewUnstartedServer(nil)
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://" + ts.Listener.Addr().String()
	}
	srv, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs := srv.HTTPServer()
	ts.Config.Handler, ts.Config.ReadHeaderTimeout, ts.Config.MaxHeaderBytes = hs.Handler, 2*time.Second, hs.MaxHeaderBytes
	ts.Start()
	f.srv, f.ts = srv, ts
	t.Cleanup(func() {
		ts.Close()
		srv.Close()
	})
	gen, err := samples.New(plan, 7)
	if err != nil {
		t.Fatal(err)
	}
	f.gen = gen
	return f
}

func (f *fixture) clock() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fixture) setClock(t time.Time) {
	f.mu.Lock()
	f.now = t
	f.mu.Unlock()
}

// link returns the unit's link for the test period.
func (f *fixture) link(unit string) string {
	f.t.Helper()
	tok := f.srv.links.Token(unit, f.period)
	if tok == "" {
		f.t.Fatalf("no link for %s", unit)
	}
	return UnitURL(f.ts.URL, tok)
}

// get fetches a URL and returns the response and its body.
func (f *fixture) get(u string, header ...string) (*http.Response, string) {
	f.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return f.do(http.DefaultClient, req)
}

func (f *fixture) do(c *http.Client, req *http.Request) (*http.Response, string) {
	f.t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// template downloads the unit's template through its link.
func (f *fixture) template(unit string) []byte {
	f.t.Helper()
	resp, body := f.get(f.link(unit) + "template")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != xlsxType {
		f.t.Fatalf("template of %s: %s %s", unit, resp.Status, body)
	}
	return []byte(body)
}

// filled returns the unit's clean return, filled into the template its link gives, with edit
// applied to the return first.
func (f *fixture) filled(unit string, edit ...func(*samples.Return)) []byte {
	f.t.Helper()
	ret, err := f.gen.Return(unit, f.period)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, e := range edit {
		e(ret)
	}
	b, err := samples.Fill(f.template(unit), ret)
	if err != nil {
		f.t.Fatal(err)
	}
	return b
}

// multipartBody builds a form with the fields and the files (name → content) under "file".
func multipartBody(fields map[string]string, names []string, files [][]byte) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for i, n := range names {
		w, _ := mw.CreateFormFile("file", n)
		w.Write(files[i])
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// upload posts one file to a unit link's upload address.
func (f *fixture) upload(link, name string, data []byte, asJSON bool) (*http.Response, string) {
	f.t.Helper()
	body, ctype := multipartBody(nil, []string{name}, [][]byte{data})
	req, _ := http.NewRequest(http.MethodPost, link+"upload", body)
	req.Header.Set("Content-Type", ctype)
	if asJSON {
		req.Header.Set("Accept", "application/json")
	}
	return f.do(http.DefaultClient, req)
}

// uploadJSON uploads through the API and decodes the answer.
func (f *fixture) uploadJSON(link, name string, data []byte) collect.Result {
	f.t.Helper()
	resp, body := f.upload(link, name, data, true)
	if resp.StatusCode != 200 {
		f.t.Fatalf("upload %s: %s\n%s", name, resp.Status, body)
	}
	var res collect.Result
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		f.t.Fatalf("upload %s: %v\n%s", name, err, body)
	}
	return res
}

// office returns a client logged in to the office pages, and its form token.
func (f *fixture) office() (*http.Client, string) {
	f.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, body := f.do(c, mustRequest(http.MethodPost, f.ts.URL+"/office/login",
		url.Values{"password": {f.srv.links.OfficeToken()}}))
	if resp.StatusCode != 200 || !strings.Contains(body, "报送情况") {
		f.t.Fatalf("login: %s\n%s", resp.Status, body)
	}
	return c, csrfOf(f.t, body)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t testing.TB, body string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no form token in page")
	}
	return m[1]
}

func mustRequest(method, u string, form url.Values) *http.Request {
	req, _ := http.NewRequest(method, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// submissions reads the workspace's submissions of the test period.
func (f *fixture) submissions() []gyqc.Submission {
	f.t.Helper()
	var subs []gyqc.Submission
	err := f.srv.gate.read(context.Background(), func(st *store.Store) error {
		var err error
		subs, err = st.Submissions(context.Background(), f.period, f.period)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return subs
}

// events reads the audit trail of the test period.
func (f *fixture) events() []store.Event {
	f.t.Helper()
	var out []store.Event
	err := f.srv.gate.read(context.Background(), func(st *store.Store) error {
		var err error
		out, err = st.Events(context.Background(), store.EventQuery{Period: f.period.String()})
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

// trail reads the audit trail of the test period.
func (f *fixture) trail() []gyqc.AuditEntry {
	f.t.Helper()
	var out []gyqc.AuditEntry
	err := f.srv.gate.read(context.Background(), func(st *store.Store) error {
		var err error
		out, err = st.AuditLog(context.Background(), f.period)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}
