package report

// scopeFigures are the figures of one scope the scopes family computes.
type scopeFigures struct {
	kpis       KPIs
	coverage   Coverage
	trend      []QuarterFigures
	all        QuarterFigures
	activities ScopeActivities
}

// scopesPart is the scopes family: every scope's KPI tiles, coverage of the
// current quarter, quarterly trend and all-history figures.
func scopesPart(ix *index) (part, error) {
	figs := make([]scopeFigures, ix.nr+1)
	for s := range figs {
		f := &figs[s]
		f.kpis = KPIs{Current: ix.kpi(s, ix.periodQ), Previous: ix.kpi(s, ix.periodQ-1), YearAgo: ix.kpi(s, ix.periodQ-4)}
		f.coverage = ix.coverage(s, ix.currentQ)
		for qi := ix.firstQ(); qi <= ix.lastQ(); qi++ {
			f.trend = append(f.trend, ix.figures(s, qi))
		}
		f.all = ix.allFigures(s)
		f.activities = ScopeActivities{Counts: f.all.Activities,
			PerWonDeal: ix.perWonDeal(ix.acts.linkedWon[s], ix.flows.all[s].won), Efficiency: ix.efficiency(s)}
	}
	return part{fill: func(rev *Review) {
		for s, f := range figs {
			sc := rev.scopeAt(s)
			sc.KPIs, sc.Coverage, sc.Trend, sc.All, sc.Activities = f.kpis, f.coverage, f.trend, f.all, f.activities
		}
	}}, nil
}

// figures returns the figures of scope s in calendar quarter qi.
func (ix *index) figures(s, qi int) QuarterFigures {
	f := ix.flowAt(s, qi)
	q := QuarterFigures{
		Period: ix.cal.Quarter(qi).Name, Bookings: f.bookings, WonDeals: f.won, LostDeals: f.lost,
		LostAmount: f.lostAmount, Created: f.created, CreatedDeals: f.createdDeals, Recognised: ix.recognisedAt(s, qi),
		AvgDealSize: avgMoney(f.bookings, f.won), Activities: countsOf(ix.actsAt(s, qi)),
	}
	q.WinRate, q.WinRateValue = winRates(f.won, f.lost, f.bookings, f.lostAmount)
	cyc := ix.cyclesAt(s, qi)
	q.CycleMedian, q.CycleMean, q.CycleDeals = medianSorted(cyc), mean(cyc), len(cyc)
	q.Target, q.HasTarget = ix.target(s, qi)
	if q.HasTarget {
		q.Attainment = Div(float64(f.bookings), float64(q.Target))
	}
	q.GrowthQoQ = growth(f.bookings, ix.flowAt(s, qi-1).bookings)
	q.GrowthYoY = growth(f.bookings, ix.flowAt(s, qi-4).bookings)
	q.ActivityChange = change(q.Activities.Total, countsOf(ix.actsAt(s, qi-1)).Total)
	return q
}

// allFigures returns the figures of scope s over all history: its deals
// whatever their dates, and the revenue recognised in Review.Quarters.
func (ix *index) allFigures(s int) QuarterFigures {
	a := ix.flows.all[s]
	all := QuarterFigures{Period: "all", Bookings: a.bookings, WonDeals: a.won, LostDeals: a.lost, LostAmount: a.lostAmount,
		AvgDealSize: avgMoney(a.bookings, a.won), Created: a.created, CreatedDeals: a.createdDeals}
	all.WinRate, all.WinRateValue = winRates(a.won, a.lost, a.bookings, a.lostAmount)
	cyc := ix.flows.allCyc[s]
	all.CycleMedian, all.CycleMean, all.CycleDeals = medianSorted(cyc), mean(cyc), len(cyc)
	for qi := ix.firstQ(); qi <= ix.lastQ(); qi++ {
		all.Recognised += ix.recognisedAt(s, qi) // the quarters of the trend, and only those
	}
	if s < ix.nr {
		all.Activities = countsOf(ix.acts.regions[s])
	} else {
		all.Activities = countsOf(ix.acts.total)
	}
	return all
}

// actsAt returns the activities of scope s in calendar quarter qi, by type.
func (ix *index) actsAt(s, qi int) [4]int {
	k := ix.qrel(qi)
	if k < 0 {
		return [4]int{}
	}
	return ix.acts.byQuarter[ix.fi(s, k)]
}

// coverage returns the coverage of scope s for calendar quarter qi. The
// ratio is for a current or future quarter: undefined for one that has
// ended on the as-of date (the open deals left in it are past due, not
// coverage).
func (ix *index) coverage(s, qi int) Coverage {
	f := ix.flowAt(s, qi)
	cv := Coverage{Region: ix.region(s), Period: ix.cal.Quarter(qi).Name, OpenPipeline: f.open, Booked: f.bookings}
	cv.Target, cv.HasTarget = ix.target(s, qi)
	if cv.HasTarget {
		cv.Remaining = cv.Target - cv.Booked
		switch {
		case cv.Remaining <= 0:
			cv.TargetMet = true
		case qi >= ix.currentQ:
			cv.Ratio = Div(float64(cv.OpenPipeline), float64(cv.Remaining))
		}
	}
	// Required coverage: 1 / win rate by value over the trailing four closed
	// quarters (METRICS.md). For a past quarter those are the four before it;
	// for the current quarter and any later one, the four before the current
	// quarter, the most recent complete on the as-of date: a quarter after the
	// current one must not count the unfinished current quarter.
	end := min(qi, ix.currentQ)
	var won, lost Money
	for k := end - 4; k < end; k++ {
		g := ix.flowAt(s, k)
		won += g.bookings
		lost += g.lostAmount
	}
	cv.TrailingWinRate = Div(float64(won), float64(won+lost))
	if cv.TrailingWinRate.OK {
		cv.Required = Div(1, cv.TrailingWinRate.Value)
	}
	return cv
}

// kpi returns the KPI tile of scope s in calendar quarter qi.
func (ix *index) kpi(s, qi int) KPI {
	q := ix.figures(s, qi)
	return KPI{
		Period: q.Period, Bookings: q.Bookings, WonDeals: q.WonDeals, LostDeals: q.LostDeals,
		Target: q.Target, HasTarget: q.HasTarget, Attainment: q.Attainment, Coverage: ix.coverage(s, qi),
		WinRate: q.WinRate, WinRateValue: q.WinRateValue, ARR: ix.arrAt(s, qi), Activities: q.Activities,
		GrowthQoQ: q.GrowthQoQ, GrowthYoY: q.GrowthYoY,
	}
}

// perWonDeal is linked activities / won deals; undefined without won
// deals, and without any activity data (0 would claim no activity).
func (ix *index) perWonDeal(linked, won int) Ratio {
	if len(ix.cur.Activities) == 0 {
		return Ratio{}
	}
	return Div(float64(linked), float64(won))
}

// efficiency is bookings per activity of each type in the review quarter.
func (ix *index) efficiency(s int) []Efficiency {
	f := ix.flowAt(s, ix.periodQ)
	acts := ix.actsAt(s, ix.periodQ)
	var out []Efficiency
	for _, t := range ActivityTypes {
		n := acts[t]
		out = append(out, Efficiency{Type: t.String(), Activities: n, Bookings: f.bookings,
			PerActivity: avgMoney(f.bookings, n)})
	}
	return out
}
