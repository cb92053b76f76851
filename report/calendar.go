package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// unixEpochDay is the Day of 1970-01-01.
const unixEpochDay = 25569

// Civil returns the calendar year, month and day of d, by Howard Hinnant's
// days-to-civil algorithm (fast: no time.Time involved).
func (d Day) Civil() (year int, month time.Month, day int) {
	z := int64(d) - unixEpochDay + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return int(y), time.Month(m), int(dd)
}

// civilDay returns the Day of a calendar date by Howard Hinnant's
// days-from-civil algorithm; unlike Date it holds for any year (Date goes
// through time.Duration, which spans only about 292 years).
func civilDay(y int, m time.Month, d int) Day {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era = (yy - 399) / 400
	}
	yoe := yy - era*400
	mp := (int64(m) + 9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468 + unixEpochDay)
}

// monthIndex returns year*12 + month-1 of d: consecutive months have
// consecutive indexes.
func monthIndex(d Day) int {
	y, m, _ := d.Civil()
	return y*12 + int(m) - 1
}

// monthStart returns the first day of the month with index mi.
func monthStart(mi int) Day {
	return civilDay(floorDiv(mi, 12), time.Month(floorMod(mi, 12)+1), 1)
}

// monthName returns "YYYY-MM" of the month with index mi.
func monthName(mi int) string {
	return fmt.Sprintf("%04d-%02d", floorDiv(mi, 12), floorMod(mi, 12)+1)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

// Weekday returns d's day of the week.
func (d Day) Weekday() time.Weekday {
	// Day 0, 1899-12-30, was a Saturday.
	return time.Weekday(floorMod(int(d)+6, 7))
}

// isoWeekStart returns the Monday of d's ISO week.
func isoWeekStart(d Day) Day {
	wd := floorMod(int(d.Weekday())+6, 7) // Monday 0 .. Sunday 6
	return d - Day(wd)
}

// isoWeekName returns "YYYY-Www" of the ISO week starting on Monday mon.
func isoWeekName(mon Day) string {
	th := mon + 3 // the week's Thursday names its year
	y, _, _ := th.Civil()
	week := int(th-civilDay(y, time.January, 1))/7 + 1
	return fmt.Sprintf("%04d-W%02d", y, week)
}

// Calendar is the fiscal calendar: which month starts the fiscal year and
// how years are named.
type Calendar struct {
	Start       int  // first month of the fiscal year, 1..12
	NameByStart bool // name a fiscal year by the calendar year it starts in
}

// NewCalendar returns the calendar of opts (defaults filled in).
func NewCalendar(opts Options) Calendar {
	s := opts.FiscalYearStart
	if s < 1 || s > 12 {
		s = 1
	}
	return Calendar{Start: s, NameByStart: opts.YearNaming == YearNamedByStart}
}

// QuarterIndex returns the index of the fiscal quarter containing d;
// consecutive quarters have consecutive indexes (index/4 is the calendar
// year in which the fiscal year starts).
func (c Calendar) QuarterIndex(d Day) int {
	return floorDiv(monthIndex(d)-(c.Start-1), 3)
}

// yearOffset is what to add to the fiscal year's starting calendar year to
// get its name.
func (c Calendar) yearOffset() int {
	if c.Start == 1 || c.NameByStart {
		return 0
	}
	return 1
}

// Quarter returns the fiscal quarter with index qi.
func (c Calendar) Quarter(qi int) Quarter {
	fy := floorDiv(qi, 4) + c.yearOffset()
	q := floorMod(qi, 4) + 1
	firstMonth := qi*3 + c.Start - 1
	return Quarter{
		Name:       fmt.Sprintf("FY%d-Q%d", fy, q),
		FiscalYear: fy,
		Q:          q,
		Start:      monthStart(firstMonth),
		End:        monthStart(firstMonth+3) - 1,
	}
}

// QuarterOf returns the fiscal quarter containing d.
func (c Calendar) QuarterOf(d Day) Quarter { return c.Quarter(c.QuarterIndex(d)) }

// ParseQuarter returns the index of a quarter named like "FY2026-Q3"
// (also accepted: "2026-Q3", "FY2026Q3", "fy2026 q3").
func (c Calendar) ParseQuarter(name string) (int, error) {
	s := strings.ToUpper(strings.TrimSpace(name))
	s = strings.TrimPrefix(s, "FY")
	s = strings.NewReplacer("-", "", " ", "", "_", "").Replace(s)
	i := strings.IndexByte(s, 'Q')
	if i < 1 || i != len(s)-2 {
		return 0, fmt.Errorf("period %q: want a fiscal quarter like FY2026-Q3", name)
	}
	fy, err := strconv.Atoi(s[:i])
	q := int(s[i+1] - '0')
	if err != nil || fy < 1 || fy > 9999 || q < 1 || q > 4 {
		return 0, fmt.Errorf("period %q: want a fiscal quarter like FY2026-Q3", name)
	}
	return (fy-c.yearOffset())*4 + q - 1, nil
}

// HalfName returns the fiscal half-year of d, e.g. "FY2026-H1".
func (c Calendar) HalfName(d Day) string {
	qi := c.QuarterIndex(d)
	return fmt.Sprintf("FY%d-H%d", floorDiv(qi, 4)+c.yearOffset(), floorMod(qi, 4)/2+1)
}
