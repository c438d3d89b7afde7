package celltext

import "testing"

func TestMeasures(t *testing.T) {
	for _, tc := range []struct {
		Name      string
		Text      string
		Col       float64
		Width     float64
		Widest    float64
		Lines     int
		RowHeight float64
	}{
		{"empty", "", 10, 0, 0, 1, 18},
		{"ascii", "abc 12", 10, 6, 6, 1, 18},
		{"chinese", "工业强城", 10, 7, 7, 1, 18},
		{"full-width punctuation", "（一）", 10, 5.25, 5.25, 1, 18},
		{"wraps", "工业强城工业强城", 8, 14, 14, 3, 46},
		{"paragraphs", "工业\nabcdef", 20, 10.5, 6, 2, 32},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			if got := Width(tc.Text); got != tc.Width {
				t.Errorf("Width = %v, want %v", got, tc.Width)
			}
			if got := Widest(tc.Text); got != tc.Widest {
				t.Errorf("Widest = %v, want %v", got, tc.Widest)
			}
			lines := Lines(tc.Text, tc.Col)
			if lines != tc.Lines {
				t.Errorf("Lines(%v) = %d, want %d", tc.Col, lines, tc.Lines)
			}
			if got := RowHeight(lines); got != tc.RowHeight {
				t.Errorf("RowHeight(%d) = %v, want %v", lines, got, tc.RowHeight)
			}
		})
	}
	if got := RowHeight(1000); got != MaxRowHeight {
		t.Errorf("RowHeight(1000) = %v, want Excel's limit %v", got, MaxRowHeight)
	}
}
