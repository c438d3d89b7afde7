package collect

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/mailbox"
)

func TestSortByArrival(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2025, 6, 30, h, 0, 0, 0, time.UTC) }
	files := []File{
		{Path: "plain-late.xlsx", ModTime: at(20)},
		{Path: "mail-b", Received: at(12), Mail: &Mail{}},
		{Path: "mail-undated", ModTime: at(1), Mail: &Mail{}},
		{Path: "plain-early.xlsx", ModTime: at(9)},
		{Path: "mail-a", Received: at(10), Mail: &Mail{}},
	}
	tests := []struct {
		name       string
		byFileTime bool
		want       string
	}{
		{"mail times first, the rest in their order", false, "mail-a mail-b plain-late.xlsx mail-undated plain-early.xlsx"},
		{"with file times, except for undated mail", true, "plain-early.xlsx mail-a mail-b plain-late.xlsx mail-undated"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := append([]File(nil), files...)
			SortByArrival(fs, tc.byFileTime)
			var got []string
			for _, f := range fs {
				got = append(got, f.Path)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("got %v\nwant %s", got, tc.want)
			}
		})
	}
}

// TestExpand turns a folder with a mail, an mbox, an Outlook .msg and a workbook into files.
func TestExpand(t *testing.T) {
	dir := t.TempDir()
	msg := func(from, subject, received, name, body string) string {
		return "Received: from x by mx.qj.gov.cn; " + received + "\r\nFrom: " + from + "\r\nSubject: " + subject +
			"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n" +
			"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=" + name + "\r\n\r\n" + body + "\r\n--b--\r\n"
	}
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		return p
	}
	eml := write("a.eml", msg("a@b.cn", "A", "Mon, 30 Jun 2025 10:00:00 +0800", "a.xlsx", "PK-a"))
	box := write("box", "From x Mon Jun 30 10:00:00 2025\n"+msg("c@d.cn", "C", "Mon, 30 Jun 2025 09:00:00 +0800", "c.xlsx", "PK-c")+
		"\nFrom x Mon Jun 30 10:00:00 2025\nFrom: e@f.cn\nContent-Type: multipart/mixed\n\n--q\n\nx\n")
	outlook := write("b.msg", "\xd0\xcf\x11\xe0")
	book := write("d.xlsx", "PK-d")
	var files []File
	for _, p := range []string{eml, box, outlook, book} {
		files = append(files, File{Path: p})
	}
	out, msgs, err := Expand(files, mailbox.Options{Location: time.UTC}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 3 {
		t.Errorf("%d messages read, want 3", len(msgs))
	}
	type want struct {
		path, name, data, from string
		refused                bool
	}
	wants := []want{
		{eml, "a.xlsx", "PK-a", "a@b.cn", false},
		{box, "c.xlsx", "PK-c", "c@d.cn", false},
		{box, "box_第2封邮件.eml", "From: e@f.cn", "e@f.cn", true},
		{outlook, "", "", "", true},
		{book, "", "", "", false},
	}
	if len(out) != len(wants) {
		t.Fatalf("got %d files, want %d: %+v", len(out), len(wants), out)
	}
	for i, w := range wants {
		f := out[i]
		from := ""
		if f.Mail != nil {
			from = f.Mail.From
		}
		if f.Path != w.path || f.Name != w.name || !strings.HasPrefix(string(f.Data), w.data) || from != w.from || (len(f.Refused) > 0) != w.refused {
			t.Errorf("file %d: %s %q %q from %q refused %v; want %+v", i, f.Path, f.Name, f.Data, from, f.Refused, w)
		}
	}
	if out[3].Refused[0].Rule != RuleOutlookMsg || out[2].Refused[0].Rule != mailbox.RuleNoBoundary {
		t.Errorf("rules: %v, %v", out[3].Refused, out[2].Refused)
	}
	if got := out[1].Received; !got.Equal(time.Date(2025, 6, 30, 1, 0, 0, 0, time.UTC)) || out[1].TimeSource != gyqc.TimeMailServer {
		t.Errorf("received %v (%s)", got, out[1].TimeSource)
	}
}

// TestExpandSpill expands a mailbox of twenty messages with a budget of three workbooks: the
// first three are held in memory, the others written to temporary files and read back
// whole; a refused message's bytes spill too; Close removes the folder.
func TestExpandSpill(t *testing.T) {
	dir := t.TempDir()
	var box strings.Builder
	body := func(i int) string { return fmt.Sprintf("PK-%02d-%s", i, strings.Repeat("x", 1000)) }
	for i := range 20 {
		fmt.Fprintf(&box, "From x Mon Jun 30 10:00:00 2025\nFrom: u%d@qj.cn\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"+
			"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=%d.xlsx\n\n%s\n--b--\n\n", i, i, body(i))
	}
	box.WriteString("From x Mon Jun 30 10:00:00 2025\nFrom: e@f.cn\nContent-Type: multipart/mixed\n\n--q\n\nx\n")
	path := filepath.Join(dir, "inbox.mbox")
	os.WriteFile(path, []byte(box.String()), 0o644)
	spill := &Spill{Budget: 3 * int64(len(body(0)))}
	out, _, err := Expand([]File{{Path: path}}, mailbox.Options{Location: time.UTC}, spill)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 21 || spill.Spilled() != 18 {
		t.Fatalf("%d files, %d spilled; want 21 and 18", len(out), spill.Spilled())
	}
	for i, f := range out {
		if (f.Data == nil) != (i >= 3) || (f.spilled != "") != (i >= 3) {
			t.Errorf("file %d: in memory %v, spilled to %q", i, f.Data != nil, f.spilled)
		}
		if err := f.load(); err != nil {
			t.Fatal(err)
		}
		want := "From: e@f.cn"
		if i < 20 {
			want = body(i)
		}
		if !strings.HasPrefix(string(f.Data), want) || (i < 20) != (len(f.Refused) == 0) {
			t.Errorf("file %d read back as %.20q, refused %v", i, f.Data, f.Refused)
		}
	}
	tmp := filepath.Dir(out[3].spilled)
	if err := spill.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("the temporary folder %s is still there: %v", tmp, err)
	}
}
