package mailbox

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// unzip takes the workbooks out of an attached zip (label names the attachment), under the
// zip limits. Other entries are listed as skipped; a zip that breaks a limit refuses the
// message.
func (w *walker) unzip(data []byte, label string, fwd *Header) {
	if n, ok := zipEntries(data); ok && n > w.lim.MaxZipEntries {
		w.fail(label, RuleZipBomb, fmt.Sprintf("压缩包声明了 %d 个文件，超过上限 %d，疑为恶意构造的压缩包", n, w.lim.MaxZipEntries), fixResend)
		return
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if errors.Is(err, zip.ErrInsecurePath) {
		err = nil // names like ../a.xlsx: only the last element is used
	}
	if err != nil {
		w.fail(label, RuleZipBroken, "压缩包已损坏，无法打开（"+err.Error()+"）", fixResend)
		return
	}
	if len(zr.File) > w.lim.MaxZipEntries {
		w.fail(label, RuleZipBomb, fmt.Sprintf("压缩包有 %d 个文件，超过上限 %d，疑为恶意构造的压缩包", len(zr.File), w.lim.MaxZipEntries), fixResend)
		return
	}
	var total int64
	for _, f := range zr.File {
		name := entryName(f)
		base := path.Base(strings.ReplaceAll(name, `\`, "/"))
		at := label + "中的“" + name + "”"
		ext := strings.ToLower(path.Ext(base))
		switch {
		case strings.HasSuffix(name, "/") || strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, "._") ||
			strings.HasPrefix(base, "~$") || base == ".DS_Store" || base == "Thumbs.db":
			continue // folders and what operating systems leave behind
		case ext != ".xlsx" && ext != ".xlsm":
			reason := skipReason(ext)
			if ext == ".zip" {
				reason = "压缩包中的压缩包不展开，未收取：请让单位直接发送 .xlsx 附件"
			}
			w.skip(base, at, reason)
			continue
		case f.Flags&0x1 != 0:
			w.skip(base, at, "压缩包设有密码，无法解压，未收取：请让单位不加密码重新发送")
			continue
		}
		body, ok := w.entry(f, at)
		if !ok {
			return
		}
		if total += int64(len(body)); total > w.lim.MaxZipTotal {
			w.fail(label, RuleZipBomb, fmt.Sprintf("压缩包解压后超过 %s，疑为恶意构造的压缩包", size(w.lim.MaxZipTotal)), fixResend)
			return
		}
		w.m.Attachments = append(w.m.Attachments, Attachment{Name: base, Part: at, Data: body, Forwarded: fwd})
	}
}

// entry reads one workbook out of a zip, to its end through the CRC check, refusing the
// message when it inflates past the limits or is broken.
func (w *walker) entry(f *zip.File, at string) ([]byte, bool) {
	bomb := func(msg string) ([]byte, bool) {
		w.fail(at, RuleZipBomb, msg+"，疑为恶意构造的压缩包（压缩炸弹）", fixResend)
		return nil, false
	}
	limit := w.lim.MaxAttachmentSize
	if f.UncompressedSize64 > uint64(limit) {
		return bomb(fmt.Sprintf("解压后声明有 %s，超过上限 %s", size(int64(min(f.UncompressedSize64, 1<<62))), size(limit)))
	}
	rc, err := f.Open()
	if err != nil {
		w.fail(at, RuleZipBroken, "无法解压（"+err.Error()+"）", fixResend)
		return nil, false
	}
	defer rc.Close()
	body, err := io.ReadAll(io.LimitReader(rc, limit+1))
	switch {
	case int64(len(body)) > limit:
		return bomb(fmt.Sprintf("解压后超过 %s", size(limit)))
	case err != nil && errors.Is(err, zip.ErrChecksum):
		w.fail(at, RuleZipBroken, "压缩包中的文件已损坏（校验和不符）", fixResend)
		return nil, false
	case err != nil:
		w.fail(at, RuleZipBroken, "压缩包中的文件已损坏或不完整（"+err.Error()+"）", fixResend)
		return nil, false
	}
	if n := int64(len(body)); n > ratioFloor && f.CompressedSize64 > 0 && uint64(n) > uint64(w.lim.MaxZipRatio)*f.CompressedSize64 {
		return bomb(fmt.Sprintf("压缩比超过 %d 倍", w.lim.MaxZipRatio))
	}
	return body, true
}

// entryName decodes a zip entry's name: UTF-8 when flagged so or valid, else GB18030, as
// Windows in China writes names.
func entryName(f *zip.File) string {
	if !f.NonUTF8 && utf8.ValidString(f.Name) {
		return f.Name
	}
	return rawText([]byte(f.Name))
}

// zipEntries reads the number of entries a zip declares in its end of central directory
// record, before archive/zip allocates anything for them. ok is false when no record is
// found (archive/zip then reports the broken zip) or it is a Zip64 archive, whose count
// archive/zip checks against the file's size.
func zipEntries(data []byte) (n int, ok bool) {
	const eocdLen = 22
	sig := []byte{'P', 'K', 5, 6}
	from := max(0, len(data)-eocdLen-0xffff)
	i := bytes.LastIndex(data[from:], sig)
	if i < 0 || from+i+eocdLen > len(data) {
		return 0, false
	}
	rec := data[from+i:]
	count := binary.LittleEndian.Uint16(rec[10:12])
	if count == 0xffff {
		return 0, false
	}
	return int(count), true
}
