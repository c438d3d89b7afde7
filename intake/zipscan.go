package intake

import (
	"archive/zip"
	"bytes"
	"cmp"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
)

// copyBufs holds the buffers parts are streamed through, reused across files.
var copyBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// scanners holds xmlScanners with their tag buffers, reused across files.
var scanners = sync.Pool{New: func() any { return &xmlScanner{} }}

// pkgScan is the pre-scan of one zip package: every entry is read to its end through a
// CRC-checking reader, with caps on sizes and ratio; XML parts are checked as they stream.
type pkgScan struct {
	lim    Limits
	col    *collector
	zr     *zip.Reader
	size   int64                // of the file
	byName map[string]*zip.File // lower-cased name to entry

	types     typesHook
	xml       *xmlScanner
	buf       []byte
	total     int64 // bytes inflated so far
	sheets    []*sheetHook
	ssts      []*sstHook
	xfs       []*countHook
	books     map[string]*workbookHook // by part name
	rels      map[string]*relsHook     // by part name
	macroApp  bool                     // the workbook's content type is macro-enabled
	typesPart *zip.File                // [Content_Types].xml, read first by classify
	partsBad  bool                     // some part could not be read or scanned whole
	kept      map[string][]byte        // XML parts kept whole (InspectParts), by entry name; nil: none
	keptSize  int64                    // their total size
}

// Sentinel errors that stop the copy of a part.
var (
	errPartSize = errors.New("part too large")
	errRatio    = errors.New("ratio too high")
	errXMLFault = errors.New("XML part refused")
)

// scanZip runs the pre-scan of a file that starts like a zip. When kept is not nil, the XML
// parts read whole and sound are kept in it, up to lim.XMLMemory bytes in all.
func scanZip(data []byte, lim Limits, col *collector, kept map[string][]byte) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		col.errorf("", RuleZipCorrupt, "", fixResend, "文件已损坏或不完整（无法读取压缩包目录），可能是下载或发送中断")
		return
	}
	if n := len(zr.File); n > lim.MaxEntries {
		col.errorf("", RuleZipEntries, "", fixCrafted, "文件包含%d个部件，超过上限%d个，不是正常的报表文件", n, lim.MaxEntries)
		return
	}
	sc := &pkgScan{lim: lim, col: col, zr: zr, size: int64(len(data)), byName: make(map[string]*zip.File, len(zr.File)),
		books: map[string]*workbookHook{}, rels: map[string]*relsHook{}, kept: kept}
	sc.types = typesHook{parts: map[string]string{}, exts: map[string]string{}}
	bp := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(bp)
	sc.buf = *bp
	sc.xml = scanners.Get().(*xmlScanner)
	defer scanners.Put(sc.xml)

	// Names first, so that they are reported even when the kind of file ends the scan.
	sc.checkNames()
	// What kind of package is it? A Word document or an .ods needs no further reading.
	if p := sc.classify(); p != nil {
		col.add("", *p)
		return
	}
	// Declared sizes, before inflating anything.
	if !sc.checkDeclared() {
		return
	}
	// Every entry to its end, the shared strings first: the sheets' cells that use an
	// over-long string are then named as they stream past.
	entries := slices.Clone(zr.File)
	slices.SortStableFunc(entries, func(a, b *zip.File) int {
		return cmp.Compare(sharedStringsFirst(a.Name), sharedStringsFirst(b.Name))
	})
	for _, f := range entries {
		if f == sc.typesPart {
			continue
		}
		if !sc.readEntry(f) {
			break
		}
	}
	sc.checkStrings()
	sc.crossCheck()
	sc.nameSheets()
	sc.reportActive()
}

// keeps reports whether the part is to be kept whole: an XML part (by its name), when parts
// are kept at all and it fits in what is left of the budget.
func (sc *pkgScan) keeps(f *zip.File) bool {
	if sc.kept == nil || xmlMode(strings.ToLower(f.Name)) == modeBinary {
		return false
	}
	return sc.keptSize+int64(min(f.UncompressedSize64, 1<<62)) <= sc.lim.XMLMemory
}

// sharedStringsFirst orders the entries of a package: the shared strings part (by its
// usual name) before every other.
func sharedStringsFirst(name string) int {
	if strings.HasSuffix(strings.ToLower(name), "sharedstrings.xml") {
		return 0
	}
	return 1
}

// checkNames refuses entry names that are not local relative paths and duplicates, also
// those that differ only in case or in the direction of their slashes.
func (sc *pkgScan) checkNames() {
	for _, f := range sc.zr.File {
		if !localName(f.Name) {
			sc.col.errorf("names", RuleZipName, "", fixCrafted,
				"压缩包内的部件名“%s”不合法（含“..”、绝对路径、反斜杠或盘符），疑似恶意文件", short([]byte(f.Name)))
		}
		key := strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))
		if first, dup := sc.byName[key]; dup {
			sc.col.errorf("names", RuleZipDup, "", fixCrafted,
				"压缩包内有重复的部件“%s”（与“%s”同名或仅大小写不同），无法确定应读取哪一个", short([]byte(f.Name)), short([]byte(first.Name)))
			continue
		}
		sc.byName[key] = f
	}
}

// localName reports whether a zip entry name is a relative path that stays inside the
// package: no leading slash, no backslash, no drive letter, no "." or ".." element, no
// empty element, no control characters.
func localName(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.ContainsAny(name, `\:`) {
		return false
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7F {
			return false
		}
	}
	rest := strings.TrimSuffix(name, "/")
	for {
		el, after, more := strings.Cut(rest, "/")
		if el == "" || el == "." || el == ".." {
			return false
		}
		if !more {
			return true
		}
		rest = after
	}
}

// checkDeclared checks the sizes every entry declares, where its data lies, and its
// compression method and encryption flag. It returns false when nothing should be inflated.
func (sc *pkgScan) checkDeclared() bool {
	lim, ok := sc.lim, true
	var total uint64
	for _, f := range sc.zr.File {
		size := f.UncompressedSize64
		total += size
		switch {
		case f.CompressedSize64 > uint64(sc.size):
			sc.col.errorf(f.Name, RuleZipCorrupt, "", fixResend, "文件已损坏或不完整：部件“%s”声明的压缩大小超过了文件本身", f.Name)
			ok = false
		case size > uint64(lim.MaxEntrySize):
			sc.col.errorf(f.Name, RuleZipSize, "", fixCrafted, "部件“%s”解压后有%s，超过单个部件的上限%s，疑似“压缩炸弹”",
				f.Name, size64(size), size64(uint64(lim.MaxEntrySize)))
			ok = false
		case size > uint64(lim.RatioFloor) && size > uint64(lim.MaxRatio)*f.CompressedSize64:
			sc.col.errorf(f.Name, RuleZipRatio, "", fixCrafted, "部件“%s”的压缩比异常（约%d:1，上限%d:1），疑似“压缩炸弹”",
				f.Name, size/max(f.CompressedSize64, 1), lim.MaxRatio)
			ok = false
		}
		if f.Flags&0x1 != 0 {
			sc.col.errorf(f.Name, RuleZipEncrypt, "", "请不要给文件或压缩包设置密码，另存为不带密码的 .xlsx 后重新报送",
				"文件中的部件“%s”设置了压缩包密码，无法读取", f.Name)
			ok = false
		}
		if f.Method != zip.Store && f.Method != zip.Deflate {
			sc.col.errorf(f.Name, RuleZipMethod, "", fixResave, "部件“%s”使用了不支持的压缩方式（编号%d）", f.Name, f.Method)
			ok = false
		}
	}
	if !sc.checkOverlap() {
		ok = false
	}
	if total > uint64(lim.MaxTotalSize) {
		sc.col.errorf("", RuleZipTotal, "", fixCrafted, "文件解压后的总大小为%s，超过上限%s，疑似“压缩炸弹”",
			size64(total), size64(uint64(lim.MaxTotalSize)))
		ok = false
	}
	return ok
}

// checkOverlap refuses entries whose compressed data overlap: a package whose entries all
// point at the same data inflates it again and again (a "non-recursive" zip bomb), and no
// program that writes workbooks does it.
func (sc *pkgScan) checkOverlap() bool {
	type span struct {
		from, to int64
		name     string
	}
	spans := make([]span, 0, len(sc.zr.File))
	for _, f := range sc.zr.File {
		off, err := f.DataOffset()
		if err != nil {
			sc.col.errorf(f.Name, RuleZipCorrupt, "", fixResend, "文件已损坏或不完整：找不到部件“%s”的数据", f.Name)
			return false
		}
		if f.CompressedSize64 > 0 {
			spans = append(spans, span{off, off + int64(f.CompressedSize64), f.Name})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.from, b.from) })
	for i := 1; i < len(spans); i++ {
		if spans[i].from < spans[i-1].to {
			sc.col.errorf("", RuleZipOverlap, "", fixCrafted, "部件“%s”与“%s”的数据相互重叠，疑似“压缩炸弹”",
				spans[i].name, spans[i-1].name)
			return false
		}
	}
	return true
}

// size64 is size for unsigned counts.
func size64(n uint64) string {
	if n > 1<<62 {
		n = 1 << 62
	}
	return size(int64(n))
}

// readEntry reads one entry to its end, checking XML parts on the way. It returns false
// when the scan must stop (the package's total size was passed).
func (sc *pkgScan) readEntry(f *zip.File) bool {
	m := meter{max: sc.lim.MaxEntrySize, ratio: sc.lim.MaxRatio, floor: sc.lim.RatioFloor,
		compressed: int64(min(f.CompressedSize64, 1<<62))}
	stop := sc.lim.MaxTotalSize - sc.total
	if stop < m.max {
		m.max, m.overTotal = stop, true
	}
	lower := strings.ToLower(f.Name)
	sc.xml.hook = nil
	switch xmlMode(lower) {
	case modeXML:
		sc.xml.reset(f.Name, sc.lim.MaxXMLDepth, !strings.HasSuffix(lower, ".vml"), sc.picker(f.Name))
		m.xml, m.mode = sc.xml, modeXML
	case modeSniff:
		sc.xml.reset(f.Name, sc.lim.MaxXMLDepth, true, sc.picker(f.Name))
		m.xml, m.mode = sc.xml, modeSniff
	}
	var part []byte
	if sc.keeps(f) {
		part = make([]byte, 0, f.UncompressedSize64)
		m.keep = &part
	}
	rc, err := f.Open()
	if err == nil {
		_, err = io.CopyBuffer(&m, rc, sc.buf)
		rc.Close()
		if errors.Is(err, errXMLFault) {
			err = nil // reported below as the part's fault
		}
	}
	if m.keep != nil && err == nil && m.mode == modeXML && sc.xml.fault == "" {
		sc.kept[f.Name] = part
		sc.keptSize += int64(len(part))
	}
	sc.total += m.n
	if err != nil || m.mode != modeBinary && sc.xml.finish() != "" {
		sc.partsBad = true
	}
	if _, ok := sc.xml.hook.(*sstHook); ok && m.n > sc.lim.MaxSharedStringsSize {
		sc.col.errorf(f.Name, RuleStrings, "", fixCrafted, "共享字符串部件“%s”解压后有%s，超过上限%s，不是正常的报表",
			f.Name, size(m.n), size(sc.lim.MaxSharedStringsSize))
	}
	switch {
	case m.overTotal && errors.Is(err, errPartSize):
		sc.col.errorf("", RuleZipTotal, "", fixCrafted, "文件解压后的总大小超过上限%s，疑似“压缩炸弹”", size(sc.lim.MaxTotalSize))
		return false
	case errors.Is(err, errPartSize):
		sc.col.errorf(f.Name, RuleZipSize, "", fixCrafted, "部件“%s”解压后超过单个部件的上限%s，疑似“压缩炸弹”",
			f.Name, size(sc.lim.MaxEntrySize))
	case errors.Is(err, errRatio):
		sc.col.errorf(f.Name, RuleZipRatio, "", fixCrafted, "部件“%s”的压缩比异常（超过%d:1），疑似“压缩炸弹”",
			f.Name, sc.lim.MaxRatio)
	case err != nil:
		sc.col.errorf(f.Name, RuleZipCorrupt, "", fixResend, "文件已损坏或不完整：部件“%s”%s", f.Name, corruption(err))
	case m.mode != modeBinary:
		if sc.xml.finish() != "" {
			fix := fixCrafted
			if sc.xml.fault == RuleXMLSyntax {
				fix = fixResave
			}
			sc.col.errorf(f.Name, sc.xml.fault, "", fix, "%s", sc.xml.faultMsg)
		}
	}
	return true
}

// picker returns the function that chooses the hook of a part by its root element.
func (sc *pkgScan) picker(part string) func([]byte) xmlHook {
	return func(root []byte) xmlHook {
		switch string(root) {
		case "worksheet":
			h := newSheetHook(part, &sc.lim, sc.col, sc.longString)
			sc.sheets = append(sc.sheets, h)
			return h
		case "sst":
			h := newSSTHook(&sc.lim)
			sc.ssts = append(sc.ssts, h)
			return h
		case "styleSheet":
			h := &countHook{parent: "cellXfs", child: "xf"}
			sc.xfs = append(sc.xfs, h)
			return h
		case "workbook":
			h := &workbookHook{}
			sc.books[part] = h
			return h
		case "Relationships":
			h := &relsHook{}
			sc.rels[part] = h
			return h
		}
		return nil
	}
}
