package review

import (
	"math"
	"strings"
	"testing"

	"golang.org/x/text/width"
)

// FuzzParseNumber: whatever a unit types in a number cell is either empty, a number, or not
// a number with a reason; a number is finite; text is never turned into 0 (a 0 comes only
// from a text with the digit 0 in it); an estimate or a bound is a number whose words are in
// the text; and the same text always reads the same.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"约30家", "30左右", "≥30", "30家以上", "30余家", "约为12.5亿元", "11.2%", "１１.２％", "1,200", "1，200.5",
		"１２", "不适用", "待统计", "—", "0", "-0", "0.0", "1e5", "0x10", "NaN", "Inf", "12.5万", "两家", "3-5", " \u00a0 ", ">=", "约", "+30"} {
		for _, m := range []string{"家", "亿元", "%", "个"} {
			f.Add(s, m)
		}
	}
	f.Fuzz(func(t *testing.T, raw, measure string) {
		r := ParseNumber(raw, measure)
		kinds := 0
		for _, k := range []bool{r.Empty, r.OK, r.Reason != ""} {
			if k {
				kinds++
			}
		}
		if kinds != 1 {
			t.Fatalf("%q: empty %v, ok %v, reason %q: want exactly one", raw, r.Empty, r.OK, r.Reason)
		}
		narrow := width.Narrow.String(raw)
		if r.Empty != (strings.TrimSpace(strings.ReplaceAll(narrow, "\u00a0", "")) == "") {
			t.Fatalf("%q read as empty %v", raw, r.Empty)
		}
		if r.OK && (math.IsNaN(r.Value) || math.IsInf(r.Value, 0)) {
			t.Fatalf("%q read as %v", raw, r.Value)
		}
		if r.OK && r.Value == 0 && !strings.Contains(narrow, "0") {
			t.Fatalf("%q turned into 0", raw)
		}
		if r.Approx != "" {
			if !r.OK {
				t.Fatalf("%q: an estimate that is not a number", raw)
			}
			for _, w := range strings.Split(r.Approx, "、") {
				if !strings.Contains(narrow, w) {
					t.Fatalf("%q: estimate word %q not in the text", raw, w)
				}
			}
		}
		if again := ParseNumber(raw, measure); again != r {
			t.Fatalf("%q read as %+v, then %+v", raw, r, again)
		}
	})
}
