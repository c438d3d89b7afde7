package collect

import (
	"fmt"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/store"
)

// audit records one entry of the audit trail per file of a chunk, in the transaction that
// records the files; an attempt recorded for a locked period says that it is kept as 补报.
func (c *collector) audit(tx *store.Tx, items []*item) error {
	actor, action := c.opts.Actor, c.opts.Action
	if actor == "" {
		actor = "gyqc"
	}
	if action == "" {
		action = gyqc.ActionCollect
	}
	now := c.opts.Now()
	for _, it := range items {
		if it == nil {
			continue
		}
		e := gyqc.AuditEntry{Time: now, Actor: actor, Action: action, Period: c.opts.Period}
		if it.actor != "" {
			e.Actor = it.actor
		}
		detail, err := c.detail(tx, it)
		if err != nil {
			return err
		}
		e.Detail = detail
		if it.ex != nil && it.ex.Unit != nil {
			e.Unit = it.ex.Unit.Code
		}
		if err := tx.Audit(&e); err != nil {
			return err
		}
	}
	return nil
}

// detail describes what became of one file for the audit trail.
func (c *collector) detail(tx *store.Tx, it *item) (string, error) {
	loc := c.plan.Location()
	head := fmt.Sprintf("文件“%s”（%s收到", it.shown, it.received.In(loc).Format("2006-01-02 15:04"))
	if it.hash != "" {
		head += "，SHA-256 " + it.hash[:12]
	}
	head += "）："
	switch {
	case it.elsewhere != nil:
		return head + "已作为" + it.elsewhere.Period.Label() + "的报送收取，未重复收取", nil
	case it.early != nil:
		return head + "退回，" + firstError(it.early), nil
	case it.ex == nil:
		return head + "未处理", nil
	case !it.ex.Attributed:
		return head + "无法识别报送单位或报送期，退回，" + firstError(it.ex.Problems), nil
	case it.stored == nil:
		return head + "未入库", nil
	case !it.added:
		return head + fmt.Sprintf("与已收的第%d版相同，未重复入库", it.stored.Version), nil
	}
	s := it.stored
	d := head + fmt.Sprintf("第%d版，%s", s.Version, s.Outcome.Label())
	if e, w := len(s.Problems.Errors()), len(s.Problems.Warnings()); e+w > 0 {
		d += fmt.Sprintf("（错误%d个、警告%d个）", e, w)
	}
	late, shown, err := tx.Supplement(s.ID)
	if err != nil {
		return "", err
	}
	if late {
		it.late, it.shownIn = true, shown
		d += fmt.Sprintf("；%s已锁定，作为补报保存，不改变已锁定的结果，在%s的简报中列出", s.Period.Label(), shown.Label())
	}
	return d, nil
}

// firstError returns the first error of a refusal for the audit trail.
func firstError(ps gyqc.Problems) string {
	if g := ps.Gist(); g != "" {
		return g
	}
	return "无具体原因"
}
