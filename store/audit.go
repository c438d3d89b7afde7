package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/qianjiang/gyqc"
)

// Audit records an entry of the audit trail within the transaction, so that the entry and
// the change it describes are committed together. A zero Time takes the store's clock.
func (t *Tx) Audit(e *gyqc.AuditEntry) error {
	if e.Time.IsZero() {
		e.Time = t.s.Now()
	}
	period := ""
	if !e.Period.IsZero() {
		period = e.Period.String()
	}
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO audit (at, actor, action, period, unit, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		e.Time.Format(time.RFC3339Nano), e.Actor, string(e.Action), period, e.Unit, e.Detail)
	if err != nil {
		return fmt.Errorf("record audit entry: %w", err)
	}
	e.ID, err = res.LastInsertId()
	return err
}

// Audit records one entry of the audit trail in its own transaction.
func (s *Store) Audit(ctx context.Context, e *gyqc.AuditEntry) error {
	return s.Update(ctx, func(tx *Tx) error { return tx.Audit(e) })
}

// AuditLog returns the audit trail of a period in the order recorded.
func (s *Store) AuditLog(ctx context.Context, period gyqc.Period) ([]gyqc.AuditEntry, error) {
	return auditLog(ctx, s.db, period)
}

// AuditLog is Store.AuditLog within the transaction.
func (t *Tx) AuditLog(period gyqc.Period) ([]gyqc.AuditEntry, error) {
	return auditLog(t.ctx, t.tx, period)
}

func auditLog(ctx context.Context, q querier, period gyqc.Period) ([]gyqc.AuditEntry, error) {
	var out []gyqc.AuditEntry
	err := eachRow(ctx, q, "query audit trail", `SELECT id, at, actor, action, period, unit, detail FROM audit WHERE period = ? ORDER BY id`,
		[]any{period.String()}, func(rows *sql.Rows) error {
			var e gyqc.AuditEntry
			var at, action, p string
			if err := rows.Scan(&e.ID, &at, &e.Actor, &action, &p, &e.Unit, &e.Detail); err != nil {
				return err
			}
			e.Time, _ = time.Parse(time.RFC3339Nano, at)
			e.Action = gyqc.Action(action)
			e.Period, _ = gyqc.ParsePeriod(p)
			out = append(out, e)
			return nil
		})
	return out, err
}
