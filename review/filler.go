package review

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// untouched reports whether the unit filled nothing at all: every input cell of the return
// is empty (but for the statuses a layout-1 template preselected from last month's report).
// Such a file is the issued template sent back as it was, whatever program saved it.
func (c *checker) untouched() bool {
	for _, t := range c.in.Tasks {
		for _, in := range []templates.Input{t.Progress, t.Practice, t.Issues, t.NextPlan} {
			if !in.Empty() {
				return false
			}
		}
		if !t.Status.Empty() {
			prev := c.in.Previous
			if !c.in.PrefilledStatus || prev == nil || prev.Task(t.Task) == nil ||
				string(prev.Task(t.Task).Status) != strings.TrimSpace(t.Status.Text) {
				return false
			}
		}
	}
	for _, v := range c.in.Values {
		if !v.Value.Empty() || !v.Note.Empty() || !v.Growth.Empty() { // 数据截至 comes prefilled
			return false
		}
	}
	if f := c.in.Filler; f != nil {
		for _, in := range []templates.Input{f.Name, f.Phone, f.Reviewer, f.Date} {
			if !in.Empty() {
				return false
			}
		}
	}
	return len(c.in.Tasks)+len(c.in.Values) > 0
}

// filler checks 填报信息: 填报人 and a plausible 联系电话 are required, so that the office
// knows whom to call; no cell may hold an error or a logical value.
func (c *checker) filler() {
	f := c.in.Filler
	if f == nil {
		return
	}
	sheet := templates.Current().Guide.Sheet
	at := func(in templates.Input) templates.Input {
		if in.Sheet == "" {
			in.Sheet = sheet
		}
		return in
	}
	if name, ok := c.text(at(f.Name), "填报人", 0, ""); ok && name == "" {
		c.add(gyqc.SevError, at(f.Name), "filler-required", "未填写填报人", "请在“填报说明”工作表的“填报信息”中填写填报人姓名", 0, "", false)
	}
	phone, ok := c.text(at(f.Phone), "联系电话", 0, "")
	switch {
	case !ok:
	case phone == "":
		c.add(gyqc.SevError, at(f.Phone), "filler-required", "未填写联系电话", "请在“填报说明”工作表的“填报信息”中填写填报人的手机或座机号码", 0, "", false)
	case !PlausiblePhone(phone):
		c.add(gyqc.SevError, at(f.Phone), "phone-invalid", "联系电话“"+clip(phone)+"”不像电话号码",
			"请填写手机号（11位，如 13800000000）或座机号（如 023-79223456，分机写在“转”后）", 0, "", false)
	}
	c.text(at(f.Reviewer), "审核人", 0, "")
	if f.Date.Kind != templates.KindDate {
		c.text(at(f.Date), "填报日期", 0, "")
	}
}

// PlausiblePhone reports whether s reads as a telephone number: a mobile number (11 digits),
// a landline with or without its area code (7 to 12 digits), with +86, spaces, dashes or
// brackets, and an extension after 转, 分机, ext or x. Where several numbers are given, the
// first counts.
func PlausiblePhone(s string) bool {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"、", "/", "，", ",", "；", ";", " 或 ", "或"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	for _, ext := range []string{"转", "分机", "ext.", "ext", "EXT", "x", "X", "#"} {
		if i := strings.Index(s, ext); i > 0 {
			if !allDigits(strings.Trim(s[i+len(ext):], " -.")) {
				return false
			}
			s = s[:i]
			break
		}
	}
	var digits strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= '０' && r <= '９':
			digits.WriteRune('0' + (r - '０'))
		case strings.ContainsRune(" -—–()（）+.", r), unicode.IsSpace(r):
		default:
			return false
		}
	}
	d := strings.TrimPrefix(digits.String(), "86")
	if len(d) == 11 && d[0] == '1' {
		return true
	}
	return len(d) >= 7 && len(d) <= 12 && (len(d) <= 8 || d[0] == '0')
}

// allDigits reports whether s is a non-empty run of digits.
func allDigits(s string) bool {
	if s == "" || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// statusList names the statuses a unit in role may choose.
func statusList(role gyqc.Role) string {
	var names []string
	for _, s := range gyqc.Statuses {
		if s.For(role) {
			names = append(names, string(s))
		}
	}
	return strings.Join(names, "、")
}

// FillerOf returns who filled a return as stored: the texts as written (never an error or
// logical value) and 填报日期 as a date where the cell holds one.
func FillerOf(in templates.FillerInput) gyqc.Filler {
	text := func(in templates.Input) string {
		switch in.Kind {
		case templates.KindError, templates.KindBool:
			return ""
		case templates.KindDate:
			return in.Date
		}
		return strings.TrimSpace(in.Text)
	}
	date := text(in.Date)
	if in.Date.Kind == templates.KindUnknown {
		date = serialText(date)
	}
	return gyqc.Filler{Name: text(in.Name), Phone: text(in.Phone), Reviewer: text(in.Reviewer), Date: date}
}

// serialText writes an Excel date serial (1900 system) as YYYY-MM-DD and keeps any other
// text: for a 填报日期 cell whose type could not be read.
func serialText(s string) string {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 20000 || v > 80000 {
		return s
	}
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(v)).Format("2006-01-02")
}
