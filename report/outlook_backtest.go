package report

import (
	"math"
	"sync"
)

// Backtest is the projection's track record on the same export: for each
// of the last BacktestQuarters closed quarters (those inside the data),
// the projection made on the same day of that quarter with only what was
// known then, beside what was booked.
type Backtest struct {
	// Day is the day of the quarter every projection was made on (the
	// as-of date's).
	Day int `json:"day"`
	// Rows are by quarter, oldest first, then by scope: the total, then
	// the regions in order.
	Rows []BacktestRow `json:"rows"`
	// Summaries has one per scope (total first), then Pooled: every
	// region's rows together.
	Summaries []BacktestSummary `json:"summaries"`
	Pooled    BacktestSummary   `json:"pooled"`
}

// BacktestRow is one scope's projection of one closed quarter.
type BacktestRow struct {
	Region     string     `json:"region"` // "" for the total
	Quarter    string     `json:"quarter"`
	AsOf       Day        `json:"as_of"` // the day the projection was made
	Projection Projection `json:"projection"`
	Actual     Money      `json:"actual"` // the quarter's bookings
	// Weighted is the bookings by AsOf plus the stage-weighted pipeline with
	// close in the quarter, from an export taken on AsOf (or up to a week
	// before); undefined without one (major units).
	Weighted Ratio `json:"weighted"`
	// Call is the latest forecast call for the quarter submitted on or
	// before AsOf, nil when there is none.
	Call *OutlookCall `json:"call"`
	// Errors are forecast minus actual, major units: of the projection's
	// P50, of Weighted, of the call's commit.
	ProjectionError Ratio `json:"projection_error"`
	WeightedError   Ratio `json:"weighted_error"`
	CallError       Ratio `json:"call_error"`
	// InRange is true when P10 <= Actual <= P90 (false without projection).
	InRange bool `json:"in_range"`
}

// BacktestSummary sums up the backtest rows of a scope.
type BacktestSummary struct {
	Region string `json:"region"` // "" for the total
	// Projected counts the rows with a projection; InRange those whose
	// P10-P90 held the actual; HitRate = InRange / Projected.
	Projected int   `json:"projected"`
	InRange   int   `json:"in_range"`
	HitRate   Ratio `json:"hit_rate"`
	// MAE is the mean absolute error of P50 (major units) and MAPE the
	// mean of |error| / actual over the rows with a positive actual.
	MAE  Ratio `json:"mae"`
	MAPE Ratio `json:"mape"`
	// Against the weighted pipeline and the call: the same errors, on the
	// rows where both the projection and the other forecast exist.
	VsWeighted Comparison `json:"vs_weighted"`
	VsCall     Comparison `json:"vs_call"`
}

// Comparison compares the projection with another forecast on the rows
// where both exist.
type Comparison struct {
	Rows           int   `json:"rows"`
	ProjectionMAE  Ratio `json:"projection_mae"` // major units
	OtherMAE       Ratio `json:"other_mae"`      // major units
	ProjectionMAPE Ratio `json:"projection_mape"`
	OtherMAPE      Ratio `json:"other_mape"`
	// ProjectionCloser and OtherCloser count the rows where one was
	// strictly closer to the actual.
	ProjectionCloser int `json:"projection_closer"`
	OtherCloser      int `json:"other_closer"`
}

// backtest projects each closed quarter on its own anchor day.
func (in *outlookInput) backtest(as *anchorSet) Backtest {
	bt := Backtest{Day: in.t}
	// The quarters are projected side by side.
	proj := make([][]Projection, BacktestQuarters)
	var wg sync.WaitGroup
	for j := range proj {
		if k := in.qLive - BacktestQuarters + j; as.at(k) != nil && as.complete(k) {
			wg.Go(func() { proj[j] = as.projectAll(k, 0) })
		}
	}
	wg.Wait()
	for j := range proj {
		if proj[j] == nil {
			continue
		}
		a := as.at(in.qLive - BacktestQuarters + j)
		for _, s := range in.scopeOrder() {
			bt.Rows = append(bt.Rows, in.backtestRow(a, s, proj[j][s]))
		}
	}
	for _, s := range in.scopeOrder() {
		bt.Summaries = append(bt.Summaries, summarize(in.scopeName(s), bt.Rows, func(r *BacktestRow) bool { return r.Region == in.scopeName(s) }))
	}
	bt.Pooled = summarize("", bt.Rows, func(r *BacktestRow) bool { return r.Region != "" })
	return bt
}

func (in *outlookInput) backtestRow(a *anchor, s int, pr Projection) BacktestRow {
	row := BacktestRow{Region: in.scopeName(s), Quarter: a.q.Name, AsOf: a.day, Projection: pr, Actual: scopeSum(a.actual, s)}
	actual := row.Actual.Float()
	if _, w, ok := in.pipelineIn(s, a.k, a.day); ok {
		row.Weighted = Defined(scopeSum(a.booked, s).Float() + w)
		row.WeightedError = Defined(row.Weighted.Value - actual)
	}
	if row.Call = in.call(s, a.k, a.day); row.Call != nil {
		row.CallError = Defined(row.Call.Commit.Float() - actual)
	}
	if pr.OK {
		row.ProjectionError = Defined(pr.P50.Float() - actual)
		row.InRange = pr.P10 <= row.Actual && row.Actual <= pr.P90
	}
	return row
}

// errorSums accumulates absolute and relative errors.
type errorSums struct {
	n, nRel  int
	abs, rel float64
}

func (e *errorSums) add(err, actual float64) {
	e.n++
	e.abs += math.Abs(err)
	if actual > 0 {
		e.nRel++
		e.rel += math.Abs(err) / actual
	}
}

func (e errorSums) mae() Ratio  { return Div(e.abs, float64(e.n)) }
func (e errorSums) mape() Ratio { return Div(e.rel, float64(e.nRel)) }

// summarize sums up the rows that keep selects.
func summarize(region string, rows []BacktestRow, keep func(*BacktestRow) bool) BacktestSummary {
	sum := BacktestSummary{Region: region}
	var proj errorSums
	var w, c [2]errorSums // projection, other
	for i := range rows {
		r := &rows[i]
		if !keep(r) || !r.Projection.OK {
			continue
		}
		actual := r.Actual.Float()
		sum.Projected++
		if r.InRange {
			sum.InRange++
		}
		proj.add(r.ProjectionError.Value, actual)
		if r.WeightedError.OK {
			compare(&sum.VsWeighted, &w, r.ProjectionError.Value, r.WeightedError.Value, actual)
		}
		if r.CallError.OK {
			compare(&sum.VsCall, &c, r.ProjectionError.Value, r.CallError.Value, actual)
		}
	}
	sum.HitRate = Div(float64(sum.InRange), float64(sum.Projected))
	sum.MAE, sum.MAPE = proj.mae(), proj.mape()
	for _, x := range []struct {
		cmp *Comparison
		e   *[2]errorSums
	}{{&sum.VsWeighted, &w}, {&sum.VsCall, &c}} {
		x.cmp.ProjectionMAE, x.cmp.OtherMAE = x.e[0].mae(), x.e[1].mae()
		x.cmp.ProjectionMAPE, x.cmp.OtherMAPE = x.e[0].mape(), x.e[1].mape()
	}
	return sum
}

// compare adds one row where both the projection and another forecast exist.
func compare(c *Comparison, e *[2]errorSums, projErr, otherErr, actual float64) {
	c.Rows++
	e[0].add(projErr, actual)
	e[1].add(otherErr, actual)
	switch {
	case math.Abs(projErr) < math.Abs(otherErr):
		c.ProjectionCloser++
	case math.Abs(otherErr) < math.Abs(projErr):
		c.OtherCloser++
	}
}
