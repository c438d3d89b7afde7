package main

import (
	"runtime/debug"
	"testing"
)

func TestHeapBudgetPercent(t *testing.T) {
	b := &heapBudget{headroom: 16 << 20, maxPercent: 400}
	for _, tc := range []struct {
		name string
		live uint64
		want int
	}{
		{"nothing measured yet", 0, 400},
		{"small heap: the most", 2 << 20, 400},
		{"headroom is four times the heap", 4 << 20, 400},
		{"headroom is twice the heap", 8 << 20, 200},
		{"headroom is the heap", 16 << 20, 100},
		{"a large file: never below Go's default", 300 << 20, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := b.percentFor(tc.live); got != tc.want {
				t.Errorf("percentFor(%d MB) = %d, want %d", tc.live>>20, got, tc.want)
			}
		})
	}
}

func TestHeapBudgetRestores(t *testing.T) {
	old := debug.SetGCPercent(123)
	defer debug.SetGCPercent(old)
	b := newHeapBudget(16<<20, 400)
	if got := debug.SetGCPercent(b.percent); got != b.percent || got < 100 || got > 400 {
		t.Errorf("percent in force %d, budget says %d", got, b.percent)
	}
	b.end()
	if got := debug.SetGCPercent(123); got != 123 {
		t.Errorf("after end the percent is %d, want the 123 before", got)
	}
}
