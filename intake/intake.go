package intake

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
	probs, _ := inspect(name, data, lim, false)
	return probs
}

// InspectParts is Inspect that also returns the XML parts of the package, inflated, by
// entry name, as it read them whole and found them sound (up to Limits.XMLMemory bytes in
// all, and only when the file passed): a reader that would inflate them again (the fast
// template reader, templates.ReadParts) reads these instead, so that each part is
// inflated once. The bytes must not be changed.
func InspectParts(name string, data []byte, lim Limits) (gyqc.Problems, map[string][]byte) {
	probs, parts := inspect(name, data, lim, true)
	if len(probs.Errors()) > 0 {
		return probs, nil
	}
	return probs, parts
}

// inspect runs the checks of Inspect, keeping the parts when asked.
func inspect(name string, data []byte, lim Limits, keep bool) (gyqc.Problems, map[string][]byte) {
	lim = lim.withDefaults()
	var kept map[string][]byte
	if keep {
		kept = map[string][]byte{}
	}
	col := &collector{file: name}
	switch {
	case len(data) == 0:
		col.add("", gyqc.Problem{Rule: RuleEmpty, Message: "文件是空的（0字节），不是填好的报表",
			Fix: "请检查发送的附件是否完整，重新发送填好的 .xlsx 文件"})
	case int64(len(data)) > lim.MaxFileSize:
		col.add("", gyqc.Problem{Rule: RuleTooLarge,
			Message: "文件有" + size(int64(len(data))) + "，超过上限" + size(lim.MaxFileSize) + "，本报表正常只有几十KB",
			Fix:     "请删除粘贴进表格的图片、多余的工作表和大片的空行空列，另存为 .xlsx 后重新报送"})
	case bytes.HasPrefix(data, magicZip), bytes.HasPrefix(data, magicZipEmpty):
		scanZip(data, lim, col, kept)
	default:
		col.add("", sniff(data))
	}
	return col.result(), kept
}

// OpenWorkbook checks a returned file with Inspect and, when it passes, opens it with
// excelize under the limits: unzip limits set explicitly, raw cell values (number formats
// are not applied; the template decides each column's type), and any library panic turned
// into a problem. It returns the file and the warnings, or nil and every problem.
//
// The caller must Close the file: parts larger than Limits.XMLMemory live in temporary
// files until then. Keep every further call on the file inside Guard; read sheets with Rows
// (never GetRows, which hides read errors), check each Columns error and stop at the first
// one: excelize parses a broken part again on every call, so going on costs time for
// nothing.
func OpenWorkbook(name string, data []byte, lim Limits) (*excelize.File, gyqc.Problems) {
	lim = lim.withDefaults()
	probs := Inspect(name, data, lim)
	if len(probs.Errors()) > 0 {
		return nil, probs
	}
	f, more := GuardValue(name, func() (f *excelize.File, _ gyqc.Problems) {
		defer func() { // close what was opened before a panic, then let Guard report it
			if r := recover(); r != nil {
				if f != nil {
					f.Close()
				}
				panic(r)
			}
		}()
		var err error
		f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
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
	return f, append(probs, more...)
}

// openProblem describes an error excelize returned on opening a file that passed Inspect.
func openProblem(name string, err error) gyqc.Problem {
	msg := "文件已损坏或格式异常，无法打开（" + short([]byte(err.Error())) + "）"
	if errors.Is(err, excelize.ErrWorkbookFileFormat) {
		msg = "文件不是有效的 Excel 工作簿"
	}
	return gyqc.Problem{Severity: gyqc.SevError, File: name, Rule: RuleMalformed, Message: msg, Fix: fixResave}
}
