package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// activityFixture: two regions, deals D1..D5, seven activities a1..a7,
// worked through in TestActivities.
func activityFixture() *Records {
	return &Records{
		Deals: []Deal{
			{ID: "D1", Region: Intern("North"), Account: Intern("Acme"), Owner: Intern("Ann"), Status: Won, Amount: Cents(100000), HasAmount: true, Created: Date(2026, 4, 1), Close: Date(2026, 5, 31)},
			{ID: "D2", Region: Intern("North"), Account: Intern("Acme"), Owner: Intern("Ann"), Status: Lost, Amount: Cents(50000), HasAmount: true, Created: Date(2026, 4, 1), Close: Date(2026, 6, 10)},
			{ID: "D3", Region: Intern("South"), Account: Intern("Beta"), Owner: Intern("Bo"), Status: Won, Amount: Cents(30000), HasAmount: true, Created: Date(2026, 5, 1), Close: Date(2026, 6, 20)},
			{ID: "D4", Region: Intern("South"), Account: Intern("Beta"), Owner: Intern("Bo"), Stage: Intern("Open"), Amount: Cents(80000), HasAmount: true, Created: Date(2026, 6, 1), Close: Date(2026, 9, 1)},
			{ID: "D5", Region: Intern("North"), Account: Intern("Acme"), Owner: Intern("Ann"), Stage: Intern("Open"), Amount: Cents(10000), HasAmount: true, Created: Date(2026, 1, 1), Close: Date(2026, 12, 31)},
		},
		Roster: []RosterEntry{{Owner: Intern("Ann"), Region: Intern("North")}, {Owner: Intern("Bo"), Region: Intern("South")}, {Owner: Intern("Dee"), Region: Intern("North")}},
		Activities: []Activity{
			{ID: "a1", Type: Meeting, Date: Date(2026, 4, 5), Owner: Intern("Ann"), DealID: "D1"},                          // North via deal
			{ID: "a2", Type: Call, Date: Date(2026, 5, 10), Owner: Intern("Ann"), Account: Intern("Acme")},                 // linked by account to D1, D2, D5
			{ID: "a3", Type: Email, Date: Date(2026, 6, 15), Owner: Intern("Bo"), DealID: "D3", Region: Intern("South")},   // own column
			{ID: "a4", Type: Call, Date: Date(2026, 3, 30), Owner: Intern("Bo"), Account: Intern("Beta")},                  // before Beta's deals: unlinked; South via account
			{ID: "a5", Type: OtherActivity, Date: Date(2026, 6, 25), Owner: Intern("Cy")},                                  // nothing gives a region
			{ID: "a6", Type: Meeting, Date: Date(2026, 6, 28), Owner: Intern("Bo"), DealID: "D4"},                          // South via deal
			{ID: "a7", Type: Call, Date: Date(2026, 6, 29), Owner: Intern("Dee"), Account: Intern("Gamma"), DealID: "zzz"}, // North via roster
		},
		Tables: []Table{{File: "acts.csv", Columns: []ColumnMapping{{Field: "region", Column: 7}}}},
	}
}

func TestActivities(t *testing.T) {
	rev, err := Compute(activityFixture(), nil, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	a := &rev.Activities
	// Types: calls a2 a4 a7, email a3, meetings a1 a6, other a5.
	if a.Counts != (ActivityCounts{Call: 3, Email: 1, Meeting: 2, Other: 1, Total: 7}) {
		t.Errorf("counts %+v", a.Counts)
	}
	if len(rev.Regions) != 3 || rev.Regions[2] != Unassigned {
		t.Fatalf("regions %v", rev.Regions)
	}
	// North a1 a2 a7; South a3 a4 a6; Unassigned a5.
	want := map[string]ActivityCounts{
		"North":    {Call: 2, Meeting: 1, Total: 3},
		"South":    {Call: 1, Email: 1, Meeting: 1, Total: 3},
		Unassigned: {Other: 1, Total: 1},
	}
	for _, r := range a.ByRegion {
		if r.Counts != want[r.Key] {
			t.Errorf("%s: %+v, want %+v", r.Key, r.Counts, want[r.Key])
		}
	}
	if a.Unassigned != 1 || rev.Quality.Counts.ActivitiesUnassigned != 1 {
		t.Errorf("unassigned %d", a.Unassigned)
	}
	found := false
	for _, p := range rev.Quality.Problems {
		if p.Pos.String() == "acts.csv: G0" || p.Pos.File == "acts.csv" {
			found = true
		}
	}
	if !found {
		t.Errorf("no unassigned problem with its position: %v", rev.Quality.Problems)
	}
	// Owners, sorted: Ann 2, Bo 3, Cy 1, Dee 1.
	if o := a.ByOwner; len(o) != 4 || o[0].Key != "Ann" || o[0].Counts.Total != 2 || o[1].Counts.Total != 3 || o[3].Key != "Dee" {
		t.Errorf("by owner %+v", o)
	}
	// Quarters FY2026-Q1 (a4) and FY2026-Q2 (the other six): change 6/1 - 1 = 5.
	if q := a.ByQuarter; len(q) != 2 || q[0].Counts.Total != 1 || q[1].Counts.Total != 6 {
		t.Fatalf("by quarter %+v", q)
	} else {
		ratioIs(t, "quarter change", q[1].Change, 5)
		undefined(t, "first quarter change", q[0].Change)
	}
	// Months Jan..Jun: 0 0 1 1 1 4; June against May: 4/1 - 1 = 3; March against February (0): undefined.
	m := a.ByMonth
	if len(m) != 6 || m[2].Counts.Total != 1 || m[5].Counts.Total != 4 || m[5].Key != "2026-06" {
		t.Fatalf("by month %+v", m)
	}
	ratioIs(t, "June change", m[5].Change, 3)
	undefined(t, "March change", m[2].Change)
	// ISO weeks from 2026-W01 (Mon 2025-12-29); a4 (Mon 30 Mar) and a1 (Sun 5 Apr) share 2026-W14.
	if w := a.ByWeek; w[0].Key != "2026-W01" || w[13].Key != "2026-W14" || w[13].Counts.Total != 2 {
		t.Errorf("weeks %v %v", w[0], w[13])
	}
	// Activities per won deal: won D1, D3; linked to them a1, a2 (D1), a3 (D3) = 3 / 2.
	ratioIs(t, "per won deal", a.PerWonDeal, 1.5)
	ratioIs(t, "North per won deal", rev.Scope("North").Activities.PerWonDeal, 2) // a1, a2 / D1
	ratioIs(t, "South per won deal", rev.Scope("South").Activities.PerWonDeal, 1) // a3 / D3
	// Effectiveness over closed D1 (won, meeting a1 + call a2), D2 (lost, call a2), D3 (won, email a3).
	eff := map[string][2]float64{"meeting": {1, 0.5}, "call": {0.5, 1}, "email": {1, 0.5}}
	for _, e := range a.Effectiveness {
		ratioIs(t, e.Type+" with", e.WinRateWith, eff[e.Type][0])
		ratioIs(t, e.Type+" without", e.WinRateWithout, eff[e.Type][1])
	}
	// Efficiency in Q2: bookings 1000 (D1) + 300 (D3) = 1300; calls a2 a7, email a3, meetings a1 a6, other a5.
	effic := map[string]float64{"call": 650, "email": 1300, "meeting": 650, "other": 1300}
	for _, e := range a.Efficiency {
		ratioIs(t, e.Type+" bookings per activity", e.PerActivity, effic[e.Type])
	}
	// South in Q2: bookings 300; call none (a4 is Q1) -> undefined.
	for _, e := range rev.Scope("South").Activities.Efficiency {
		if e.Type == "call" {
			undefined(t, "South per call", e.PerActivity)
		}
	}
	// Stale: D5's last linked activity is a2 on 10 May, 51 days before 30 June;
	// D4 had a6 two days before.
	var stale []string
	for _, f := range rev.Pipeline.Risks {
		if f.Rule == RuleStale {
			stale = append(stale, f.Deal.ID)
		}
	}
	if len(stale) != 1 || stale[0] != "D5" {
		t.Errorf("stale %v, want [D5]", stale)
	}
	// Reps: Ann's activities linked to her won deal D1: a1, a2 -> 2 per won deal.
	for _, r := range rev.Reps.Rows {
		switch r.Owner {
		case "Ann":
			ratioIs(t, "Ann per won deal", r.All.PerWonDeal, 2)
		case "Bo":
			if r.All.Activities.Total != 3 || r.Period.Activities.Total != 2 {
				t.Errorf("Bo activities %+v / %+v", r.All.Activities, r.Period.Activities)
			}
		case "Dee":
			if r.Region != "North" {
				t.Errorf("Dee region %s", r.Region)
			}
		}
	}
}

func TestForecastAccuracy(t *testing.T) {
	recs := &Records{
		Deals: []Deal{
			{ID: "1", Region: Intern("North"), Account: Intern("A"), Status: Won, Amount: Cents(100000), HasAmount: true, Close: Date(2026, 2, 15)},
			{ID: "2", Region: Intern("North"), Account: Intern("A"), Status: Won, Amount: Cents(50000), HasAmount: true, Close: Date(2026, 5, 1)},
			{ID: "3", Region: Intern("South"), Account: Intern("B"), Status: Lost, Amount: Cents(1), HasAmount: true, Close: Date(2026, 5, 1)},
		},
		Forecasts: []ForecastCall{
			{Region: Intern("North"), Period: "FY2026-Q1", Submitted: Date(2026, 1, 15), Commit: Cents(80000)},
			{Region: Intern("North"), Period: "FY2026-Q1", Submitted: Date(2026, 3, 20), Commit: Cents(120000)}, // last before 31 March
			{Region: Intern("North"), Period: "FY2026-Q1", Submitted: Date(2026, 4, 2), Commit: Cents(500000)},  // after the quarter: ignored
			{Region: Intern("South"), Period: "FY2026-Q1", Submitted: Date(2026, 3, 1), Commit: Cents(30000)},   // actual 0
			{Region: Intern("Nowhere"), Period: "FY2026-Q1", Submitted: Date(2026, 3, 1), Commit: Cents(1)},     // unknown region: a warning
			{Region: Intern("North"), Period: "Q1 please", Submitted: Date(2026, 3, 1), Commit: Cents(1)},       // not a quarter: a warning
		},
	}
	rows := func(opts Options) map[string]ForecastAccuracy {
		opts.AsOf = Date(2026, 6, 30)
		rev, err := Compute(recs, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]ForecastAccuracy{}
		for _, a := range rev.Forecast.Accuracy {
			m[a.Region+" "+a.Period] = a
		}
		return m
	}
	m := rows(Options{})
	rev, _ := Compute(recs, nil, Options{AsOf: Date(2026, 6, 30)})
	// Two calls ignored with a warning (besides the won deals without created date).
	var msgs []string
	for _, p := range rev.Quality.Problems {
		msgs = append(msgs, p.Msg)
	}
	all := strings.Join(msgs, "\n")
	if len(msgs) != 4 || !strings.Contains(all, `region "Nowhere" has no deals`) || !strings.Contains(all, `period "Q1 please"`) {
		t.Errorf("problems %v", msgs)
	}
	// North Q1: actual 1000, forecast 1200: accuracy 1 - 200/1000 = 0.8, bias +0.2.
	n := m["North FY2026-Q1"]
	ratioIs(t, "accuracy", n.Accuracy, 0.8)
	ratioIs(t, "bias", n.Bias, 0.2)
	moneyIs(t, "forecast", n.Forecast, Cents(120000))
	// South Q1: actual 0: both undefined.
	s := m["South FY2026-Q1"]
	if !s.HasCall {
		t.Error("South call missing")
	}
	undefined(t, "South accuracy", s.Accuracy)
	undefined(t, "South bias", s.Bias)
	// North Q2: booked 500, no call.
	if q2 := m["North FY2026-Q2"]; q2.HasCall || q2.Actual != Cents(50000) || q2.Accuracy.OK {
		t.Errorf("North Q2 %+v", q2)
	}
	// Cutoff in week 4 (the quarter's first 28 days, to 28 January): the
	// 15 January call of 800: accuracy 1 - 200/1000 = 0.8, bias -0.2.
	n = rows(Options{ForecastCutoffWeek: 4})["North FY2026-Q1"]
	ratioIs(t, "week-4 accuracy", n.Accuracy, 0.8)
	ratioIs(t, "week-4 bias", n.Bias, -0.2)
}

func TestRamp(t *testing.T) {
	recs := &Records{
		Roster: []RosterEntry{
			{Owner: Intern("Ann"), Region: Intern("R"), Hired: Date(2025, 1, 15)}, // FY2025-H1
			{Owner: Intern("Bo"), Region: Intern("R"), Hired: Date(2025, 3, 1)},   // FY2025-H1
			{Owner: Intern("Cy"), Region: Intern("R"), Hired: Date(2025, 8, 1)},   // FY2025-H2, after the as-of date
		},
		Deals: []Deal{
			{ID: "1", Region: Intern("R"), Owner: Intern("Ann"), Account: Intern("A"), Status: Won, Amount: Cents(10000), HasAmount: true, Close: Date(2025, 1, 20)}, // month 0
			{ID: "2", Region: Intern("R"), Owner: Intern("Ann"), Account: Intern("A"), Status: Won, Amount: Cents(30000), HasAmount: true, Close: Date(2025, 3, 5)},  // month 2
			{ID: "3", Region: Intern("R"), Owner: Intern("Bo"), Account: Intern("B"), Status: Won, Amount: Cents(20000), HasAmount: true, Close: Date(2025, 4, 10)},  // month 1
		},
	}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2025, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	co := rev.Reps.Cohorts
	if len(co) != 2 || co[0].Cohort != "FY2025-H1" || co[1].Cohort != "FY2025-H2" || co[0].Reps != 2 || co[1].Reps != 1 {
		t.Fatalf("cohorts %+v", co)
	}
	// Ann reached months 0..5 (Jan..Jun), Bo 0..3 (Mar..Jun).
	h1 := co[0]
	wantReps := []int{2, 2, 2, 2, 1, 1}
	wantCurve := []float64{50, 100, 150, 0, 0, 0} // 100/2, 200/2, 300/2
	if len(h1.Curve) != 6 {
		t.Fatalf("curve %+v", h1.Curve)
	}
	for m := range wantCurve {
		if h1.CurveReps[m] != wantReps[m] {
			t.Errorf("month %d: %d reps, want %d", m, h1.CurveReps[m], wantReps[m])
		}
		ratioIs(t, "curve", h1.Curve[m], wantCurve[m])
	}
	// First wins: Ann 20 Jan - 15 Jan = 5 days; Bo 10 Apr - 1 Mar = 40 days: median 22.5.
	ratioIs(t, "median days to first win", h1.MedianDaysToFirstWin, 22.5)
	undefined(t, "H2 median", co[1].MedianDaysToFirstWin)
	if len(co[1].Curve) != 0 {
		t.Errorf("H2 curve %v", co[1].Curve)
	}
}

func TestRiskRules(t *testing.T) {
	recs := &Records{Deals: []Deal{
		{ID: "s1", Region: Intern("R"), Account: Intern("A"), Amount: Cents(10000), HasAmount: true, Close: Date(2026, 9, 1)},
		{ID: "s2", Region: Intern("R"), Account: Intern("A"), Amount: Cents(10000), HasAmount: true, Close: Date(2026, 9, 1), Discount: 20},
		{ID: "s3", Region: Intern("R"), Account: Intern("A"), Amount: Cents(10000), HasAmount: true, Close: Date(2026, 9, 1), Discount: 25},
		{ID: "big", Region: Intern("R"), Account: Intern("A"), Amount: Cents(100000), HasAmount: true, Close: Date(2026, 9, 1)},
		{ID: "won", Region: Intern("R"), Account: Intern("A"), Status: Won, Amount: Cents(1), HasAmount: true, Close: Date(2026, 6, 1)},
	}}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	// Median open amount (100, 100, 100, 1000) = 100: 1000 > 5 x 100 is outsized.
	// Discount 25 > 20 flagged; exactly 20 is not. No activities: no stale flags.
	var got []string
	for _, f := range rev.Pipeline.Risks {
		got = append(got, f.Rule+":"+f.Deal.ID)
	}
	if len(got) != 2 || got[0] != "outsized:big" || got[1] != "discounted:s3" {
		t.Errorf("risks %v", got)
	}
}

func TestRiskListCapped(t *testing.T) {
	// MaxRiskFlags + 2 discounted deals of 1.00 .. MaxRiskFlags+2 cents and
	// three past-due ones: every past-due flag is listed, the discounted
	// list stops at the largest MaxRiskFlags; the summary counts them all.
	var recs Records
	n := MaxRiskFlags + 2
	for i := 1; i <= n; i++ {
		recs.Deals = append(recs.Deals, Deal{ID: strconv.Itoa(i), Region: Intern("R"), Account: Intern("A"), Amount: Cents(int64(i)), HasAmount: true,
			Close: Date(2026, 9, 1), Discount: 50})
	}
	for i := 1; i <= 3; i++ {
		recs.Deals = append(recs.Deals, Deal{ID: "late" + strconv.Itoa(i), Region: Intern("R"), Account: Intern("A"), Amount: Cents(1), HasAmount: true,
			Close: Date(2026, 6, i)})
	}
	rev, err := Compute(&recs, nil, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, f := range rev.Pipeline.Risks {
		count[f.Rule]++
	}
	if count[RuleDiscounted] != MaxRiskFlags || count[RulePastDue] != 3 || len(rev.Pipeline.PastDue) != 3 {
		t.Errorf("listed %v, past due %d", count, len(rev.Pipeline.PastDue))
	}
	// The smallest two discounted deals (1 and 2 cents) are left out of the list.
	if last := rev.Pipeline.Risks[len(rev.Pipeline.Risks)-1]; last.Deal.Amount != Cents(3) {
		t.Errorf("last listed %+v", last.Deal)
	}
	// Sum 1 + 2 + ... + n cents = n(n+1)/2.
	for _, s := range rev.Pipeline.RiskSummary {
		switch s.Rule {
		case RuleDiscounted:
			if s.Deals != n || s.Amount != Cents(int64(n*(n+1)/2)) {
				t.Errorf("discounted summary %+v", s)
			}
		case RulePastDue:
			if s.Deals != 3 || s.Amount != Cents(3) {
				t.Errorf("past due summary %+v", s)
			}
		}
	}
}

// TestRepPerWonDealInPeriod: a rep's activities per won deal of the review
// quarter counts the activities linked to the rep's won deals closed in it.
func TestRepPerWonDealInPeriod(t *testing.T) {
	recs := activityFixture()
	// Ann also won D6 in FY2026-Q1 (before the review quarter FY2026-Q2),
	// with three activities linked by id.
	recs.Deals = append(recs.Deals, Deal{ID: "D6", Region: Intern("North"), Account: Intern("Zed"), Owner: Intern("Ann"), Status: Won, Amount: Cents(20000), HasAmount: true,
		Created: Date(2026, 2, 1), Close: Date(2026, 3, 15)})
	for i, day := range []int{3, 5, 9} {
		recs.Activities = append(recs.Activities, Activity{ID: "z" + strconv.Itoa(i), Type: Call, Date: Date(2026, 3, day), Owner: Intern("Ann"), DealID: "D6"})
	}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	if rev.Period.Name != "FY2026-Q2" {
		t.Fatalf("period %s", rev.Period.Name)
	}
	seen := 0
	for _, r := range rev.Reps.Rows {
		switch r.Owner {
		case "Ann":
			seen++
			// All history: won D1 (a1, a2) and D6 (z0, z1, z2): 5 / 2 = 2.5.
			ratioIs(t, "Ann per won deal, all", r.All.PerWonDeal, 2.5)
			// Review quarter: won D1 only (closed 31 May): a1, a2 -> 2 / 1 = 2.
			ratioIs(t, "Ann per won deal, period", r.Period.PerWonDeal, 2)
		case "Bo":
			seen++
			// Won D3 (20 June) with a3 linked; a6 is D4's (open): 1 / 1.
			ratioIs(t, "Bo per won deal, period", r.Period.PerWonDeal, 1)
		case "Dee":
			seen++
			// No won deal: undefined, not 0.
			undefined(t, "Dee per won deal, period", r.Period.PerWonDeal)
		}
	}
	if seen != 3 {
		t.Errorf("reps %+v", rev.Reps.Rows)
	}
}

// TestActivitiesAfterAsOf: activities dated after the as-of date (planned
// tasks in an activity export) are no done activity: they count in no
// figure (all history, quarters, regions, linking), add no region, and the
// data-quality page counts them once.
func TestActivitiesAfterAsOf(t *testing.T) {
	recs := fixture() // as of 2026-06-30 (fixtureOptions)
	recs.Tables = append(recs.Tables, Table{File: "acts.csv", Kind: ActivityTable,
		Columns: []ColumnMapping{{Field: "date", Column: 3}}})
	src := func(row int32) Ref { return Ref{Table: 1, Row: row} }
	recs.Activities = []Activity{
		{ID: "a1", Type: Call, Date: Date(2026, 5, 10), DealID: "E1", Src: src(2)},             // East, Q2
		{ID: "a2", Type: Meeting, Date: Date(2026, 6, 30), DealID: "E1", Src: src(3)},          // on the as-of date: counts
		{ID: "a3", Type: Email, Date: Date(2026, 7, 1), DealID: "E1", Src: src(4)},             // after: left out
		{ID: "a4", Type: Meeting, Date: Date(2026, 9, 1), Region: Intern("West"), Src: src(5)}, // after: left out
		{ID: "a5", Type: Call, DealID: "W2", Src: src(6)},                                      // no date: all history only
		{ID: "a6", Type: Call, Date: Date(2026, 8, 1), Region: Intern("North"), Src: src(7)},   // after, a region seen nowhere else
	}
	rev, err := Compute(recs, nil, fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	// Done activities: a1, a2, a5 = 3; calls a1, a5 = 2; meetings a2 = 1; emails 0.
	if c := rev.Activities.Counts; c.Total != 3 || c.Call != 2 || c.Meeting != 1 || c.Email != 0 {
		t.Errorf("all-history counts %+v, want 3 (2 calls, 1 meeting)", c)
	}
	// East: a1, a2 (by deal E1) = 2, both in FY2026-Q2; West: a5 (by deal W2) = 1, no quarter.
	east, west := rev.Scope("East"), rev.Scope("West")
	if east.All.Activities.Total != 2 || west.All.Activities.Total != 1 || rev.Total.All.Activities.Total != 3 {
		t.Errorf("all history: East %d West %d total %d, want 2 1 3",
			east.All.Activities.Total, west.All.Activities.Total, rev.Total.All.Activities.Total)
	}
	if q := rev.Total.KPIs.Current.Activities; q.Total != 2 || q.Call != 1 || q.Meeting != 1 {
		t.Errorf("FY2026-Q2 activities %+v, want 2 (1 call, 1 meeting)", q)
	}
	// No quarter row holds an activity after Q2: the quarters sum to a1 + a2 = 2.
	sum := 0
	for _, q := range rev.Total.Trend {
		sum += q.Activities.Total
	}
	if sum != 2 {
		t.Errorf("activities over the quarter rows %d, want 2", sum)
	}
	// No region "North" from a planned task alone, and no Unassigned.
	if !slices.Equal(rev.Regions, []string{"East", "West"}) {
		t.Errorf("regions %v, want [East West]", rev.Regions)
	}
	// Activities per won deal: linked to won deals a1, a2 (E1), a5 (W2) = 3
	// (not a3) over 4 won deals (E1, E2, W1, W2) = 0.75.
	ratioIs(t, "activities per won deal", rev.Activities.PerWonDeal, 0.75)
	// Data quality: one warning for a3, a4, a6, at the first one's date cell.
	if n := rev.Quality.Counts.ActivitiesAfterAsOf; n != 3 {
		t.Errorf("activities after the as-of date %d, want 3", n)
	}
	want := "acts.csv: C4: 3 activities dated after the as-of date 2026-06-30 left out: planned tasks are not done activity, " +
		"so they count in no activity figure (acts.csv: C4, acts.csv: C5, acts.csv: C7)"
	found := 0
	for _, p := range rev.Quality.Problems {
		if strings.Contains(p.Msg, "after the as-of date") {
			found++
			if p.Error() != want {
				t.Errorf("warning %q, want %q", p.Error(), want)
			}
		}
	}
	if found != 1 {
		t.Errorf("%d warnings about activities after the as-of date, want 1", found)
	}
}

// TestActivitySeriesEndAtAsOf: the week and month series stop at the as-of
// date, and the periods it cuts are partial, with no change. Calendar
// quarters, as of Wednesday 2026-05-13; the review's quarters are FY2026-Q1
// (the review quarter) and FY2026-Q2, so the series begin on Thursday
// 2026-01-01, in ISO week 2026-W01 (Mon 2025-12-29..: partial).
//
//	2026-04-01 Wed call     W14
//	2026-04-06 Mon meeting  W15
//	2026-04-30 Thu email    W18
//	2026-05-11 Mon call     W20 (05-11..05-17: partial, cut at the as-of date)
//	2026-05-13 Wed call     W20
//	2026-05-20 Wed call     after the as-of date: left out
//
// Weeks: W01 0 (partial), W02..W13 0; W14 1 (no change from 0), W15 1
// (1/1 - 1 = +0), W16 0 (-100%), W17 0, W18 1, W19 0 (-100%), W20 2
// (partial, no change); nothing after W20 (the quarter runs to W27).
// Months: January..April whole (April 3), May 2 partial. Quarters:
// FY2026-Q1 0, FY2026-Q2 5 partial.
func TestActivitySeriesEndAtAsOf(t *testing.T) {
	act := func(y, m, d int, typ ActivityType) Activity {
		return Activity{Region: Intern("R"), Type: typ, Date: Date(y, time.Month(m), d)}
	}
	recs := &Records{Activities: []Activity{act(2026, 4, 1, Call), act(2026, 4, 6, Meeting), act(2026, 4, 30, Email),
		act(2026, 5, 11, Call), act(2026, 5, 13, Call), act(2026, 5, 20, Call)}}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 5, 13)})
	if err != nil {
		t.Fatal(err)
	}
	row := func(r ActivityRow) string {
		s := fmt.Sprintf("%s %d", r.Key, r.Counts.Total)
		if r.Change.OK {
			s += fmt.Sprintf(" %+g", r.Change.Value)
		}
		if r.Partial {
			s += " partial"
		}
		return s
	}
	var weeks, months, quarters []string
	a := rev.Activities
	for _, r := range a.ByWeek[13:] {
		weeks = append(weeks, row(r))
	}
	for _, r := range a.ByMonth[3:] {
		months = append(months, row(r))
	}
	for _, r := range a.ByQuarter {
		quarters = append(quarters, row(r))
	}
	want := [][]string{
		{"2026-W14 1", "2026-W15 1 +0", "2026-W16 0 -1", "2026-W17 0", "2026-W18 1", "2026-W19 0 -1", "2026-W20 2 partial"},
		{"2026-04 3", "2026-05 2 partial"},
		{"FY2026-Q1 0", "FY2026-Q2 5 partial"},
	}
	for i, got := range [][]string{weeks, months, quarters} {
		if strings.Join(got, ", ") != strings.Join(want[i], ", ") {
			t.Errorf("series %d: %s\nwant %s", i, strings.Join(got, ", "), strings.Join(want[i], ", "))
		}
	}
	if len(a.ByWeek) != 20 || a.ByWeek[0].Key != "2026-W01" || !a.ByWeek[0].Partial || a.ByWeek[1].Partial || len(a.ByMonth) != 5 ||
		a.ByMonth[0].Partial {
		t.Errorf("%d weeks from %s (partial %v), %d months; want W01 (partial)..W20, January (whole)..May", len(a.ByWeek), a.ByWeek[0].Key,
			a.ByWeek[0].Partial, len(a.ByMonth))
	}
}
