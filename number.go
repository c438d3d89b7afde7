package gyqc

import "strconv"

// FormatNumber writes v in the shortest decimal form that reads back as v: 100, 13.5, 0.1.
func FormatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
