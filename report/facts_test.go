package report

import (
	"strings"
	"testing"
)

// factRecords are deals of deals.xlsx, sheet Opportunities, created in
// column G and closed in column H; deal i sits on row i+2.
func factRecords(deals ...Deal) *Records {
	for i := range deals {
		deals[i].Src = Ref{Table: 0, Row: int32(i + 2)}
		deals[i].Region, deals[i].Account, deals[i].HasAmount = Intern("R"), Intern("A"), true
		if deals[i].Owner == 0 {
			deals[i].Owner = Intern("Ann")
		}
	}
	return &Records{Deals: deals, Tables: []Table{{File: "deals.xlsx", Sheet: "Opportunities", Kind: DealTable,
		Columns: []ColumnMapping{{Field: "created", Column: 7}, {Field: "close", Column: 8}}}}}
}

// problemLines are the review's problems as "position: message".
func problemLines(rev *Review) string {
	var lines []string
	for _, p := range rev.Quality.Problems {
		lines = append(lines, p.Pos.String()+": "+p.Msg)
	}
	return strings.Join(lines, "\n")
}

// TestCreatedAfterClose: a deal created after it closed cannot be right: a
// warning at its created cell, and out of the sales cycle (the median and
// mean of every scope and rep). As of 2026-06-30, calendar quarters:
//
//	W1 won  created 2026-04-01 closed 2026-05-01: 30 days
//	W2 won  created 2026-04-11 closed 2026-05-21: 40 days
//	W3 won  created 2026-06-20 closed 2026-05-01: -50 days, left out
//	L1 lost created 2026-06-20 closed 2026-06-01: a warning (no cycle anyway)
//
// FY2026-Q2 cycle over 2 deals: median (30+40)/2 = 35, mean 35; Ann's too.
// Bookings still count W3 (its amount and close are not in doubt).
func TestCreatedAfterClose(t *testing.T) {
	usd := func(d int64) Money { return Cents(d * 100) }
	recs := factRecords(
		Deal{ID: "W1", Status: Won, Amount: usd(100), Created: Date(2026, 4, 1), Close: Date(2026, 5, 1)},
		Deal{ID: "W2", Status: Won, Amount: usd(100), Created: Date(2026, 4, 11), Close: Date(2026, 5, 21)},
		Deal{ID: "W3", Status: Won, Amount: usd(100), Created: Date(2026, 6, 20), Close: Date(2026, 5, 1)},
		Deal{ID: "L1", Status: Lost, Amount: usd(100), Created: Date(2026, 6, 20), Close: Date(2026, 6, 1)},
	)
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	q := rev.Total.KPIs.Current
	tr := rev.Total.Trend[len(rev.Total.Trend)-1]
	if tr.Period != "FY2026-Q2" || q.Bookings != usd(300) || tr.CycleDeals != 2 || tr.CycleMedian != Defined(35) || tr.CycleMean != Defined(35) {
		t.Errorf("%s: bookings %v, cycle over %d deals: median %v mean %v; want FY2026-Q2, 300, 2 deals, 35, 35",
			tr.Period, q.Bookings.Float(), tr.CycleDeals, tr.CycleMedian, tr.CycleMean)
	}
	if all := rev.Total.All; all.CycleDeals != 2 || all.CycleMedian != Defined(35) {
		t.Errorf("all history: cycle over %d deals, median %v; want 2, 35", all.CycleDeals, all.CycleMedian)
	}
	if r := rev.Reps.Rows; len(r) != 1 || r[0].Period.CycleMedian != Defined(35) || r[0].All.CycleMean != Defined(35) {
		t.Errorf("reps %+v; want Ann's cycle median and mean 35", r)
	}
	want := "deals.xlsx: Opportunities!G4: won deal \"W3\" was created on 2026-06-20, after it closed on 2026-05-01: left out of the sales cycle\n" +
		"deals.xlsx: Opportunities!G5: lost deal \"L1\" was created on 2026-06-20, after it closed on 2026-06-01: left out of the sales cycle"
	if got := problemLines(rev); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if rev.Quality.Counts.CreatedAfterClose != 2 {
		t.Errorf("created_after_close %d, want 2", rev.Quality.Counts.CreatedAfterClose)
	}
}

// TestAsOfFromFacts: the default as-of date is the newest date the deals
// confirm. A developer org's demo data: every deal created on 2024-03-01
// (the org's first day), won in 2023 and 2024, one lost deal "closing" in
// 2026. Calendar quarters:
//
//	W1 won  close 2023-11-10 (created after it: a warning)
//	W2 won  close 2024-02-20 (created after it: a warning)  FY2024-Q1 bookings 200
//	W3 won  close 2024-04-15:  45 days after 2024-03-01
//	L1 lost close 2024-05-30:  45 days after W3
//	L2 lost close 2026-02-01: 612 days after L1, more than a quarter: a planned date
//	O1 open close 2026-03-01 (an open deal's close never sets the as-of date)
//
// As of 2024-05-30 (not 2026-02-01, whose review FY2025-Q4 would show 0
// everywhere): the review quarter is FY2024-Q1, bookings 200.
func TestAsOfFromFacts(t *testing.T) {
	usd := func(d int64) Money { return Cents(d * 100) }
	org := Date(2024, 3, 1)
	deal := func(id string, s Status, amount int64, close Day) Deal {
		return Deal{ID: id, Status: s, Amount: usd(amount), Created: org, Close: close}
	}
	recs := factRecords(deal("W1", Won, 100, Date(2023, 11, 10)), deal("W2", Won, 200, Date(2024, 2, 20)),
		deal("W3", Won, 300, Date(2024, 4, 15)), deal("L1", Lost, 50, Date(2024, 5, 30)), deal("L2", Lost, 70, Date(2026, 2, 1)),
		deal("O1", Open, 90, Date(2026, 3, 1)))
	rev, err := Compute(recs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rev.AsOf != Date(2024, 5, 30) || rev.Period.Name != "FY2024-Q1" || rev.Total.KPIs.Current.Bookings != usd(200) {
		t.Errorf("as of %s, period %s, bookings %v; want 2024-05-30, FY2024-Q1, 200", rev.AsOf, rev.Period.Name,
			rev.Total.KPIs.Current.Bookings.Float())
	}
	late := "deals.xlsx: Opportunities!H6: lost deal \"L2\" closes on 2026-02-01, more than a quarter after every created date " +
		"and every earlier close (the newest 2024-05-30): a planned date, not a fact, so it does not set the as-of date"
	if got := problemLines(rev); !strings.Contains(got, late) || !strings.Contains(got, `Opportunities!G2: won deal "W1" was created on 2024-03-01`) {
		t.Errorf("problems:\n%s\nwant among them:\n%s", got, late)
	}
	if c := rev.Quality.Counts; c.ClosedAfterFacts != 1 || c.CreatedAfterClose != 2 {
		t.Errorf("counts %+v; want 1 close after the facts, 2 deals created after their close", c)
	}

	// Closes that follow each other within a quarter are facts, however far
	// from the last created date: 2024-01-01, then 03-15 (74 days), 06-01
	// (78), 08-20 (80): as of 2024-08-20.
	created := Date(2024, 1, 1)
	chain := factRecords(Deal{ID: "a", Status: Won, Amount: usd(1), Created: created, Close: Date(2024, 3, 15)},
		Deal{ID: "b", Status: Won, Amount: usd(1), Created: created, Close: Date(2024, 6, 1)},
		Deal{ID: "c", Status: Lost, Amount: usd(1), Created: created, Close: Date(2024, 8, 20)})
	if rev, err := Compute(chain, nil, Options{}); err != nil || rev.AsOf != Date(2024, 8, 20) || rev.Quality.Counts.ClosedAfterFacts != 0 {
		t.Errorf("chain: as of %v (%v), %d late closes; want 2024-08-20, none", rev.AsOf, err, rev.Quality.Counts.ClosedAfterFacts)
	}
	// Without created dates nothing confirms or refutes a close: the newest
	// close of a won or lost deal.
	bare := factRecords(Deal{ID: "a", Status: Won, Amount: usd(1), Close: Date(2024, 3, 15)},
		Deal{ID: "b", Status: Lost, Amount: usd(1), Close: Date(2026, 2, 1)})
	if rev, err := Compute(bare, nil, Options{}); err != nil || rev.AsOf != Date(2026, 2, 1) {
		t.Errorf("no created dates: as of %v (%v); want 2026-02-01", rev.AsOf, err)
	}
}
