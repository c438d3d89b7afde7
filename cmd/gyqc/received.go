package main

import (
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
)

// parseReceived parses the --received flag: "2025-06-28 10:00" (or with seconds, or a date
// alone) in the plan's time zone, or RFC 3339.
func parseReceived(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, argsError("收到时间“%s”格式不正确，应写作“2025-06-28 10:00”（按方案所在时区）或 RFC 3339 格式“2025-06-28T10:00:00+08:00”", s)
}

// checkReceived refuses a --received time that cannot be when a return of the period
// arrived: more than a day after now (a mistyped year would file the return as received
// in the future, where every evaluation until then counts the unit as 未报送), or before
// the period began (before the plan began, such as 0001 or 1970, which would count as on
// time). A usage error, with the time as it was read.
func checkReceived(t, now time.Time, plan *gyqc.Plan, period gyqc.Period) error {
	loc := plan.Location()
	shown := t.In(loc).Format("2006-01-02 15:04")
	if t.After(now.Add(24 * time.Hour)) {
		return argsError("收到时间 %s 晚于现在（%s）一天以上，请检查年份和月份，例如 --received \"%s\"",
			shown, now.In(loc).Format("2006-01-02 15:04"), now.In(loc).Format("2006-01-02 15:04"))
	}
	if start := period.Start(loc); t.Before(start) {
		what := "报送期" + period.Label() + "开始"
		if first := plan.Horizon.First.Start(loc); t.Before(first) {
			what = "方案开始实施（" + plan.Horizon.First.Label() + "）"
		}
		return argsError("收到时间 %s 早于%s，不可能是本期报表的收到时间，请检查年份和月份", shown, what)
	}
	return nil
}
