package report

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
)

func open(id string, amount Money, close Day) Deal {
	return Deal{ID: id, Region: Intern("R"), Account: Intern("A"), Stage: Intern("Open"), Amount: amount, HasAmount: true, Created: Date(2026, 1, 1), Close: close}
}

func withStatus(d Deal, s Status) Deal {
	d.Status = s
	return d
}

func TestSnapshotChanges(t *testing.T) {
	q2, q3, q4 := Date(2026, 5, 15), Date(2026, 8, 1), Date(2026, 12, 1)
	prev := &Records{Deals: []Deal{
		open("P1", Cents(100000), q2),                  // pushed Q2 -> Q3, same amount: delta 0
		open("P2", Cents(50000), q3),                   // pulled in Q3 -> Q2 and 500 -> 600: +100
		open("P3", Cents(30000), q2),                   // won: -300
		open("P4", Cents(20000), q2),                   // lost: -200
		open("P5", Cents(40000), q2),                   // increased to 450: +50
		open("P6", Cents(40000), q2),                   // decreased to 350: -50
		open("P7", Cents(10000), q2),                   // unchanged
		open("P8", Cents(25000), q2),                   // removed: -250
		withStatus(open("P9", Cents(90000), q2), Won),  // won before and after: unchanged, not in the open totals
		open("P10", Cents(10000), Date(2026, 4, 1)),    // pushed Q2 -> Q4: two quarters, slipping
		withStatus(open("P11", Cents(5000), q2), Lost), // reopened at 70: +70
	}}
	cur := &Records{Deals: []Deal{
		open("P1", Cents(100000), q3),
		open("P2", Cents(60000), q2),
		withStatus(open("P3", Cents(30000), q2), Won),
		withStatus(open("P4", Cents(20000), q2), Lost),
		open("P5", Cents(45000), q2),
		open("P6", Cents(35000), q2),
		open("P7", Cents(10000), q2),
		withStatus(open("P9", Cents(90000), q2), Won),
		open("P10", Cents(10000), q4),
		open("P11", Cents(7000), q3),
		open("N1", Cents(70000), q3),                 // new: +700
		withStatus(open("N2", Cents(5000), q2), Won), // new and already won: 0
	}}
	rev, err := Compute(cur, prev, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	ch := rev.Changes
	if ch == nil {
		t.Fatal("no changes")
	}
	// Old open total: 1000+500+300+200+400+400+100+250+100 = 3250.
	// New open total: 1000+600+450+350+100+100+70+700 = 3370.
	moneyIs(t, "old total", ch.OldOpenTotal, Cents(325000))
	moneyIs(t, "new total", ch.NewOpenTotal, Cents(337000))
	want := map[string]struct {
		deals  int
		amount Money
	}{
		ChangeNew: {2, Cents(70000)}, ChangeIncreased: {1, Cents(5000)}, ChangeDecreased: {1, Cents(-5000)}, ChangePushed: {2, 0},
		ChangePulledIn: {1, Cents(10000)}, ChangeReopened: {1, Cents(7000)}, ChangeWon: {1, Cents(-30000)}, ChangeLost: {1, Cents(-20000)},
		ChangeRemoved: {1, Cents(-25000)}, ChangeUnchanged: {2, 0},
	}
	sum := ch.OldOpenTotal
	for _, s := range ch.Steps {
		w := want[s.Category]
		if s.Deals != w.deals || s.Amount != w.amount {
			t.Errorf("%s: %d deals %s, want %d %s", s.Category, s.Deals, moneyText(s.Amount), w.deals, moneyText(w.amount))
		}
		sum += s.Amount
	}
	// 3250 + 700 + 50 - 50 + 0 + 100 + 70 - 300 - 200 - 250 + 0 = 3370.
	moneyIs(t, "waterfall end", sum, ch.NewOpenTotal)
	var slipping []string
	for _, f := range rev.Pipeline.Risks {
		if f.Rule == RuleSlipping {
			slipping = append(slipping, f.Deal.ID)
		}
	}
	if len(slipping) != 1 || slipping[0] != "P10" {
		t.Errorf("slipping %v, want [P10]", slipping)
	}
}

// Property: for random pairs of exports (duplicate and missing ids
// included), the waterfall lands exactly on the new open total.
func TestWaterfallAddsUp(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	randDeals := func(n int) []Deal {
		ds := make([]Deal, n)
		for i := range ds {
			id := strconv.Itoa(rng.Intn(n + 5))
			if rng.Intn(20) == 0 {
				id = ""
			}
			ds[i] = open(id, Money(rng.Int63n(1e9)-1e7), Date(2026, 1, 1)+Day(rng.Intn(700)))
			ds[i].Status = Status(rng.Intn(3))
		}
		return ds
	}
	cal := NewCalendar(Options{})
	for i := 0; i < 300; i++ {
		prev, cur := &Records{Deals: randDeals(rng.Intn(40))}, &Records{Deals: randDeals(rng.Intn(40))}
		ch := compareSnapshots(prev, cur, cal, cal.QuarterIndex(Date(2026, 6, 1)), nil, nil)
		sum := ch.OldOpenTotal
		var n int
		for _, s := range ch.Steps {
			sum += s.Amount
			n += s.Deals
		}
		if sum != ch.NewOpenTotal {
			t.Fatalf("waterfall ends at %d, new total %d", sum, ch.NewOpenTotal)
		}
		// The list holds every deal but the unchanged ones, which their step counts.
		unchanged := ch.Steps[len(ch.Steps)-1]
		if unchanged.Category != ChangeUnchanged || n != len(ch.Deals)+unchanged.Deals {
			t.Fatalf("steps count %d deals, list has %d, unchanged %+v", n, len(ch.Deals), unchanged)
		}
		for _, d := range ch.Deals {
			if d.Category == ChangeUnchanged {
				t.Fatalf("unchanged deal %s listed", d.ID)
			}
		}
		// Every deal of both exports is accounted for: each new-export deal
		// once, and each old-export deal not matched once.
		if n < len(cur.Deals) {
			t.Fatalf("%d changes for %d deals", n, len(cur.Deals))
		}
		// The quarter's waterfall lands on its own new total, and its totals
		// are the open amounts closing in the quarter.
		qc := ch.Quarter
		sum = qc.OldOpenTotal
		for _, s := range qc.Steps {
			sum += s.Amount
		}
		if sum != qc.NewOpenTotal || qc.OldOpenTotal != openInQuarter(prev, cal, qc.Quarter) ||
			qc.NewOpenTotal != openInQuarter(cur, cal, qc.Quarter) {
			t.Fatalf("quarter waterfall %d -> %d ends at %d; open in the quarter %d -> %d", qc.OldOpenTotal, qc.NewOpenTotal, sum,
				openInQuarter(prev, cal, qc.Quarter), openInQuarter(cur, cal, qc.Quarter))
		}
	}
}

// openInQuarter is a plain loop: the open amount closing in q.
func openInQuarter(r *Records, cal Calendar, q Quarter) Money {
	var sum Money
	for _, d := range r.Deals {
		if d.Status == Open && d.Close >= q.Start && d.Close <= q.End {
			sum += d.Amount
		}
	}
	return sum
}

// TestQuarterWaterfall: the waterfall of the pipeline closing in one
// quarter, on two snapshots made by hand. Calendar quarters; as of
// 2026-05-15 the current quarter is FY2026-Q2 (April..June).
//
//	deal  t0                 t1                  in Q2's waterfall
//	A     open 1000 Q2       open 1000 Q3        pushed        -1000
//	B     open  500 Q2       open  800 Q3        pushed         -500
//	C     open  400 Q3       open  450 Q2        pulled in      +450
//	D     open  300 Q1       open  300 Q2        from earlier   +300
//	E     open  200 Q2       won   200 Q2        won            -200
//	F     open  100 Q2       lost  100 Q2        lost           -100
//	G     open  250 Q2       (gone)              removed        -250
//	H     open  600 Q2       open  650 Q2        increased       +50
//	I     open  700 Q2       open  600 Q2        decreased      -100
//	J     open   90 Q2       open   90 Q2        unchanged         0
//	K     lost   80 Q1       open   80 Q2        reopened        +80
//	L     open  120 Q2       open  120 Q1        to earlier     -120
//	M     open   60 Q3       open   70 Q3        (not in Q2)
//	N                        open 1200 Q2        new           +1200
//	O                        open 5000 Q4        (not in Q2)
//
// Open in Q2 at t0: A+B+E+F+G+H+I+J+L = 3560; at t1: C+D+H+I+J+K+N = 3370;
// 3560 + 1200 + 450 + 300 + 80 + 50 - 100 - 1500 - 120 - 200 - 100 - 250 =
// 3370. The whole-pipeline waterfall counts A, B and D as pushed (their
// close moved to a later quarter) with their change in size only (0 + 300 +
// 0 = +300), though A and B take 1,500 out of Q2.
//
// With ChangesQuarter FY2026-Q3: open in Q3 at t0 C+M = 460, at t1 A+B+M =
// 1870: A and B from earlier +1800, C to earlier -400, M increased +10.
func TestQuarterWaterfall(t *testing.T) {
	usd := func(d int64) Money { return Cents(d * 100) }
	q1, q2, q3, q4 := Date(2026, 2, 1), Date(2026, 5, 20), Date(2026, 8, 1), Date(2026, 11, 1)
	o := func(id string, amount int64, close Day) Deal { return open(id, usd(amount), close) }
	prev := &Records{Deals: []Deal{o("A", 1000, q2), o("B", 500, q2), o("C", 400, q3), o("D", 300, q1), o("E", 200, q2),
		o("F", 100, q2), o("G", 250, q2), o("H", 600, q2), o("I", 700, q2), o("J", 90, q2), withStatus(o("K", 80, q1), Lost),
		o("L", 120, q2), o("M", 60, q3)}}
	cur := &Records{Deals: []Deal{o("A", 1000, q3), o("B", 800, q3), o("C", 450, q2), o("D", 300, q2), withStatus(o("E", 200, q2), Won),
		withStatus(o("F", 100, q2), Lost), o("H", 650, q2), o("I", 600, q2), o("J", 90, q2), o("K", 80, q2),
		o("L", 120, q1), o("M", 70, q3), o("N", 1200, q2), o("O", 5000, q4)}}
	type step struct {
		deals  int
		amount int64
	}
	check := func(quarter string, wantQuarter string, old, nw int64, want map[string]step) {
		t.Helper()
		rev, err := Compute(cur, prev, Options{AsOf: Date(2026, 5, 15), ChangesQuarter: quarter})
		if err != nil {
			t.Fatal(err)
		}
		qc := rev.Changes.Quarter
		if qc.Quarter.Name != wantQuarter || qc.OldOpenTotal != usd(old) || qc.NewOpenTotal != usd(nw) {
			t.Errorf("%s: %s open %v -> %v; want %s %d -> %d", quarter, qc.Quarter.Name, qc.OldOpenTotal.Float(), qc.NewOpenTotal.Float(),
				wantQuarter, old, nw)
		}
		for _, s := range qc.Steps {
			if w := want[s.Category]; s.Deals != w.deals || s.Amount != usd(w.amount) {
				t.Errorf("%s %s: %d deals %v; want %d %d", wantQuarter, s.Category, s.Deals, s.Amount.Float(), w.deals, w.amount)
			}
		}
	}
	check("", "FY2026-Q2", 3560, 3370, map[string]step{ChangeNew: {1, 1200}, ChangePulledIn: {1, 450}, ChangeFromEarlier: {1, 300},
		ChangeReopened: {1, 80}, ChangeIncreased: {1, 50}, ChangeDecreased: {1, -100}, ChangePushed: {2, -1500},
		ChangeToEarlier: {1, -120}, ChangeWon: {1, -200}, ChangeLost: {1, -100}, ChangeRemoved: {1, -250}, ChangeUnchanged: {1, 0}})
	check("FY2026-Q3", "FY2026-Q3", 460, 1870, map[string]step{ChangeFromEarlier: {2, 1800}, ChangeToEarlier: {1, -400},
		ChangeIncreased: {1, 10}})

	rev, err := Compute(cur, prev, Options{AsOf: Date(2026, 5, 15)})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rev.Changes.Steps {
		if s.Category == ChangePushed && (s.Deals != 3 || s.Amount != usd(300)) {
			t.Errorf("whole pipeline pushed: %d deals %v; want 3, +300 (their change in size)", s.Deals, s.Amount.Float())
		}
	}
	if _, err := Compute(cur, prev, Options{AsOf: Date(2026, 5, 15), ChangesQuarter: "next quarter"}); err == nil {
		t.Error("changes quarter \"next quarter\": want an error")
	}
}

// Property: the regions add up to the total, quarter by quarter and over
// all history, for random deals.
func TestRegionsAddUp(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	regions := internAll("North", "South", "East", "", Unassigned)
	for round := 0; round < 20; round++ {
		var recs Records
		for i := 0; i < 300; i++ {
			d := Deal{ID: strconv.Itoa(i), Region: regions[rng.Intn(len(regions))], Account: Intern("A" + strconv.Itoa(rng.Intn(30))),
				Market: Intern("M" + strconv.Itoa(rng.Intn(4))), Stage: Intern("S" + strconv.Itoa(rng.Intn(3))), Status: Status(rng.Intn(3)),
				Amount: Money(rng.Int63n(1e8)), HasAmount: true, Close: Date(2024, 1, 1) + Day(rng.Intn(900)),
				TermMonths: 1 + rng.Int31n(60)}
			if rng.Intn(5) > 0 {
				d.Created = d.Close - Day(rng.Intn(200))
			}
			recs.Deals = append(recs.Deals, d)
		}
		for i := 0; i < 200; i++ {
			recs.Activities = append(recs.Activities, Activity{Type: ActivityType(rng.Intn(4)), Date: Date(2024, 1, 1) + Day(rng.Intn(900)),
				DealID: strconv.Itoa(rng.Intn(400)), Account: Intern("A" + strconv.Itoa(rng.Intn(40)))})
		}
		rev, err := Compute(&recs, nil, Options{AsOf: Date(2026, 6, 30)})
		if err != nil {
			t.Fatal(err)
		}
		for k := range rev.Quarters {
			var f QuarterFigures
			for _, sc := range rev.ByRegion {
				q := sc.Trend[k]
				f.Bookings += q.Bookings
				f.WonDeals += q.WonDeals
				f.LostDeals += q.LostDeals
				f.Created += q.Created
				f.Recognised += q.Recognised
				f.Activities.Total += q.Activities.Total
			}
			tq := rev.Total.Trend[k]
			if f.Bookings != tq.Bookings || f.WonDeals != tq.WonDeals || f.LostDeals != tq.LostDeals || f.Created != tq.Created ||
				!closeTo(f.Recognised, tq.Recognised) || f.Activities.Total != tq.Activities.Total {
				t.Fatalf("%s: regions %+v, total %+v", tq.Period, f, tq)
			}
		}
		var all, open Money
		var acts int
		for _, sc := range rev.ByRegion {
			all += sc.All.Bookings
			open += sc.OpenPipeline
			acts += sc.Activities.Counts.Total
		}
		if all != rev.Total.All.Bookings || open != rev.Total.OpenPipeline || acts != len(recs.Activities) {
			t.Fatalf("all %d/%d open %d/%d activities %d/%d", all, rev.Total.All.Bookings, open, rev.Total.OpenPipeline, acts, len(recs.Activities))
		}
		for _, m := range rev.Revenue.ARRByMonth {
			var s float64
			for _, v := range m.ByRegion {
				s += v
			}
			if !closeTo(s, m.ARR) || !closeTo(m.ARR, 12*m.Recognised) {
				t.Fatalf("%s: ARR of regions %v, total %v, 12 x recognised %v", m.Month, s, m.ARR, 12*m.Recognised)
			}
		}
		sch := rev.Revenue.Schedule
		for k := range sch.Quarters {
			var s float64
			for _, r := range sch.Rows[:len(sch.Rows)-1] {
				s += r.Amounts[k]
			}
			if !closeTo(s, sch.Rows[len(sch.Rows)-1].Amounts[k]) {
				t.Fatalf("schedule %s does not add up", sch.Quarters[k])
			}
		}
	}
}

// Property: odd records (dates a century off, negative amounts and terms,
// unknown statuses and types, empty names) never make Compute fail or
// panic (package output checks that odd values encode as valid JSON).
func TestOddRecords(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	day := func() Day {
		switch rng.Intn(6) {
		case 0:
			return NoDay
		case 1:
			return Day(rng.Intn(3_000_000) - 100_000) // years -300 .. 8000
		}
		return Date(2020, 1, 1) + Day(rng.Intn(3000))
	}
	str := func() string { return []string{"", "A", "B", Unassigned, "</script>", "x\u2028y"}[rng.Intn(6)] }
	sym := func() Sym { return Intern(str()) }
	for round := 0; round < 15; round++ {
		var recs Records
		for i := 0; i < 40; i++ {
			recs.Deals = append(recs.Deals, Deal{ID: str(), Region: sym(), Account: sym(), Owner: sym(), Stage: sym(), Market: sym(),
				Status: Status(rng.Intn(4)), Amount: Money(rng.Int63n(2e9) - 1e9), HasAmount: rng.Intn(2) == 0,
				Probability: rng.Float64()*300 - 100, HasProbability: rng.Intn(2) == 0, Created: day(), Close: day(), ServiceStart: day(),
				TermMonths: rng.Int31n(400) - 100, Discount: rng.Float64() * 100, ForecastCategory: sym(), Src: Ref{Table: int32(rng.Intn(3) - 1), Row: int32(i)}})
			recs.Activities = append(recs.Activities, Activity{Type: ActivityType(rng.Intn(6)), Date: day(), Owner: sym(), Account: sym(), DealID: str(), Region: sym()})
		}
		recs.Roster = []RosterEntry{{Owner: Intern("A"), Region: sym(), Hired: day()}, {Owner: Intern("B"), Region: Intern("B"), Hired: day()}}
		recs.Targets = []Target{{Region: sym(), Period: "FY2021-Q1", Amount: Cents(5)}, {Owner: Intern("A"), Period: "nonsense", Amount: Cents(1)}}
		recs.Forecasts = []ForecastCall{{Region: sym(), Period: "FY2021-Q2", Submitted: day(), Commit: Cents(3)}}
		opts := Options{FiscalYearStart: rng.Intn(14) - 1, AmountMode: []string{"", "acv", "MRR", "bogus"}[rng.Intn(4)],
			StaleDays: rng.Intn(3), OutsizedFactor: float64(rng.Intn(3))}
		if rng.Intn(2) == 0 {
			opts.AsOf = Date(2022, 6, 30)
		}
		if _, err := Compute(&recs, &Records{Deals: recs.Deals[:10]}, opts); err != nil {
			continue // e.g. no valid date at all
		}
	}
}

// TestSnapshotRegionsAndDates: the changes list shows the region the review
// gives each deal (filled in from the roster), and the snapshots are dated
// by the review's as-of date and the old export's newest date.
func TestSnapshotRegionsAndDates(t *testing.T) {
	deal := func(id, region, owner string, created Day) Deal {
		return Deal{ID: id, Region: Intern(region), Owner: Intern(owner), Account: Intern("A"), Stage: Intern("Open"), Amount: Cents(1000), HasAmount: true,
			Created: created, Close: Date(2026, 9, 1)}
	}
	prev := &Records{Deals: []Deal{
		deal("X1", "", "Ann", Date(2026, 3, 1)),
		deal("X2", "", "Ann", Date(2026, 4, 2)),     // only in the old export; Ann's roster region
		deal("X3", "East", "Ann", Date(2026, 3, 5)), // only in the old export; its own region
		deal("X4", "", "Bob", Date(2026, 3, 1)),
	}}
	cur := &Records{
		Deals: []Deal{
			deal("X1", "", "Ann", Date(2026, 3, 1)),      // no region: the roster gives West
			deal("X4", "North", "Bob", Date(2026, 3, 1)), // the current export's own region
			deal("X5", "", "Bob", Date(2026, 5, 10)),     // new; Bob is not in the roster
		},
		Roster: []RosterEntry{{Owner: Intern("Ann"), Region: Intern("West")}},
	}
	cur.Deals[0].Amount, cur.Deals[1].Amount = 1500, 500 // increased, decreased: listed
	rev, err := Compute(cur, prev, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	ch := rev.Changes
	got := map[string]string{}
	for _, d := range ch.Deals {
		got[d.ID] = d.Region
	}
	want := map[string]string{"X1": "West", "X2": "West", "X3": "East", "X4": "North", "X5": Unassigned}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: region %q, want %q", id, got[id], w)
		}
	}
	// New: --as-of 2026-06-30 (the current export's newest date is 2026-05-10);
	// old: its own newest date, X2's created 2026-04-02.
	if ch.NewAsOf != Date(2026, 6, 30) || ch.OldAsOf != Date(2026, 4, 2) {
		t.Errorf("as of %s -> %s, want 2026-04-02 -> 2026-06-30", ch.OldAsOf, ch.NewAsOf)
	}
}

// closeTo reports whether two unrounded major-unit amounts (recognised
// revenue, ARR) agree within 1e-6 of a unit: the same contracts summed in
// another order.
func closeTo(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }
