package planfile_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/qianjiang/gyqc/planfile"
)

// TestWindowsFiles: plan and units files saved on Windows (Notepad's UTF-8 byte-order mark,
// CRLF line ends; old Mac CR line ends) load as the same plan, with the same edition hash
// and the same line numbers in problems.
func TestWindowsFiles(t *testing.T) {
	crlf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
	cr := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r")) }
	bom := func(b []byte) []byte { return append([]byte("\uFEFF"), b...) }
	ref, refProbs := planfile.Load("plan.yaml", planfile.DefaultPlanFile, "units.yaml", planfile.DefaultUnitsFile)
	if ref == nil {
		t.Fatal(refProbs)
	}
	for _, tc := range []struct {
		Name string
		Edit func([]byte) []byte
	}{
		{"CRLF", crlf},
		{"BOM", bom},
		{"BOM and CRLF", func(b []byte) []byte { return bom(crlf(b)) }},
		{"CR", cr},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			p, probs := planfile.Load("plan.yaml", tc.Edit(planfile.DefaultPlanFile), "units.yaml", tc.Edit(planfile.DefaultUnitsFile))
			if p == nil {
				t.Fatalf("not loaded:\n%s", probs.Error())
			}
			if !reflect.DeepEqual(p, ref) {
				t.Error("the plan differs from the one loaded from the LF files")
			}
			if probs.Error() != refProbs.Error() {
				t.Errorf("problems\n%s\nwant\n%s", probs.Error(), refProbs.Error())
			}
		})
	}
	// A broken file still names its line.
	broken := bytes.Replace(planfile.DefaultPlanFile, []byte("- no: 6\n"), []byte("- no: 5\n"), 1)
	_, want := planfile.Load("plan.yaml", broken, "units.yaml", planfile.DefaultUnitsFile)
	_, got := planfile.Load("plan.yaml", bom(crlf(broken)), "units.yaml", planfile.DefaultUnitsFile)
	if len(want.Errors()) == 0 || got.Error() != want.Error() {
		t.Errorf("problems of the Windows file\n%s\nwant\n%s", got.Error(), want.Error())
	}
}
