package site

import (
	"testing"

	"github.com/salesreview/salesreview/report"
)

// TestEffectNotes: a bar that cannot be computed is said in words under
// the chart, not left out in silence. Worked by hand: 10 closed deals, all
// with a call and an email linked (no deal without: no "without" bar), 4
// with a meeting (3 won: 75%; 6 without, 2 won: 33.3%); in the quarter 50
// calls and 20 meetings but no email (bookings per email undefined).
func TestEffectNotes(t *testing.T) {
	rev := highlightReview()
	rev.Activities.Effectiveness = []report.Effectiveness{
		{Type: "meeting", With: 4, Without: 6, WonWith: 3, WonWithout: 2, WinRateWith: report.Div(3, 4), WinRateWithout: report.Div(2, 6)},
		{Type: "call", With: 10, WonWith: 5, WinRateWith: report.Div(5, 10), WinRateWithout: report.Div(0, 0)},
		{Type: "email", With: 10, WonWith: 5, WinRateWith: report.Div(5, 10), WinRateWithout: report.Div(0, 0)},
	}
	rev.Activities.Efficiency = []report.Efficiency{
		{Type: "call", Activities: 50, Bookings: usd(1000), PerActivity: report.Div(1000, 50)},
		{Type: "meeting", Activities: 20, Bookings: usd(1000), PerActivity: report.Div(1000, 20)},
		{Type: "email", Bookings: usd(1000), PerActivity: report.Div(1000, 0)},
	}
	b := newBuilder(rev, Options{})
	sec := b.activityEffect(&rev.Activities)
	if b.err != nil || len(sec.Charts) != 2 {
		t.Fatalf("%d charts, %v", len(sec.Charts), b.err)
	}
	want := []string{
		`No "without" bar for calls and emails: every closed deal had at least one linked, so there is nothing to compare with.`,
		"No bar for emails: there were none in FY2026-Q2, so bookings per one are undefined.",
	}
	for i, c := range sec.Charts {
		if c.Note != want[i] {
			t.Errorf("%s: note %q; want %q", c.Title, c.Note, want[i])
		}
	}
	// Every bar defined: no note.
	rev.Activities.Effectiveness = rev.Activities.Effectiveness[:1]
	if n := effectivenessNote(rev.Activities.Effectiveness); n != "" {
		t.Errorf("note %q; want none", n)
	}
}
