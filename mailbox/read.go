package mailbox

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"strings"

	"github.com/qianjiang/gyqc"
)

// Extensions of mail files.
var mailExts = map[string]bool{".eml": true, ".mbox": true, ".mbx": true, ".mbs": true}

// IsMail reports whether a file is mail, by its name (.eml, .mbox, .mbx, .mbs) or, for
// names without those, by its first bytes: an mbox "From " line, or a block of RFC 5322
// header fields that a mail file starts with (Received:, Return-Path:, From:, …).
func IsMail(name string, head []byte) bool {
	if mailExts[strings.ToLower(filepath.Ext(name))] {
		return true
	}
	if bytes.HasPrefix(head, []byte("From ")) {
		return true
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	key, _, ok := bytes.Cut(line, []byte(":"))
	if !ok {
		return false
	}
	switch strings.ToLower(string(key)) {
	case "received", "return-path", "delivered-to", "x-mozilla-status", "mime-version", "message-id", "from", "date", "x-received", "dkim-signature", "authentication-results":
		return true
	}
	return false
}

// ReadFile reads the mail file at path: one message, or every message of an mbox (a file
// that starts with a "From " line), and calls fn with each in turn. Problems with the mail
// itself are in each Message; the error is an I/O error, fn's error, or a *gyqc.Error when
// an mbox holds more messages than Limits.MaxMessages.
//
// Memory stays bounded however large the file: a single message larger than
// Limits.MaxMessageSize is refused by its size without being read, and an mbox is read one
// message at a time, a message over the limit skipped line by line.
func ReadFile(path string, opt Options, fn func(*Message) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	size := int64(-1)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = info.Size()
	}
	return read(path, f, size, opt, fn)
}

// ReadOpen is ReadFile over r, a mail file the caller opened (and checked) itself, of size
// bytes (-1: unknown); file names it.
func ReadOpen(file string, r io.Reader, size int64, opt Options, fn func(*Message) error) error {
	return read(file, r, size, opt, fn)
}

// Read is ReadFile over r; file names the mail file. A single message is read up to
// Limits.MaxMessageSize and refused when there is more.
func Read(file string, r io.Reader, opt Options, fn func(*Message) error) error {
	return read(file, r, -1, opt, fn)
}

// read reads r, which holds size bytes (-1: unknown).
func read(file string, r io.Reader, size int64, opt Options, fn func(*Message) error) error {
	opt.Limits = opt.Limits.withDefaults()
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(5)
	if bytes.Equal(head, []byte("From ")) {
		return readMbox(file, br, opt, fn)
	}
	if size > opt.Limits.MaxMessageSize {
		head, err := io.ReadAll(io.LimitReader(br, int64(opt.Limits.MaxHeaderSize)+4))
		if err != nil {
			return err
		}
		return fn(tooLarge(file, 0, size, head, opt))
	}
	data, over, err := readUpTo(br, opt.Limits.MaxMessageSize)
	if err != nil {
		return err
	}
	if over {
		return fn(tooLarge(file, 0, -1, data, opt))
	}
	return fn(parseKeeping(file, 0, data, opt))
}

// readUpTo reads r to its end when it holds at most limit bytes; over reports that it holds
// more, and data is then what was read before that (at most limit bytes). The buffer never
// grows past limit.
func readUpTo(r io.Reader, limit int64) (data []byte, over bool, err error) {
	chunk := make([]byte, 64<<10)
	for {
		n, err := r.Read(chunk)
		if int64(len(data)+n) > limit {
			return data, true, nil
		}
		data = appendCapped(data, chunk[:n], limit)
		if errors.Is(err, io.EOF) {
			return data, false, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
}

// appendCapped appends p to b, growing b by doubling but never past limit (len(b)+len(p)
// must not exceed it): a message just under the limit costs the limit, not twice it.
func appendCapped(b, p []byte, limit int64) []byte {
	if need := len(b) + len(p); need > cap(b) {
		c := int(min(int64(max(2*cap(b), need, 64<<10)), limit))
		nb := make([]byte, len(b), c)
		copy(nb, b)
		b = nb
	}
	return append(b, p...)
}

// tooLarge is the refusal of the index-th message of file, of n bytes (-1: unknown, more
// than the limit), which is not kept. head is the start of the message: its sender,
// subject and received time are read from it when it holds the whole header block, so that
// the office knows whose mail it was and when it came.
func tooLarge(file string, index int, n int64, head []byte, opt Options) *Message {
	lim := opt.Limits
	m := &Message{File: file, Index: index, Name: messageName(file, index)}
	if end := headerEnd(head); end >= 0 && end <= lim.MaxHeaderSize {
		if msg, err := mail.ReadMessage(bytes.NewReader(head[:end])); err == nil {
			m.Header = readHeader(msg.Header)
			receivedTime(msg.Header, m, &opt)
		}
	}
	w := &walker{m: m, lim: lim}
	what := "邮件超过上限 " + size(lim.MaxMessageSize)
	if n >= 0 {
		what = fmt.Sprintf("邮件有 %s，超过上限 %s", size(n), size(lim.MaxMessageSize))
	}
	w.fail("", RuleTooLarge, what+"，未读取", "请让单位只发送填好的 .xlsx 报表，不要附带大文件；报表请另存后直接收取")
	return w.done()
}

// headerEnd returns the length of the header block at the start of data with the empty
// line that ends it, -1 when data holds no such line.
func headerEnd(data []byte) int {
	i, j := bytes.Index(data, []byte("\n\n")), bytes.Index(data, []byte("\n\r\n"))
	switch {
	case i < 0 && j < 0:
		return -1
	case j >= 0 && (i < 0 || j < i):
		return j + 3
	}
	return i + 2
}

// readMbox splits an mbox into messages at "From " lines that follow an empty line (or
// start the file), undoing the ">From " quoting of mboxrd and mboxo, and parses each. A
// message larger than the limit is not kept in memory: it is refused whole.
func readMbox(file string, br *bufio.Reader, opt Options, fn func(*Message) error) error {
	var (
		buf     []byte // the message being read
		index   int
		over    int64  = -1 // the size of a message over the limit, counted as it is skipped
		head    []byte      // the start of that message
		blank   = true      // the previous line was empty (or there was none)
		started bool
	)
	flush := func() error {
		if !started {
			return nil
		}
		index++
		if index > opt.Limits.MaxMessages {
			return gyqc.Errorf(gyqc.EInvalid, "邮箱文件“%s”中的邮件超过 %d 封，请分成几个文件后再收取", filepath.Base(file), opt.Limits.MaxMessages)
		}
		var m *Message
		if over >= 0 {
			m = tooLarge(file, index, over, head, opt)
		} else {
			// The line break before the next "From " line belongs to the separator.
			data := bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r"))
			m = parseKeeping(file, index, data, opt)
			m.Raw = bytes.Clone(m.Raw) // data is the reading buffer, reused for the next message
		}
		buf, over, head = buf[:0], -1, nil
		return fn(m)
	}
	for {
		line, err := readLine(br)
		if len(line) > 0 {
			if blank && bytes.HasPrefix(line, []byte("From ")) {
				if err := flush(); err != nil {
					return err
				}
				started = true
			} else if started && over >= 0 {
				over += int64(len(line))
			} else if started {
				if bytes.HasPrefix(bytes.TrimLeft(line, ">"), []byte("From ")) && line[0] == '>' {
					line = line[1:]
				}
				if int64(len(buf)+len(line)) > opt.Limits.MaxMessageSize {
					head = bytes.Clone(buf[:min(len(buf), opt.Limits.MaxHeaderSize+4)])
					over, buf = int64(len(buf)+len(line)), buf[:0]
				} else {
					buf = appendCapped(buf, line, opt.Limits.MaxMessageSize)
				}
			}
			blank = len(bytes.TrimRight(line, "\r\n")) == 0
		}
		if errors.Is(err, io.EOF) {
			return flush()
		}
		if err != nil {
			return err
		}
	}
}

// readLine reads one line with its end, however long: bufio's buffer-full parts are
// joined, and a line longer than 1 MiB is cut into pieces (the caller only looks at the
// start of lines, and counts every byte against the message limit). A line that fits the
// reader's buffer is returned without a copy: it is valid until the next read.
func readLine(br *bufio.Reader) ([]byte, error) {
	part, err := br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return part, err
	}
	out := bytes.Clone(part)
	for {
		part, err := br.ReadSlice('\n')
		out = append(out, part...)
		if err != bufio.ErrBufferFull {
			return out, err
		}
		if len(out) >= 1<<20 {
			return out, nil
		}
	}
}
