package templates

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
)

// FuzzReadSheet puts fuzzed XML in place of the task sheet and the shared strings of a
// filled template and reads the file with both readers: the fast reader never panics, and
// whenever it reads a file that excelize opens, it reads it exactly as excelize does.
// Seeded with the template's own parts and the markup of TestReadBytes.
func FuzzReadSheet(f *testing.F) {
	base := filledTemplate(f)
	parts := zipParts(f, base)
	var sheet, sst string
	for _, p := range parts {
		switch p.name {
		case tasksPart:
			sheet = string(p.data)
		case partSharedStrings:
			sst = string(p.data)
		}
	}
	f.Add(sheet, sst)
	f.Add(`<worksheet><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c r="C1"><v>1</v></c></row><row r="3"/></sheetData></worksheet>`,
		`<sst xmlns="`+nsMain+`"><si><r><t>x_x0041_</t></r><rPh><t>p</t></rPh></si></sst>`)
	f.Add(`<x:worksheet xmlns:x="`+nsMain+`"><x:sheetData><x:row r="2"><x:c r="B2" t="s"><x:v> 0 </x:v></x:c></x:row></x:sheetData>`+
		`<x:row r="9"><x:c r="A9" t="str"><x:f>1</x:f><x:v>&lt;&#x41;</x:v></x:c></x:row></x:worksheet>`, sst)
	plan := defaultPlan(f)
	f.Fuzz(func(t *testing.T, sheetXML, sstXML string) {
		if len(sheetXML)+len(sstXML) > 16<<10 {
			return
		}
		edited := make([]zipPart, len(parts))
		for i, p := range parts {
			edited[i] = p
			switch p.name {
			case tasksPart:
				edited[i].data = []byte(sheetXML)
			case partSharedStrings:
				edited[i].data = []byte(sstXML)
			}
		}
		data := pack(t, edited, zip.Store)
		got, gotProbs, err := ReadBytes(data, plan)
		if err != nil {
			if !errors.Is(err, ErrUnsupported) {
				t.Fatalf("error that is not ErrUnsupported: %v", err)
			}
			return
		}
		xf, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return // excelize cannot open it; the fast reader may read it
		}
		defer xf.Close()
		want, wantProbs, panicked := readGuarded(xf, plan)
		if panicked != nil {
			t.Fatalf("excelize panics (%v) on a file the fast reader reads", panicked)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotProbs, wantProbs) {
			t.Fatalf("readers differ\nfast     %+v\n%v\nexcelize %+v\n%v", got, gotProbs, want, wantProbs)
		}
	})
}

// readGuarded is Read with a recovered panic returned as an error.
func readGuarded(f *excelize.File, plan *gyqc.Plan) (ret *Returned, probs gyqc.Problems, err error) {
	defer func() {
		if r := recover(); r != nil {
			ret, probs, err = nil, nil, fmt.Errorf("%v", r)
		}
	}()
	ret, probs = Read(f, plan)
	return ret, probs, nil
}
