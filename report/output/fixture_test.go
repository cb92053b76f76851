package output_test

import (
	"strconv"
	"time"

	"github.com/salesreview/salesreview/report"
)

// usd is a whole amount in dollars as Money.
func usd(d int64) report.Money { return report.Cents(d * 100) }

// fixture is a small review made by hand (not computed): two regions, two
// quarters, two clients, one past-due deal flagged twice, a snapshot
// comparison and two data problems. Names include text a spreadsheet
// would run as a formula. The figures need not follow from each other:
// the tests check how each one is written, not how it was computed.
func fixture() *report.Review {
	quarter := func(q int) report.Quarter {
		return report.Quarter{Name: "FY2026-Q" + strconv.Itoa(q), FiscalYear: 2026, Q: q,
			Start: report.Date(2026, time.Month(3*q-2), 1), End: report.Date(2026, time.Month(3*q+1), 0)}
	}
	q1, q2, q3 := quarter(1), quarter(2), quarter(3)
	// East: 500.00 booked in Q1 (1 won, 1 lost of 500.00); 1,000.00 in Q2
	// (1 won, 1 lost of 300.00) against a target of 2,000.00.
	east := report.Scope{Region: "East", Trend: []report.QuarterFigures{
		{Period: q1.Name, Bookings: usd(500), WonDeals: 1, LostDeals: 1, LostAmount: usd(500), WinRate: report.Div(1, 2),
			WinRateValue: report.Div(500, 1000), AvgDealSize: report.Div(500, 1), CycleMedian: report.Div(80, 1),
			CycleMean: report.Div(80, 1), CycleDeals: 1, Recognised: 1054.0 / 12,
			Activities: report.ActivityCounts{Call: 2, Email: 1, Total: 3}},
		{Period: q2.Name, Bookings: usd(1000), WonDeals: 1, LostDeals: 1, LostAmount: usd(300), WinRate: report.Div(1, 2),
			WinRateValue: report.Div(1000, 1300), AvgDealSize: report.Div(1000, 1), Target: usd(2000), HasTarget: true,
			Attainment: report.Div(1000, 2000), GrowthQoQ: report.Defined(1000.0/500 - 1), Created: usd(2300), CreatedDeals: 2,
			Activities: report.ActivityCounts{Meeting: 1, Other: 1, Total: 2}, ActivityChange: report.Div(2-3, 3)},
	}}
	// West: nothing booked; a lost deal of 0.25 in Q2 and a target of 0.10.
	west := report.Scope{Region: "West", Trend: []report.QuarterFigures{
		{Period: q1.Name},
		{Period: q2.Name, LostDeals: 1, LostAmount: report.Cents(25), WinRate: report.Div(0, 1), WinRateValue: report.Div(0, 0.25),
			Target: report.Cents(10), HasTarget: true, Attainment: report.Div(0, 0.1)},
	}}
	total := report.Scope{Trend: []report.QuarterFigures{
		{Period: q1.Name, Bookings: usd(500), WonDeals: 1, LostDeals: 1, LostAmount: usd(500)},
		{Period: q2.Name, Bookings: usd(1000), WonDeals: 1, LostDeals: 2, LostAmount: usd(300) + report.Cents(25)},
	}}
	total.KPIs.Current = report.KPI{Period: q2.Name, Bookings: usd(1000), WonDeals: 1, LostDeals: 2, ARR: 1054,
		Coverage: report.Coverage{Period: q2.Name, OpenPipeline: usd(4000), TargetMet: true}}
	total.Coverage = report.Coverage{Period: q3.Name, OpenPipeline: usd(4000), Target: usd(3000), HasTarget: true,
		Remaining: usd(3000), Ratio: report.Div(4000, 3000), Required: report.Div(1, 0.4),
		TrailingWinRate: report.Div(0.4, 1)}

	overdue := report.DealRef{ID: "E4", Name: `=HYPERLINK("http://x")`, Account: "-Acme, Inc.", Region: "East",
		Owner: "Bob", Stage: "Proposal", Amount: usd(2000), Close: report.Date(2026, 6, 15),
		Pos: report.Position{File: "deals.xlsx", Sheet: "Opportunities", Row: 5, Col: 7}}
	pastDue := []report.PastDue{{Deal: overdue, DaysLate: 15}}
	risks := []report.RiskFlag{
		{Deal: overdue, Rule: report.RulePastDue, Detail: "close 2026-06-15 before 2026-06-30"},
		{Deal: overdue, Rule: report.RuleOutsized, Detail: "amount 2000.00 above 5 x median 300.00"},
	}
	changes := []report.DealChange{
		{ID: "E4", Name: overdue.Name, Account: overdue.Account, Region: "East", Category: report.ChangeIncreased,
			OldStatus: "open", NewStatus: "open", OldStage: "Discovery", NewStage: "Proposal",
			OldAmount: usd(1500), NewAmount: usd(2000), OldClose: report.Date(2026, 6, 15),
			NewClose: report.Date(2026, 6, 15), Delta: usd(500)},
		{ID: "W9", Name: "Gone", Account: "Zeta", Region: "West", Category: report.ChangeRemoved,
			OldStatus: "open", OldStage: "Discovery", OldAmount: usd(700), OldClose: report.Date(2026, 8, 1), Delta: -usd(700)},
	}
	problems := []report.Problem{
		{Pos: overdue.Pos, Msg: "open deal past its close date"},
		{Pos: report.Position{File: "team.xlsx", Sheet: "Team list", Row: 3}, Severity: report.Error,
			Msg: `hired "soon" is not a date`},
	}
	clients := []report.ClientRevenue{
		{Account: "Acme", Market: "SaaS", Region: "East", Bookings: usd(1000), BookingsAll: usd(1500),
			WonDeals: 1, WonDealsAll: 2,
			ShareAll: report.Div(1500, 1600), CumShareAll: report.Div(1500, 1600)},
		{Account: "@risk", Market: "", Region: "West", BookingsAll: usd(100), WonDealsAll: 1,
			ShareAll: report.Div(100, 1600), CumShareAll: report.Div(1600, 1600)},
	}
	return &report.Review{
		Schema:   report.SchemaVersion,
		Options:  report.Options{FiscalYearStart: 1, AsOf: report.Date(2026, 6, 30), Currency: "USD", MaxListed: 1},
		Currency: "USD", AsOf: report.Date(2026, 6, 30), FiscalYearStart: 1, AmountMode: report.ModeTCV,
		Period: q2, PrevPeriod: q1, CurrentPeriod: q3, Quarters: []report.Quarter{q1, q2},
		Regions: []string{"East", "West"}, Stages: []string{"Discovery", "Proposal"},
		Total: total, ByRegion: []report.Scope{east, west},
		Revenue: report.Revenue{Clients: clients, ClientsListed: clients[:1], ClientsTotal: 2},
		Pipeline: report.Pipeline{PastDue: pastDue, PastDueListed: pastDue, PastDueDeals: 1, PastDueAmount: usd(2000),
			Risks: risks, RisksListed: risks,
			RiskSummary: []report.RiskSummary{{Rule: report.RulePastDue, Deals: 1, Amount: usd(2000)},
				{Rule: report.RuleOutsized, Deals: 1, Amount: usd(2000)}}},
		Changes: &report.Changes{OldAsOf: report.Date(2026, 3, 31), NewAsOf: report.Date(2026, 6, 30),
			OldOpenTotal: usd(2200), NewOpenTotal: usd(2000),
			Steps: []report.WaterfallStep{{Category: report.ChangeIncreased, Deals: 1, Amount: usd(500)},
				{Category: report.ChangeRemoved, Deals: 1, Amount: -usd(700)}},
			Deals: changes, DealsListed: changes[:1], DealsChanged: 2},
		Quality: report.Quality{Problems: problems, ProblemsListed: problems[:1], ProblemsTotal: 2,
			Tables: []report.Table{{File: "deals.xlsx", Sheet: "Opportunities", Kind: report.DealTable,
				HeaderRow: 1, RowsRead: 7,
				Records: 3, Skipped: map[string]int{"header": 1, "header repeat": 2, "blank": 1}}}},
	}
}
