package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/qianjiang/gyqc"
)

// Record stores a collected attempt of a unit for a period, with its tasks, values and
// problems, in one transaction. The file must have been archived first. When the same bytes
// were already recorded for this unit and period nothing changes and Record returns the
// earlier submission with added false; otherwise the attempt becomes the next version.
func (s *Store) Record(ctx context.Context, sub *gyqc.Submission) (stored *gyqc.Submission, added bool, err error) {
	err = s.Update(ctx, func(tx *Tx) error {
		stored, added, err = tx.Record(sub)
		return err
	})
	return stored, added, err
}

// Record stores a collected attempt within the transaction; see Store.Record.
func (t *Tx) Record(sub *gyqc.Submission) (stored *gyqc.Submission, added bool, err error) {
	ctx, tx, s := t.ctx, t.tx, t.s
	err = func() error {
		var id int64
		var version int
		err := tx.QueryRowContext(ctx, `SELECT id, version FROM submissions WHERE unit = ? AND period = ? AND hash = ?`,
			sub.Unit, sub.Period.String(), sub.Hash).Scan(&id, &version)
		if err == nil {
			return nil // the same bytes again: nothing changes
		}
		if err != sql.ErrNoRows {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) + 1 FROM submissions WHERE unit = ? AND period = ?`,
			sub.Unit, sub.Period.String()).Scan(&version); err != nil {
			return err
		}
		filler, err := json.Marshal(sub.Filler)
		if err != nil {
			return fmt.Errorf("record submission of %s: filler: %w", sub.Unit, err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO submissions
			(unit, period, version, received, hash, file_name, application, outcome, filler, collected_at,
			 time_source, sender, sender_name, subject, by_file_name)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sub.Unit, sub.Period.String(), version, sub.Received.Format(time.RFC3339Nano), sub.Hash, sub.FileName,
			sub.Application, string(sub.Outcome), string(filler), s.Now().UTC().Format(time.RFC3339),
			string(sub.TimeSource), sub.Sender, sub.SenderName, sub.Subject, sub.ByFileName)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := t.markSupplement(id, sub.Period); err != nil {
			return err
		}
		for _, t := range sub.Tasks {
			if _, err := tx.ExecContext(ctx, `INSERT INTO task_reports
				(submission_id, task, role, status, progress, issues, next_plan, practice) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				id, t.Task, string(t.Role), string(t.Status), t.Progress, t.Issues, t.NextPlan, t.Practice); err != nil {
				return err
			}
		}
		for _, v := range sub.Values {
			covers := ""
			if !v.Covers.IsZero() {
				covers = v.Covers.String()
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO indicator_values (submission_id, key, value, raw, note, covers, growth)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, id, v.Key, v.Value, v.Raw, v.Note, covers, v.Growth); err != nil {
				return err
			}
		}
		for i, p := range sub.Problems {
			if _, err := tx.ExecContext(ctx, `INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, i, string(p.Severity), p.Sheet, p.Cell, p.Rule, p.Value, p.Message, p.Fix, p.Explained, p.Task, p.Indicator); err != nil {
				return err
			}
		}
		added = true
		return nil
	}()
	if err != nil {
		return nil, false, fmt.Errorf("record submission of %s for %s: %w", sub.Unit, sub.Period, err)
	}
	subs, err := s.query(ctx, tx, `WHERE unit = ? AND period = ? AND hash = ?`, sub.Unit, sub.Period.String(), sub.Hash)
	if err != nil || len(subs) != 1 {
		return nil, false, fmt.Errorf("read back submission of %s for %s: %v", sub.Unit, sub.Period, err)
	}
	return &subs[0], added, nil
}

// Reject records an attempt that could not be attributed to a unit and period, with its
// problems. The same file for the same period is recorded once.
func (s *Store) Reject(ctx context.Context, hash, fileName string, period gyqc.Period, received time.Time, probs gyqc.Problems) error {
	return s.Update(ctx, func(tx *Tx) error { return tx.Reject(hash, fileName, period, received, probs) })
}

// Reject records an unattributed attempt within the transaction; see Store.Reject.
func (t *Tx) Reject(hash, fileName string, period gyqc.Period, received time.Time, probs gyqc.Problems) error {
	pj, err := json.Marshal(probs)
	if err != nil {
		return err
	}
	ctx, s := t.ctx, t.s
	return func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO rejects (hash, file_name, period, received, problems, collected_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (hash, period) DO NOTHING`,
			hash, fileName, period.String(), received.Format(time.RFC3339Nano), string(pj), s.Now().UTC().Format(time.RFC3339))
		return err
	}(t.tx)
}

// RejectUnread records the refusal of a file that could not be read (so has no hash and is
// not archived): where it was, its name and size, and why.
func (t *Tx) RejectUnread(path, fileName string, size int64, period gyqc.Period, received time.Time, probs gyqc.Problems) error {
	pj, err := json.Marshal(probs)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(t.ctx, `INSERT INTO unread_refusals (path, file_name, size, period, received, problems, collected_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, path, fileName, size, period.String(), received.Format(time.RFC3339Nano), string(pj),
		t.s.Now().UTC().Format(time.RFC3339))
	return err
}

// Refusals counts the refusals recorded for the period that belong to no unit's history:
// files refused before they could be attributed (rejects) and files that could not be read.
func (s *Store) Refusals(ctx context.Context, period gyqc.Period) (rejected, unread int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM rejects WHERE period = ?),
		(SELECT count(*) FROM unread_refusals WHERE period = ?)`, period.String(), period.String()).Scan(&rejected, &unread)
	return rejected, unread, err
}

// LastAccepted implements gyqc.History.
func (s *Store) LastAccepted(ctx context.Context, unit string, before gyqc.Period) (*gyqc.Submission, error) {
	subs, err := s.query(ctx, s.db, `WHERE unit = ? AND period < ? AND outcome IN ('accepted', 'warned')
		ORDER BY period DESC, version DESC LIMIT 1`, unit, before.String())
	if err != nil || len(subs) == 0 {
		return nil, err
	}
	return &subs[0], nil
}

// LatestAccepted returns, for every unit, its current accepted submission of the latest
// period before the given one: what LastAccepted returns, for all units in a few queries.
func (s *Store) LatestAccepted(ctx context.Context, before gyqc.Period) (map[string]*gyqc.Submission, error) {
	subs, err := s.query(ctx, s.db, `AS s WHERE s.period < ? AND s.outcome IN ('accepted', 'warned')
		AND NOT EXISTS (SELECT 1 FROM submissions t WHERE t.unit = s.unit AND t.period < ?
			AND t.outcome IN ('accepted', 'warned')
			AND (t.period > s.period OR (t.period = s.period AND t.version > s.version)))
		ORDER BY s.unit`, before.String(), before.String())
	if err != nil {
		return nil, err
	}
	out := make(map[string]*gyqc.Submission, len(subs))
	for i := range subs {
		out[subs[i].Unit] = &subs[i]
	}
	return out, nil
}

// Submissions implements gyqc.History.
func (s *Store) Submissions(ctx context.Context, from, to gyqc.Period) ([]gyqc.Submission, error) {
	return s.query(ctx, s.db, `WHERE period >= ? AND period <= ? ORDER BY period, unit, version`, from.String(), to.String())
}

// query loads submissions matching the SQL tail (WHERE … ORDER BY …) with their children.
func (s *Store) query(ctx context.Context, q querier, tail string, args ...any) ([]gyqc.Submission, error) {
	subs, index, err := heads(ctx, q, tail, args...)
	if err != nil || len(subs) == 0 {
		return nil, err
	}
	// Children, for the selected submissions only.
	ids := "(" + idList(subs) + ")"
	if err := eachRow(ctx, q, "query", `SELECT submission_id, task, role, status, progress, issues, next_plan, practice FROM task_reports WHERE submission_id IN `+ids+` ORDER BY submission_id, task`, nil,
		func(r *sql.Rows) error {
			var id int64
			var t gyqc.TaskReport
			var role, status string
			if err := r.Scan(&id, &t.Task, &role, &status, &t.Progress, &t.Issues, &t.NextPlan, &t.Practice); err != nil {
				return err
			}
			t.Role, t.Status = gyqc.Role(role), gyqc.Status(status)
			subs[index[id]].Tasks = append(subs[index[id]].Tasks, t)
			return nil
		}); err != nil {
		return nil, err
	}
	if err := eachRow(ctx, q, "query", `SELECT submission_id, key, value, raw, note, covers, growth FROM indicator_values WHERE submission_id IN `+ids+` ORDER BY submission_id, rowid`, nil,
		func(r *sql.Rows) error {
			var id int64
			var v gyqc.IndicatorValue
			var val, growth sql.NullFloat64
			var covers string
			if err := r.Scan(&id, &v.Key, &val, &v.Raw, &v.Note, &covers, &growth); err != nil {
				return err
			}
			if val.Valid {
				f := val.Float64
				v.Value = &f
			}
			if growth.Valid {
				g := growth.Float64
				v.Growth = &g
			}
			if covers != "" {
				p, err := gyqc.ParsePeriod(covers)
				if err != nil {
					return fmt.Errorf("indicator value %s of submission %d: covers %q: %w", v.Key, id, covers, err)
				}
				v.Covers = p
			}
			subs[index[id]].Values = append(subs[index[id]].Values, v)
			return nil
		}); err != nil {
		return nil, err
	}
	if err := eachRow(ctx, q, "query", `SELECT submission_id, severity, sheet, cell, rule, value, message, fix, explained, task, indicator FROM problems WHERE submission_id IN `+ids+` ORDER BY submission_id, seq`, nil,
		func(r *sql.Rows) error {
			var id int64
			var p gyqc.Problem
			var sev string
			if err := r.Scan(&id, &sev, &p.Sheet, &p.Cell, &p.Rule, &p.Value, &p.Message, &p.Fix, &p.Explained, &p.Task, &p.Indicator); err != nil {
				return err
			}
			p.Severity = gyqc.Severity(sev)
			sub := &subs[index[id]]
			p.File = sub.FileName
			sub.Problems = append(sub.Problems, p)
			return nil
		}); err != nil {
		return nil, err
	}
	return subs, nil
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// eachRow runs query with args and calls scan on every row it returns, in order; what names
// the rows in the error of a query that fails ("" returns that error as it is).
func eachRow(ctx context.Context, db querier, what, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		if what == "" {
			return err
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// idList writes the ids of subs as a comma-separated list for an IN clause (integers only).
func idList(subs []gyqc.Submission) string {
	b := make([]byte, 0, len(subs)*6)
	for i, s := range subs {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, "%d", s.ID)
	}
	return string(b)
}

// Submissions is Store.Submissions within the transaction.
func (t *Tx) Submissions(from, to gyqc.Period) ([]gyqc.Submission, error) {
	return t.s.query(t.ctx, t.tx, `WHERE period >= ? AND period <= ? ORDER BY period, unit, version`, from.String(), to.String())
}

// decodeSubmission fills the columns of a submission row that are stored as text. A value
// that does not read back means the database was changed outside gyqc.
func decodeSubmission(sub *gyqc.Submission, period, received, outcome, filler string) error {
	var err error
	if sub.Period, err = gyqc.ParsePeriod(period); err != nil {
		return fmt.Errorf("submission %d: period %q: %w", sub.ID, period, err)
	}
	if sub.Received, err = time.Parse(time.RFC3339Nano, received); err != nil {
		return fmt.Errorf("submission %d: received time %q: %w", sub.ID, received, err)
	}
	sub.Outcome = gyqc.Outcome(outcome)
	if err := json.Unmarshal([]byte(filler), &sub.Filler); err != nil {
		return fmt.Errorf("submission %d: filler %q: %w", sub.ID, filler, err)
	}
	return nil
}

// Collected says for which unit and period a file was accepted.
type Collected struct {
	Unit   string
	Period gyqc.Period
}

// AcceptedElsewhere returns, by hash, the files accepted (or accepted with warnings) for
// another period than except: what a mailbox collected month after month holds again.
func (s *Store) AcceptedElsewhere(ctx context.Context, except gyqc.Period) (map[string]Collected, error) {
	out := map[string]Collected{}
	err := eachRow(ctx, s.db, "", `SELECT hash, unit, period FROM submissions
		WHERE period <> ? AND outcome IN ('accepted', 'warned') ORDER BY period, version`, []any{except.String()}, func(rows *sql.Rows) error {
		var hash, unit, period string
		if err := rows.Scan(&hash, &unit, &period); err != nil {
			return err
		}
		p, err := gyqc.ParsePeriod(period)
		if err != nil {
			return err
		}
		out[hash] = Collected{Unit: unit, Period: p}
		return nil
	})
	return out, err
}
