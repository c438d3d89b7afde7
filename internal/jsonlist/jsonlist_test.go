package jsonlist

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEncodeEmptyLists: nil slices at every depth are written as [], scalars behind nil
// pointers as null, values that marshal themselves as they do, and the values written are
// otherwise those given.
func TestEncodeEmptyLists(t *testing.T) {
	type inner struct {
		List  []string `json:"list"`
		Maybe *int     `json:"maybe"`
		Bytes []byte   `json:"bytes"`
	}
	type outer struct {
		Items  []inner           `json:"items"`
		Ptr    *inner            `json:"ptr"`
		ByKey  map[string][]int  `json:"by_key"`
		Any    any               `json:"any"`
		Arr    [1]inner          `json:"arr"`
		Nested map[string]*inner `json:"nested"`
		Raw    json.RawMessage   `json:"raw"`
		Name   string            `json:"name"`
	}
	v := outer{Items: []inner{{}}, Ptr: &inner{}, ByKey: map[string][]int{"a": nil}, Any: inner{},
		Nested: map[string]*inner{"x": {}}, Raw: json.RawMessage(`{"kept":null}`), Name: "区经济信息委"}
	var b strings.Builder
	if err := Encode(&b, v); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{`"list": []`, `"a": []`, `"maybe": null`, `"kept": null`, `"name": "区经济信息委"`} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s:\n%s", want, got)
		}
	}
	nulls := strings.Count(got, `"maybe": null`) + strings.Count(got, `"bytes": null`) + strings.Count(got, `"kept": null`)
	if n := strings.Count(got, "null"); n != nulls {
		t.Errorf("null other than the nil scalar pointers, bytes and raw JSON:\n%s", got)
	}
	m, err := MarshalIndent([]inner(nil), "", " ")
	if err != nil || string(m) != "[]" {
		t.Errorf("MarshalIndent(nil slice) = %s, %v; want []", m, err)
	}
}
