package gyqc

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
