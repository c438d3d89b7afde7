package main

import (
	"fmt"
	"io"
	"strings"
)

// progress draws a one-line progress bar on a terminal.
type progress struct {
	w       io.Writer
	total   int
	n       int
	enabled bool
}

func newProgress(w io.Writer, total int, enabled bool) *progress {
	return &progress{w: w, total: total, enabled: enabled && w != nil && total > 0}
}

func (p *progress) step() {
	p.n++
	if !p.enabled || (p.n%10 != 0 && p.n != p.total) {
		return
	}
	const width = 30
	done := p.n * width / p.total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("█", done), strings.Repeat("·", width-done), p.n, p.total)
}

func (p *progress) done() {
	if p.enabled {
		fmt.Fprintln(p.w)
	}
}
