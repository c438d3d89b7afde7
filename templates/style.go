package templates

import (
	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc/internal/cellstyle"
)

// The template's look: one Song typeface, black text, thin grey borders, a light grey header
// and a pale yellow fill that marks the cells a unit fills in.
const (
	fontFamily  = "宋体"
	fontSize    = 10.0
	borderColor = "808080"
	headerFill  = "E7E6E6"
	inputFill   = "FFF8DC"
	keyColor    = "A6A6A6"
	noteColor   = "595959"
	// percentFormat shows the number of a % indicator with a literal % sign: 11.2 is shown
	// as 11.2%, as the unit means it, where a percent format would multiply it by 100.
	percentFormat = `0.0#"%"`
)

// styles holds the style ids of one workbook.
type styles struct {
	title, subtitle, info, header       int
	locked, lockedCenter, lockedNumber  int
	label, section, note, key           int
	inputText, inputCenter, inputNumber int
	inputDate                           int
	metaText                            int
	lockedCount                         int // the counts and verdict of 自查结果
	inputPercent, lockedPercent         int // the figures of % indicators: 11.2 shows as 11.2%
	checkBad, checkGood                 int // conditional formats (dxf) of the self-check
}

// newStyles registers the styles in f.
func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	font := func(size float64, bold bool, color string) *excelize.Font {
		return &excelize.Font{Family: fontFamily, Size: size, Bold: bold, Color: color}
	}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	date := "yyyy-mm-dd"
	percent := percentFormat
	top := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "top", WrapText: true}
	}
	mid := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: true}
	}
	unlocked := &excelize.Protection{Locked: false}
	locked := &excelize.Protection{Locked: true}
	defs := []struct {
		id *int
		st excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(16, true, ""), Alignment: mid("center"), Protection: locked}},
		{&s.subtitle, excelize.Style{Font: font(12, true, ""), Alignment: mid("center"), Protection: locked}},
		{&s.info, excelize.Style{Font: font(fontSize, false, ""), Alignment: mid("left"), Protection: locked}},
		{&s.header, excelize.Style{Font: font(fontSize, true, ""), Alignment: mid("center"), Border: cellstyle.Box(borderColor),
			Fill: fill(headerFill), Protection: locked}},
		{&s.locked, excelize.Style{Font: font(fontSize, false, ""), Alignment: mid("left"), Border: cellstyle.Box(borderColor), Protection: locked}},
		{&s.lockedCenter, excelize.Style{Font: font(fontSize, false, ""), Alignment: mid("center"), Border: cellstyle.Box(borderColor), Protection: locked}},
		{&s.lockedNumber, excelize.Style{Font: font(fontSize, false, ""), Alignment: mid("center"), Border: cellstyle.Box(borderColor), Protection: locked}},
		{&s.label, excelize.Style{Font: font(fontSize, true, ""), Alignment: mid("center"), Border: cellstyle.Box(borderColor),
			Fill: fill(headerFill), Protection: locked}},
		{&s.section, excelize.Style{Font: font(11, true, ""), Alignment: mid("left"), Protection: locked}},
		{&s.note, excelize.Style{Font: font(9, false, noteColor), Alignment: top("left"), Protection: locked}},
		{&s.key, excelize.Style{Font: font(8, false, keyColor), Alignment: top("left"), Protection: locked, NumFmt: 49}},
		{&s.inputText, excelize.Style{Font: font(fontSize, false, ""), Alignment: top("left"), Border: cellstyle.Box(borderColor),
			Fill: fill(inputFill), Protection: unlocked, NumFmt: 49}},
		{&s.inputCenter, excelize.Style{Font: font(fontSize, false, ""), Alignment: mid("center"), Border: cellstyle.Box(borderColor),
			Fill: fill(inputFill), Protection: unlocked, NumFmt: 49}},
		{&s.inputNumber, excelize.Style{Font: font(fontSize, false, ""), Alignment: mid("center"), Border: cellstyle.Box(borderColor),
			Fill: fill(inputFill), Protection: unlocked}},
		{&s.inputDate, excelize.Style{Font: font(fontSize, false, ""), Alignment: mid("left"), Border: cellstyle.Box(borderColor),
			Fill: fill(inputFill), Protection: unlocked, CustomNumFmt: &date}},
		{&s.metaText, excelize.Style{Font: font(fontSize, false, ""), Alignment: top("left"), Protection: locked, NumFmt: 49}},
		{&s.inputPercent, excelize.Style{Font: font(fontSize, false, ""), Alignment: mid("center"), Border: cellstyle.Box(borderColor),
			Fill: fill(inputFill), Protection: unlocked, CustomNumFmt: &percent}},
		{&s.lockedPercent, excelize.Style{Font: font(fontSize, false, ""), Alignment: mid("center"), Border: cellstyle.Box(borderColor),
			Protection: locked, CustomNumFmt: &percent}},
		{&s.lockedCount, excelize.Style{Font: font(fontSize, true, ""), Alignment: mid("left"), Border: cellstyle.Box(borderColor), Protection: locked}},
	}
	for _, d := range defs {
		if *d.id, err = f.NewStyle(&d.st); err != nil {
			return s, err
		}
	}
	if s.checkBad, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: checkBadFont, Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{checkBadFill}}}); err != nil {
		return s, err
	}
	s.checkGood, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: checkGoodFont, Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{checkGoodFill}}})
	return s, err
}
