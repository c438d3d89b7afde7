package intake

import (
	"bytes"
	"strings"
)

// countHook counts the children of the root (or of one element below it) with a given
// name: the <si> of the shared strings, the <xf> of the styles' cellXfs.
type countHook struct {
	parent string // "" for the root's own children
	child  string
	in     bool
	n      int
}

func (h *countHook) start(s *xmlScanner, name []byte, depth int, self bool) {
	switch {
	case h.parent == "" && depth == 1 && string(name) == h.child:
		h.n++
	case h.parent != "" && depth == 1 && string(name) == h.parent:
		h.in = !self
	case h.in && depth == 2 && string(name) == h.child:
		h.n++
	}
}

func (h *countHook) end(s *xmlScanner, name []byte, depth int) {
	if depth == 1 && string(name) == h.parent {
		h.in = false
	}
}

func (h *countHook) text(*xmlScanner, []byte) {}

// wbSheet is a sheet the workbook part lists: its name and relationship id.
type wbSheet struct{ name, rid string }

// workbookHook collects the sheets of the workbook part.
type workbookHook struct{ sheets []wbSheet }

func (h *workbookHook) start(s *xmlScanner, name []byte, depth int, self bool) {
	if string(name) != "sheet" || s.long || len(h.sheets) >= DefaultMaxEntries {
		return
	}
	h.sheets = append(h.sheets, wbSheet{name: string(s.attr("name")), rid: string(s.attr("id"))})
}

func (h *workbookHook) end(*xmlScanner, []byte, int) {}
func (h *workbookHook) text(*xmlScanner, []byte)     {}

// relsHook collects the worksheet relationships of a relationships part: id to target.
type relsHook struct{ targets map[string]string }

func (h *relsHook) start(s *xmlScanner, name []byte, depth int, self bool) {
	if string(name) != "Relationship" || s.long || len(h.targets) >= DefaultMaxEntries {
		return
	}
	if bytes.HasSuffix(s.attr("Type"), []byte("/worksheet")) {
		if h.targets == nil {
			h.targets = map[string]string{}
		}
		h.targets[string(s.attr("Id"))] = string(s.attr("Target"))
	}
}

func (h *relsHook) end(*xmlScanner, []byte, int) {}
func (h *relsHook) text(*xmlScanner, []byte)     {}

// typesHook collects the content types of [Content_Types].xml: by part name (Override)
// and by extension (Default), both lower-cased.
type typesHook struct {
	parts map[string]string
	exts  map[string]string
}

func (h *typesHook) start(s *xmlScanner, name []byte, depth int, self bool) {
	if s.long || len(h.parts)+len(h.exts) >= DefaultMaxEntries {
		return
	}
	ct := strings.ToLower(string(s.attr("ContentType")))
	switch string(name) {
	case "Override":
		h.parts[strings.TrimPrefix(strings.ToLower(string(s.attr("PartName"))), "/")] = ct
	case "Default":
		h.exts[strings.ToLower(string(s.attr("Extension")))] = ct
	}
}

func (h *typesHook) end(*xmlScanner, []byte, int) {}
func (h *typesHook) text(*xmlScanner, []byte)     {}

// contentType returns the content type of a part: its Override, else the Default of its
// extension.
func (h *typesHook) contentType(part string) string {
	lower := strings.ToLower(part)
	if ct, ok := h.parts[lower]; ok {
		return ct
	}
	if i := strings.LastIndexByte(lower, '.'); i >= 0 {
		return h.exts[lower[i+1:]]
	}
	return ""
}

// any reports whether some content type contains one of the fragments.
func (h *typesHook) any(fragments ...string) bool {
	for _, m := range []map[string]string{h.parts, h.exts} {
		for _, ct := range m {
			for _, f := range fragments {
				if strings.Contains(ct, f) {
					return true
				}
			}
		}
	}
	return false
}
