package samples

import (
	"fmt"
	"sort"
	"strings"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates"
)

// Batch is one month of returned files with their mess, and the manifest that describes them.
type Batch struct {
	Period   gyqc.Period
	Returns  []*Return // every file, in order of arrival
	Manifest *Manifest
}

// errorTexts are what units write into number cells when they have no figure.
var errorTexts = []string{"待统计", "约三十", "暂无数据", "见附件"}

// Batch writes the returns of period p with the scenario's mess applied, and the manifest.
func (g *Generator) Batch(p gyqc.Period, sc Scenario) (*Batch, error) {
	clean, err := g.Returns(p)
	if err != nil {
		return nil, err
	}
	cast := g.cast(p, sc)
	m := &Manifest{Plan: g.plan.ID, Period: p, Seed: g.Seed(), Due: g.plan.Due(p), Scenario: sc}
	m.Notes = g.shortfalls(p, sc, cast)
	b := &Batch{Period: p, Manifest: m}
	for _, r := range clean {
		u := g.plan.Registry.Unit(r.Unit)
		r.FileName = templates.FileName(p, u)
		entry := UnitEntry{Code: u.Code, Name: u.Name, State: StateOnTime, Mess: cast[u.Code]}
		files, err := g.unitFiles(r, u, p, &entry)
		if err != nil {
			return nil, err
		}
		b.Returns = append(b.Returns, files...)
		if n := len(files); n > 0 {
			t := files[n-1].Received
			entry.Received = &t
			entry.Files = n
		}
		m.Units = append(m.Units, entry)
	}
	sort.SliceStable(b.Returns, func(i, j int) bool {
		if !b.Returns[i].Received.Equal(b.Returns[j].Received) {
			return b.Returns[i].Received.Before(b.Returns[j].Received)
		}
		return b.Returns[i].Unit < b.Returns[j].Unit
	})
	for _, r := range b.Returns {
		m.Files = append(m.Files, File{Name: r.FileName, Unit: r.Unit, Version: r.Version, Received: r.Received,
			Mess: append([]Mess(nil), r.Mess...), Details: append([]string(nil), r.Details...)})
	}
	return b, nil
}

// unitFiles applies the unit's mess to its clean return r: the files the unit sends (none
// when it sends nothing, two when it resubmits) and, in entry, the state that mess leads to.
func (g *Generator) unitFiles(r *Return, u *gyqc.Unit, p gyqc.Period, entry *UnitEntry) ([]*Return, error) {
	switch entry.Mess {
	case MessMissing:
		entry.State = StateMissing
		return nil, nil
	case MessLate:
		g.makeLate(r)
		entry.State = StateLate
	case MessErrors:
		g.spoil(r)
		entry.State = StateRefused
	case MessResubmit:
		first := r.clone()
		g.spoil(first)
		first.Received = g.firstAttempt(u.Code, p)
		second := r
		second.Version = 2
		second.Mess = []Mess{MessResubmit}
		second.FileName = strings.TrimSuffix(r.FileName, ".xlsx") + "（修改后）.xlsx"
		second.Received = g.resubmitted(u.Code, p, first.Received)
		first.Filler.Date = first.Received.Format("2006-01-02")
		second.Filler.Date = second.Received.Format("2006-01-02")
		second.Details = []string{fmt.Sprintf("修改了第一次报送中的%d处错误后重新报送", len(first.Details))}
		return []*Return{first, second}, nil
	case MessCopied:
		last, err := g.Return(u.Code, p.Add(-1))
		if err != nil {
			return nil, err
		}
		g.copyTexts(r, last)
	case MessMisnamed:
		g.misname(r)
	case MessResaved:
		r.Mess = []Mess{MessResaved}
		r.Details = []string{"经LibreOffice打开后另存为xlsx"}
	case MessPercent:
		g.typePercent(r)
	case MessUntouched:
		r.Mess = []Mess{MessUntouched}
		r.Details = []string{"报回的是下发的模板本身，未填写任何内容"}
		entry.State = StateRefused
	case MessLegacy:
		r.FileName = strings.TrimSuffix(r.FileName, ".xlsx") + ".xls"
		r.Mess = []Mess{MessLegacy}
		r.Details = []string{"用WPS另存为旧版Excel 97-2003格式（.xls），文件名未改"}
		entry.State = StateRefused
	}
	return []*Return{r}, nil
}

// shortfalls says, for each mess the scenario asks for more often than units qualify for
// it, how many were made.
func (g *Generator) shortfalls(p gyqc.Period, sc Scenario, cast map[string]Mess) []string {
	var notes []string
	for _, x := range Messes {
		n := 0
		for _, v := range cast {
			if v == x {
				n++
			}
		}
		if n < sc.count(x) {
			if x == MessCopied && p == g.periods[0] {
				notes = append(notes, "首个报送期没有上月内容可照抄，未生成“照抄上月内容”的样例")
			} else {
				notes = append(notes, fmt.Sprintf("符合条件的单位不足，“%s”只生成了%d个（要求%d个）", x.Label(), n, sc.count(x)))
			}
		}
	}
	return notes
}

// typePercent types the return's percentages the Excel way: 18.5% into a cell, which Excel
// stores as 0.185 in a percent format.
func (g *Generator) typePercent(r *Return) {
	r.Mess = []Mess{MessPercent}
	for _, v := range r.Values {
		ind := g.plan.Indicator(v.Key)
		if ind == nil || ind.Measure != "%" || v.Value == nil {
			continue
		}
		r.PercentTyped = append(r.PercentTyped, v.Key)
		r.Details = append(r.Details, fmt.Sprintf("指标“%s”输入为“%s%%”（单元格为百分比格式，存为 %s）", ind.Name,
			gyqc.FormatNumber(*v.Value), gyqc.FormatNumber(*v.Value/100)))
	}
}

// makeLate moves the return past the deadline.
func (g *Generator) makeLate(r *Return) {
	r.Received = g.late(r.Unit, r.Period)
	r.Filler.Date = g.filledOn(r.Unit, r.Period, r.Received).Format("2006-01-02")
	r.Mess = []Mess{MessLate}
	r.Details = []string{fmt.Sprintf("%s收到，超过截止时间%s", r.Received.Format("2006-01-02 15:04"),
		gyqc.DurationLabel(r.Received.Sub(g.plan.Due(r.Period))))}
}

// spoil makes the errors a clerk in a hurry makes: a lead task's required progress text left
// empty and, when the unit reports figures, text in a number cell. Either is enough for the
// file to be refused.
func (g *Generator) spoil(r *Return) {
	r.Mess = []Mess{MessErrors}
	r.Details = nil
	h := key(g.seed, "spoil", r.Unit, r.Period.Index())
	var leads []int
	for i, t := range r.Tasks {
		if t.Role == gyqc.RoleLead {
			leads = append(leads, i)
		}
	}
	if len(leads) > 0 {
		i := leads[pick(h, len(leads))]
		r.Tasks[i].Progress = ""
		t := g.plan.Task(r.Tasks[i].Task)
		r.Details = append(r.Details, fmt.Sprintf("任务%d“%s”（牵头）的本月工作进展未填写", t.No, t.Title))
	}
	if len(r.Values) > 0 {
		h = splitmix(h)
		i := pick(h, len(r.Values))
		text := errorTexts[pick(splitmix(h), len(errorTexts))]
		r.Values[i].Value = nil
		r.Values[i].Raw = text
		ind := g.plan.Indicator(r.Values[i].Key)
		r.Details = append(r.Details, fmt.Sprintf("指标“%s”的本期值填写为“%s”", ind.Name, text))
	}
}

// copyTexts replaces this month's texts with last month's, unchanged, as a unit does that
// opens last month's file, changes the figures and sends it again.
func (g *Generator) copyTexts(r *Return, last *Return) {
	r.Mess = []Mess{MessCopied}
	if last == nil {
		return
	}
	n := 0
	for i := range r.Tasks {
		if t := last.Task(r.Tasks[i].Task); t != nil {
			r.Tasks[i].Progress, r.Tasks[i].Issues, r.Tasks[i].NextPlan = t.Progress, t.Issues, t.NextPlan
			n++
		}
	}
	r.Details = []string{fmt.Sprintf("%d项任务的本月工作进展、存在问题和下月计划照抄%s报送的内容", n, last.Period.Label())}
}

// misname gives the file a name that names another unit, as when a clerk reuses a colleague's
// e-mail or a file saved under the wrong name.
func (g *Generator) misname(r *Return) {
	h := key(g.seed, "misname", r.Unit, r.Period.Index())
	other := g.units[pick(h, len(g.units))]
	if other.Code == r.Unit {
		other = g.units[(pick(h, len(g.units))+1)%len(g.units)]
	}
	r.FileName = other.Name + r.Period.Label() + "工业强城建设进展情况.xlsx"
	r.Mess = []Mess{MessMisnamed}
	r.Details = []string{fmt.Sprintf("文件名写的是“%s”，内容是%s的报表", other.Name, g.plan.Registry.Unit(r.Unit).Name)}
}
