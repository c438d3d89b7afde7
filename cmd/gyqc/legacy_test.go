package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/store"
)

// toXLS saves filled workbooks as Excel 97-2003 .xls with LibreOffice, as a unit whose WPS
// saves in the old format does, and returns the .xls paths under the names given.
func toXLS(t *testing.T, names map[string]string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	var in []string
	for src := range names {
		in = append(in, src)
	}
	args := append([]string{"--convert-to", "xls:MS Excel 97", "--outdir", dir}, in...)
	if out, err := clients.SofficeRun(t, dir, args...); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	got := map[string]string{}
	for src, name := range names {
		made := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), ".xlsx")+".xls")
		final := filepath.Join(filepath.Dir(dir), name)
		data, err := os.ReadFile(made)
		if err != nil {
			t.Fatal(err)
		}
		if !intake.LegacyWorkbook(data) {
			t.Fatalf("%s is not an old-format workbook", made)
		}
		os.WriteFile(final, data, 0o644)
		got[src] = final
	}
	return got
}

// TestCollectLegacyXLS: an .xls return under its template's name is recorded against its unit
// as a refused, unreadable file and the unit is told to save it as .xlsx; status shows it,
// and the unit is 被退回 until an .xlsx is accepted, after which another unreadable file
// changes nothing. Under another name it stays unattributed. With --convert, LibreOffice
// converts it and the result is collected, the original archived.
func TestCollectLegacyXLS(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice")
	}
	c := newCycle(t, "2025-06")
	dsjj := c.fill("2025-06", "dsjj", "dsjj.xlsx", dsjjSpec())
	other := dsjjSpec()
	other["tasks"].(map[string]any)["16"].(map[string]any)["progress"] = "本月新增“上云”企业5家，累计达58家"
	dsjj2 := c.fill("2025-06", "dsjj", "dsjj2.xlsx", other)
	jxw := c.fill("2025-06", "jxw", "jxw.xlsx", fullSpec(c.plan, "jxw"))
	os.Remove(dsjj2)
	xls := toXLS(t, map[string]string{dsjj: "2025-06_dsjj_区大数据发展局.xls", jxw: "2025-06_jxw_区经济信息委.xls"})
	os.Remove(jxw)

	// Without conversion: refused, attributed by name.
	res, err := c.collect("2025-06-28 10:00", xls[dsjj])
	if _, ok := err.(*refusedError); !ok || len(res.Files) != 1 {
		t.Fatalf("collect: %v %+v", err, res.Files)
	}
	f := res.Files[0]
	if f.Unit != "dsjj" || f.Outcome != gyqc.OutcomeRefused || f.Version != 1 || len(f.Feedback) == 0 {
		t.Fatalf("got %+v, want dsjj refused as version 1 with a 退回意见单", f)
	}
	told := false
	for _, p := range f.Problems {
		told = told || p.Rule == intake.RuleOLE && p.Fix == intake.LegacyFix
	}
	if !told {
		t.Errorf("the unit is not told to save as .xlsx: %v", f.Problems)
	}
	status := func() statusUnit { return c.statusOf(t, "dsjj") }
	if u := status(); u.State != gyqc.StateRefused || len(u.Unreadable) != 1 || u.Unreadable[0] != filepath.Base(xls[dsjj]) {
		t.Errorf("status %+v, want 被退回 with the unreadable file", u)
	}
	var text strings.Builder
	runStatus(context.Background(), c.plan, statusOptions{Workspace: c.workspace, Period: c.period}, &text)
	if !strings.Contains(text.String(), "收到无法读取的文件："+filepath.Base(xls[dsjj])) {
		t.Errorf("status does not show the unreadable file:\n%s", text.String())
	}

	// The .xlsx is accepted; a later unreadable file does not stand over it.
	if res, err := c.collect("2025-06-29 10:00", dsjj); err != nil || res.Files[0].Outcome == gyqc.OutcomeRefused {
		t.Fatalf("the .xlsx: %v %+v", err, res.Files)
	}
	renamed := filepath.Join(t.TempDir(), "2025-06_dsjj_再次报送.et")
	data, _ := os.ReadFile(xls[dsjj])
	os.WriteFile(renamed, append(data, 0), 0o644) // other bytes, the same old format
	c.collect("2025-06-29 11:00", renamed)
	if u := status(); u.State != gyqc.StateOnTime || len(u.Unreadable) != 2 {
		t.Errorf("status %+v, want 按时报送, two unreadable files listed", u)
	}

	// Under a name that is not its template's, nobody's.
	stray := filepath.Join(t.TempDir(), "大数据局报表.xls")
	os.WriteFile(stray, data, 0o644)
	if res, _ := c.collect("2025-06-29 12:00", stray); res.Files[0].Unit != "" {
		t.Errorf("attributed by a free-form name: %+v", res.Files[0])
	}

	checkConverted(t, c, xls[jxw])
}

// statusOf returns the unit's line of `gyqc status --json`.
func (c *cycle) statusOf(t *testing.T, unit string) statusUnit {
	t.Helper()
	var out strings.Builder
	if err := runStatus(context.Background(), c.plan, statusOptions{Workspace: c.workspace, Period: c.period, JSON: true}, &out); err != nil {
		t.Fatal(err)
	}
	var js struct{ Units []statusUnit }
	json.Unmarshal([]byte(out.String()), &js)
	for _, u := range js.Units {
		if u.Code == unit {
			return u
		}
	}
	t.Fatalf("no %s in status", unit)
	return statusUnit{}
}

// checkConverted collects jxw's old-format file xls with --convert: LibreOffice converts it,
// the result is collected as jxw's under the hash of the original, which is archived.
func checkConverted(t *testing.T, c *cycle, xls string) {
	t.Helper()
	conv, err := collect.LibreOffice("")
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	opts := collectOptions{Workspace: c.workspace, Period: c.period, Paths: []string{xls}, JSON: true, Convert: conv,
		Now: func() time.Time { return time.Date(2025, 6, 30, 9, 0, 0, 0, c.plan.Location()) }}
	if err := runCollect(context.Background(), c.plan, opts, &out); err != nil {
		t.Fatalf("collect --convert: %v\n%s", err, out.String())
	}
	var js collectJSON
	json.Unmarshal([]byte(out.String()), &js)
	g := js.Files[0]
	xlsData, _ := os.ReadFile(xls)
	sum := sha256.Sum256(xlsData)
	if g.Unit != "jxw" || g.Outcome == gyqc.OutcomeRefused || g.Hash != hex.EncodeToString(sum[:]) {
		t.Fatalf("converted: %+v, want jxw accepted under the hash of the .xls", g)
	}
	noted := false
	for _, p := range g.Problems {
		noted = noted || p.Rule == "converted"
	}
	if !noted {
		t.Errorf("no note of the conversion: %v", g.Problems)
	}
	st, err := store.Open(context.Background(), c.workspace, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	subs, _ := st.Submissions(context.Background(), c.period, c.period)
	for _, s := range subs {
		if s.Unit == "jxw" && (len(s.Tasks) == 0 || s.ByFileName) {
			t.Errorf("jxw's converted return: %+v", s)
		}
	}
	archived, err := os.ReadFile(filepath.Join(c.workspace, "archive", g.Hash[:2], g.Hash))
	if err != nil || !intake.LegacyWorkbook(archived) {
		t.Errorf("the original .xls is not in the archive: %v", err)
	}
}
