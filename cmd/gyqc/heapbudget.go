package main

import (
	"runtime/debug"
	"runtime/metrics"
)

// heapBudget keeps the heap of a long run within a fixed headroom above the memory it
// holds live, instead of a multiple of it. Go collects when the heap has grown by GOGC
// percent of what was live after the last collection; reading workbooks allocates much
// short-lived memory, so a high percentage makes collect faster, but a multiple also
// multiplies everything live (the plan, the list of files): a run over 10,000 files of a
// 10,000-unit plan peaked at five times its live heap. The budget sets the percentage so
// that the heap may grow by headroom bytes, but never by less than the live heap itself
// (GOGC=100, Go's default, for a run holding a large file) nor by more than maxPercent.
type heapBudget struct {
	headroom   uint64
	maxPercent int
	percent    int // the percentage set last; 0 before tune
	old        int // the percentage before the budget
	live       []metrics.Sample
}

// newHeapBudget starts a budget of headroom bytes and sets the percentage for what is live
// now; end restores the percentage before it.
func newHeapBudget(headroom uint64, maxPercent int) *heapBudget {
	b := &heapBudget{headroom: headroom, maxPercent: maxPercent, old: -2,
		live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	b.tune()
	return b
}

// percentFor is the percentage that lets a heap of live bytes grow by the headroom.
func (b *heapBudget) percentFor(live uint64) int {
	if live == 0 {
		return b.maxPercent
	}
	return int(min(max(b.headroom*100/live, 100), uint64(b.maxPercent)))
}

// tune sets the percentage for the heap live after the last collection. It is cheap: call
// it whenever the live heap may have changed (after each chunk of files).
func (b *heapBudget) tune() {
	metrics.Read(b.live)
	var live uint64
	if b.live[0].Value.Kind() == metrics.KindUint64 {
		live = b.live[0].Value.Uint64()
	}
	if p := b.percentFor(live); p != b.percent {
		b.percent = p
		if old := debug.SetGCPercent(p); b.old == -2 {
			b.old = old
		}
	}
}

// end restores the percentage the budget found.
func (b *heapBudget) end() {
	if b.old != -2 {
		debug.SetGCPercent(b.old)
	}
}
