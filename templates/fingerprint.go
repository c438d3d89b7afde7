package templates

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"

	"github.com/qianjiang/gyqc"
)

// Fingerprint returns the SHA-256 (hex) of what a template of unit for period locks: the
// layout version, the plan's identity, the unit, the period, and the plan-derived cells of
// every task and indicator row, keyed. It does not depend on the issue time or on the
// prefilled values of earlier periods, so a reader can recompute it from the plan and the
// template's metadata: a difference means the plan's content for this unit changed after
// the template was issued.
func Fingerprint(plan *gyqc.Plan, unit string, period gyqc.Period) string {
	h := sha256.New()
	var buf []byte
	field := func(h hash.Hash, s string) { // "len:text\n"
		buf = append(append(append(strconv.AppendInt(buf[:0], int64(len(s)), 10), ':'), s...), '\n')
		h.Write(buf)
	}
	for _, s := range []string{LayoutVersion, plan.ID, unit, period.String()} {
		field(h, s)
	}
	for _, a := range plan.Assignments(unit) {
		field(h, TaskKey(a.Task))
		for _, c := range taskCells(plan, a) {
			field(h, c.Text)
		}
	}
	for i, ind := range plan.ReportedIndicators(unit) {
		field(h, IndicatorKey(ind.Key))
		for _, c := range indicatorCells(ind, i+1) {
			field(h, c.Text)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
