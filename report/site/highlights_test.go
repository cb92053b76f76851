package site

import (
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
)

// highlightReview is a review with only what the highlights read: the
// total's and each region's KPIs of FY2026-Q2 against FY2026-Q1 and
// FY2025-Q2, their movers, and the past-due deals.
func highlightReview(scopes ...report.Scope) *report.Review {
	rev := &report.Review{Currency: "USD",
		Period: report.Quarter{Name: "FY2026-Q2"}, PrevPeriod: report.Quarter{Name: "FY2026-Q1"},
		YearAgoPeriod: report.Quarter{Name: "FY2025-Q2"}, ByRegion: scopes}
	for _, s := range scopes {
		rev.Regions = append(rev.Regions, s.Region)
	}
	return rev
}

// moverScope is a region whose bookings went from prev to cur (whole
// dollars), with the given movers and attainment (undefined when att < 0).
func moverScope(region string, prev, cur int64, att float64, m report.Movers) report.Scope {
	s := report.Scope{Region: region, Movers: m}
	k := &s.KPIs.Current
	k.Bookings = usd(cur)
	k.GrowthQoQ = report.Div(float64(cur), float64(prev))
	k.GrowthQoQ.Value--
	if att >= 0 {
		k.Attainment = report.Defined(att)
	}
	s.Movers.Change = usd(cur - prev)
	return s
}

func mover(name string, prev, cur int64) *report.Mover {
	return &report.Mover{Name: name, Previous: usd(prev), Current: usd(cur), Change: usd(cur - prev)}
}

// TestHighlights checks each kind of highlight on a case where the naive
// sentence would be false. Worked by hand:
//
//   - Total: 1,000 booked, nothing in FY2026-Q1 (growth undefined: not
//     "up +Inf%"), 999.6 a year before (+0.04%: "flat", not "up 0.0%").
//   - LATAM 1,000 -> 347: fell 65.3% (-653). Its top client North rose
//     (+100); the client that fell most is Sur (-700, more than half of 653):
//     the sentence names Sur, never North. The rep that fell most, Ben
//     (-300), is less than half of it: not named.
//   - EMEA 100 -> 400: rose 300.0% (+300), led by Acme (+250) and Ann (+160,
//     more than half of 300); the client that fell (Old, -10) is not named.
//   - APJ 1,000 -> 900: fell 10.0% (-100); the largest declines, Kappa (-40)
//     and Lee (-49.99), are each less than half of it: nobody is named.
//   - NA 2,500 -> 2,501: +0.04%, flat: nobody is named.
//   - Attainment: EMEA and LATAM tie at 120.0%; APJ has no target (its
//     undefined attainment is not 0 and not the highest).
//   - Past due: one deal of 5,000: singular.
func TestHighlights(t *testing.T) {
	total := report.Scope{}
	total.KPIs.Current = report.KPI{Bookings: usd(1000), GrowthQoQ: report.Div(1000, 0), GrowthYoY: report.Defined(0.0004)}
	rev := highlightReview(
		moverScope("LATAM", 1000, 347, 1.2, report.Movers{ClientUp: mover("North", 200, 300), ClientDown: mover("Sur", 700, 0),
			RepUp: mover("Ana", 200, 300), RepDown: mover("Ben", 500, 200)}),
		moverScope("EMEA", 100, 400, 1.2, report.Movers{ClientUp: mover("Acme", 0, 250), ClientDown: mover("Old", 10, 0),
			RepUp: mover("Ann", 40, 200)}),
		moverScope("APJ", 1000, 900, -1, report.Movers{ClientDown: mover("Kappa", 40, 0),
			RepDown: &report.Mover{Name: "Lee", Previous: usd(50), Current: report.Cents(1), Change: report.Cents(-4999)}}),
		moverScope("NA", 2500, 2501, 0.5, report.Movers{ClientUp: mover("Big", 0, 1)}),
	)
	rev.Total = total
	rev.Pipeline.PastDue = []report.PastDue{{Deal: report.DealRef{Amount: usd(5000)}, DaysLate: 3}}
	want := []string{
		"Bookings were 1,000 USD in FY2026-Q2: no comparison with FY2026-Q1 and flat on FY2025-Q2.",
		"EMEA bookings rose 300.0% on FY2026-Q1 (+300 USD), led by client Acme (+250 USD) and rep Ann (+160 USD).",
		"LATAM bookings fell 65.3% on FY2026-Q1 (-653 USD), led by client Sur (-700 USD).",
		"APJ bookings fell 10.0% on FY2026-Q1 (-100 USD); no single client or rep accounts for half of the change.",
		"NA bookings were flat on FY2026-Q1.",
		"Highest attainment in FY2026-Q2: LATAM and EMEA at 120.0% of target.",
		"1 open deal worth 5,000 USD is past the close date.",
	}
	got := newBuilder(rev, Options{}).highlights()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("highlights:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestHighlightsLeftOut: without targets and without past-due deals there is
// no attainment or past-due sentence (not "Highest attainment: n/a", not "0
// open deals"), and a region that booked nothing before has no growth and
// no mover sentence ("rose +Inf%").
func TestHighlightsLeftOut(t *testing.T) {
	rev := highlightReview(moverScope("East", 0, 500, -1, report.Movers{ClientUp: mover("Acme", 0, 500)}))
	rev.Total.KPIs.Current = report.KPI{Bookings: usd(500), GrowthQoQ: report.Div(500, 0), GrowthYoY: report.Div(500, 0)}
	got := newBuilder(rev, Options{}).highlights()
	want := "Bookings were 500 USD in FY2026-Q2: no comparison with FY2026-Q1 and no comparison with FY2025-Q2."
	if len(got) != 1 || got[0] != want {
		t.Errorf("highlights %q; want only %q", got, want)
	}
}
