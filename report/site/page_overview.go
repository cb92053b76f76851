package site

import (
	"fmt"
	"math"
	"sort"
	"strings"

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
	p.Sections = []*section{head, b.outlookSummary(""), regions, b.overviewBookings()}
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
			row = append(row, cellAt(s.Trend, i, figure))
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
	var movers []*report.Scope
	for i := range b.rev.ByRegion {
		if b.rev.ByRegion[i].KPIs.Current.GrowthQoQ.OK {
			movers = append(movers, &b.rev.ByRegion[i])
		}
	}
	sort.Slice(movers, func(i, j int) bool {
		a, c := math.Abs(movers[i].KPIs.Current.GrowthQoQ.Value), math.Abs(movers[j].KPIs.Current.GrowthQoQ.Value)
		if a != c {
			return a > c
		}
		return movers[i].Region < movers[j].Region
	})
	var out []string
	for _, sc := range movers[:min(maxMovers, len(movers))] {
		out = append(out, b.moverSentence(sc))
	}
	return out
}

// moverSentence says how one region's bookings moved on the previous
// quarter, and who moved them: a fall names the client and the rep whose
// bookings fell most, a rise those whose bookings rose most, each only when
// it accounts for at least half of the region's change; otherwise the
// sentence says that no single one does.
func (b *builder) moverSentence(sc *report.Scope) string {
	growth, m := sc.KPIs.Current.GrowthQoQ, sc.Movers
	s := sc.Region + " bookings "
	var client, rep *report.Mover
	switch dir(growth) {
	case "up":
		s += "rose " + percent(ptrAbs(growth.Value))
		client, rep = m.ClientUp, m.RepUp
	case "down":
		s += "fell " + percent(ptrAbs(growth.Value))
		client, rep = m.ClientDown, m.RepDown
	default:
		return s + "were flat on " + b.rev.PrevPeriod.Name + "."
	}
	s += " on " + b.rev.PrevPeriod.Name + " (" + b.signedMoney(m.Change) + ")"
	var leads []string
	if explains(client, m.Change) {
		leads = append(leads, "client "+client.Name+" ("+b.signedMoney(client.Change)+")")
	}
	if explains(rep, m.Change) {
		leads = append(leads, "rep "+rep.Name+" ("+b.signedMoney(rep.Change)+")")
	}
	if len(leads) == 0 {
		return s + "; no single client or rep accounts for half of the change."
	}
	return s + ", led by " + strings.Join(leads, " and ") + "."
}

// explains reports whether mover m (who moved the same way as the scope)
// accounts for at least half of the scope's change.
func explains(m *report.Mover, change report.Money) bool {
	return m != nil && 2*math.Abs(m.Change.Float()) >= math.Abs(change.Float())
}

// signedMoney formats a change of money with its sign: "+1,200 USD", "-300 USD".
func (b *builder) signedMoney(m report.Money) string {
	s := b.f.money(m)
	if m > 0 && s[0] != '0' { // a change that rounds to 0 has no sign
		s = "+" + s
	}
	return s
}

// attainmentHighlight names the region (or the regions, tied) with the
// highest attainment of the review quarter, or "" when no region has a
// target.
func (b *builder) attainmentHighlight() string {
	var best []string
	bestR := report.Ratio{}
	for _, s := range b.rev.ByRegion {
		a := s.KPIs.Current.Attainment
		switch {
		case !a.OK:
		case !bestR.OK || a.Value > bestR.Value:
			best, bestR = []string{s.Region}, a
		case a.Value == bestR.Value:
			best = append(best, s.Region)
		}
	}
	if len(best) == 0 {
		return ""
	}
	return fmt.Sprintf("Highest attainment in %s: %s at %s of target.", b.rev.Period.Name, joinAnd(best), percent(ratioPtr(bestR)))
}

// joinAnd joins names as "A", "A and B", "A, B and C".
func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
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
