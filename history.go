package gyqc

import "context"

// History gives access to the submissions already collected in a workspace. The sqlite
// package implements it; templates use it to prefill next month's workbook (一表同享).
type History interface {
	// LastAccepted returns the unit's current accepted submission of the latest period
	// before the given one, or nil when there is none.
	LastAccepted(ctx context.Context, unit string, before Period) (*Submission, error)
}
