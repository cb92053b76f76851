package output

import (
	"slices"
	"strconv"

	"github.com/salesreview/salesreview/report"
)

// outlookTables are the outlook's tables (money rounded to the cent, as
// issue 11's contract says): outlook (where each scope stands in the
// current and the next quarter, with the projected landing),
// outlook_backtest, outlook_pacing, capacity_plan and capacity_plan_reps.
// See docs/metrics-schema.md.
var outlookTables = []tableSpec{
	spec[outlookRow]{"outlook", slices.Concat(scopeCols(func(r outlookRow) string { return r.region }), []column[outlookRow]{
		text("quarter", func(r outlookRow) string { return r.q.Quarter }),
		date("as_of", func(r outlookRow) report.Day { return r.asOf }),
		centsIf("target", func(r outlookRow) (report.Money, bool) { return r.q.Target, r.q.HasTarget }),
		cents("booked", func(r outlookRow) report.Money { return r.q.Booked }),
		centsIf("open_in_quarter", func(r outlookRow) (report.Money, bool) { return r.q.OpenInQuarter, r.q.OpenKnown }),
		centsIf("projected_p10", func(r outlookRow) (report.Money, bool) { return r.q.Projection.P10, r.q.Projection.OK }),
		centsIf("projected_p50", func(r outlookRow) (report.Money, bool) { return r.q.Projection.P50, r.q.Projection.OK }),
		centsIf("projected_p90", func(r outlookRow) (report.Money, bool) { return r.q.Projection.P90, r.q.Projection.OK }),
		ratio("probability_of_target", func(r outlookRow) report.Ratio { return r.q.Projection.ProbabilityOfTarget }),
	}), outlookRows},
	spec[report.BacktestRow]{"outlook_backtest", slices.Concat(scopeCols(func(b report.BacktestRow) string { return b.Region }),
		[]column[report.BacktestRow]{
			text("quarter", func(b report.BacktestRow) string { return b.Quarter }),
			date("as_of", func(b report.BacktestRow) report.Day { return b.AsOf }),
			centsIf("projected_p10", func(b report.BacktestRow) (report.Money, bool) { return b.Projection.P10, b.Projection.OK }),
			centsIf("projected_p50", func(b report.BacktestRow) (report.Money, bool) { return b.Projection.P50, b.Projection.OK }),
			centsIf("projected_p90", func(b report.BacktestRow) (report.Money, bool) { return b.Projection.P90, b.Projection.OK }),
			cents("actual", func(b report.BacktestRow) report.Money { return b.Actual }),
			centsOfRatio("weighted_pipeline", func(b report.BacktestRow) report.Ratio { return b.Weighted }),
			centsIf("call", func(b report.BacktestRow) (report.Money, bool) {
				if b.Call == nil {
					return 0, false
				}
				return b.Call.Commit, true
			}),
		}), func(rev *report.Review) []report.BacktestRow { return rev.Outlook.Backtest.Rows }},
	spec[pacingDay]{"outlook_pacing", slices.Concat(scopeCols(func(p pacingDay) string { return p.region }), []column[pacingDay]{
		text("quarter", func(p pacingDay) string { return p.q.Quarter }),
		count("day", func(p pacingDay) int { return p.day + 1 }),
		cents("booked", func(p pacingDay) report.Money { return p.q.Cumulative[p.day] }),
		ratio("share_of_target", func(p pacingDay) report.Ratio {
			if !p.q.HasTarget {
				return report.Ratio{}
			}
			return report.Div(float64(p.q.Cumulative[p.day]), float64(p.q.Target))
		}),
	}), pacingDays},
	spec[hireRow]{"capacity_plan", slices.Concat(scopeCols(func(h hireRow) string { return h.sc.Region }), []column[hireRow]{
		text("fiscal_year", func(h hireRow) string { return h.year }),
		count("plan_quarters", func(h hireRow) int { return h.sc.PlanQuarters }),
		count("reps", func(h hireRow) int { return h.sc.Reps }),
		centsIf("target", func(h hireRow) (report.Money, bool) { return h.sc.Target, h.sc.HasTarget }),
		centsOf("expected", func(h hireRow) float64 { return h.sc.Expected }),
		centsOf("expected_year", func(h hireRow) float64 { return h.sc.ExpectedYear }),
		centsOfRatio("gap", func(h hireRow) report.Ratio { return h.sc.Gap }),
		text("hire_start", func(h hireRow) string { return h.hire.Start }),
		centsOfRatio("bookings_per_hire", func(h hireRow) report.Ratio { return report.Ratio{Value: h.hire.PerHire, OK: h.ok} }),
		ratio("hires_needed", func(h hireRow) report.Ratio { return h.hire.Hires }),
	}), hireRows},
	spec[report.CapacityRep]{"capacity_plan_reps", []column[report.CapacityRep]{
		text("owner", func(p report.CapacityRep) string { return p.Owner }),
		text("region", func(p report.CapacityRep) string { return p.Region }),
		date("hired", func(p report.CapacityRep) report.Day { return p.Hired }),
		yesNo("left_censored", func(p report.CapacityRep) bool { return p.LeftCensored }),
		text("month_at_start", func(p report.CapacityRep) string {
			if p.MonthAtStart < 0 {
				return "" // no hire date: counted as ramped
			}
			return strconv.Itoa(p.MonthAtStart)
		}),
		centsOf("expected", func(p report.CapacityRep) float64 { return p.Expected }),
	}, func(rev *report.Review) []report.CapacityRep { return rev.Outlook.Capacity.Reps }},
}

// outlookRow is where one scope stands in one quarter.
type outlookRow struct {
	region string
	asOf   report.Day
	q      report.OutlookQuarter
}

// outlookRows returns the current then the next quarter of every scope.
func outlookRows(rev *report.Review) []outlookRow {
	var rows []outlookRow
	for _, sc := range rev.Outlook.Scopes {
		for _, q := range []report.OutlookQuarter{sc.Current, sc.Next} {
			rows = append(rows, outlookRow{sc.Region, rev.Outlook.AsOf, q})
		}
	}
	return rows
}

// pacingDay is one day of a quarter's pacing in one scope.
type pacingDay struct {
	region string
	q      *report.PacingQuarter
	day    int // index into q.Cumulative: day 1 is 0
}

func pacingDays(rev *report.Review) []pacingDay {
	var rows []pacingDay
	for i := range rev.Outlook.Scopes {
		sc := &rev.Outlook.Scopes[i]
		for j := range sc.Pacing.Quarters {
			q := &sc.Pacing.Quarters[j]
			for day := range q.Cumulative {
				rows = append(rows, pacingDay{sc.Region, q, day})
			}
		}
	}
	return rows
}

// hireRow is one hire option of a scope's capacity plan; a scope without
// any has one row whose hire columns are empty (ok false).
type hireRow struct {
	year string
	sc   *report.CapacityScope
	hire report.HireOption
	ok   bool
}

func hireRows(rev *report.Review) []hireRow {
	c := &rev.Outlook.Capacity
	var rows []hireRow
	for i := range c.Scopes {
		sc := &c.Scopes[i]
		if len(sc.Hires) == 0 {
			rows = append(rows, hireRow{c.FiscalYear, sc, report.HireOption{}, false})
		}
		for _, h := range sc.Hires {
			rows = append(rows, hireRow{c.FiscalYear, sc, h, true})
		}
	}
	return rows
}

// cents is money rounded to the cent (half away from zero), with two
// decimals: the outlook's tables say money so.
func cents[R any](header string, get func(R) report.Money) column[R] {
	return column[R]{header, func(r R) string { return fc(get(r)) }}
}

// centsIf is cents, empty when the amount is not known.
func centsIf[R any](header string, get func(R) (report.Money, bool)) column[R] {
	return column[R]{header, func(r R) string {
		if m, ok := get(r); ok {
			return fc(m)
		}
		return ""
	}}
}

// centsOf is cents of an amount in major units.
func centsOf[R any](header string, get func(R) float64) column[R] {
	return column[R]{header, func(r R) string { return fc(report.MoneyFromFloat(get(r))) }}
}

// centsOfRatio is centsOf a defined amount, empty when undefined.
func centsOfRatio[R any](header string, get func(R) report.Ratio) column[R] {
	return column[R]{header, func(r R) string {
		if v := get(r); v.OK {
			return fc(report.MoneyFromFloat(v.Value))
		}
		return ""
	}}
}

// fc writes money rounded to the cent (half away from zero), with two
// decimals.
func fc(m report.Money) string {
	const cent = report.MoneyUnit / 100
	if m < 0 {
		return fm(-(-m + cent/2) / cent * cent)
	}
	return fm((m + cent/2) / cent * cent)
}
