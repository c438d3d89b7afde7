package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/portal"
	"github.com/qianjiang/gyqc/render"
	"github.com/qianjiang/gyqc/store"
)

// TestServeOutputsAreTheCommands: the 汇总表 the office page makes is the workbook `gyqc
// consolidate` writes as of the same moment; once the period is locked, both give the files
// stored at sign-off, and so does the briefing button.
func TestServeOutputsAreTheCommands(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	plan := planfile.Default()
	p := gyqc.MustPeriod("2025-06")
	at := time.Date(2025, 7, 3, 9, 0, 0, 0, plan.Location())
	srv, err := portal.New(context.Background(), portal.Config{Workspace: ws, Plan: plan, BaseURL: "http://x", Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, u := range []string{"jxw", "fgw"} {
		link := portal.UnitURL(ts.URL, srv.Links().Token(u, p))
		if _, code, err := postFile(context.Background(), link, u+".xlsx", filledReturn(t, ws, u, "2025-06")); err != nil || code != 200 {
			t.Fatalf("upload %s: %d %v", u, code, err)
		}
	}
	office := officeClient(t, ts.URL, srv.Links().OfficeToken())
	book := office.post(t, "/office/output/consolidate", p)

	out := filepath.Join(dir, "汇总.xlsx")
	if err := runConsolidate(context.Background(), plan, consolidateOptions{Workspace: ws, Period: p, Out: out, Now: at, AsOfSet: true}, io.Discard); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(out)
	if !bytes.Equal(book, want) {
		t.Errorf("the office's 汇总表 (%d bytes) differs from gyqc consolidate's (%d bytes)", len(book), len(want))
	}

	// The 催报名单 is the workbook `gyqc remind` writes.
	remind := office.get(t, "/office/remind.xlsx?period=2025-06")
	rdir := filepath.Join(dir, "催报")
	if err := runRemind(context.Background(), plan, remindOptions{Workspace: ws, Period: p, Now: at, Out: rdir}, io.Discard); err != nil {
		t.Fatal(err)
	}
	want, _ = os.ReadFile(filepath.Join(rdir, remindBook))
	if !bytes.Equal([]byte(remind), want) {
		t.Errorf("the office's 催报名单 (%d bytes) differs from gyqc remind's (%d bytes)", len(remind), len(want))
	}

	// Lock the period as `gyqc lock` does; the buttons then give the stored files.
	st, err := store.Open(context.Background(), ws, store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := render.FindFonts(render.FontOptions{})
	if err != nil {
		t.Skipf("no Chinese font for the briefing: %v", err)
	}
	fz, err := (&audit.Office{Plan: plan, Store: st, Now: func() time.Time { return at }}).Lock(context.Background(),
		audit.LockRequest{Period: p, SignedBy: "张主任", Brief: render.BriefOptions{Fonts: fonts}})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if got := office.post(t, "/office/output/consolidate", p); !bytes.Equal(got, fz.Workbook) {
		t.Errorf("after the lock the office's 汇总表 is not the stored one")
	}
	if got := office.post(t, "/office/output/brief", p); !bytes.Equal(got, fz.Briefing) {
		t.Errorf("after the lock the office's briefing is not the stored one")
	}
	board := office.get(t, "/office/board?period=2025-06")
	if !strings.Contains(board, "签发锁定") || !strings.Contains(board, "待审核") {
		t.Errorf("the board does not say the period is locked, or what awaits review")
	}
}

// officeSession is an HTTP client logged in to the office pages, with the form token.
type officeSession struct {
	c    *http.Client
	base string
	csrf string
}

var csrfInPage = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func officeClient(t *testing.T, base, password string) *officeSession {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	s := &officeSession{c: &http.Client{Jar: jar}, base: base}
	resp, err := s.c.PostForm(base+"/office/login", url.Values{"password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfInPage.FindSubmatch(body)
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("office login: %s", resp.Status)
	}
	s.csrf = string(m[1])
	return s
}

func (s *officeSession) post(t *testing.T, path string, p gyqc.Period) []byte {
	t.Helper()
	resp, err := s.c.PostForm(s.base+path, url.Values{"csrf": {s.csrf}, "period": {p.String()}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %s %s", path, resp.Status, b)
	}
	return b
}

func (s *officeSession) get(t *testing.T, path string) string {
	t.Helper()
	resp, err := s.c.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
