package gyqc

import (
	"context"
	"slices"
)

// Successors maps each unit code of an earlier registry to the codes the same unit goes by
// in a later one, so that a unit keeps its history when the office renames or merges units
// between plan versions:
//
//   - the same code, when the later registry still has it;
//   - else every later unit that lists it among its former codes (Unit.Former: a code the
//     office changed, or units merged into one);
//   - else the later unit known by one of the earlier unit's names or aliases (a code changed
//     while the name stayed, or a new name with the old one kept as an alias);
//   - else none: the unit was dropped.
func Successors(earlier, later *Registry) map[string][]string {
	former := map[string][]string{}
	for _, u := range later.Units {
		for _, c := range u.Former {
			former[c] = append(former[c], u.Code)
		}
	}
	out := make(map[string][]string, len(earlier.Units))
	for _, u := range earlier.Units {
		switch {
		case later.Unit(u.Code) != nil:
			out[u.Code] = []string{u.Code}
		case len(former[u.Code]) > 0:
			out[u.Code] = former[u.Code]
		default:
			for _, name := range append([]string{u.Name}, u.Aliases...) {
				if v := later.UnitByName(name); v != nil {
					out[u.Code] = []string{v.Code}
					break
				}
			}
		}
	}
	return out
}

// WithPredecessors returns h whose LastAccepted also looks under the codes a unit's
// predecessors had in earlier plan versions (preds: unit code → those codes, as
// PredecessorsOf gives them), so that a renamed or merged unit's template is prefilled (一表同享,
// 上期状态) from its last month under the old code. The latest period wins; on a tie the
// unit's own code.
func WithPredecessors(h History, preds map[string][]string) History {
	if len(preds) == 0 {
		return h
	}
	return succeeding{h, preds}
}

type succeeding struct {
	History
	preds map[string][]string
}

func (s succeeding) LastAccepted(ctx context.Context, unit string, before Period) (*Submission, error) {
	best, err := s.History.LastAccepted(ctx, unit, before)
	if err != nil {
		return nil, err
	}
	for _, code := range s.preds[unit] {
		sub, err := s.History.LastAccepted(ctx, code, before)
		if err != nil {
			return nil, err
		}
		if sub != nil && (best == nil || sub.Period.After(best.Period)) {
			best = sub
		}
	}
	return best, nil
}

// PredecessorsOf maps each unit code of later to the codes its predecessors had in each of the
// earlier registries (Successors), leaving out its own.
func PredecessorsOf(later *Registry, earlier ...*Registry) map[string][]string {
	out := map[string][]string{}
	for _, e := range earlier {
		for old, succ := range Successors(e, later) {
			for _, code := range succ {
				if code != old && !slices.Contains(out[code], old) {
					out[code] = append(out[code], old)
				}
			}
		}
	}
	return out
}
