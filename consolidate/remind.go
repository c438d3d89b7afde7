package consolidate

import (
	"io"
	"strconv"

	"github.com/qianjiang/gyqc"
)

// SheetRemind is the name of the 催报名单's one sheet.
const SheetRemind = "催报名单"

// RemindRow is one unit of the 催报名单: the reminder, the path of the unit's 退回意见单
// (empty when there is none) and the message to send.
type RemindRow struct {
	gyqc.Reminder
	Feedback string
	Message  string
}

// remindColumns are the columns of the 催报名单.
var remindColumns = []Column{
	{Header: "序号", Width: 5, Center: true},
	{Header: "单位", Width: 16, Max: 24, Wrap: true},
	{Header: "报送情况", Width: 9, Center: true},
	{Header: "联系人", Width: 8},
	{Header: "联系电话", Width: 13},
	{Header: "审核人", Width: 8},
	{Header: "电子邮箱", Width: 18, Max: 28},
	{Header: "缺少或有误的内容", Width: 36, Wrap: true},
	{Header: "退回意见单", Width: 30, Wrap: true},
	{Header: "通知内容", Width: 50, Wrap: true},
}

// RemindTable builds the 催报名单 of an evaluation: one row per unit to remind or chase, with
// whom to call, what is missing or wrong, the 退回意见单 and the message.
func RemindTable(plan *gyqc.Plan, ev *gyqc.Evaluation, rows []RemindRow) *Table {
	s := &summary{plan: plan, ev: ev, loc: plan.Location()}
	kind := "催报名单"
	if ev.Provisional {
		kind = "报送提醒名单（截止时间未到）"
	}
	t := &Table{Name: SheetRemind, Columns: remindColumns, Freeze: 2, Intro: []string{
		plan.Title + " " + ev.Period.Label() + kind,
		"报送截止时间：" + plan.DueLabel(ev.Period) + "；统计时间：" + s.asOf() + "；共" + strconv.Itoa(len(rows)) + "个单位",
	}}
	for i, r := range rows {
		contact := func(v string) Cell {
			if v == "" {
				return noData("未登记")
			}
			return text(v)
		}
		t.Rows = append(t.Rows, []Cell{
			integer(i + 1),
			text(r.Name),
			text(r.Label),
			contact(r.Contact.Name),
			contact(r.Contact.Phone),
			text(r.Contact.Reviewer),
			text(r.Contact.Email),
			text(r.What(plan)),
			text(r.Feedback),
			text(r.Message),
		})
	}
	return t
}

// WriteRemindWorkbook writes the 催报名单 (see RemindTable) as a workbook, laid out and
// printed as the consolidated workbook's sheets are.
func WriteRemindWorkbook(w io.Writer, plan *gyqc.Plan, ev *gyqc.Evaluation, rows []RemindRow) error {
	t := RemindTable(plan, ev, rows)
	s := &summary{plan: plan, ev: ev, loc: plan.Location()}
	return writeTables(w, plan, bookInfo{title: t.Intro[0], asOf: s.asOf(), stamp: Options{}.stamp(ev),
		keywords: "gyqc remind " + ev.Period.String(), category: "gyqc 催报名单",
		description: "报送截止时间：" + plan.DueLabel(ev.Period) + "；统计时间：" + s.asOf()}, []*Table{t})
}
