package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
	"github.com/qianjiang/gyqc/templates"
)

// gyqcCommand returns gyqc as another process (the test binary running main) on workspace ws.
func gyqcCommand(ws string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"--workspace", ws}, args...)...)
	cmd.Env = append(os.Environ(), "GYQC_RUN_MAIN=1")
	return cmd
}

// served is `gyqc serve` running as another process.
type served struct {
	t    testing.TB
	cmd  *exec.Cmd
	base string
	out  *bytes.Buffer // stdout after the start lines
	done chan error
}

// startServe starts `gyqc serve` on a free loopback port and waits until it listens.
func startServe(t testing.TB, ws string, args ...string) *served {
	t.Helper()
	cmd := gyqcCommand(ws, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &served{t: t, cmd: cmd, out: &bytes.Buffer{}, done: make(chan error, 1)}
	lines := bufio.NewScanner(stdout)
	ready := make(chan string, 1)
	go func() {
		for lines.Scan() {
			line := lines.Text()
			if rest, ok := strings.CutPrefix(line, "报送平台已启动："); ok {
				ready <- strings.TrimSuffix(rest, "/")
				continue
			}
			s.out.WriteString(line + "\n")
		}
		s.done <- cmd.Wait()
	}()
	select {
	case s.base = <-ready:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("serve did not start:\n%s", stderr.String())
	}
	t.Cleanup(func() { s.stop() })
	return s
}

// stop sends SIGTERM and waits for the process; it returns its error.
func (s *served) stop() error {
	if s.cmd.ProcessState != nil {
		return nil
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		return err
	case <-time.After(60 * time.Second):
		s.cmd.Process.Kill()
		return <-s.done
	}
}

// linksOf returns the links of a period as `gyqc links --json` prints them, by unit code.
func linksOf(t testing.TB, ws, period string) map[string]string {
	t.Helper()
	out, err := gyqcCommand(ws, "links", "--period", period, "--json").Output()
	if err != nil {
		t.Fatalf("links: %v", err)
	}
	var links []struct{ Code, Name, URL string }
	if err := json.Unmarshal(out, &links); err != nil {
		t.Fatalf("links: %v\n%s", err, out)
	}
	m := map[string]string{}
	for _, l := range links {
		m[l.Code] = l.URL
	}
	return m
}

// officeToken returns the office 口令 of a workspace.
func officeToken(t testing.TB, ws string) string {
	t.Helper()
	out, err := gyqcCommand(ws, "links", "--office", "--json").Output()
	if err != nil {
		t.Fatalf("links --office: %v", err)
	}
	var o struct{ URL, Password string }
	json.Unmarshal(out, &o)
	return o.Password
}

// filledReturn is a unit's clean return for the period (samples' generator, seed 7), filled
// into a template as `gyqc issue` writes it; edit changes the return first.
func filledReturn(t testing.TB, ws, unit, period string, edit ...func(*samples.Return)) []byte {
	t.Helper()
	st, err := store.Open(context.Background(), ws, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	key, err := st.VerifyKey(context.Background())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	plan := planfile.Default()
	p := gyqc.MustPeriod(period)
	gen, err := samples.New(plan, 7)
	if err != nil {
		t.Fatal(err)
	}
	ret, err := gen.Return(unit, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edit {
		e(ret)
	}
	var tpl bytes.Buffer
	if _, err := templates.Write(&tpl, plan, plan.Registry.Unit(unit), p, nil, templates.Options{Issued: time.Date(2025, 6, 25, 9, 0, 0, 0, plan.Location()), Key: key}); err != nil {
		t.Fatal(err)
	}
	b, err := samples.Fill(tpl.Bytes(), ret)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// postFile uploads data through a unit link's upload API and decodes the answer.
func postFile(ctx context.Context, link, name string, data []byte) (collect.Result, int, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("file", name)
	w.Write(data)
	mw.Close()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, link+"upload", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return collect.Result{}, 0, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var res collect.Result
	if resp.StatusCode == 200 {
		err = json.Unmarshal(body, &res)
	}
	return res, resp.StatusCode, err
}

// writeFile writes data under dir and returns its path.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
