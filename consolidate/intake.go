package consolidate

import (
	"bytes"
	"errors"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
)

// Inspect checks the bytes of a returned file before any library parses them: its size,
// what kind of file it really is, and, for a zip package, every entry read to its end under
// the limits (see the package doc for the whole list). name is how the file is shown in
// problems. It returns every problem found; the file is safe to hand to excelize when none
// of them is an error. Warnings report active content under the intake policy.
func Inspect(name string, data []byte, lim Limits) gyqc.Problems {
	probs, _ := inspect(name, data, lim.withDefaults(), false)
	return probs
}

// inspect is Inspect; with wantCopy it also returns the stored copy of a small package
// (see repack), which the caller must release.
func inspect(name string, data []byte, lim Limits, wantCopy bool) (gyqc.Problems, *repack) {
	col := &collector{file: name}
	var rp *repack
	switch {
	case len(data) == 0:
		col.add("", gyqc.Problem{Rule: RuleEmpty, Message: "文件是空的（0字节），不是填好的报表",
			Fix: "请检查发送的附件是否完整，重新发送填好的 .xlsx 文件"})
	case int64(len(data)) > lim.MaxFileSize:
		col.add("", gyqc.Problem{Rule: RuleTooLarge,
			Message: "文件有" + size(int64(len(data))) + "，超过上限" + size(lim.MaxFileSize) + "，本报表正常只有几十KB",
			Fix:     "请删除粘贴进表格的图片、多余的工作表和大片的空行空列，另存为 .xlsx 后重新报送"})
	case bytes.HasPrefix(data, magicZip), bytes.HasPrefix(data, magicZipEmpty):
		rp = scanZip(data, lim, col, wantCopy)
	default:
		col.add("", sniff(data))
	}
	return col.result(), rp
}

// OpenWorkbook checks a returned file with Inspect and, when it passes, opens it with
// excelize under the limits: unzip limits set explicitly, raw cell values (number formats
// are not applied; the template decides each column's type), and any library panic turned
// into a problem. It returns the file and the warnings, or nil and every problem. The
// caller must Close the file: parts larger than Limits.XMLMemory live in temporary files
// until then. Read sheets with Rows (never GetRows, which hides read errors) and keep every
// call on the file inside Guard.
func OpenWorkbook(name string, data []byte, lim Limits) (*excelize.File, gyqc.Problems) {
	lim = lim.withDefaults()
	probs, rp := inspect(name, data, lim, true)
	defer rp.release()
	if len(probs.Errors()) > 0 {
		return nil, probs
	}
	src := data
	if b := rp.bytes(); b != nil {
		src = b // the bytes checked, stored: excelize need not inflate them again
	}
	f, more := GuardValue(name, func() (f *excelize.File, _ gyqc.Problems) {
		defer func() {
			if r := recover(); r != nil {
				if f != nil {
					f.Close()
				}
				panic(r)
			}
		}()
		f, err := excelize.OpenReader(bytes.NewReader(src), excelize.Options{
			RawCellValue:      true,
			UnzipSizeLimit:    lim.MaxTotalSize,
			UnzipXMLSizeLimit: lim.XMLMemory,
		})
		if err != nil {
			if f != nil {
				f.Close()
			}
			return nil, gyqc.Problems{openProblem(name, err)}
		}
		if len(f.GetSheetList()) == 0 {
			f.Close()
			return nil, gyqc.Problems{{Severity: gyqc.SevError, File: name, Rule: RuleNoSheets,
				Message: "工作簿中没有工作表", Fix: fixResave}}
		}
		return f, nil
	})
	probs = append(probs, more...)
	if f == nil {
		return nil, probs
	}
	return f, probs
}

// openProblem describes an error excelize returned on opening a file that passed Inspect.
func openProblem(name string, err error) gyqc.Problem {
	msg := "文件已损坏或格式异常，无法打开（" + short([]byte(err.Error())) + "）"
	if errors.Is(err, excelize.ErrWorkbookFileFormat) {
		msg = "文件不是有效的 Excel 工作簿"
	}
	return gyqc.Problem{Severity: gyqc.SevError, File: name, Rule: RuleMalformed, Message: msg, Fix: fixResave}
}
