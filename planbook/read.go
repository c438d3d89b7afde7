package planbook

import (
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// grid is a worksheet's cells as raw text, by row and column (0-based).
type grid struct {
	name string
	rows [][]string
	f    *excelize.File
}

// readGrid reads every row of a sheet, checking each read error.
func readGrid(f *excelize.File, name string) (*grid, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	g := &grid{name: name, f: f}
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			rows.Close()
			return nil, err
		}
		g.rows = append(g.rows, cols)
	}
	if err := rows.Error(); err != nil {
		rows.Close()
		return nil, err
	}
	return g, rows.Close()
}

// cell returns the text of a cell (0-based row and column), "" beyond the data.
func (g *grid) cell(r, c int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c]
}

// blank reports whether row r holds nothing in columns 0..n-1 (all columns when n < 0).
func (g *grid) blank(r, n int) bool {
	if r >= len(g.rows) {
		return true
	}
	for c, s := range g.rows[r] {
		if n >= 0 && c >= n {
			break
		}
		if clean(s) != "" {
			return false
		}
	}
	return true
}

// percent reports whether a cell is shown as a percentage (a number typed as 20% is kept as
// 0.2 with a percent format).
func (g *grid) percent(cell string) bool {
	id, err := g.f.GetCellStyle(g.name, cell)
	if err != nil || id == 0 {
		return false
	}
	st, err := g.f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if st.NumFmt == 9 || st.NumFmt == 10 {
		return true
	}
	return st.CustomNumFmt != nil && strings.Contains(*st.CustomNumFmt, "%")
}

// clean trims a cell's text: surrounding spaces (also full-width and no-break ones) and
// Windows line ends.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\u3000' || r == '\u00a0'
	})
}

// headerKey is how a header or label is compared: without spaces, full-width letters and
// digits narrowed.
func headerKey(s string) string {
	s = width.Narrow.String(clean(s))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}
