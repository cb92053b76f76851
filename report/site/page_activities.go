package site

import (
	"fmt"
	"strings"

	"github.com/salesreview/salesreview/report"
)

// activityCols are the activity type columns in display order, named by
// activityTypes, in activityColours.
var (
	activityCols = []column{col("Calls", countCol), col("Meetings", countCol), col("Emails", countCol),
		col("Other", countCol)}
	activityTypes   = []string{"Calls", "Meetings", "Emails", "Other"}
	activityColours = []string{"#4e79a7", "#f28e2b", "#76b7b2", targetColour}
)

// activityCells are the cells of activityCols.
func activityCells(c report.ActivityCounts) []cell {
	return []cell{cnt(c.Call), cnt(c.Meeting), cnt(c.Email), cnt(c.Other)}
}

// heatmapWeeks is how many weeks the heatmap shows (the CSV has them all).
const heatmapWeeks = 26

// activities builds the Activities page: volume by month and week, by
// region, effectiveness and efficiency, and per rep.
func (b *builder) activities(p *pageView) error {
	a := &b.rev.Activities
	head := &section{Title: "Volume", KPIs: []kpiTile{
		{Label: "Activities", Value: number(a.Counts.Total), Note: activityNote(a.Counts)},
		{Label: "Activities per won deal", Value: decimal(ratioPtr(a.PerWonDeal))},
		{Label: "Without a region", Value: number(a.Unassigned), Note: "counted under " + report.Unassigned},
	}}
	b.activityVolume(head, a)
	regions := &section{Title: "By region"}
	if t := activityTable("Region", a.ByRegion); len(t.Rows) > 0 {
		b.addChart(regions, chartSpec{Name: "by-region", Title: "Activities by region and type",
			Label: "Stacked bar chart of activities per region by type", Kind: stackedBar, Data: t, Series: activityTypes,
			Colours: activityColours})
	}
	owners := &section{Title: "Per rep"}
	owners.Tables = append(owners.Tables,
		b.table("by-rep", "Activities per rep, all history", activityTable("Rep", a.ByOwner), true, 0))
	p.Sections = []*section{head, regions, b.activityEffect(a), owners}
	return nil
}

// activityTable is a table of activity counts by type, total and change,
// one row per key (first names the key column).
func activityTable(first string, rows []report.ActivityRow) *dataTable {
	t := &dataTable{Columns: append(append([]column{col(first, textCol)}, activityCols...), col("Total", countCol),
		col("Change", changeCol))}
	for _, r := range rows {
		key := r.Key
		if r.Partial {
			key += " (partial)"
		}
		t.Rows = append(t.Rows,
			append(append([]cell{txt(key)}, activityCells(r.Counts)...), cnt(r.Counts.Total), rat(r.Change)))
	}
	return t
}

// anyPartial reports whether a series has a partial row.
func anyPartial(rows []report.ActivityRow) bool {
	for _, r := range rows {
		if r.Partial {
			return true
		}
	}
	return false
}

// activityVolume adds the charts of activities by month and by week to s.
// They end with the as-of date; a week or month it cuts is marked partial.
func (b *builder) activityVolume(s *section, a *report.Activities) {
	if anyPartial(a.ByMonth) || anyPartial(a.ByWeek) {
		s.Intro = "Weeks and months marked (partial) hold only some of their days: the series end on the report date " +
			b.rev.AsOf.String() + " and begin with the first quarter of the review; their change is n/a."
	}
	if months := activityTable("Month", a.ByMonth); len(months.Rows) > 0 {
		b.addChart(s, chartSpec{Name: "by-month", Title: "Activities by month and type",
			Label: "Stacked bar chart of activities per month by type", Kind: stackedBar, Data: months, Series: activityTypes,
			Colours: activityColours})
	}
	weeks := activityTable("Week", a.ByWeek)
	n := len(weeks.Rows)
	if n == 0 {
		return
	}
	shown := &dataTable{Columns: weeks.Columns, Rows: weeks.Rows[max(0, n-heatmapWeeks):]}
	b.addChart(s, chartSpec{Name: "week-heatmap",
		Title: fmt.Sprintf("Activities by week and type, last %d weeks", len(shown.Rows)),
		Label: "Heat map of activities per ISO week by type", Kind: heatmapChart, Data: shown, Series: activityTypes})
	all := b.table("by-week-all", "Activities by week, every week", weeks, false, 0)
	all.Collapsed = true
	s.Tables = append(s.Tables, all)
}

// activityEffect is the section of win rates with and without each activity
// type, and bookings per activity.
func (b *builder) activityEffect(a *report.Activities) *section {
	eff := &dataTable{Columns: []column{col("Type", textCol), col("Win rate with", percentCol),
		col("Win rate without", percentCol), col("Closed deals with", countCol), col("Closed deals without", countCol)}}
	for _, e := range a.Effectiveness {
		eff.Rows = append(eff.Rows,
			[]cell{txt(e.Type), rat(e.WinRateWith), rat(e.WinRateWithout), cnt(e.With), cnt(e.Without)})
	}
	effi := &dataTable{Columns: []column{col("Type", textCol), col("Bookings per activity", moneyCol),
		col("Activities", countCol), col("Bookings", moneyCol)}}
	for _, e := range a.Efficiency {
		effi.Rows = append(effi.Rows, []cell{txt(e.Type), rat(e.PerActivity), cnt(e.Activities), mon(e.Bookings)})
	}
	sec := &section{Title: "Effectiveness and efficiency",
		Intro: "Win rate of closed deals with at least one linked activity of a type against those without; " +
			"bookings per activity of each type in " + b.rev.Period.Name + "."}
	if len(eff.Rows) > 0 {
		b.addChart(sec, chartSpec{Name: "effectiveness", Title: "Win rate with and without each activity type",
			Label: "Bar chart of win rate of deals with and without linked activities per type", Kind: barChart, Data: eff,
			Note:   effectivenessNote(a.Effectiveness),
			Series: []string{"Win rate with", "Win rate without"}, Colours: []string{"#59a14f", targetColour}})
	}
	if len(effi.Rows) > 0 {
		b.addChart(sec, chartSpec{Name: "efficiency", Title: "Bookings per activity, " + b.rev.Period.Name,
			Label: "Bar chart of bookings per activity by type", Kind: barChart, Data: effi,
			Note:   efficiencyNote(a.Efficiency, b.rev.Period.Name),
			Series: []string{"Bookings per activity"}})
	}
	return sec
}

// effectivenessNote says which bars of the effectiveness chart cannot be
// drawn, and why: a win rate without closed deals is undefined.
func effectivenessNote(effs []report.Effectiveness) string {
	var every, none []string
	for _, e := range effs {
		if e.With+e.Without == 0 {
			return "No bars: no deal has closed yet."
		}
		if !e.WinRateWithout.OK {
			every = append(every, plural(e.Type))
		}
		if !e.WinRateWith.OK {
			none = append(none, plural(e.Type))
		}
	}
	var s []string
	if len(every) > 0 {
		s = append(s, "No \"without\" bar for "+joinAnd(every)+": every closed deal had at least one linked, so there is nothing to compare with.")
	}
	if len(none) > 0 {
		s = append(s, "No \"with\" bar for "+joinAnd(none)+": no closed deal had one linked.")
	}
	return strings.Join(s, " ")
}

// efficiencyNote says which bars of bookings per activity cannot be drawn:
// the types without activities in the quarter.
func efficiencyNote(effs []report.Efficiency, period string) string {
	var none []string
	for _, e := range effs {
		if !e.PerActivity.OK {
			none = append(none, plural(e.Type))
		}
	}
	if len(none) == 0 {
		return ""
	}
	return "No bar for " + joinAnd(none) + ": there were none in " + period + ", so bookings per one are undefined."
}

// plural names an activity type in the plural: "calls", "emails", "other activities".
func plural(t string) string {
	if t == "other" {
		return "other activities"
	}
	return t + "s"
}
