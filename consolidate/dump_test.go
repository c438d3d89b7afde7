package consolidate_test

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The -update flag rewrites the golden files. Another test file of the package may define
// it first; then that definition is shared.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

// updateGolden reports whether -update was given.
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// golden compares got with testdata/name, or rewrites the file under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updateGolden() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\ngot  %s\nwant %s\n(run go test -run %s -update if the change is intended)", path, i+1, g, w, t.Name())
			}
		}
	}
}

// dumpRows is how many rows of a sheet the dump shows; the rest is summed up by a hash.
const dumpRows = 80

// dumpBook writes a text description of a consolidated workbook as a person checking it
// would: document properties, defined names, and per sheet its set-up (dimension, frozen
// panes, filter, page, header and footer, column widths, merged cells) and its rows, each
// cell as its value with its number format and fill (past dumpRows, a hash of the rest).
func dumpBook(tb testing.TB, data []byte) string {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	d := &bookDump{tb: tb, f: f, styles: map[int]string{}}
	dp, err := f.GetDocProps()
	d.must(err)
	fmt.Fprintf(&d.b, "doc: title=%q subject=%q creator=%q keywords=%q created=%s modified=%s language=%s\n",
		dp.Title, dp.Subject, dp.Creator, dp.Keywords, dp.Created, dp.Modified, dp.Language)
	fmt.Fprintf(&d.b, "doc: description=%q category=%q\n", dp.Description, dp.Category)
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&d.b, "name: %s scope=%s refers=%s\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	for i, sheet := range f.GetSheetList() {
		d.setup(i, sheet)
		d.rows(sheet)
	}
	return d.b.String()
}

// bookDump is the description dumpBook writes, with the styles it has described.
type bookDump struct {
	tb     testing.TB
	f      *excelize.File
	b      strings.Builder
	styles map[int]string // style ID → its description
}

func (d *bookDump) must(err error) {
	d.tb.Helper()
	if err != nil {
		d.tb.Fatal(err)
	}
}

// setup writes the sheet's set-up: dimension, frozen panes, page, header and footer,
// column widths and merged cells.
func (d *bookDump) setup(i int, sheet string) {
	f, b := d.f, &d.b
	dim, err := f.GetSheetDimension(sheet)
	d.must(err)
	fmt.Fprintf(b, "\n== sheet %d %s dimension=%s active=%v\n", i, sheet, dim, f.GetActiveSheetIndex() == i)
	panes, err := f.GetPanes(sheet)
	d.must(err)
	fmt.Fprintf(b, "freeze=%v x=%d y=%d topLeft=%s\n", panes.Freeze, panes.XSplit, panes.YSplit, panes.TopLeftCell)
	pl, err := f.GetPageLayout(sheet)
	d.must(err)
	props, err := f.GetSheetProps(sheet)
	d.must(err)
	fmt.Fprintf(b, "page: size=%d orientation=%s fitToWidth=%d fitToHeight=%d fitToPage=%v\n",
		deref(pl.Size), deref(pl.Orientation), deref(pl.FitToWidth), deref(pl.FitToHeight), deref(props.FitToPage))
	hf, err := f.GetHeaderFooter(sheet)
	d.must(err)
	if hf != nil {
		fmt.Fprintf(b, "header: %s\nfooter: %s\n", hf.OddHeader, hf.OddFooter)
	}
	lastCol, _, err := excelize.CellNameToCoordinates(dim[strings.Index(dim, ":")+1:])
	d.must(err)
	var widths []string
	for c := 1; c <= lastCol; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		w, err := f.GetColWidth(sheet, name)
		d.must(err)
		widths = append(widths, fmt.Sprintf("%s=%g", name, w))
	}
	fmt.Fprintf(b, "cols: %s\n", strings.Join(widths, " "))
	merges, err := f.GetMergeCells(sheet)
	d.must(err)
	for _, m := range merges {
		fmt.Fprintf(b, "merge %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
	}
}

// rows writes the sheet's rows, each cell as its value with its style, and past dumpRows a
// hash of the rest.
func (d *bookDump) rows(sheet string) {
	f := d.f
	rows, err := f.Rows(sheet)
	d.must(err)
	rest, restRows := sha256.New(), 0
	for r := 1; rows.Next(); r++ {
		vals, err := rows.Columns(excelize.Options{RawCellValue: true})
		d.must(err)
		h, err := f.GetRowHeight(sheet, r)
		d.must(err)
		var cells []string
		for c, v := range vals {
			ref, _ := excelize.CoordinatesToCellName(c+1, r)
			cells = append(cells, strings.ReplaceAll(v, "\n", "⏎")+d.styleOf(sheet, ref))
		}
		line := fmt.Sprintf("%d: %s", r, strings.Join(cells, " | "))
		if h != 15 { // 15: the default height
			line = fmt.Sprintf("%d h=%g: %s", r, h, strings.Join(cells, " | "))
		}
		if r > dumpRows {
			rest.Write([]byte(line + "\n"))
			restRows++
			continue
		}
		d.b.WriteString(line + "\n")
	}
	d.must(rows.Error())
	d.must(rows.Close())
	if restRows > 0 {
		fmt.Fprintf(&d.b, "… %d more rows, sha256 %x\n", restRows, rest.Sum(nil))
	}
}

// styleOf describes the style of a cell: its number format, fill and italics.
func (d *bookDump) styleOf(sheet, ref string) string {
	id, err := d.f.GetCellStyle(sheet, ref)
	d.must(err)
	if s, ok := d.styles[id]; ok {
		return s
	}
	st, err := d.f.GetStyle(id)
	d.must(err)
	var parts []string
	if st.CustomNumFmt != nil {
		parts = append(parts, "fmt="+*st.CustomNumFmt)
	} else if st.NumFmt != 0 && st.NumFmt != 49 { // 49: text, the default of text cells
		parts = append(parts, fmt.Sprintf("fmt#%d", st.NumFmt))
	}
	if len(st.Fill.Color) > 0 {
		parts = append(parts, "fill="+strings.Join(st.Fill.Color, "/"))
	}
	if st.Font != nil && st.Font.Italic {
		parts = append(parts, "italic")
	}
	s := ""
	if len(parts) > 0 {
		s = "{" + strings.Join(parts, " ") + "}"
	}
	d.styles[id] = s
	return s
}

// deref returns what p points to, or the zero value.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
