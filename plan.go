package gyqc

import (
	"fmt"
	"time"
)

// Plan is one implementation plan: its identity, horizon, reporting rule, the projects and
// tasks with their lead and supporting units, the work requirements, the indicators and the
// registry of units. A Plan is built by LoadPlan and is read-only afterwards.
type Plan struct {
	ID           string        `json:"id"`
	Version      string        `json:"version"`
	Title        string        `json:"title"`
	Document     string        `json:"document"`
	Issuers      []string      `json:"issuers"`
	Issued       string        `json:"issued"`
	Horizon      Horizon       `json:"horizon"`
	Reporting    Reporting     `json:"reporting"`
	Briefing     Briefing      `json:"briefing"`
	Projects     []Project     `json:"projects"`
	Tasks        []Task        `json:"tasks"`
	Requirements []Requirement `json:"requirements"`
	Indicators   []Indicator   `json:"indicators"`
	Lights       Lights        `json:"lights"`     // task light rules (lights:)
	Assessment   Assessment    `json:"assessment"` // scoring rules of the units (assessment:)
	Edition      Edition       `json:"edition"`    // which files, and which workspace version, the plan comes from
	Registry     *Registry     `json:"-"`

	location *time.Location
	assign   map[string][]Assignment
}

// Horizon is the span of the plan: the reporting periods from First to Last, and the period
// whose end is the baseline of the time-elapsed expectation (时序进度).
type Horizon struct {
	First    Period `json:"first_period"`
	Last     Period `json:"last_period"`
	Baseline Period `json:"baseline_period"`
}

// Contains reports whether p is a reporting period of the horizon.
func (h Horizon) Contains(p Period) bool { return !p.Before(h.First) && !p.After(h.Last) }

// Periods returns every reporting period of the horizon in order.
func (h Horizon) Periods() []Period {
	var out []Period
	for p := h.First; !p.After(h.Last); p = p.Add(1) {
		out = append(out, p)
	}
	return out
}

// Reporting is the reporting rule: monthly, due before DueDay of the following month at
// DueTime in Timezone, to Office.
type Reporting struct {
	Frequency  string `json:"frequency" yaml:"frequency"`
	DueDay     int    `json:"due_day" yaml:"due_day"`
	DueTime    string `json:"due_time" yaml:"due_time"`
	Timezone   string `json:"timezone" yaml:"timezone"`
	Office     string `json:"office" yaml:"office"`
	OfficeUnit string `json:"office_unit" yaml:"office_unit"`
	Contact    string `json:"contact" yaml:"contact"`
}

// Briefing holds what the briefing needs from the plan: its name, the issuing office (编印单位,
// in the masthead and the 报尾) and the briefing's own 报尾 lines (Recipients: 报、送、发, which
// the office sets). Distribution and Printer are the plan document's own 报尾, kept as the
// document has them; briefings do not use them.
type Briefing struct {
	Name         string         `json:"name" yaml:"name"`
	Issuer       string         `json:"issuer" yaml:"issuer"`
	Recipients   []Distribution `json:"recipients" yaml:"recipients"`
	Distribution []Distribution `json:"distribution" yaml:"distribution"`
	Printer      string         `json:"printer" yaml:"printer"`
}

// DefaultRecipients are the briefing's 报尾 lines when the plan file sets none: its main
// reader 区委考核办 and the 领导小组's members among them.
var DefaultRecipients = []Distribution{
	{Label: "报", Text: "区委、区政府主要领导和分管领导"},
	{Label: "送", Text: "区委考核办，领导小组成员单位"},
	{Label: "发", Text: "方案确定的各责任单位"},
}

// BriefingRecipients returns the 报尾 lines of the briefing: Recipients, or
// DefaultRecipients when the plan file sets none.
func (b Briefing) BriefingRecipients() []Distribution {
	if len(b.Recipients) > 0 {
		return b.Recipients
	}
	return DefaultRecipients
}

// Distribution is one 报尾 line such as 发：… or 送：….
type Distribution struct {
	Label string `json:"label" yaml:"label"`
	Text  string `json:"text" yaml:"text"`
}

// Project is one of the eight projects (八大工程), numbered 1 to 8 in the document's order.
type Project struct {
	No    int    `json:"no"`
	Name  string `json:"name"`
	Text  string `json:"text"`
	Tasks []int  `json:"tasks"`
}

// Numeral returns the project's number as a Chinese numeral: 一 to 八 (and beyond).
func (p Project) Numeral() string { return ChineseNumeral(p.No) }

// Task is one of the plan's numbered tasks. Lead and Support hold canonical unit names and
// group names as the plan writes them, in the document's order.
type Task struct {
	No           int      `json:"no"`
	Project      int      `json:"project"`
	Title        string   `json:"title"`
	Text         string   `json:"text"`
	Lead         []string `json:"lead"`
	Support      []string `json:"support"`
	SupportLabel string   `json:"support_label"`
}

// Requirement is one of the work requirements (工作要求) of the plan, with its units.
type Requirement struct {
	No           int      `json:"no"`
	Title        string   `json:"title"`
	Text         string   `json:"text"`
	Lead         []string `json:"lead"`
	Support      []string `json:"support"`
	SupportLabel string   `json:"support_label"`
}

// Task returns the task numbered no, or nil.
func (p *Plan) Task(no int) *Task { return find(p.Tasks, func(t *Task) bool { return t.No == no }) }

// Project returns the project numbered no, or nil.
func (p *Plan) Project(no int) *Project {
	return find(p.Projects, func(x *Project) bool { return x.No == no })
}

// Indicator returns the indicator with the key, or nil.
func (p *Plan) Indicator(key string) *Indicator {
	return find(p.Indicators, func(x *Indicator) bool { return x.Key == key })
}

// find returns the first element of s that match holds for, or nil.
func find[T any](s []T, match func(*T) bool) *T {
	for i := range s {
		if match(&s[i]) {
			return &s[i]
		}
	}
	return nil
}

// filter returns the elements of s that match holds for, in order.
func filter[T any](s []T, match func(*T) bool) []*T {
	var out []*T
	for i := range s {
		if match(&s[i]) {
			out = append(out, &s[i])
		}
	}
	return out
}

// TaskIndicators returns the indicators that belong to task no, in plan order.
func (p *Plan) TaskIndicators(no int) []*Indicator {
	return filter(p.Indicators, func(x *Indicator) bool { return x.Task == no })
}

// SetLocation sets the plan's time zone, which its loader has resolved from
// Reporting.Timezone.
func (p *Plan) SetLocation(loc *time.Location) { p.location = loc }

// Location returns the plan's time zone.
func (p *Plan) Location() *time.Location {
	if p.location == nil {
		return time.UTC
	}
	return p.location
}

// Due returns the deadline of period: DueDay of the following month at DueTime, in the
// plan's time zone. A report received before this instant is on time.
func (p *Plan) Due(period Period) time.Time {
	next := period.Add(1)
	var h, m int
	fmt.Sscanf(p.Reporting.DueTime, "%d:%d", &h, &m)
	return time.Date(next.Year, next.Month, p.Reporting.DueDay, h, m, 0, 0, p.Location())
}

// DueLabel returns the deadline of period in Chinese, such as 2025年7月1日前.
func (p *Plan) DueLabel(period Period) string {
	d := p.Due(period)
	s := fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
	if d.Hour() != 0 || d.Minute() != 0 {
		s += fmt.Sprintf("%02d:%02d", d.Hour(), d.Minute())
	}
	return s + "前"
}

// CheckPeriod returns a Chinese error when period lies outside the plan's horizon.
func (p *Plan) CheckPeriod(period Period) error {
	if !p.Horizon.Contains(period) {
		return Errorf(EInvalid, "报送期 %s 不在方案的报送期范围内（%s 至 %s），例如 %s",
			period, p.Horizon.First, p.Horizon.Last, p.Horizon.Last)
	}
	return nil
}

// ChineseNumeral writes n (1 to 99) as a Chinese numeral: 一, 十二, 二十四.
func ChineseNumeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	case n%10 == 0:
		return digits[n/10] + "十"
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}
