// Package jsonlist writes the JSON gyqc gives scripts (every command's --json, the portal's
// upload API, the issue and sample manifests) so that every list is [] when empty, never
// null: a script can range over any list without first asking whether it is there.
package jsonlist

import (
	"encoding/json"
	"io"
	"reflect"
)

// Encode writes v to w as indented JSON followed by a newline, every nil slice in v written
// as [].
func Encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(Filled(v))
}

// MarshalIndent is json.MarshalIndent with every nil slice in v written as [].
func MarshalIndent(v any, prefix, indent string) ([]byte, error) {
	return json.MarshalIndent(Filled(v), prefix, indent)
}

// Filled returns a copy of v in which every nil slice (in structs, slices, arrays, maps
// and behind pointers and interfaces) is an empty slice. Scalars behind nil pointers stay
// nil, and values that marshal themselves are left alone. Data v points to is changed in
// place (a nil slice there becomes an empty one), which JSON cannot tell apart and no
// caller relies on.
func Filled(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	cp := reflect.New(rv.Type()).Elem()
	cp.Set(rv)
	fill(cp, 0)
	return cp.Interface()
}

// marshalerType is json.Marshaler: values that write themselves are left alone.
var marshalerType = reflect.TypeFor[json.Marshaler]()

// maxDepth bounds the walk (our outputs are a few levels deep; there are no cycles).
const maxDepth = 32

// fill replaces the nil slices within the settable value v.
func fill(v reflect.Value, depth int) {
	if depth > maxDepth || !v.IsValid() {
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
			fill(v.Index(i), depth+1)
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), depth+1)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			fill(v.Elem(), depth+1)
		}
	case reflect.Interface:
		if !v.IsNil() && v.CanSet() {
			inner := reflect.New(v.Elem().Type()).Elem()
			inner.Set(v.Elem())
			fill(inner, depth+1)
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
			fill(val, depth+1)
			v.SetMapIndex(iter.Key(), val)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if t.Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	}
}
