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
	return time.Time{}, gyqc.Errorf(gyqc.EInvalid, "收到时间“%s”格式不正确，应写作“2025-06-28 10:00”（按方案所在时区）或 RFC 3339 格式“2025-06-28T10:00:00+08:00”", s)
}
