package planbook

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc/internal/celltext"
	"github.com/qianjiang/gyqc/planfile"
)

// TestRowHeights: the plan workbook's wrapped rows are as high as internal/celltext measures
// their text, the one measure of the templates and the consolidated workbook (this changed
// the plan workbook's rows from its own 13.5 points a line plus 3, Chinese counted 2 wide, to
// celltext's 14 points a line plus 4, Chinese 1.75 wide); rows of one line keep the default.
func TestRowHeights(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(exportBytes(t, planfile.DefaultPlanFile, planfile.DefaultUnitsFile)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defaultRowHeight, err := f.GetRowHeight(SheetGuide, 10000) // a row no one set
	if err != nil {
		t.Fatal(err)
	}
	wrapped := 0
	for row := 2; ; row++ {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		text, err := f.GetCellValue(SheetGuide, cell)
		if err != nil {
			t.Fatal(err)
		}
		if text == "" {
			break
		}
		got, err := f.GetRowHeight(SheetGuide, row)
		if err != nil {
			t.Fatal(err)
		}
		lines := celltext.Lines(text, 100)
		want := celltext.RowHeight(lines)
		if lines == 1 {
			want = defaultRowHeight
		} else {
			wrapped++
		}
		if got != want {
			t.Errorf("%s row %d (%d lines of %q): height %v, want %v", SheetGuide, row, lines, text, got, want)
		}
	}
	if wrapped < 3 {
		t.Errorf("%s has %d wrapped paragraphs; want the long ones measured", SheetGuide, wrapped)
	}
}
