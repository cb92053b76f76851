package site

import (
	"fmt"

	"github.com/salesreview/salesreview/report"
)

// targetColour is the grey of targets and other reference series.
const targetColour = "#bab0ac"

// region builds the page of one region (p.Region): its tiles, trends, top
// clients, pipeline, forecast, activities and reps.
func (b *builder) region(p *pageView) error {
	rev, region := b.rev, p.Region
	s := rev.Scope(region)
	if s == nil {
		return fmt.Errorf("render site: region %q has no figures", region)
	}
	p.Title = region
	head := &section{Title: "Headline figures",
		Intro: region + " in " + rev.Period.Name + "; coverage for the current quarter " + rev.CurrentPeriod.Name + ".",
		KPIs:  b.kpiTiles(s)}
	trends, activities := b.regionTrends(s)
	p.Sections = []*section{head, b.outlookSummary(region), trends, b.regionClients(s), b.regionPipeline(s), b.regionForecast(s),
		activities, b.regionReps(region)}
	return nil
}

// regionTrends are the sections of a region's bookings and activities per
// quarter of the trend window.
func (b *builder) regionTrends(s *report.Scope) (trends, activities *section) {
	trend := &dataTable{Columns: []column{col("Quarter", textCol), col("Bookings", moneyCol), col("Target", moneyCol),
		col("Win rate", percentCol), col("Growth vs previous quarter", changeCol)}}
	act := &dataTable{Columns: append([]column{col("Quarter", textCol)}, activityCols...)}
	for _, q := range b.trend(s) {
		trend.Rows = append(trend.Rows,
			[]cell{txt(q.Period), mon(q.Bookings), optMoney(q.Target, q.HasTarget), rat(q.WinRate), rat(q.GrowthQoQ)})
		act.Rows = append(act.Rows, append([]cell{txt(q.Period)}, activityCells(q.Activities)...))
	}
	trends, activities = &section{Title: "Trends"}, &section{Title: "Activities"}
	b.addChart(trends, chartSpec{Name: "bookings-trend", Title: "Bookings and target by quarter",
		Label: "Bar chart of " + s.Region + " bookings and target per quarter", Kind: barChart, Data: trend,
		Series: []string{"Bookings", "Target"}, Colours: []string{b.colour(s.Region), targetColour}})
	b.addChart(activities, chartSpec{Name: "activities", Title: "Activities by quarter and type",
		Label: "Stacked bar chart of " + s.Region + " activities per quarter by type", Kind: stackedBar, Data: act,
		Series: activityTypes, Colours: activityColours})
	return trends, activities
}

// trend returns the figures of a scope in the trend window.
func (b *builder) trend(s *report.Scope) []report.QuarterFigures {
	var out []report.QuarterFigures
	for _, i := range b.window {
		if i < len(s.Trend) {
			out = append(out, s.Trend[i])
		}
	}
	return out
}

// regionClients is the section of a region's top clients.
func (b *builder) regionClients(s *report.Scope) *section {
	t := &dataTable{Columns: []column{col("Client", textCol), col("Market", textCol),
		col("Bookings, all history", moneyCol), col("Bookings "+b.rev.Period.Name, moneyCol),
		col("Won deals, all history", countCol)}}
	for _, c := range s.TopClients {
		t.Rows = append(t.Rows,
			[]cell{txt(c.Account), txt(c.Market), mon(c.BookingsAll), mon(c.Bookings), cnt(c.WonDealsAll)})
	}
	sec := &section{Title: "Top clients"}
	if len(t.Rows) == 0 {
		sec.Empty = "No won deals."
		return sec
	}
	b.addChart(sec, chartSpec{Name: "top-clients", Title: "Top clients by bookings, all history",
		Label: "Horizontal bar chart of the top clients of " + s.Region + " by bookings", Kind: barChart, Horizontal: true,
		Data: t, Series: []string{"Bookings, all history"}, Colours: []string{b.colour(s.Region)}})
	return sec
}

// regionPipeline is the section of a region's open pipeline by stage.
func (b *builder) regionPipeline(s *report.Scope) *section {
	t := b.stageTable(s)
	sec := &section{Title: "Pipeline by stage",
		Intro: fmt.Sprintf("%s open in %s deals (weighted %s) as of %s.", b.f.money(s.OpenPipeline), number(s.OpenDeals),
			b.f.moneyFloat(s.WeightedPipeline), b.rev.AsOf)}
	if len(t.Rows) == 0 {
		sec.Empty = "No open deals."
		return sec
	}
	b.addChart(sec, chartSpec{Name: "pipeline-by-stage", Title: "Open pipeline by stage",
		Label: "Bar chart of " + s.Region + " open pipeline per stage", Kind: barChart, Data: t,
		Series: []string{"Amount", "Weighted"}, Colours: []string{b.colour(s.Region), targetColour}})
	return sec
}

// regionForecast is the section of a region's forecast roll-up.
func (b *builder) regionForecast(s *report.Scope) *section {
	sec := &section{Title: "Forecast roll-up " + b.rev.Period.Name}
	b.addChart(sec, chartSpec{Name: "forecast", Title: "Forecast roll-up by category",
		Label: "Stacked bar chart of " + s.Region + " forecast: closed, commit, best case and pipeline", Kind: stackedBar,
		Data: b.rollupTable([]report.Scope{*s}), Series: forecastCategories, Colours: forecastColours})
	return sec
}

// regionReps is the section of the league table of a region's reps.
func (b *builder) regionReps(region string) *section {
	sec := &section{Title: "Reps"}
	reps := b.repTable(func(r *report.Rep) bool { return r.Region == region })
	if len(reps.Rows) == 0 {
		sec.Empty = "No reps in this region."
		return sec
	}
	sec.Tables = append(sec.Tables, b.table("reps", "Reps of "+region+", "+b.rev.Period.Name, reps, true, 0))
	return sec
}
