package cellstyle

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestBox(t *testing.T) {
	b := Box("808080")
	var sides []string
	for _, x := range b {
		if x.Color != "808080" || x.Style != 1 {
			t.Errorf("side %s: colour %s style %d, want 808080 thin", x.Type, x.Color, x.Style)
		}
		sides = append(sides, x.Type)
	}
	if got := strings.Join(sides, " "); got != "left right top bottom" {
		t.Errorf("sides %q", got)
	}
}

func TestRGB(t *testing.T) {
	for in, want := range map[string]string{"FF1F4E79": "1F4E79", "001F4E79": "1F4E79", "1F4E79": "1F4E79", "": ""} {
		if got := rgb(in); got != want {
			t.Errorf("rgb(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOf: the style of a cell in a saved workbook (written with ARGB colours) comes back as
// it was set, 6-digit RGB, and registered again for another cell it keeps
// them; a cell with no style gives an empty one.
func TestOf(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	id, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "1F4E79"}, Border: Box("808080"),
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle("Sheet1", "B2", "B2", id); err != nil {
		t.Fatal(err)
	}
	g := reopen(t, f)
	st := Of(g, "Sheet1", "B2")
	check := func(what string, st *excelize.Style) {
		t.Helper()
		if st.Font == nil || st.Font.Color != "1F4E79" || len(st.Border) != 4 || st.Border[0].Color != "808080" ||
			len(st.Fill.Color) != 1 || st.Fill.Color[0] != "FFEB9C" {
			t.Errorf("%s: font %+v border %+v fill %+v", what, st.Font, st.Border, st.Fill)
		}
	}
	check("read back", st)
	st.NumFmt = 10
	id2, err := g.NewStyle(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SetCellStyle("Sheet1", "C3", "C3", id2); err != nil {
		t.Fatal(err)
	}
	check("registered again", Of(reopen(t, g), "Sheet1", "C3"))
	if empty := Of(g, "Sheet1", "A1"); empty == nil || empty.Font != nil || len(empty.Border) != 0 {
		t.Errorf("a cell with no style: %+v", empty)
	}
}

// reopen saves f and opens what it saved.
func reopen(t *testing.T, f *excelize.File) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}
