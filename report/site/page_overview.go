package site

import (
	"fmt"
	"math"
	"sort"

	"github.com/salesreview/salesreview/report"
)

// overview builds the Overview page: headline tiles and sentences, the
// regions table, and bookings by region.
func (b *builder) overview(p *pageView) error {
	rev := b.rev
	p.Title = "Overview " + rev.Period.Name
	head := &section{Title: "Headline figures",
		Intro: "The review quarter " + rev.Period.Name +
			" against the quarter before it and the same quarter a year earlier; " +
			"coverage is for the current quarter " + rev.CurrentPeriod.Name + ".",
		KPIs: b.kpiTiles(&rev.Total), Highlights: b.highlights()}
	regions := &section{Title: "Regions",
		Tables: []*tableView{b.table("regions", "Regions in "+rev.Period.Name, b.regionsTable(), true, 0)}}
	p.Sections = []*section{head, regions, b.overviewBookings()}
	return nil
}

// regionsTable has a row of headline figures per region and the total.
func (b *builder) regionsTable() *dataTable {
	rev := b.rev
	t := &dataTable{Columns: []column{col("Region", textCol), col("Bookings", moneyCol),
		col("Growth vs "+rev.PrevPeriod.Name, changeCol), col("Growth vs "+rev.YearAgoPeriod.Name, changeCol),
		col("Target", moneyCol), col("Attainment", percentCol), col("Coverage "+rev.CurrentPeriod.Name, timesCol),
		col("Required coverage", timesCol), col("Win rate", percentCol), col("Open pipeline", moneyCol),
		col("Activities", countCol)}}
	row := func(name cell, s *report.Scope) []cell {
		k := s.KPIs.Current
		return []cell{name, mon(k.Bookings), rat(k.GrowthQoQ), rat(k.GrowthYoY), optMoney(k.Target, k.HasTarget),
			rat(k.Attainment), coverageCell(s.Coverage), rat(s.Coverage.Required), rat(k.WinRate), mon(s.OpenPipeline),
			cnt(k.Activities.Total)}
	}
	for i := range rev.ByRegion {
		t.Rows = append(t.Rows, row(b.regionLink(rev.ByRegion[i].Region), &rev.ByRegion[i]))
	}
	t.Foot = row(txt("All regions"), &rev.Total)
	return t
}

// overviewBookings is the section of bookings by region, this quarter and
// over the trend window.
func (b *builder) overviewBookings() *section {
	rev := b.rev
	s := &section{Title: "Bookings"}
	byRegion := &dataTable{Columns: []column{col("Region", textCol), b.bookingsColumn()}}
	for _, sc := range rev.ByRegion {
		byRegion.Rows = append(byRegion.Rows, []cell{txt(sc.Region), mon(sc.KPIs.Current.Bookings)})
	}
	b.addChart(s, chartSpec{Name: "bookings-by-region", Title: "Bookings by region, " + rev.Period.Name,
		Label: "Bar chart of bookings by region in " + rev.Period.Name, Kind: barChart, Data: byRegion,
		Series: []string{"bookings"}, CatColours: b.regionColourList(rev.Regions)})
	trend := b.regionTrend(func(q report.QuarterFigures) cell { return mon(q.Bookings) }, moneyCol)
	b.addChart(s, chartSpec{Name: "bookings-trend", Title: "Bookings by quarter and region",
		Label: "Line chart of bookings per quarter, one line per region", Kind: lineChart, Data: trend,
		Series: []string{regionsKey}})
	return s
}

// regionTrend is a table of one figure per quarter of the trend window
// (rows) and region (columns).
func (b *builder) regionTrend(figure func(report.QuarterFigures) cell, kind colKind) *dataTable {
	rev := b.rev
	t := &dataTable{Columns: append([]column{col("Quarter", textCol)}, b.regionColumns(kind)...)}
	for _, i := range b.window {
		row := []cell{txt(rev.Quarters[i].Name)}
		for _, s := range rev.ByRegion {
			if i < len(s.Trend) {
				row = append(row, figure(s.Trend[i]))
			} else {
				row = append(row, cell{})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// maxMovers is how many regions the highlights name as movers.
const maxMovers = 4

// highlights writes the headline sentences from the numbers.
func (b *builder) highlights() []string {
	rev := b.rev
	k := rev.Total.KPIs.Current
	out := []string{fmt.Sprintf("Bookings were %s in %s: %s %s and %s %s.", b.f.money(k.Bookings), rev.Period.Name,
		changeWords(k.GrowthQoQ), rev.PrevPeriod.Name, changeWords(k.GrowthYoY), rev.YearAgoPeriod.Name)}
	out = append(out, b.moverHighlights()...)
	if s := b.attainmentHighlight(); s != "" {
		out = append(out, s)
	}
	if s := b.pastDueHighlight(); s != "" {
		out = append(out, s)
	}
	return out
}

// moverHighlights say how the regions with the largest changes on the
// previous quarter moved, largest first.
func (b *builder) moverHighlights() []string {
	type mover struct {
		region string
		growth report.Ratio
	}
	var movers []mover
	for _, s := range b.rev.ByRegion {
		if s.KPIs.Current.GrowthQoQ.OK {
			movers = append(movers, mover{s.Region, s.KPIs.Current.GrowthQoQ})
		}
	}
	sort.Slice(movers, func(i, j int) bool {
		a, c := math.Abs(movers[i].growth.Value), math.Abs(movers[j].growth.Value)
		if a != c {
			return a > c
		}
		return movers[i].region < movers[j].region
	})
	var out []string
	for _, m := range movers[:min(maxMovers, len(movers))] {
		out = append(out, b.moverSentence(m.region, m.growth))
	}
	return out
}

// moverSentence says how one region's bookings moved on the previous quarter.
func (b *builder) moverSentence(region string, growth report.Ratio) string {
	verb := "rose"
	if d := dir(growth); d == "down" {
		verb = "fell"
	} else if d == "flat" {
		verb = "were flat"
	}
	s := fmt.Sprintf("%s bookings %s", region, verb)
	if verb != "were flat" {
		s += " " + percent(ptrAbs(growth.Value))
	}
	s += " on " + b.rev.PrevPeriod.Name
	if lead := b.leadClient(region); lead != "" {
		s += ", led by " + lead
	}
	return s + "."
}

// attainmentHighlight names the region with the highest attainment, or "".
func (b *builder) attainmentHighlight() string {
	best, bestR := "", report.Ratio{}
	for _, s := range b.rev.ByRegion {
		a := s.KPIs.Current.Attainment
		if a.OK && (!bestR.OK || a.Value > bestR.Value) {
			best, bestR = s.Region, a
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("Highest attainment: %s at %s of target.", best, percent(ratioPtr(bestR)))
}

// pastDueHighlight says how many open deals are past their close date, or "".
func (b *builder) pastDueHighlight() string {
	n := len(b.rev.Pipeline.PastDue)
	if n == 0 {
		return ""
	}
	var sum report.Money
	for _, d := range b.rev.Pipeline.PastDue {
		sum += d.Deal.Amount
	}
	deals := "open deals worth %s are"
	if n == 1 {
		deals = "open deal worth %s is"
	}
	return fmt.Sprintf("%s "+deals+" past the close date.", number(n), b.f.money(sum))
}

// leadClient is the account with the most bookings of region in the review quarter.
func (b *builder) leadClient(region string) string {
	best, amt := "", report.Money(0)
	for _, c := range b.rev.Revenue.Clients {
		if c.Region == region && c.Bookings > amt {
			best, amt = c.Account, c.Bookings
		}
	}
	return best
}
