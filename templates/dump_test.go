package templates

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// dump writes a text description of a workbook as a person checking it would: document
// and custom properties, defined names, and per sheet its state, set-up, columns, merged
// ranges, protection, validations and every non-empty cell with its lock and format.
func dump(tb testing.TB, f *excelize.File) string {
	tb.Helper()
	var b strings.Builder
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	dp, err := f.GetDocProps()
	must(err)
	fmt.Fprintf(&b, "doc: title=%q subject=%q creator=%q keywords=%q created=%s modified=%s language=%s\n",
		dp.Title, dp.Subject, dp.Creator, dp.Keywords, dp.Created, dp.Modified, dp.Language)
	fmt.Fprintf(&b, "doc: description=%q category=%q\n", dp.Description, dp.Category)
	props, err := f.GetCustomProps()
	must(err)
	sort.Slice(props, func(i, j int) bool { return props[i].Name < props[j].Name })
	for _, p := range props {
		fmt.Fprintf(&b, "custom: %s = %#v\n", p.Name, p.Value)
	}
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&b, "name: %s scope=%s refers=%s\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	for i, sheet := range f.GetSheetList() {
		visible, err := f.GetSheetVisible(sheet)
		must(err)
		dim, err := f.GetSheetDimension(sheet)
		must(err)
		fmt.Fprintf(&b, "\n== sheet %d %s visible=%v dimension=%s active=%v\n", i, sheet, visible, dim, f.GetActiveSheetIndex() == i)
		pl, err := f.GetPageLayout(sheet)
		must(err)
		fmt.Fprintf(&b, "page: size=%s orientation=%s fitToWidth=%s fitToHeight=%s\n", ptr(pl.Size), ptr(pl.Orientation), ptr(pl.FitToWidth), ptr(pl.FitToHeight))
		hf, err := f.GetHeaderFooter(sheet)
		must(err)
		if hf != nil {
			fmt.Fprintf(&b, "header: %s\nfooter: %s\n", hf.OddHeader, hf.OddFooter)
		}
		panes, err := f.GetPanes(sheet)
		must(err)
		if panes.Freeze {
			fmt.Fprintf(&b, "freeze: ySplit=%d topLeft=%s\n", panes.YSplit, panes.TopLeftCell)
		}
		prot, err := f.GetSheetProtection(sheet)
		must(err)
		fmt.Fprintf(&b, "protection: %+v\n", prot)
		dim = dim[strings.Index(dim, ":")+1:]
		lastCol, lastRow, err := excelize.CellNameToCoordinates(dim)
		must(err)
		for c := 1; c <= lastCol; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(sheet, name)
			must(err)
			v, err := f.GetColVisible(sheet, name)
			must(err)
			fmt.Fprintf(&b, "col %s width=%g visible=%v\n", name, w, v)
		}
		merges, err := f.GetMergeCells(sheet)
		must(err)
		for _, m := range merges {
			fmt.Fprintf(&b, "merge %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		dvs, err := f.GetDataValidations(sheet)
		must(err)
		for _, dv := range dvs {
			fmt.Fprintf(&b, "validation %s type=%s op=%s f1=%s f2=%s blank=%v error=%v/%s/%s prompt=%v/%s/%s\n",
				dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2, dv.AllowBlank,
				dv.ShowErrorMessage, deref(dv.ErrorStyle), deref(dv.Error), dv.ShowInputMessage, deref(dv.PromptTitle), deref(dv.Prompt))
		}
		for r := 1; r <= lastRow; r++ {
			h, err := f.GetRowHeight(sheet, r)
			must(err)
			fmt.Fprintf(&b, "row %d height=%g\n", r, h)
			for c := 1; c <= lastCol; c++ {
				cell, _ := excelize.CoordinatesToCellName(c, r)
				v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
				must(err)
				sid, err := f.GetCellStyle(sheet, cell)
				must(err)
				st, err := f.GetStyle(sid)
				must(err)
				locked := st.Protection == nil || st.Protection.Locked
				if v == "" && locked {
					continue
				}
				typ, _ := f.GetCellType(sheet, cell)
				fill := ""
				if len(st.Fill.Color) > 0 {
					fill = " fill=" + st.Fill.Color[0]
				}
				fmt.Fprintf(&b, "  %s locked=%v type=%d numfmt=%d%s %q\n", cell, locked, typ, st.NumFmt, fill, v)
			}
		}
	}
	return b.String()
}

// ptr writes *p, or - for nil.
func ptr[T any](p *T) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
