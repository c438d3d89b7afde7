package xlsx

import (
	"strconv"
	"strings"
)

// Kinds of typed values encoding/xml decodes, for attrsParse and parsesAs.
const (
	kindInt    = iota // int (64 bits)
	kindUint32        // uint32
	kindBool          // bool
	kindFloat         // float64
)

// parsesAs reports whether encoding/xml decodes v into a field of the kind without error:
// an empty value is the zero value, anything else is parsed after trimming spaces.
func parsesAs(v string, kind int) bool {
	if v == "" {
		return true
	}
	v = strings.TrimSpace(v)
	var err error
	switch kind {
	case kindInt:
		_, err = strconv.ParseInt(v, 10, 64)
	case kindUint32:
		_, err = strconv.ParseUint(v, 10, 32)
	case kindBool:
		_, err = strconv.ParseBool(v)
	case kindFloat:
		_, err = strconv.ParseFloat(v, 64)
	}
	return err == nil
}

// attrsParse reports whether every attribute of the current start tag with this local name
// decodes as the kind (encoding/xml decodes each of them into the field).
func attrsParse(t *tokenizer, local string, kind int) bool {
	for i := range t.attrs {
		if t.attrLocal(i) == local && !parsesAs(t.attrValue(i), kind) {
			return false
		}
	}
	return true
}
