package gyqc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Period is one monthly reporting period, such as 2025-06.
type Period struct {
	Year  int
	Month time.Month
}

var periodPattern = regexp.MustCompile(`^(\d{4})-(\d{2})$`)

// ParsePeriod parses a period written as YYYY-MM (for example 2025-06). The error is in
// Chinese and shows the expected form.
func ParsePeriod(s string) (Period, error) {
	m := periodPattern.FindStringSubmatch(s)
	if m == nil {
		return Period{}, Errorf(EInvalid, "报送期“%s”格式不正确，应写作“年-月”，例如 2025-06", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 {
		return Period{}, Errorf(EInvalid, "报送期“%s”的月份应在 01 到 12 之间，例如 2025-06", s)
	}
	if y < 2000 || y > 2100 {
		return Period{}, Errorf(EInvalid, "报送期“%s”的年份不合理，例如 2025-06", s)
	}
	return Period{Year: y, Month: time.Month(mo)}, nil
}

// MustPeriod is ParsePeriod for constants in code and tests; it panics on a malformed period.
func MustPeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// String returns the period as YYYY-MM.
func (p Period) String() string { return fmt.Sprintf("%04d-%02d", p.Year, int(p.Month)) }

// Label returns the period in Chinese, such as 2025年6月.
func (p Period) Label() string { return fmt.Sprintf("%d年%d月", p.Year, int(p.Month)) }

// IsZero reports whether p is the zero period.
func (p Period) IsZero() bool { return p.Year == 0 }

// Index counts months since year 0, so that periods can be compared and subtracted.
func (p Period) Index() int { return p.Year*12 + int(p.Month) - 1 }

// periodFromIndex is the inverse of Index.
func periodFromIndex(i int) Period { return Period{Year: i / 12, Month: time.Month(i%12 + 1)} }

// Add returns the period n months after p (before it when n is negative).
func (p Period) Add(n int) Period { return periodFromIndex(p.Index() + n) }

// Before reports whether p comes before q.
func (p Period) Before(q Period) bool { return p.Index() < q.Index() }

// After reports whether p comes after q.
func (p Period) After(q Period) bool { return p.Index() > q.Index() }

// Start returns the first instant of the period in loc.
func (p Period) Start(loc *time.Location) time.Time {
	return time.Date(p.Year, p.Month, 1, 0, 0, 0, 0, loc)
}

// MarshalText implements encoding.TextMarshaler (YYYY-MM).
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler (YYYY-MM).
func (p *Period) UnmarshalText(b []byte) error {
	q, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// monthTextPattern matches a month as people write it: 2025年6月, 2025年6月份, 2025-06, 2025/6,
// 2025.6, and a year-to-date span 2025年1—6月 or 2025年1-6月 (the span's last month counts).
var monthTextPattern = regexp.MustCompile(`^(\d{4})\s*(?:年|-|/|\.)\s*(?:\d{1,2}\s*(?:—|－|-|~|～|至)\s*)?(\d{1,2})\s*(?:月份|月)?$`)

// ParseMonthText reads a month written by a person (see monthTextPattern; full-width digits
// too). ok is false when s names no month of a plausible year.
func ParseMonthText(s string) (Period, bool) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		case r == '／':
			return '/'
		}
		return r
	}, strings.TrimSpace(s))
	m := monthTextPattern.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 || y < 2000 || y > 2100 {
		return Period{}, false
	}
	return Period{Year: y, Month: time.Month(mo)}, true
}
