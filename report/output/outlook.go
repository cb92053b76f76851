package output

import (
	"slices"

	"github.com/salesreview/salesreview/report"
)

// outlookTables returns the outlook's tables (money rounded to the cent):
// outlook (where each scope
// stands in the current and the next quarter, with the projected landing),
// outlook_backtest, outlook_pacing, capacity_plan and capacity_plan_reps.
// See docs/metrics-schema.md.
func outlookTables(r *report.Review) []Table {
	o := &r.Outlook
	table := func(name string, header []string, rows [][]string) Table {
		return Table{Name: name, Header: header, Rows: slices.Values(rows), Len: len(rows)}
	}
	var rows, pacing [][]string
	for _, sc := range o.Scopes {
		for _, q := range []report.OutlookQuarter{sc.Current, sc.Next} {
			p := q.Projection
			rows = append(rows, cat(outlookScope(sc.Region), []string{q.Quarter, o.AsOf.String(), ftc(q.Target, q.HasTarget),
				fc(q.Booked), ftc(q.OpenInQuarter, q.OpenKnown), ftc(p.P10, p.OK), ftc(p.P50, p.OK), ftc(p.P90, p.OK),
				fr(p.ProbabilityOfTarget)}))
		}
		for _, q := range sc.Pacing.Quarters {
			for day, m := range q.Cumulative {
				share := report.Ratio{}
				if q.HasTarget {
					share = report.Div(float64(m), float64(q.Target))
				}
				pacing = append(pacing, cat(outlookScope(sc.Region), []string{q.Quarter, fi(day + 1), fc(m), fr(share)}))
			}
		}
	}
	ts := []Table{table("outlook", []string{"scope", "region", "quarter", "as_of", "target", "booked", "open_in_quarter",
		"projected_p10", "projected_p50", "projected_p90", "probability_of_target"}, rows)}
	rows = nil
	for _, b := range o.Backtest.Rows {
		p := b.Projection
		call := ""
		if b.Call != nil {
			call = fc(b.Call.Commit)
		}
		rows = append(rows, cat(outlookScope(b.Region), []string{b.Quarter, b.AsOf.String(), ftc(p.P10, p.OK), ftc(p.P50, p.OK),
			ftc(p.P90, p.OK), fc(b.Actual), fmr(b.Weighted), call}))
	}
	ts = append(ts, table("outlook_backtest", []string{"scope", "region", "quarter", "as_of", "projected_p10", "projected_p50",
		"projected_p90", "actual", "weighted_pipeline", "call"}, rows))
	ts = append(ts, table("outlook_pacing", []string{"scope", "region", "quarter", "day", "booked", "share_of_target"}, pacing))
	return append(ts, capacityTables(&o.Capacity)...)
}

// capacityTables returns capacity_plan (a row per scope and hire start
// month) and capacity_plan_reps (a row per current rep).
func capacityTables(c *report.CapacityPlan) []Table {
	var rows, reps [][]string
	for _, sc := range c.Scopes {
		head := cat(outlookScope(sc.Region), []string{c.FiscalYear, fi(sc.PlanQuarters), fi(sc.Reps), ftc(sc.Target, sc.HasTarget),
			fmf(sc.Expected), fmf(sc.ExpectedYear), fmr(sc.Gap)})
		if len(sc.Hires) == 0 {
			rows = append(rows, cat(head, []string{"", "", ""}))
		}
		for _, h := range sc.Hires {
			rows = append(rows, cat(head, []string{h.Start, fmf(h.PerHire), fr(h.Hires)}))
		}
	}
	for _, p := range c.Reps {
		month := ""
		if p.MonthAtStart >= 0 {
			month = fi(p.MonthAtStart)
		}
		reps = append(reps, []string{p.Owner, p.Region, p.Hired.String(), fb(p.LeftCensored), month, fmf(p.Expected)})
	}
	return []Table{
		{Name: "capacity_plan", Header: []string{"scope", "region", "fiscal_year", "plan_quarters", "reps", "target", "expected",
			"expected_year", "gap", "hire_start", "bookings_per_hire", "hires_needed"}, Rows: slices.Values(rows), Len: len(rows)},
		{Name: "capacity_plan_reps", Header: []string{"owner", "region", "hired", "left_censored", "month_at_start", "expected"},
			Rows: slices.Values(reps), Len: len(reps)},
	}
}

// outlookScope returns the scope columns of a region ("" for the total).
func outlookScope(region string) []string {
	if region == "" {
		return []string{"total", ""}
	}
	return []string{"region", region}
}

// fc writes money rounded to the cent (half away from zero), with two
// decimals: the outlook's tables say money so (issue 11's contract).
func fc(m report.Money) string {
	const cent = report.MoneyUnit / 100
	if m < 0 {
		return fm(-(-m + cent/2) / cent * cent)
	}
	return fm((m + cent/2) / cent * cent)
}

// ftc is fc, or "" when !ok.
func ftc(m report.Money, ok bool) string {
	if !ok {
		return ""
	}
	return fc(m)
}

// fmf writes a major-unit amount as money with two decimals.
func fmf(f float64) string { return fc(report.MoneyFromFloat(f)) }

// fmr writes a defined major-unit amount as money with two decimals, ""
// when undefined.
func fmr(r report.Ratio) string {
	if !r.OK {
		return ""
	}
	return fmf(r.Value)
}
