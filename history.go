package gyqc

import "context"

// History gives access to the submissions already collected in a workspace. The store
// package implements it over SQLite; templates use it to prefill next month's workbook
// (一表同享) and the evaluation uses it to see every period so far.
type History interface {
	// LastAccepted returns the unit's current accepted submission of the latest period
	// before the given one, or nil when there is none.
	LastAccepted(ctx context.Context, unit string, before Period) (*Submission, error)
	// Submissions returns every collected attempt (all versions, accepted, warned and
	// refused, with their problems, tasks and values) of the periods from..to inclusive,
	// ordered by period, unit code, version.
	Submissions(ctx context.Context, from, to Period) ([]Submission, error)
}
