// Package xlsx is the fast reader of returned workbooks: it reads an .xlsx package straight
// from its bytes the way excelize v2.11 reads it, without excelize, inflating only the parts
// a returned template needs and scanning them with gyqc's one XML lexer (internal/xmltext)
// through tokenizer.go, which accepts a strict subset of what encoding/xml accepts. It
// knows nothing of the template layout: package templates reads a Book, or an
// excelize.File, through the same layout, and its differential tests hold the two equal.
//
// A file it cannot read exactly as excelize does is not read (Book.Err wraps
// ErrUnsupported); the caller then reads it with excelize. It stays bounded and does not
// panic on any input.
package xlsx
