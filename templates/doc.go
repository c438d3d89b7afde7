// Package templates writes the monthly Excel workbook each responsible unit fills in (the
// 报表模板) and reads a returned workbook back through the same layout.
//
// The layout (sheet names, columns and their headers, header rows, row keys, metadata keys
// and the layout version) is defined once, in layout.go; writer.go and reader.go both use it,
// so the code that issues templates and the code that collects them cannot drift apart.
//
// A template is identified by metadata stored twice, as strings: in document custom
// properties and in a very hidden sheet. Every data row carries its task number or indicator
// key in a hidden cell, so that reading back never depends on row positions.
//
// A returned workbook is read one of two ways, with one result: Read works on a file opened
// with excelize; ReadBytes reads the few parts a template needs straight from the file's
// zip bytes with the fast reader (package templates/internal/xlsx, which knows nothing of the
// layout), several times faster. The reader logic (reader.go, readtable.go, metaread.go,
// scan.go) sees either through the book interface (book.go); the fast reader follows
// excelize's rules for finding parts and reading cells, quirks included, and leaves every
// file whose markup it does not read exactly as excelize does to excelize (ErrUnsupported). The tests run every reading
// case through both and compare them on all the workbooks of the test data.
//
// Every input cell is read by its type and number format (cellkind.go): text, a number, a
// number in a percent or date format (in the workbook's 1900 or 1904 date system), a
// logical value, an error value. The reader only says what a cell holds (Input.Kind); the
// content checks decide what that means in each column. Excelize's row iterator does not
// give cell types, so Read takes them from the fast reader's scanner run over the same parts,
// row by row where both read the same texts (book.go).
package templates
