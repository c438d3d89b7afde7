package intake

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/qianjiang/gyqc"
)

// Guard runs fn, which works on an untrusted workbook (excelize calls and the code around
// them), and turns a panic inside it into an error: gyqc.Problems holding one problem that
// says the file is malformed and names the file, instead of a crash. fn's own error is
// returned as it is. Call it around every piece of work on a returned file, in the
// goroutine that does the work: recover only sees panics of its own goroutine. Fatal
// runtime errors (out of memory, stack overflow) cannot be recovered; the limits Inspect
// enforces are what keeps them away.
func Guard(file string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = gyqc.Problems{panicProblem(file, r)}
		}
	}()
	return fn()
}

// GuardValue is Guard for work that returns a value and problems: after a panic the value
// is T's zero value and the problems end with the one describing the panic.
func GuardValue[T any](file string, fn func() (T, gyqc.Problems)) (v T, probs gyqc.Problems) {
	defer func() {
		if r := recover(); r != nil {
			var zero T
			v, probs = zero, append(probs, panicProblem(file, r))
		}
	}()
	return fn()
}

// panicProblem describes a recovered panic for the clerk, keeping the library's own words
// and where it happened at the end of the message for whoever looks into it.
func panicProblem(file string, r any) gyqc.Problem {
	detail := fmt.Sprint(r)
	if at := panicSite(debug.Stack()); at != "" {
		detail += " @ " + at
	}
	return gyqc.Problem{Severity: gyqc.SevError, File: file, Rule: RulePanic, Fix: fixResave,
		Message: "文件已损坏或格式异常，无法读取（程序信息：" + short([]byte(detail)) + "）"}
}

// panicSite returns the first function of a stack trace outside the runtime and this
// package, such as "github.com/xuri/excelize/v2.(*xlsxWorksheet).checkSheet".
func panicSite(stack []byte) string {
	for _, line := range strings.Split(string(stack), "\n") {
		if strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "goroutine ") || line == "" {
			continue
		}
		if strings.HasPrefix(line, "runtime") || strings.HasPrefix(line, "panic(") ||
			strings.Contains(line, "gyqc/consolidate.") {
			continue
		}
		if i := strings.LastIndexByte(line, '('); i > 0 {
			line = line[:i]
		}
		return line
	}
	return ""
}
