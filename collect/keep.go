package collect

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/store"
)

// maxArchive is the largest file a collection keeps in the archive although it refuses it
// as too large to examine: evidence of what a unit sent, without letting a huge file fill
// the disk. Larger files are refused and recorded by path and size only.
const maxArchive = 256 << 20

// keep reads a file (only a regular file, without blocking, never more than the size
// limit into memory) and stages its bytes in the archive; record flushes them to disk
// before anything about the file is recorded. A file that cannot be examined is refused
// here, and still recorded: a file over the size limit is archived by streaming (up to
// maxArchive), a file that cannot be read is recorded by where it was. Only a fault of
// the workspace is returned as an error.
func (c *collector) keep(f File) (*item, error) {
	if err := f.load(); err != nil {
		return nil, err
	}
	it := &item{path: f.Path, name: filepath.Base(f.Path), fsPath: f.Path, unit: f.Unit, actor: f.Actor, size: f.Size, mail: f.Mail}
	if f.Name != "" {
		it.path, it.name = f.Name, filepath.Base(f.Name)
	}
	it.shown = DisplayName(it.name)
	if f.Mail != nil {
		it.path = f.Mail.Message
		if len(f.Refused) == 0 {
			it.path += "：" + it.name
		}
	}
	it.received, it.source, it.timeNote = c.arrival(f)
	if len(f.Refused) > 0 {
		// Refused before it reached the pipeline (a hostile mail): archived and recorded as
		// an attempt that cannot be attributed when its bytes are known.
		it.early = f.Refused
		if f.Data == nil {
			return it, nil
		}
		it.size = int64(len(f.Data))
		err := c.stage(it, f.Data)
		it.data = nil // nothing looks inside: the chunk need not hold it
		return it, err
	}
	maxSize := c.opts.Limits.MaxFileSize
	if maxSize <= 0 {
		maxSize = intake.DefaultLimits().MaxFileSize
	}
	if f.Data != nil {
		it.size = int64(len(f.Data))
		if it.size > maxSize {
			it.early = c.tooLarge(it, maxSize)
		}
		return it, c.stage(it, f.Data)
	}
	fh, info, err := openRegular(f)
	if err != nil {
		it.early = unreadableProblem(it, err)
		return it, nil
	}
	defer fh.Close()
	it.size = info.Size()
	data, err := readLimited(fh, it.size, maxSize)
	switch {
	case errors.Is(err, errTooLarge):
		it.early = c.tooLarge(it, maxSize)
		if it.size > maxArchive {
			it.early[0].Message += fmt.Sprintf("；文件超过%d MB，未归档", maxArchive>>20)
			return it, nil
		}
		if _, err := fh.Seek(0, io.SeekStart); err != nil {
			it.early = unreadableProblem(it, err)
			return it, nil
		}
		rec, err := store.Receive(c.st.Dir, fh, maxArchive)
		if errors.Is(err, store.ErrTooLarge) { // it grew while being read
			it.early[0].Message += fmt.Sprintf("；文件超过%d MB，未归档", maxArchive>>20)
			return it, nil
		}
		if err != nil {
			return nil, archiveError(c.opts.Workspace, f.Path, err)
		}
		it.hash, it.size = rec.Hash, rec.Size
		return it, nil
	case err != nil:
		it.early = unreadableProblem(it, err)
		return it, nil
	}
	return it, c.stage(it, data)
}

// stage keeps the bytes of an item in the archive.
func (c *collector) stage(it *item, data []byte) error {
	it.data, it.archived = data, len(data)
	var err error
	if it.hash, err = c.st.Stage(it.name, data); err != nil {
		return archiveError(c.opts.Workspace, it.path, err)
	}
	return nil
}

// tooLarge is the refusal of a file over the size limit.
func (c *collector) tooLarge(it *item, maxSize int64) gyqc.Problems {
	return gyqc.Problems{{Severity: gyqc.SevError, File: it.shown, Rule: intake.RuleTooLarge, Value: fmt.Sprintf("%d 字节", it.size),
		Message: fmt.Sprintf("文件有 %.1f MB，超过上限 %d MB，不是正常的填报模板", float64(it.size)/(1<<20), maxSize>>20),
		Fix:     "请使用下发的模板填写后报送，不要在模板中粘贴图片或大量数据；另存为 .xlsx 后重新报送"}}
}

// unreadableProblem is the refusal of a file that could not be read.
func unreadableProblem(it *item, err error) gyqc.Problems {
	var nr *notRegularError
	var sw *swappedError
	switch {
	case errors.As(err, &sw):
		return gyqc.Problems{{Severity: gyqc.SevError, File: it.shown, Rule: RuleFileSwapped, Message: sw.Error(),
			Fix: "文件在收取过程中被改动：请确认没有其他程序在改动收件文件夹，把报表文件本身（不是链接）放进文件夹后重新收取"}}
	case errors.As(err, &nr):
		return gyqc.Problems{{Severity: gyqc.SevError, File: it.shown, Rule: RuleFileNotRegular, Message: nr.Error(),
			Fix: "请把报表文件本身（.xlsx）重新发送或复制到收件文件夹"}}
	}
	return gyqc.Problems{{Severity: gyqc.SevError, File: it.shown, Rule: RuleFileUnreadable, Message: unreadable(err),
		Fix: "请检查文件权限或存储设备，或请该单位重新发送该文件"}}
}

// archiveError is a fault of the workspace while archiving a file.
func archiveError(workspace, path string, err error) error {
	return storeError(fmt.Sprintf("无法归档文件 %s（工作区 %s）", DisplayName(path), workspace), err)
}

// storeError describes a fault of the workspace: an environment fault (disk full, no
// permission, read-only) in Chinese with the system's words, or an internal error.
func storeError(what string, err error) error {
	if gyqc.EnvCause(err) != "" {
		return gyqc.EnvError(what, err)
	}
	return gyqc.Errorf(gyqc.EInternal, "%s：%v", what, err)
}
