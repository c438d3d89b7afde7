package xlsx

import (
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// relationship is one Relationship of a relationships part.
type relationship struct{ id, target, typ string }

// readRels reads a relationships part; ok is false when there is none.
func (b *Book) readRels(name string) (rels []relationship, ok bool) {
	text, ok := b.part(name)
	if !ok {
		return nil, false
	}
	if !b.root(name, text, "Relationships", nsPackageRels) {
		return nil, false
	}
	t := &b.tz
	if t.kind != tokStart {
		return nil, true
	}
	for d := t.depth(); t.child(d); {
		if t.local == "Relationship" {
			var r relationship
			r.id, _ = t.attr("Id")
			r.target, _ = t.attr("Target")
			r.typ, _ = t.attr("Type")
			rels = append(rels, r)
		}
		t.skip()
	}
	if t.kind == tokEOF {
		b.finish(name)
		return nil, false
	}
	return rels, true
}

// workbookPath returns the workbook part as excelize finds it: the target of the first
// officeDocument relationship of _rels/.rels, without a leading slash and uncleaned.
func (b *Book) workbookPath() string {
	rels, ok := b.readRels(partRels)
	if !ok || b.fail != nil {
		if b.fail == nil {
			b.decline(partRels, "no package relationships")
		}
		return ""
	}
	for _, r := range rels {
		if r.typ == excelize.SourceRelationshipOfficeDocument {
			return strings.TrimPrefix(r.target, "/")
		}
	}
	b.decline(partRels, "no workbook relationship")
	return ""
}

// readWorkbook reads the sheets of the workbook part and finds the part of each through the
// workbook's relationships, as excelize's getSheetMap does.
func (b *Book) readWorkbook(wbPath string) {
	text, ok := b.part(wbPath)
	if !ok {
		b.decline(wbPath, "no workbook part")
		return
	}
	if !b.root(wbPath, text, "workbook", nsMain) {
		return
	}
	t := &b.tz
	if t.kind != tokStart {
		b.decline(wbPath, "empty workbook part")
		return
	}
	for d := t.depth(); t.child(d); {
		if t.local == "workbookPr" && t.depth() == d+1 {
			b.readWorkbookPr()
		}
		if t.local != "sheets" || t.depth() != d+1 {
			t.skip()
			continue
		}
		if !b.readSheets(wbPath) {
			return
		}
	}
	if t.kind == tokEOF {
		b.finish(wbPath)
		return
	}
	if len(b.sheets) == 0 {
		b.decline(wbPath, "no sheets")
		return
	}
	for i, s := range b.sheets {
		for _, o := range b.sheets[:i] {
			if strings.EqualFold(o.name, s.name) {
				b.decline(wbPath, "two sheets named "+s.name)
				return
			}
		}
	}
	rels, ok := b.readRels(workbookRelsPath(wbPath))
	if b.fail != nil || !ok {
		return // without relationships excelize finds no sheet part: every sheet is unreadable
	}
	for i := range b.sheets {
		s := &b.sheets[i]
		for _, r := range rels {
			if r.id != s.rid {
				continue
			}
			if p := worksheetPath(wbPath, r.target); b.has(p) {
				s.part = p
			}
		}
	}
}

// readWorkbookPr reads the date system from the <workbookPr> element just read.
func (b *Book) readWorkbookPr() {
	if b.cf == nil {
		b.cf = &Formats{}
	}
	if v, ok := b.tz.attr("date1904"); ok {
		b.cf.date1904, _ = strconv.ParseBool(strings.TrimSpace(v))
	}
}

// readSheets reads the <sheet> elements of a <sheets> element.
func (b *Book) readSheets(wbPath string) bool {
	t := &b.tz
	for d := t.depth(); t.child(d); {
		if t.local == "sheet" {
			var s zipSheet
			for i := range t.attrs {
				switch local := t.attrLocal(i); {
				case local == "name":
					s.name = t.attrValue(i)
				case local == "sheetId":
					if !parsesAs(t.attrValue(i), kindInt) {
						b.decline(wbPath, "sheetId is not a number")
						return false
					}
				case local == "id" && t.space(t.attrPrefix(i), local, false) == nsRelationships:
					s.rid = t.attrValue(i)
				}
			}
			if len(b.sheets) >= maxSheets {
				b.decline(wbPath, "too many sheets")
				return false
			}
			b.sheets = append(b.sheets, s)
		}
		t.skip()
	}
	if t.kind == tokEOF {
		b.finish(wbPath)
		return false
	}
	return true
}

// workbookRelsPath is excelize's getWorkbookRelsPath.
func workbookRelsPath(wbPath string) string {
	dir := path.Dir(wbPath)
	if dir == "." {
		return "_rels/" + path.Base(wbPath) + ".rels"
	}
	return strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "/")
}

// worksheetPath is excelize's getWorksheetPath: a relationship target made a part name
// (cleaned, then with backslashes turned into slashes).
func worksheetPath(wbPath, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(strings.ReplaceAll(path.Clean(target), `\`, "/"), "/")
	}
	return strings.TrimPrefix(strings.ReplaceAll(path.Clean(path.Dir(wbPath)+"/"+target), `\`, "/"), "/")
}
