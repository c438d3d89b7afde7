package portal

import (
	"context"
	"sync"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/audit"
	"github.com/qianjiang/gyqc/store"
)

// versions is what the portal knows of the workspace's plan versions, as the command line
// sees them: the active version, and the version each period of its horizon is judged under
// (the one its templates were issued or the office re-evaluated it under, else the one
// active at its deadline). It loads them again whenever the workspace records a new version,
// activation or assignment, since other processes do (gyqc plan import --activate, gyqc
// issue, consolidate --replan) while the portal runs. Plan files given explicitly
// (Config.Explicit), or a workspace keeping no version, leave Config.Plan judging every
// period. It is safe for concurrent use.
type versions struct {
	base     *gyqc.Plan
	explicit bool

	mu       sync.Mutex
	mark     string
	active   *gyqc.Plan
	byPeriod map[gyqc.Period]*gyqc.Plan
	loaded   map[int]*gyqc.Plan
}

func newVersions(base *gyqc.Plan, explicit bool) *versions {
	return &versions{base: base, explicit: explicit, active: base, loaded: map[int]*gyqc.Plan{}}
}

// refresh loads the versions again when the workspace's record of them changed, and reports
// whether it did.
func (v *versions) refresh(ctx context.Context, st *store.Store) (bool, error) {
	if v.explicit {
		return false, nil
	}
	mark, err := st.PlanMark(ctx)
	if err != nil {
		return false, err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if mark == v.mark {
		return false, nil
	}
	av, err := st.ActivePlan(ctx)
	if err != nil {
		return false, err
	}
	active := v.base
	if av != nil {
		if active, err = v.load(av); err != nil {
			return false, err
		}
	}
	byPeriod := map[gyqc.Period]*gyqc.Plan{}
	for _, p := range active.Horizon.Periods() {
		pv, _, err := st.PeriodPlan(ctx, p, active.Due(p))
		if err != nil {
			return false, err
		}
		if pv == nil {
			continue
		}
		if byPeriod[p], err = v.load(pv); err != nil {
			return false, err
		}
	}
	v.mark, v.active, v.byPeriod = mark, active, byPeriod
	return true, nil
}

// load loads a version once. Callers hold mu.
func (v *versions) load(pv *store.PlanVersion) (*gyqc.Plan, error) {
	if p, ok := v.loaded[pv.No]; ok {
		return p, nil
	}
	p, _, err := audit.LoadVersion(pv)
	if err != nil {
		return nil, err
	}
	v.loaded[pv.No] = p
	return p, nil
}

// current returns the active plan: the workspace's active version, else Config.Plan.
func (v *versions) current() *gyqc.Plan {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.active
}

// of returns the plan period is judged under.
func (v *versions) of(p gyqc.Period) *gyqc.Plan {
	v.mu.Lock()
	defer v.mu.Unlock()
	if q := v.byPeriod[p]; q != nil {
		return q
	}
	return v.active
}

// periods returns the plan of every period of the active plan's horizon, for the links.
func (v *versions) periods() ([]gyqc.Period, func(gyqc.Period) *gyqc.Plan) {
	active := v.current()
	return active.Horizon.Periods(), v.of
}
