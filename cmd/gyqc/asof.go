package main

import (
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
)

// asOfFlag is the --as-of option of the commands that judge a period at a moment: status,
// remind, consolidate and brief.
func asOfFlag() cli.Flag {
	return &cli.StringFlag{Name: "as-of", Usage: "统计时间，例如 \"2025-06-30 17:00\"；默认为现在。截止时间未到时，还没有报送的单位为“尚未报送”（不计为未报送，不催报，简报注明截至何时、为初步统计）"}
}

// clock is the time --as-of defaults to; tests set it to a moment before a deadline.
var clock = time.Now

// asOf returns the --as-of time of the command, the clock when it is not given.
func asOf(c *cli.Context, plan *gyqc.Plan) (time.Time, error) {
	s := strings.TrimSpace(c.String("as-of"))
	if s == "" {
		return clock(), nil
	}
	return parseAsOf(s, plan.Location())
}

// reportingLine sums up how the units reported, each unit counted once as lists show it at
// the evaluation time: before the deadline a unit with nothing yet is 尚未报送, not 未报送.
// consolidate and brief print it.
func reportingLine(ev *gyqc.Evaluation) string {
	return "报送：" + stateLine(ev.Summary) + "。"
}
