package main

import (
	"context"
	"fmt"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/store"
)

// planUse says which version of the plan a command works with.
type planUse int

const (
	// useFiles: --plan/--units or the embedded files; the workspace is not consulted.
	useFiles planUse = iota
	// useActive: the workspace's active version (issue, plan, units, plan export).
	useActive
	// usePeriod: the version the period was issued under (collect, status, consolidate, brief).
	usePeriod
)

// loadedPlan is the plan a command works with: the plan, the files it was loaded from, and
// the workspace's version when it comes from there.
type loadedPlan struct {
	Plan     *gyqc.Plan
	Files    planfile.Files
	Version  *store.PlanVersion      // nil: not the workspace's
	Assigned *store.PeriodAssignment // how the period came to this version, when it did
	Explicit bool                    // --plan or --units given
}

// openPlan loads the plan for a command. An explicit --plan or --units always wins over the
// workspace, and a note on stderr says so when the workspace has an active version; without
// them the workspace's version is used (see planUse), or the embedded plan when the
// workspace keeps none.
func (g *globals) openPlan(ctx context.Context, use planUse, period gyqc.Period) (*loadedPlan, error) {
	explicit := g.PlanFile != "" || g.UnitsFile != ""
	if explicit || use == useFiles {
		lp, err := g.filePlan()
		if err != nil || !explicit || use == useFiles {
			return lp, err
		}
		lp.Explicit = true
		if active := g.activeVersion(ctx); active != nil {
			fmt.Fprintf(g.Stderr, "使用 %s，不使用工作区启用的方案%s。\n", lp.Files.Source, active.Edition().Label())
		}
		return lp, nil
	}
	st, err := store.Open(ctx, g.Workspace, store.ReadOnly)
	if gyqc.ErrorCode(err) == gyqc.ENotFound {
		return g.filePlan()
	}
	if err != nil {
		return nil, err
	}
	defer st.Close()
	active, err := st.ActivePlan(ctx)
	if err != nil {
		return nil, err
	}
	v, assigned := active, (*store.PeriodAssignment)(nil)
	if use == usePeriod {
		due, err := g.dueOf(active, period)
		if err != nil {
			return nil, err
		}
		if v, assigned, err = st.PeriodPlan(ctx, period, due); err != nil {
			return nil, err
		}
	}
	if v == nil {
		return g.filePlan()
	}
	return versionPlan(v, assigned)
}

// filePlan loads --plan and --units, or the embedded files.
func (g *globals) filePlan() (*loadedPlan, error) {
	files, err := planfile.ReadFiles(g.PlanFile, g.UnitsFile)
	if err != nil {
		return nil, err
	}
	plan, probs := files.Load()
	if plan == nil {
		return nil, gyqc.Errorf(gyqc.EInvalid, "方案文件或单位名册有误，请先修正：\n%s", probs.Errors().Error())
	}
	return &loadedPlan{Plan: plan, Files: files}, nil
}

// versionPlan loads a version the workspace keeps.
func versionPlan(v *store.PlanVersion, assigned *store.PeriodAssignment) (*loadedPlan, error) {
	plan, files, err := audit.LoadVersion(v)
	if err != nil {
		return nil, err
	}
	return &loadedPlan{Plan: plan, Files: files, Version: v, Assigned: assigned}, nil
}

// dueOf returns the deadline of period under the active version (the embedded plan when
// there is none): when a period was never issued, the version active then judges it.
func (g *globals) dueOf(active *store.PlanVersion, period gyqc.Period) (time.Time, error) {
	if active == nil {
		return planfile.Default().Due(period), nil
	}
	lp, err := versionPlan(active, nil)
	if err != nil {
		return time.Time{}, err
	}
	return lp.Plan.Due(period), nil
}

// activeVersion returns the workspace's active version, nil when there is none or no
// workspace.
func (g *globals) activeVersion(ctx context.Context) *store.PlanVersion {
	st, err := store.Open(ctx, g.Workspace, store.ReadOnly)
	if err != nil {
		return nil
	}
	defer st.Close()
	v, _ := st.ActivePlan(ctx)
	return v
}

// keepVersion keeps the files of lp in the workspace as a version (once per hash) and
// returns it; the first version a workspace keeps from its own files becomes active.
func keepVersion(ctx context.Context, st *store.Store, lp *loadedPlan) (*store.PlanVersion, error) {
	if lp.Version != nil {
		return lp.Version, nil
	}
	v, _, err := st.KeepPlan(ctx, lp.Plan.Edition.Hash, lp.Files.Plan, lp.Files.Units, lp.Files.Source)
	if err != nil {
		return nil, err
	}
	active, err := st.ActivePlan(ctx)
	if err != nil {
		return nil, err
	}
	if active == nil && !lp.Explicit {
		if err := st.ActivatePlan(ctx, v.No); err != nil {
			return nil, err
		}
		if v, err = st.PlanVersionNo(ctx, v.No); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// assignPeriod records that period is evaluated under lp's version (kept first when
// needed) and says so on w when that changes the period's version.
func assignPeriod(ctx context.Context, st *store.Store, lp *loadedPlan, period gyqc.Period, reason string, w func(string)) error {
	v, err := keepVersion(ctx, st, lp)
	if err != nil {
		return err
	}
	lp.Version, lp.Plan.Edition = v, v.Edition()
	lp.Plan.Edition.Since = lp.Plan.Edition.Since.In(lp.Plan.Location())
	assigned, err := st.PeriodAssignments(ctx)
	if err != nil {
		return err
	}
	was := 0
	for _, a := range assigned {
		if a.Period == period {
			was = a.Version
		}
	}
	if was == v.No {
		return nil
	}
	if err := st.AssignPeriod(ctx, period, v.No, reason); err != nil {
		return err
	}
	switch {
	case was != 0 && reason == store.AssignReplan:
		w(fmt.Sprintf("%s已改按方案%s评价（原为第%d版）。", period.Label(), v.Edition().Label(), was))
	case was != 0:
		w(fmt.Sprintf("%s原按方案第%d版下发，现改按%s下发和评价。", period.Label(), was, v.Edition().Label()))
	case reason == store.AssignReplan:
		w(fmt.Sprintf("%s已按方案%s评价。", period.Label(), v.Edition().Label()))
	default:
		w(fmt.Sprintf("%s按方案%s下发和评价。", period.Label(), v.Edition().Label()))
	}
	return nil
}
