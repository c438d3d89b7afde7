package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unsafe"

	"github.com/xuri/excelize/v2"
)

// Book is a workbook read straight from the bytes of an .xlsx package, without excelize: it
// inflates only the parts a returned template needs ([Content_Types].xml, the package and
// workbook relationships, the workbook, the shared strings, the sheets as they are read and
// the document properties) and scans them with the tokenizer, following excelize's rules
// for finding each part and reading each cell (see rowiter.go).
//
// Whatever it does not read exactly as excelize would (a markup construct outside the
// tokenizer's subset, a value excelize fails to decode, a part that cannot be inflated, no
// sheet at all) makes Err return an error wrapping ErrUnsupported, at once or while the rows
// are read; the read is then thrown away and the caller reads the file with excelize.
type Book struct {
	data     []byte               // the package
	files    map[string]*zip.File // entries by the name excelize keys them by
	pkg      map[string][]byte    // or: the parts excelize holds (see OpenFile)
	pre      map[string][]byte    // parts inflated already, by entry name (see Open)
	parts    map[string]string    // parts inflated so far
	inflated int64                // bytes inflated so far
	own      []string             // entries the book inflated itself, not found in pre
	sheets   []zipSheet           // in workbook order
	names    []string             // their names
	sst      []string             // shared strings, as excelize's xlsxSI.String gives them
	cf       *Formats             // number formats of the cell styles and the date system
	fail     error
	tz       tokenizer // reused for the small parts
}

// zipSheet is a sheet the workbook lists.
type zipSheet struct {
	name string
	rid  string // r:id
	part string // worksheet part excelize finds for it, "" when none
}

// Limits of the fast reader. Inspect enforces tighter ones before; these keep the reader
// bounded on its own.
const (
	maxZipPart  = 64 << 20  // inflated size of one part
	maxZipTotal = 128 << 20 // inflated size of the parts read
	// maxSharedStrings is the size from which excelize keeps the shared strings in a
	// temporary file (consolidate's default Limits.XMLMemory) and reads them another way.
	maxSharedStrings = 16 << 20
	maxSheets        = 1000 // sheets of one workbook
)

// Parts excelize reads from fixed names, and namespaces it checks.
const (
	partContentTypes  = "[Content_Types].xml"
	partRels          = "_rels/.rels"
	partSharedStrings = "xl/sharedStrings.xml"
	partCustom        = "docProps/custom.xml"
	partApp           = "docProps/app.xml"

	nsMain          = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsPackageRels   = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsContentTypes  = "http://schemas.openxmlformats.org/package/2006/content-types"
	nsCustomProps   = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
	nsExtendedProps = excelize.NameSpaceExtendedProperties
	nsRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	// strictMarker is in every namespace of Strict Open XML, which excelize rewrites to
	// the transitional ones before decoding; the fast reader leaves such files to it.
	strictMarker = "purl.oclc.org"
)

// ErrUnsupported is wrapped by Err for a file the fast reader does not read exactly as
// excelize does. Such files are rare (markup no spreadsheet program writes, Strict Open
// XML, a non-UTF-8 encoding, values excelize cannot decode): read them with excelize.
var ErrUnsupported = errors.New("the fast reader leaves this workbook to excelize")

// declined says why the fast reader left a file to excelize.
type declined struct{ part, why string }

func (d *declined) Error() string {
	if d.part == "" {
		return ErrUnsupported.Error() + ": " + d.why
	}
	return ErrUnsupported.Error() + ": " + d.part + ": " + d.why
}

func (d *declined) Is(target error) bool { return target == ErrUnsupported }

// decline records the first reason the book cannot be read fast.
func (b *Book) decline(part, why string) {
	if b.fail == nil {
		b.fail = &declined{part: part, why: why}
	}
}

// inflateBufs holds the buffers parts are inflated into, reused across files.
var inflateBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Open reads the structure of the package data: its entries, the workbook part and its
// sheets with the part of each, and the shared strings. pre holds parts inflated already, by
// entry name (as intake.InspectParts keeps them after reading every part whole), or nil: a
// part found there is used as is, never changed, and not inflated again.
func Open(data []byte, pre map[string][]byte) *Book {
	b := &Book{data: data, parts: map[string]string{}, pre: pre}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.decline("", "not a readable zip package ("+err.Error()+")")
		return b
	}
	if !b.index(zr) {
		return b
	}
	b.open()
	return b
}

// open reads the structure of the package once its entries are known.
func (b *Book) open() {
	if !b.checkContentTypes() {
		return
	}
	wbPath := b.workbookPath()
	if b.fail != nil {
		return
	}
	b.readWorkbook(wbPath)
	if b.fail != nil {
		return
	}
	b.readSharedStrings()
	b.readFormats()
}

// OpenFile returns a book over the parts excelize holds in memory for f, the same bytes
// the file had (excelize keeps every part it has not changed as read), so that the cell
// types and styles excelize's row iterator does not give can be read beside it. Parts excelize keeps in temporary files are missing from it.
func OpenFile(f *excelize.File) *Book {
	b := &Book{parts: map[string]string{}, pkg: map[string][]byte{}}
	f.Pkg.Range(func(k, v any) bool {
		name, ok1 := k.(string)
		data, ok2 := v.([]byte)
		if ok1 && ok2 {
			b.pkg[name] = data
		}
		return true
	})
	b.open()
	return b
}

// Formats returns the number formats of the cell styles and the date system, nil when
// they were not read.
func (b *Book) Formats() *Formats { return b.cf }

// Err returns why the book cannot be read as excelize reads it (wrapping ErrUnsupported),
// nil while it can. Check it after opening and again after reading.
func (b *Book) Err() error { return b.fail }

// index keys the entries as excelize does: by name, except that [Content_Types].xml and
// xl/sharedStrings.xml are found whatever their case. Names excelize would rewrite or let
// one entry override another with are left to it.
func (b *Book) index(zr *zip.Reader) bool {
	b.files = make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		name := f.Name
		if strings.Contains(name, `\`) {
			b.decline(name, "backslash in an entry name")
			return false
		}
		switch strings.ToLower(name) {
		case strings.ToLower(partContentTypes):
			name = partContentTypes
		case strings.ToLower(partSharedStrings):
			name = partSharedStrings
		}
		if _, dup := b.files[name]; dup {
			b.decline(name, "two entries of that name")
			return false
		}
		b.files[name] = f
	}
	return true
}

// part returns the inflated text of an entry, reading it on first use; ok is false when the
// package has no such entry. A part that cannot be inflated whole declines the book.
func (b *Book) part(name string) (text string, ok bool) {
	if s, ok := b.parts[name]; ok {
		return s, true
	}
	size, ok := b.size(name)
	if !ok {
		return "", false
	}
	if size > maxZipPart || b.inflated+int64(size) > maxZipTotal {
		b.decline(name, "part too large")
		return "", false
	}
	var why string
	switch {
	case b.pkg != nil:
		text = string(b.pkg[name])
	case b.pre != nil && b.pre[b.files[name].Name] != nil:
		// Read whole, size and checksum checked, by the intake; never changed: used as is.
		pre := b.pre[b.files[name].Name]
		text = unsafe.String(unsafe.SliceData(pre), len(pre))
	default:
		text, why = b.inflate(b.files[name])
		b.own = append(b.own, name)
	}
	if why != "" {
		b.decline(name, why)
		return "", false
	}
	b.inflated += int64(len(text))
	b.parts[name] = text
	return text, true
}

// Inflated returns the entries the book inflated itself, in order: none when every part it
// read was among those Open was given already inflated.
func (b *Book) Inflated() []string { return b.own }

// size returns the inflated size of an entry; ok is false when the package has none.
func (b *Book) size(name string) (uint64, bool) {
	if b.pkg != nil {
		data, ok := b.pkg[name]
		return uint64(len(data)), ok
	}
	f, ok := b.files[name]
	if !ok {
		return 0, false
	}
	return f.UncompressedSize64, true
}

// flateReaders holds decompressors, reused across parts and files.
var flateReaders sync.Pool

// inflate returns the content of an entry, checked against the sizes and checksum the zip
// directory gives, as archive/zip checks them when an entry is read to its end; why says
// what is wrong with it otherwise. It decompresses the entry's bytes in place, without the
// buffered reader archive/zip puts in front of the decompressor.
func (b *Book) inflate(f *zip.File) (text, why string) {
	off, err := f.DataOffset()
	size := int64(min(f.CompressedSize64, 1<<62))
	if err != nil || off < 0 || off > int64(len(b.data)) || size > int64(len(b.data))-off {
		return "", "entry data outside the file"
	}
	if f.Flags&0x1 != 0 {
		return "", "encrypted entry"
	}
	raw := b.data[off : off+size]
	var out []byte
	switch f.Method {
	case zip.Store:
		out = raw
	case zip.Deflate:
		buf := inflateBufs.Get().(*bytes.Buffer)
		defer inflateBufs.Put(buf)
		buf.Reset()
		buf.Grow(int(f.UncompressedSize64))
		fr, _ := flateReaders.Get().(io.ReadCloser)
		if fr == nil {
			fr = flate.NewReader(bytes.NewReader(raw))
		} else if err := fr.(flate.Resetter).Reset(bytes.NewReader(raw), nil); err != nil {
			return "", "cannot inflate the entry (" + err.Error() + ")"
		}
		_, err := io.Copy(buf, io.LimitReader(fr, maxZipPart+1))
		flateReaders.Put(fr)
		if err != nil {
			return "", "cannot inflate the entry (" + err.Error() + ")"
		}
		out = buf.Bytes()
	default:
		return "", "compression method " + strconv.Itoa(int(f.Method))
	}
	switch {
	case uint64(len(out)) != f.UncompressedSize64:
		return "", "entry size differs from the directory"
	case f.CRC32 != 0 && crc32.ChecksumIEEE(out) != f.CRC32:
		return "", "entry checksum differs from the directory"
	}
	return string(out), ""
}

// start scans a part that excelize decodes as a struct up to its root element. It returns
// false, declining the book, when the part is Strict Open XML (excelize rewrites its
// namespaces first) or cannot be scanned; true with the tokenizer on the root's start tag,
// or at the end for a part without elements (which excelize decodes as empty).
func (b *Book) start(name, text string) bool {
	if strings.Contains(text, strictMarker) {
		b.decline(name, "Strict Open XML")
		return false
	}
	t := &b.tz
	t.reset(text, true)
	for {
		switch t.next() {
		case tokEOF:
			if t.fail != "" {
				b.decline(name, t.fail)
				return false
			}
			return true
		case tokStart:
			return true
		}
	}
}

// root is start for a part whose root excelize requires to be local in namespace space
// (it cannot open the file otherwise): another root declines the book.
func (b *Book) root(name, text, local, space string) bool {
	if !b.start(name, text) {
		return false
	}
	if t := &b.tz; t.kind == tokStart && !t.is(local, space) {
		b.decline(name, fmt.Sprintf("root element <%s> is not <%s> in %s", t.local, local, space))
		return false
	}
	return true
}

// finish consumes the rest of the root element and declines the book if the part cannot
// be scanned to its end.
func (b *Book) finish(name string) bool {
	t := &b.tz
	if t.kind == tokStart {
		t.skip()
	}
	if t.fail != "" {
		b.decline(name, t.fail)
		return false
	}
	return true
}

// checkContentTypes checks [Content_Types].xml as excelize decodes it when it first reads
// the shared strings: a root of the wrong kind makes every row unreadable there.
func (b *Book) checkContentTypes() bool {
	text, ok := b.part(partContentTypes)
	if !ok {
		return b.fail == nil
	}
	return b.root(partContentTypes, text, "Types", nsContentTypes) && b.finish(partContentTypes)
}

// SheetList returns the sheet names in workbook order, as excelize's GetSheetList.
func (b *Book) SheetList() []string {
	if b.names == nil {
		b.names = make([]string, len(b.sheets))
		for i, s := range b.sheets {
			b.names[i] = s.name
		}
	}
	return b.names
}

// SheetIndex returns the position of the sheet called name, compared without case, or
// -1, as excelize's GetSheetIndex.
func (b *Book) SheetIndex(name string) int { return sheetIndexIn(b.SheetList(), name) }

// Rows returns an iterator over the rows of a sheet, as excelize's Rows; the errors are
// excelize's own for the same sheet.
func (b *Book) Rows(sheet string) (*Rows, error) {
	if err := checkSheetName(sheet); err != nil {
		return nil, err
	}
	for _, s := range b.sheets {
		if s.part == "" || !strings.EqualFold(s.name, sheet) {
			continue
		}
		text, _ := b.part(s.part)
		return newZipRows(b, s.part, text), nil
	}
	return nil, excelize.ErrSheetNotExist{SheetName: sheet}
}

// checkSheetName is excelize's check of a sheet name given to Rows, with its errors.
func checkSheetName(name string) error {
	if name == "" {
		return excelize.ErrSheetNameBlank
	}
	n := 0
	for _, r := range name {
		n += utf16.RuneLen(r)
	}
	if n > excelize.MaxSheetNameLength {
		return excelize.ErrSheetNameLength
	}
	if strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") {
		return excelize.ErrSheetNameSingleQuote
	}
	if strings.ContainsAny(name, ":\\/?*[]") {
		return excelize.ErrSheetNameInvalid
	}
	return nil
}

// sheetIndexIn is GetSheetIndex over a list of sheet names: the first one equal to name
// without regard to case, or -1 (also for a name excelize refuses as a sheet name).
func sheetIndexIn(list []string, name string) int {
	if checkSheetName(name) != nil {
		return -1
	}
	for i, s := range list {
		if strings.EqualFold(s, name) {
			return i
		}
	}
	return -1
}

// MaxCols is the number of cells of a row the reader reads: a template has a dozen columns.
const MaxCols = 64
