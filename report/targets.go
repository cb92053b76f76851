package report

import "fmt"

// targetSet holds the targets by scope and calendar quarter index.
type targetSet struct {
	region    map[[2]int]Money      // (region scope index, quarter)
	regionSum map[int]Money         // quarter -> sum of the region targets, when some region has one
	company   map[int]Money         // explicit all-region targets
	owner     map[Sym]map[int]Money // owner -> quarter -> target
}

// loadTargets sums the targets by scope and quarter; a target whose period
// cannot be read is a problem.
func (ix *index) loadTargets() (targetSet, error) {
	ts := targetSet{region: map[[2]int]Money{}, regionSum: map[int]Money{}, company: map[int]Money{}, owner: map[Sym]map[int]Money{}}
	for _, t := range ix.cur.Targets {
		q, err := ix.cal.ParseQuarter(t.Period)
		if err != nil {
			ix.found.add(kTarget, ix.cur, t.Src, "period", func() string { return fmt.Sprintf("target ignored: %v", err) })
			continue
		}
		if err := ix.addTarget(&ts, t, q); err != nil {
			return ts, err
		}
	}
	return ts, nil
}

// addTarget adds target t of quarter q to its owner, its region or all regions.
func (ix *index) addTarget(ts *targetSet, t Target, q int) error {
	overflow := func(scope string) error {
		return &OverflowError{Scope: scope, Period: ix.cal.Quarter(q).Name, Figure: "target", Currency: ix.opts.Currency}
	}
	switch {
	case t.Owner != 0:
		if ts.owner[t.Owner] == nil {
			ts.owner[t.Owner] = map[int]Money{}
		}
		if !addAt(ts.owner[t.Owner], q, t.Amount) {
			return overflow(t.Owner.String())
		}
	case t.Region == 0:
		if !addAt(ts.company, q, t.Amount) {
			return overflow(ix.scopeName(ix.nr))
		}
	default:
		r, ok := ix.regionOf.get(t.Region)
		if !ok {
			return nil
		}
		if !addAt(ts.region, [2]int{int(r), q}, t.Amount) {
			return overflow(ix.regions[r])
		}
		if !addAt(ts.regionSum, q, t.Amount) {
			return overflow(ix.scopeName(ix.nr))
		}
	}
	return nil
}

// addAt adds x to m[k] and reports whether the sum stays in the range of
// Money; when it would not, m is left as it was.
func addAt[K comparable](m map[K]Money, k K, x Money) bool {
	sum := m[k]
	if !addMoney(&sum, x) {
		return false
	}
	m[k] = sum
	return true
}

// target returns the target of scope s in calendar quarter qi: a region's
// own; for all regions an all-region target, else the sum of the region
// targets when at least one region has one.
func (ix *index) target(s, qi int) (Money, bool) {
	if s < ix.nr {
		m, ok := ix.targets.region[[2]int{s, qi}]
		return m, ok
	}
	if m, ok := ix.targets.company[qi]; ok {
		return m, true
	}
	m, ok := ix.targets.regionSum[qi]
	return m, ok
}
