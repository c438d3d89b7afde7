package portal

import (
	"net/http"
	"strings"
	"testing"
)

// TestOfficePeriod: every office page that reads a period from its query (through
// officePeriod) wants the office's session first (a page sends the browser to the login,
// the board's part answers 401), then refuses a period that is not one, or lies outside the
// plan, with 400 and the reason, before it does anything else.
func TestOfficePeriod(t *testing.T) {
	f := newFixture(t)
	c, _ := f.office()
	for _, path := range []string{"/office/", "/office/board", "/office/unit/jxw/", "/office/unit/jxw/v/1/original",
		"/office/upload", "/office/links", "/office/links.csv", "/office/log", "/office/remind", "/office/remind.xlsx"} {
		t.Run(path, func(t *testing.T) {
			want := http.StatusSeeOther
			if path == "/office/board" {
				want = http.StatusUnauthorized
			}
			if resp, _ := f.do(&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, mustRequest(http.MethodGet, f.ts.URL+path+"?period=2025-06", nil)); resp.StatusCode != want {
				t.Errorf("without a session: %s, want %d", resp.Status, want)
			}
			for _, bad := range []string{"2025-13", "1999-06"} {
				resp, body := f.do(c, mustRequest(http.MethodGet, f.ts.URL+path+"?period="+bad, nil))
				if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "报送期不正确") {
					t.Errorf("period %s: %s, want 400 报送期不正确", bad, resp.Status)
				}
			}
		})
	}
}
