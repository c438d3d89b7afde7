package gyqc

import "time"

// Action is a kind of recorded action on the workspace.
type Action string

// Actions of the audit trail.
const (
	ActionCollect Action = "collect" // a file collected by the office (command line)
	ActionUpload  Action = "upload"  // a file uploaded by a unit (portal)
	ActionReview  Action = "review"  // a review decision (ReviewKind in the detail)
	ActionLock    Action = "lock"    // a period signed off and locked
	ActionUnlock  Action = "unlock"  // a lock lifted, with the reason
	ActionLink    Action = "link"    // a unit's portal link, or the office's 口令, revoked and replaced
)

// Label returns the action in Chinese.
func (a Action) Label() string {
	switch a {
	case ActionCollect:
		return "收取"
	case ActionUpload:
		return "上传"
	case ActionReview:
		return "审核"
	case ActionLock:
		return "签发锁定"
	case ActionUnlock:
		return "解除锁定"
	case ActionLink:
		return "更换链接"
	}
	return string(a)
}

// AuditEntry is one recorded action (审核记录): when, who (the reviewer or signer named, the
// portal login, or the operating-system user), what, on which unit's return of which period,
// and what changed, in Chinese. The command line and the portal write the same entries.
type AuditEntry struct {
	ID     int64     `json:"-"`
	Time   time.Time `json:"time"`
	Actor  string    `json:"actor"`
	Action Action    `json:"action"`
	Period Period    `json:"period"`
	Unit   string    `json:"unit"` // empty for actions on the whole period or an unattributed file
	Detail string    `json:"detail"`
}
