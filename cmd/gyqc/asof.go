package main

import (
	"fmt"
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
	n := map[gyqc.State]int{}
	for _, u := range ev.Units {
		n[u.Report.Shown()]++
	}
	line := fmt.Sprintf("报送：应报 %d 个单位，按时报送 %d，迟报 %d，未报送 %d，被退回 %d", len(ev.Units),
		n[gyqc.StateOnTime], n[gyqc.StateLate], n[gyqc.StateMissing], n[gyqc.StateRefused])
	if k := n[gyqc.StateNotYetDue]; k > 0 {
		line += fmt.Sprintf("，尚未报送 %d（截止时间未到）", k)
	}
	return line + "。"
}
