package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/qianjiang/gyqc"
)

// AddReview records a review decision within the transaction and sets its ID.
func (t *Tx) AddReview(e *gyqc.ReviewEvent) error {
	until := ""
	if !e.Until.IsZero() {
		until = e.Until.Format(time.RFC3339Nano)
	}
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO reviews (period, unit, kind, version, text, until, flag, task, reviewer, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Period.String(), e.Unit, string(e.Kind), e.Version, e.Text, until,
		e.Flag, e.Task, e.Reviewer, e.At.Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("record review of %s for %s: %w", e.Unit, e.Period, err)
	}
	e.ID, err = res.LastInsertId()
	return err
}

// Reviews returns every review decision on the periods from..to inclusive, in the order they
// were recorded.
func (s *Store) Reviews(ctx context.Context, from, to gyqc.Period) (gyqc.Reviews, error) {
	return reviews(ctx, s.db, from, to)
}

// Reviews is Store.Reviews within the transaction.
func (t *Tx) Reviews(from, to gyqc.Period) (gyqc.Reviews, error) {
	return reviews(t.ctx, t.tx, from, to)
}

func reviews(ctx context.Context, q querier, from, to gyqc.Period) (gyqc.Reviews, error) {
	var out gyqc.Reviews
	err := eachRow(ctx, q, "query reviews", `SELECT id, period, unit, kind, version, text, until, flag, task, reviewer, at
		FROM reviews WHERE period >= ? AND period <= ? ORDER BY id`, []any{from.String(), to.String()}, func(rows *sql.Rows) error {
		var e gyqc.ReviewEvent
		var period, kind, until, at string
		if err := rows.Scan(&e.ID, &period, &e.Unit, &kind, &e.Version, &e.Text, &until, &e.Flag, &e.Task, &e.Reviewer, &at); err != nil {
			return err
		}
		e.Period, _ = gyqc.ParsePeriod(period)
		e.Kind = gyqc.ReviewKind(kind)
		if until != "" {
			e.Until, _ = time.Parse(time.RFC3339Nano, until)
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
		return nil
	})
	return out, err
}
