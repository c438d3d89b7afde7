package audit

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/review"
)

// RuleOfficeReturn is the rule of the problem a manual return puts first on the 退回意见单.
const RuleOfficeReturn gyqc.Rule = "office-return"

// writeReturn writes the 退回意见单 of a manual return: the office's words first, then the
// warnings the automatic checks found in the version returned, like the list collect writes
// for an automatic refusal. It returns the file written.
func (o *Office) writeReturn(period gyqc.Period, ue *gyqc.UnitEvaluation, ret *gyqc.ManualReturn, now time.Time) (string, error) {
	sub := ue.Report.Current
	if ret == nil || sub == nil {
		return "", nil
	}
	fix := "请按审核意见修改后重新报送（可直接在原文件上修改）"
	if !ret.Until.IsZero() {
		fix = "请按审核意见修改后，于" + o.clock(ret.Until) + "前重新报送（可直接在原文件上修改）；按期更正的不计迟报"
	}
	probs := gyqc.Problems{{Severity: gyqc.SevError, File: sub.FileName, Rule: RuleOfficeReturn,
		Message: "经审核退回（审核人：" + ret.Reviewer + "）：" + ret.Reason, Fix: fix}}
	for _, p := range sub.Problems {
		if p.Severity == gyqc.SevWarning {
			probs = append(probs, p)
		}
	}
	info := review.FeedbackInfo{PlanTitle: o.Plan.Title, UnitName: ue.Name, Period: period, FileName: sub.FileName, Hash: sub.Hash,
		Received: o.clock(sub.Received), Outcome: gyqc.OutcomeRefused, Issued: o.clock(now), Office: o.Plan.Reporting.Office}
	if o.Plan.Reporting.Contact != "" {
		info.Office += "（" + o.Plan.Reporting.Contact + "）"
	}
	var buf bytes.Buffer
	if err := review.WriteFeedback(&buf, info, probs); err != nil {
		return "", fmt.Errorf("write feedback of %s: %w", ue.Code, err)
	}
	dir := o.feedbackDir(period)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", gyqc.Errorf(gyqc.EInternal, "退回已记录，但无法创建意见单文件夹 %s：%v", dir, err)
	}
	name := review.FeedbackBase(review.FeedbackParts(period, ue.Code, ue.Name, sub.Version), review.ManualReturnSuffix)
	path := filepath.Join(dir, name+review.ManualReturnSuffix)
	if err := atomicfile.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", gyqc.Errorf(gyqc.EInternal, "退回已记录，但无法写入退回意见单 %s：%v", path, err)
	}
	return path, nil
}
