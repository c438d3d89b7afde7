package templates

import (
	"github.com/qianjiang/gyqc/templates/internal/xlsx"
	"github.com/xuri/excelize/v2"
)

// book is what the reader needs of a workbook: its sheets, their rows as raw cell texts,
// its custom properties and the program that saved it. Two implementations exist:
// excelBook over an excelize.File (Read) and fastBook straight over the package's bytes
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
	// formats returns the number formats of the cell styles and the date system, nil when
	// they are not known.
	formats() *xlsx.Formats
}

// rowIterator streams the rows of a sheet with the semantics of excelize's *Rows: Next
// moves to the next row number (rows the file skips come back empty), Columns returns the
// row's cell texts (raw values with RawCellValue), Error and Close report what stopped it.
// Attrs returns the type and style of each cell Columns returned, or nil when they are not
// known.
type rowIterator interface {
	Next() bool
	Columns(opts ...excelize.Options) ([]string, error)
	Attrs() []xlsx.CellAttr
	Error() error
	Close() error
}

// excelBook is a book over a workbook opened with excelize. Its texts are excelize's; the
// type and style of each cell, which excelize's row iterator does not give, come from the
// fast reader's scanner run over the same parts excelize holds (side), row by row, and only
// for the rows where the scanner reads exactly the texts excelize reads. Where it cannot
// (markup outside its subset, parts excelize keeps on disk), cells are judged by their text.
type excelBook struct {
	f    *excelize.File
	side *xlsx.Book // nil when the scanner cannot read the package
}

var _ book = (*excelBook)(nil)

// newExcelBook returns the book over f with its scanner side.
func newExcelBook(f *excelize.File) *excelBook {
	b := &excelBook{f: f}
	if side := xlsx.OpenFile(f); side.Err() == nil {
		b.side = side
	}
	return b
}

func (b *excelBook) sheetList() []string { return b.f.GetSheetList() }

func (b *excelBook) sheetIndex(name string) int {
	idx, err := b.f.GetSheetIndex(name)
	if err != nil {
		return -1
	}
	return idx
}

func (b *excelBook) rows(sheet string) (rowIterator, error) {
	r, err := b.f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	it := &excelRows{Rows: r}
	if b.side != nil && b.side.Err() == nil {
		if side, err := b.side.Rows(sheet); err == nil {
			it.side, it.book = side, b.side
		}
	}
	return it, nil
}

func (b *excelBook) customProps() ([]excelize.CustomProperty, error) { return b.f.GetCustomProps() }

func (b *excelBook) application() string {
	if app, err := b.f.GetAppProps(); err == nil && app != nil {
		return app.Application
	}
	return ""
}

func (b *excelBook) formats() *xlsx.Formats {
	if b.side == nil || b.side.Err() != nil {
		return nil
	}
	return b.side.Formats()
}

// excelRows is excelize's row iterator with the scanner's iterator over the same sheet
// beside it, for the cell types.
type excelRows struct {
	*excelize.Rows
	side  *xlsx.Rows // nil once it has read a row differently, or could not be read
	book  *xlsx.Book // of side
	attrs []xlsx.CellAttr
}

// Next implements rowIterator.
func (r *excelRows) Next() bool {
	ok := r.Rows.Next()
	if r.side != nil && r.side.Next() != ok {
		r.side = nil
	}
	return ok
}

// Columns implements rowIterator: excelize's texts, with the scanner's cell attributes
// when it read the same texts.
func (r *excelRows) Columns(opts ...excelize.Options) ([]string, error) {
	texts, err := r.Rows.Columns(opts...)
	r.attrs = nil
	if r.side == nil {
		return texts, err
	}
	got, serr := r.side.Columns()
	if err != nil || serr != nil || r.book.Err() != nil || !sameCells(got, texts) {
		r.side = nil
		return texts, err
	}
	r.attrs = r.side.Attrs()
	return texts, err
}

// Attrs implements rowIterator.
func (r *excelRows) Attrs() []xlsx.CellAttr { return r.attrs }

// sameCells reports whether the scanner's cells (at most maxReadCols) are excelize's first
// maxReadCols, but for empty cells at the end (the scanner does not pad a row up to a cell
// beyond maxReadCols).
func sameCells(side, ex []string) bool {
	ex = ex[:min(len(ex), maxReadCols)]
	if len(side) > len(ex) {
		return false
	}
	for i := range ex {
		if i < len(side) && side[i] != ex[i] || i >= len(side) && ex[i] != "" {
			return false
		}
	}
	return true
}

// fastBook is a book over the fast reader's xlsx.Book (ReadBytes).
type fastBook struct{ b *xlsx.Book }

var _ book = fastBook{}

func (f fastBook) sheetList() []string                             { return f.b.SheetList() }
func (f fastBook) sheetIndex(name string) int                      { return f.b.SheetIndex(name) }
func (f fastBook) customProps() ([]excelize.CustomProperty, error) { return f.b.CustomProps() }
func (f fastBook) application() string                             { return f.b.Application() }
func (f fastBook) formats() *xlsx.Formats                          { return f.b.Formats() }

func (f fastBook) rows(sheet string) (rowIterator, error) {
	r, err := f.b.Rows(sheet)
	if err != nil {
		return nil, err
	}
	return r, nil
}
