package intake

import "github.com/qianjiang/gyqc"

// Limits bounds what the intake accepts from a returned file before and while excelize
// reads it. A zero field takes its default, so Limits{} is the same as DefaultLimits().
//
// The text limits come from the one table of text limits in package gyqc (limits.go).
// The defaults are generous for a filled template (tens of kilobytes, about a hundred rows,
// a dozen columns) and stop hostile files long before they cost real memory or time.
type Limits struct {
	// MaxFileSize is the largest file accepted, in bytes. Default 20 MiB.
	MaxFileSize int64
	// MaxEntries is the largest number of parts (zip entries) in a workbook. Default 2,000.
	MaxEntries int
	// MaxEntrySize is the largest inflated size of one part, in bytes. Default 50 MiB.
	MaxEntrySize int64
	// MaxTotalSize is the largest inflated size of all parts together, in bytes. It is also
	// the unzip limit excelize is opened with. Default 100 MiB.
	MaxTotalSize int64
	// MaxRatio is the largest compression ratio (inflated size over compressed size) of a
	// part that inflates to more than RatioFloor bytes. Default 200.
	MaxRatio int64
	// RatioFloor is the inflated size below which a part's ratio is not checked: small
	// parts of repetitive XML compress very well and cost nothing. Default 1 MiB.
	RatioFloor int64
	// MaxXMLDepth is the deepest element nesting allowed in an XML part. Files written by
	// Excel, WPS and LibreOffice stay below 20. Default 100.
	MaxXMLDepth int
	// MaxRows is the highest row number a worksheet may use. Default 10,000 (Excel
	// allows 1,048,576; a template has about a hundred).
	MaxRows int
	// MaxCols is the highest column number a worksheet may use. Default 1,024 (column AMJ).
	MaxCols int
	// MaxCells caps the cells a worksheet spans: the sum over its rows of each row's last
	// column, which is what excelize allocates when it loads a sheet. Default 200,000.
	MaxCells int64
	// MaxCellText is the most characters (UTF-16 units) a cell's text may have: shared
	// strings, inline strings and cached formula results alike. Default gyqc.MaxCellText,
	// Excel's own limit.
	MaxCellText int
	// MaxSharedStrings is the most shared strings (distinct texts) a workbook may hold.
	// Default gyqc.MaxSharedStrings.
	MaxSharedStrings int
	// MaxSharedStringsSize is the largest inflated size of the shared strings part, in
	// bytes. Default gyqc.MaxSharedStringsSize.
	MaxSharedStringsSize int64
	// XMLMemory is the size above which excelize spills a worksheet or the shared strings
	// to a temporary file (removed by File.Close) instead of keeping it in memory.
	// Default 16 MiB, never more than MaxTotalSize.
	XMLMemory int64
}

// Default limits.
const (
	DefaultMaxFileSize  = 20 << 20
	DefaultMaxEntries   = 2000
	DefaultMaxEntrySize = 50 << 20
	DefaultMaxTotalSize = 100 << 20
	DefaultMaxRatio     = 200
	DefaultRatioFloor   = 1 << 20
	DefaultMaxXMLDepth  = 100
	DefaultMaxRows      = 10000
	DefaultMaxCols      = 1024
	DefaultMaxCells     = 200000
	DefaultXMLMemory    = 16 << 20
)

// DefaultLimits returns the limits with every field at its default.
func DefaultLimits() Limits {
	return Limits{}.withDefaults()
}

// withDefaults fills zero (or negative) fields with their defaults.
func (l Limits) withDefaults() Limits {
	set64, set := gyqc.DefaultLimit[int64], gyqc.DefaultLimit[int]
	set64(&l.MaxFileSize, DefaultMaxFileSize)
	set(&l.MaxEntries, DefaultMaxEntries)
	set64(&l.MaxEntrySize, DefaultMaxEntrySize)
	set64(&l.MaxTotalSize, DefaultMaxTotalSize)
	set64(&l.MaxRatio, DefaultMaxRatio)
	set64(&l.RatioFloor, DefaultRatioFloor)
	set(&l.MaxXMLDepth, DefaultMaxXMLDepth)
	set(&l.MaxRows, DefaultMaxRows)
	set(&l.MaxCols, DefaultMaxCols)
	set64(&l.MaxCells, DefaultMaxCells)
	set(&l.MaxCellText, gyqc.MaxCellText)
	set(&l.MaxSharedStrings, gyqc.MaxSharedStrings)
	set64(&l.MaxSharedStringsSize, gyqc.MaxSharedStringsSize)
	set64(&l.XMLMemory, DefaultXMLMemory)
	if l.XMLMemory > l.MaxTotalSize {
		l.XMLMemory = l.MaxTotalSize
	}
	return l
}
