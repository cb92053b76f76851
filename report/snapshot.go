package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// newestDate is the as-of rule (dataDates.asOf) applied to one export.
func newestDate(r *Records) Day {
	dd := findDates(r)
	return dd.asOf()
}

// openAmount is a deal's contribution to the open pipeline total.
func openAmount(d *Deal) Money {
	if d == nil || d.Status != Open {
		return 0
	}
	return d.Amount
}

// changesPart is the snapshot family: the changes since the earlier export
// (none without one), of the whole open pipeline and of the pipeline that
// closes in one quarter (Options.ChangesQuarter, else the current quarter).
// Deals take the region the review gives them (the current export's, filled
// in from the roster); a deal found only in the earlier export takes its
// own, else its owner's roster region. The new snapshot is as of the
// review's as-of date (--as-of when given), the old one as of its own newest
// date.
func changesPart(ix *index) (part, error) {
	if ix.prev == nil {
		return part{fill: func(*Review) {}}, nil
	}
	q := ix.currentQ
	if name := ix.opts.ChangesQuarter; name != "" {
		var err error
		if q, err = ix.cal.ParseQuarter(name); err != nil {
			return part{}, fmt.Errorf("changes quarter: %w", err)
		}
	}
	ch := compareSnapshots(ix.prev, ix.cur, ix.cal, q,
		func(i int) string { return ix.regions[ix.deals[i].region] },
		func(d *Deal) string { return ix.dealRegion(d).String() })
	ch.NewAsOf = ix.asOf
	return part{fill: func(rev *Review) { rev.Changes = ch }}, nil
}

// The states of a deal of the earlier export while matching.
const (
	loose   = iota // no id, or an id seen before in the export: cannot be matched
	indexed        // the first deal of its id
	matched        // found in the current export
)

// snapshotDiff is a comparison of two exports in progress.
type snapshotDiff struct {
	ch      *Changes
	quarter *quarterDiff
	order   map[string]int // category -> place in ChangeCategories
	oldByID map[string]int32
	state   []uint8 // per old deal
}

// compareSnapshots matches the deals of two exports by id and sorts each
// into a change category, of the whole open pipeline and of the pipeline
// closing in calendar quarter q; the waterfall steps are the sums of the
// deals' changes of contribution to the open total, so they add up exactly.
// Deals without id (or with an id seen before in the same export) cannot
// be matched: old ones count as removed, new ones as new.
//
// A deal's region is curRegion(i) for the current export's deal i (the
// region the review gives it: its own, else its owner's from the roster),
// and oldRegion(d) for a deal found only in the earlier export; nil
// functions take the region as exported.
func compareSnapshots(prev, cur *Records, cal Calendar, q int, curRegion func(i int) string, oldRegion func(d *Deal) string) *Changes {
	if curRegion == nil {
		curRegion = func(i int) string { return cur.Deals[i].Region.String() }
	}
	if oldRegion == nil {
		oldRegion = func(d *Deal) string { return d.Region.String() }
	}
	sd := newSnapshotDiff(prev)
	sd.quarter = newQuarterDiff(cal, q)
	sd.ch.NewAsOf = newestDate(cur)
	for i := range cur.Deals {
		d := &cur.Deals[i]
		sd.ch.NewOpenTotal += openAmount(d)
		if old := sd.match(d); old >= 0 {
			sd.add(&prev.Deals[old], d, classify(&prev.Deals[old], d, cal), curRegion(i))
		} else {
			sd.add(nil, d, ChangeNew, curRegion(i))
		}
	}
	// The old deals left are removed: first those that could not be
	// matched, then those the current export lacks.
	for _, st := range []uint8{loose, indexed} {
		for i := range prev.Deals {
			if sd.state[i] != st {
				continue
			}
			if st == loose {
				sd.ch.Unmatched++
			}
			sd.add(&prev.Deals[i], nil, ChangeRemoved, oldRegion(&prev.Deals[i]))
		}
	}
	sortDeals(sd.ch.Deals, sd.order)
	sortDeals(sd.quarter.qc.Deals, sd.quarter.order)
	sd.ch.Quarter = *sd.quarter.qc
	return sd.ch
}

// newSnapshotDiff indexes the deals of the earlier export by id (the first
// of an id) and sums their open total.
func newSnapshotDiff(prev *Records) *snapshotDiff {
	sd := &snapshotDiff{ch: &Changes{OldAsOf: newestDate(prev)}, order: map[string]int{},
		oldByID: make(map[string]int32, len(prev.Deals)), state: make([]uint8, len(prev.Deals))}
	for i, c := range ChangeCategories {
		sd.order[c] = i
		sd.ch.Steps = append(sd.ch.Steps, WaterfallStep{Category: c})
	}
	for i := range prev.Deals {
		d := &prev.Deals[i]
		sd.ch.OldOpenTotal += openAmount(d)
		if _, dup := sd.oldByID[d.ID]; d.ID == "" || dup {
			continue
		}
		sd.oldByID[d.ID] = int32(i)
		sd.state[i] = indexed
	}
	return sd
}

// match returns the old deal that current deal d matches, or -1. A deal
// without id, or with an id already matched, is unmatched.
func (sd *snapshotDiff) match(d *Deal) int {
	j, found := int32(-1), false
	if d.ID != "" {
		j, found = sd.oldByID[d.ID]
	}
	if !found || sd.state[j] == matched {
		if d.ID == "" || found {
			sd.ch.Unmatched++
		}
		return -1
	}
	sd.state[j] = matched
	return int(j)
}

// add counts a deal in the step of its category and lists it unless it is
// unchanged.
func (sd *snapshotDiff) add(old, nw *Deal, cat, region string) {
	sd.quarter.add(old, nw, region)
	delta := openAmount(nw) - openAmount(old)
	s := &sd.ch.Steps[sd.order[cat]]
	s.Deals++
	s.Amount += delta
	if cat != ChangeUnchanged {
		sd.ch.Deals = append(sd.ch.Deals, dealChange(old, nw, cat, region, delta))
	}
}

// dealChange describes a deal's change of category cat and effect delta
// (old or nw nil when the deal is in one export only).
func dealChange(old, nw *Deal, cat, region string, delta Money) DealChange {
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
	return dc
}

// sortDeals orders changed deals by category (in the order given), then
// |Delta| descending, then id.
func sortDeals(deals []DealChange, order map[string]int) {
	slices.SortStableFunc(deals, func(a, b DealChange) int {
		if a.Category != b.Category {
			return cmp.Compare(order[a.Category], order[b.Category])
		}
		if x, y := absMoney(a.Delta), absMoney(b.Delta); x != y {
			return cmp.Compare(y, x)
		}
		return strings.Compare(a.ID, b.ID)
	})
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
