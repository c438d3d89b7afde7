package store

import (
	"context"

	"github.com/qianjiang/gyqc"
)

// Input loads what an evaluation of the period to needs from the workspace (gyqc.Input
// without the evaluation time): every attempt of the periods from..to, where a lock holds
// only the attempts it counted, the attempts recorded for locked periods afterwards as
// supplements (补报), and every review decision on those periods.
func (s *Store) Input(ctx context.Context, from, to gyqc.Period) (gyqc.Input, error) {
	var in gyqc.Input
	subs, err := s.Submissions(ctx, from, to)
	if err != nil {
		return in, err
	}
	if in.Reviews, err = s.Reviews(ctx, from, to); err != nil {
		return in, err
	}
	all, err := s.Locks(ctx, from, to)
	if err != nil {
		return in, err
	}
	counted := map[gyqc.Period]map[int64]bool{}
	for _, l := range all {
		if !l.Holds() {
			continue
		}
		set := make(map[int64]bool, len(l.Versions))
		for _, id := range l.Versions {
			set[id] = true
		}
		counted[l.Period] = set
	}
	if len(counted) == 0 {
		in.Submissions = subs
		return in, nil
	}
	shown, err := supplementsShown(ctx, s.db, from, to)
	if err != nil {
		return in, err
	}
	in.Submissions = make([]gyqc.Submission, 0, len(subs))
	for i := range subs {
		sub := subs[i]
		set, locked := counted[sub.Period]
		if !locked || set[sub.ID] {
			in.Submissions = append(in.Submissions, sub)
			continue
		}
		p, ok := shown[sub.ID]
		if !ok {
			p = sub.Period.Add(1)
		}
		in.Supplements = append(in.Supplements, gyqc.Supplement{Submission: &sub, ShownIn: p})
	}
	return in, nil
}
