package site

import "github.com/salesreview/salesreview/report"

// fixtureOutlook is a hand-made outlook of the fixture's regions, as of
// 2026-10-05 (day 5 of 92 of FY2026-Q4): the total and each region with a
// projected current quarter and a next quarter without projection (too
// little history); pacing beside two earlier quarters, one of them with a
// target; two backtest quarters, one with the weighted pipeline of its day;
// and a capacity plan whose first region falls short of its target.
func fixtureOutlook(rev *report.Review) report.Outlook {
	cur := report.Quarter{Name: "FY2026-Q4", FiscalYear: 2026, Q: 4, Start: report.Date(2026, 10, 1), End: report.Date(2026, 12, 31)}
	next := report.Quarter{Name: "FY2027-Q1", FiscalYear: 2027, Q: 1, Start: report.Date(2027, 1, 1), End: report.Date(2027, 3, 31)}
	o := report.Outlook{AsOf: report.Date(2026, 10, 5), Day: 5, Days: 92, Current: cur, Next: next,
		Backtest: report.Backtest{Day: 5}, Capacity: fixtureCapacity(rev)}
	for i, region := range append([]string{""}, rev.Regions...) {
		scale := int64(1000 * (i + 1))
		o.Scopes = append(o.Scopes, report.OutlookScope{Region: region,
			Current: report.OutlookQuarter{Quarter: cur.Name, Target: usd(12 * scale), HasTarget: true, Booked: usd(scale), Gap: usd(11 * scale),
				OpenInQuarter: usd(30 * scale), OpenKnown: true, Coverage: r(30.0 / 11), Required: r(2), TrailingWinRate: r(0.5),
				Weighted: r(float64(9 * scale)), Call: &report.OutlookCall{Submitted: report.Date(2026, 10, 5), Commit: usd(10 * scale)},
				Projection: report.Projection{OK: true, P10: usd(8 * scale), P50: usd(11 * scale), P90: usd(14 * scale), Mean: usd(11 * scale),
					ProbabilityOfTarget: r(0.3), Booked: usd(scale), FromOpen: usd(7 * scale), FromNew: usd(3 * scale), OpenDeals: 12}},
			Next: report.OutlookQuarter{Quarter: next.Name, Projection: report.Projection{
				Reason: "too little history: 3 complete quarters before FY2027-Q1, 4 needed"}},
			Pacing: report.Pacing{Day: 5, Share: r(1.0 / 12), EarlierLow: r(0.05), EarlierHigh: r(0.05), EarlierWithTarget: 1,
				Quarters: []report.PacingQuarter{
					{Quarter: cur.Name, Days: 92, Target: usd(12 * scale), HasTarget: true, AtDay: usd(scale), ShareAtDay: r(1.0 / 12),
						Cumulative: []report.Money{0, 0, usd(scale / 2), usd(scale / 2), usd(scale)}},
					{Quarter: "FY2026-Q3", Days: 92, Target: usd(10 * scale), HasTarget: true, AtDay: usd(scale / 2), ShareAtDay: r(0.05),
						Cumulative: []report.Money{0, 0, 0, usd(scale / 2), usd(scale / 2), usd(4 * scale)}},
					{Quarter: "FY2026-Q2", Days: 91, AtDay: usd(2 * scale), Cumulative: []report.Money{usd(2 * scale), usd(2 * scale), usd(2 * scale),
						usd(2 * scale), usd(2 * scale), usd(3 * scale)}},
				}}})
		for _, q := range []string{"FY2026-Q2", "FY2026-Q3"} {
			row := report.BacktestRow{Region: region, Quarter: q, AsOf: report.Date(2026, 4, 5), Actual: usd(10 * scale), InRange: q == "FY2026-Q3",
				Projection:      report.Projection{OK: true, P10: usd(9 * scale), P50: usd(11 * scale), P90: usd(13 * scale)},
				ProjectionError: r(float64(scale)), Call: &report.OutlookCall{Commit: usd(9 * scale)}, CallError: r(-float64(scale))}
			if q == "FY2026-Q3" {
				row.AsOf, row.Weighted, row.WeightedError = report.Date(2026, 7, 5), r(float64(12*scale)), r(float64(2*scale))
			} else {
				row.InRange, row.Projection.P90 = false, usd(9*scale+1)
			}
			o.Backtest.Rows = append(o.Backtest.Rows, row)
		}
	}
	o.Backtest.Summaries = []report.BacktestSummary{{Projected: 2, InRange: 1, HitRate: r(0.5), MAE: r(1000),
		VsWeighted: report.Comparison{Rows: 1, ProjectionMAE: r(1000), OtherMAE: r(2000), ProjectionCloser: 1},
		VsCall:     report.Comparison{Rows: 2, ProjectionMAE: r(1000), OtherMAE: r(1000)}}}
	o.Backtest.Pooled = report.BacktestSummary{Projected: 2 * len(rev.Regions), InRange: len(rev.Regions),
		VsWeighted: report.Comparison{Rows: len(rev.Regions), ProjectionMAE: r(1500), OtherMAE: r(3000), ProjectionCloser: len(rev.Regions)}}
	return o
}

// fixtureCapacity is the capacity plan of FY2027 for the fixture's regions:
// a ramp curve of three months, the first region 5,000 short of its target
// (3 hires starting in 2026-11, 4 in 2026-12, too late after), the others
// above theirs.
func fixtureCapacity(rev *report.Review) report.CapacityPlan {
	c := report.CapacityPlan{OK: true, FiscalYear: "FY2027", Start: report.Date(2027, 1, 1), End: report.Date(2027, 12, 31),
		DataBegins: report.Date(2024, 1, 1), LeftCensored: 2, Curve: []report.Ratio{r(0), r(500), r(1500)}, CurveReps: []int{5, 5, 5},
		RampedMonthly: r(2000), RampedRepMonths: 24}
	for i, region := range rev.Regions {
		c.Reps = append(c.Reps, report.CapacityRep{Owner: "Ann " + itoa(i), Region: region, Hired: report.Date(2025, 2, 1), MonthAtStart: 23, Expected: 24000})
	}
	hires := func(first, second report.Ratio) []report.HireOption {
		return []report.HireOption{{Start: "2026-11", PerHire: 2000, Hires: first}, {Start: "2026-12", PerHire: 1500, Hires: second},
			{Start: "2027-01", Hires: report.Ratio{}}}
	}
	for i, region := range append([]string{""}, rev.Regions...) {
		sc := report.CapacityScope{Region: region, Reps: 1, PlanQuarters: 4, Target: usd(20000), HasTarget: true, Expected: 24000,
			ExpectedYear: 24000, Gap: r(-4000), Hires: hires(r(0), r(0))}
		switch i {
		case 0:
			sc.Reps, sc.Target, sc.Expected, sc.ExpectedYear = len(rev.Regions), usd(int64(20000*len(rev.Regions))), float64(24000*len(rev.Regions)), float64(24000*len(rev.Regions))
			sc.Gap = r(-float64(4000 * len(rev.Regions)))
		case 1:
			sc.Target, sc.Gap, sc.Hires = usd(29000), r(5000), hires(r(3), r(4))
		}
		c.Scopes = append(c.Scopes, sc)
	}
	return c
}
