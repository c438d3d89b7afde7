package planbook

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/qianjiang/gyqc/planfile"
)

// value is one value of the plan or units file in the loader's shape: a scalar's text (a
// number in canonical form, "true" for a set flag), a list of strings, a map of keys to
// numbers, a record of fields or a list of records.
type value struct {
	kind   planfile.FieldKind
	text   string
	list   []string
	pairs  [][2]string // key, number; sorted by key
	fields map[string]*value
	items  []*value
	at     *origin // the cell it was read from, when read from a workbook
}

// origin is a place in the workbook.
type origin struct {
	sheet, cell string
}

// newRecord returns an empty record.
func newRecord() *value { return &value{kind: planfile.FieldRecord, fields: map[string]*value{}} }

// empty reports whether v holds nothing worth writing.
func (v *value) empty() bool {
	if v == nil {
		return true
	}
	switch v.kind {
	case planfile.FieldList:
		return len(v.list) == 0
	case planfile.FieldNumberMap:
		return len(v.pairs) == 0
	case planfile.FieldRecord:
		for _, f := range v.fields {
			if !f.empty() {
				return false
			}
		}
		return true
	case planfile.FieldRecords:
		return len(v.items) == 0
	case planfile.FieldBool:
		return v.text != "true"
	}
	return v.text == ""
}

// get returns the value at a dotted path below the record v, nil when absent.
func (v *value) get(path string) *value {
	for _, key := range strings.Split(path, ".") {
		if v == nil || v.kind != planfile.FieldRecord {
			return nil
		}
		v = v.fields[key]
	}
	return v
}

// set puts x at a dotted path below the record v, creating records on the way.
func (v *value) set(path string, x *value) {
	keys := strings.Split(path, ".")
	for _, key := range keys[:len(keys)-1] {
		next := v.fields[key]
		if next == nil {
			next = newRecord()
			v.fields[key] = next
		}
		v = next
	}
	v.fields[keys[len(keys)-1]] = x
}

// fromYAML converts a node of file w at path (the path of a field, items of lists included,
// "" for the file itself) into a value.
func fromYAML(w planfile.Which, path string, n *yaml.Node) *value {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	kind := planfile.FieldRecord
	if path != "" {
		kind = planfile.Field(w, path)
	}
	v := &value{kind: kind}
	switch kind {
	case planfile.FieldRecord:
		return recordFromYAML(w, path, n)
	case planfile.FieldRecords:
		for _, item := range n.Content {
			v.items = append(v.items, recordFromYAML(w, path, item)) // items share the list's path
		}
	case planfile.FieldList:
		for _, item := range n.Content {
			v.list = append(v.list, item.Value)
		}
		if n.Kind == yaml.ScalarNode && n.Value != "" {
			v.list = []string{n.Value}
		}
	case planfile.FieldNumberMap:
		for i := 0; i+1 < len(n.Content); i += 2 {
			v.pairs = append(v.pairs, [2]string{n.Content[i].Value, canonicalNumber(n.Content[i+1].Value)})
		}
		sortPairs(v.pairs)
	case planfile.FieldInt, planfile.FieldNumber:
		if n.Tag != "!!null" {
			v.text = canonicalNumber(n.Value)
		}
	case planfile.FieldBool:
		if b, err := strconv.ParseBool(n.Value); err == nil && b {
			v.text = "true"
		}
	default:
		if n.Tag != "!!null" {
			v.text = n.Value
		}
	}
	return v
}

// recordFromYAML converts a mapping node of file w at path into a record.
func recordFromYAML(w planfile.Which, path string, n *yaml.Node) *value {
	v := newRecord()
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		v.fields[key] = fromYAML(w, join(path, key), n.Content[i+1])
	}
	return v
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// canonicalNumber writes a number the shortest way that reads back the same; text that is
// not a number is kept as it is.
func canonicalNumber(s string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func sortPairs(p [][2]string) {
	sort.SliceStable(p, func(i, j int) bool {
		a, errA := strconv.Atoi(p[i][0])
		b, errB := strconv.Atoi(p[j][0])
		if errA == nil && errB == nil {
			return a < b
		}
		return p[i][0] < p[j][0]
	})
}

// emitter writes values as YAML nodes in canonical form and remembers which workbook cell
// each node came from.
type emitter struct {
	w        planfile.Which
	comments map[string]string // path → comment above the key
	flow     map[string]bool   // lists of records written one record a line
	origins  map[*yaml.Node]*origin
}

// record writes the record v at path: keys in the loader's order, empty values left out.
func (e *emitter) record(path string, v *value) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	keys := planfile.Keys(e.w, path)
	for _, key := range keys {
		f := v.fields[key]
		if f.empty() {
			continue
		}
		k := &yaml.Node{Kind: yaml.ScalarNode, Value: key}
		if c := e.comments[join(path, key)]; c != "" {
			k.HeadComment = c
		}
		n.Content = append(n.Content, k, e.value(join(path, key), f))
	}
	e.mark(n, v)
	return n
}

func (e *emitter) mark(n *yaml.Node, v *value) {
	if v != nil && v.at != nil {
		e.origins[n] = v.at
	}
}

// value writes the value at path.
func (e *emitter) value(path string, v *value) *yaml.Node {
	var n *yaml.Node
	switch v.kind {
	case planfile.FieldRecord:
		return e.record(path, v)
	case planfile.FieldRecords:
		n = &yaml.Node{Kind: yaml.SequenceNode}
		for _, item := range v.items {
			rec := e.record(path, item)
			if e.flow[path] {
				rec.Style = yaml.FlowStyle
			}
			n.Content = append(n.Content, rec)
		}
	case planfile.FieldList:
		n = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, s := range v.list {
			if utf8.RuneCountInString(s) > 24 || strings.ContainsAny(s, "\n") {
				n.Style = 0
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
		}
	case planfile.FieldNumberMap:
		n = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		for _, p := range v.pairs {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: p[0]},
				&yaml.Node{Kind: yaml.ScalarNode, Value: p[1]})
		}
	case planfile.FieldInt, planfile.FieldNumber:
		n = &yaml.Node{Kind: yaml.ScalarNode, Value: v.text}
	case planfile.FieldBool:
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}
	default:
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.text}
	}
	e.mark(n, v)
	return n
}
