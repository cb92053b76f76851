package site

import (
	"testing"

	"github.com/salesreview/salesreview/report"
)

// pacing4 is a pacing at day 40 of 91 with 15% of target booked and four
// earlier quarters: targets make shares of 23%, 10% and 2.5%; the fourth
// (2024-Q3) had none and booked 0 by day 40.
func pacing4() report.Pacing {
	return report.Pacing{Day: 40, Share: r(0.15), EarlierLow: r(0.025), EarlierHigh: r(0.23), EarlierWithTarget: 3,
		Quarters: []report.PacingQuarter{{Quarter: "FY2025-Q2", AtDay: usd(150), HasTarget: true}, {Quarter: "FY2025-Q1", AtDay: usd(230)},
			{Quarter: "FY2024-Q4", AtDay: usd(60)}, {Quarter: "FY2024-Q3"}, {Quarter: "FY2024-Q2", AtDay: usd(10)}}}
}

// TestPacingSentence: the sentence compares the shares of only the earlier
// quarters that had a target, and says so: "the last four quarters had
// booked 2.5-23.0%" would be false of 2024-Q3, which had no target.
func TestPacingSentence(t *testing.T) {
	b := &builder{f: formatter{currency: "USD"}}
	for _, c := range []struct {
		name string
		p    func() report.Pacing
		want string
	}{
		{"three of four with a target", pacing4,
			"At day 40 of 91 you have booked 15.0% of target; of the last four quarters, the 3 with a target had booked 2.5%-23.0% by day 40."},
		{"all four with a target", func() report.Pacing { p := pacing4(); p.EarlierWithTarget = 4; return p },
			"At day 40 of 91 you have booked 15.0% of target; the last four quarters had booked 2.5%-23.0% by day 40."},
		{"one with a target", func() report.Pacing {
			p := pacing4()
			p.EarlierWithTarget, p.EarlierHigh = 1, p.EarlierLow
			return p
		}, "At day 40 of 91 you have booked 15.0% of target; of the last four quarters, the one with a target had booked 2.5% by day 40."},
		{"no current target: money", func() report.Pacing { p := pacing4(); p.Share = report.Ratio{}; return p },
			"At day 40 of 91 you have booked 150 USD; the last four quarters had booked between 0 USD and 230 USD by day 40."},
		{"two earlier quarters in the data", func() report.Pacing {
			p := pacing4()
			p.Quarters, p.EarlierWithTarget = p.Quarters[:3], 2
			return p
		}, "At day 40 of 91 you have booked 15.0% of target; the 2 quarters before it in the data had booked 2.5%-23.0% by day 40."},
		{"one earlier quarter", func() report.Pacing {
			p := pacing4()
			p.Quarters, p.EarlierWithTarget, p.EarlierLow = p.Quarters[:2], 1, p.EarlierHigh
			return p
		}, "At day 40 of 91 you have booked 15.0% of target; the quarter before it had booked 23.0% by day 40."},
		{"no earlier quarter", func() report.Pacing { p := pacing4(); p.Quarters = p.Quarters[:1]; return p },
			"At day 40 of 91 you have booked 15.0% of target; no earlier quarter of the data to compare with."},
	} {
		if got := b.pacingSentence(c.p(), 91); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestChanceWords: a probability is never rounded to a certainty the draws
// did not show: 0.99975 reads "over 99.9%", not "100.0%".
func TestChanceWords(t *testing.T) {
	for v, want := range map[float64]string{1: "every simulated quarter reached it", 0.99975: "over 99.9% likely to reach it",
		0.9994: "99.9% likely to reach it", 0.3: "30.0% likely to reach it", 0.0004: "under 0.1% likely to reach it",
		0: "no simulated quarter reached it"} {
		if got := chanceWords(r(v)); got != want {
			t.Errorf("%v: %q, want %q", v, got, want)
		}
	}
	if got := chanceWords(undef); got != "its chance is n/a" {
		t.Errorf("undefined: %q", got)
	}
}

// TestLandingSentence: all regions "are"; a met target is said as met, not
// as a chance; no projection says why.
func TestLandingSentence(t *testing.T) {
	b := &builder{f: formatter{currency: "USD"}}
	q := report.OutlookQuarter{Quarter: "FY2026-Q4", Target: usd(100), HasTarget: true, Booked: usd(120), TargetMet: true,
		Projection: report.Projection{OK: true, P10: usd(120), P50: usd(130), P90: usd(150), ProbabilityOfTarget: r(1)}}
	if got, want := b.landingSentence("", q), "All regions are projected to book 130 USD in FY2026-Q4 (8 in 10 between 120 USD and 150 USD); "+
		"it has already booked 120 USD, reaching its target of 100 USD."; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	q.Projection = report.Projection{Reason: "too few deals: 3 open on day 40 of the 4 earlier quarters, 30 needed"}
	if got, want := b.landingSentence("West", q), "West, FY2026-Q4: no projection, too few deals: 3 open on day 40 of the 4 earlier "+
		"quarters, 30 needed; 120 USD booked so far."; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestCapacitySentences: the team beats the total target while a region
// falls short: "no hire needed" would be false for that region, so the
// sentences name it and its hires.
func TestCapacitySentences(t *testing.T) {
	rev := fixtureReview(false)
	b := &builder{f: formatter{currency: "USD"}, rev: rev}
	got := b.capacitySentences(&rev.Outlook.Capacity)
	want := []string{
		"The 3 current reps are expected to book 72,000 USD in FY2027.",
		"Over FY2027 they are expected to book 72,000 USD against a target of 60,000 USD: 12,000 USD above it in total.",
		"By region, 1 region falls short of its target by 5,000 USD in all: West 5,000 USD (3 hires); 3 hires starting in 2026-11 close it.",
		"2 reps hired before the data begins (2024-01-01) are left out of the ramp curve; their tenure is known, so they count at the ramped rate of 2,000 USD a month.",
	}
	if len(got) != len(want) {
		t.Fatalf("%d sentences: %q", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
	// Without a short region, and the total above its target: no hire.
	c := rev.Outlook.Capacity
	c.Scopes = append([]report.CapacityScope(nil), c.Scopes...)
	c.Scopes[1].Gap = r(-1)
	if got := b.capacitySentences(&c)[2]; got != "No region falls short of its target: no hire is needed." {
		t.Errorf("no short region: %s", got)
	}
}
