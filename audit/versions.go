package audit

import (
	"context"
	"fmt"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/store"
)

// LoadVersion loads a plan version the workspace keeps, named by its edition (第N版, its
// hash and when it became active), with the files it was loaded from.
func LoadVersion(v *store.PlanVersion) (*gyqc.Plan, planfile.Files, error) {
	files := planfile.Files{PlanName: fmt.Sprintf("工作区方案第%d版 plan.yaml", v.No), Plan: v.Plan,
		UnitsName: fmt.Sprintf("工作区方案第%d版 units.yaml", v.No), Units: v.Units, Source: v.Source}
	plan, probs := files.Load()
	if plan == nil {
		return nil, files, gyqc.Errorf(gyqc.EInvalid, "工作区保存的方案第%d版无法读取：\n%s", v.No, probs.Errors().Error())
	}
	plan.Edition = v.Edition()
	plan.Edition.Since = plan.Edition.Since.In(plan.Location())
	return plan, files, nil
}

// PlanOf returns what an evaluation of plan up to the period to takes as gyqc.Input.PlanOf:
// each earlier period's own version as the workspace records it (store.PeriodPlan: the
// version it was issued or re-evaluated under, else the one active at its deadline), each
// version loaded once. It returns nil when plan is not a version the workspace keeps (files
// given with --plan/--units judge every period) or every period is plan's.
func PlanOf(ctx context.Context, st *store.Store, plan *gyqc.Plan, to gyqc.Period) (func(gyqc.Period) *gyqc.Plan, error) {
	if plan.Edition.No == 0 {
		return nil, nil
	}
	versions, err := st.PlanVersions(ctx)
	if err != nil || len(versions) < 2 {
		return nil, err
	}
	from := plan.Horizon.First
	loaded := map[int]*gyqc.Plan{plan.Edition.No: plan}
	byPeriod := map[gyqc.Period]*gyqc.Plan{}
	for p := from; p.Before(to); p = p.Add(1) {
		v, _, err := st.PeriodPlan(ctx, p, plan.Due(p))
		if err != nil {
			return nil, err
		}
		if v == nil || v.No == plan.Edition.No {
			continue
		}
		q, ok := loaded[v.No]
		if !ok {
			if q, _, err = LoadVersion(v); err != nil {
				return nil, err
			}
			loaded[v.No] = q
		}
		byPeriod[p] = q
	}
	if len(byPeriod) == 0 {
		return nil, nil
	}
	return func(p gyqc.Period) *gyqc.Plan { return byPeriod[p] }, nil
}

// Predecessors returns, for each unit of plan, the codes its predecessors had in the other
// versions the workspace keeps (gyqc.PredecessorsOf), for gyqc.WithPredecessors; nil when
// the workspace keeps no other version.
func Predecessors(ctx context.Context, st *store.Store, plan *gyqc.Plan) (map[string][]string, error) {
	versions, err := st.PlanVersions(ctx)
	if err != nil {
		return nil, err
	}
	var earlier []*gyqc.Registry
	for i := range versions {
		if versions[i].Hash == plan.Edition.Hash {
			continue
		}
		q, _, err := LoadVersion(&versions[i])
		if err != nil {
			return nil, err
		}
		earlier = append(earlier, q.Registry)
	}
	if len(earlier) == 0 {
		return nil, nil
	}
	return gyqc.PredecessorsOf(plan.Registry, earlier...), nil
}
