package gyqc

import (
	"fmt"
	"time"
)

// Edition identifies the plan file and units file a plan was loaded from: their joint hash
// and, when the workspace keeps it, the version's number there and when it became active.
// The consolidated workbook and the briefing name it, so that a reader can tell which version
// of the plan and registry judged a period.
type Edition struct {
	Hash   string    `json:"hash"`             // SHA-256 of both files, hex
	No     int       `json:"no,omitempty"`     // the version's number in the workspace (第N版); 0: not kept there
	Since  time.Time `json:"since,omitzero"`   // when the version became active; zero: never activated
	Source string    `json:"source,omitempty"` // where it came from: 内置方案, a workbook, --plan files
}

// Short returns the first 12 hex digits of the hash.
func (e Edition) Short() string {
	if len(e.Hash) > 12 {
		return e.Hash[:12]
	}
	return e.Hash
}

// Label returns the edition in Chinese: a workspace's version with its short hash and the day
// it became active, such as "第2版（3f2a9c01b7de，2025-07-03启用）"; files the workspace does not
// keep by where they come from, such as "内置方案".
func (e Edition) Label() string {
	if e.No == 0 {
		if e.Source != "" {
			return e.Source
		}
		return "方案文件"
	}
	detail := e.Short()
	if !e.Since.IsZero() {
		detail += "，" + e.Since.Format("2006-01-02") + "启用"
	}
	return fmt.Sprintf("第%d版（%s）", e.No, detail)
}
