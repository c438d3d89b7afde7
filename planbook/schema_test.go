package planbook

import (
	"testing"

	"github.com/qianjiang/gyqc/planfile"
)

// schemaPaths returns the full path of every field the schema places, by file.
func schemaPaths() map[planfile.Which]map[string]string {
	out := map[planfile.Which]map[string]string{planfile.PlanYAML: {}, planfile.UnitsYAML: {}}
	add := func(w planfile.Which, path, where string, c column) {
		if c.Lines {
			out[w][path+".label"] = where
			out[w][path+".text"] = where
			return
		}
		out[w][path] = where
	}
	for _, sh := range schema {
		for _, b := range sh.Blocks {
			switch b := b.(type) {
			case *table:
				for _, c := range b.Columns {
					if len(b.Kinds) == 0 {
						add(b.File, b.List+"."+c.Path, sh.Name+"/"+c.Header, c)
					}
				}
				for _, k := range b.Kinds {
					for header, path := range k.Paths {
						add(b.File, k.List+"."+path, sh.Name+"/"+k.Label+"/"+header, column{})
					}
				}
			case *kv:
				for _, c := range b.Rows {
					add(b.File, c.Path, sh.Name+"/"+c.Header, c)
				}
			}
		}
	}
	return out
}

// TestEveryFieldHasAPlace: every field the loader reads has a column or a row in the
// workbook, so that an import loses nothing; and every place names a field the loader reads.
// A field added to the loader fails this test until it gets its line in schema.go.
func TestEveryFieldHasAPlace(t *testing.T) {
	placed := schemaPaths()
	for _, w := range []planfile.Which{planfile.PlanYAML, planfile.UnitsYAML} {
		fields := map[string]bool{}
		for _, f := range planfile.Fields(w) {
			fields[f] = true
			if _, ok := placed[w][f]; !ok {
				t.Errorf("field %s of the %v file has no place in the workbook: add a line to schema.go", f, fileLabel(w))
			}
		}
		for path, where := range placed[w] {
			if !fields[path] {
				t.Errorf("%s places %s, which the loader does not read", where, path)
			}
		}
	}
}

func fileLabel(w planfile.Which) string {
	if w == planfile.UnitsYAML {
		return "units"
	}
	return "plan"
}
