package report

import (
	"cmp"
	"slices"
	"strings"
)

// newestDate is the as-of rule: the newest created date or close date of a
// won or lost deal; without those, the newest activity date or forecast
// submission.
func newestDate(r *Records) Day {
	var n Day
	for i := range r.Deals {
		d := &r.Deals[i]
		n = max(n, d.Created)
		if d.Status != Open {
			n = max(n, d.Close)
		}
	}
	if n.Valid() {
		return n
	}
	for i := range r.Activities {
		n = max(n, r.Activities[i].Date)
	}
	for i := range r.Forecasts {
		n = max(n, r.Forecasts[i].Submitted)
	}
	return n
}

// openAmount is a deal's contribution to the open pipeline total.
func openAmount(d *Deal) Money {
	if d == nil || d.Status != Open {
		return 0
	}
	return d.Amount
}

// compareSnapshots matches the deals of two exports by id and sorts each
// into a change category; the waterfall steps are the sums of the deals'
// changes of contribution to the open total, so they add up exactly.
// Deals without id (or with an id seen before in the same export) cannot
// be matched: old ones count as removed, new ones as new.
//
// A deal's region is curRegion(i) for the current export's deal i (the
// region the review gives it: its own, else its owner's from the roster),
// and oldRegion(d) for a deal found only in the earlier export; nil
// functions take the region as exported.
func compareSnapshots(prev, cur *Records, cal Calendar, curRegion func(i int) string, oldRegion func(d *Deal) string) *Changes {
	if curRegion == nil {
		curRegion = func(i int) string { return cur.Deals[i].Region.String() }
	}
	if oldRegion == nil {
		oldRegion = func(d *Deal) string { return d.Region.String() }
	}
	ch := &Changes{OldAsOf: newestDate(prev), NewAsOf: newestDate(cur)}
	// Old deals by id (the first of an id), and each old deal's state:
	// loose (no id, or an id seen before), indexed, or matched.
	const (
		loose = iota
		indexed
		matched
	)
	oldByID := make(map[string]int32, len(prev.Deals))
	state := make([]uint8, len(prev.Deals))
	for i := range prev.Deals {
		d := &prev.Deals[i]
		ch.OldOpenTotal += openAmount(d)
		if _, dup := oldByID[d.ID]; d.ID == "" || dup {
			continue
		}
		oldByID[d.ID] = int32(i)
		state[i] = indexed
	}
	order := map[string]int{}
	for i, c := range ChangeCategories {
		order[c] = i
	}
	steps := make([]WaterfallStep, len(ChangeCategories))
	for i, c := range ChangeCategories {
		steps[i].Category = c
	}
	// Every deal counts in its step; unchanged deals are not listed.
	add := func(old, nw *Deal, cat, region string) {
		delta := openAmount(nw) - openAmount(old)
		s := &steps[order[cat]]
		s.Deals++
		s.Amount += delta
		if cat == ChangeUnchanged {
			return
		}
		dc := DealChange{Category: cat, Delta: delta, Region: region}
		ref := nw
		if ref == nil {
			ref = old
		}
		dc.ID, dc.Name, dc.Account = ref.ID, ref.Name, ref.Account.String()
		if old != nil {
			dc.OldStatus, dc.OldStage, dc.OldAmount, dc.OldClose = old.Status.String(), old.Stage.String(), old.Amount, old.Close
		}
		if nw != nil {
			dc.NewStatus, dc.NewStage, dc.NewAmount, dc.NewClose = nw.Status.String(), nw.Stage.String(), nw.Amount, nw.Close
		}
		ch.Deals = append(ch.Deals, dc)
	}
	for i := range cur.Deals {
		d := &cur.Deals[i]
		ch.NewOpenTotal += openAmount(d)
		j, found := int32(-1), false
		if d.ID != "" {
			j, found = oldByID[d.ID]
		}
		if !found || state[j] == matched {
			// No id, an id already matched (counted unmatched), or an id
			// the old export lacks.
			if d.ID == "" || found {
				ch.Unmatched++
			}
			add(nil, d, ChangeNew, curRegion(i))
			continue
		}
		state[j] = matched
		old := &prev.Deals[j]
		add(old, d, classify(old, d, cal), curRegion(i))
	}
	for i := range prev.Deals {
		if state[i] == loose {
			ch.Unmatched++
			add(&prev.Deals[i], nil, ChangeRemoved, oldRegion(&prev.Deals[i]))
		}
	}
	for i := range prev.Deals {
		if state[i] == indexed {
			add(&prev.Deals[i], nil, ChangeRemoved, oldRegion(&prev.Deals[i]))
		}
	}
	ch.Steps = steps
	slices.SortStableFunc(ch.Deals, func(a, b DealChange) int {
		if a.Category != b.Category {
			return cmp.Compare(order[a.Category], order[b.Category])
		}
		if x, y := absMoney(a.Delta), absMoney(b.Delta); x != y {
			return cmp.Compare(y, x)
		}
		return strings.Compare(a.ID, b.ID)
	})
	return ch
}

func absMoney(m Money) Money {
	if m < 0 {
		return -m
	}
	return m
}

// classify returns the change category of a deal present in both exports.
func classify(old, nw *Deal, cal Calendar) string {
	switch {
	case old.Status == Open && nw.Status == Won:
		return ChangeWon
	case old.Status == Open && nw.Status == Lost:
		return ChangeLost
	case old.Status != Open && nw.Status == Open:
		return ChangeReopened
	case old.Status != Open:
		return ChangeUnchanged
	}
	if old.Close.Valid() && nw.Close.Valid() {
		oq, nq := cal.QuarterIndex(old.Close), cal.QuarterIndex(nw.Close)
		if nq > oq {
			return ChangePushed
		}
		if nq < oq {
			return ChangePulledIn
		}
	}
	switch {
	case nw.Amount > old.Amount:
		return ChangeIncreased
	case nw.Amount < old.Amount:
		return ChangeDecreased
	}
	return ChangeUnchanged
}
