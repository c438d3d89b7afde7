package templates_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// TestReadPartsReadsAsReadBytes: reading a file from the parts intake.InspectParts kept
// (each part inflated once) gives what ReadBytes gives, on every file of the corpus that
// passes the intake; and the kept parts are not changed by the reading.
func TestReadPartsReadsAsReadBytes(t *testing.T) {
	plan := planfile.Default()
	read := 0
	for _, f := range corpus(t) {
		probs, parts := intake.InspectParts(f.name, f.data, intake.Limits{})
		if len(probs.Errors()) > 0 {
			if parts != nil {
				t.Errorf("%s: parts kept of a refused file", f.name)
			}
			continue
		}
		before := map[string]string{}
		for k, v := range parts {
			before[k] = string(v)
		}
		want, wantProbs, wantErr := templates.ReadBytes(f.data, plan)
		got, gotProbs, gotErr := templates.ReadParts(f.data, parts, plan)
		if !errors.Is(gotErr, wantErr) && (gotErr == nil) != (wantErr == nil) {
			t.Errorf("%s: error %v, want %v", f.name, gotErr, wantErr)
			continue
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotProbs, wantProbs) {
			t.Errorf("%s: ReadParts differs from ReadBytes", f.name)
		}
		for k, v := range parts {
			if string(v) != before[k] {
				t.Errorf("%s: part %s changed by the reading", f.name, k)
			}
		}
		read++
	}
	if read < 10 {
		t.Errorf("only %d files compared", read)
	}
}

// TestReadPartsInflatesNothingAgain: for every file of the corpus that passes the intake
// and that the fast reader reads (returns written by gyqc's writer, by excelize, Excel,
// LibreOffice and openpyxl), every part the reader needs is one the intake inflated and
// kept: nothing is inflated twice. Without the kept parts the same reading inflates them.
func TestReadPartsInflatesNothingAgain(t *testing.T) {
	plan := planfile.Default()
	read := 0
	for _, f := range corpus(t) {
		probs, parts := intake.InspectParts(f.name, f.data, intake.Limits{})
		if len(probs.Errors()) > 0 {
			continue
		}
		again, err := templates.ReadPartsInflating(f.data, parts, plan)
		if err != nil {
			continue // declined: read by excelize
		}
		if len(again) > 0 {
			t.Errorf("%s: inflated again %v", f.name, again)
		}
		if alone, _ := templates.ReadPartsInflating(f.data, nil, plan); len(alone) < 3 {
			t.Errorf("%s: without the kept parts only %v inflated", f.name, alone)
		}
		read++
	}
	if read < 10 {
		t.Errorf("only %d files read", read)
	}
}
