// Package templates writes the monthly Excel workbook each responsible unit fills in (the
// 报表模板) and reads a returned workbook back through the same layout.
//
// The layout (sheet names, columns and their headers, header rows, row keys, metadata keys
// and the layout version) is defined once, in struct.go; writer.go and reader.go both use it,
// so the code that issues templates and the code that collects them cannot drift apart.
//
// A template is identified by metadata stored twice, as strings: in document custom
// properties and in a very hidden sheet. Every data row carries its task number or indicator
// key in a hidden cell, so that reading back never depends on row positions.
package templates
