// Package planbook writes the plan file and the units file as one workbook that a
// 领导小组办公室 clerk edits in Excel, WPS or LibreOffice (方案与名册.xlsx), and reads such a
// workbook back into canonical plan and units files.
//
// The workbook is described by a schema (schema.go): one line per field, naming the sheet,
// the column header and the field's path in the file. What a field holds (text, a number, a
// list, a year-by-year map) comes from the loader's own types through planfile.Field, and
// the order of keys in the files written comes from planfile.Keys, so a field the loader
// learns needs one schema line here. Reading collects every problem with its sheet and cell;
// the files it writes are canonical: exporting and importing again gives the same bytes.
package planbook
