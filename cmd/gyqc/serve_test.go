package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/samples"
	"github.com/qianjiang/gyqc/store"
)

func TestLinksCommand(t *testing.T) {
	ws := emptyWorkspace(t)
	plan := planfile.Default()
	var first, second strings.Builder
	opts := linksOptions{Workspace: ws, Period: gyqc.MustPeriod("2025-06"), BaseURL: "http://10.1.2.3:8080"}
	if err := runLinks(context.Background(), plan, opts, &first); err != nil {
		t.Fatal(err)
	}
	runLinks(context.Background(), plan, opts, &second)
	if first.String() != second.String() {
		t.Errorf("links differ between two calls")
	}
	if n := strings.Count(first.String(), "http://10.1.2.3:8080/u/"); n != len(plan.ResponsibleUnits()) {
		t.Errorf("%d links, want %d", n, len(plan.ResponsibleUnits()))
	}
	// JSON: [{"code","name","url"}], every url ending in "/".
	var js strings.Builder
	opts.JSON = true
	runLinks(context.Background(), plan, opts, &js)
	var links []map[string]string
	if err := json.Unmarshal([]byte(js.String()), &links); err != nil {
		t.Fatal(err)
	}
	tokens := map[string]string{}
	for _, l := range links {
		if len(l) != 3 || l["code"] == "" || l["name"] == "" || !strings.HasSuffix(l["url"], "/") {
			t.Errorf("entry %v", l)
		}
		tok := strings.TrimSuffix(strings.TrimPrefix(l["url"], "http://10.1.2.3:8080/u/"), "/")
		if len(tok)*5 < 128 {
			t.Errorf("token %q has fewer than 128 bits", tok)
		}
		tokens[l["code"]] = tok
	}
	// Another period, other links; a rotation changes one unit's link only.
	opts.Rotate = []string{"jxw"}
	var rotated strings.Builder
	if err := runLinks(context.Background(), plan, opts, &rotated); err != nil {
		t.Fatal(err)
	}
	links = nil
	json.Unmarshal([]byte(rotated.String()), &links)
	for _, l := range links {
		tok := strings.TrimSuffix(strings.TrimPrefix(l["url"], "http://10.1.2.3:8080/u/"), "/")
		if (tok != tokens[l["code"]]) != (l["code"] == "jxw") {
			t.Errorf("%s: link changed %v", l["code"], tok != tokens[l["code"]])
		}
	}
	// Nothing stored in the workspace holds a token.
	st, _ := store.Open(context.Background(), ws, store.ReadOnly)
	defer st.Close()
	entries, _ := st.AuditLog(context.Background(), gyqc.MustPeriod("2025-06"))
	if len(entries) != 1 || entries[0].Action != gyqc.ActionLink || entries[0].Unit != "jxw" {
		t.Errorf("audit trail %+v", entries)
	}
	data, _ := exec.Command("sh", "-c", "cat "+filepath.Join(ws, store.DatabaseName)+"*").Output()
	for code, tok := range tokens {
		if strings.Contains(string(data), tok) {
			t.Errorf("the workspace stores %s's token", code)
		}
	}
}

func TestLinksUsage(t *testing.T) {
	ws := emptyWorkspace(t)
	cases := []struct {
		Name string
		Args []string
		Code int
	}{
		{"no period", []string{"links"}, exitUsage},
		{"bad base", []string{"links", "--period", "2025-06", "--base-url", "10.1.2.3"}, exitUsage},
		{"unknown unit", []string{"links", "--period", "2025-06", "--rotate", "nosuch"}, exitInvalid},
		{"office", []string{"links", "--office"}, exitOK},
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var out, errOut strings.Builder
			if got := run(context.Background(), append([]string{"gyqc", "--workspace", ws}, c.Args...), &out, &errOut); got != c.Code {
				t.Errorf("exit %d, want %d\n%s%s", got, c.Code, out.String(), errOut.String())
			}
		})
	}
}

// TestServeGracefulShutdown sends SIGTERM while an upload is half sent: the upload is still
// judged, answered and recorded, and the server exits 0.
func TestServeGracefulShutdown(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	s := startServe(t, ws)
	link := linksOf(t, ws, "2025-06")["jxw"]
	data := filledReturn(t, ws, "jxw", "2025-06")
	body, ctype := multipartOf("v1.xlsx", data)
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	path := strings.TrimPrefix(link, s.base)
	fmt.Fprintf(conn, "POST %supload HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", path, ctype, len(body))
	half := len(body) / 2
	conn.Write(body[:half])
	time.Sleep(300 * time.Millisecond)
	s.cmd.Process.Signal(syscall.SIGTERM)
	time.Sleep(300 * time.Millisecond)
	conn.Write(body[half:])
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer after SIGTERM: %v", err)
	}
	var res struct {
		Outcome gyqc.Outcome
		Version int
	}
	json.NewDecoder(resp.Body).Decode(&res)
	if resp.StatusCode != 200 || !res.Outcome.Acceptable() || res.Version != 1 {
		t.Errorf("upload during shutdown: %s %+v", resp.Status, res)
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("serve exited with %v\n%s", err, s.out.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after SIGTERM")
	}
	if !strings.Contains(s.out.String(), "报送平台已停止") {
		t.Errorf("output:\n%s", s.out.String())
	}
	st, err := store.Open(context.Background(), ws, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	subs, _ := st.Submissions(context.Background(), gyqc.MustPeriod("2025-06"), gyqc.MustPeriod("2025-06"))
	log, _ := st.Events(context.Background(), store.EventQuery{Action: "upload"})
	trail, _ := st.AuditLog(context.Background(), gyqc.MustPeriod("2025-06"))
	if len(subs) != 1 || len(log) != 1 || len(trail) != 1 || trail[0].Action != gyqc.ActionUpload {
		t.Errorf("%d submissions, %d portal log entries and audit trail %+v after shutdown, want 1, 1 and 1 upload", len(subs), len(log), trail)
	}
}

// TestServeWithOtherCommands runs collect, status, consolidate, brief and links as other processes
// while the server takes uploads: they all succeed.
func TestServeWithOtherCommands(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	s := startServe(t, ws)
	links := linksOf(t, ws, "2025-06")
	units := []string{"jxw", "fgw", "czj", "swj"}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, u := range units {
		data := filledReturn(t, ws, u, "2025-06")
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil && i < 20; i++ {
				d := append([]byte(nil), data...)
				if i%2 == 1 {
					d = filledReturn(t, ws, u, "2025-06", func(r *samples.Return) { r.Filler.Phone = fmt.Sprintf("1390000%04d", i) })
				}
				if _, code, err := postFile(ctx, links[u], fmt.Sprintf("%s-%d.xlsx", u, i), d); err != nil || code != 200 {
					errs <- fmt.Errorf("upload %s %d: %d %v", u, i, code, err)
				}
			}
		}()
	}
	inbox := filepath.Join(dir, "inbox")
	writeFile(t, inbox, "kjj.xlsx", filledReturn(t, ws, "kjj", "2025-06"))
	for _, args := range [][]string{
		{"collect", "--period", "2025-06", inbox},
		{"status", "--period", "2025-06"},
		{"consolidate", "--period", "2025-06", "--out", filepath.Join(dir, "汇总.xlsx")},
		{"brief", "--period", "2025-06", "--out", filepath.Join(dir, "简报.pdf")},
		{"links", "--period", "2025-06"},
	} {
		start := time.Now()
		out, err := gyqcCommand(ws, args...).CombinedOutput()
		if err != nil {
			t.Errorf("gyqc %s while serving: %v\n%s", args[0], err, out)
		}
		t.Logf("gyqc %s while serving: %v", args[0], time.Since(start).Round(time.Millisecond))
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := s.stop(); err != nil {
		t.Errorf("serve: %v", err)
	}
}

// multipartOf is a multipart body with one file in the field "file".
func multipartOf(name string, data []byte) ([]byte, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("file", name)
	w.Write(data)
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}
