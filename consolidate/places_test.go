package consolidate_test

import (
	"fmt"
	"strings"
)

// topRows is what 总览 lists as the n best from 单位考核's entries (单位=得分) and places: the
// units of each place while they fit, then a place too large for the rows left as one entry,
// three names and the count (区税务局、区金融办、区国资委等21个单位=100).
func topRows(ranked []string, places map[float64][]string, n int) []string {
	var rows []string
	for i := 0; i < len(ranked) && len(rows) < n; {
		place := placeOf(ranked[i], places)
		if len(rows)+len(place) > n {
			names := make([]string, min(3, len(place)))
			for j := range names {
				names[j], _, _ = strings.Cut(place[j], "=")
			}
			_, score, _ := strings.Cut(place[0], "=")
			more := ""
			if len(place) > len(names) {
				more = fmt.Sprintf("等%d个单位", len(place))
			}
			return append(rows, strings.Join(names, "、")+more+"="+score)
		}
		rows = append(rows, place...)
		i += len(place)
	}
	return rows
}

// placeOf returns the entries of the place an entry is in.
func placeOf(entry string, places map[float64][]string) []string {
	for _, p := range places {
		for _, e := range p {
			if e == entry {
				return p
			}
		}
	}
	return []string{entry}
}
