package collect

import (
	"time"

	"github.com/qianjiang/gyqc"
)

// Result is what a collection decided about one file.
type Result struct {
	File      string       `json:"file"`
	Unit      string       `json:"unit,omitempty"`
	UnitName  string       `json:"unit_name,omitempty"`
	Outcome   gyqc.Outcome `json:"outcome"`
	Label     string       `json:"label"`
	Version   int          `json:"version,omitempty"`
	Duplicate bool         `json:"duplicate,omitempty"` // the same bytes were collected before
	// Elsewhere is the period a mail attachment was already accepted for: it is skipped,
	// not collected again for this period (Outcome is empty).
	Elsewhere *gyqc.Period `json:"elsewhere,omitempty"`
	// Supplement is set when the period was locked: the return is kept as 补报, changes
	// nothing of the locked period and is shown in the briefing of this period.
	Supplement *gyqc.Period `json:"supplement,omitempty"`
	Hash       string       `json:"hash,omitempty"`
	Received   time.Time    `json:"received"` // when the file reached the office
	// TimeSource says where Received comes from, TimeNote why when it is not the file's
	// own time (a time given by the clerk, a mail date that could not be used).
	TimeSource gyqc.TimeSource `json:"time_source,omitempty"`
	TimeNote   string          `json:"time_note,omitempty"`
	// Mail is the e-mail message the file was attached to, nil when none.
	Mail     *Mail         `json:"mail,omitempty"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
	Feedback []string      `json:"feedback,omitempty"`
	Problems gyqc.Problems `json:"problems"`
}

// Tally counts the results of a collection for its summary line, without keeping them.
type Tally struct {
	Files      int // results counted
	Accepted   int // accepted, with warnings or without
	Warned     int // accepted with warnings
	Refused    int
	Duplicates int // the same bytes were collected before
}

// Add counts one result.
func (t *Tally) Add(r Result) {
	t.Files++
	switch r.Outcome {
	case gyqc.OutcomeAccepted:
		t.Accepted++
	case gyqc.OutcomeWarned:
		t.Accepted++
		t.Warned++
	case gyqc.OutcomeRefused:
		t.Refused++
	}
	if r.Duplicate {
		t.Duplicates++
	}
}
