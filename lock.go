package gyqc

import "time"

// Lock is a period signed off and frozen by the office (签发锁定): the attempts its evaluation
// used, the plan it was judged by, and the 汇总表 and briefing issued, kept in the workspace
// so that asking for them again gives the same files. Returns collected for the period
// afterwards are Supplements and change nothing of it until the office unlocks it.
type Lock struct {
	ID          int64     `json:"id"`
	Period      Period    `json:"period"`
	SignedBy    string    `json:"signed_by"`
	At          time.Time `json:"at"`
	PlanVersion string    `json:"plan_version"` // the plan's version and the SHA-256 of its content
	Versions    []int64   `json:"versions"`     // Submission.ID of every attempt the evaluation counted
	Workbook    string    `json:"workbook"`     // SHA-256 of the stored 汇总表 in the archive
	Briefing    string    `json:"briefing"`     // SHA-256 of the stored briefing; empty when none was made
	// Outputs are the other files stored with the lock, by name: the evaluation as `gyqc
	// consolidate --json` prints it and the tables as `--csv` writes them; empty for a lock
	// taken before gyqc stored them.
	Outputs []LockOutput `json:"outputs,omitempty"`
	// Unlocked is when the office lifted the lock (zero while it holds), by whom and why.
	Unlocked     time.Time `json:"unlocked,omitzero"`
	UnlockedBy   string    `json:"unlocked_by,omitempty"`
	UnlockReason string    `json:"unlock_reason,omitempty"`
}

// LockOutput is one file stored with a lock: its name and its SHA-256 in the archive.
type LockOutput struct {
	Name string `json:"name"`
	Hash string `json:"hash"`
}

// Holds reports whether the lock is in force.
func (l *Lock) Holds() bool { return l != nil && l.Unlocked.IsZero() }

// Supplement is a return collected for a period after the office locked it (补报). It is
// kept, shown in the unit's history beside the locked period and in the briefing of the
// period ShownIn (the first period after the locked one that was not locked when it arrived),
// and changes nothing of the locked period.
type Supplement struct {
	Submission *Submission `json:"submission"`
	ShownIn    Period      `json:"shown_in"`
}
