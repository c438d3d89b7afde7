package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestWriteJSONEmptyLists: nil slices at every depth are written as [], scalars behind nil
// pointers as null, and the values written are otherwise those given.
func TestWriteJSONEmptyLists(t *testing.T) {
	type inner struct {
		List  []string `json:"list"`
		Maybe *int     `json:"maybe"`
	}
	type outer struct {
		Items  []inner           `json:"items"`
		Ptr    *inner            `json:"ptr"`
		ByKey  map[string][]int  `json:"by_key"`
		Any    any               `json:"any"`
		Arr    [1]inner          `json:"arr"`
		Nested map[string]*inner `json:"nested"`
	}
	v := outer{Items: []inner{{}}, Ptr: &inner{}, ByKey: map[string][]int{"a": nil}, Any: inner{},
		Nested: map[string]*inner{"x": {}}}
	var b strings.Builder
	if err := writeJSON(&b, v); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{`"list": []`, `"a": []`, `"maybe": null`} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "null"); n != strings.Count(got, `"maybe": null`) {
		t.Errorf("null other than the nil scalar pointers:\n%s", got)
	}
}

// nullKey finds "key": null in JSON output.
var nullKey = regexp.MustCompile(`"([a-z_]+)": null`)

// TestCollectJSONNoNullLists: the JSON of collect and status writes every empty list as [];
// null is left only to fields that are not lists (a time not yet known).
func TestCollectJSONNoNullLists(t *testing.T) {
	c := newCycle(t, "2025-06")
	spec := dsjjSpec()
	spec["values"] = map[string]any{"cloud-enterprises": 56, "5g-scenarios": 2}
	spec["notes"] = map[string]any{}
	c.fill("2025-06", "dsjj", "大数据局.xlsx", spec)
	var out strings.Builder
	opts := collectOptions{Workspace: c.workspace, Period: c.period, Paths: []string{c.inbox}, JSON: true,
		Now: func() time.Time { return time.Date(2025, 7, 2, 9, 0, 0, 0, c.plan.Location()) }}
	runCollect(t.Context(), c.plan, opts, &out)
	if strings.Contains(out.String(), `"problems": null`) {
		t.Errorf("collect --json writes null for an empty list:\n%s", out.String())
	}
	var st strings.Builder
	if err := runStatus(t.Context(), c.plan, statusOptions{Workspace: c.workspace, Period: c.period, JSON: true}, &st); err != nil {
		t.Fatal(err)
	}
	for _, output := range []string{out.String(), st.String()} {
		for _, m := range nullKey.FindAllStringSubmatch(output, -1) {
			if m[1] != "received" && m[1] != "value" {
				t.Errorf("%q is null in\n%s", m[1], output)
			}
		}
	}
}
