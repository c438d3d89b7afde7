package mailbox

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
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
func ReadFile(path string, opt Options, fn func(*Message) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return Read(path, f, opt, fn)
}

// Read is ReadFile over r; file names the mail file.
func Read(file string, r io.Reader, opt Options, fn func(*Message) error) error {
	opt.Limits = opt.Limits.withDefaults()
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(5)
	if !bytes.Equal(head, []byte("From ")) {
		data, err := io.ReadAll(io.LimitReader(br, opt.Limits.MaxMessageSize+1))
		if err != nil {
			return err
		}
		return fn(parseKeeping(file, 0, data, opt))
	}
	return readMbox(file, br, opt, fn)
}

// readMbox splits an mbox into messages at "From " lines that follow an empty line (or
// start the file), undoing the ">From " quoting of mboxrd and mboxo, and parses each. A
// message larger than the limit is not kept in memory: it is refused whole.
func readMbox(file string, br *bufio.Reader, opt Options, fn func(*Message) error) error {
	var (
		buf      bytes.Buffer
		index    int
		tooLarge bool
		blank    = true // the previous line was empty (or there was none)
		started  bool
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
		if tooLarge {
			m = &Message{File: file, Index: index, Name: messageName(file, index)}
			w := &walker{m: m, lim: opt.Limits}
			w.fail("", RuleTooLarge, fmt.Sprintf("邮件超过上限 %s", size(opt.Limits.MaxMessageSize)), "请让单位只发送填好的 .xlsx 报表，不要附带大文件")
			m = w.done()
		} else {
			// The line break before the next "From " line belongs to the separator.
			data := bytes.TrimSuffix(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\r"))
			m = parseKeeping(file, index, data, opt)
			m.Raw = bytes.Clone(m.Raw) // data is the reading buffer, reused for the next message
		}
		buf.Reset()
		tooLarge = false
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
			} else if started && !tooLarge {
				if bytes.HasPrefix(bytes.TrimLeft(line, ">"), []byte("From ")) && line[0] == '>' {
					line = line[1:]
				}
				if int64(buf.Len()+len(line)) > opt.Limits.MaxMessageSize {
					tooLarge = true
					buf.Reset()
				} else {
					buf.Write(line)
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
// start of lines, and counts every byte against the message limit).
func readLine(br *bufio.Reader) ([]byte, error) {
	var out []byte
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
