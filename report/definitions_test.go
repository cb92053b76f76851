package report

import "testing"

// TestRecognisedAllIsTheQuarterRows: the all-history recognised revenue of
// a scope is the revenue recognised in the review's quarters (the rows of
// its trend), not in the quarter after the last one as well.
//
// One won deal of 1,200.00 USD (TCV, 12 months) closes 2026-05-15; as of
// 2026-06-30 (January fiscal year) the review quarter and the only quarter
// of the history is FY2026-Q2 (April..June). The contract runs May 2026 to
// April 2027 at 100.00 a month, so FY2026-Q2 recognises May and June:
// 200.00. FY2026-Q3, after the history, would recognise 300.00 more.
func TestRecognisedAllIsTheQuarterRows(t *testing.T) {
	recs := &Records{Deals: []Deal{{ID: "D1", Region: Intern("East"), Account: Intern("A"), Stage: Intern("Won"), Status: Won,
		Amount: Cents(120000), HasAmount: true, Close: Date(2026, 5, 15)}}}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	if len(rev.Total.Trend) != 1 || rev.Total.Trend[0].Period != "FY2026-Q2" {
		t.Fatalf("trend %+v, want FY2026-Q2 only", rev.Total.Trend)
	}
	unitsIs(t, "FY2026-Q2 recognised", rev.Total.Trend[0].Recognised, 200)
	unitsIs(t, "all-history recognised", rev.Total.All.Recognised, 200)
	unitsIs(t, "East all-history recognised", rev.Scope("East").All.Recognised, 200)
}

// TestCoverageOfAnEndedQuarter: coverage is for a current or future
// quarter; for one that has ended it is undefined, not the ratio of the
// open deals left behind in it.
//
// As of 2026-05-10 (January fiscal year) the current quarter is FY2026-Q2
// and FY2026-Q1 has ended. East's target in Q1 was 2,000.00; it booked
// 500.00 (D1), and D2 (300.00, open, close 2026-03-20) is still open with
// its close in Q1. The naive ratio 300 / (2,000 - 500) = 0.2 is no
// coverage: Q1 is over. In Q2 the target is 1,000.00, nothing is booked
// and D3 (500.00, close 2026-06-15) is open: coverage 500 / 1,000 = 0.5.
// The tiles of the review quarter (Q1) and the year before keep their
// target and remaining amounts, with no ratio.
func TestCoverageOfAnEndedQuarter(t *testing.T) {
	east, acme := Intern("East"), Intern("Acme")
	recs := &Records{
		Deals: []Deal{
			{ID: "D1", Region: east, Account: acme, Status: Won, Amount: Cents(50000), HasAmount: true, Close: Date(2026, 2, 10)},
			{ID: "D2", Region: east, Account: acme, Amount: Cents(30000), HasAmount: true, Close: Date(2026, 3, 20)},
			{ID: "D3", Region: east, Account: acme, Amount: Cents(50000), HasAmount: true, Close: Date(2026, 6, 15)},
		},
		Targets: []Target{
			{Region: east, Period: "FY2026-Q1", Amount: Cents(200000)},
			{Region: east, Period: "FY2026-Q2", Amount: Cents(100000)},
		},
	}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 5, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if rev.Period.Name != "FY2026-Q1" || rev.CurrentPeriod.Name != "FY2026-Q2" {
		t.Fatalf("period %s, current %s; want FY2026-Q1, FY2026-Q2", rev.Period.Name, rev.CurrentPeriod.Name)
	}
	sc := rev.Scope("East")
	q1 := sc.KPIs.Current.Coverage
	if q1.Period != "FY2026-Q1" || q1.OpenPipeline != Cents(30000) || !q1.HasTarget || q1.Remaining != Cents(150000) || q1.TargetMet {
		t.Errorf("FY2026-Q1 coverage %+v; want open 300.00, target, remaining 1,500.00", q1)
	}
	undefined(t, "coverage of the ended FY2026-Q1", q1.Ratio)
	ratioIs(t, "coverage of the current FY2026-Q2", sc.Coverage.Ratio, 0.5)
	for _, cv := range rev.Pipeline.Coverage {
		switch {
		case cv.Region != "East":
		case cv.Period == "FY2026-Q1":
			undefined(t, "pipeline coverage list, FY2026-Q1", cv.Ratio)
		case cv.Period == "FY2026-Q2":
			ratioIs(t, "pipeline coverage list, FY2026-Q2", cv.Ratio, 0.5)
		}
	}
}
