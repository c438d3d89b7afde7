package collect

import "github.com/qianjiang/gyqc"

// Rules of the problems the collection pipeline itself reports.
const (
	RuleFileNotRegular gyqc.Rule = "file-not-regular" // a directory, device or pipe, not a file
	RuleFileUnreadable gyqc.Rule = "file-unreadable"  // the file could not be read from disk
	RuleOtherUnit      gyqc.Rule = "other-unit"       // a return sent through another unit's link
)
