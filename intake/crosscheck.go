package intake

import (
	"fmt"
	"path"
	"strings"

	"github.com/qianjiang/gyqc"
)

// longString reports whether the shared string of the index is longer than a cell may
// hold, and its length (known once the shared strings part has been read, which is read
// first).
func (sc *pkgScan) longString(index int) (int, bool) {
	for _, h := range sc.ssts {
		if n, ok := h.long[index]; ok {
			return n, true
		}
	}
	return 0, false
}

// checkStrings reports the over-long shared strings no cell was found using (the shared
// strings part had an unusual name, so was not read first). Too many shared strings stop
// the scan of the part as it streams (sstHook).
func (sc *pkgScan) checkStrings() {
	reported := false
	for _, h := range sc.sheets {
		reported = reported || h.longReported
	}
	for _, h := range sc.ssts {
		if h.nLong > 0 && !reported {
			for i, n := range h.long {
				sc.col.errorf("", RuleCellText, "", fixLongText, "文件中第%d个文字（共享字符串）有%d个字符，超过 Excel 单元格的上限%d个字符",
					i+1, n, sc.lim.MaxCellText)
				break
			}
		}
	}
}

// crossCheck compares the shared-string and style indexes the sheets use with the numbers
// of shared strings and cell formats the package holds.
func (sc *pkgScan) crossCheck() {
	if sc.partsBad {
		return // counts may be partial; the part's own problem is reported
	}
	count := func(ns []int) int {
		n := -1
		for _, c := range ns {
			if n < 0 || c < n {
				n = c
			}
		}
		return max(n, 0)
	}
	var sstN, xfN []int
	for _, h := range sc.ssts {
		sstN = append(sstN, h.n)
	}
	for _, h := range sc.xfs {
		xfN = append(xfN, h.n)
	}
	strs, xfs := count(sstN), count(xfN)
	for _, h := range sc.sheets {
		if h.maxSST >= strs {
			sc.col.add(h.part, gyqc.Problem{Sheet: h.part, Cell: string(h.maxSSTCell), Rule: RuleSheetString, Fix: fixCrafted,
				Message: fmt.Sprintf("单元格%s引用了第%d个共享字符串，但文件中只有%d个", h.maxSSTCell, h.maxSST+1, strs)})
		}
		if h.maxStyle > 0 && h.maxStyle >= xfs {
			sc.col.add(h.part, gyqc.Problem{Sheet: h.part, Cell: string(h.maxStyleCell), Rule: RuleSheetStyle, Fix: fixCrafted,
				Message: fmt.Sprintf("单元格%s引用了第%d种单元格格式，但文件中只有%d种", h.maxStyleCell, h.maxStyle+1, xfs)})
		}
	}
}

// nameSheets replaces the part names in sheet problems by the names the workbook gives the
// sheets, which are what a clerk sees on the tabs.
func (sc *pkgScan) nameSheets() {
	names := map[string]string{}
	for part, wb := range sc.books {
		dir := path.Dir(part)
		rels := sc.rels[path.Join(dir, "_rels", path.Base(part)+".rels")]
		if rels == nil {
			continue
		}
		for _, sh := range wb.sheets {
			target, ok := rels.targets[sh.rid]
			if !ok {
				continue
			}
			if strings.HasPrefix(target, "/") {
				target = target[1:]
			} else {
				target = path.Join(dir, target)
			}
			names[strings.ToLower(target)] = sh.name
		}
	}
	for i, p := range sc.col.probs {
		if name, ok := names[strings.ToLower(p.Sheet)]; ok && p.Sheet != "" {
			sc.col.probs[i].Sheet = name
		}
	}
}
