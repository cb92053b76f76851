package report

import "testing"

// TestRampLeftCensored: reps hired before the data begins (the month of
// the earliest close of a won or lost deal) are left out of the ramp
// curves and of the time to first win, and counted. Worked by hand:
// the earliest close is a lost deal on 2025-02-20, so the data begins on
// 2025-02-01. Old was hired in 2019: left-censored (the export would
// otherwise say 2,196 days to first win). Edge was hired on 2025-02-01
// itself: not censored. New was hired on 2025-02-10 and won on 2025-04-01:
// 50 days.
func TestRampLeftCensored(t *testing.T) {
	r := Intern("R")
	recs := &Records{
		Roster: []RosterEntry{
			{Owner: Intern("Old"), Region: r, Hired: Date(2019, 3, 1)},
			{Owner: Intern("Edge"), Region: r, Hired: Date(2025, 2, 1)},
			{Owner: Intern("New"), Region: r, Hired: Date(2025, 2, 10)},
		},
		Deals: []Deal{
			{ID: "1", Region: r, Owner: Intern("Old"), Account: Intern("A"), Status: Lost, Amount: Cents(500), HasAmount: true, Close: Date(2025, 2, 20)},
			{ID: "2", Region: r, Owner: Intern("Old"), Account: Intern("A"), Status: Won, Amount: Cents(9000), HasAmount: true, Close: Date(2025, 3, 5)},
			{ID: "3", Region: r, Owner: Intern("New"), Account: Intern("B"), Status: Won, Amount: Cents(4000), HasAmount: true, Close: Date(2025, 4, 1)},
			{ID: "4", Region: r, Owner: Intern("Edge"), Account: Intern("B"), Status: Won, Amount: Cents(1000), HasAmount: true, Close: Date(2025, 3, 3)},
		},
	}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2025, 4, 30)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rev.Reps.DataBegins, Date(2025, 2, 1); got != want {
		t.Errorf("data begins %s, want %s", got, want)
	}
	if rev.Reps.LeftCensored != 1 {
		t.Errorf("left-censored reps %d, want 1", rev.Reps.LeftCensored)
	}
	rows := map[string]Rep{}
	for _, p := range rev.Reps.Rows {
		rows[p.Owner] = p
	}
	if !rows["Old"].LeftCensored || rows["New"].LeftCensored || rows["Edge"].LeftCensored {
		t.Errorf("left-censored flags: Old %v, New %v, Edge %v", rows["Old"].LeftCensored, rows["New"].LeftCensored, rows["Edge"].LeftCensored)
	}
	undefined(t, "Old's days to first win", rows["Old"].DaysToFirstWin)
	ratioIs(t, "New's days to first win", rows["New"].DaysToFirstWin, 50)
	ratioIs(t, "Edge's days to first win", rows["Edge"].DaysToFirstWin, 30)
	// One cohort (FY2025-H1, calendar fiscal year): Edge and New; Old is in none.
	co := rev.Reps.Cohorts
	if len(co) != 1 || co[0].Cohort != "FY2025-H1" || co[0].Reps != 2 || co[0].RepsWithWin != 2 {
		t.Fatalf("cohorts %+v", co)
	}
	ratioIs(t, "median days to first win", co[0].MedianDaysToFirstWin, 40) // (30 + 50) / 2
	// Month 1 (March): Edge's 10.00 (1000 cents) over 2 reps = 5; Old's
	// March win (9000 cents) is not in the curve.
	ratioIs(t, "curve month 1", co[0].Curve[1], 5)
}

func TestDataBegins(t *testing.T) {
	for _, tc := range []struct {
		name  string
		deals []Deal
		want  Day
	}{
		{"none", nil, NoDay},
		{"open deals only", []Deal{{Close: Date(2025, 1, 9)}}, NoDay},
		{"earliest closed", []Deal{{Status: Won, Close: Date(2025, 3, 9)}, {Status: Lost, Close: Date(2025, 2, 28)}, {Close: Date(2024, 1, 1)}}, Date(2025, 2, 1)},
	} {
		if got := DataBegins(tc.deals); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
