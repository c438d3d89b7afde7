package consolidate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
)

// The sheets of the consolidated workbook, in order.
const (
	SheetOverview   = "总览"
	SheetTasks      = "任务进展"
	SheetIndicators = "指标完成"
	SheetReports    = "报送情况"
	SheetScores     = "单位考核"
	SheetHistory    = "历史趋势"
	SheetDetail     = "明细"
	SheetAudit      = "审核记录"
)

// Options are the options of the consolidated workbook and its CSV tables.
type Options struct {
	// Stamp is the time the workbook records as its creation time. Zero: the evaluation
	// time, or for an evaluation after every deadline the period's deadline; never the wall
	// clock, so that the same input gives the same file.
	Stamp time.Time
	// TextLimit caps, in characters, the attributed texts of one task in 任务进展 (every
	// unit's progress, problems and plans joined); the rest is in 明细. Zero: 6,000.
	TextLimit int
	// Audit is the period's audit trail, shown in 审核记录 (gyqc log).
	Audit []gyqc.AuditEntry
	// Context, when set, stops the writing of a workbook or of CSV files once it is done:
	// between sheets, every few hundred rows and while the file is written out. The
	// output is then not written (the writers write through a temporary file).
	Context context.Context
}

// ctxErr returns the error of the options' context, nil without one.
func (o Options) ctxErr() error {
	if o.Context == nil {
		return nil
	}
	return o.Context.Err()
}

// stamp returns the time the outputs record.
func (o Options) stamp(ev *gyqc.Evaluation) time.Time {
	switch {
	case !o.Stamp.IsZero():
		return o.Stamp
	case !ev.Now.IsZero():
		return ev.Now
	}
	return ev.Due
}

// Tables builds the tables of the consolidated workbook from an evaluation: 总览,
// 任务进展, 指标完成, 报送情况, 单位考核, 历史趋势, 明细 and 审核记录. subs are the attempts the evaluation
// was given (nil: only those it counted); 明细 lists every one of the periods evaluated, so
// that each figure of the other tables traces back to its file, and marks those the
// evaluation did not count.
func Tables(plan *gyqc.Plan, ev *gyqc.Evaluation, subs []gyqc.Submission, opts Options) ([]*Table, error) {
	if ev == nil {
		return nil, gyqc.Errorf(gyqc.EInternal, "内部错误：没有可汇总的评价结果")
	}
	if plan == nil {
		plan = ev.Plan
	}
	if plan == nil || plan.Registry == nil || len(ev.Periods) == 0 {
		return nil, gyqc.Errorf(gyqc.EInternal, "内部错误：没有可用的方案")
	}
	if opts.TextLimit <= 0 {
		opts.TextLimit = 6000
	}
	s := &summary{plan: plan, ev: ev, subs: subs, opts: opts, loc: plan.Location()}
	return []*Table{
		s.overview(),
		s.tasks(),
		s.indicators(),
		s.reports(),
		s.scores(),
		s.history(),
		s.detail(),
		s.audit(),
	}, nil
}

// summary holds what every table of one consolidation shares.
type summary struct {
	plan *gyqc.Plan
	ev   *gyqc.Evaluation
	subs []gyqc.Submission
	opts Options
	loc  *time.Location
}

// title returns the workbook's title: 黔江区“工业强城”建设实施方案 2025年6月汇总.
func (s *summary) title() string {
	return s.plan.Title + " " + s.ev.Period.Label() + "汇总"
}

// asOf says when the evaluation was made, in Chinese.
func (s *summary) asOf() string {
	if s.ev.Now.IsZero() {
		return "各报送截止时间之后"
	}
	return s.ev.Now.In(s.loc).Format("2006年1月2日 15:04")
}

// stateLabel returns a reporting state for a table by its one name (ReportState.Label:
// 按时报送, 迟报3天2小时, 未报送, 被退回, 尚未报送), with the returns received after the
// period was locked.
func stateLabel(r *gyqc.ReportState) string {
	switch {
	case r == nil:
		return "无"
	case len(r.Supplements) > 0:
		return fmt.Sprintf("%s（锁定后补报%d份）", r.Label(), len(r.Supplements))
	}
	return r.Label()
}

// valueWhy says why an indicator of a submission has no figure: 未填报, or what was written
// when it is not a number.
func valueWhy(v *gyqc.IndicatorValue) string {
	if v == nil || strings.TrimSpace(v.Raw) == "" {
		return "未填报"
	}
	return "未填数字（" + v.Raw + "）"
}

// shortHash returns the first 12 hexadecimal digits of a file's SHA-256, enough to find it
// among a workspace's files; 明细 shows the whole hash.
func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
