package mailbox

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// FuzzParse checks that any bytes give a message, refused or not, never a panic; that a
// refused message keeps nothing; and that no attachment passes the limits.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.eml")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(nested(f, 3))
	f.Add(message(f, []string{"From: a@b.cn"}, attachment("application/zip", rfc2231("a.zip"), zipOf(f, map[string][]byte{"a.xlsx": book("z")}, true))))
	lim := Limits{MaxAttachmentSize: 1 << 16, MaxZipTotal: 1 << 17, MaxDepth: 8, MaxParts: 50}
	f.Fuzz(func(t *testing.T, data []byte) {
		m := Parse("fuzz.eml", data, Options{Limits: lim})
		if m == nil {
			t.Fatal("nil message")
		}
		if m.Refused() && len(m.Attachments) > 0 {
			t.Fatal("refused message with attachments")
		}
		for _, a := range m.Attachments {
			if int64(len(a.Data)) > lim.MaxAttachmentSize {
				t.Fatalf("attachment of %d bytes", len(a.Data))
			}
		}
		for _, p := range m.Problems {
			if p.File != "fuzz.eml" || p.Message == "" {
				t.Fatalf("problem without file or message: %+v", p)
			}
		}
	})
}

// endlessMbox is an mbox of n messages of about size bytes each, made on the fly.
type endlessMbox struct {
	msg  []byte
	n    int
	left []byte
}

func (e *endlessMbox) Read(p []byte) (int, error) {
	if len(e.left) == 0 {
		if e.n == 0 {
			return 0, io.EOF
		}
		e.n--
		e.left = e.msg
	}
	k := copy(p, e.left)
	e.left = e.left[k:]
	return k, nil
}

// TestMboxMemoryBounded reads a 300 MB mbox made on the fly and checks that the heap stays
// far below the file's size: messages are read one at a time.
func TestMboxMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 300 MB")
	}
	one := append([]byte("From MAILER-DAEMON Mon Jun 30 12:00:00 2025\n"),
		message(t, []string{"From: a@b.cn", "Subject: x"}, attachment(xlsxType, rfc2231("a.xlsx"), bytes.Repeat([]byte("w"), 400<<10)))...)
	one = append(one, '\n')
	src := &endlessMbox{msg: one, n: 300 << 20 / len(one)}
	count, peak := 0, uint64(0)
	var ms runtime.MemStats
	err := Read("big.mbox", src, Options{}, func(m *Message) error {
		if m.Refused() || len(m.Attachments) != 1 {
			t.Fatalf("message %d: %v", m.Index, m.Problems)
		}
		if count++; count%50 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d messages, peak heap in use %d MB", count, peak>>20)
	if peak > 64<<20 {
		t.Errorf("peak heap %d MB while reading a 300 MB mbox", peak>>20)
	}
}
