package templates

import (
	"reflect"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc/templates/internal/xlsx"
)

// TestDocProps decodes custom and extended properties with both books: the fast one must
// give what excelize's GetCustomProps and GetAppProps give (values, their Go types, and
// whether there is an error), or leave the file to excelize.
func TestDocProps(t *testing.T) {
	base := filledTemplate(t)
	const head = `<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="` + nsCustomProps +
		`" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`
	prop := func(name, body string) string {
		return `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="` + name + `">` + body + `</property>`
	}
	keep := "\x00" // leaves the part as it is
	for _, tc := range []struct {
		Name, Custom, App string
		Declined          bool
	}{
		{Name: "strings", App: keep, Custom: head + prop("a", `<vt:lpwstr>甲&amp;乙</vt:lpwstr>`) + prop("b", `<vt:lpwstr/>`) + `</Properties>`},
		{Name: "preference among types", App: keep, Custom: head + prop("a", `<vt:i4>1</vt:i4><vt:lpwstr>文字</vt:lpwstr>`) +
			prop("b", `<vt:r8>2.5</vt:r8><vt:i2>3</vt:i2>`) + prop("c", `<vt:bool>true</vt:bool><vt:lpwstr>x</vt:lpwstr>`) +
			prop("d", `<vt:r4>0.1</vt:r4>`) + prop("e", `<vt:filetime>2025-06-25T09:00:00Z</vt:filetime>`) + prop("f", `<vt:i8>-9000000000</vt:i8>`) +
			prop("g", `<vt:i4></vt:i4>`) + prop("h", `<vt:lpstr>无类型</vt:lpstr>`) + prop("i", `<vt:i4> 7 </vt:i4>`) + `</Properties>`},
		{Name: "no name and nested vector", App: keep, Custom: head + `<property pid="3"><vt:vector size="1"><vt:lpwstr>v</vt:lpwstr></vt:vector></property></Properties>`},
		{Name: "integer out of range", App: keep, Custom: head + prop("a", `<vt:i1>300</vt:i1>`) + `</Properties>`},
		{Name: "pid not a number", App: keep, Custom: head + `<property pid="x" name="a"><vt:lpwstr>1</vt:lpwstr></property></Properties>`},
		{Name: "bad file time", App: keep, Custom: head + prop("a", `<vt:filetime>昨天</vt:filetime>`) + `</Properties>`},
		{Name: "bad boolean", App: keep, Custom: head + prop("a", `<vt:bool>yes</vt:bool>`) + `</Properties>`},
		{Name: "another root", App: keep, Custom: `<Properties xmlns="urn:other">` + prop("a", `<vt:lpwstr>1</vt:lpwstr>`) + `</Properties>`},
		{Name: "empty part", Custom: ``, App: ``},
		{Name: "unsigned type", App: keep, Custom: head + prop("a", `<vt:ui4>1</vt:ui4>`) + `</Properties>`, Declined: true},
		{Name: "application", Custom: keep, App: `<Properties xmlns="` + nsExtendedProps + `"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>` +
			`<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant" xmlns:vt="urn:vt"/></HeadingPairs><AppVersion>16.0300</AppVersion></Properties>`},
		{Name: "application with a bad count", Custom: keep, App: `<Properties xmlns="` + nsExtendedProps + `"><Application>WPS</Application><Pages>很多</Pages></Properties>`},
		{Name: "application with a bad flag", Custom: keep, App: `<Properties xmlns="` + nsExtendedProps + `"><SharedDoc>maybe</SharedDoc><Application>WPS</Application></Properties>`},
		{Name: "application in another namespace", Custom: keep, App: `<Properties xmlns="urn:other"><Application>x</Application></Properties>`},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			data := editParts(t, base, func(name string, b []byte) []byte {
				switch {
				case name == partCustom && tc.Custom != keep:
					return []byte(tc.Custom)
				case name == partApp && tc.App != keep:
					return []byte(tc.App)
				}
				return b
			})
			zb := xlsx.Open(data, nil)
			if zb.Err() != nil {
				t.Fatal(zb.Err())
			}
			gotProps, gotErr := zb.CustomProps()
			if tc.Declined { // excelize panics on these (reflect's Int on an unsigned field)
				if zb.Err() == nil || !strings.Contains(zb.Err().Error(), "unsigned") {
					t.Fatalf("not left to excelize: %v", zb.Err())
				}
				return
			}
			xb := newExcelBook(openBytes(t, data))
			wantProps, wantErr := xb.customProps()
			if zb.Err() != nil {
				t.Fatalf("left to excelize: %v", zb.Err())
			}
			if (gotErr != nil) != (wantErr != nil) || wantErr == nil && !reflect.DeepEqual(gotProps, wantProps) {
				t.Errorf("custom properties\nfast     %#v %v\nexcelize %#v %v", gotProps, gotErr, wantProps, wantErr)
			}
			if got, want := zb.Application(), xb.application(); got != want {
				t.Errorf("application: fast %q, excelize %q", got, want)
			}
		})
	}
}
