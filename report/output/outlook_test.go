package output_test

import (
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/output"
)

// outlookFixture is a review whose outlook is made by hand: the total and
// East; a current quarter with a projection and a target, a next quarter
// with neither and no export of the day; two backtest rows, one with the
// weighted pipeline and a call, one with too little history; a capacity
// plan with one hire option and one scope without a target.
func outlookFixture() *report.Review {
	cur := report.OutlookQuarter{Quarter: "FY2026-Q3", Target: usd(3000), HasTarget: true, Booked: report.Cents(125), OpenInQuarter: usd(4000), OpenKnown: true,
		Projection: report.Projection{OK: true, P10: usd(1000), P50: usd(2000) + report.Cents(5) - 1, P90: usd(3500), ProbabilityOfTarget: report.Div(1, 4)}}
	next := report.OutlookQuarter{Quarter: "FY2026-Q4", Projection: report.Projection{Reason: "too little history"}}
	bt := []report.BacktestRow{
		{Quarter: "FY2026-Q2", AsOf: report.Date(2026, 4, 10), Actual: usd(900), Weighted: report.Defined(950.004),
			Call: &report.OutlookCall{Commit: usd(880)}, Projection: report.Projection{OK: true, P10: usd(800), P50: usd(850), P90: usd(1000)}},
		{Region: "East", Quarter: "FY2026-Q2", AsOf: report.Date(2026, 4, 10), Actual: usd(900), Projection: report.Projection{Reason: "too few deals"}},
	}
	capacity := report.CapacityPlan{OK: true, FiscalYear: "FY2027",
		Reps: []report.CapacityRep{{Owner: "=Ann", Region: "East", Hired: report.Date(2025, 3, 2), MonthAtStart: 10, Expected: 1234.567},
			{Owner: "Bo", Region: "East", MonthAtStart: -1, Expected: 10}},
		Scopes: []report.CapacityScope{
			{Reps: 2, PlanQuarters: 2, Target: usd(5000), HasTarget: true, Expected: 4000.004, ExpectedYear: 8000, Gap: report.Defined(999.996),
				Hires: []report.HireOption{{Start: "2026-07", PerHire: 300.5, Hires: report.Defined(4)}, {Start: "2026-12", Hires: report.Ratio{}}}},
			{Region: "East", Reps: 2, Expected: 8000, ExpectedYear: 8000},
		}}
	return &report.Review{Outlook: report.Outlook{AsOf: report.Date(2026, 7, 10),
		Scopes:   []report.OutlookScope{{Current: cur, Next: next}, {Region: "East", Current: cur, Next: next}},
		Backtest: report.Backtest{Rows: bt}, Capacity: capacity}}
}

// TestOutlookTables checks the outlook's CSV contracts: the exact headers,
// money with two decimals, and empty cells for what cannot be computed.
func TestOutlookTables(t *testing.T) {
	tables := map[string]string{}
	for _, tb := range output.Tables(outlookFixture()) {
		tables[tb.Name] = string(tb.CSV())
	}
	want := map[string]string{
		"outlook": `scope,region,quarter,as_of,target,booked,open_in_quarter,projected_p10,projected_p50,projected_p90,probability_of_target
total,,FY2026-Q3,2026-07-10,3000.00,1.25,4000.00,1000.00,2000.05,3500.00,0.25
total,,FY2026-Q4,2026-07-10,,0.00,,,,,
region,East,FY2026-Q3,2026-07-10,3000.00,1.25,4000.00,1000.00,2000.05,3500.00,0.25
region,East,FY2026-Q4,2026-07-10,,0.00,,,,,
`,
		"outlook_backtest": `scope,region,quarter,as_of,projected_p10,projected_p50,projected_p90,actual,weighted_pipeline,call
total,,FY2026-Q2,2026-04-10,800.00,850.00,1000.00,900.00,950.00,880.00
region,East,FY2026-Q2,2026-04-10,,,,900.00,,
`,
		"capacity_plan": `scope,region,fiscal_year,plan_quarters,reps,target,expected,expected_year,gap,hire_start,bookings_per_hire,hires_needed
total,,FY2027,2,2,5000.00,4000.00,8000.00,1000.00,2026-07,300.50,4
total,,FY2027,2,2,5000.00,4000.00,8000.00,1000.00,2026-12,0.00,
region,East,FY2027,0,2,,8000.00,8000.00,,,,
`,
		"capacity_plan_reps": `owner,region,hired,left_censored,month_at_start,expected
'=Ann,East,2025-03-02,false,10,1234.57
Bo,East,,false,,10.00
`,
	}
	for name, w := range want {
		if got := tables[name]; got != w {
			t.Errorf("%s.csv:\n%s\nwant:\n%s", name, got, w)
		}
	}
	if h := strings.SplitN(tables["outlook_pacing"], "\n", 2)[0]; h != "scope,region,quarter,day,booked,share_of_target" {
		t.Errorf("outlook_pacing header %q", h)
	}
}
