package portal

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed web/*.html web/static/*
var web embed.FS

// pages holds the parsed page templates and the static files, all embedded.
type pages struct {
	set     map[string]*template.Template
	static  map[string][]byte
	version string // a digest of the static files, to bust caches
}

// pageNames are the templates of whole pages; each is parsed with layout.html.
var pageNames = []string{"home", "error", "unit", "result", "login", "board", "officeunit", "officeupload", "links", "remind", "log"}

func newPages() (*pages, error) {
	p := &pages{set: map[string]*template.Template{}, static: map[string][]byte{}}
	h := sha256.New()
	for _, name := range []string{"style.css", "app.js"} {
		b, err := fs.ReadFile(web, "web/static/"+name)
		if err != nil {
			return nil, err
		}
		p.static[name] = b
		h.Write(b)
	}
	p.version = hex.EncodeToString(h.Sum(nil))[:12]
	funcs := template.FuncMap{"static": func(name string) string { return "/static/" + name + "?v=" + p.version }}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(web, "web/layout.html", "web/parts.html")
	if err != nil {
		return nil, err
	}
	for _, name := range pageNames {
		t, err := template.Must(layout.Clone()).ParseFS(web, "web/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", name, err)
		}
		p.set[name] = t
	}
	return p, nil
}

// page is what every page view offers the layout.
type page interface{ base() *basePage }

// render writes a page. It renders into a buffer first, so that a template error never
// leaves half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, v page) {
	b := v.base()
	if b.Site == "" {
		b.Site = siteName(s.active().Title)
	}
	var buf bytes.Buffer
	if err := s.pages.set[name].ExecuteTemplate(&buf, "layout", v); err != nil {
		s.logf("页面 %s 出错：%v", name, err)
		http.Error(w, "服务器内部错误", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// siteName is the portal's name from the plan's title.
func siteName(title string) string {
	title = strings.TrimSuffix(strings.TrimSpace(title), "实施方案")
	if title == "" {
		return "月度报送平台"
	}
	return title + " 月度报送"
}

// static serves the embedded style sheet and script; any other name is not found.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	b, ok := s.pages.static[name]
	if !ok {
		s.notFound(w, r)
		return
	}
	ctype := "text/css; charset=utf-8"
	if strings.HasSuffix(name, ".js") {
		ctype = "text/javascript; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(b)
}

// renderPart writes one named template of a page's set alone (a fragment the page's script
// fetches).
func (s *Server) renderPart(w http.ResponseWriter, r *http.Request, set, name string, v any) {
	var buf bytes.Buffer
	if err := s.pages.set[set].ExecuteTemplate(&buf, name, v); err != nil {
		s.logf("页面 %s/%s 出错：%v", set, name, err)
		http.Error(w, "服务器内部错误", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	noStore(w)
	w.Write(buf.Bytes())
}
