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
		Amount: 120000, HasAmount: true, Close: Date(2026, 5, 15)}}}
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
