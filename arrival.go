package gyqc

// TimeSource says where the time a return arrived at the office comes from. Lateness costs
// units points, so every collected return says which source its time rests on.
type TimeSource string

// Sources of the time a return arrived, from the most to the least trustworthy.
const (
	TimeMailServer TimeSource = "mail_server" // the topmost Received: header of its e-mail
	TimeMailDate   TimeSource = "mail_date"   // the Date: header of its e-mail (set by the sender)
	TimeGiven      TimeSource = "given"       // given by the clerk (collect --received)
	TimeFile       TimeSource = "file_time"   // the file's modification time (collect --file-time)
	TimeClock      TimeSource = "clock"       // the clock when it was collected
)

// Label returns the source in Chinese, as shown on each collected file's line.
func (s TimeSource) Label() string {
	switch s {
	case TimeMailServer:
		return "邮件服务器收到时间"
	case TimeMailDate:
		return "邮件发出时间"
	case TimeGiven:
		return "指定的收到时间"
	case TimeFile:
		return "文件修改时间"
	case TimeClock:
		return "收取时的时间"
	}
	return "未知来源"
}
