package report

import (
	"fmt"
	"math"
	"testing"
)

// dollars is a whole amount in major units.
func dollars(n int) Money { return Cents(int64(n) * 100) }

// outlookFixture is a region R on calendar quarters, reviewed on
// 2025-05-10: day 40 of 2025-Q2 (April 1 .. June 30, 91 days). The export
// was taken that day (its newest date is w8's close). The data begins in
// April 2024 (w1's close), so 2024-Q2 is the first complete quarter.
func outlookFixture() *Records {
	r, a := Intern("R"), Intern("Acme")
	won := func(created, closed Day, amount int) Deal {
		return Deal{Region: r, Account: a, Status: Won, Stage: Intern("Closed Won"), Amount: dollars(amount), HasAmount: true, Created: created, Close: closed}
	}
	return &Records{
		Deals: []Deal{
			won(Date(2024, 3, 20), Date(2024, 4, 1), 10),   // w1: 2024-Q2 day 1
			won(Date(2024, 5, 1), Date(2024, 6, 30), 90),   // w2: 2024-Q2 day 91
			won(Date(2024, 10, 1), Date(2024, 11, 9), 60),  // w3: 2024-Q4 day 40
			won(Date(2025, 1, 5), Date(2025, 1, 20), 200),  // w4: 2025-Q1 day 20
			won(Date(2025, 1, 10), Date(2025, 2, 9), 30),   // w5: 2025-Q1 day 40
			won(Date(2025, 1, 15), Date(2025, 2, 10), 400), // w6: 2025-Q1 day 41
			won(Date(2025, 3, 25), Date(2025, 4, 5), 100),  // w7: 2025-Q2 day 5
			won(Date(2025, 4, 20), Date(2025, 5, 10), 50),  // w8: 2025-Q2 day 40, the as-of date
			{Region: r, Account: a, Status: Lost, Stage: Intern("Closed Lost"), Amount: dollars(370), HasAmount: true,
				Created: Date(2025, 1, 2), Close: Date(2025, 3, 1)}, // l1
			{Region: r, Account: a, Stage: Intern("Proposal"), Amount: dollars(425), HasAmount: true, Probability: 40, HasProbability: true,
				Created: Date(2025, 4, 10), Close: Date(2025, 6, 15)}, // o1
		},
		Targets: []Target{
			{Region: r, Period: "FY2024-Q2", Amount: dollars(400)},
			{Region: r, Period: "FY2024-Q4", Amount: dollars(600)},
			{Region: r, Period: "FY2025-Q1", Amount: dollars(1000)},
			{Region: r, Period: "FY2025-Q2", Amount: dollars(1000)},
			{Region: r, Period: "FY2025-Q3", Amount: dollars(800)},
		},
	}
}

func computeOutlook(t *testing.T, recs *Records, opts Options) *Outlook {
	t.Helper()
	o, err := ComputeOutlook(recs, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestPacing: cumulative bookings by day of quarter, worked by hand from
// the fixture's won deals. By day 40: 2025-Q2 booked 100 + 50 = 150 of
// 1000 (15%); 2025-Q1 200 + 30 = 230 of 1000 (23%: w6 on day 41 is not
// counted); 2024-Q4 60 of 600 (10%); 2024-Q3 nothing and no target;
// 2024-Q2 10 of 400 (2.5%). So "at day 40 of 91 you have booked 15% of
// target; the last four quarters had booked 2.5-23% by day 40" (three of
// them with a target).
func TestPacing(t *testing.T) {
	o := computeOutlook(t, outlookFixture(), Options{AsOf: Date(2025, 5, 10)})
	if o.Day != 40 || o.Days != 91 || o.Current.Name != "FY2025-Q2" || o.Next.Name != "FY2025-Q3" {
		t.Fatalf("day %d of %d of %s, next %s", o.Day, o.Days, o.Current.Name, o.Next.Name)
	}
	if len(o.Scopes) != 2 || o.Scopes[0].Region != "" || o.Scopes[1].Region != "R" {
		t.Fatalf("scopes %+v", o.Scopes)
	}
	for _, sc := range o.Scopes {
		p := sc.Pacing
		want := []struct {
			quarter string
			days    int
			atDay   int
			share   float64 // -1: undefined
		}{{"FY2025-Q2", 91, 150, 0.15}, {"FY2025-Q1", 90, 230, 0.23}, {"FY2024-Q4", 92, 60, 0.1}, {"FY2024-Q3", 92, 0, -1}, {"FY2024-Q2", 91, 10, 0.025}}
		if len(p.Quarters) != len(want) {
			t.Fatalf("%d quarters", len(p.Quarters))
		}
		for i, w := range want {
			q := p.Quarters[i]
			if q.Quarter != w.quarter || q.Days != w.days {
				t.Errorf("quarter %d: %s of %d days, want %s of %d", i, q.Quarter, q.Days, w.quarter, w.days)
			}
			moneyIs(t, q.Quarter+" by day 40", q.AtDay, dollars(w.atDay))
			if w.share < 0 {
				undefined(t, q.Quarter+" share", q.ShareAtDay)
			} else {
				ratioIs(t, q.Quarter+" share", q.ShareAtDay, w.share)
			}
		}
		cur, q1 := p.Quarters[0], p.Quarters[1]
		if len(cur.Cumulative) != 40 || len(q1.Cumulative) != 90 {
			t.Errorf("cumulative lengths %d and %d, want 40 (to the as-of date) and 90", len(cur.Cumulative), len(q1.Cumulative))
		}
		moneyIs(t, "2025-Q2 by day 4", cur.Cumulative[3], 0)
		moneyIs(t, "2025-Q2 by day 5", cur.Cumulative[4], dollars(100))
		moneyIs(t, "2025-Q1 by day 41", q1.Cumulative[40], dollars(630))
		moneyIs(t, "2025-Q1 by day 90", q1.Cumulative[89], dollars(630))
		ratioIs(t, "share", p.Share, 0.15)
		ratioIs(t, "earlier low", p.EarlierLow, 0.025)
		ratioIs(t, "earlier high", p.EarlierHigh, 0.23)
		if p.EarlierWithTarget != 3 {
			t.Errorf("%d earlier quarters with a target, want 3", p.EarlierWithTarget)
		}
	}
}

// TestPacingLastDay: on the last day of a 91-day quarter the earlier
// 90-day quarter is read at its own last day.
func TestPacingLastDay(t *testing.T) {
	o := computeOutlook(t, outlookFixture(), Options{AsOf: Date(2025, 6, 30)})
	q1 := o.Scopes[0].Pacing.Quarters[1]
	moneyIs(t, "2025-Q1 by day 91 (its day 90)", q1.AtDay, dollars(630))
	ratioIs(t, "share", q1.ShareAtDay, 0.63)
}

// TestOutlookQuarters: target, booked, gap, open pipeline, coverage and
// required coverage of the current and the next quarter, by hand.
// Current (2025-Q2): target 1000, booked 150, gap 850; o1 (425, closing
// 15 June) is the open pipeline: coverage 425 / 850 = 0.5; weighted
// 150 + 425 x 40% = 320. Required coverage: won over 2024-Q2 .. 2025-Q1 =
// 10 + 90 + 60 + 200 + 30 + 400 = 790, lost 370: win rate 790 / 1160,
// required 1160 / 790. Next (2025-Q3): target 800, nothing booked or open.
func TestOutlookQuarters(t *testing.T) {
	o := computeOutlook(t, outlookFixture(), Options{AsOf: Date(2025, 5, 10)})
	for _, sc := range o.Scopes {
		c, n := sc.Current, sc.Next
		moneyIs(t, "target", c.Target, dollars(1000))
		moneyIs(t, "booked", c.Booked, dollars(150))
		moneyIs(t, "gap", c.Gap, dollars(850))
		moneyIs(t, "open in quarter", c.OpenInQuarter, dollars(425))
		if !c.OpenKnown || c.TargetMet {
			t.Errorf("open known %v, target met %v", c.OpenKnown, c.TargetMet)
		}
		ratioIs(t, "coverage", c.Coverage, 0.5)
		ratioIs(t, "weighted", c.Weighted, 320)
		ratioIs(t, "trailing win rate", c.TrailingWinRate, 790.0/1160)
		ratioIs(t, "required coverage", c.Required, 1160.0/790)
		if c.Call != nil {
			t.Errorf("call %+v without forecast calls", c.Call)
		}
		moneyIs(t, "next target", n.Target, dollars(800))
		moneyIs(t, "next booked", n.Booked, 0)
		moneyIs(t, "next gap", n.Gap, dollars(800))
		ratioIs(t, "next coverage", n.Coverage, 0)
		ratioIs(t, "next weighted", n.Weighted, 0)
	}
}

// TestKnownOnTheDay: with the as-of date before the export's own date, a
// deal won after it counts as open on it (w9), a deal created after it
// does not exist (o2), and the close dates of the export are not used: the
// open pipeline of the quarter, its coverage and the weighted pipeline are
// undefined. The projections' history (day 40 of the four quarters
// before) holds 3 deals: w2 on 2024-05-10; on 2025-02-09, w6 (won on day
// 41) and l1: too few.
func TestKnownOnTheDay(t *testing.T) {
	recs := outlookFixture()
	r, a := Intern("R"), Intern("Acme")
	recs.Deals = append(recs.Deals,
		Deal{Region: r, Account: a, Status: Won, Amount: dollars(70), HasAmount: true, Created: Date(2025, 4, 20), Close: Date(2025, 5, 11)},                // w9
		Deal{Region: r, Account: a, Stage: Intern("Proposal"), Amount: dollars(999), HasAmount: true, Created: Date(2025, 5, 15), Close: Date(2025, 6, 20)}) // o2
	o := computeOutlook(t, recs, Options{AsOf: Date(2025, 5, 10)})
	c := o.Scopes[1].Current
	moneyIs(t, "booked", c.Booked, dollars(150))
	if c.Projection.OpenDeals != 2 {
		t.Errorf("%d open deals on the day, want 2 (o1 and w9)", c.Projection.OpenDeals)
	}
	if c.OpenKnown {
		t.Errorf("open pipeline %s known on the day from an export taken later", moneyText(c.OpenInQuarter))
	}
	undefined(t, "coverage", c.Coverage)
	undefined(t, "weighted", c.Weighted)
	if p := c.Projection; p.OK || p.Reason != "too few deals: 3 open on day 40 of the 4 earlier quarters, 30 needed" {
		t.Errorf("projection %v: %q", p.OK, p.Reason)
	}
	// The same export read on its own day knows its close dates.
	o = computeOutlook(t, recs, Options{AsOf: Date(2025, 5, 15)})
	if c := o.Scopes[1].Current; !c.OpenKnown || c.OpenInQuarter != dollars(425+999) {
		t.Errorf("on 2025-05-15: open %s known %v, want 1424", moneyText(c.OpenInQuarter), c.OpenKnown)
	}
}

// TestTooLittleHistory: no projection, and the reason, when fewer than
// four complete quarters (or too few deals) came before.
func TestTooLittleHistory(t *testing.T) {
	o := computeOutlook(t, outlookFixture(), Options{AsOf: Date(2025, 5, 10)})
	for _, sc := range o.Scopes {
		cur, next := sc.Current.Projection, sc.Next.Projection
		if cur.OK || cur.Reason != "too few deals: 3 open on day 40 of the 4 earlier quarters, 30 needed" {
			t.Errorf("%q current: %v %q", sc.Region, cur.OK, cur.Reason)
		}
		// The next quarter learns from quarters whose next quarter is over:
		// 2024-Q2 .. 2024-Q4 only.
		if next.OK || next.Reason != "too little history: 3 complete quarters before FY2025-Q3, 4 needed" {
			t.Errorf("%q next: %v %q", sc.Region, next.OK, next.Reason)
		}
		if cur.P10 != 0 || cur.P50 != 0 || cur.P90 != 0 || cur.ProbabilityOfTarget.OK {
			t.Errorf("%q: a range without a projection: %+v", sc.Region, cur)
		}
		moneyIs(t, "booked beside no projection", cur.Booked, dollars(150))
	}
	// The backtest: the complete quarters 2024-Q2 .. 2025-Q1, each with
	// fewer than four complete quarters before it; their actuals and the
	// deals open on their day 40.
	bt := o.Backtest
	want := []struct {
		quarter string
		actual  int
		open    int
		history int
	}{{"FY2024-Q2", 100, 1, 0}, {"FY2024-Q3", 0, 0, 1}, {"FY2024-Q4", 60, 0, 2}, {"FY2025-Q1", 630, 2, 3}}
	if len(bt.Rows) != 2*len(want) {
		t.Fatalf("%d backtest rows, want %d", len(bt.Rows), 2*len(want))
	}
	for i, w := range want {
		for j, region := range []string{"", "R"} {
			row := bt.Rows[2*i+j]
			if row.Quarter != w.quarter || row.Region != region || row.Projection.OK || row.Projection.OpenDeals != w.open {
				t.Errorf("row %d: %s %q ok %v, %d open; want %s %q, %d open", 2*i+j, row.Quarter, row.Region, row.Projection.OK,
					row.Projection.OpenDeals, w.quarter, region, w.open)
			}
			moneyIs(t, w.quarter+" actual", row.Actual, dollars(w.actual))
			if len(row.Projection.History) != w.history {
				t.Errorf("%s: history %v", w.quarter, row.Projection.History)
			}
		}
	}
	if s := bt.Summaries[0]; s.Projected != 0 || s.HitRate.OK || s.MAE.OK {
		t.Errorf("summary without projections: %+v", s)
	}
}

// TestRates: each cell's win rate is shrunk towards its region and age
// group's, that towards its age group's, that towards all cells', each
// with the weight of 20 deals. Two cells of one region: age group 0 with 8
// won of 10, age group 1 with 2 won of 30. All: 10 / 40 = 0.25. Age 0:
// (8 + 20 x 0.25) / 30 = 13/30; its region: (8 + 20 x 13/30) / 30 = 5/9;
// the cell: (8 + 20 x 5/9) / 30 = 0.637037... Age 1: (2 + 5) / 50 = 0.14;
// region: (2 + 2.8) / 50 = 0.096; cell: (2 + 1.92) / 50 = 0.0784.
func TestRates(t *testing.T) {
	as := &anchorSet{in: &outlookInput{nr: 1}, nra: 1, raRegion: []int32{0}}
	hits, trials := make([]float64, ageBuckets), make([]float64, ageBuckets)
	hits[0], trials[0] = 8, 10
	hits[1], trials[1] = 2, 30
	p := as.rates(hits, trials)
	for _, c := range []struct {
		cell int
		want float64
	}{{0, (8 + 20*5.0/9) / 30}, {1, 0.0784}, {2, 0.25}} {
		if math.Abs(p[c.cell]-c.want) > 1e-12 {
			t.Errorf("cell %d: %v, want %v", c.cell, p[c.cell], c.want)
		}
	}
	if as.rates(make([]float64, ageBuckets), make([]float64, ageBuckets)) != nil {
		t.Error("rates without trials")
	}
}

// TestSimulation: the draws are deterministic, sorted, never below what
// is booked; without open deals or spread every draw is booked + new.
func TestSimulation(t *testing.T) {
	sim := simulation{booked: 100, fromNew: 50}
	d := sim.draws(7)
	if d[0] != 150 || d[len(d)-1] != 150 {
		t.Errorf("certain quarter drawn from %v to %v, want 150", d[0], d[len(d)-1])
	}
	sim = simulation{booked: 100, top: []float64{1000, 10}, topP: []float64{0.5, 1}, m1: 30, m2: 900, m3: 800, fromNew: 20, spread: 40, df: 6}
	a, b := sim.draws(3), sim.draws(3)
	for i := range a {
		if a[i] != b[i] || a[i] < 100 || i > 0 && a[i] < a[i-1] {
			t.Fatalf("draw %d: %v then %v", i, a[i], b[i])
		}
	}
	// The largest deal is won in about half the draws: the median sits
	// between the two modes 160 and 1160.
	if m := quantile(a, 0.5); m < 100 || m > 1300 {
		t.Errorf("median %v", m)
	}
	if q := quantile([]float64{1, 2, 3, 4, 5}, 0.1); math.Abs(q-1.4) > 1e-12 {
		t.Errorf("P10 of 1..5 = %v, want 1.4", q)
	}
}

// TestOutlookAgreesWithReview: the outlook orders the regions as the
// review does, and its current quarter's figures (on a day with the
// export) are the review's coverage figures.
func TestOutlookAgreesWithReview(t *testing.T) {
	recs := outlookFixture()
	recs.Deals = append(recs.Deals,
		Deal{Owner: Intern("Ann"), Account: Intern("B"), Status: Won, Amount: dollars(5), HasAmount: true, Created: Date(2025, 4, 1), Close: Date(2025, 4, 2)},
		Deal{Owner: Intern("Bo"), Account: Intern("B"), Amount: dollars(7), HasAmount: true, Created: Date(2025, 4, 1), Close: Date(2025, 6, 2)})
	recs.Roster = []RosterEntry{{Owner: Intern("Ann"), Region: Intern("North")}, {Owner: Intern("Cy"), Region: Intern("East")}}
	recs.Targets = append(recs.Targets, Target{Region: Intern("West"), Period: "FY2025-Q2", Amount: dollars(50)})
	opts := Options{AsOf: Date(2025, 5, 10), Regions: []string{"West", "Nowhere"}}
	rev, err := Compute(recs, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	o := computeOutlook(t, recs, opts)
	var names []string
	for _, sc := range o.Scopes[1:] {
		names = append(names, sc.Region)
	}
	if fmt.Sprint(names) != fmt.Sprint(rev.Regions) {
		t.Fatalf("outlook regions %q, review's %q", names, rev.Regions)
	}
	for i, sc := range o.Scopes {
		cv := rev.Total.Coverage
		if i > 0 {
			cv = rev.ByRegion[i-1].Coverage
		}
		c := sc.Current
		if c.Quarter != cv.Period || c.Target != cv.Target || c.HasTarget != cv.HasTarget || c.Booked != cv.Booked ||
			c.OpenInQuarter != cv.OpenPipeline || c.TargetMet != cv.TargetMet || c.Coverage != cv.Ratio || c.Required != cv.Required {
			t.Errorf("%q: outlook %+v, review %+v", sc.Region, c, cv)
		}
	}
}

// TestPacingYoungData: quarters before the data begins (April 2024) are
// not compared: on 2024-08-20 (day 51 of 2024-Q3) only 2024-Q2 is, with 10
// booked by its day 51 (w1) of its 400 target.
func TestPacingYoungData(t *testing.T) {
	p := computeOutlook(t, outlookFixture(), Options{AsOf: Date(2024, 8, 20)}).Scopes[0].Pacing
	if len(p.Quarters) != 2 || p.Quarters[1].Quarter != "FY2024-Q2" || p.EarlierWithTarget != 1 {
		t.Fatalf("pacing quarters %+v", p.Quarters)
	}
	moneyIs(t, "2024-Q2 by day 51", p.Quarters[1].AtDay, dollars(10))
	ratioIs(t, "low", p.EarlierLow, 0.025)
	ratioIs(t, "high", p.EarlierHigh, 0.025)
}
