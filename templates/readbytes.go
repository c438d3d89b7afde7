package templates

import (
	"strings"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates/internal/xlsx"
)

// ReadBytes reads a returned workbook as Read does, straight from the bytes of the .xlsx
// file instead of through excelize: it inflates only the parts a template needs and scans
// them with a small XML scanner, several times faster and with a fraction of the
// allocations. The result and the problems are the ones Read gives for the same file.
//
// A file it cannot read exactly as excelize does (markup no spreadsheet program writes,
// Strict Open XML, an encoding other than UTF-8, values excelize fails to decode, a
// package without sheets) is not read: the error then wraps ErrUnsupported and the caller
// reads the file with excelize and Read. Parts the reader does not use (styles, theme,
// drawings) are not decoded, so a file that excelize refuses to open only because of them is
// read. Like Read, it expects the caller to have checked the package's size and structure
// (intake.Inspect), but stays bounded and does not panic on any input.
func ReadBytes(data []byte, plan *gyqc.Plan) (*Returned, gyqc.Problems, error) {
	return ReadParts(data, nil, plan)
}

// ReadParts is ReadBytes for a file whose parts were inflated already, by entry name, as
// intake.InspectParts keeps them after reading every part whole: the reader takes a part
// from parts when it is there (never changing it) and inflates only the others, so that
// each part is inflated once on the way from the file to the result.
func ReadParts(data []byte, parts map[string][]byte, plan *gyqc.Plan) (*Returned, gyqc.Problems, error) {
	b := xlsx.Open(data, parts)
	if err := b.Err(); err != nil {
		return nil, nil, err
	}
	ret, probs := read(fastBook{b}, plan)
	if err := b.Err(); err != nil {
		return nil, nil, err
	}
	// The texts are slices of the inflated parts; copy what is returned, so that a result
	// kept in memory does not keep the whole file with it.
	ret.detach()
	for i := range probs {
		detachProblem(&probs[i])
	}
	return ret, probs, nil
}

// detach copies every text of a result into its own memory.
func (r *Returned) detach() {
	if r == nil {
		return
	}
	m := &r.Meta
	for _, s := range []*string{&m.Unit, &m.UnitName, &m.PlanID, &m.PlanVersion, &m.Layout, &m.Fingerprint, &m.Seal, &r.Application} {
		*s = strings.Clone(*s)
	}
	for i := range r.MetaSources {
		r.MetaSources[i] = strings.Clone(r.MetaSources[i])
	}
	for _, in := range []*Input{&r.Filler.Name, &r.Filler.Phone, &r.Filler.Reviewer, &r.Filler.Date} {
		in.detach()
	}
	for i := range r.Tasks {
		t := &r.Tasks[i]
		for _, in := range []*Input{&t.Status, &t.Progress, &t.Practice, &t.Issues, &t.NextPlan} {
			in.detach()
		}
	}
	for i := range r.Values {
		v := &r.Values[i]
		v.Key = strings.Clone(v.Key)
		v.Value.detach()
		v.Note.detach()
	}
}

// detach copies the input's texts into their own memory.
func (in *Input) detach() {
	in.Sheet, in.Cell, in.Text = strings.Clone(in.Sheet), strings.Clone(in.Cell), strings.Clone(in.Text)
}

// detachProblem copies the problem's texts into their own memory.
func detachProblem(p *gyqc.Problem) {
	for _, s := range []*string{&p.File, &p.Sheet, &p.Cell, &p.Value, &p.Message, &p.Fix, &p.Indicator} {
		*s = strings.Clone(*s)
	}
	p.Rule = gyqc.Rule(strings.Clone(string(p.Rule)))
}

// ErrUnsupported is wrapped by the error of ReadBytes for a file the fast reader does not
// read exactly as excelize does. Such files are rare (markup no spreadsheet program writes,
// Strict Open XML, a non-UTF-8 encoding, values excelize cannot decode): read them with
// Read.
var ErrUnsupported = xlsx.ErrUnsupported
