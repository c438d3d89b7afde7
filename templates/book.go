package templates

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// book is what the reader needs of a workbook: its sheets, their rows as raw cell texts,
// its custom properties and the program that saved it. Two implementations exist:
// excelBook over an excelize.File (Read) and zipBook straight over the package's bytes
// (ReadBytes); the reader cannot tell them apart, and the tests run every case through both.
type book interface {
	// sheetList returns the sheet names in workbook order (excelize's GetSheetList).
	sheetList() []string
	// sheetIndex returns the position of the sheet called name, compared without case, or
	// -1 (excelize's GetSheetIndex, whose error also means -1 here).
	sheetIndex(name string) int
	// rows returns an iterator over the rows of a sheet (excelize's Rows).
	rows(sheet string) (rowIterator, error)
	// customProps returns the custom document properties (excelize's GetCustomProps).
	customProps() ([]excelize.CustomProperty, error)
	// application returns the program that last saved the file, untrimmed, or "" when the
	// extended properties cannot be read.
	application() string
}

// rowIterator streams the rows of a sheet with the semantics of excelize's *Rows: Next
// moves to the next row number (rows the file skips come back empty), Columns returns the
// row's cell texts (raw values with RawCellValue), Error and Close report what stopped it.
type rowIterator interface {
	Next() bool
	Columns(opts ...excelize.Options) ([]string, error)
	Error() error
	Close() error
}

// excelBook is a book over a workbook opened with excelize.
type excelBook struct{ f *excelize.File }

var _ book = excelBook{}

func (b excelBook) sheetList() []string { return b.f.GetSheetList() }

func (b excelBook) sheetIndex(name string) int {
	idx, err := b.f.GetSheetIndex(name)
	if err != nil {
		return -1
	}
	return idx
}

func (b excelBook) rows(sheet string) (rowIterator, error) {
	r, err := b.f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (b excelBook) customProps() ([]excelize.CustomProperty, error) { return b.f.GetCustomProps() }

func (b excelBook) application() string {
	if app, err := b.f.GetAppProps(); err == nil && app != nil {
		return app.Application
	}
	return ""
}

// sheetIndexIn is GetSheetIndex over a list of sheet names: the first one equal to name
// without regard to case, or -1 (also for a name excelize refuses as a sheet name).
func sheetIndexIn(list []string, name string) int {
	if checkSheetName(name) != nil {
		return -1
	}
	for i, s := range list {
		if strings.EqualFold(s, name) {
			return i
		}
	}
	return -1
}
