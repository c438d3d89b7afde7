package gyqc

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes of errors meant for users. Each maps to an exit code in cmd/gyqc.
const (
	EInvalid  = "invalid"  // the user's input (flag, file, plan) is wrong
	ENotFound = "notfound" // something named does not exist
	EBusy     = "busy"     // the workspace is in use by another run
	EInternal = "internal" // a bug
	// EEnv is a fault of the machine: a full disk, a folder that cannot be written, a
	// read-only file system. The message says so in Chinese, with the OS detail after it.
	EEnv = "environment"
)

// Error is an error meant for users: a code and a message in Chinese, shown verbatim.
type Error struct {
	Code    string
	Message string
	err     error // the cause, for errors.Is and errors.As
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause of an environment fault (see EnvError), or nil.
func (e *Error) Unwrap() error { return e.err }

// Errorf returns an *Error with the code and a formatted Chinese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal when there is none.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EInternal
}

// ErrorMessage returns the user message of err: the message of an *Error, or a generic
// sentence followed by the internal detail for anything else.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "内部错误：" + err.Error()
}

// Severity says whether a problem blocks (an error) or only needs attention (a warning).
type Severity string

// Severities of problems.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	// SevNote records how a value was normalised (12.5亿 read as 12.5); it neither blocks
	// nor costs points.
	SevNote Severity = "note"
)

// Label returns the severity in Chinese.
func (s Severity) Label() string {
	switch s {
	case SevWarning:
		return "警告"
	case SevNote:
		return "提示"
	}
	return "错误"
}

// Rule names the check a Problem failed, as a stable code ("xml-syntax", "missing-row") that
// tests, the store and the office's tools match on; people read Message and Fix instead. Each
// package that checks something declares its rules as constants of this type in one block
// (intake.RuleXMLSyntax, templates.RuleMissingRow), as encoding/csv declares ErrFieldCount.
type Rule string

// RuleBehindWithoutReason is the warning on a task reported 滞后 whose 存在问题 gives no
// reason (see Explained). The review package raises it; the assessment needs its code because
// on a task the unit leads the rule task-behind-unexplained already charges the missing reason,
// and the same fault must not cost twice.
const RuleBehindWithoutReason Rule = "behind-without-reason"

// Problem is one positional finding about an input file: where it is (file, and line or
// sheet and cell where that applies), which rule it breaks, the value found and how to fix
// it. Readers collect every problem of a file instead of stopping at the first.
type Problem struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Sheet    string   `json:"sheet,omitempty"`
	Cell     string   `json:"cell,omitempty"`
	Rule     Rule     `json:"rule"`
	Value    string   `json:"value,omitempty"`
	Message  string   `json:"message"`
	Fix      string   `json:"fix,omitempty"`
	// Explained is set on a warning whose row carries an explanation (情况说明) from the
	// unit; explained warnings do not cost points in the assessment.
	Explained bool `json:"explained,omitempty"`
	// Task and Indicator tie a problem to the row it is about, when it is about one.
	Task      int    `json:"task,omitempty"`
	Indicator string `json:"indicator,omitempty"`
}

// Position returns where the problem is, in Chinese: "文件 第12行" or "文件 工作表“X” D5 单元格".
func (p Problem) Position() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, " 第%d行", p.Line)
	}
	if p.Sheet != "" {
		fmt.Fprintf(&b, " 工作表“%s”", p.Sheet)
	}
	if p.Cell != "" {
		fmt.Fprintf(&b, " %s单元格", p.Cell)
	}
	return strings.TrimSpace(b.String())
}

// String formats the problem as one line for a terminal.
func (p Problem) String() string {
	s := fmt.Sprintf("%s：%s：%s", p.Severity.Label(), p.Position(), p.Message)
	if p.ValueUnsaid() {
		s += fmt.Sprintf("（填写的是“%s”）", p.Value)
	}
	if p.Fix != "" {
		s += "。" + p.Fix
	}
	return s
}

// ValueUnsaid reports whether the problem's message leaves out what was written in the cell
// (Value), so that a line for people adds it (填写的是“…”) without saying it twice.
func (p Problem) ValueUnsaid() bool {
	return p.Value != "" && !strings.Contains(p.Message, "“"+p.Value+"”")
}

// Problems is a list of problems; as an error it reports how many there are and lists them.
type Problems []Problem

// Errors returns the problems of error severity.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == SevError || p.Severity == "" {
			out = append(out, p)
		}
	}
	return out
}

// Gist says what refuses a file in one phrase: its first error and how many errors there
// are (see Gist); empty when there is no error.
func (ps Problems) Gist() string {
	errs := ps.Errors()
	if len(errs) == 0 {
		return ""
	}
	return Gist(errs[0].Message, len(errs))
}

// Warnings returns the problems of warning severity.
func (ps Problems) Warnings() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == SevWarning {
			out = append(out, p)
		}
	}
	return out
}

// Error lists the problems, one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Rules of the attempts the evaluation leaves out (Evaluation.Ignored).
const (
	RulePeriodOutsideHorizon Rule = "period-outside-horizon"
	RuleUnknownOutcome       Rule = "unknown-outcome"
	RuleUnknownUnit          Rule = "unknown-unit"
)
