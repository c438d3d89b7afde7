package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/qianjiang/gyqc"
)

// PlanVersion is one version of the plan file and units file the workspace keeps.
type PlanVersion struct {
	No     int       // 第N版: versions are numbered in the order they were first kept
	Hash   string    // planfile.Hash of the two files
	Plan   []byte    // the plan file
	Units  []byte    // the units file
	Source string    // where it came from
	Kept   time.Time // when it was first kept
	Active time.Time // when it last became the active version; zero when never
}

// Edition returns the version as the plan names it in outputs.
func (v *PlanVersion) Edition() gyqc.Edition {
	return gyqc.Edition{Hash: v.Hash, No: v.No, Since: v.Active, Source: v.Source}
}

// Reasons a period is assigned a version.
const (
	AssignIssue  = "issue"  // the period's templates were issued under it
	AssignReplan = "replan" // the office re-evaluated the period under it on purpose
)

// KeepPlan keeps a version of the plan files, once per hash, and returns it with added
// true when it was new.
func (s *Store) KeepPlan(ctx context.Context, hash string, plan, units []byte, source string) (v *PlanVersion, added bool, err error) {
	err = s.Update(ctx, func(tx *Tx) error {
		res, err := tx.tx.ExecContext(ctx, `INSERT INTO plan_versions (hash, plan, units, source, kept_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`, hash, plan, units, source, s.now())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		added = n == 1
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("keep plan version: %w", err)
	}
	v, err = s.planWhere(ctx, `WHERE v.hash = ?`, hash)
	return v, added, err
}

// ActivatePlan makes version no the workspace's active plan.
func (s *Store) ActivatePlan(ctx context.Context, no int) error {
	return s.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO plan_activations (version, activated_at) VALUES (?, ?)`, no, s.now())
		return err
	})
}

// ActivePlan returns the active version, nil when the workspace has none.
func (s *Store) ActivePlan(ctx context.Context) (*PlanVersion, error) {
	return s.planWhere(ctx, `WHERE v.no = (SELECT version FROM plan_activations ORDER BY id DESC LIMIT 1)`)
}

// PlanVersionNo returns version no, nil when there is none.
func (s *Store) PlanVersionNo(ctx context.Context, no int) (*PlanVersion, error) {
	return s.planWhere(ctx, `WHERE v.no = ?`, no)
}

// PlanVersions returns every version kept, oldest first.
func (s *Store) PlanVersions(ctx context.Context) ([]PlanVersion, error) {
	return s.plans(ctx, `ORDER BY v.no`)
}

// AssignPeriod records that period is evaluated under version no, for the reason given
// (AssignIssue or AssignReplan). Earlier assignments stay on record.
func (s *Store) AssignPeriod(ctx context.Context, period gyqc.Period, no int, reason string) error {
	return s.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO period_plans (period, version, reason, assigned_at) VALUES (?, ?, ?, ?)`,
			period.String(), no, reason, s.now())
		return err
	})
}

// PeriodAssignment is the version a period is evaluated under and why.
type PeriodAssignment struct {
	Period  gyqc.Period
	Version int
	Reason  string
	At      time.Time
}

// PeriodAssignments returns the current assignment of every assigned period, by period.
func (s *Store) PeriodAssignments(ctx context.Context) ([]PeriodAssignment, error) {
	var out []PeriodAssignment
	err := eachRow(ctx, s.db, "", `SELECT p.period, p.version, p.reason, p.assigned_at FROM period_plans p
		WHERE p.id = (SELECT max(id) FROM period_plans q WHERE q.period = p.period) ORDER BY p.period`, nil, func(rows *sql.Rows) error {
		var a PeriodAssignment
		var period, at string
		if err := rows.Scan(&period, &a.Version, &a.Reason, &at); err != nil {
			return err
		}
		var err error
		if a.Period, err = gyqc.ParsePeriod(period); err != nil {
			return err
		}
		a.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, a)
		return nil
	})
	return out, err
}

// PeriodPlan returns the version period is evaluated under: the one it was last assigned
// (when its templates were issued, or on purpose later); for a period never assigned, the
// version that was active at due (the period's deadline), or the first one activated when
// none was active then. It returns nil when the workspace keeps no version.
func (s *Store) PeriodPlan(ctx context.Context, period gyqc.Period, due time.Time) (*PlanVersion, *PeriodAssignment, error) {
	var no int
	var reason, at string
	err := s.db.QueryRowContext(ctx, `SELECT version, reason, assigned_at FROM period_plans WHERE period = ? ORDER BY id DESC LIMIT 1`,
		period.String()).Scan(&no, &reason, &at)
	switch {
	case err == nil:
		v, err := s.PlanVersionNo(ctx, no)
		t, _ := time.Parse(time.RFC3339Nano, at)
		return v, &PeriodAssignment{Period: period, Version: no, Reason: reason, At: t}, err
	case err != sql.ErrNoRows:
		return nil, nil, err
	}
	chosen := 0
	err = eachRow(ctx, s.db, "", `SELECT version, activated_at FROM plan_activations ORDER BY id`, nil, func(rows *sql.Rows) error {
		var v int
		var when string
		if err := rows.Scan(&v, &when); err != nil {
			return err
		}
		t, _ := time.Parse(time.RFC3339Nano, when)
		if chosen == 0 || !t.After(due) {
			chosen = v
		}
		return nil
	})
	if err != nil || chosen == 0 {
		return nil, nil, err
	}
	v, err := s.PlanVersionNo(ctx, chosen)
	return v, nil, err
}

// now is the store's clock as stored text.
func (s *Store) now() string { return s.Now().UTC().Format(time.RFC3339Nano) }

// planWhere returns the one version matching the SQL condition, nil when none does.
func (s *Store) planWhere(ctx context.Context, where string, args ...any) (*PlanVersion, error) {
	vs, err := s.plans(ctx, where, args...)
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return &vs[0], nil
}

// plans loads versions with the time each was last activated.
func (s *Store) plans(ctx context.Context, tail string, args ...any) ([]PlanVersion, error) {
	var out []PlanVersion
	err := eachRow(ctx, s.db, "read plan versions", `SELECT v.no, v.hash, v.plan, v.units, v.source, v.kept_at,
		coalesce((SELECT activated_at FROM plan_activations a WHERE a.version = v.no ORDER BY a.id DESC LIMIT 1), '')
		FROM plan_versions v `+tail, args, func(rows *sql.Rows) error {
		var v PlanVersion
		var kept, active string
		if err := rows.Scan(&v.No, &v.Hash, &v.Plan, &v.Units, &v.Source, &kept, &active); err != nil {
			return err
		}
		v.Kept, _ = time.Parse(time.RFC3339Nano, kept)
		if active != "" {
			v.Active, _ = time.Parse(time.RFC3339Nano, active)
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// PlanMark returns a short text that changes whenever the workspace keeps a new version,
// activates one or assigns a period, so that a long-running process (the portal) knows when
// to load the versions again.
func (s *Store) PlanMark(ctx context.Context) (string, error) {
	var versions, activations, assignments int64
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(no), 0) FROM plan_versions),
		(SELECT coalesce(max(id), 0) FROM plan_activations), (SELECT coalesce(max(id), 0) FROM period_plans)`).
		Scan(&versions, &activations, &assignments)
	return fmt.Sprintf("%d/%d/%d", versions, activations, assignments), err
}
