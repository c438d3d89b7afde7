package portal

import (
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/qianjiang/gyqc/internal/jsonlist"
)

// Content types of downloads.
const (
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	pdfType  = "application/pdf"
)

// download sends data as a file to save, under a Chinese file name (RFC 6266 filename*, with
// an ASCII fallback for old browsers).
func download(w http.ResponseWriter, name, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", disposition(name))
	noStore(w)
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}

// disposition is the Content-Disposition of an attachment named name.
func disposition(name string) string {
	ascii := make([]rune, 0, len(name))
	for _, r := range name {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' || r == ';' {
			r = '_'
		}
		ascii = append(ascii, r)
	}
	v := mime.FormatMediaType("attachment", map[string]string{"filename": string(ascii)})
	return v + "; filename*=UTF-8''" + strings.ReplaceAll(url.PathEscape(name), "+", "%2B")
}

// noStore keeps a page out of caches: it may hold a unit's data or a link.
func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }

// wantsJSON reports whether the client asked for JSON (the upload API for scripts).
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// writeJSON answers with v as indented JSON, every empty list as [].
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	noStore(w)
	w.WriteHeader(code)
	jsonlist.Encode(w, v)
}
