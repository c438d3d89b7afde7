package portal

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/render"
	"github.com/qianjiang/gyqc/review"
	"github.com/qianjiang/gyqc/store"
)

// SettingBaseURL is the workspace setting holding the address the portal was last served at;
// `gyqc links` uses it as its default base.
const SettingBaseURL = "portal.base_url"

// Config is what the portal serves and how.
type Config struct {
	Workspace string
	// Plan is the plan when the workspace keeps no version; the portal otherwise follows
	// the workspace's versions like the command line (versions.go).
	Plan *gyqc.Plan
	// Explicit says Plan was given explicitly (--plan/--units): it then judges every period,
	// whatever versions the workspace keeps.
	Explicit bool
	// BaseURL is how units and the office reach the portal, such as http://10.1.2.3:8080:
	// the links shown on the office pages start with it.
	BaseURL string
	// Period is the period the office pages open on; zero: the latest period that has
	// ended (the one being reported), within the plan.
	Period gyqc.Period
	// OfficePassword, when set, opens the office pages besides the office token.
	OfficePassword string
	// TLS says the portal is served over HTTPS: cookies are then Secure.
	TLS bool
	// Now is the server's clock, the received time of every upload; nil: time.Now.
	Now    func() time.Time
	Limits intake.Limits
	Checks review.Options
	Fonts  render.FontOptions // for the briefing
	// Log receives one line per upload, office action and failure; nil: none.
	Log io.Writer
	// MaxOfficeFiles caps the files of one office upload; 0: 200.
	MaxOfficeFiles int
	// WriteWait is how long an upload waits for other processes using the workspace; 0: 2
	// minutes.
	WriteWait time.Duration
	// BodyIdle is how long a request body may stall before the upload is dropped; 0: 30 s.
	BodyIdle time.Duration
}

// Server is the portal. Serve its Handler with an http.Server, and Close it after the
// http.Server has shut down.
type Server struct {
	cfg     Config
	vers    *versions // the plan versions (versions.go): use active and planOf
	gate    *gate
	links   *Links
	recv    *receiver
	pages   *pages
	keys    sessionKeys
	seal    []byte // the key sealing the templates the portal hands out (templates.Seal)
	logins  *limiter
	outputs chan struct{} // one heavy output (汇总表, briefing) at a time
	bodies  chan struct{} // request bodies being received at once
	logMu   sync.Mutex
}

// Limits of requests.
const (
	maxBodies     = 32      // request bodies received at once; more wait
	formOverhead  = 1 << 20 // multipart headers and small fields around the files
	maxSmallForm  = 64 << 10
	maxOfficeBody = 512 << 20
)

// New opens the workspace once (creating it and its secret when needed), records the base
// address and returns the portal.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Plan == nil {
		return nil, fmt.Errorf("portal: no plan")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxOfficeFiles <= 0 {
		cfg.MaxOfficeFiles = 200
	}
	if cfg.WriteWait <= 0 {
		cfg.WriteWait = 2 * time.Minute
	}
	if cfg.BodyIdle <= 0 {
		cfg.BodyIdle = 30 * time.Second
	}
	cfg.Limits = withDefaultSize(cfg.Limits)
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	st, err := store.Open(ctx, cfg.Workspace, store.ReadWrite)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	linkKey, err := st.Secret(ctx, KeyPurpose)
	if err != nil {
		return nil, err
	}
	seal, err := st.SealKey(ctx)
	if err != nil {
		return nil, err
	}
	keys, err := newSessionKeys(ctx, st)
	if err != nil {
		return nil, err
	}
	rot, err := st.Rotations(ctx)
	if err != nil {
		return nil, err
	}
	if cfg.BaseURL != "" {
		if err := st.SetSetting(ctx, SettingBaseURL, cfg.BaseURL); err != nil {
			return nil, err
		}
	}
	pg, err := newPages()
	if err != nil {
		return nil, err
	}
	g := &gate{dir: cfg.Workspace, wait: cfg.WriteWait}
	vers := newVersions(cfg.Plan, cfg.Explicit)
	if _, err := vers.refresh(ctx, st); err != nil {
		return nil, err
	}
	periods, planOf := vers.periods()
	s := &Server{cfg: cfg, vers: vers, gate: g, links: NewVersionLinks(periods, planOf, linkKey, rot), pages: pg, keys: keys, seal: seal,
		logins: newLimiter(5, 15*time.Minute), outputs: make(chan struct{}, 1), bodies: make(chan struct{}, maxBodies)}
	s.recv = newReceiver(vers, g, collect.Options{Workspace: cfg.Workspace, Limits: cfg.Limits, Checks: cfg.Checks}, cfg.Now)
	return s, nil
}

// active returns the plan the portal works with outside a period: the workspace's active
// version, else Config.Plan.
func (s *Server) active() *gyqc.Plan { return s.vers.current() }

// planOf returns the plan version period is judged under, as the command line takes it.
func (s *Server) planOf(p gyqc.Period) *gyqc.Plan { return s.vers.of(p) }

// syncVersions loads the plan versions again when the workspace's record of them changed
// (another process activated a version or issued a period), and derives the links anew.
func (s *Server) syncVersions(ctx context.Context, st *store.Store) error {
	changed, err := s.vers.refresh(ctx, st)
	if changed {
		s.links.Reset(s.vers.periods())
	}
	return err
}

// withDefaultSize fills the file size limit, which the portal needs to bound request bodies.
func withDefaultSize(l intake.Limits) intake.Limits {
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = intake.DefaultLimits().MaxFileSize
	}
	return l
}

// Close stops taking uploads and returns once every upload received is collected. Call it
// after the http.Server has shut down (which waits for the requests in progress).
func (s *Server) Close() { s.recv.close() }

// HTTPServer returns an http.Server for the portal with the timeouts a public-facing server
// needs: headers must arrive within 10 s (slow-loris clients are cut off), request bodies may
// not stall (Config.BodyIdle), idle connections are closed after 2 minutes, headers are
// capped at 32 KB. Request contexts are not cancelled by the caller's shutdown signal, so
// uploads in progress finish during a graceful shutdown.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: 32 << 10, BaseContext: func(net.Listener) context.Context { return context.Background() }}
}

// Links returns the portal's links.
func (s *Server) Links() *Links { return s.links }

// Handler returns the portal's HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /static/{name}", s.static)
	mux.HandleFunc("GET /u/{token}", s.unitRedirect)
	mux.HandleFunc("GET /u/{token}/{$}", s.unitHome)
	mux.HandleFunc("GET /u/{token}/template", s.unitTemplate)
	mux.HandleFunc("POST /u/{token}/upload", s.unitUpload)
	mux.HandleFunc("GET /u/{token}/v/{version}/{$}", s.unitVersion)
	mux.HandleFunc("GET /u/{token}/v/{version}/{kind}", s.unitVersionFile)
	mux.HandleFunc("GET /u/{token}/x/{id}/{$}", s.unitAttempt)
	mux.HandleFunc("GET /u/{token}/x/{id}/{kind}", s.unitAttemptFile)
	s.officeRoutes(mux)
	mux.HandleFunc("/", s.notFound)
	return s.secure(mux)
}

// secure sets the headers every answer carries and turns a panic into a plain 500 page.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "+
			"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if s.cfg.TLS {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logf("内部错误 %s %s：%v", r.Method, r.URL.Path, v)
				s.fail(w, r, http.StatusInternalServerError, "服务器内部错误", "请稍后再试；如果一直出现，请联系领导小组办公室。")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// logf writes one line to the log.
func (s *Server) logf(format string, args ...any) {
	if s.cfg.Log == nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.cfg.Log, "%s %s\n", s.cfg.Now().In(s.active().Location()).Format("2006-01-02 15:04:05"), fmt.Sprintf(format, args...))
}

// home says what the portal is and where to go; it lists nothing.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "home", &basePage{Title: "报送平台"})
}

// notFound answers every unknown path, and every unknown or revoked link, the same way.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, "链接无效",
		"这个链接不存在或已经失效。请使用领导小组办公室发给本单位的最新报送链接；如已遗失，请联系办公室重新获取。")
}

// fail answers with an error page, or JSON when the client asked for JSON.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, title, msg string) {
	if wantsJSON(r) {
		writeJSON(w, code, map[string]string{"error": title, "message": msg})
		return
	}
	s.render(w, r, code, "error", &errorPage{basePage: basePage{Title: title}, Message: msg})
}

// acquire takes a place in slots (release gives it back), waiting while all are taken;
// false when the request ends first.
func acquire(ctx context.Context, slots chan struct{}) bool {
	select {
	case slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

// release gives back a place acquire took.
func release(slots chan struct{}) { <-slots }

// busy answers when the workspace is held by another process for longer than a read waits.
func (s *Server) busy(w http.ResponseWriter, r *http.Request, err error) {
	if gyqc.ErrorCode(err) == gyqc.EBusy {
		w.Header().Set("Retry-After", "10")
		s.fail(w, r, http.StatusServiceUnavailable, "系统正忙", "办公室正在处理数据，请过一会儿刷新本页面。")
		return
	}
	s.logf("内部错误 %s %s：%v", r.Method, r.URL.Path, err)
	s.fail(w, r, http.StatusInternalServerError, "服务器内部错误", "请稍后再试；如果一直出现，请联系领导小组办公室。")
}

// remote returns the client address for the audit trail.
func remote(r *http.Request) string { return r.RemoteAddr }
