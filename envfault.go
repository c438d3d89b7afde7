package gyqc

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// EnvError returns an *Error with code EEnv for a fault of the machine gyqc runs on (a full
// disk, a folder it may not write, a read-only file system): what could not be done, in
// Chinese, the cause in Chinese where the operating system's error is a known one, then the
// operating system's own words for whoever looks into it. It returns nil for a nil err.
func EnvError(what string, err error) *Error {
	if err == nil {
		return nil
	}
	msg := what
	if cause := EnvCause(err); cause != "" {
		msg += "：" + cause
	}
	return &Error{Code: EEnv, Message: msg + "（系统信息：" + SystemWords(err) + "）", err: err}
}

// SystemWords returns the operating system's words of err on one line: a path inside it
// may hold a newline, a terminal control sequence or a right-to-left override, and every
// character that is not printable is written as Go escapes it ("\n", "\x1b", "\u202e"),
// so that the message cannot break a one-line-per-file output or disguise a name.
func SystemWords(err error) string {
	return OneLine(err.Error())
}

// OneLine returns s with every character that is not printable (a newline, a control or
// format character, invalid UTF-8) written as Go escapes it, so that s prints on one line.
func OneLine(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) {
		return s
	}
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		if r == utf8.RuneError && n == 1 || !unicode.IsPrint(r) && r != ' ' {
			q := strconv.Quote(s[i : i+n])
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteString(s[i : i+n])
	}
	return b.String()
}

// EnvCause says in Chinese what an operating-system error means for the clerk, or "" when
// err is not one gyqc knows.
func EnvCause(err error) string {
	// SQLite says it in words of its own, without the system's error.
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.ENOSPC), strings.Contains(msg, "database or disk is full"):
		return "磁盘空间不足，请清理磁盘或换一个位置后重试"
	case errors.Is(err, syscall.EDQUOT):
		return "已超出磁盘配额，请清理后重试"
	case errors.Is(err, syscall.EROFS), strings.Contains(msg, "attempt to write a readonly database"):
		return "文件系统是只读的，请换一个可写的位置"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限，请检查该文件或文件夹的权限，或换一个位置"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "文件名或路径过长，请换一个较短的位置"
	case errors.Is(err, syscall.EIO):
		return "磁盘读写出错，请检查磁盘或存储设备"
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return "同时打开的文件过多，请关闭其他程序后重试"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一段不是文件夹"
	case errors.Is(err, syscall.ELOOP):
		return "符号链接（快捷方式）指向自身或形成循环，无法打开"
	case errors.Is(err, syscall.EISDIR):
		return "这是一个文件夹，不是文件"
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在"
	}
	return ""
}
