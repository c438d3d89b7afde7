package collect

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/review"
)

// reject describes an attempt refused without being attributed to a unit and period
// (recorded by record) and writes its 退回意见单.
func (c *collector) reject(r Result, it *item, probs gyqc.Problems) (Result, error) {
	r.Outcome, r.Label, r.Problems = gyqc.OutcomeRefused, gyqc.OutcomeRefused.Label(), probs
	r.Errors, r.Warnings = len(probs.Errors()), len(probs.Warnings())
	info := c.info(nil, it.shown, it.received, gyqc.OutcomeRefused, r.Hash)
	if r.UnitName != "" {
		info.UnitName = r.UnitName
	}
	tag := "无法读取"
	if r.Hash != "" {
		tag = r.Hash[:8]
	}
	who := []string{"未识别", strings.TrimSuffix(it.name, filepath.Ext(it.name))}
	if r.Unit != "" {
		who = []string{r.Unit, r.UnitName}
	}
	name := c.feedbackName(append(append([]string{c.opts.Period.String()}, who...), tag), review.FeedbackSuffix(gyqc.OutcomeRefused))
	path, err := c.writeFeedback(name, info, probs)
	if err != nil {
		return r, err
	}
	r.Feedback = []string{path}
	return r, nil
}

// feedback writes the 意见单 (退回意见单 of a refused file, 审核意见单 of one accepted with
// warnings) and the marked copy of the unit's workbook.
func (c *collector) feedback(unit *gyqc.Unit, name string, data []byte, sub *gyqc.Submission, lim intake.Limits) ([]string, error) {
	parts := review.FeedbackParts(c.opts.Period, unit.Code, unit.Name, sub.Version)
	info := c.info(unit, name, sub.Received, sub.Outcome, sub.Hash)
	list, err := c.writeFeedback(c.feedbackName(parts, review.FeedbackSuffix(sub.Outcome)), info, sub.Problems)
	if err != nil {
		return nil, err
	}
	out := []string{list}
	if hasActiveContent(sub.Problems) {
		return out, nil // never carry macros or links into our outputs
	}
	marked, err := review.MarkWorkbook(name, data, lim, sub.Problems)
	if err != nil {
		return out, nil // the list says everything; the marked copy is a convenience
	}
	path := filepath.Join(c.opts.Feedback, c.feedbackName(parts, "_问题标注.xlsx"))
	if err := atomicfile.WriteFile(path, marked, 0o644); err != nil {
		return nil, gyqc.EnvError("无法写入 "+DisplayName(path), err)
	}
	return append(out, path), nil
}

// feedbackName returns a file name for a feedback file made of parts joined by "_" and the
// suffix (review.FeedbackBase: every part safe for a file name, the whole bounded in
// bytes), and unique within the run: a
// name another file of the run already got gets "_2", "_3", ... The same file collected
// again in a later run gets the same name, so its feedback is replaced, not repeated.
func (c *collector) feedbackName(parts []string, suffix string) string {
	base := review.FeedbackBase(parts, suffix)
	name := base + suffix
	for n := 2; c.names[name] && n < 1000; n++ {
		name = fmt.Sprintf("%s_%d%s", base, n, suffix)
	}
	c.names[name] = true
	return name
}

// writeFeedback writes one 意见单 into the feedback folder.
func (c *collector) writeFeedback(file string, info review.FeedbackInfo, probs gyqc.Problems) (string, error) {
	if err := os.MkdirAll(c.opts.Feedback, 0o755); err != nil {
		return "", gyqc.EnvError("无法创建意见单文件夹 "+DisplayName(c.opts.Feedback), err)
	}
	var buf bytes.Buffer
	if err := review.WriteFeedback(&buf, info, probs); err != nil {
		return "", fmt.Errorf("write feedback %s: %w", file, err)
	}
	path := filepath.Join(c.opts.Feedback, file)
	if err := atomicfile.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", gyqc.EnvError("无法写入 "+DisplayName(path), err)
	}
	return path, nil
}

func (c *collector) info(unit *gyqc.Unit, name string, received time.Time, outcome gyqc.Outcome, hash string) review.FeedbackInfo {
	return FeedbackInfo(c.plan, c.opts.Period, unit, name, received, outcome, hash, c.opts.Now())
}

// FeedbackInfo returns what the 意见单 of a file says about it: the plan, the unit (nil
// when the file could not be attributed), the file, when it arrived and what became of it,
// and the office to contact; issued is when the list is made.
func FeedbackInfo(plan *gyqc.Plan, period gyqc.Period, unit *gyqc.Unit, name string, received time.Time, outcome gyqc.Outcome,
	hash string, issued time.Time) review.FeedbackInfo {
	info := review.FeedbackInfo{PlanTitle: plan.Title, Period: period, FileName: name, Hash: hash,
		Received: received.In(plan.Location()).Format("2006-01-02 15:04"), Outcome: outcome,
		Issued: issued.In(plan.Location()).Format("2006-01-02 15:04"), Office: plan.Reporting.Office}
	if plan.Reporting.Contact != "" {
		info.Office += "（" + plan.Reporting.Contact + "）"
	}
	if unit != nil {
		info.UnitName = unit.Name
	}
	return info
}

// Markable reports whether a marked copy (问题标注) of a file with these problems can be
// made: some problem names a cell, and the file carries no active content, which is never
// carried into our outputs.
func Markable(probs gyqc.Problems) bool {
	if hasActiveContent(probs) {
		return false
	}
	for _, p := range probs {
		if p.Sheet != "" && p.Cell != "" && p.Severity != gyqc.SevNote {
			return true
		}
	}
	return false
}

// FeedbackFile returns the path of the 意见单 a collection wrote into folder for a version
// of a unit's return whose outcome is o, "" when there is none (it was written elsewhere, or
// removed). A version the office returned by hand (gyqc review --return) has its 审核退回意见单,
// found first when o is refused. Before the 意见单 of an accepted file was named 审核意见单 it
// too was named 退回意见单; such a file is found as well.
func FeedbackFile(folder string, period gyqc.Period, unit *gyqc.Unit, version int, o gyqc.Outcome) string {
	suffixes := []string{review.FeedbackSuffix(o), review.FeedbackSuffix(gyqc.OutcomeRefused)}
	if o == gyqc.OutcomeRefused {
		suffixes[0] = review.ManualReturnSuffix
	}
	for _, suffix := range suffixes {
		base := review.FeedbackBase(review.FeedbackParts(period, unit.Code, unit.Name, version), suffix)
		if p := filepath.Join(folder, base+suffix); fileExists(p) {
			return p
		}
		for n := 2; n < 10; n++ { // a name taken by another file of the same run
			if p := filepath.Join(folder, fmt.Sprintf("%s_%d%s", base, n, suffix)); fileExists(p) {
				return p
			}
		}
	}
	return ""
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
