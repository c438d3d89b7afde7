package main

import (
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
)

// asOfFlag is the --as-of option of the commands that judge a period at a moment: status
// and remind (consolidate and brief spell theirs out).
func asOfFlag() cli.Flag {
	return &cli.StringFlag{Name: "as-of", Usage: "统计时间，例如 \"2025-06-30 17:00\"；默认为现在。截止时间未到时，还没有报送的单位为“尚未报送”，不催报"}
}

// asOf returns the --as-of time of the command, the clock when it is not given.
func asOf(c *cli.Context, plan *gyqc.Plan) (time.Time, error) {
	s := strings.TrimSpace(c.String("as-of"))
	if s == "" {
		return time.Now(), nil
	}
	return parseAsOf(s, plan.Location())
}
