package report

import (
	"cmp"
	"math"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fixture is a small pipeline of two regions, worked through by hand in
// TestFixture. The review quarter is FY2026-Q2 (Apr..Jun 2026, January
// fiscal year), as of 2026-06-30.
func fixture() *Records {
	return &Records{
		Deals: []Deal{
			{ID: "E1", Region: Intern("East"), Account: Intern("A"), Market: Intern("SaaS"), Owner: Intern("Ann"), Stage: Intern("Won"), Status: Won, Amount: Cents(100000), HasAmount: true,
				Created: Date(2026, 4, 1), Close: Date(2026, 6, 30), Src: Ref{Row: 2}}, // closes on the last day of Q2
			{ID: "E2", Region: Intern("East"), Account: Intern("B"), Market: Intern("Retail"), Owner: Intern("Ann"), Stage: Intern("Won"), Status: Won, Amount: Cents(50000), HasAmount: true,
				Created: Date(2026, 1, 10), Close: Date(2026, 3, 31), Src: Ref{Row: 3}}, // last day of Q1
			{ID: "E3", Region: Intern("East"), Account: Intern("A"), Market: Intern("SaaS"), Owner: Intern("Ann"), Stage: Intern("Lost"), Status: Lost, Amount: Cents(30000), HasAmount: true,
				Created: Date(2026, 4, 15), Close: Date(2026, 5, 20), Src: Ref{Row: 4}},
			{ID: "E4", Region: Intern("East"), Account: Intern("C"), Market: Intern("SaaS"), Owner: Intern("Bob"), Stage: Intern("Proposal"), Status: Open, Amount: Cents(200000), HasAmount: true,
				ForecastCategory: Intern("Commit"), Created: Date(2026, 5, 1), Close: Date(2026, 8, 15), Src: Ref{Row: 5}},
			{ID: "E5", Region: Intern("East"), Account: Intern("B"), Market: Intern("Retail"), Owner: Intern("Ann"), Stage: Intern("Lost"), Status: Lost, Amount: Cents(50000), HasAmount: true,
				Created: Date(2025, 12, 1), Close: Date(2025, 12, 15), Src: Ref{Row: 6}},
			{ID: "W1", Region: Intern("West"), Account: Intern("D"), Market: Intern("Retail"), Owner: Intern("Cid"), Stage: Intern("Won"), Status: Won, Amount: Cents(75025), HasAmount: true,
				Created: Date(2025, 4, 1), Close: Date(2025, 5, 31), Src: Ref{Row: 7}},
			{ID: "W2", Region: Intern("West"), Account: Intern("D"), Market: Intern("Retail"), Owner: Intern("Cid"), Stage: Intern("Won"), Status: Won, Amount: Cents(24975), HasAmount: true,
				Created: Date(2026, 4, 10), Close: Date(2026, 4, 30), Src: Ref{Row: 8}},
			{ID: "W3", Region: Intern("West"), Account: Intern("E"), Market: Intern("Retail"), Owner: Intern("Cid"), Stage: Intern("Discovery"), Status: Open, Amount: Cents(40000), HasAmount: true,
				Probability: 25, HasProbability: true, ForecastCategory: Intern("Best Case"),
				Created: Date(2026, 6, 1), Close: Date(2026, 6, 15), Src: Ref{Row: 9}},
			{ID: "W4", Region: Intern("West"), Account: Intern("E"), Market: Intern("Retail"), Owner: Intern("Cid"), Stage: Intern("Lost"), Status: Lost,
				Close: Date(2026, 2, 1), Src: Ref{Row: 10}}, // no amount, no created date
		},
		Targets: []Target{
			{Region: Intern("East"), Period: "FY2026-Q2", Amount: Cents(200000)},
			{Region: Intern("West"), Period: "FY2026-Q2", Amount: Cents(20000)},
		},
		Tables: []Table{{File: "deals.csv", Kind: DealTable, Columns: []ColumnMapping{{Field: "close", Column: 5}, {Field: "created", Column: 4}}}},
	}
}

func fixtureOptions() Options {
	return Options{AsOf: Date(2026, 6, 30), StageOrder: []string{"Discovery", "Proposal"},
		StageProbability: map[string]float64{"Proposal": 60}}
}

func ratioIs(t *testing.T, what string, got Ratio, want float64) {
	t.Helper()
	if !got.OK || math.Abs(got.Value-want) > 1e-12*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func undefined(t *testing.T, what string, got Ratio) {
	t.Helper()
	if got.OK {
		t.Errorf("%s = %v, want undefined", what, got.Value)
	}
}

func moneyIs(t *testing.T, what string, got, want Money) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %s, want %s", what, moneyText(got), moneyText(want))
	}
}

// unitsIs checks an unrounded major-unit amount (recognised revenue, ARR)
// to 1e-9 of a unit.
func unitsIs(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.10f, want %.10f", what, got, want)
	}
}

func TestFixture(t *testing.T) {
	rev, err := Compute(fixture(), nil, fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	if rev.Period.Name != "FY2026-Q2" || rev.PrevPeriod.Name != "FY2026-Q1" || rev.YearAgoPeriod.Name != "FY2025-Q2" {
		t.Fatalf("periods %s %s %s", rev.Period.Name, rev.PrevPeriod.Name, rev.YearAgoPeriod.Name)
	}
	// History: oldest date 2025-04-01 (W1 created) -> FY2025-Q2 .. FY2026-Q2.
	if n := len(rev.Quarters); n != 5 || rev.Quarters[0].Name != "FY2025-Q2" || rev.Quarters[4].Name != "FY2026-Q2" {
		t.Fatalf("quarters %v", rev.Quarters)
	}
	east, west, tot := rev.Scope("East"), rev.Scope("West"), &rev.Total
	ec, wc, tc := east.KPIs.Current, west.KPIs.Current, tot.KPIs.Current

	// Bookings in Q2: East E1 1,000.00; West W2 249.75; total 1,249.75.
	moneyIs(t, "East bookings", ec.Bookings, Cents(100000))
	moneyIs(t, "West bookings", wc.Bookings, Cents(24975))
	moneyIs(t, "total bookings", tc.Bookings, Cents(124975))
	// Win rate East: 1 won (E1) / (1 + 1 lost E3) = 0.5; by value 1000 / (1000 + 300).
	ratioIs(t, "East win rate", ec.WinRate, 0.5)
	ratioIs(t, "East win rate by value", ec.WinRateValue, 100000.0/130000)
	ratioIs(t, "total win rate", tc.WinRate, 2.0/3)
	ratioIs(t, "total win rate by value", tc.WinRateValue, 124975.0/154975)
	// West Q1: no won, one lost without amount: win rate 0 by count, by value 0/0 undefined.
	wp := west.KPIs.Previous
	ratioIs(t, "West Q1 win rate", wp.WinRate, 0)
	undefined(t, "West Q1 win rate by value", wp.WinRateValue)
	// Year ago (FY2025-Q2) East had no closed deals: undefined.
	undefined(t, "East year-ago win rate", east.KPIs.YearAgo.WinRate)

	// Growth: East QoQ 1000/500 - 1 = 1; East YoY: FY2025-Q2 = 0 -> undefined.
	ratioIs(t, "East QoQ", ec.GrowthQoQ, 1)
	undefined(t, "East YoY", ec.GrowthYoY)
	// West QoQ: Q1 = 0 -> undefined; YoY 249.75 / 750.25 - 1.
	undefined(t, "West QoQ", wc.GrowthQoQ)
	ratioIs(t, "West YoY", wc.GrowthYoY, 24975.0/75025-1)
	ratioIs(t, "total QoQ", tc.GrowthQoQ, 124975.0/50000-1)
	ratioIs(t, "total YoY", tc.GrowthYoY, 124975.0/75025-1)

	// Attainment: East 1000/2000; West 249.75/200; total 1249.75/2200 (sum of region targets).
	ratioIs(t, "East attainment", ec.Attainment, 0.5)
	ratioIs(t, "West attainment", wc.Attainment, 24975.0/20000)
	ratioIs(t, "total attainment", tc.Attainment, 124975.0/220000)
	undefined(t, "East Q1 attainment (no target)", east.KPIs.Previous.Attainment)

	// Coverage in Q2: East has no open deal closing in Q2, remaining 2000 -
	// 1000; Q2 ends on the as-of date, so it has no coverage ratio (not 0).
	// Required: trailing FY2025-Q2..FY2026-Q1 East won 500 (E2), lost 500 (E5): 0.5 -> 2.
	cv := ec.Coverage
	if !cv.HasTarget || cv.TargetMet || cv.Remaining != Cents(100000) {
		t.Errorf("East coverage %+v", cv)
	}
	undefined(t, "East coverage of the ended Q2", cv.Ratio)
	ratioIs(t, "East required coverage", cv.Required, 2)
	// West met its target (249.75 >= 200): no ratio, "target met".
	if !wc.Coverage.TargetMet || wc.Coverage.Ratio.OK {
		t.Errorf("West coverage %+v, want target met", wc.Coverage)
	}
	// West trailing: won 750.25 (W1), lost 0 (W4 has no amount): 1 -> required 1.
	ratioIs(t, "West required coverage", wc.Coverage.Required, 1)
	// Next quarter FY2026-Q3: East open E4 2000, no target: undefined;
	// trailing FY2025-Q3..FY2026-Q2: won 500+1000, lost 500+300 -> required 2300/1500.
	var found bool
	for _, c := range rev.Pipeline.Coverage {
		if c.Region == "East" && c.Period == "FY2026-Q3" {
			found = true
			moneyIs(t, "East Q3 open pipeline", c.OpenPipeline, Cents(200000))
			undefined(t, "East Q3 coverage", c.Ratio)
			ratioIs(t, "East Q3 required", c.Required, 2300.0/1500)
		}
	}
	if !found {
		t.Error("no East FY2026-Q3 coverage")
	}

	// Sales cycle Q2: E1 2026-04-01 -> 06-30 = 29+31+30 = 90 days; W2 04-10 -> 04-30 = 20.
	q2 := tot.Trend[4]
	ratioIs(t, "total cycle median", q2.CycleMedian, 55)
	ratioIs(t, "total cycle mean", q2.CycleMean, 55)
	ratioIs(t, "East cycle median", east.Trend[4].CycleMedian, 90)
	undefined(t, "West Q1 cycle (no won deal)", west.Trend[3].CycleMedian)
	// Average deal size: 1249.75 / 2.
	ratioIs(t, "avg deal size", q2.AvgDealSize, 624.875)
	undefined(t, "West Q1 avg deal size", west.Trend[3].AvgDealSize)
	// Pipeline created in Q2: E1 1000 + E3 300 + E4 2000 + W2 249.75 + W3 400 = 3949.75.
	moneyIs(t, "created", q2.Created, Cents(394975))
	if q2.CreatedDeals != 5 {
		t.Errorf("created deals %d, want 5", q2.CreatedDeals)
	}

	// Open pipeline as of 2026-06-30: E4 2000 + W3 400; weighted 2000 x 60% (stage
	// default) + 400 x 25% = 1200 + 100.
	moneyIs(t, "open pipeline", tot.OpenPipeline, Cents(240000))
	if tot.WeightedPipeline != 1300 || tot.OpenDeals != 2 {
		t.Errorf("weighted %v, open deals %d; want 1300, 2", tot.WeightedPipeline, tot.OpenDeals)
	}
	if st := tot.PipelineByStage; len(st) != 2 || st[0].Stage != "Discovery" || st[0].Amount != Cents(40000) || st[0].Weighted != 100 ||
		st[1].Stage != "Proposal" || st[1].Amount != Cents(200000) || st[1].Weighted != 1200 {
		t.Errorf("pipeline by stage %+v", st)
	}
	// Funnel of deals created in Q2: Discovery reached by E1 (won), E3 (lost),
	// E4, W2 (won), W3 = 5 deals, 3949.75; Proposal by E1, E4, W2 = 3, 3249.75.
	if f := tot.Funnel; len(f) != 2 || f[0].Deals != 5 || f[0].Amount != Cents(394975) || f[1].Deals != 3 || f[1].Amount != Cents(324975) {
		t.Errorf("funnel %+v", f)
	} else {
		ratioIs(t, "funnel conversion", f[1].Conversion, 0.6)
		undefined(t, "first stage conversion", f[0].Conversion)
	}

	// Past due: W3 closes 2026-06-15, 15 days before the as-of date.
	if pd := rev.Pipeline.PastDue; len(pd) != 1 || pd[0].Deal.ID != "W3" || pd[0].DaysLate != 15 {
		t.Errorf("past due %+v", pd)
	}

	// Forecast roll-up Q2: closed 1249.75; W3 best case 400 (E4 closes in Q3).
	fr := tot.Forecast
	moneyIs(t, "closed", fr.Closed, Cents(124975))
	moneyIs(t, "commit", fr.Commit, 0)
	moneyIs(t, "best case", fr.BestCase, Cents(40000))
	moneyIs(t, "best case total", fr.BestCaseTotal, Cents(164975))
	moneyIs(t, "pipeline total", fr.PipelineTotal, Cents(164975))

	// Clients over all history: A 1000 (E1), D 750.25 + 249.75 = 1000, B 500;
	// total 2500: shares 0.4, 0.4, 0.2; cumulative 0.4, 0.8, 1.
	cl := rev.Revenue.Clients
	if len(cl) != 3 || cl[0].Account != "A" || cl[1].Account != "D" || cl[2].Account != "B" {
		t.Fatalf("clients %+v", cl)
	}
	moneyIs(t, "D all", cl[1].BookingsAll, Cents(100000))
	ratioIs(t, "cum share D", cl[1].CumShareAll, 0.8)
	ratioIs(t, "cum share B", cl[2].CumShareAll, 1)
	con := tot.Concentration
	if con.Clients != 2 || con.ClientsAll != 3 {
		t.Errorf("clients %d/%d, want 2/3", con.Clients, con.ClientsAll)
	}
	ratioIs(t, "avg per client Q2", con.AvgPerClient, 624.875) // 1249.75 / 2 (A and D)
	ratioIs(t, "avg per client all", con.AvgPerClientAll, 2500.0/3)
	ratioIs(t, "top-10 share", con.Top10ShareAll, 1)
	// Markets: Retail 500 + 750.25 + 249.75 = 1500; SaaS 1000.
	if m := rev.Revenue.Markets; len(m) != 2 || m[0].Market != "Retail" || m[0].BookingsAll != Cents(150000) || m[1].BookingsAll != Cents(100000) || m[0].Clients != 2 {
		t.Errorf("markets %+v", m)
	}
	mr := rev.Revenue.MarketsRegions // Retail East 500, Retail West 1000, SaaS East 1000
	if len(mr) != 3 || mr[0].Region != "East" || mr[0].BookingsAll != Cents(50000) || mr[1].BookingsAll != Cents(100000) || mr[2].Market != "SaaS" {
		t.Errorf("market x region %+v", mr)
	}

	// Contract revenue (TCV, 12 months from the close month; monthly value =
	// amount / 12, unrounded):
	//   E1 1000.00: Jun 2026..May 2027, 83.3333 a month
	//   E2  500.00: Mar 2026..Feb 2027, 41.6667 a month
	//   W1  750.25: May 2025..Apr 2026, 62.5208 a month
	//   W2  249.75: Apr 2026..Mar 2027, 20.8125 a month
	// Q2 2026 (Apr..Jun): E1 1 month + E2 3 + W1 1 (Apr) + W2 3
	//   = (1000 + 3x500 + 750.25 + 3x249.75) / 12 = 3999.50 / 12 = 333.291666...
	unitsIs(t, "recognised Q2", q2.Recognised, 3999.50/12)
	// East: E1 1 month + E2 3 months = (1000 + 1500) / 12 = 208.3333...
	unitsIs(t, "East recognised Q2", east.Trend[4].Recognised, 2500.0/12)
	// ARR at the end of June (E1, E2, W2 running; W1 ended in April):
	// 12 x (1000 + 500 + 249.75) / 12 = 1749.75.
	unitsIs(t, "ARR", tc.ARR, 1749.75)
	// Schedule of the deals won in Q2 (E1, W2), East row = E1 (83.3333 a month):
	// FY2026-Q2 Jun = 1000/12; Q3, Q4, FY2027-Q1 3 months = 250 each;
	// FY2027-Q2 Apr, May = 2000/12; then nothing.
	sch := rev.Revenue.Schedule
	if sch.Window != "FY2026-Q2" || len(sch.Quarters) != 20 || sch.Quarters[19] != "FY2031-Q1" || len(sch.Rows) != 3 {
		t.Fatalf("schedule %+v", sch)
	}
	er := sch.Rows[0]
	wantE := []float64{1000.0 / 12, 250, 250, 250, 2000.0 / 12, 0}
	for k, w := range wantE {
		unitsIs(t, "East schedule "+sch.Quarters[k], er.Amounts[k], w)
	}
	unitsIs(t, "East TCV", er.TCV, 1000)
	unitsIs(t, "East first year", er.FirstYearValue, 1000)
	// E1 1000.00 + W2 249.75.
	unitsIs(t, "total TCV", sch.Rows[2].TCV, 1249.75)

	// Data quality: W3 past due; W4 has no created date but is lost (not in the
	// cycle), so no "left out of the cycle" problem.
	if q := rev.Quality.Counts; q.OpenPastDue != 1 || q.DealsWithoutCreated != 0 || q.ZeroAmountWon != 0 {
		t.Errorf("quality %+v", q)
	}
	if p := rev.Quality.Problems; len(p) != 1 || p[0].Error() != `deals.csv: E9: open deal "W3" is past due: close 2026-06-15 is before the report date 2026-06-30` {
		t.Errorf("problems %v", p)
	}
	// Reps: Ann's all-history win rate 2 won (E1, E2) / 4 closed.
	for _, r := range rev.Reps.Rows {
		if r.Owner == "Ann" {
			ratioIs(t, "Ann win rate", r.All.WinRate, 0.5)
			moneyIs(t, "Ann bookings Q2", r.Period.Bookings, Cents(100000))
			ratioIs(t, "Ann cycle mean all", r.All.CycleMean, (90+80)/2.0) // E2: 2026-01-10 -> 03-31 = 21+28+31 = 80
		}
	}
}

func TestZeroDenominators(t *testing.T) {
	// Only an open deal: no closed deal, no bookings, no target.
	recs := &Records{Deals: []Deal{{ID: "x", Region: Intern("North"), Account: Intern("A"), Stage: Intern("Open"), Amount: Cents(100), HasAmount: true,
		Created: Date(2026, 1, 5), Close: Date(2026, 9, 1)}}}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	k := rev.Total.KPIs.Current
	for name, r := range map[string]Ratio{"win rate": k.WinRate, "win rate by value": k.WinRateValue, "attainment": k.Attainment,
		"growth QoQ": k.GrowthQoQ, "growth YoY": k.GrowthYoY, "coverage": k.Coverage.Ratio, "required": k.Coverage.Required,
		"avg per client": rev.Total.Concentration.AvgPerClient, "top-10": rev.Total.Concentration.Top10Share,
		"per won deal": rev.Activities.PerWonDeal} {
		undefined(t, name, r)
	}
}

func TestFebruaryFiscalYear(t *testing.T) {
	// February start: a deal closing on 2026-02-01 (first day of FY2027) and
	// one on 2026-01-31 (last day of FY2026-Q4), one on leap day 2024-02-29
	// (first quarter of FY2025).
	recs := &Records{Deals: []Deal{
		{ID: "a", Region: Intern("R"), Account: Intern("A"), Status: Won, Amount: Cents(100), HasAmount: true, Close: Date(2026, 2, 1)},
		{ID: "b", Region: Intern("R"), Account: Intern("B"), Status: Won, Amount: Cents(200), HasAmount: true, Close: Date(2026, 1, 31)},
		{ID: "c", Region: Intern("R"), Account: Intern("C"), Status: Won, Amount: Cents(400), HasAmount: true, Close: Date(2024, 2, 29)},
	}}
	rev, err := Compute(recs, nil, Options{FiscalYearStart: 2, AsOf: Date(2026, 4, 30)})
	if err != nil {
		t.Fatal(err)
	}
	// As of 2026-04-30, FY2027-Q1 (Feb..Apr 2026) is complete on its last day.
	if rev.Period.Name != "FY2027-Q1" {
		t.Fatalf("period %s", rev.Period.Name)
	}
	got := map[string]Money{}
	for _, q := range rev.Total.Trend {
		got[q.Period] = q.Bookings
	}
	want := map[string]Money{"FY2027-Q1": Cents(100), "FY2026-Q4": Cents(200), "FY2025-Q1": Cents(400), "FY2025-Q2": 0}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: %d, want %d", p, got[p], w)
		}
	}
	ratioIs(t, "QoQ", rev.Total.KPIs.Current.GrowthQoQ, 100.0/200-1)
}

func TestMixedCurrenciesSumExactly(t *testing.T) {
	// Amounts arrive converted to the report currency in Money. 0.10 + 0.20 +
	// 0.70 is 1.00 exactly (in float64, 0.1 + 0.2 + 0.7 = 0.9999999999999999).
	recs := &Records{Deals: []Deal{
		{ID: "a", Region: Intern("R"), Account: Intern("A"), Status: Won, Amount: Cents(10), HasAmount: true, Currency: Intern("EUR"), Close: Date(2026, 5, 1)},
		{ID: "b", Region: Intern("R"), Account: Intern("B"), Status: Won, Amount: Cents(20), HasAmount: true, Currency: Intern("GBP"), Close: Date(2026, 5, 2)},
		{ID: "c", Region: Intern("R"), Account: Intern("C"), Status: Won, Amount: Cents(70), HasAmount: true, Currency: 0, Close: Date(2026, 5, 3)},
	}}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 6, 30), Currency: "CHF"})
	if err != nil {
		t.Fatal(err)
	}
	moneyIs(t, "bookings", rev.Total.KPIs.Current.Bookings, Cents(100))
	if rev.Currency != "CHF" {
		t.Errorf("currency %q", rev.Currency)
	}
}

// Property: the top-10 selections equal the first ten of a full sort.
func TestTopSelections(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for round := 0; round < 200; round++ {
		var cs []ClientRevenue
		for i := rng.Intn(40); i > 0; i-- {
			cs = append(cs, ClientRevenue{Account: strconv.Itoa(rng.Intn(50)), Bookings: Money(rng.Intn(5)), BookingsAll: Money(rng.Intn(5))})
		}
		less := func(a, b ClientRevenue) int { return cmpBookings(a.BookingsAll, b.BookingsAll, a.Account, b.Account) }
		sorted := slices.Clone(cs)
		slices.SortStableFunc(sorted, less)
		top := topClients(cs, 10, less)
		for i := range top {
			if less(top[i], sorted[i]) != 0 {
				t.Fatalf("round %d: top[%d] = %+v, sorted %+v", round, i, top[i], sorted[i])
			}
		}
		if len(top) != min(10, len(cs)) {
			t.Fatalf("%d top of %d", len(top), len(cs))
		}
		slices.SortFunc(sorted, func(a, b ClientRevenue) int { return cmp.Compare(b.Bookings, a.Bookings) })
		var want Money
		for i := 0; i < min(10, len(sorted)); i++ {
			want += sorted[i].Bookings
		}
		if got := topSum(cs, 10); got != want {
			t.Fatalf("topSum %d, want %d", got, want)
		}
	}
}

func TestQualityProblems(t *testing.T) {
	recs := &Records{
		Deals: []Deal{
			{ID: "w1", Region: Intern("R"), Account: Intern("A"), Status: Won, Amount: 0, HasAmount: true, Close: Date(2026, 5, 1), Src: Ref{Table: 0, Row: 2}},
			{ID: "w2", Region: Intern("R"), Account: Intern("A"), Status: Won, Amount: Cents(500), HasAmount: true, Close: Date(2026, 5, 2),
				Created: Date(2026, 5, 1), Src: Ref{Table: 0, Row: 3}},
		},
		Activities: []Activity{{ID: "x", Type: Call, Date: Date(2026, 5, 3), Src: Ref{Table: 1, Row: 7}}},
		Tables: []Table{
			{File: "deals.xlsx", Sheet: "Deals", Columns: []ColumnMapping{{Field: "amount", Column: 4}, {Field: "created", Column: 6}}},
			{File: "acts.csv", Columns: []ColumnMapping{{Field: "region", Column: 3}}, RowsRead: 2, Records: 1, Skipped: map[string]int{"blank": 1}},
		},
		Problems: []Problem{{Pos: Position{File: "deals.xlsx", Sheet: "Deals", Row: 9, Col: 4}, Msg: `amount "x" is not a number`}},
	}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	// w1: no created date (left out of the cycle) and amount 0; the activity has no region.
	if q := rev.Quality.Counts; q.DealsWithoutCreated != 1 || q.ZeroAmountWon != 1 || q.ActivitiesUnassigned != 1 {
		t.Errorf("counts %+v", q)
	}
	want := []string{
		`acts.csv: C7: activity "x" has no region: no region column, deal, account or owner gives one; counted under Unassigned`,
		`deals.xlsx: Deals!D2: won deal "w1" has amount 0`,
		`deals.xlsx: Deals!F2: won deal "w1" has no created date: left out of the sales cycle`,
		`deals.xlsx: Deals!D9: amount "x" is not a number`,
	}
	var got []string
	for _, p := range rev.Quality.Problems {
		got = append(got, p.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The cycle uses w2 only: 1 day.
	undefined(t, "trailing win rate (no closed deal before Q2)", rev.Total.KPIs.Current.Coverage.TrailingWinRate)
	if q2 := rev.Total.Trend[len(rev.Total.Trend)-1]; q2.CycleDeals != 1 || q2.CycleMedian.Value != 1 {
		t.Errorf("cycle %+v over %d deals", q2.CycleMedian, q2.CycleDeals)
	}
	if len(rev.Quality.Tables) != 2 || rev.Quality.Tables[1].Skipped["blank"] != 1 {
		t.Errorf("tables %+v", rev.Quality.Tables)
	}
}

func TestPeriodTooFar(t *testing.T) {
	if _, err := Compute(&Records{}, nil, Options{AsOf: Date(2026, 1, 1), Period: "FY1000-Q1"}); err == nil {
		t.Error("a period 1000 years off: want an error")
	}
}

func TestAmountModesAndRollup(t *testing.T) {
	recs := func() *Records {
		return &Records{Deals: []Deal{
			// Won 2026-05-10, amount 100.00, 12 months from May 2026.
			{ID: "w", Region: Intern("R"), Account: Intern("A"), Status: Won, Amount: Cents(10000), HasAmount: true, Close: Date(2026, 5, 10)},
			{ID: "c", Region: Intern("R"), Account: Intern("B"), Stage: Intern("Negotiation"), Amount: Cents(30000), HasAmount: true, ForecastCategory: Intern("commit"), Close: Date(2026, 6, 1)},
			{ID: "o", Region: Intern("R"), Account: Intern("B"), Stage: Intern("Negotiation"), Amount: Cents(5000), HasAmount: true, ForecastCategory: Intern("Omitted"), Close: Date(2026, 6, 2)},
			{ID: "p", Region: Intern("R"), Account: Intern("B"), Stage: Intern("Negotiation"), Amount: Cents(700), HasAmount: true, Close: Date(2026, 6, 3)},
		}}
	}
	tests := []struct {
		mode      string
		arr       float64 // at the end of June 2026, major units
		recogQ2   float64 // May + June
		firstYear float64
	}{
		// TCV 100.00 over 12 months: 100 / 12 = 8.3333 a month; ARR = 12 x 100 / 12
		// = 100; Q2 = 2 x 100 / 12 = 16.6667; first year 100.
		{ModeTCV, 100, 200.0 / 12, 100},
		// ACV 100.00: 100 / 12 a month, the same as TCV here.
		{ModeACV, 100, 200.0 / 12, 100},
		// MRR 100.00: 100.00 a month; ARR 1,200.00; Q2 200.00; first year 1,200.00.
		{ModeMRR, 1200, 200, 1200},
	}
	for _, tt := range tests {
		rev, err := Compute(recs(), nil, Options{AsOf: Date(2026, 6, 30), AmountMode: tt.mode})
		if err != nil {
			t.Fatal(err)
		}
		k := rev.Total.KPIs.Current
		moneyIs(t, tt.mode+" bookings", k.Bookings, Cents(10000)) // bookings are the amount whatever the mode
		unitsIs(t, tt.mode+" ARR", k.ARR, tt.arr)
		unitsIs(t, tt.mode+" recognised", rev.Total.Trend[len(rev.Total.Trend)-1].Recognised, tt.recogQ2)
		unitsIs(t, tt.mode+" first year", rev.Revenue.Schedule.Rows[1].FirstYearValue, tt.firstYear)
		// Roll-up: closed 100, commit 300, pipeline 7 (no category); omitted 50 shown apart.
		f := rev.Total.Forecast
		if f.Closed != Cents(10000) || f.Commit != Cents(30000) || f.BestCase != 0 || f.Pipeline != Cents(700) || f.Omitted != Cents(5000) ||
			f.CommitTotal != Cents(40000) || f.PipelineTotal != Cents(40700) {
			t.Errorf("%s roll-up %+v", tt.mode, f)
		}
	}
}

// topSum returns the sum of the n largest period bookings.
func topSum(cs []ClientRevenue, n int) Money {
	var top []Money
	for _, c := range cs {
		top = insertTop(top, c.Bookings, n, func(a, b Money) int { return cmp.Compare(b, a) })
	}
	return sumMoney(top)
}

// topClients returns the first n clients in the order of less, without
// sorting them all.
func topClients(cs []ClientRevenue, n int, less func(a, b ClientRevenue) int) []ClientRevenue {
	var top []ClientRevenue
	for _, c := range cs {
		top = insertTop(top, c, n, less)
	}
	return top
}

// TestCurrentQuarterCoverage: coverage is for the current quarter, not the
// (complete) review quarter. The fixture is as of 2026-06-30, the last day
// of FY2026-Q2, so Q2 is complete (the review quarter) and the current
// quarter is FY2026-Q3 (Jul..Sep 2026).
func TestCurrentQuarterCoverage(t *testing.T) {
	recs := fixture()
	recs.Targets = append(recs.Targets, Target{Region: Intern("East"), Period: "FY2026-Q3", Amount: Cents(300000)})
	rev, err := Compute(recs, nil, fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	if rev.CurrentPeriod.Name != "FY2026-Q3" {
		t.Fatalf("current period %s, want FY2026-Q3", rev.CurrentPeriod.Name)
	}
	east, west := rev.Scope("East"), rev.Scope("West")
	// East, Q3: open E4 2,000.00 closes 2026-08-15; target 3,000.00, nothing
	// booked yet: 2000 / (3000 - 0) = 2/3. Trailing four quarters before Q3
	// (FY2025-Q3..FY2026-Q2): won E1 1,000 + E2 500 = 1,500; lost E3 300 +
	// E5 500 = 800; win rate by value 1500/2300 = 15/23, required 23/15.
	cv := east.Coverage
	if cv.Period != "FY2026-Q3" || !cv.HasTarget || cv.TargetMet {
		t.Fatalf("East coverage %+v", cv)
	}
	moneyIs(t, "East Q3 open pipeline", cv.OpenPipeline, Cents(200000))
	moneyIs(t, "East Q3 remaining", cv.Remaining, Cents(300000))
	ratioIs(t, "East Q3 coverage", cv.Ratio, 2.0/3)
	ratioIs(t, "East required coverage", cv.Required, 23.0/15)
	// West has no Q3 target: coverage undefined (W3 closes in Q2: no Q3 pipeline).
	if west.Coverage.Period != "FY2026-Q3" || west.Coverage.HasTarget {
		t.Errorf("West coverage %+v", west.Coverage)
	}
	undefined(t, "West Q3 coverage", west.Coverage.Ratio)
	moneyIs(t, "West Q3 open pipeline", west.Coverage.OpenPipeline, 0)
	// All regions: target = sum of region targets = 3,000.00; open in Q3 =
	// E4 2,000.00: 2/3. Trailing: won 1,000 + 500 + W2 249.75 = 1,749.75
	// (W1 closed in FY2025-Q2, outside); lost 800 + W4 0: required =
	// 2549.75 / 1749.75.
	ratioIs(t, "total Q3 coverage", rev.Total.Coverage.Ratio, 2.0/3)
	ratioIs(t, "total required coverage", rev.Total.Coverage.Required, 254975.0/174975)
	// The review quarter's own coverage stays in the KPIs (Q2: East booked
	// 1,000 of a 2,000 target; open closing in Q2: none in East).
	if rev.Total.KPIs.Current.Coverage.Period != "FY2026-Q2" {
		t.Errorf("KPI coverage period %s", rev.Total.KPIs.Current.Coverage.Period)
	}
	// Q3 is in the pipeline page's coverage list.
	found := false
	for _, c := range rev.Pipeline.Coverage {
		found = found || c.Region == "East" && c.Period == "FY2026-Q3"
	}
	if !found {
		t.Error("pipeline coverage list lacks East FY2026-Q3")
	}

	// As of 2026-06-29 the quarter holding the as-of date is still running:
	// it is the current quarter, and the review quarter is the one before.
	opts := fixtureOptions()
	opts.AsOf = Date(2026, 6, 29)
	rev, err = Compute(recs, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if rev.CurrentPeriod.Name != "FY2026-Q2" || rev.Period.Name != "FY2026-Q1" || rev.Total.Coverage.Period != "FY2026-Q2" {
		t.Errorf("as of 2026-06-29: current %s, review %s, coverage %s", rev.CurrentPeriod.Name, rev.Period.Name, rev.Total.Coverage.Period)
	}
}

// TestFutureCoverageWindow: the required coverage of the current quarter and
// of any later one is taken over the four quarters before the current one
// (the most recent complete as of the as-of date), never over the unfinished
// current quarter; a past quarter keeps the four before it.
func TestFutureCoverageWindow(t *testing.T) {
	opts := fixtureOptions()
	opts.AsOf = Date(2026, 6, 29) // current FY2026-Q2 (running), review FY2026-Q1
	rev, err := Compute(fixture(), nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Coverage{}
	for _, c := range rev.Pipeline.Coverage {
		got[c.Region+" "+c.Period] = c
	}
	tests := []struct {
		key      string
		ok       bool
		winRate  float64
		required float64
	}{
		// East, Q3 (after the current quarter) and Q2 (current): window
		// FY2025-Q2..FY2026-Q1 (Apr 2025..Mar 2026): won E2 500.00, lost E5
		// 500.00: 500 / 1000 = 0.5, required 2. (Counting the running Q2, as
		// before, would add E1 1,000 won and E3 300 lost: 15/23.)
		{"East FY2026-Q3", true, 0.5, 2},
		{"East FY2026-Q2", true, 0.5, 2},
		// East, Q1 (the review quarter, past): FY2025-Q1..FY2025-Q4: won 0,
		// lost E5 500: win rate 0, required undefined.
		{"East FY2026-Q1", true, 0, 0},
		// All regions, Q3: FY2025-Q2..FY2026-Q1: won W1 750.25 (2025-05-31) +
		// E2 500 = 1250.25; lost E5 500 + W4 0 = 500: 1250.25 / 1750.25,
		// required 1750.25 / 1250.25.
		{" FY2026-Q3", true, 1250.25 / 1750.25, 1750.25 / 1250.25},
		{" FY2026-Q2", true, 1250.25 / 1750.25, 1750.25 / 1250.25},
	}
	for _, tt := range tests {
		cv, ok := got[tt.key]
		if !ok {
			t.Errorf("%s: no coverage row", tt.key)
			continue
		}
		ratioIs(t, tt.key+" trailing win rate", cv.TrailingWinRate, tt.winRate)
		if tt.winRate == 0 {
			undefined(t, tt.key+" required", cv.Required)
		} else {
			ratioIs(t, tt.key+" required", cv.Required, tt.required)
		}
	}
	// The headline (current quarter) coverage uses the same window.
	ratioIs(t, "East headline required", rev.Scope("East").Coverage.Required, 2)
}
