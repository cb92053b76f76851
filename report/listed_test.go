package report

import (
	"strings"
	"testing"
)

// TestListsCapped: the lists of metrics.json (the *Listed fields) hold at
// most Options.MaxListed deals per list (per category or rule), with the
// counts and totals of them all; the Review's own lists keep every row.
// Package output checks that metrics.json and the CSV tables use them so.
func TestListsCapped(t *testing.T) {
	usd := func(d int64) Money { return Cents(d * 100) }
	deal := func(id string, amount int64, close Day, status Status) Deal {
		return Deal{ID: id, Region: Intern("R"), Account: Intern("A"), Stage: Intern("Open"), Status: status, Amount: usd(amount), HasAmount: true,
			Created: Date(2026, 4, 1), Close: close}
	}
	// As of 2026-06-30, P1..P5 are open and past due by 29, 28, 27, 26, 25 days.
	cur := &Records{Deals: []Deal{
		deal("P1", 100, Date(2026, 6, 1), Open), deal("P2", 200, Date(2026, 6, 2), Open), deal("P3", 300, Date(2026, 6, 3), Open),
		deal("P4", 400, Date(2026, 6, 4), Open), deal("P5", 500, Date(2026, 6, 5), Open),
		deal("W1", 1000, Date(2026, 5, 1), Won),
	}}
	prev := &Records{Deals: []Deal{
		deal("P1", 50, Date(2026, 6, 1), Open), deal("P2", 100, Date(2026, 6, 2), Open), deal("P3", 250, Date(2026, 6, 3), Open),
		deal("P4", 400, Date(2026, 6, 4), Open), deal("P5", 500, Date(2026, 6, 5), Open),
		deal("W1", 1000, Date(2026, 5, 1), Open), deal("R1", 70, Date(2026, 6, 20), Open),
	}}
	rev, err := Compute(cur, prev, Options{AsOf: Date(2026, 6, 30), MaxListed: 2})
	if err != nil {
		t.Fatal(err)
	}
	p := rev.Pipeline
	// Past due: all five in the Review, the two most late listed; 100+200+300+400+500 = 1500.
	if len(p.PastDue) != 5 || p.PastDueDeals != 5 || len(p.PastDueListed) != 2 ||
		p.PastDueListed[0].Deal.ID != "P1" || p.PastDueListed[1].Deal.ID != "P2" {
		t.Errorf("past due %d, listed %+v, count %d", len(p.PastDue), p.PastDueListed, p.PastDueDeals)
	}
	moneyIs(t, "past-due amount", p.PastDueAmount, usd(1500))
	// Risk flags: past_due flags all five; listed the two largest, P5 and P4.
	if len(p.RisksListed) != 2 || p.RisksListed[0].Deal.ID != "P5" || p.RisksListed[1].Deal.ID != "P4" || len(p.Risks) != 5 {
		t.Errorf("risks listed %+v of %d", p.RisksListed, len(p.Risks))
	}
	// Changes: increased P2 +100, P1 +50, P3 +50 (|delta| then id): P2, P1
	// listed; won W1 -1000; removed R1 -70; P4, P5 unchanged: counted, not
	// listed. 2370 + 200 - 1000 - 70 = 1500.
	ch := rev.Changes
	var ids []string
	for _, d := range ch.DealsListed {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, " ") != "P2 P1 W1 R1" || ch.DealsChanged != 5 || len(ch.Deals) != 5 {
		t.Errorf("changes listed %v, changed %d, deals %d", ids, ch.DealsChanged, len(ch.Deals))
	}
	for _, s := range ch.Steps {
		if s.Category == ChangeUnchanged && s.Deals != 2 || s.Category == ChangeIncreased && (s.Deals != 3 || s.Amount != usd(200)) {
			t.Errorf("step %+v", s)
		}
	}
	moneyIs(t, "old open total", ch.OldOpenTotal, usd(2370))
	moneyIs(t, "new open total", ch.NewOpenTotal, usd(1500))
	// Problems: one per past-due deal (5), two listed.
	q := rev.Quality
	if q.ProblemsTotal != 5 || len(q.ProblemsListed) != 2 || len(q.Problems) != 5 {
		t.Errorf("problems total %d, listed %d", q.ProblemsTotal, len(q.ProblemsListed))
	}
	// One client (A, with W1): listed whole.
	if rev.Revenue.ClientsTotal != 1 || len(rev.Revenue.ClientsListed) != 1 {
		t.Errorf("clients %d listed of %d", len(rev.Revenue.ClientsListed), rev.Revenue.ClientsTotal)
	}
}
