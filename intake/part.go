package intake

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"path"
	"strings"
)

// corruption says in Chinese what is wrong with a part that could not be read to its end.
func corruption(err error) string {
	var ce flate.CorruptInputError
	switch {
	case errors.Is(err, zip.ErrChecksum):
		return "的校验码不符（CRC 错误），内容已被改动或损坏"
	case errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF):
		return "的实际长度与声明的不符，数据被截断或已损坏"
	case errors.As(err, &ce):
		return "的压缩数据已损坏"
	case errors.Is(err, zip.ErrAlgorithm):
		return "使用了不支持的压缩方式"
	}
	return "无法读取（" + err.Error() + "）"
}

// Ways a part is read.
const (
	modeBinary = iota // counted only
	modeXML           // scanned as XML
	modeSniff         // scanned as XML if it starts like XML
)

// xmlMode decides how a part is read from its lower-cased name. Excel reads XML parts
// whatever their extension, so parts with unknown extensions are sniffed; media (pictures,
// including SVG, which may carry a harmless DOCTYPE) are only counted.
func xmlMode(lower string) int {
	ext := path.Ext(lower)
	switch {
	case ext == ".xml" || ext == ".rels" || ext == ".vml":
		return modeXML
	case strings.Contains(lower, "/media/"), strings.HasSuffix(lower, "/"):
		return modeBinary
	}
	switch ext {
	case ".bin", ".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf", ".svg", ".tif", ".tiff", ".bmp":
		return modeBinary
	}
	return modeSniff
}

// meter counts the inflated bytes of a part, stops the copy when a limit is passed, and
// hands the bytes to the XML scanner when the part is XML.
type meter struct {
	n, max, compressed, ratio, floor int64
	overTotal                        bool // max is the rest of the package's total
	mode                             int
	xml                              *xmlScanner
	keep                             *[]byte // when set, the bytes of an XML part are kept here
}

func (m *meter) Write(p []byte) (int, error) {
	m.n += int64(len(p))
	switch {
	case m.n > m.max:
		return 0, errPartSize
	case m.n > m.floor && m.n > m.ratio*m.compressed:
		return 0, errRatio
	}
	if m.mode == modeSniff {
		t := bytes.TrimLeft(bytes.TrimPrefix(p, bomUTF8), " \t\r\n")
		switch {
		case len(t) == 0:
			return len(p), nil // undecided yet
		case t[0] == '<':
			m.mode = modeXML
		default:
			m.mode = modeBinary
		}
	}
	if m.mode == modeXML {
		if m.keep != nil {
			*m.keep = append(*m.keep, p...)
		}
		m.xml.Write(p)
		if m.xml.fault != "" {
			return len(p), errXMLFault // the part is refused: inflating the rest is wasted
		}
	}
	return len(p), nil
}
