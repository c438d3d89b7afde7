package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/qianjiang/gyqc"
)

// AddLock records a lock within the transaction: the lock, the attempts its evaluation
// counted (l.Versions), the other files stored with it (l.Outputs) and the evaluation as
// JSON. The 汇总表, the briefing and the outputs must have been archived (AddFile) in the same
// transaction. It sets l.ID; a period already locked is an
// EInvalid error.
func (t *Tx) AddLock(l *gyqc.Lock, evaluation []byte) error {
	if held, err := t.Lock(l.Period); err != nil {
		return err
	} else if held != nil {
		return gyqc.Errorf(gyqc.EInvalid, "%s已于 %s 由 %s 签发锁定，无需再次锁定", l.Period.Label(), held.At.Format("2006-01-02 15:04"), held.SignedBy)
	}
	var briefing any
	if l.Briefing != "" {
		briefing = l.Briefing
	}
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO locks (period, signed_by, locked_at, plan_version, evaluation, workbook, briefing)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, l.Period.String(), l.SignedBy, l.At.Format(time.RFC3339Nano), l.PlanVersion,
		string(evaluation), l.Workbook, briefing)
	if err != nil {
		return fmt.Errorf("record lock of %s: %w", l.Period, err)
	}
	if l.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	for _, id := range l.Versions {
		if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO lock_versions VALUES (?, ?)`, l.ID, id); err != nil {
			return fmt.Errorf("record lock of %s: %w", l.Period, err)
		}
	}
	for _, o := range l.Outputs {
		if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO lock_outputs VALUES (?, ?, ?)`, l.ID, o.Name, o.Hash); err != nil {
			return fmt.Errorf("record lock of %s: %w", l.Period, err)
		}
	}
	return nil
}

// Unlock lifts the lock holding on period within the transaction and returns it; a period
// not locked is an EInvalid error.
func (t *Tx) Unlock(period gyqc.Period, at time.Time, by, reason string) (*gyqc.Lock, error) {
	l, err := t.Lock(period)
	if err != nil {
		return nil, err
	}
	if l == nil {
		return nil, gyqc.Errorf(gyqc.EInvalid, "%s没有锁定，无需解除", period.Label())
	}
	if _, err := t.tx.ExecContext(t.ctx, `UPDATE locks SET unlocked_at = ?, unlocked_by = ?, unlock_reason = ? WHERE id = ?`,
		at.Format(time.RFC3339Nano), by, reason, l.ID); err != nil {
		return nil, fmt.Errorf("unlock %s: %w", period, err)
	}
	l.Unlocked, l.UnlockedBy, l.UnlockReason = at, by, reason
	return l, nil
}

// Lock returns the lock holding on period, nil when the period is open.
func (s *Store) Lock(ctx context.Context, period gyqc.Period) (*gyqc.Lock, error) {
	return lockOf(ctx, s.db, period)
}

// Lock is Store.Lock within the transaction.
func (t *Tx) Lock(period gyqc.Period) (*gyqc.Lock, error) { return lockOf(t.ctx, t.tx, period) }

func lockOf(ctx context.Context, q querier, period gyqc.Period) (*gyqc.Lock, error) {
	ls, err := locks(ctx, q, `WHERE period = ? AND unlocked_at IS NULL`, period.String())
	if err != nil || len(ls) == 0 {
		return nil, err
	}
	return &ls[0], nil
}

// Locks returns every lock of the periods from..to, those lifted too, by period and time.
func (s *Store) Locks(ctx context.Context, from, to gyqc.Period) ([]gyqc.Lock, error) {
	return locks(ctx, s.db, `WHERE period >= ? AND period <= ? ORDER BY period, id`, from.String(), to.String())
}

// LockEvaluation returns the evaluation recorded with a lock, as JSON.
func (s *Store) LockEvaluation(ctx context.Context, id int64) ([]byte, error) {
	var ev string
	err := s.db.QueryRowContext(ctx, `SELECT evaluation FROM locks WHERE id = ?`, id).Scan(&ev)
	return []byte(ev), err
}

func locks(ctx context.Context, q querier, tail string, args ...any) ([]gyqc.Lock, error) {
	var out []gyqc.Lock
	err := eachRow(ctx, q, "query locks", `SELECT id, period, signed_by, locked_at, plan_version, workbook, coalesce(briefing, ''),
		coalesce(unlocked_at, ''), coalesce(unlocked_by, ''), coalesce(unlock_reason, '') FROM locks `+tail, args, func(rows *sql.Rows) error {
		var l gyqc.Lock
		var period, at, unlocked string
		if err := rows.Scan(&l.ID, &period, &l.SignedBy, &at, &l.PlanVersion, &l.Workbook, &l.Briefing,
			&unlocked, &l.UnlockedBy, &l.UnlockReason); err != nil {
			return err
		}
		l.Period, _ = gyqc.ParsePeriod(period)
		l.At, _ = time.Parse(time.RFC3339Nano, at)
		if unlocked != "" {
			l.Unlocked, _ = time.Parse(time.RFC3339Nano, unlocked)
		}
		out = append(out, l)
		return nil
	})
	if err != nil { // the rows are closed now: a transaction's one connection can query the children
		return nil, err
	}
	for i := range out {
		if err := eachRow(ctx, q, "query", `SELECT submission_id FROM lock_versions WHERE lock_id = ? ORDER BY submission_id`, []any{out[i].ID},
			func(r *sql.Rows) error {
				var id int64
				if err := r.Scan(&id); err != nil {
					return err
				}
				out[i].Versions = append(out[i].Versions, id)
				return nil
			}); err != nil {
			return nil, err
		}
		if err := eachRow(ctx, q, "query", `SELECT name, hash FROM lock_outputs WHERE lock_id = ? ORDER BY name`, []any{out[i].ID},
			func(r *sql.Rows) error {
				var o gyqc.LockOutput
				if err := r.Scan(&o.Name, &o.Hash); err != nil {
					return err
				}
				out[i].Outputs = append(out[i].Outputs, o)
				return nil
			}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// markSupplement records, within the transaction, a new attempt for a period that a lock holds
// on as a supplement (补报), shown in the briefing of the first later period not locked now.
func (t *Tx) markSupplement(id int64, period gyqc.Period) error {
	l, err := t.Lock(period)
	if err != nil || l == nil {
		return err
	}
	shown := period.Add(1)
	for {
		next, err := t.Lock(shown)
		if err != nil {
			return err
		}
		if next == nil {
			break
		}
		shown = shown.Add(1)
	}
	_, err = t.tx.ExecContext(t.ctx, `INSERT INTO supplements VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, id, l.ID, shown.String())
	return err
}

// Supplement reports whether the attempt with the ID was recorded while its period was locked
// (补报), and the period whose briefing shows it.
func (t *Tx) Supplement(id int64) (bool, gyqc.Period, error) {
	var shown string
	err := t.tx.QueryRowContext(t.ctx, `SELECT shown_in FROM supplements WHERE submission_id = ?`, id).Scan(&shown)
	if err == sql.ErrNoRows {
		return false, gyqc.Period{}, nil
	}
	if err != nil {
		return false, gyqc.Period{}, err
	}
	p, err := gyqc.ParsePeriod(shown)
	return true, p, err
}

// supplementsShown returns, for the attempts recorded as supplements, the period whose
// briefing shows each.
func supplementsShown(ctx context.Context, q querier, from, to gyqc.Period) (map[int64]gyqc.Period, error) {
	out := map[int64]gyqc.Period{}
	err := eachRow(ctx, q, "query", `SELECT p.submission_id, p.shown_in FROM supplements p JOIN submissions s ON s.id = p.submission_id
		WHERE s.period >= ? AND s.period <= ?`, []any{from.String(), to.String()}, func(r *sql.Rows) error {
		var id int64
		var shown string
		if err := r.Scan(&id, &shown); err != nil {
			return err
		}
		out[id], _ = gyqc.ParsePeriod(shown)
		return nil
	})
	return out, err
}
