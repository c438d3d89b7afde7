package collect

import "github.com/qianjiang/gyqc"

// Rules of the problems the collection pipeline itself reports.
const (
	RuleFileNotRegular gyqc.Rule = "file-not-regular" // a directory, device or pipe, not a file
	RuleFileUnreadable gyqc.Rule = "file-unreadable"  // the file could not be read from disk
	RuleFileSwapped    gyqc.Rule = "file-swapped"     // replaced by a link or another file after it was found
	RuleOtherUnit      gyqc.Rule = "other-unit"       // a return sent through another unit's link
)
