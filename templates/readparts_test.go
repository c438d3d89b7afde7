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
