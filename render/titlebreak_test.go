package render

import (
	"strings"
	"testing"
)

// TestBalancedTitle sets titles of one to three lines and checks where they break: a title
// that fills at most nine tenths of a line stays whole; a longer one breaks into lines of
// even width, none a lone character, outside quotation marks and not after a digit where an
// even break elsewhere exists.
func TestBalancedTitle(t *testing.T) {
	fs := testFonts(t)
	for _, tc := range []struct {
		Name, Title string
		Want        []string // the lines; nil: any balanced setting
	}{
		{"short stays whole", "工业强城建设工作简报", []string{"工业强城建设工作简报"}},
		{"issue title breaks before the quotation", "2025年6月黔江区“工业强城”建设推进情况",
			[]string{"2025年6月黔江区", "“工业强城”建设推进情况"}},
		{"annex title", "亮红灯和黄灯任务牵头单位报送情况（原文）", nil},
		{"three lines", strings.Repeat("推进工业强城建设", 6) + "情况", nil},
		{"title the caller broke", "2025年6月黔江区\n“工业强城”建设推进情况", []string{"2025年6月黔江区", "“工业强城”建设推进情况"}},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			got := strings.Split(balancedTitle(tc.Title, fs), "\n")
			if strings.Join(got, "") != strings.ReplaceAll(tc.Title, "\n", "") {
				t.Fatalf("text changed: %q", got)
			}
			if tc.Want != nil {
				if strings.Join(got, "|") != strings.Join(tc.Want, "|") {
					t.Errorf("got %q, want %q", got, tc.Want)
				}
				return
			}
			sh := shaper{fonts: fs, replaced: new([]Replacement)}
			lo, hi := textW, 0.0
			for _, ln := range got {
				w := width(sh.shape(nil, ln, RoleTitle, sizeTitle, 0))
				lo, hi = min(lo, w), max(hi, w)
				if len([]rune(ln)) < 2 || w > textW {
					t.Errorf("line %q (%.1f mm) in %q", ln, w, got)
				}
			}
			if len(got) < 2 || hi-lo > 0.25*textW {
				t.Errorf("lines %q not balanced: %.1f to %.1f mm", got, lo, hi)
			}
		})
	}
}

// loneTitleLines finds each title in pages (lines of pdftotext -layout, whitespace removed)
// as one to three consecutive lines, and describes each title not found and each line of a
// title that is a single character.
func loneTitleLines(pages [][]string, titles []string) []string {
	var bad []string
	for _, title := range titles {
		want, found := squeeze(title), false
		for _, lines := range pages {
			for i := range lines {
				for k := 1; k <= 3 && i+k <= len(lines); k++ {
					if strings.Join(lines[i:i+k], "") != want {
						continue
					}
					found = true
					for _, ln := range lines[i : i+k] {
						if len([]rune(ln)) == 1 {
							bad = append(bad, "title "+title+" has a line of one character: "+ln)
						}
					}
				}
			}
		}
		if !found {
			bad = append(bad, "title not found on one to three lines: "+title)
		}
	}
	return bad
}
