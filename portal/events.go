package portal

// Actions of the portal's log (store.Event).
const (
	eventUpload      = "upload"        // a unit uploaded a return through its link
	eventLogin       = "office-login"  // a login to the office pages (Detail says whether it failed)
	eventOfficeUp    = "office-upload" // the office uploaded returns that came by other ways
	eventConsolidate = "consolidate"
	eventBrief       = "brief"
	eventRemind      = "remind"
	eventRotate      = "rotate-link"
	eventDownload    = "download" // the office downloaded a unit's original file
)

// eventLabel returns an action of the portal's log in Chinese.
func eventLabel(action string) string {
	switch action {
	case eventUpload:
		return "单位上传"
	case eventLogin:
		return "办公室登录"
	case eventOfficeUp:
		return "办公室代收"
	case eventConsolidate:
		return "生成汇总表"
	case eventBrief:
		return "生成简报"
	case eventRemind:
		return "查看催报名单"
	case eventRotate:
		return "更换链接"
	case eventDownload:
		return "下载原件"
	case eventReview:
		return "审核"
	case eventLock:
		return "签发锁定"
	case eventUnlock:
		return "解除锁定"
	}
	return action
}
