package xlsx

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// errProps stands for the error excelize returns when it cannot decode a properties part;
// the reader only needs to know there was one.
var errProps = errors.New("document properties excelize cannot decode")

// CustomProps returns the custom document properties: docProps/custom.xml decoded as excelize's GetCustomProps
// does, each property's value taken from its typed child in excelize's order of preference.
// A value excelize fails to decode makes the whole list an error, as there.
func (b *Book) CustomProps() ([]excelize.CustomProperty, error) {
	text, ok := b.part(partCustom)
	if !ok || !b.start(partCustom, text) {
		return nil, nil
	}
	t := &b.tz
	if t.kind != tokStart {
		return nil, nil
	}
	if !t.is("Properties", nsCustomProps) {
		return nil, errProps
	}
	var props []excelize.CustomProperty
	for d := t.depth(); t.child(d); {
		if t.local != "property" {
			t.skip()
			continue
		}
		p, err := b.property(t)
		if err != nil {
			return nil, err
		}
		props = append(props, p)
	}
	if t.kind == tokEOF {
		b.finish(partCustom)
		return nil, errProps
	}
	return props, nil
}

// vtInts are the integer variant types of a custom property, in excelize's order of
// preference, with their sizes; u marks the unsigned ones.
var vtInts = [...]struct {
	name string
	bits int
	u    bool
}{{"i1", 8, false}, {"i2", 16, false}, {"i4", 32, false}, {"i8", 64, false}, {"int", 64, false},
	{"ui1", 8, true}, {"ui2", 16, true}, {"ui4", 32, true}, {"ui8", 64, true}, {"uint", 64, true}}

// property reads one <property> whose start tag was just read.
func (b *Book) property(t *tokenizer) (excelize.CustomProperty, error) {
	var p excelize.CustomProperty
	for i := range t.attrs {
		switch t.attrLocal(i) {
		case "name":
			p.Name = t.attrValue(i)
		case "pid":
			if !parsesAs(t.attrValue(i), kindInt) {
				return p, errProps
			}
		}
	}
	var vals propValues
	d := t.depth()
	for {
		switch t.next() {
		case tokEOF:
			return p, errProps
		case tokEnd:
			if t.depth() >= d {
				continue
			}
			v, err := vals.value()
			if errors.Is(err, errUnsigned) {
				b.decline(partCustom, "unsigned custom property")
				return p, errProps
			}
			p.Value = v
			return p, err
		case tokStart:
			if err := vals.read(t); err != nil {
				return p, err
			}
		}
	}
}

// errUnsigned stands for an unsigned integer property, on which excelize calls reflect's Int
// and panics.
var errUnsigned = errors.New("unsigned custom property")

// propValues are the typed values of one property element, as excelize decodes them into
// its decodeProperty fields: the last of each kind wins.
type propValues struct {
	boolVal          *bool
	lpwstr, filetime *string
	ints             [len(vtInts)]*int64
	r4, r8           *float64
}

// value returns the property's value as excelize's GetCustomProps picks it from the fields.
func (pv *propValues) value() (any, error) {
	switch {
	case pv.boolVal != nil:
		return *pv.boolVal, nil
	case pv.lpwstr != nil:
		return *pv.lpwstr, nil
	case pv.filetime != nil:
		tm, err := time.Parse(time.RFC3339, *pv.filetime)
		if err != nil {
			return nil, err
		}
		return tm, nil
	}
	for i, v := range pv.ints {
		if v == nil {
			continue
		}
		if vtInts[i].u {
			return nil, errUnsigned
		}
		return int32(*v), nil
	}
	switch {
	case pv.r4 != nil:
		return *pv.r4, nil
	case pv.r8 != nil:
		return *pv.r8, nil
	}
	return nil, nil
}

// read decodes the value element whose start tag was just read.
func (pv *propValues) read(t *tokenizer) error {
	local := t.local
	switch local {
	case "bool":
		s := t.chardata()
		v := false
		if s != "" {
			var err error
			if v, err = strconv.ParseBool(strings.TrimSpace(s)); err != nil {
				return err
			}
		}
		pv.boolVal = &v
	case "lpwstr":
		s := t.chardata()
		pv.lpwstr = &s
	case "filetime":
		s := t.chardata()
		pv.filetime = &s
	case "r4", "r8":
		return pv.readFloat(t, local)
	default:
		i := vtInt(local)
		if i < 0 {
			t.skip()
			return nil
		}
		return pv.readInt(t, i)
	}
	return nil
}

// readFloat decodes an r4 or r8 element.
func (pv *propValues) readFloat(t *tokenizer, local string) error {
	s := t.chardata()
	bits := 64
	if local == "r4" {
		bits = 32
	}
	v := 0.0
	if s != "" {
		var err error
		if v, err = strconv.ParseFloat(strings.TrimSpace(s), bits); err != nil {
			return err
		}
	}
	if local == "r4" {
		pv.r4 = &v
	} else {
		pv.r8 = &v
	}
	return nil
}

// readInt decodes an integer element of variant type vtInts[i].
func (pv *propValues) readInt(t *tokenizer, i int) error {
	s := t.chardata()
	var v int64
	if s != "" {
		var err error
		if vtInts[i].u {
			var u uint64
			u, err = strconv.ParseUint(strings.TrimSpace(s), 10, vtInts[i].bits)
			v = int64(u)
		} else {
			v, err = strconv.ParseInt(strings.TrimSpace(s), 10, vtInts[i].bits)
		}
		if err != nil {
			return err
		}
	}
	pv.ints[i] = &v
	return nil
}

// vtInt returns the index in vtInts of an integer variant type, or -1.
func vtInt(local string) int {
	for i, v := range vtInts {
		if v.name == local {
			return i
		}
	}
	return -1
}

// appInts and appBools are the typed children of docProps/app.xml that excelize decodes
// (xlsxProperties); one that does not parse makes GetAppProps fail.
var (
	appInts = map[string]bool{"Pages": true, "Words": true, "Characters": true, "Lines": true, "Paragraphs": true,
		"Slides": true, "Notes": true, "TotalTime": true, "HiddenSlides": true, "MMClips": true,
		"CharactersWithSpaces": true, "DocSecurity": true}
	appBools = map[string]bool{"ScaleCrop": true, "LinksUpToDate": true, "SharedDoc": true, "HyperlinksChanged": true}
)

// Application returns the program that last saved the file: the Application of docProps/app.xml as excelize's
// GetAppProps gives it, or "" when it fails.
func (b *Book) Application() string {
	text, ok := b.part(partApp)
	if !ok || !b.start(partApp, text) {
		return ""
	}
	t := &b.tz
	if t.kind != tokStart || !t.is("Properties", nsExtendedProps) {
		return ""
	}
	app := ""
	for d := t.depth(); t.child(d); {
		switch local := t.local; {
		case local == "Application":
			app = t.chardata()
		case appInts[local]:
			if !parsesAs(t.chardata(), kindInt) {
				return ""
			}
		case appBools[local]:
			if !parsesAs(t.chardata(), kindBool) {
				return ""
			}
		default:
			t.skip()
		}
	}
	if t.kind == tokEOF {
		b.finish(partApp)
		return ""
	}
	return app
}
