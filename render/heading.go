package render

import (
	"fmt"

	"github.com/qianjiang/gyqc"
)

// headingNumbers are the running numbers of the four heading levels of a document.
type headingNumbers [4]int

// number counts a heading of level (clamped to 1..4), resets the levels below it, and
// returns the level and the numbered text: 一、 at level 1, （一） at level 2, 1． at level
// 3 and （1） at level 4.
func (h *headingNumbers) number(level int, text string) (int, string) {
	level = max(1, min(level, 4))
	h[level-1]++
	for i := level; i < len(h); i++ {
		h[i] = 0
	}
	n := h[level-1]
	switch level {
	case 1:
		return level, gyqc.ChineseNumeral(n) + "、" + text
	case 2:
		return level, "（" + gyqc.ChineseNumeral(n) + "）" + text
	case 3:
		return level, fmt.Sprintf("%d．", n) + text
	}
	return level, fmt.Sprintf("（%d）", n) + text
}
