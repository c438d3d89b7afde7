// Package audit records the office's own judgement on the returns of a period and keeps the
// audit trail: review (accept a version, return it by hand with a 退回意见单, confirm or
// dismiss the evaluation's flags, adopt a task's 经验做法 into the briefing), sign-off and
// lock (the 汇总表 and briefing frozen in the workspace), unlock with its reason, and the log of
// every collect, upload, review, lock and unlock. The command line and the portal call the
// same Office methods; every change and its audit entry are committed together.
package audit
