package portal

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

func TestCSRF(t *testing.T) {
	f := newFixture(t)
	c, csrf := f.office()
	post := func(path string, form url.Values, header ...string) int {
		req := mustRequest(http.MethodPost, f.ts.URL+path, form)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		defer func() { c.CheckRedirect = nil }()
		resp, _ := f.do(c, req)
		return resp.StatusCode
	}
	rotate := url.Values{"period": {"2025-06"}, "unit": {"jxw"}}
	with := func(v url.Values, token string) url.Values {
		out := url.Values{}
		for k, vs := range v {
			out[k] = vs
		}
		out.Set("csrf", token)
		return out
	}
	cases := []struct {
		Name   string
		Path   string
		Form   url.Values
		Header []string
		Want   int
	}{
		{"rotate without token", "/office/links/rotate", rotate, nil, 403},
		{"rotate with a wrong token", "/office/links/rotate", with(rotate, csrf[:len(csrf)-2]+"xx"), nil, 403},
		{"rotate from another site", "/office/links/rotate", with(rotate, csrf), []string{"Origin", "http://evil.example"}, 403},
		{"rotate from another site (fetch metadata)", "/office/links/rotate", with(rotate, csrf), []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"consolidate without token", "/office/output/consolidate", url.Values{"period": {"2025-06"}}, nil, 403},
		{"brief without token", "/office/output/brief", url.Values{"period": {"2025-06"}}, nil, 403},
		{"logout without token", "/office/logout", url.Values{}, nil, 403},
		{"rotate with the token", "/office/links/rotate", with(rotate, csrf), []string{"Origin", f.ts.URL}, 303},
	}
	before := f.srv.links.Token("jxw", f.period)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			if got := post(c.Path, c.Form, c.Header...); got != c.Want {
				t.Errorf("got %d, want %d", got, c.Want)
			}
		})
	}
	if f.srv.links.Token("jxw", f.period) == before {
		t.Errorf("the accepted rotation changed nothing")
	}
	rotations := 0
	for _, e := range f.events() {
		if e.Action == eventRotate {
			rotations++
		}
	}
	if rotations != 1 {
		t.Errorf("%d rotations recorded, want 1", rotations)
	}
	if trail := f.trail(); len(trail) != 1 || trail[0].Action != gyqc.ActionLink {
		t.Errorf("audit trail %+v", trail)
	}
	// The office upload checks the token before it takes any file.
	body, ctype := multipartBody(map[string]string{"period": "2025-06"}, []string{"a.xlsx"}, [][]byte{f.filled("jxw")})
	req, _ := http.NewRequest(http.MethodPost, f.ts.URL+"/office/upload", body)
	req.Header.Set("Content-Type", ctype)
	if resp, _ := f.do(c, req); resp.StatusCode != 403 {
		t.Errorf("office upload without token: %s", resp.Status)
	}
	if len(f.submissions()) != 0 {
		t.Errorf("an office upload without token was recorded")
	}
	// Cookies are HttpOnly and SameSite=Strict.
	resp, _ := f.do(&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		mustRequest(http.MethodPost, f.ts.URL+"/office/login", url.Values{"password": {f.srv.links.OfficeToken()}}))
	sc := resp.Header.Get("Set-Cookie")
	if !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Strict") || !strings.Contains(sc, "Path=/office/") {
		t.Errorf("session cookie %q", sc)
	}
}

func TestOfficeLogin(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.OfficePassword = "办公室密码2025" })
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ := f.do(noFollow, mustRequest(http.MethodGet, f.ts.URL+"/office/", nil))
	if resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/office/login") {
		t.Errorf("board without login: %s %s", resp.Status, resp.Header.Get("Location"))
	}
	req := mustRequest(http.MethodGet, f.ts.URL+"/office/", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: "forged"})
	if resp, _ := f.do(noFollow, req); resp.StatusCode != 303 {
		t.Errorf("forged cookie: %s", resp.Status)
	}
	for _, pw := range []string{f.srv.links.OfficeToken(), "办公室密码2025"} {
		resp, _ := f.do(noFollow, mustRequest(http.MethodPost, f.ts.URL+"/office/login", url.Values{"password": {pw}}))
		if resp.StatusCode != 303 {
			t.Errorf("login with a right password: %s", resp.Status)
		}
	}
	for i := 0; i < 5; i++ {
		if resp, _ := f.do(noFollow, mustRequest(http.MethodPost, f.ts.URL+"/office/login", url.Values{"password": {"guess"}})); resp.StatusCode != 401 {
			t.Errorf("wrong password: %s", resp.Status)
		}
	}
	resp, _ = f.do(noFollow, mustRequest(http.MethodPost, f.ts.URL+"/office/login", url.Values{"password": {f.srv.links.OfficeToken()}}))
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after 5 failures: %s", resp.Status)
	}
	// A session ends when the office token is replaced.
	g := newFixture(t)
	c, _ := g.office()
	st, _ := store.Open(context.Background(), g.dir, store.ReadWrite)
	st.Rotate(context.Background(), store.Rotation{Subject: store.OfficeSubject})
	st.Close()
	c.CheckRedirect = noFollow.CheckRedirect
	if resp, _ := g.do(c, mustRequest(http.MethodGet, g.ts.URL+"/office/", nil)); resp.StatusCode != 303 {
		t.Errorf("session after the office token was replaced: %s", resp.Status)
	}
}
