package report

// The categories of the waterfall of a quarter q that the whole-pipeline
// waterfall does not have: a deal that arrived in q from an earlier quarter
// (an overdue deal given a new date in q, say), and one that left q for an
// earlier quarter.
const (
	ChangeFromEarlier = "from_earlier"
	ChangeToEarlier   = "to_earlier"
)

// QuarterCategories lists the categories of a quarter's waterfall in
// order: what arrived in the quarter, what changed inside it, what left it.
var QuarterCategories = []string{ChangeNew, ChangePulledIn, ChangeFromEarlier, ChangeReopened, ChangeIncreased,
	ChangeDecreased, ChangePushed, ChangeToEarlier, ChangeWon, ChangeLost, ChangeRemoved, ChangeUnchanged}

// QuarterChanges is the waterfall of the open pipeline that closes in one
// quarter (METRICS.md "Snapshot comparison": the open pipeline with close in
// q at t0 and at t1). A deal counts when it is open with close in q at t0
// or at t1; its Delta is its effect on q's open pipeline: a deal pushed to a
// later quarter takes its whole old amount out of q, one pulled in from a
// later quarter brings its whole new amount.
type QuarterChanges struct {
	Quarter      Quarter `json:"quarter"`
	OldOpenTotal Money   `json:"old_open_total"` // open deals with close in Quarter at t0
	NewOpenTotal Money   `json:"new_open_total"` // open deals with close in Quarter at t1
	// Steps in QuarterCategories order; OldOpenTotal + sum(Amount) ==
	// NewOpenTotal exactly. Their Deals count every deal, the unchanged
	// ones included.
	Steps []WaterfallStep `json:"steps"`
	// Deals lists every deal of the quarter's waterfall that changed, by
	// category order, then |Delta| descending, then ID (Category is a
	// QuarterCategories one, Delta the effect on the quarter).
	Deals []DealChange `json:"-"`
	// DealsListed is metrics.json's "deals": the first Options.MaxListed of
	// each category of Deals; DealsChanged is len(Deals).
	DealsListed  []DealChange `json:"deals"`
	DealsChanged int          `json:"deals_changed"`
}

// quarterDiff is the waterfall of quarter q in progress.
type quarterDiff struct {
	qc    *QuarterChanges
	q     int // calendar quarter index
	cal   Calendar
	order map[string]int // category -> place in QuarterCategories
}

func newQuarterDiff(cal Calendar, q int) *quarterDiff {
	qd := &quarterDiff{qc: &QuarterChanges{Quarter: cal.Quarter(q)}, q: q, cal: cal, order: map[string]int{}}
	for i, c := range QuarterCategories {
		qd.order[c] = i
		qd.qc.Steps = append(qd.qc.Steps, WaterfallStep{Category: c})
	}
	return qd
}

// openIn reports whether d is an open deal with close in quarter q.
func (qd *quarterDiff) openIn(d *Deal) bool {
	return d != nil && d.Status == Open && d.Close.Valid() && qd.cal.QuarterIndex(d.Close) == qd.q
}

// add counts a deal (old or nw nil when the deal is in one export only) in
// its step of the quarter's waterfall, and lists it unless it is unchanged;
// a deal open in the quarter at neither time is not part of it.
func (qd *quarterDiff) add(old, nw *Deal, region string) {
	in0, in1 := qd.openIn(old), qd.openIn(nw)
	var cat string
	var delta Money
	switch {
	case in0 && in1:
		delta = nw.Amount - old.Amount
		cat = ChangeUnchanged
		if delta > 0 {
			cat = ChangeIncreased
		} else if delta < 0 {
			cat = ChangeDecreased
		}
	case in1:
		cat, delta = qd.arrival(old), nw.Amount
	case in0:
		cat, delta = qd.departure(nw), -old.Amount
	default:
		return
	}
	qc := qd.qc
	if in0 {
		qc.OldOpenTotal += old.Amount
	}
	if in1 {
		qc.NewOpenTotal += nw.Amount
	}
	s := &qc.Steps[qd.order[cat]]
	s.Deals++
	s.Amount += delta
	if cat != ChangeUnchanged {
		qc.Deals = append(qc.Deals, dealChange(old, nw, cat, region, delta))
	}
}

// arrival is the category of a deal open in the quarter at t1 only.
func (qd *quarterDiff) arrival(old *Deal) string {
	switch {
	case old == nil:
		return ChangeNew
	case old.Status != Open:
		return ChangeReopened
	case old.Close.Valid() && qd.cal.QuarterIndex(old.Close) > qd.q:
		return ChangePulledIn
	}
	return ChangeFromEarlier
}

// departure is the category of a deal open in the quarter at t0 only.
func (qd *quarterDiff) departure(nw *Deal) string {
	switch {
	case nw == nil:
		return ChangeRemoved
	case nw.Status == Won:
		return ChangeWon
	case nw.Status == Lost:
		return ChangeLost
	case nw.Close.Valid() && qd.cal.QuarterIndex(nw.Close) > qd.q:
		return ChangePushed
	}
	return ChangeToEarlier
}
