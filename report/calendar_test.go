package report

import (
	"testing"
	"time"
)

func TestCivilMatchesTime(t *testing.T) {
	// Every day from 1900 to 2100 against the time package.
	for d := Date(1900, 1, 1); d <= Date(2100, 12, 31); d++ {
		y, m, dd := d.Civil()
		ty, tm, td := d.Time().Date()
		if y != ty || m != tm || dd != td {
			t.Fatalf("day %d: Civil %d-%d-%d, time %d-%d-%d", d, y, m, dd, ty, tm, td)
		}
		if c := civilDay(ty, tm, td); c != d {
			t.Fatalf("civilDay(%d, %d, %d) = %d, want %d", ty, tm, td, c, d)
		}
		if d.Weekday() != d.Time().Weekday() {
			t.Fatalf("day %s: weekday %v, want %v", d, d.Weekday(), d.Time().Weekday())
		}
		wy, ww := d.Time().ISOWeek()
		if got, want := isoWeekName(isoWeekStart(d)), isoWeekText(wy, ww); got != want {
			t.Fatalf("day %s: ISO week %s, want %s", d, got, want)
		}
	}
}

func TestCivilFarDates(t *testing.T) {
	// Round trip over 30,000 years either side, far beyond time.Duration.
	for d := Day(-11_000_000); d <= 11_000_000; d += 997 {
		y, m, dd := d.Civil()
		if c := civilDay(y, m, dd); c != d {
			t.Fatalf("day %d: Civil %d-%d-%d, back %d", d, y, m, dd, c)
		}
	}
}

func isoWeekText(y, w int) string {
	return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") + "-W" + string(rune('0'+w/10)) + string(rune('0'+w%10))
}

func TestQuarters(t *testing.T) {
	tests := []struct {
		start      int
		byStart    bool
		day        Day
		name       string
		first, end string
	}{
		// January start: fiscal = calendar.
		{1, false, Date(2026, 3, 31), "FY2026-Q1", "2026-01-01", "2026-03-31"}, // last day of a quarter
		{1, false, Date(2026, 4, 1), "FY2026-Q2", "2026-04-01", "2026-06-30"},
		{1, false, Date(2024, 2, 29), "FY2024-Q1", "2024-01-01", "2024-03-31"}, // leap day
		{1, false, Date(2026, 12, 31), "FY2026-Q4", "2026-10-01", "2026-12-31"},
		// February start, named by the year it ends: Feb 2026 .. Jan 2027 is FY2027.
		{2, false, Date(2026, 2, 1), "FY2027-Q1", "2026-02-01", "2026-04-30"}, // first day of the fiscal year
		{2, false, Date(2026, 1, 31), "FY2026-Q4", "2025-11-01", "2026-01-31"},
		{2, false, Date(2026, 5, 1), "FY2027-Q2", "2026-05-01", "2026-07-31"},
		{2, false, Date(2024, 2, 29), "FY2025-Q1", "2024-02-01", "2024-04-30"}, // leap day
		// Q4 of a February year: Nov, Dec, Jan; ends on the 31st of January.
		{2, false, Date(2024, 12, 15), "FY2025-Q4", "2024-11-01", "2025-01-31"},
		// February start named by the year it starts.
		{2, true, Date(2026, 2, 1), "FY2026-Q1", "2026-02-01", "2026-04-30"},
		// July start: Jul 2025 .. Jun 2026 is FY2026.
		{7, false, Date(2025, 7, 1), "FY2026-Q1", "2025-07-01", "2025-09-30"},
		{7, false, Date(2026, 6, 30), "FY2026-Q4", "2026-04-01", "2026-06-30"},
		// October start, a leap February in Q2: Jan..Mar 2024 is FY2024-Q2.
		{10, false, Date(2024, 2, 29), "FY2024-Q2", "2024-01-01", "2024-03-31"},
	}
	for _, tt := range tests {
		naming := YearNamedByEnd
		if tt.byStart {
			naming = YearNamedByStart
		}
		cal := NewCalendar(Options{FiscalYearStart: tt.start, YearNaming: naming})
		q := cal.QuarterOf(tt.day)
		if q.Name != tt.name || q.Start.String() != tt.first || q.End.String() != tt.end {
			t.Errorf("start %d, %s: got %s %s..%s, want %s %s..%s", tt.start, tt.day, q.Name, q.Start, q.End, tt.name, tt.first, tt.end)
		}
		qi, err := cal.ParseQuarter(tt.name)
		if err != nil || qi != cal.QuarterIndex(tt.day) {
			t.Errorf("ParseQuarter(%q) = %d, %v; want %d", tt.name, qi, err, cal.QuarterIndex(tt.day))
		}
	}
}

func TestParseQuarterErrors(t *testing.T) {
	cal := NewCalendar(Options{})
	for _, s := range []string{"", "FY2026", "FY2026-Q5", "FY2026-Q0", "2026-03", "FYabcd-Q1", "FY2026-Q12"} {
		if _, err := cal.ParseQuarter(s); err == nil {
			t.Errorf("ParseQuarter(%q): no error", s)
		}
	}
	for _, s := range []string{"FY2026-Q3", "fy2026-q3", "2026-Q3", "FY2026Q3", " FY2026 Q3 "} {
		if q, err := cal.ParseQuarter(s); err != nil || cal.Quarter(q).Name != "FY2026-Q3" {
			t.Errorf("ParseQuarter(%q) = %v, %v", s, q, err)
		}
	}
}

func TestISOWeeks(t *testing.T) {
	tests := []struct {
		day  Day
		want string
	}{
		{Date(2021, 1, 3), "2020-W53"}, // a Sunday in the last week of 2020
		{Date(2021, 1, 4), "2021-W01"},
		{Date(2024, 12, 30), "2025-W01"}, // a Monday in the first week of 2025
		{Date(2024, 2, 29), "2024-W09"},  // leap day, a Thursday
	}
	for _, tt := range tests {
		if got := isoWeekName(isoWeekStart(tt.day)); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.day, got, tt.want)
		}
	}
}

func TestDefaultPeriod(t *testing.T) {
	tests := []struct {
		start int
		asOf  Day
		want  string
	}{
		{1, Date(2026, 9, 30), "FY2026-Q3"}, // the quarter ends on the as-of date: complete
		{1, Date(2026, 9, 29), "FY2026-Q2"}, // one day short: the quarter before
		{1, Date(2026, 1, 1), "FY2025-Q4"},
		{2, Date(2026, 2, 1), "FY2026-Q4"}, // first day of FY2027: the last quarter of FY2026
		{2, Date(2026, 1, 31), "FY2026-Q4"},
	}
	for _, tt := range tests {
		rev, err := Compute(&Records{}, nil, Options{FiscalYearStart: tt.start, AsOf: tt.asOf})
		if err != nil {
			t.Fatal(err)
		}
		if rev.Period.Name != tt.want {
			t.Errorf("start %d, as of %s: period %s, want %s", tt.start, tt.asOf, rev.Period.Name, tt.want)
		}
	}
	if _, err := Compute(&Records{}, nil, Options{}); err == nil {
		t.Error("no dates and no as-of: want an error")
	}
	if _, err := Compute(&Records{}, nil, Options{AsOf: Date(2026, 1, 1), Period: "FY2026-Q9"}); err == nil {
		t.Error("bad period: want an error")
	}
}

func TestAsOfFromDeals(t *testing.T) {
	// The newest deal date is the won close of 2026-06-30; an open deal
	// expected in August and a planned activity in August do not count.
	recs := &Records{
		Deals: []Deal{
			{ID: "a", Region: Intern("R"), Account: Intern("A"), Status: Won, Amount: Cents(1), HasAmount: true, Created: Date(2026, 4, 1), Close: Date(2026, 6, 30)},
			{ID: "b", Region: Intern("R"), Account: Intern("A"), Amount: Cents(1), HasAmount: true, Created: Date(2026, 5, 1), Close: Date(2026, 8, 31)},
		},
		Activities: []Activity{{Type: Meeting, Date: Date(2026, 8, 15), DealID: "b"}},
	}
	rev, err := Compute(recs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rev.AsOf != Date(2026, 6, 30) || rev.Period.Name != "FY2026-Q2" {
		t.Errorf("as of %s, period %s; want 2026-06-30, FY2026-Q2", rev.AsOf, rev.Period.Name)
	}
	// Activities alone: their newest date.
	rev, err = Compute(&Records{Activities: recs.Activities}, nil, Options{})
	if err != nil || rev.AsOf != Date(2026, 8, 15) {
		t.Errorf("activities only: as of %v, %v", rev.AsOf, err)
	}
}
