package planbook

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// diffLines shows the first lines where two texts differ.
func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < max(len(al), len(bl)) && len(out) < 10; i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y))
		}
	}
	return strings.Join(out, "\n")
}

// planJSON is everything a plan holds, registry included, without its edition.
func planJSON(tb testing.TB, p *gyqc.Plan) string {
	tb.Helper()
	c := *p
	c.Edition = gyqc.Edition{}
	b, err := json.MarshalIndent(struct {
		*gyqc.Plan
		Units  []gyqc.Unit
		Groups []gyqc.Group
	}{&c, p.Registry.Units, p.Registry.Groups}, "", " ")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
