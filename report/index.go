package report

import (
	"fmt"
	"sync"
)

// index is everything the metric families read, built once by newIndex and
// never written after: the records and options, the dates of the review,
// the regions in display order, what the review derives for each deal and
// activity, and the aggregates that several families share.
//
// Scopes are numbered 0..nr-1 for the regions (in Regions order) and nr for
// all regions; quarters inside the index are numbered 0..nq-1 from lo
// (qrel turns a calendar quarter index into one).
type index struct {
	cur, prev *Records
	opts      Options // normalized, with AsOf and Period filled in
	cal       Calendar
	reviewDates

	regions   []string
	nr        int              // len(regions): the scope index of all regions
	regionIdx map[string]int32 // region name -> scope index
	regionOf  symIndex         // region Sym -> scope index
	rosterReg map[Sym]Sym      // owner -> region, from the roster

	owners    symNumbers // deal owners first, then activity owners, then roster owners
	accts     symNumbers // the accounts of deals
	ownerReg  []int32    // per owner: roster region, else most frequent deal region, else -1
	deals     []dealInfo // per deal of cur
	dealByID  map[string]int32
	actRegion []int32 // per activity: scope index, or actLeftOut
	actDeal   []int32 // per activity: the deal its deal id names, or -1
	actOwner  []int32 // per activity: owner number, or -1

	flows     *dealFlows       // money of every scope in every quarter
	contracts *contractRevenue // recognised revenue and ARR
	acts      *activityFacts   // activities linked to deals, and their counts
	targets   targetSet

	found findings // problems found while building the index
}

// dealInfo is what the review derives for one deal.
type dealInfo struct {
	region  int32 // scope index
	owner   int32 // -1: none
	account int32 // -1: none
	won     bool
	wonInP  bool // won, closing in the review period
}

// newIndex builds the index of cur (and prev, which may be nil).
func newIndex(cur, prev *Records, opts Options) (*index, error) {
	ix := &index{cur: cur, prev: prev, opts: opts, cal: NewCalendar(opts)}
	dates, err := newReviewDates(ix.cal, cur, opts)
	if err != nil {
		return nil, err
	}
	ix.reviewDates = dates
	ix.warnLateCloses()
	ix.opts.AsOf = dates.asOf
	ix.opts.Period = dates.period.Name
	ix.setRegions()
	targets, targetsErr := ix.loadTargets()
	ix.targets = targets
	// The shared aggregates depend on the regions only: side by side. Each
	// returns its own result; errors are taken in a fixed order.
	var flowsFound findings
	var flowsErr error
	var wg sync.WaitGroup
	wg.Go(func() { ix.flows, flowsFound, flowsErr = ix.dealFlows() })
	wg.Go(func() { ix.contracts = ix.contractRevenue() })
	ix.acts = ix.activityFacts()
	wg.Wait()
	ix.found.merge(&flowsFound)
	for _, err := range []error{flowsErr, targetsErr, ix.checkMoneyRange()} {
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
	}
	return ix, nil
}

// warnLateCloses reports the won and lost deals whose close date comes
// after the newest date the deals confirm: planned dates, which do not set
// the as-of date.
func (ix *index) warnLateCloses() {
	for _, i := range ix.lateCloses {
		d := &ix.cur.Deals[i]
		ix.found.add(kLateClose, ix.cur, d.Src, "close", func() string {
			return fmt.Sprintf("%s deal %q closes on %s, more than a quarter after every created date and every earlier close "+
				"(the newest %s): a planned date, not a fact, so it does not set the as-of date", d.Status, dealLabel(d), d.Close, ix.factsEnd)
		})
	}
}

// fi returns the flat index of (scope, internal quarter k).
func (ix *index) fi(scope, k int) int { return scope*ix.nq + k }

// qrel returns the internal index of calendar quarter qi, or -1.
func (ix *index) qrel(qi int) int {
	if qi < ix.lo || qi > ix.hi {
		return -1
	}
	return qi - ix.lo
}

// firstQ and lastQ are the first and last quarters of Review.Quarters.
func (ix *index) firstQ() int { return ix.lo + 4 }
func (ix *index) lastQ() int  { return ix.hi - 1 }

// inPeriod reports whether d falls in the review quarter.
func (ix *index) inPeriod(d Day) bool { return d >= ix.period.Start && d <= ix.period.End }

// scopeName names scope s in messages: its region, or "all regions".
func (ix *index) scopeName(s int) string {
	if s < ix.nr {
		return ix.regions[s]
	}
	return "all regions"
}

// region returns the region name of scope s, "" for all regions.
func (ix *index) region(s int) string {
	if s < ix.nr {
		return ix.regions[s]
	}
	return ""
}
