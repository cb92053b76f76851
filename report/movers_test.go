package report

import (
	"fmt"
	"testing"
)

// TestMovers: the clients and reps whose bookings rose and fell most
// against the previous quarter. Calendar quarters, as of 2026-06-30: the
// review quarter is FY2026-Q2, the previous one FY2026-Q1.
//
//	LATAM  FY2026-Q1: North 100 (Ana), Sur 300 (Ben), Andes 50 (Ben)      = 450
//	       FY2026-Q2: North 150 (Ana), Andes 60 (Carl), Zeta 20 (no rep)  = 230
//	       (a lost deal of Sur 999 in Q2 and a won one of 500 in 2025 count nowhere)
//	change -220; clients: North +50, Sur -300, Andes +10, Zeta +20;
//	reps: Ana +50, Ben -350, Carl +60.
//	EMEA   FY2026-Q2: A2 100, B2 100 (no rep) = 200; change +200; a tie
//	       between A2 and B2 goes to A2; nobody fell.
//	Total  change -220 + 200 = -20; clients up: North, A2, B2 +50, +100, +100 -> A2.
//
// The region's top client (North, the most bookings in the quarter) rose
// while the region fell: the decline is Sur's.
func TestMovers(t *testing.T) {
	usd := func(d int64) Money { return Cents(d * 100) }
	won := func(region, account, owner string, amount int64, close Day) Deal {
		return Deal{ID: fmt.Sprint(region, account, owner, amount, close), Region: Intern(region), Account: Intern(account),
			Owner: Intern(owner), Status: Won, Amount: usd(amount), HasAmount: true, Close: close}
	}
	q1, q2 := Date(2026, 2, 10), Date(2026, 5, 10)
	recs := &Records{Deals: []Deal{
		won("LATAM", "North", "Ana", 100, q1), won("LATAM", "Sur", "Ben", 300, q1), won("LATAM", "Andes", "Ben", 50, q1),
		won("LATAM", "North", "Ana", 150, q2), won("LATAM", "Andes", "Carl", 60, q2), won("LATAM", "Zeta", "", 20, q2),
		won("LATAM", "Sur", "Ben", 500, Date(2025, 5, 1)),
		{ID: "lost", Region: Intern("LATAM"), Account: Intern("Sur"), Owner: Intern("Ben"), Status: Lost, Amount: usd(999), HasAmount: true, Close: q2},
		won("EMEA", "B2", "", 100, q2), won("EMEA", "A2", "", 100, q2),
	}}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	text := func(m *Mover) string {
		if m == nil {
			return "none"
		}
		return fmt.Sprintf("%s %v->%v %+g", m.Name, m.Previous.Float(), m.Current.Float(), m.Change.Float())
	}
	for _, tt := range []struct {
		scope                  *Scope
		change                 Money
		cUp, cDown, rUp, rDown string
	}{
		{rev.Scope("LATAM"), usd(-220), "North 100->150 +50", "Sur 300->0 -300", "Carl 0->60 +60", "Ben 350->0 -350"},
		{rev.Scope("EMEA"), usd(200), "A2 0->100 +100", "none", "none", "none"},
		{&rev.Total, usd(-20), "A2 0->100 +100", "Sur 300->0 -300", "Carl 0->60 +60", "Ben 350->0 -350"},
	} {
		m := tt.scope.Movers
		got := []string{text(m.ClientUp), text(m.ClientDown), text(m.RepUp), text(m.RepDown)}
		want := []string{tt.cUp, tt.cDown, tt.rUp, tt.rDown}
		if m.Change != tt.change || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: change %v, movers %q; want %v, %q", tt.scope.Region, m.Change.Float(), got, tt.change.Float(), want)
		}
	}
}
