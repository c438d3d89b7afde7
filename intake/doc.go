// Package intake is the one door for untrusted files: it decides whether the bytes a unit
// sent are a workbook gyqc may open, and opens it safely.
//
// # Safe intake
//
// Returned files are arbitrary bytes from outside. Nothing else touches them before
// Inspect, and nothing opens them but OpenWorkbook:
//
//   - Inspect checks the size, then what the file really is by its magic bytes (empty,
//     text or CSV, a web page, XML Spreadsheet 2003, PDF, picture, rar/7z/gzip, and the OLE
//     header D0CF11E0A1B11AE1 of encrypted workbooks and legacy .xls/.et files), then, for a
//     zip, what kind of package it is by mimetype and [Content_Types].xml (.ods, .docx,
//     .pptx, .xlsb, a plain zip). A workbook is then pre-scanned: every entry is read to its
//     end through archive/zip's CRC-checking reader, with caps on the number of entries,
//     each entry's and the total inflated size and the compression ratio (Limits), and
//     entries sharing their data are refused, so that a bomb, a bad CRC, a truncated file
//     or an entry lying about its size is refused before excelize, which ignores some copy
//     errors, sees it. Entry names must be local relative paths and unique, also without
//     regard to case. XML parts are checked as they stream, without building a tree: well
//     formed (names, attributes, entity references, matching end tags), no <!DOCTYPE> or
//     <!ENTITY>, nesting within a depth, no NUL bytes. Worksheets are checked for crafted
//     grids: row and column numbers within Limits (rows 2147483647, -1, 1048577 and huge
//     column letters are refused), rows and cells in increasing order, a bounded span of
//     cells, valid merged ranges, and shared-string and style indexes that exist.
//   - OpenWorkbook runs Inspect and opens a file that passed with explicit unzip limits and
//     raw cell values, inside a recover wrapper. Guard and GuardValue wrap any further work
//     on the file the same way, turning a library panic into a problem naming the file.
//
// Every problem names the file, the part or sheet (and row or cell) where it applies, its
// rule (the Rule constants) and what the clerk should do, in Chinese.
//
// # Active content policy
//
// A workbook that carries macros (vbaProject.bin, macro sheets, a macro-enabled content
// type), external links, embedded objects, ActiveX or form controls, or data connections
// is accepted with one warning per kind: "…已忽略，不会进入汇总结果". gyqc never runs,
// refreshes or follows any of it: only the values saved in cells are read, formulas are
// never evaluated, and nothing of these parts is copied into gyqc's own outputs (the
// consolidated workbook and the briefing are written from the values alone). Refusing
// would punish clerks for what WPS or a colleague's template added without their knowing;
// warning tells them, and the office sees it in the collection report.
package intake
