package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/qianjiang/gyqc"
)

// Event is one entry of the portal's log: an upload through a unit's link or by the office,
// or an office action, with who, when, from which address and what came of it. Uploads that
// could not be attributed to a unit are found through it (the unit's own list of uploads).
type Event struct {
	ID       int64
	Time     time.Time
	Actor    string // a unit code (through its link), 办公室, or the OS user of a command
	Action   string
	Unit     string
	Period   string
	Remote   string // the client address of a web request
	FileName string
	Hash     string
	Outcome  gyqc.Outcome
	Version  int
	Detail   string
}

// AddEvents appends entries to the portal's log, in one transaction, and returns their ids.
func (s *Store) AddEvents(ctx context.Context, entries ...Event) (ids []int64, err error) {
	err = s.Update(ctx, func(tx *Tx) error {
		ids, err = tx.AddEvents(entries...)
		return err
	})
	return ids, err
}

// AddEvents appends entries to the portal's log within the transaction and returns their ids.
func (t *Tx) AddEvents(entries ...Event) ([]int64, error) {
	ids := make([]int64, len(entries))
	for i, e := range entries {
		if e.Time.IsZero() {
			e.Time = t.s.Now()
		}
		res, err := t.tx.ExecContext(t.ctx, `INSERT INTO portal_events (time, actor, action, unit, period, remote, file_name, hash, outcome, version, detail)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Time.Format(time.RFC3339Nano), e.Actor, e.Action, e.Unit, e.Period,
			e.Remote, e.FileName, e.Hash, string(e.Outcome), e.Version, e.Detail)
		if err != nil {
			return nil, fmt.Errorf("append portal event: %w", err)
		}
		if ids[i], err = res.LastInsertId(); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// Event returns the entry with the id, or nil.
func (s *Store) Event(ctx context.Context, id int64) (*Event, error) {
	entries, err := s.eventQuery(ctx, `WHERE id = ?`, id)
	if err != nil || len(entries) == 0 {
		return nil, err
	}
	return &entries[0], nil
}

// EventQuery selects entries of the portal's log; empty fields select everything.
type EventQuery struct {
	Period string
	// Global adds, to a query by period, the entries of no period (office logins, link
	// rotations of the office).
	Global bool
	Unit   string
	Action string
	Limit  int // the newest Limit entries; 0: all
}

// Events returns the entries selected by q, oldest first.
func (s *Store) Events(ctx context.Context, q EventQuery) ([]Event, error) {
	tail := `WHERE (? = '' OR period = ? OR (? AND period = '')) AND (? = '' OR unit = ?) AND (? = '' OR action = ?) ORDER BY id DESC`
	args := []any{q.Period, q.Period, q.Global, q.Unit, q.Unit, q.Action, q.Action}
	if q.Limit > 0 {
		tail += ` LIMIT ?`
		args = append(args, q.Limit)
	}
	out, err := s.eventQuery(ctx, tail, args...)
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, err
}

// eventQuery reads the entries the SQL tail selects, in its order.
func (s *Store) eventQuery(ctx context.Context, tail string, args ...any) ([]Event, error) {
	var out []Event
	err := eachRow(ctx, s.db, "read portal events", `SELECT id, time, actor, action, unit, period, remote, file_name, hash, outcome, version, detail
		FROM portal_events `+tail, args, func(rows *sql.Rows) error {
		var e Event
		var t, outcome string
		if err := rows.Scan(&e.ID, &t, &e.Actor, &e.Action, &e.Unit, &e.Period, &e.Remote, &e.FileName, &e.Hash, &outcome, &e.Version, &e.Detail); err != nil {
			return err
		}
		e.Time, _ = time.Parse(time.RFC3339Nano, t)
		e.Outcome = gyqc.Outcome(outcome)
		out = append(out, e)
		return nil
	})
	return out, err
}

// Rejected returns the problems recorded for an attempt that could not be attributed (the
// file with hash, collected for period), and whether there is one.
func (s *Store) Rejected(ctx context.Context, hash string, period gyqc.Period) (gyqc.Problems, bool, error) {
	var pj string
	err := s.db.QueryRowContext(ctx, `SELECT problems FROM rejects WHERE hash = ? AND period = ?`, hash, period.String()).Scan(&pj)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("read rejected attempt: %w", err)
	}
	var probs gyqc.Problems
	if err := json.Unmarshal([]byte(pj), &probs); err != nil {
		return nil, false, fmt.Errorf("read rejected attempt: %w", err)
	}
	return probs, true, nil
}
