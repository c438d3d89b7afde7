package render

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// fixedAtoms returns atoms of s with fixed advances: 1 for CJK characters, 0.5 for
// anything else, as a monospaced CJK font would give; "●" stands for a light's dot.
func fixedAtoms(s string) []atom {
	var atoms []atom
	keep := false
	for _, r := range s {
		a := atom{r: r, w: 0.5}
		if isCJK(r) || r == '—' || r == '…' {
			a.w = 1
		}
		if r == '●' {
			a = atom{r: 0, w: 1, light: gyqc.LightGreen}
			keep = true
		} else if keep {
			a.keep = true
			if r == ' ' {
				keep = false
			}
		}
		atoms = append(atoms, a)
	}
	return atoms
}

// lineTexts returns the text of each line, a light's dot written as "●".
func lineTexts(atoms []atom, lines []line) []string {
	out := make([]string, len(lines))
	for i, ln := range lines {
		var b strings.Builder
		for _, a := range atoms[ln.start:ln.end] {
			if a.r == 0 {
				b.WriteRune('●')
			} else {
				b.WriteRune(a.r)
			}
		}
		out[i] = b.String()
	}
	return out
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		Name   string
		Text   string
		Width  float64
		Indent float64
		Want   []string
	}{
		{"CJK breaks anywhere", "一二三四五六七八九十", 4, 0, []string{"一二三四", "五六七八", "九十"}},
		{"closing mark never starts a line", "一二三，四五六", 3, 0, []string{"一二", "三，四", "五六"}},
		{"closing marks in a row", "一二“三。”四五", 3, 0, []string{"一二", "“三。”", "四五"}},
		{"opening mark never ends a line", "一二（三四）五", 3, 0, []string{"一二", "（三", "四）五"}},
		{"Latin word kept whole", "中文abc def中文", 4, 0, []string{"中文abc", "def中文"}},
		{"number kept whole with its unit", "产值12345.67亿元", 6, 0, []string{"产值", "12345.67亿元"}},
		{"number keeps its unit of one character", "红灯9项（较上月减少6项）", 7, 0, []string{"红灯9项（较上", "月减少6项）"}},
		{"number keeps its unit of one character at the end", "较上月减少2项）", 3.5, 0, []string{"较上月", "减少", "2项）"}},
		{"break before a number", "累计完成投资额12亿元", 7.5, 0, []string{"累计完成投资额", "12亿元"}},
		{"unit of several characters", "提高0.5个百分点", 6, 0, []string{"提高", "0.5个百分点"}},
		{"percent stays with number", "比重提升至20%以上", 6, 0, []string{"比重提升至", "20%以上"}},
		{"word longer than a line is cut", "abcdefghijklmn", 3, 0, []string{"abcdef", "ghijkl", "mn"}},
		{"spaces dropped at line ends", "aaaa bbbb cccc", 2.5, 0, []string{"aaaa", "bbbb", "cccc"}},
		{"newline forces a break", "一二\n三四", 10, 0, []string{"一二", "三四"}},
		{"first line indented", "一二三四五六七", 4, 2, []string{"一二", "三四五六", "七"}},
		{"dash pair stays whole", "一二——三四", 3, 0, []string{"一二", "——三", "四"}},
		{"break after a range dash", "计划（2022—2025年）", 6, 0, []string{"计划（2022—", "2025年）"}},
		{"no break before a range dash", "计划（2022—2025年）", 5.5, 0, []string{"计划", "（2022—", "2025年）"}},
		{"ellipsis pair stays whole", "一二……三", 3, 0, []string{"一二", "……三"}},
		{"light keeps its label", "一二●绿灯 三", 4, 0, []string{"一二", "●绿灯", "三"}},
		{"web address breaks after a slash", "详见https://www.gov.cn/zwgk/a.pdf", 9, 0, []string{"详见https://", "www.gov.cn/zwgk/", "a.pdf"}},
		{"date with slashes kept whole", "日期2025/06/30止", 6, 0, []string{"日期", "2025/06/30止"}},
		{"fits exactly", "一二三四", 4, 0, []string{"一二三四"}},
		{"empty text", "", 4, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			atoms := fixedAtoms(tt.Text)
			got := lineTexts(atoms, breakLines(atoms, tt.Width, tt.Indent))
			if len(got) == 0 {
				got = nil
			}
			if !reflect.DeepEqual(got, tt.Want) {
				t.Errorf("breakLines(%q, %g):\ngot  %q\nwant %q", tt.Text, tt.Width, got, tt.Want)
			}
		})
	}
}

// TestBreakLinesPlanTexts breaks every task text of the plan at several widths and checks
// the rules on every line: nothing lost, no line too wide, no closing mark at a line's
// start, no opening mark at its end. The lines at width 28 are kept as a golden file.
func TestBreakLinesPlanTexts(t *testing.T) {
	plan := planfile.Default()
	var golden strings.Builder
	for _, width := range []float64{5, 13, 28, 40.5} {
		for _, task := range plan.Tasks {
			text := task.Text + "（牵头单位：" + strings.Join(task.Lead, "、") + "）"
			atoms := fixedAtoms(text)
			lines := breakLines(atoms, width, 2)
			got := lineTexts(atoms, lines)
			if strings.Join(got, "") != strings.ReplaceAll(text, "\n", "") {
				t.Errorf("task %d at width %g: characters lost or added", task.No, width)
			}
			for i, ln := range lines {
				avail := width
				if i == 0 {
					avail -= 2
				}
				s := []rune(got[i])
				if ln.width > avail+1e-9 && longestWord(atoms[ln.start:ln.end]) < ln.width {
					t.Errorf("task %d at width %g: line %q is %g wide", task.No, width, got[i], ln.width)
				}
				if i > 0 && isClosing(s[0]) {
					t.Errorf("task %d at width %g: line %q starts with closing punctuation", task.No, width, got[i])
				}
				if i < len(lines)-1 && isOpening(s[len(s)-1]) {
					t.Errorf("task %d at width %g: line %q ends with opening punctuation", task.No, width, got[i])
				}
			}
			if width == 28 {
				fmt.Fprintf(&golden, "== task %d\n%s\n", task.No, strings.Join(got, "\n"))
			}
		}
	}
	checkGolden(t, "linebreak-28.golden", golden.String())
}

// checkGolden compares got with testdata/name, or rewrites the file under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output; run go test ./render -update and review the diff", path)
	}
}

func TestLongestWord(t *testing.T) {
	tests := []struct {
		Name string
		Text string
		Want float64
	}{
		{"CJK", "中文字符", 1},
		{"number with unit mark", "12.5%", 2.5},
		{"words", "ab abcd", 2},
		{"light and label", "●绿灯 好", 3},
		{"closing mark joins", "好。", 2},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			if got := longestWord(fixedAtoms(tt.Text)); got != tt.Want {
				t.Errorf("longestWord(%q) = %g, want %g", tt.Text, got, tt.Want)
			}
		})
	}
}
