package planfile

import (
	"reflect"
	"sort"
	"strings"
)

// Which names one of the two files.
type Which int

// The two files.
const (
	PlanYAML  Which = iota // the plan file (plan.yaml)
	UnitsYAML              // the units file (units.yaml)
)

// FieldKind is the shape of a field of the plan or units file, as the loader reads it.
type FieldKind int

// Shapes of fields.
const (
	FieldUnknown   FieldKind = iota // no such field
	FieldText                       // a string
	FieldInt                        // a whole number
	FieldNumber                     // a number
	FieldBool                       // true or false
	FieldList                       // a list of strings
	FieldNumberMap                  // a mapping of keys (such as years) to numbers
	FieldRecord                     // a mapping with fields of its own
	FieldRecords                    // a list of mappings with fields of their own
)

// lineStringType is a string that remembers its line; it reads as text.
var lineStringType = reflect.TypeOf(lineString{})

// rootType returns the raw type of a file.
func rootType(w Which) reflect.Type {
	if w == UnitsYAML {
		return reflect.TypeOf(rawUnits{})
	}
	return reflect.TypeOf(rawPlan{})
}

// Field returns the shape of the field at path in the file, such as "indicators.target"
// (a field of every item of the list indicators) or "horizon.first_period". The shapes come
// from the loader's own types, so a field the loader learns is known here at once.
func Field(w Which, path string) FieldKind {
	t := rootType(w)
	for _, key := range strings.Split(path, ".") {
		t = recordOf(t)
		if t == nil {
			return FieldUnknown
		}
		f, ok := fieldByKey(t, key)
		if !ok {
			return FieldUnknown
		}
		t = f
	}
	return kindOf(t)
}

// Fields lists the path of every leaf field of the file (fields of records are descended
// into), sorted. Tests use it to prove that every field has a home in the workbook.
func Fields(w Which) []string {
	var out []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		t = recordOf(t)
		for i := 0; i < t.NumField(); i++ {
			key := yamlKey(t.Field(i))
			if key == "" {
				continue
			}
			ft := t.Field(i).Type
			switch kindOf(ft) {
			case FieldRecord, FieldRecords:
				walk(ft, prefix+key+".")
			default:
				out = append(out, prefix+key)
			}
		}
	}
	walk(rootType(w), "")
	sort.Strings(out)
	return out
}

// recordOf returns the struct type behind pointers and slices of t, nil when there is none
// (or t is a string with a line).
func recordOf(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == lineStringType {
		return nil
	}
	return t
}

func fieldByKey(t reflect.Type, key string) (reflect.Type, bool) {
	for i := 0; i < t.NumField(); i++ {
		if yamlKey(t.Field(i)) == key {
			return t.Field(i).Type, true
		}
	}
	return nil, false
}

func yamlKey(f reflect.StructField) string {
	key := strings.Split(f.Tag.Get("yaml"), ",")[0]
	if key == "-" {
		return ""
	}
	return key
}

// kindOf returns the shape of a field type.
func kindOf(t reflect.Type) FieldKind {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == lineStringType {
		return FieldText
	}
	switch t.Kind() {
	case reflect.String:
		return FieldText
	case reflect.Int, reflect.Int64, reflect.Int32:
		return FieldInt
	case reflect.Float64, reflect.Float32:
		return FieldNumber
	case reflect.Bool:
		return FieldBool
	case reflect.Map:
		return FieldNumberMap
	case reflect.Struct:
		return FieldRecord
	case reflect.Slice:
		e := t.Elem()
		if e.Kind() == reflect.Pointer {
			e = e.Elem()
		}
		if e.Kind() == reflect.String || e == lineStringType {
			return FieldList
		}
		if e.Kind() == reflect.Struct {
			return FieldRecords
		}
	}
	return FieldUnknown
}

// Keys returns the keys of the record at path ("" for the file itself, "indicators" for an
// item of the indicators list) in the order the loader declares them: the order in which
// canonical files write them.
func Keys(w Which, path string) []string {
	t := rootType(w)
	if path != "" {
		for _, key := range strings.Split(path, ".") {
			if t = recordOf(t); t == nil {
				return nil
			}
			f, ok := fieldByKey(t, key)
			if !ok {
				return nil
			}
			t = f
		}
	}
	if t = recordOf(t); t == nil {
		return nil
	}
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if key := yamlKey(t.Field(i)); key != "" {
			out = append(out, key)
		}
	}
	return out
}
