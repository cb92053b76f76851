package report

import (
	"errors"
	"sync"
)

// Outlook is the forward half of the review (METRICS.md "Outlook"): for
// the quarter holding the as-of date and the next one, per region and in
// total, where bookings stand, how they pace against earlier quarters,
// where they are projected to land, the projection's track record on the
// same export, and the capacity plan for the next fiscal year.
//
// Every figure uses only what was known on the as-of date: deals created
// after it do not exist, deals closed after it are open on it, and no
// close date, stage or amount known only later is used.
type Outlook struct {
	AsOf Day `json:"as_of"`
	// Day is the as-of date's day of its quarter (1 = the first day);
	// Days is the number of days of that quarter.
	Day     int     `json:"day"`
	Days    int     `json:"days"`
	Current Quarter `json:"current"` // the fiscal quarter holding AsOf
	Next    Quarter `json:"next"`    // the one after it
	// Scopes holds the total (Region "") first, then one scope per region
	// in display order.
	Scopes   []OutlookScope `json:"scopes"`
	Backtest Backtest       `json:"backtest"`
	Capacity CapacityPlan   `json:"capacity"`
}

// OutlookScope is the outlook of one region, or of all regions (Region "").
type OutlookScope struct {
	Region  string         `json:"region"`
	Current OutlookQuarter `json:"current"`
	Next    OutlookQuarter `json:"next"`
	Pacing  Pacing         `json:"pacing"`
}

// OutlookQuarter is where one scope stands in one quarter on the as-of date.
type OutlookQuarter struct {
	Quarter   string `json:"quarter"` // e.g. "FY2027-Q4"
	Target    Money  `json:"target"`
	HasTarget bool   `json:"has_target"`
	// Booked is the won amount with close in the quarter on or before AsOf.
	Booked Money `json:"booked"`
	// Gap = Target - Booked (meaningful only with HasTarget); TargetMet is
	// true when a target exists and Booked >= Target.
	Gap       Money `json:"gap"`
	TargetMet bool  `json:"target_met"`
	// OpenInQuarter is the open pipeline with close in the quarter, from an
	// export taken on the as-of date (or up to a week before);
	// OpenKnown is false when no such export exists (the close dates
	// expected on that day are not known), and the coverage is then
	// undefined too.
	OpenInQuarter Money `json:"open_in_quarter"`
	OpenKnown     bool  `json:"open_known"`
	// Coverage = OpenInQuarter / Gap: undefined without target, when the
	// target is met, or without OpenKnown.
	Coverage Ratio `json:"coverage"`
	// Required = 1 / TrailingWinRate, the win rate by value over the four
	// fiscal quarters before the one holding AsOf.
	Required        Ratio `json:"required"`
	TrailingWinRate Ratio `json:"trailing_win_rate"`
	// Weighted is Booked plus the stage-weighted open pipeline with close
	// in the quarter (amount x probability / 100): the landing the weighted
	// pipeline implies, major units; undefined without OpenKnown.
	Weighted Ratio `json:"weighted"`
	// Call is the latest forecast call for the quarter submitted on or
	// before AsOf; nil when there is none (for the total: unless every
	// region but Unassigned has one, then their sum).
	Call *OutlookCall `json:"call"`
	// Projection is the projected landing of the quarter's bookings.
	Projection Projection `json:"projection"`
}

// OutlookCall is a forecast call as known on a day.
type OutlookCall struct {
	Submitted Day   `json:"submitted"` // the latest submission among the calls summed
	Commit    Money `json:"commit"`
	BestCase  Money `json:"best_case"`
	HasBest   bool  `json:"has_best"`
}

// Projection is the distribution of a quarter's bookings at its end, as
// projected on a day: bookings so far, plus the open deals won by the
// quarter's end, plus the deals not yet created that will be won in it.
type Projection struct {
	// OK is false when there is too little history; Reason says why.
	OK     bool   `json:"ok"`
	Reason string `json:"reason"`
	// P10, P50 and P90 are the 10th, 50th and 90th percentiles of the
	// quarter's bookings; Mean their expectation.
	P10  Money `json:"p10"`
	P50  Money `json:"p50"`
	P90  Money `json:"p90"`
	Mean Money `json:"mean"`
	// ProbabilityOfTarget is the probability that the bookings reach the
	// target (undefined without one).
	ProbabilityOfTarget Ratio `json:"probability_of_target"`
	// Booked is the bookings so far; FromOpen and FromNew the expected
	// bookings from the deals open on the day and from deals not yet
	// created (the three add up to Mean, up to rounding).
	Booked   Money `json:"booked"`
	FromOpen Money `json:"from_open"`
	FromNew  Money `json:"from_new"`
	// OpenDeals counts the deals open on the day.
	OpenDeals int `json:"open_deals"`
	// Export is the day of the export whose expected close dates the
	// projection used (NoDay: none was taken on the day; see
	// docs/metrics.md).
	Export Day `json:"export"`
	// History names the closed quarters the projection learnt from
	// (oldest first); HistoryDeals counts the deals open on the same day
	// of those quarters.
	History      []string `json:"history"`
	HistoryDeals int      `json:"history_deals"`
}

// ComputeOutlook computes the outlook of the current export cur (with an
// earlier export prev of the same pipeline, or nil) as of opts.AsOf
// (NoDay: the newest date of the data, as in Compute): Review.Outlook
// without the rest of the review. It is a pure function of the records
// and the options.
func ComputeOutlook(cur, prev *Records, opts Options) (*Outlook, error) {
	if cur == nil {
		return nil, errors.New("outlook: no records")
	}
	ix, err := newIndex(cur, prev, opts.normalize())
	if err != nil {
		return nil, err
	}
	return newOutlookInput(ix).outlook(), nil
}

// outlookPart is the outlook family of the review.
func outlookPart(ix *index) (part, error) {
	o := newOutlookInput(ix).outlook()
	return part{fill: func(rev *Review) { rev.Outlook = *o }}, nil
}

// outlook computes every part; the capacity plan and the projections are
// independent and run side by side.
func (in *outlookInput) outlook() *Outlook {
	o := &Outlook{AsOf: in.asOf, Current: in.cal.Quarter(in.qLive), Next: in.cal.Quarter(in.qLive + 1)}
	o.Day = int(in.asOf-o.Current.Start) + 1
	o.Days = int(o.Current.End-o.Current.Start) + 1
	var wg sync.WaitGroup
	wg.Go(func() { o.Capacity = in.capacityPlan() })
	as := in.anchorStats()
	live := [2][]Projection{as.projectAll(in.qLive, 0), as.projectAll(in.qLive, 1)}
	winRates := in.trailingWinRates()
	pacings := in.pacings()
	for _, s := range in.scopeOrder() {
		o.Scopes = append(o.Scopes, OutlookScope{Region: in.scopeName(s), Pacing: pacings[s],
			Current: in.quarterFigures(as, live[0][s], winRates[s], s, 0),
			Next:    in.quarterFigures(as, live[1][s], winRates[s], s, 1)})
	}
	o.Backtest = in.backtest(as)
	wg.Wait()
	return o
}
