package render

import (
	"errors"
	"fmt"

	"github.com/qianjiang/gyqc"
)

// Reasons a font file is refused. A *FontError wraps one of them, so callers can test the
// reason with errors.Is.
var (
	ErrFontUnreadable = errors.New("font file cannot be read")
	ErrFontCFF        = errors.New("font has CFF (PostScript) outlines")
	ErrFontRestricted = errors.New("font licence forbids embedding or subsetting")
	ErrFontFormat     = errors.New("not a TrueType font")
	ErrFontCorrupt    = errors.New("font file is damaged")
	ErrFontNoUnicode  = errors.New("font has no Unicode character map")
	errFaceIndex      = errors.New("no such face in the collection")
)

// FontError says why a font file cannot be used, in Chinese for users (Error) and as a
// sentinel for code (errors.Is with ErrFontCFF and its siblings). errors.As also finds a
// *gyqc.Error with code EInvalid in it, so the command line shows the message verbatim.
type FontError struct {
	File   string // the font file
	Reason error  // one of the ErrFont… sentinels
	Detail string // technical detail, may be empty
}

// Error returns the Chinese message: the file, what is wrong and what to do.
func (e *FontError) Error() string {
	var why string
	switch e.Reason {
	case ErrFontUnreadable:
		why = "无法读取该文件，请检查路径是否正确"
	case ErrFontCFF:
		why = "这是 PostScript（CFF）轮廓的 OpenType 字体（如思源黑体、Noto CJK、苹方），PDF 引擎无法嵌入；请改用 TrueType 字体（.ttf 或 .ttc），例如文泉驿微米黑、霞鹜文楷、仿宋（simfang.ttf）"
	case ErrFontRestricted:
		why = "字体的授权标志禁止嵌入或子集化（OS/2 fsType），不能用于生成 PDF；请换用允许嵌入的字体"
	case ErrFontFormat:
		why = "不是 TrueType 字体文件（只支持 .ttf 和 .ttc；网页字体 .woff/.woff2、Type 1 和位图字体都不能使用）"
	case ErrFontNoUnicode:
		why = "字体缺少 Unicode 字符映射表（cmap 格式 4），无法按字符取字形；请换用其他字体"
	case errFaceIndex:
		why = "字体集合中没有指定序号的字体（序号从 0 开始，写在文件名后，例如 simsun.ttc#0）"
	default:
		why = "字体文件已损坏或不完整，请重新安装该字体或换用其他字体"
	}
	return fmt.Sprintf("字体文件“%s”不能使用：%s。", e.File, why)
}

// Unwrap returns the reason and the user error, so that errors.Is finds the reason and
// errors.As finds a *gyqc.Error.
func (e *FontError) Unwrap() []error {
	return []error{e.Reason, &gyqc.Error{Code: gyqc.EInvalid, Message: e.Error()}}
}
