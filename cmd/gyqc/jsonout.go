package main

import (
	"encoding/json"
	"io"
	"reflect"
)

// writeJSON writes v as indented JSON for scripts. Every list in it is written as [] when
// empty, never as null: a nil slice anywhere in v (in structs, slices, arrays, maps and
// behind pointers) is replaced by an empty one first. Scalars behind nil pointers stay null.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(emptyLists(v))
}

// emptyLists returns a copy of v in which every nil slice is an empty slice. Data v points
// to is changed in place (a nil slice there becomes an empty one), which JSON cannot tell
// apart and no caller relies on.
func emptyLists(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	cp := reflect.New(rv.Type()).Elem()
	cp.Set(rv)
	fillLists(cp, 0)
	return cp.Interface()
}

// marshalerType is json.Marshaler: values that write themselves are left alone.
var marshalerType = reflect.TypeFor[json.Marshaler]()

// maxJSONDepth bounds the walk (our outputs are a few levels deep; there are no cycles).
const maxJSONDepth = 32

// fillLists replaces the nil slices within the settable value v.
func fillLists(v reflect.Value, depth int) {
	if depth > maxJSONDepth || !v.IsValid() {
		return
	}
	if v.Type().Implements(marshalerType) || v.CanAddr() && v.Addr().Type().Implements(marshalerType) {
		return
	}
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			if v.CanSet() && v.Type().Elem().Kind() != reflect.Uint8 {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			}
			return
		}
		for i := range v.Len() {
			fillLists(v.Index(i), depth+1)
		}
	case reflect.Array:
		for i := range v.Len() {
			fillLists(v.Index(i), depth+1)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			fillLists(v.Elem(), depth+1)
		}
	case reflect.Interface:
		if !v.IsNil() && v.CanSet() {
			inner := reflect.New(v.Elem().Type()).Elem()
			inner.Set(v.Elem())
			fillLists(inner, depth+1)
			v.Set(inner)
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		iter := v.MapRange()
		for iter.Next() {
			val := reflect.New(iter.Value().Type()).Elem()
			val.Set(iter.Value())
			fillLists(val, depth+1)
			v.SetMapIndex(iter.Key(), val)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if t.Field(i).IsExported() {
				fillLists(v.Field(i), depth+1)
			}
		}
	}
}
