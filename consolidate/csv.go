package consolidate

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/internal/jsonlist"
)

// utf8BOM starts every CSV file, so that Excel reads it as UTF-8 rather than the system's
// code page.
const utf8BOM = "\uFEFF"

// WriteCSV writes the tables of the consolidated workbook (see Tables) to the folder
// dir, creating it when missing: one UTF-8 CSV file with a byte-order mark per table, named
// after the period and the sheet (2025-06_指标完成.csv), each written atomically. It returns
// the paths written.
func WriteCSV(dir string, plan *gyqc.Plan, ev *gyqc.Evaluation, subs []gyqc.Submission, opts Options) ([]string, error) {
	tables, err := Tables(plan, ev, subs, opts)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, gyqc.EnvError(fmt.Sprintf("无法创建 CSV 输出目录 %s", dir), err)
	}
	var paths []string
	for _, t := range tables {
		if err := opts.ctxErr(); err != nil {
			return paths, err
		}
		path := filepath.Join(dir, CSVName(ev.Period, t))
		if err := atomicfile.Write(path, 0o644, func(w io.Writer) error { return WriteTableCSV(w, t) }); err != nil {
			return paths, fmt.Errorf("write %s: %w", path, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// CSVName is the name of a table's CSV file: the period and the sheet, 2025-06_指标完成.csv.
func CSVName(p gyqc.Period, t *Table) string { return p.String() + "_" + t.Name + ".csv" }

// File is one output file in memory: its name and its bytes.
type File struct {
	Name string
	Data []byte
}

// CSVFiles returns the CSV files WriteCSV writes, in memory and in the same order: what a
// lock stores so that the tables of a locked period come back as they were signed off.
func CSVFiles(plan *gyqc.Plan, ev *gyqc.Evaluation, subs []gyqc.Submission, opts Options) ([]File, error) {
	tables, err := Tables(plan, ev, subs, opts)
	if err != nil {
		return nil, err
	}
	var out []File
	for _, t := range tables {
		var buf bytes.Buffer
		if err := WriteTableCSV(&buf, t); err != nil {
			return nil, err
		}
		out = append(out, File{Name: CSVName(ev.Period, t), Data: buf.Bytes()})
	}
	return out, nil
}

// WriteJSON writes the evaluation as `gyqc consolidate --json` prints it: gyqc.Export,
// indented by two spaces with every empty list as [] (internal/jsonlist), with a final newline.
func WriteJSON(w io.Writer, ev *gyqc.Evaluation) error {
	return jsonlist.Encode(w, ev.Export())
}

// WriteTableCSV writes one table as CSV: a byte-order mark, the header, then the rows; no
// title lines. Numbers are written in full (a percentage as its ratio, 0.456), times as local
// time, and text that a spreadsheet would take for a formula is escaped with a leading '.
func WriteTableCSV(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(utf8BOM)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	record := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		record[i] = csvText(c.Header)
	}
	if err := cw.Write(record); err != nil {
		return err
	}
	for _, row := range t.Rows {
		for i := range record {
			record[i] = ""
			if i < len(row) {
				record[i] = csvCell(row[i])
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// csvCell writes one cell for CSV.
func csvCell(c Cell) string {
	switch c.Kind {
	case CellEmpty:
		return ""
	case CellNumber, CellTime:
		return c.String()
	}
	return csvText(c.Text)
}

// csvText escapes text that Excel, WPS or LibreOffice would read as a formula: one that
// starts with =, +, -, @, a tab or a carriage return gets a leading '.
func csvText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
