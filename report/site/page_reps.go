package site

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/english"
)

// maxReps is how many reps the league table shows.
const maxReps = 200

// topReps is how many reps the bar chart of the league table shows.
const topReps = 15

// reps builds the Reps page: the league table, the ramp of new hires and
// the capacity plan of the next fiscal year.
func (b *builder) reps(p *pageView) error {
	p.Sections = []*section{b.league(), b.ramp(), b.capacity()}
	return nil
}

// repTable is the league table of the reps that keep returns true.
func (b *builder) repTable(keep func(*report.Rep) bool) *dataTable {
	t := &dataTable{Columns: []column{col("Rep", textCol), col("Region", textCol), col("Bookings", moneyCol),
		col("Won deals", countCol), col("Win rate", percentCol), col("Average deal", moneyCol),
		col("Median cycle", daysCol), col("Attainment", percentCol), col("Calls", countCol), col("Meetings", countCol),
		col("Emails", countCol), col("Activities per won deal", decimalCol), col("Bookings, all history", moneyCol)}}
	for i := range b.rev.Reps.Rows {
		r := &b.rev.Reps.Rows[i]
		if !keep(r) {
			continue
		}
		f := r.Period
		t.Rows = append(t.Rows,
			[]cell{txt(r.Owner), b.regionLink(r.Region), mon(f.Bookings), cnt(f.WonDeals), rat(f.WinRate), rat(f.AvgDealSize),
				rat(f.CycleMedian), rat(f.Attainment), cnt(f.Activities.Call), cnt(f.Activities.Meeting), cnt(f.Activities.Email),
				rat(f.PerWonDeal), mon(r.All.Bookings)})
	}
	return t
}

// league is the section of every rep ranked by bookings in the review
// quarter (then name), with a chart of the top reps.
func (b *builder) league() *section {
	league := b.repTable(func(*report.Rep) bool { return true })
	const name, region, bookings = 0, 1, 2 // columns of repTable
	sort.SliceStable(league.Rows, func(i, j int) bool {
		if league.Rows[i][bookings].Num != league.Rows[j][bookings].Num {
			return league.Rows[i][bookings].Num > league.Rows[j][bookings].Num
		}
		return league.Rows[i][name].Text < league.Rows[j][name].Text
	})
	sec := &section{Title: "League table " + b.rev.Period.Name, Intro: "Sort by any column: select its heading."}
	top := &dataTable{Columns: league.Columns, Rows: league.Rows[:min(topReps, len(league.Rows))]}
	var colours []string
	for _, r := range top.Rows {
		colours = append(colours, b.colour(r[region].Text))
	}
	if len(top.Rows) > 0 {
		b.addChart(sec, chartSpec{Name: "top-reps", Title: "Top reps by bookings, " + b.rev.Period.Name,
			Label: "Horizontal bar chart of the reps with the most bookings, coloured by region", Kind: barChart,
			Horizontal: true, Data: top, Series: []string{"Bookings"}, CatColours: colours, Tall: true})
	}
	sec.Tables = append(sec.Tables, b.listTable("reps", "league", "Reps", league, true, maxReps))
	return sec
}

// ramp is the section of the ramp curves and the hiring cohorts.
func (b *builder) ramp() *section {
	cohorts := b.rev.Reps.Cohorts
	sec := &section{Title: "Ramp", Intro: "Average bookings per rep by month since hire, per hiring half-year."}
	if n := b.rev.Reps.LeftCensored; n > 0 {
		sec.Intro += fmt.Sprintf(" %s hired before the data begins (%s) %s left out of the curves and of the time to first win: "+
			"their first months are not in the data.", english.Plural(n, "rep", "reps"), b.rev.Reps.DataBegins,
			map[bool]string{true: "is", false: "are"}[n == 1])
	}
	if curves := rampTable(cohorts); len(curves.Rows) > 0 && len(cohorts) > 0 {
		b.addChart(sec, chartSpec{Name: "ramp", Title: "Ramp curves by hiring cohort",
			Label: "Line chart of average bookings per rep by month since hire, one line per cohort", Kind: lineChart,
			Data: curves, Series: []string{cohortsKey}})
	} else {
		sec.Empty = "No hire dates in the roster."
	}
	t := &dataTable{Columns: []column{col("Cohort", textCol), col("Reps", countCol), col("Reps with a win", countCol),
		col("Median days to first win", daysCol)}}
	for _, c := range cohorts {
		t.Rows = append(t.Rows, []cell{txt(c.Cohort), cnt(c.Reps), cnt(c.RepsWithWin), rat(c.MedianDaysToFirstWin)})
	}
	if len(t.Rows) > 0 {
		sec.Tables = append(sec.Tables, b.listTable("ramp_cohorts", "cohorts", "Hiring cohorts", t, false, 0))
	}
	return sec
}

// cohortsKey is the Key of the cohort columns of the ramp table.
const cohortsKey = "cohorts"

// rampTable is the average bookings per rep by month since hire (rows) and
// hiring cohort (columns).
func rampTable(cohorts []report.RampCohort) *dataTable {
	t := &dataTable{Columns: []column{col("Month since hire", textCol)}}
	months := 0
	for _, c := range cohorts {
		t.Columns = append(t.Columns, column{Label: c.Cohort, Kind: moneyCol, Key: cohortsKey})
		months = max(months, len(c.Curve))
	}
	for m := 0; m < months; m++ {
		row := []cell{txt(strconv.Itoa(m))}
		for _, c := range cohorts {
			row = append(row, cellAt(c.Curve, m, rat))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
