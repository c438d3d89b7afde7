// Package render makes Chinese PDF documents in the style of official documents
// (GB/T 9704): A4, 37/28/26/35 mm margins, 22 lines of 三号 body text a page, the 报头
// (masthead) in red over a red rule, numbered headings (一、 and （一）) with PDF bookmarks,
// justified paragraphs indented two characters, ruled tables, bar charts, traffic-light
// markers, page numbers in the form "— 3 —" and the 报尾 at the foot of the last page.
// The monthly briefing is written on top of it.
//
// It draws with github.com/jung-kurt/gofpdf and never loses a character:
//
//   - Fonts are found by FindFonts: the user's files (--font, GYQC_FONT) first, then the
//     well-known Chinese fonts of Linux, Windows and macOS, one face per style (仿宋, 黑体,
//     楷体, 宋体), each role (body, headings, title) taking the style official documents
//     use, or the nearest installed. A .ttc collection is read by extracting one face into
//     a standalone TrueType font (ExtractFace). Every face is validated before gofpdf sees
//     it; CFF fonts and fonts whose licence forbids embedding are refused with a Chinese
//     message (*FontError), and with no Chinese font at all the error says what to install.
//   - Each character is drawn with the first face of its role that has it (a CJK-only font
//     takes its digits from the next font). Characters no face has, characters above
//     U+FFFF (which gofpdf cannot output) and invalid bytes are replaced by a visible □ and
//     listed by Document.Replacements.
//   - Lines are broken by the package itself (gofpdf's MultiCell and SplitText drop a
//     character at every wrap of Chinese text): between any two CJK characters, never
//     before closing or after opening punctuation, never inside a Latin word or number
//     unless it is longer than a line. Lines are measured with the fonts' own advance
//     widths, exactly as gofpdf's GetStringWidth counts them, and justified by character
//     spacing.
//
// Output is deterministic (the dates come from Options.Date) and WriteFile replaces its file
// atomically. Use:
//
//	fonts, err := render.FindFonts(render.FontOptions{Files: fontFlags})
//	doc, err := render.NewDocument(render.Options{Fonts: fonts, Title: "…", Date: issued})
//	doc.Masthead(render.PlanMasthead(plan.Briefing, 6, "2025年7月5日"))
//	doc.Title("2025年6月“工业强城”建设推进情况")
//	doc.Heading(1, "总体情况")              // 一、总体情况
//	doc.Paragraph("……")
//	doc.Table(render.Table{Columns: cols, Rows: rows})
//	doc.BarChart(render.BarChart{Bars: bars})
//	doc.Colophon(render.PlanColophon(plan.Briefing, "2025年7月5日"))
//	err = doc.WriteFile("简报.pdf")
//	for _, r := range doc.Replacements() { warn(r.String()) }
package render
