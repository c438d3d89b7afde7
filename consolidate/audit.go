package consolidate

import "github.com/qianjiang/gyqc"

// auditColumns are the columns of 审核记录.
var auditColumns = []Column{
	{Header: "序号", Width: 5, Center: true},
	{Header: "时间", Width: 18},
	{Header: "操作人", Width: 10, Max: 20, Wrap: true},
	{Header: "操作", Width: 8, Center: true},
	{Header: "单位代码", Width: 8, Max: 16},
	{Header: "单位", Width: 16, Max: 24, Wrap: true},
	{Header: "内容", Width: 60, Wrap: true},
}

// audit builds 审核记录: the period's audit trail (Options.Audit) — every file collected or
// uploaded, every review decision, the sign-off and lock, every unlock — in the order
// recorded.
func (s *summary) audit() *Table {
	t := &Table{Name: SheetAudit, Columns: auditColumns, Freeze: 2}
	for i, e := range s.opts.Audit {
		name := ""
		if u := s.plan.Registry.Unit(e.Unit); u != nil {
			name = u.Name
		}
		t.Rows = append(t.Rows, []Cell{
			integer(i + 1),
			instant(e.Time, s.loc, ""),
			text(e.Actor),
			text(e.Action.Label()),
			text(e.Unit),
			text(name),
			text(e.Detail),
		})
	}
	return t
}

// reviewLabel says where a unit's return stands in the office's review: 待审核, 已审核, or the
// manual return with its words; empty when there is nothing to review.
func (s *summary) reviewLabel(r *gyqc.ReportState) string {
	if r.Returned != nil {
		return "退回：" + r.ReturnLabel(s.plan)
	}
	return r.ReviewStatus.Label()
}
