package templates

import (
	"time"

	"github.com/qianjiang/gyqc"
)

// Meta identifies a template: whose it is, for which period, under which plan and layout,
// when it was issued and what it locked. It is stored as strings twice in every workbook: in
// the custom document properties and on the hidden metadata sheet.
type Meta struct {
	Unit        string      `json:"unit"`
	UnitName    string      `json:"unit_name"`
	Period      gyqc.Period `json:"period"`
	PlanID      string      `json:"plan_id"`
	PlanVersion string      `json:"plan_version"`
	Layout      string      `json:"layout"`
	Issued      time.Time   `json:"issued"`
	Fingerprint string      `json:"fingerprint"`
	// Seal is the keyed identity (see Seal); empty in templates written without a key.
	Seal string `json:"seal,omitempty"`
}

// Values returns the metadata as strings by key (MetaUnit, MetaPeriod, ...).
func (m Meta) Values() map[string]string {
	issued := ""
	if !m.Issued.IsZero() {
		issued = m.Issued.Format(time.RFC3339)
	}
	period := ""
	if !m.Period.IsZero() {
		period = m.Period.String()
	}
	return map[string]string{
		MetaUnit:        m.Unit,
		MetaUnitName:    m.UnitName,
		MetaPeriod:      period,
		MetaPlanID:      m.PlanID,
		MetaPlanVersion: m.PlanVersion,
		MetaLayout:      m.Layout,
		MetaIssued:      issued,
		MetaFingerprint: m.Fingerprint,
		MetaSeal:        m.Seal,
	}
}
