package store

import (
	"context"
	"database/sql"

	"github.com/qianjiang/gyqc"
)

// Heads returns the submissions of the periods from..to, as Submissions does but without
// their task reports, values and problems: what deciding each unit's state
// (gyqc.ReportStates) needs, in a small part of the memory. A collection run over a period
// that holds 10,000 returns already loads their heads, not the returns.
func (s *Store) Heads(ctx context.Context, from, to gyqc.Period) ([]gyqc.Submission, error) {
	subs, _, err := heads(ctx, s.db, `WHERE period >= ? AND period <= ? ORDER BY period, unit, version`, from.String(), to.String())
	return subs, err
}

// EachProgress calls each with the task reports of each submission of ids that has any, one
// submission at a time in the order of ids as stored: task, role, status and progress text,
// not the other texts. Nothing is kept after each returns.
func (s *Store) EachProgress(ctx context.Context, ids []int64, each func(id int64, tasks []gyqc.TaskReport)) error {
	if len(ids) == 0 {
		return nil
	}
	subs := make([]gyqc.Submission, len(ids))
	for i, id := range ids {
		subs[i].ID = id
	}
	var cur int64
	var tasks []gyqc.TaskReport
	err := eachRow(ctx, s.db, "query", `SELECT submission_id, task, role, status, progress FROM task_reports WHERE submission_id IN (`+
		idList(subs)+`) ORDER BY submission_id, task`, nil, func(r *sql.Rows) error {
		var id int64
		var t gyqc.TaskReport
		var role, status string
		if err := r.Scan(&id, &t.Task, &role, &status, &t.Progress); err != nil {
			return err
		}
		t.Role, t.Status = gyqc.Role(role), gyqc.Status(status)
		if id != cur && len(tasks) > 0 {
			each(cur, tasks)
			tasks = nil
		}
		cur = id
		tasks = append(tasks, t)
		return nil
	})
	if err == nil && len(tasks) > 0 {
		each(cur, tasks)
	}
	return err
}

// heads loads the submissions matching the SQL tail (WHERE … ORDER BY …) without their
// children, and the index of each by id.
func heads(ctx context.Context, q querier, tail string, args ...any) ([]gyqc.Submission, map[int64]int, error) {
	var subs []gyqc.Submission
	index := map[int64]int{}
	err := eachRow(ctx, q, "query submissions", `SELECT id, unit, period, version, received, hash, file_name, application, outcome, filler,
		time_source, sender, sender_name, subject, by_file_name
		FROM submissions `+tail, args, func(rows *sql.Rows) error {
		var sub gyqc.Submission
		var period, received, outcome, filler, source string
		if err := rows.Scan(&sub.ID, &sub.Unit, &period, &sub.Version, &received, &sub.Hash, &sub.FileName, &sub.Application, &outcome, &filler,
			&source, &sub.Sender, &sub.SenderName, &sub.Subject, &sub.ByFileName); err != nil {
			return err
		}
		if err := decodeSubmission(&sub, period, received, outcome, filler); err != nil {
			return err
		}
		sub.TimeSource = gyqc.TimeSource(source)
		index[sub.ID] = len(subs)
		subs = append(subs, sub)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return subs, index, nil
}
