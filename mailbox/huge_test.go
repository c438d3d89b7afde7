package mailbox

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// hugeBody is a message body of n bytes of base64-like lines, made on the fly.
type hugeBody struct {
	head []byte // sent first
	n    int64  // body bytes still to send
	tail []byte // sent after the body
}

func (h *hugeBody) Read(p []byte) (int, error) {
	if len(h.head) > 0 {
		k := copy(p, h.head)
		h.head = h.head[k:]
		return k, nil
	}
	if h.n > 0 {
		line := []byte(strings.Repeat("QUJD", 19) + "\r\n") // 78 bytes, like base64
		k := 0
		for k+len(line) <= len(p) && h.n > 0 {
			k += copy(p[k:], line[:min(int64(len(line)), h.n)])
			h.n -= int64(min(int64(len(line)), h.n))
		}
		if k > 0 {
			return k, nil
		}
	}
	if len(h.tail) > 0 {
		k := copy(p, h.tail)
		h.tail = h.tail[k:]
		return k, nil
	}
	return 0, io.EOF
}

// hugeHead is the start of a message with one workbook attachment whose body follows.
const hugeHead = "Received: from mx by mx.qj.gov.cn; Mon, 30 Jun 2025 10:00:00 +0800\r\nFrom: a@qj.example.cn\r\n" +
	"Subject: big\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n" +
	"Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n" +
	"Content-Disposition: attachment; filename=a.xlsx\r\nContent-Transfer-Encoding: base64\r\n\r\n"

// heapPeak runs fn while sampling the heap in use, and returns the peak in MiB.
func heapPeak(fn func()) uint64 {
	runtime.GC()
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var ms runtime.MemStats
		var p uint64
		for {
			runtime.ReadMemStats(&ms)
			p = max(p, ms.HeapInuse)
			select {
			case <-done:
				peak <- p
				return
			default:
				runtime.Gosched()
			}
		}
	}()
	fn()
	close(done)
	return <-peak >> 20
}

// TestHugeMail gives a mail of 1 GiB three ways — a .eml file (its size is known, so it is
// refused without being read), a single message from a stream, and one message of an mbox
// between two good ones — and checks that each is refused as too large with a message
// naming the file and the size, with its sender and received time read from its header,
// that the good messages of the mbox are read, and that the
// heap stays far below the mail's size.
func TestHugeMail(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 2 GiB")
	}
	const gib = 1 << 30
	dir := t.TempDir()
	eml := filepath.Join(dir, "巨大.eml")
	f, err := os.Create(eml)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(hugeHead)
	if err := f.Truncate(gib); err != nil { // sparse: nothing written to the disk
		t.Fatal(err)
	}
	f.Close()
	small := message(t, []string{"Received: from mx by mx.qj.gov.cn; Mon, 30 Jun 2025 09:00:00 +0800", "From: b@qj.example.cn", "Subject: ok"},
		attachment(xlsxType, rfc2231("b.xlsx"), book("b")))
	sep := "From MAILER-DAEMON Mon Jun 30 12:00:00 2025\n"
	mbox := func() io.Reader {
		head := append(append([]byte(sep), small...), "\n"+sep+hugeHead...)
		tail := append([]byte("--b--\r\n\n"+sep), small...)
		return &hugeBody{head: head, n: gib, tail: tail}
	}
	tests := []struct {
		name  string
		read  func(fn func(*Message) error) error
		file  string
		want  string // in the refusal
		count int    // messages
	}{
		{"a .eml file of 1 GiB", func(fn func(*Message) error) error { return ReadFile(eml, Options{}, fn) },
			"巨大.eml", "邮件有 1024 MB，超过上限 64 MB，未读取", 1},
		{"a stream of one message of 1 GiB", func(fn func(*Message) error) error {
			return Read("流.eml", &hugeBody{head: []byte(hugeHead), n: gib}, Options{}, fn)
		}, "流.eml", "邮件超过上限 64 MB，未读取", 1},
		{"an mbox with a message of 1 GiB", func(fn func(*Message) error) error { return Read("收件箱.mbox", mbox(), Options{}, fn) },
			"收件箱.mbox 第2封邮件", "邮件有 1024 MB，超过上限 64 MB，未读取", 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var msgs []*Message
			var err error
			peak := heapPeak(func() {
				err = tc.read(func(m *Message) error { msgs = append(msgs, m); return nil })
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("peak heap in use %d MiB", peak)
			if peak > 160 {
				t.Errorf("peak heap %d MiB while reading a mail of 1 GiB", peak)
			}
			if len(msgs) != tc.count {
				t.Fatalf("%d messages, want %d", len(msgs), tc.count)
			}
			refused := 0
			for _, m := range msgs {
				if !m.Refused() {
					if len(m.Attachments) != 1 || !bytes.Equal(m.Attachments[0].Data, book("b")) {
						t.Errorf("%s: the good message lost its workbook", m.Name)
					}
					continue
				}
				refused++
				p := m.Problems[0]
				if p.Rule != RuleTooLarge || p.File != tc.file || !strings.Contains(p.Message, tc.want) || m.Raw != nil || len(m.Attachments) != 0 {
					t.Errorf("got %s: %s (%s), raw kept %v; want %s: %q", p.File, p.Message, p.Rule, m.Raw != nil, tc.file, tc.want)
				}
				// Whose mail it was and when it came are read from its header.
				if got := m.Received.UTC().Format("2006-01-02 15:04"); m.From != "a@qj.example.cn" || m.Subject != "big" ||
					got != "2025-06-30 02:00" || m.Source != gyqc.TimeMailServer {
					t.Errorf("refused message from %q, subject %q, received %s (%s)", m.From, m.Subject, got, m.Source)
				}
			}
			if refused != 1 {
				t.Errorf("%d messages refused, want 1", refused)
			}
		})
	}
}
