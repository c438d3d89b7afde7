package portal

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameBytes bounds the name of an uploaded file as it is shown and recorded.
const maxNameBytes = 120

// uploadName turns the file name a browser sent into a name to show and record: the last
// element of any path (either slash), without control or invisible characters, characters
// file systems refuse, leading dots or more than maxNameBytes bytes, keeping the extension.
// It is never used to find a file: uploads are kept under their SHA-256.
func uploadName(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r),
			strings.ContainsRune(`<>:"|?*`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	s = strings.TrimSpace(strings.TrimLeft(b.String(), ". "))
	if len(s) > maxNameBytes {
		ext := ""
		if i := strings.LastIndexByte(s, '.'); i >= 0 && len(s)-i <= 8 {
			ext = s[i:]
		}
		cut := maxNameBytes - len(ext)
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + ext
	}
	if s == "" || s == "." || s == ".." {
		return "上传文件.xlsx"
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
