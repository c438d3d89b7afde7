package portal

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"sync"
	"time"

	"github.com/qianjiang/gyqc/store"
)

// Office sessions: a signed cookie, no state on the server.
const (
	sessionCookie = "gyqc_office"
	sessionLength = 12 * time.Hour
)

// sessionKeys sign office sessions and their form tokens (CSRF).
type sessionKeys struct{ session, csrf []byte }

func newSessionKeys(ctx context.Context, st *store.Store) (sessionKeys, error) {
	var k sessionKeys
	var err error
	if k.session, err = st.Secret(ctx, "portal sessions"); err != nil {
		return k, err
	}
	k.csrf, err = st.Secret(ctx, "portal forms")
	return k, err
}

// session is an office login.
type session struct {
	expires time.Time
	nonce   []byte
}

// sign returns the cookie value of a session opened under office token generation gen:
// expiry, nonce, generation and an HMAC of them, in base64url.
func (k sessionKeys) sign(s session, gen int) string {
	b := make([]byte, 0, 8+16+4+32)
	b = binary.BigEndian.AppendUint64(b, uint64(s.expires.Unix()))
	b = append(b, s.nonce...)
	b = binary.BigEndian.AppendUint32(b, uint32(gen))
	m := hmac.New(sha256.New, k.session)
	m.Write(b)
	return base64.RawURLEncoding.EncodeToString(m.Sum(b))
}

// verify returns the session of a cookie value when its signature holds, it has not expired
// and the office token has not been replaced since.
func (k sessionKeys) verify(v string, gen int, now time.Time) (session, bool) {
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil || len(b) != 8+16+4+32 {
		return session{}, false
	}
	body, mac := b[:28], b[28:]
	m := hmac.New(sha256.New, k.session)
	m.Write(body)
	if !hmac.Equal(mac, m.Sum(nil)) {
		return session{}, false
	}
	s := session{expires: time.Unix(int64(binary.BigEndian.Uint64(body[:8])), 0), nonce: body[8:24]}
	if int(binary.BigEndian.Uint32(body[24:28])) != gen || !now.Before(s.expires) {
		return session{}, false
	}
	return s, true
}

// csrfToken is the form token of a session: forms of the office pages carry it, and a
// request that changes anything must bring it back.
func (k sessionKeys) csrfToken(s session) string {
	m := hmac.New(sha256.New, k.csrf)
	m.Write(s.nonce)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:24])
}

// checkCSRF reports whether token is the session's form token.
func (k sessionKeys) checkCSRF(s session, token string) bool {
	return subtle.ConstantTimeCompare([]byte(token), []byte(k.csrfToken(s))) == 1
}

// newSession opens a session at now.
func newSession(now time.Time) session {
	n := make([]byte, 16)
	rand.Read(n)
	return session{expires: now.Add(sessionLength), nonce: n}
}

// sessionCookieOf returns the cookie of a session (empty value and max age -1: removed).
func (s *Server) sessionCookieOf(value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: sessionCookie, Value: value, Path: "/office/", MaxAge: maxAge, HttpOnly: true,
		Secure: s.cfg.TLS, SameSite: http.SameSiteStrictMode}
}

// checkPassword reports whether pw opens the office pages: the office token, or the
// configured password. Both are compared in constant time.
func (s *Server) checkPassword(pw string) bool {
	got := sha256.Sum256([]byte(pw))
	tok := sha256.Sum256([]byte(s.links.OfficeToken()))
	ok := subtle.ConstantTimeCompare(got[:], tok[:])
	if s.cfg.OfficePassword != "" {
		want := sha256.Sum256([]byte(s.cfg.OfficePassword))
		ok |= subtle.ConstantTimeCompare(got[:], want[:])
	}
	return ok == 1 && pw != ""
}

// limiter counts failed logins per client address and stops a client after max failures
// within window.
type limiter struct {
	max    int
	window time.Duration
	mu     sync.Mutex
	fails  map[string][]time.Time
}

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, fails: map[string][]time.Time{}}
}

// blocked reports whether addr has failed too often lately.
func (l *limiter) blocked(addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(addr, now)) >= l.max
}

// fail counts a failure of addr.
func (l *limiter) fail(addr string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[addr] = append(l.recent(addr, now), now)
	if len(l.fails) > 10000 { // a flood of addresses: forget the oldest news
		for k := range l.fails {
			delete(l.fails, k)
			break
		}
	}
}

func (l *limiter) recent(addr string, now time.Time) []time.Time {
	var out []time.Time
	for _, t := range l.fails[addr] {
		if now.Sub(t) < l.window {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		delete(l.fails, addr)
	}
	return out
}
