package main

import (
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestPlacesLine: the demo's 考核得分最高/最低 name whole places: of 21 units tied at 100
// it used to name the first by the roster's order, as if it alone had come third.
func TestPlacesLine(t *testing.T) {
	unit := func(name string, rank int, score float64) *gyqc.UnitEvaluation {
		return &gyqc.UnitEvaluation{Name: name, Rank: rank, Score: gyqc.Score{Value: score}}
	}
	ranking := []*gyqc.UnitEvaluation{unit("区财政局", 1, 101), unit("区教委", 1, 101)}
	for _, name := range []string{"区税务局", "区金融办", "区规划自然资源局", "区国资委"} {
		ranking = append(ranking, unit(name, 3, 100))
	}
	ranking = append(ranking, unit("区商务委", 7, 64))
	tests := []struct {
		name  string
		units []*gyqc.UnitEvaluation
		want  string
	}{
		{name: "a place larger than the rest", units: ranking, want: "区财政局、区教委 101分，区税务局、区金融办、区规划自然资源局等4个单位 100分"},
		{name: "one unit a place", units: []*gyqc.UnitEvaluation{unit("甲", 1, 99), unit("乙", 2, 98), unit("丙", 3, 97), unit("丁", 4, 96)},
			want: "甲 99分，乙 98分，丙 97分"},
		{name: "none", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := placesLine(tc.units, 3); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
