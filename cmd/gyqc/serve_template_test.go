package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/portal"
	"github.com/qianjiang/gyqc/store"
)

// TestServeTemplateIsIssued: the template a unit downloads through its link is the file
// `gyqc issue` writes for it at the same moment, prefilled from the same history.
func TestServeTemplateIsIssued(t *testing.T) {
	c := newCycle(t, "2025-05")
	spec := dsjjSpec()
	spec["filler"].(map[string]any)["date"] = "2025-05-28"
	if res, err := c.collect("2025-05-30 10:00", c.fill("2025-05", "dsjj", "dsjj-05.xlsx", spec)); err != nil || !res.Files[0].Outcome.Acceptable() {
		t.Fatalf("collect May: %v %+v", err, res)
	}
	plan := planfile.Default()
	at := time.Date(2025, 6, 25, 9, 0, 0, 0, plan.Location())
	out := filepath.Join(t.TempDir(), "issued")
	st, err := store.Open(context.Background(), c.workspace, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	key, err := st.SealKey(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	err = runIssue(context.Background(), plan, issueOptions{Period: gyqc.MustPeriod("2025-06"), Out: out, Units: []string{"dsjj"},
		History: st, Key: key, Now: func() time.Time { return at }}, &log)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	issued, _ := filepath.Glob(filepath.Join(out, "2025-06_dsjj_*.xlsx"))
	want, _ := os.ReadFile(issued[0])

	srv, err := portal.New(context.Background(), portal.Config{Workspace: c.workspace, Plan: plan, BaseURL: "http://x", Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := http.Get(portal.UnitURL(ts.URL, srv.Links().Token("dsjj", gyqc.MustPeriod("2025-06"))) + "template")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(got, want) {
		t.Errorf("the portal's template (%d bytes) differs from the issued one (%d bytes)", len(got), len(want))
	}
	if !bytes.Contains(log.Bytes(), []byte("预填")) {
		t.Errorf("the issued template was not prefilled, so this test shows nothing:\n%s", log.String())
	}
}
