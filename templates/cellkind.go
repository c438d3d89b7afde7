package templates

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/qianjiang/gyqc/templates/internal/xlsx"
)

// Kind is what an input cell holds, read by its type (the t attribute of the cell) and its
// number format: a percent or date format turns a number into a percentage or a date, as the
// unit saw it on the screen. The reader never converts: Input.Text keeps the stored value
// (0.112 for a cell showing 11.2%, 45838 for one showing 2025-07-01); the content checks
// decide what each kind means in each column and say so.
type Kind string

// Kinds of input cells.
const (
	// KindUnknown is a cell whose type was not read (an empty cell, or a workbook whose
	// cell types the reader could not read): judge it by its text.
	KindUnknown Kind = ""
	KindText    Kind = "text"    // a string: shared, inline, or the string result of a formula
	KindNumber  Kind = "number"  // a number in a general or numeric format
	KindPercent Kind = "percent" // a number in a percent format: 0.112 shown as 11.2%
	KindDate    Kind = "date"    // a number in a date or time format, or a date cell
	KindBool    Kind = "bool"    // a logical value: TRUE (1) or FALSE (0)
	KindError   Kind = "error"   // an error value, such as #DIV/0! or #N/A
)

// kindOf reads a cell by its type and format: its kind and, for a date, the date as
// YYYY-MM-DD (with the time, HH:MM, when it has one). attr is nil when the cell's type is
// not known.
func kindOf(cf *xlsx.Formats, attr *xlsx.CellAttr, text string) (Kind, string) {
	if attr == nil || strings.TrimSpace(text) == "" {
		return KindUnknown, ""
	}
	switch attr.Type {
	case "s", "inlineStr", "str":
		return KindText, ""
	case "b":
		return KindBool, ""
	case "e":
		return KindError, ""
	case "d":
		if d, ok := isoDate(text); ok {
			return KindDate, d
		}
		return KindText, ""
	case "", "n":
	default:
		return KindText, ""
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return KindText, ""
	}
	id, code := cf.FormatOf(attr.Style)
	switch formatKind(id, code) {
	case KindPercent:
		return KindPercent, ""
	case KindDate:
		if d, ok := serialDate(v, cf.Date1904()); ok {
			return KindDate, d
		}
	}
	return KindNumber, ""
}

// formatKind classifies a number format: percent, date (dates and times), or number.
func formatKind(id int, code string) Kind {
	if code == "" {
		switch {
		case id == 9 || id == 10:
			return KindPercent
		case id >= 14 && id <= 22, id >= 45 && id <= 47, id >= 27 && id <= 36, id >= 50 && id <= 58:
			return KindDate // 27-36 and 50-58: the built-in date formats of Chinese, Japanese and Korean locales
		}
		return KindNumber
	}
	percent, date := false, false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case ';':
			i = len(code) // the first section decides
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '\\', '_', '*':
			i++ // an escaped character, a padding or a fill character
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				continue
			}
			switch strings.ToLower(strings.Trim(code[i+1:i+j], "hms")) {
			case "": // [h], [mm], [ss]: elapsed time
				date = true
			}
			i += j
		case '%':
			percent = true
		case 'y', 'Y', 'd', 'D', 'h', 'H', 's', 'S', 'm', 'M':
			date = true
		}
	}
	switch {
	case percent:
		return KindPercent
	case date:
		return KindDate
	}
	return KindNumber
}

// Date systems: day 0 of each, and the last day Excel shows.
var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// maxSerial is 9999-12-31 in the 1900 system.
const maxSerial = 2958465

// serialDate turns a date serial into YYYY-MM-DD, with HH:MM when it has a time of day. In
// the 1900 system serial 1 is 1900-01-01 and serial 60 is the 1900-02-29 that Lotus 1-2-3
// invented and Excel kept; in the 1904 system serial 0 is 1904-01-01.
func serialDate(v float64, date1904 bool) (string, bool) {
	base := epoch1900
	if date1904 {
		base = epoch1904
	} else if v < 61 {
		if v < 1 {
			return "", false
		}
		if math.Floor(v) == 60 {
			return "1900-02-29", true
		}
		base = base.AddDate(0, 0, 1) // before the invented day, serials count from 1899-12-31
	}
	if v < 0 || v > maxSerial {
		return "", false
	}
	days := math.Floor(v)
	mins := int(math.Round((v - days) * 24 * 60))
	t := base.AddDate(0, 0, int(days)).Add(time.Duration(mins) * time.Minute)
	if mins == 0 {
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02 15:04"), true
}

// isoDate reads the ISO 8601 value of a date cell (t="d"): 2025-06-30T00:00:00Z and its
// shorter forms.
func isoDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Hour() == 0 && t.Minute() == 0 {
				return t.Format("2006-01-02"), true
			}
			return t.Format("2006-01-02 15:04"), true
		}
	}
	return "", false
}
