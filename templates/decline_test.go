package templates

import (
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReadBytesDeclines: what the fast reader does not read exactly as excelize does, it
// leaves to excelize, saying why; excelize still reads each of these files without a panic.
func TestReadBytesDeclines(t *testing.T) {
	base := filledTemplate(t)
	for _, tc := range []struct {
		Name string
		Make func(tb testing.TB) []byte
		Why  string
	}{
		{Name: "not a zip", Make: func(testing.TB) []byte { return []byte("PK\x03\x04 cut") }, Why: "zip"},
		{Name: "document type declaration", Make: func(tb testing.TB) []byte {
			return editParts(tb, base, replacing(tb, tasksPart, `<worksheet`, `<!DOCTYPE worksheet><worksheet`))
		}, Why: "DOCTYPE"},
		{Name: "another encoding", Make: func(tb testing.TB) []byte {
			return editParts(tb, base, replacing(tb, tasksPart, `encoding="UTF-8"`, `encoding="GBK"`))
		}, Why: "encoding GBK"},
		{Name: "strict open XML", Make: func(tb testing.TB) []byte {
			return editParts(tb, base, replacing(tb, bookPart, nsMain, "http://purl.oclc.org/ooxml/spreadsheetml/main"))
		}, Why: "Strict"},
		{Name: "cell style that is not a number", Make: func(tb testing.TB) []byte {
			return withCell(tb, base, tasksPart, progressCell, `<c r="`+progressCell+`" s="x"/>`)
		}, Why: "style"},
		{Name: "formula index that is not a number", Make: func(tb testing.TB) []byte {
			return withCell(tb, base, tasksPart, progressCell, `<c r="`+progressCell+`"><f si="x">1</f><v>1</v></c>`)
		}, Why: "formula"},
		{Name: "cell inside a cell", Make: func(tb testing.TB) []byte {
			return withCell(tb, base, tasksPart, progressCell, `<c r="`+progressCell+`"><c r="I4"><v>1</v></c></c>`)
		}, Why: "cell inside a cell"},
		{Name: "two inline strings", Make: func(tb testing.TB) []byte {
			return withCell(tb, base, tasksPart, progressCell, `<c r="`+progressCell+`" t="inlineStr"><is><t>a</t></is><is><t>b</t></is></c>`)
		}, Why: "two inline strings"},
		{Name: "font size excelize cannot decode", Make: func(tb testing.TB) []byte {
			return editParts(tb, base, replacing(tb, "xl/sharedStrings.xml", "</sst>", `<si><r><rPr><sz val="大"/></rPr><t>x</t></r></si></sst>`))
		}, Why: "string item"},
		{Name: "unsigned custom property", Make: func(tb testing.TB) []byte {
			return editParts(tb, base, replacing(tb, partCustom, `<vt:lpwstr>`+LayoutVersion+`</vt:lpwstr>`, `<vt:ui4>`+LayoutVersion+`</vt:ui4>`))
		}, Why: "unsigned"},
		{Name: "two sheets named alike", Make: func(tb testing.TB) []byte {
			b := editParts(tb, base, replacing(tb, bookPart, `name="`+SheetGuide+`"`, `name="Sheet"`))
			return editParts(tb, b, replacing(tb, bookPart, `name="`+SheetMeta+`"`, `name="SHEET"`))
		}, Why: "two sheets"},
		{Name: "no workbook relationship", Make: func(tb testing.TB) []byte {
			return editParts(tb, base, replacing(tb, partRels, excelize.SourceRelationshipOfficeDocument, "urn:other"))
		}, Why: "no workbook"},
		{Name: "unknown entity", Make: func(tb testing.TB) []byte {
			return withCell(tb, base, tasksPart, progressCell, `<c r="`+progressCell+`" t="inlineStr"><is><t>&nbsp;</t></is></c>`)
		}, Why: "entity"},
		{Name: "entry twice", Make: func(tb testing.TB) []byte {
			parts := zipParts(tb, base)
			return packParts(tb, append(parts, zipPart{"xl/sharedstrings.xml", []byte("<sst/>")}))
		}, Why: "two entries"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			data := tc.Make(t)
			ret, probs, err := ReadBytes(data, defaultPlan(t))
			if !errors.Is(err, ErrUnsupported) || ret != nil || probs != nil {
				t.Fatalf("got %v, %v, %v; want ErrUnsupported", ret, probs, err)
			}
			if !strings.Contains(err.Error(), tc.Why) {
				t.Errorf("reason %q, want it to mention %q", err, tc.Why)
			}
		})
	}
}
