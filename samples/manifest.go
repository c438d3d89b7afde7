package samples

import (
	"slices"
	"time"

	"github.com/qianjiang/gyqc"
)

// Manifest says what a month's batch of returns holds: every file with its unit, arrival time
// and mess, and every responsible unit with the state collection must find it in. End-to-end
// tests compare the status, the consolidated workbook and the briefing with it.
type Manifest struct {
	Plan     string      `json:"plan"`
	Period   gyqc.Period `json:"period"`
	Seed     int64       `json:"seed"`
	Due      time.Time   `json:"due"`
	Scenario Scenario    `json:"scenario"`
	Files    []File      `json:"files"` // in order of arrival
	Units    []UnitEntry `json:"units"` // every responsible unit, in registry order
	Notes    []string    `json:"notes,omitempty"`
}

// File is one returned file of a batch.
type File struct {
	Name     string    `json:"name"`
	Unit     string    `json:"unit"`
	Version  int       `json:"version"` // 1, or 2 for a resubmission
	Received time.Time `json:"received"`
	Mess     []Mess    `json:"mess,omitempty"`
	Details  []string  `json:"details,omitempty"`
	// Application is the program that last saved the file, set by WriteReturns.
	Application string `json:"application,omitempty"`
	// SHA256 is the hex digest of the file, set by WriteReturns.
	SHA256 string `json:"sha256,omitempty"`
	// Mail is the mail file (.eml or mbox) the workbook arrived in, when it came by e-mail
	// (WriteOptions.Mail); empty when it is a file of its own.
	Mail string `json:"mail,omitempty"`
}

// UnitEntry is one responsible unit in a batch: the mess it got and the state it must end in.
type UnitEntry struct {
	Code     string     `json:"code"`
	Name     string     `json:"name"`
	State    State      `json:"state"`
	Mess     Mess       `json:"mess,omitempty"`
	Received *time.Time `json:"received,omitempty"` // arrival of its last file
	Files    int        `json:"files"`
}

// Unit returns the entry of the unit with the code, or nil.
func (m *Manifest) Unit(code string) *UnitEntry {
	if i := slices.IndexFunc(m.Units, func(u UnitEntry) bool { return u.Code == code }); i >= 0 {
		return &m.Units[i]
	}
	return nil
}

// InState returns the codes of the units in state s, in registry order.
func (m *Manifest) InState(s State) []string {
	return m.codes(func(u *UnitEntry) bool { return u.State == s })
}

// WithMess returns the codes of the units that got mess x, in registry order.
func (m *Manifest) WithMess(x Mess) []string {
	return m.codes(func(u *UnitEntry) bool { return u.Mess == x })
}

// codes returns the codes of the units match holds for, in registry order.
func (m *Manifest) codes(match func(*UnitEntry) bool) []string {
	var out []string
	for i := range m.Units {
		if match(&m.Units[i]) {
			out = append(out, m.Units[i].Code)
		}
	}
	return out
}

// File returns the file with the name, or nil.
func (m *Manifest) File(name string) *File {
	if i := slices.IndexFunc(m.Files, func(f File) bool { return f.Name == name }); i >= 0 {
		return &m.Files[i]
	}
	return nil
}
