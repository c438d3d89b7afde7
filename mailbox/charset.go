package mailbox

import (
	"fmt"
	"io"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// lookupCharset returns the encoding of a MIME charset label (gb2312, GBK, gb18030, big5,
// utf-8, iso-8859-1, …), by the WHATWG table first (which reads gb2312 as GBK, as mail
// clients mean it), then IANA's.
func lookupCharset(label string) (encoding.Encoding, error) {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if a, ok := charsetAliases[label]; ok {
		label = a
	}
	if e, err := htmlindex.Get(label); err == nil {
		return e, nil
	}
	e, err := ianaindex.MIME.Encoding(label)
	if err != nil || e == nil {
		return nil, fmt.Errorf("unknown charset %q", label)
	}
	return e, nil
}

// charsetAliases are labels mail programs write that neither table knows: Python's email
// package writes eucgb2312_cn and big5_tw, Windows programs cp936 and cp950.
var charsetAliases = map[string]string{
	"eucgb2312_cn": "gbk", "euc-cn": "gbk", "euccn": "gbk", "cp936": "gbk", "ms936": "gbk", "windows-936": "gbk",
	"gb2312-80": "gbk", "gb18030-2000": "gb18030", "gb18030-2005": "gb18030",
	"big5_tw": "big5", "big5-tw": "big5", "big5hkscs": "big5", "cp950": "big5", "ms950": "big5", "windows-950": "big5",
}

// charsetReader is the CharsetReader of the word decoder: it reads input in charset.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	e, err := lookupCharset(charset)
	if err != nil {
		return nil, err
	}
	return e.NewDecoder().Reader(input), nil
}

// words decodes RFC 2047 encoded words in any charset lookupCharset knows.
var words = &mime.WordDecoder{CharsetReader: charsetReader}

// decodeText decodes data in charset to UTF-8. An empty or unknown charset keeps UTF-8
// as it is and reads anything else as GB18030, the superset of what Chinese mail
// programs send unlabelled.
func decodeText(data []byte, charset string) string {
	if charset != "" {
		if e, err := lookupCharset(charset); err == nil {
			if out, err := e.NewDecoder().Bytes(data); err == nil {
				return string(out)
			}
		}
	}
	return rawText(data)
}

// rawText reads bytes of no declared charset: UTF-8 when valid, else GB18030.
func rawText(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	if out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil {
		return string(out)
	}
	return strings.ToValidUTF8(string(data), "\uFFFD")
}

// decodeHeader decodes a header value: RFC 2047 encoded words in any known charset, and
// raw 8-bit text (UTF-8, else GB18030). A word in an unknown charset is left as it is.
func decodeHeader(v string) string {
	v = rawText([]byte(v))
	if !strings.Contains(v, "=?") {
		return v
	}
	if out, err := words.DecodeHeader(v); err == nil {
		return out
	}
	return v
}

// ext2231 matches the first segment of an RFC 2231 extended parameter, such as
// filename*=gbk'zh'%B1%A8 or filename*0*="gb18030'zh'%B1": name, opening quote, charset.
var ext2231 = regexp.MustCompile(`(?i)(?:^|;)\s*([a-z0-9!#$&+.^_` + "`" + `|~-]+)\*(?:0\*)?\s*=\s*("?)([^'";\s]*)'`)

// mediaType parses a Content-Type or Content-Disposition value. It is mime.ParseMediaType
// plus RFC 2231 values in charsets it leaves out (it knows only UTF-8 and US-ASCII): their
// label is read, the value decoded from it, and the bytes transcoded to UTF-8.
func mediaType(v string) (string, map[string]string, error) {
	charsets := map[string]string{}
	v = ext2231.ReplaceAllStringFunc(v, func(m string) string {
		sub := ext2231.FindStringSubmatch(m)
		cs := strings.ToLower(sub[3])
		if cs == "" || cs == "utf-8" || cs == "us-ascii" {
			return m
		}
		charsets[strings.ToLower(sub[1])] = cs
		// Let ParseMediaType assemble the raw bytes of every segment, then transcode.
		return m[:len(m)-len(sub[3])-1] + "utf-8'"
	})
	mt, params, err := mime.ParseMediaType(v)
	if err != nil && err != mime.ErrInvalidMediaParameter {
		return "", nil, err
	}
	for k, cs := range charsets {
		if raw, ok := params[k]; ok {
			params[k] = decodeText([]byte(raw), cs)
		}
	}
	for k, s := range params {
		if !utf8.ValidString(s) {
			params[k] = rawText([]byte(s))
		}
	}
	return strings.ToLower(mt), params, nil
}

// fileName returns the decoded file name of a part: Content-Disposition's filename, else
// Content-Type's name; encoded words inside are decoded (most Chinese clients write
// filename="=?GB2312?B?…?=").
func fileName(disp, ctype map[string]string) string {
	name := disp["filename"]
	if name == "" {
		name = ctype["name"]
	}
	name = strings.TrimSpace(decodeHeader(name))
	// Keep the last path element only: names like "..\a.xlsx" or "/x/a.xlsx" are names.
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
}
