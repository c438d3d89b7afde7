package planbook

import (
	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc/internal/cellstyle"
)

// styles are the workbook's cell styles.
type styles struct {
	title, block, header, help, guide, guideBold int
	// cell[open][number]: grey locked cells are the document's, white open cells the office's.
	cell [2][2]int
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{}
	border := cellstyle.Box("A6A6A6")
	locked, unlocked := true, false
	defs := []struct {
		id *int
		st excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.block, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment:  &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Protection: &excelize.Protection{Locked: locked}}},
		{&s.help, excelize.Style{Font: &excelize.Font{Color: "666666", Size: 10}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.guide, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.guideBold, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.st)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	for open := 0; open < 2; open++ {
		for num := 0; num < 2; num++ {
			st := excelize.Style{Border: border, NumFmt: 49, // text: what is typed stays as typed
				Alignment:  &excelize.Alignment{Vertical: "top", WrapText: true},
				Protection: &excelize.Protection{Locked: locked}}
			if num == 1 {
				st.NumFmt = 0
			}
			if open == 1 {
				st.Protection = &excelize.Protection{Locked: unlocked}
				st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFFFF"}}
			} else {
				st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}
			}
			id, err := f.NewStyle(&st)
			if err != nil {
				return nil, err
			}
			s.cell[open][num] = id
		}
	}
	return s, nil
}

// protect locks a sheet without a password: locked cells cannot be changed by accident, and
// the office can still lift the protection (审阅 → 撤销工作表保护) when the document's own text
// needs correcting. Rows may be inserted, deleted and resized; columns resized.
func protect(f *excelize.File, sheet string) error {
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		FormatColumns: true, FormatRows: true, InsertRows: true, DeleteRows: true,
		SelectLockedCells: true, SelectUnlockedCells: true, AutoFilter: true,
	})
}

// pageSetup prints a sheet on A4 landscape, one page wide, with its header row (row 1 of a
// sheet of one table) repeated on every page.
func pageSetup(f *excelize.File, sheet string, repeatHeader bool) error {
	size, orient, wide, tall, fit := 9, "landscape", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	margin := 0.5
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C&A 第 &P 页，共 &N 页"}); err != nil {
		return err
	}
	if !repeatHeader {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + sheet + "'!$1:$1"})
}
