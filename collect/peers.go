package collect

import (
	"context"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/review"
	"github.com/qianjiang/gyqc/store"
)

// currentPeers indexes the progress texts of each unit's current submission of the period,
// for the copy check: the state of each unit is decided on the submissions' heads, and only
// the progress texts of the current ones are read, one submission at a time, so that a rerun
// over a period of 10,000 returns does not load them all.
func currentPeers(ctx context.Context, plan *gyqc.Plan, st *store.Store, opts Options) (*review.Peers, error) {
	heads, err := st.Heads(ctx, opts.Period, opts.Period)
	if err != nil {
		return nil, err
	}
	unitOf := map[int64]string{}
	var ids []int64
	for _, rs := range gyqc.ReportStates(plan, opts.Period, heads, time.Time{}) {
		if rs.Current != nil {
			unitOf[rs.Current.ID] = rs.Current.Unit
			ids = append(ids, rs.Current.ID)
		}
	}
	peers := review.NewPeers(nil, opts.Checks)
	err = st.EachProgress(ctx, ids, func(id int64, tasks []gyqc.TaskReport) {
		peers.Set(&gyqc.Submission{Unit: unitOf[id], Tasks: tasks})
	})
	return peers, err
}
