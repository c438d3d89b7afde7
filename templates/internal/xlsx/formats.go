package xlsx

// CellAttr is what the reader keeps of a cell's markup besides its value: its type
// attribute (t: s, str, inlineStr, b, e, d, n or empty), its style index (into cellXfs) and
// whether it holds a formula (its value is then the formula's cached result, if any).
type CellAttr struct {
	Type    string
	Style   int
	Formula bool
}

// Formats is what a workbook says about the formats of its cells: the number format of
// each cell style and its date system.
type Formats struct {
	xfFormats []int          // the numFmtId of each cellXfs entry
	codes     map[int]string // custom number formats by id
	date1904  bool           // dates count from 1904-01-01 (old Mac Excel), not 1900
}

// FormatOf returns the number format id and code of a cell style; code is "" for a
// built-in format. A nil Formats knows no formats.
func (cf *Formats) FormatOf(style int) (id int, code string) {
	if cf == nil || style < 0 || style >= len(cf.xfFormats) {
		return 0, ""
	}
	id = cf.xfFormats[style]
	return id, cf.codes[id]
}

// Date1904 reports whether dates count from 1904-01-01 (old Mac Excel) instead of 1900.
func (cf *Formats) Date1904() bool { return cf != nil && cf.date1904 }
