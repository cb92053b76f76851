package report

import (
	"math"
	"testing"
	"time"
)

// capacityFixture: region R on calendar years, reviewed on 2025-12-31 (the
// next fiscal year is FY2026, January to December 2026). The data begins
// in January 2024 (a lost deal on 2024-01-03). Vet was hired in 2020
// (left-censored) and books 1,200 every month. E1..E5 were hired on
// 2025-01-01 and Late on 2025-10-01; each books, in its months 0, 1, 2, ...
// since hire: 0, 0, 100, 200, 200, 300, 300, 300, ... Targets: 25,000 a
// quarter of FY2026.
func capacityFixture() *Records {
	r, a := Intern("R"), Intern("Acme")
	recs := &Records{
		Deals: []Deal{{Region: r, Account: a, Owner: Intern("Vet"), Status: Lost, Amount: dollars(5), HasAmount: true, Close: Date(2024, 1, 3)}},
		Roster: []RosterEntry{
			{Owner: Intern("Vet"), Region: r, Hired: Date(2020, 1, 1)},
			{Owner: Intern("Late"), Region: r, Hired: Date(2025, 10, 1)},
			{Owner: Intern("Future"), Region: r, Hired: Date(2026, 3, 1)}, // not yet a current rep
		},
	}
	book := func(owner string, y int, m int, amount int) {
		if amount > 0 {
			recs.Deals = append(recs.Deals, Deal{Region: r, Account: a, Owner: Intern(owner), Status: Won, Amount: dollars(amount), HasAmount: true,
				Close: Date(y, time.Month(m), 15)})
		}
	}
	ramp := []int{0, 0, 100, 200, 200, 300, 300, 300, 300, 300, 300, 300}
	for m := 1; m <= 24; m++ {
		book("Vet", 2024+(m-1)/12, (m-1)%12+1, 1200)
	}
	for _, e := range []string{"E1", "E2", "E3", "E4", "E5"} {
		recs.Roster = append(recs.Roster, RosterEntry{Owner: Intern(e), Region: r, Hired: Date(2025, 1, 1)})
		for k, amount := range ramp {
			book(e, 2025, k+1, amount)
		}
	}
	for k, amount := range ramp[:3] {
		book("Late", 2025, 10+k, amount)
	}
	for q := 1; q <= 4; q++ {
		recs.Targets = append(recs.Targets, Target{Region: r, Period: "FY2026-Q" + string(rune('0'+q)), Amount: dollars(25000)})
	}
	return recs
}

// TestCapacityPlan works the plan out by hand. The curve: months 0..11
// from E1..E5 (and Late for months 0..2, the same amounts): 0, 0, 100,
// 200, 200, 300 x 7; no one has completed month 12, so it stops there.
// The ramped rate: over 2025, only Vet is past month 11: 1,200 a month.
// FY2026 without attrition: Vet 12 x 1,200 = 14,400; each E (months 12
// to 23) 14,400; Late (months 3 to 14) 200 + 200 + 7 x 300 + 3 x 1,200 =
// 6,100. Total 92,500 against 100,000: a gap of 7,500. One hire starting
// in January 2026 books months 0..11: 2,600, so 3 hires (2.88 rounded
// up); starting in February, 2,300: 4 hires; in October, 100: 75 hires;
// in November or December, nothing.
func TestCapacityPlan(t *testing.T) {
	o := computeOutlook(t, capacityFixture(), Options{AsOf: Date(2025, 12, 31)})
	p := o.Capacity
	if !p.OK || p.FiscalYear != "FY2026" || p.Start != Date(2026, 1, 1) || p.End != Date(2026, 12, 31) {
		t.Fatalf("plan %v %q %s %s..%s", p.OK, p.Reason, p.FiscalYear, p.Start, p.End)
	}
	if p.DataBegins != Date(2024, 1, 1) || p.LeftCensored != 1 {
		t.Errorf("data begins %s, %d left-censored; want 2024-01-01, 1", p.DataBegins, p.LeftCensored)
	}
	wantCurve := []float64{0, 0, 100, 200, 200, 300, 300, 300, 300, 300, 300, 300}
	if len(p.Curve) != len(wantCurve) {
		t.Fatalf("curve %v", p.Curve)
	}
	for k, w := range wantCurve {
		ratioIs(t, "curve", p.Curve[k], w)
		if want := map[bool]int{true: 6, false: 5}[k < 3]; p.CurveReps[k] != want {
			t.Errorf("month %d: %d reps, want %d", k, p.CurveReps[k], want)
		}
	}
	ratioIs(t, "ramped", p.RampedMonthly, 1200)
	if p.RampedRepMonths != 12 {
		t.Errorf("%d ramped rep-months, want 12", p.RampedRepMonths)
	}
	reps := map[string]CapacityRep{}
	for _, r := range p.Reps {
		reps[r.Owner] = r
	}
	if len(reps) != 7 {
		t.Errorf("%d current reps, want 7 (Future is hired after the as-of date)", len(reps))
	}
	for _, c := range []struct {
		owner    string
		month    int
		expected float64
	}{{"Vet", 72, 14400}, {"E1", 12, 14400}, {"Late", 3, 6100}} {
		r := reps[c.owner]
		if r.MonthAtStart != c.month || math.Abs(r.Expected-c.expected) > 1e-9 {
			t.Errorf("%s: month %d, expected %v; want %d, %v", c.owner, r.MonthAtStart, r.Expected, c.month, c.expected)
		}
	}
	for _, sc := range p.Scopes {
		if sc.Reps != 7 || sc.PlanQuarters != 4 || sc.Target != dollars(100000) || math.Abs(sc.Expected-92500) > 1e-9 {
			t.Errorf("%q: %d reps, %d quarters, target %s, expected %v", sc.Region, sc.Reps, sc.PlanQuarters, moneyText(sc.Target), sc.Expected)
		}
		// Q1: Vet and E1..E5 3 x 1,200 each, Late 200 + 200 + 300.
		if q := sc.Quarters[0]; math.Abs(q.Expected-22300) > 1e-9 {
			t.Errorf("Q1 expected %v, want 22300", q.Expected)
		}
		ratioIs(t, "gap", sc.Gap, 7500)
		hires := map[string]HireOption{}
		for _, h := range sc.Hires {
			hires[h.Start] = h
		}
		if len(sc.Hires) != 12 || sc.Hires[0].Start != "2026-01" {
			t.Fatalf("hire options %+v", sc.Hires)
		}
		for _, c := range []struct {
			start   string
			perHire float64
			hires   float64 // -1: undefined
		}{{"2026-01", 2600, 3}, {"2026-02", 2300, 4}, {"2026-10", 100, 75}, {"2026-11", 0, -1}, {"2026-12", 0, -1}} {
			h := hires[c.start]
			if math.Abs(h.PerHire-c.perHire) > 1e-9 {
				t.Errorf("%s: %v per hire, want %v", c.start, h.PerHire, c.perHire)
			}
			if c.hires < 0 {
				undefined(t, c.start+" hires", h.Hires)
			} else {
				ratioIs(t, c.start+" hires", h.Hires, c.hires)
			}
		}
	}
}

// TestCapacityAttrition: with 20% attrition a year, a rep still books the
// rate of their month times the share of the team left, 0.8^(j/12) j
// months after the as-of month: Vet books 1,200 x the sum of 0.8^(j/12)
// for j = 1..12, a geometric series r(1 - r^12) / (1 - r) with
// r = 0.8^(1/12). A hire starting in January 2026 books months 0..11 with
// 0.8^(k/12) in month k.
func TestCapacityAttrition(t *testing.T) {
	o := computeOutlook(t, capacityFixture(), Options{AsOf: Date(2025, 12, 31), AttritionRate: 0.2})
	p := o.Capacity
	r := math.Pow(0.8, 1.0/12)
	series := r * (1 - math.Pow(r, 12)) / (1 - r)
	for _, rep := range p.Reps {
		if rep.Owner == "Vet" && math.Abs(rep.Expected-1200*series) > 1e-6 {
			t.Errorf("Vet expected %v, want %v", rep.Expected, 1200*series)
		}
	}
	var perHire float64
	for k, v := range []float64{0, 0, 100, 200, 200, 300, 300, 300, 300, 300, 300, 300} {
		perHire += v * math.Pow(0.8, float64(k)/12)
	}
	if h := p.Scopes[0].Hires[0]; h.Start != "2026-01" || math.Abs(h.PerHire-perHire) > 1e-6 {
		t.Errorf("January hire %+v, want %v", h, perHire)
	}
}

// TestCapacityWithoutRoster: no team table, no plan, and the reason.
func TestCapacityWithoutRoster(t *testing.T) {
	recs := capacityFixture()
	recs.Roster = nil
	p := computeOutlook(t, recs, Options{AsOf: Date(2025, 12, 31)}).Capacity
	if p.OK || p.Reason != "no current rep in the roster: the capacity plan needs the team table" {
		t.Errorf("plan %v %q", p.OK, p.Reason)
	}
}
