package portal

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"fmt"
	"strings"
	"sync"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// KeyPurpose is the purpose of the workspace key (store.Store.Secret) that links are derived
// from.
const KeyPurpose = "portal links"

// tokenBytes is how much of an HMAC a token keeps: 160 bits.
const tokenBytes = 20

// tokenEncoding writes tokens in lower-case base32: no characters that a phone's keyboard,
// a chat program or a URL would change.
var tokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// TokenLength is the length of a token in characters.
var TokenLength = tokenEncoding.EncodedLen(tokenBytes)

// Holder is whom a unit link belongs to: a unit, for one period.
type Holder struct {
	Unit   *gyqc.Unit
	Period gyqc.Period
}

// Links derives the unit links and the office token from a key, and tells which link a
// token is. A token is an HMAC-SHA256 of the unit, the period and how often that link was
// revoked (store.Store.Rotate), cut to 160 bits: the same on every call, never stored, and
// a new one once the link is revoked. Tokens are compared in constant time. Links is safe
// for concurrent use.
type Links struct {
	key []byte

	planOf func(gyqc.Period) *gyqc.Plan // the plan (version) of each period, for its units

	mu       sync.Mutex
	counters map[store.Rotation]int
	tokens   map[store.Rotation]string   // the current token of every unit and period
	index    map[[32]byte]store.Rotation // SHA-256 of a current token → its link
}

// NewLinks returns the links of the plan's responsible units for every period of its
// horizon, derived from key with the rotation counters given.
func NewLinks(plan *gyqc.Plan, key []byte, rotations map[store.Rotation]int) *Links {
	return NewVersionLinks(plan.Horizon.Periods(), func(gyqc.Period) *gyqc.Plan { return plan }, key, rotations)
}

// NewVersionLinks returns the links of every period given for the responsible units of the
// plan version planOf gives for it, derived from key with the rotation counters given.
func NewVersionLinks(periods []gyqc.Period, planOf func(gyqc.Period) *gyqc.Plan, key []byte, rotations map[store.Rotation]int) *Links {
	l := &Links{key: key, counters: map[store.Rotation]int{}}
	l.counters[officeRotation] = rotations[officeRotation]
	l.reset(periods, planOf, rotations)
	return l
}

// Reset derives the links again for plan versions that changed (a version activated, a
// period issued under another), keeping the rotation counters. A link whose unit and
// period stay is the same link.
func (l *Links) Reset(periods []gyqc.Period, planOf func(gyqc.Period) *gyqc.Plan) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reset(periods, planOf, l.counters)
}

// reset derives every link. Callers hold mu or own l.
func (l *Links) reset(periods []gyqc.Period, planOf func(gyqc.Period) *gyqc.Plan, rotations map[store.Rotation]int) {
	l.planOf, l.tokens, l.index = planOf, map[store.Rotation]string{}, map[[32]byte]store.Rotation{}
	for _, p := range periods {
		for _, u := range planOf(p).ResponsibleUnits() {
			r := store.Rotation{Subject: u.Code, Period: p.String()}
			l.set(r, rotations[r])
		}
	}
}

// officeRotation names the office's link.
var officeRotation = store.Rotation{Subject: store.OfficeSubject}

// set derives the token of r with counter n, replacing the old one. Callers hold mu or own l.
func (l *Links) set(r store.Rotation, n int) {
	if old, ok := l.tokens[r]; ok {
		delete(l.index, sha256.Sum256([]byte(old)))
	}
	tok := l.derive("unit", r.Subject, r.Period, n)
	l.counters[r], l.tokens[r] = n, tok
	l.index[sha256.Sum256([]byte(tok))] = r
}

// derive returns the token for the fields given.
func (l *Links) derive(fields ...any) string {
	m := hmac.New(sha256.New, l.key)
	for _, f := range fields {
		fmt.Fprintf(m, "%v\x00", f)
	}
	return tokenEncoding.EncodeToString(m.Sum(nil)[:tokenBytes])
}

// Update takes the rotation counters as the workspace now holds them (another process may
// have revoked a link) and derives the tokens that changed.
func (l *Links) Update(rotations map[store.Rotation]int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for r, n := range rotations {
		if l.counters[r] == n {
			continue
		}
		if r == officeRotation {
			l.counters[r] = n
			continue
		}
		if _, ok := l.tokens[r]; ok {
			l.set(r, n)
		}
	}
}

// Token returns the current token of unit's link for period, or "" when the unit has no
// link (it is not a responsible unit, or the period is outside the plan).
func (l *Links) Token(unit string, period gyqc.Period) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.tokens[store.Rotation{Subject: unit, Period: period.String()}]
}

// Resolve returns whose link token is. An unknown or revoked token gives false, the same
// way whether it ever existed or not.
func (l *Links) Resolve(token string) (Holder, bool) {
	if !wellFormed(token) {
		return Holder{}, false
	}
	l.mu.Lock()
	r, ok := l.index[sha256.Sum256([]byte(token))]
	want, planOf := l.tokens[r], l.planOf
	l.mu.Unlock()
	if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(want)) != 1 {
		return Holder{}, false
	}
	p, err := gyqc.ParsePeriod(r.Period)
	if err != nil {
		return Holder{}, false
	}
	u := planOf(p).Registry.Unit(r.Subject)
	if u == nil {
		return Holder{}, false
	}
	return Holder{Unit: u, Period: p}, true
}

// OfficeToken returns the office's current token: the 口令 of the office pages.
func (l *Links) OfficeToken() string {
	l.mu.Lock()
	n := l.counters[officeRotation]
	l.mu.Unlock()
	return l.derive("office", n)
}

// OfficeGeneration returns how often the office token was replaced; sessions opened under an
// earlier token end.
func (l *Links) OfficeGeneration() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.counters[officeRotation]
}

// wellFormed reports whether s has the length and alphabet of a token.
func wellFormed(s string) bool {
	if len(s) != TokenLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

// UnitURL returns the link of a token under base (an address such as http://10.1.2.3:8080,
// with or without a path): it ends in "/".
func UnitURL(base, token string) string {
	return strings.TrimRight(base, "/") + "/u/" + token + "/"
}

// OfficeURL returns the address of the office pages under base.
func OfficeURL(base string) string { return strings.TrimRight(base, "/") + "/office/" }
