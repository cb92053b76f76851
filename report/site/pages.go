package site

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/cellref"
)

// ---- shared pieces ----

// relChange is cur/prev - 1 as a Ratio (undefined when prev is 0).
func relChange(cur, prev float64) report.Ratio {
	if prev == 0 {
		return report.Ratio{}
	}
	return report.Defined(cur/prev - 1)
}

// dir says whether a change is up, down or flat ("" when undefined).
func dir(r report.Ratio) string {
	if !r.OK {
		return ""
	}
	switch v := roundHalfAway(r.Value*100, 1); {
	case v > 0:
		return "up"
	case v < 0:
		return "down"
	}
	return "flat"
}

// relTileChange is a change shown as a relative percentage.
func relTileChange(label string, r report.Ratio) kpiChange {
	return kpiChange{Label: label, Value: signedPercent(ratioPtr(r)), Dir: dir(r)}
}

// ptsTileChange is the difference of two ratios, in percentage points.
func ptsTileChange(label string, cur, prev report.Ratio) kpiChange {
	if !cur.OK || !prev.OK {
		return kpiChange{Label: label, Value: NA}
	}
	d := report.Defined(cur.Value - prev.Value)
	v := roundHalfAway(d.Value*100, 1)
	s := strconv.FormatFloat(v, 'f', 1, 64) + " pts"
	if v > 0 {
		s = "+" + s
	} else if v == 0 {
		s = "0.0 pts"
	}
	return kpiChange{Label: label, Value: s, Dir: dir(d)}
}

// ratioPtr converts a Ratio for the formatting helpers.
func ratioPtr(r report.Ratio) *float64 {
	if !r.OK {
		return nil
	}
	v := r.Value
	return &v
}

// coverageText formats a coverage: "target met", "3.2x" or n/a.
func coverageText(c report.Coverage) string {
	if c.TargetMet {
		return "target met"
	}
	return times(ratioPtr(c.Ratio))
}

// coverageCell is a coverage table cell (with "target met" in words).
func coverageCell(c report.Coverage) cell {
	x := rat(c.Ratio)
	if c.TargetMet {
		x.Note = "target met"
	}
	return x
}

// coverageTile is the coverage tile of a scope: coverage of the current
// quarter (coverage is for a current or future period; the review quarter
// is over), against the required coverage. It has no change against earlier
// quarters: their coverage would need the pipeline as it stood then.
func (b *builder) coverageTile(cv report.Coverage) kpiTile {
	t := kpiTile{Label: "Coverage " + cv.Period, Value: coverageText(cv)}
	switch {
	case !cv.HasTarget:
		t.Note = "no target for " + cv.Period
	case cv.Required.OK:
		t.Note = "required " + times(ratioPtr(cv.Required))
	default:
		t.Note = "required n/a (no closed deals in the four quarters before)"
	}
	t.Changes = []kpiChange{{Label: "vs earlier quarters: needs the pipeline as it stood then", Value: NA}}
	return t
}

// kpiTiles are the headline tiles of a scope.
func (b *builder) kpiTiles(s *report.Scope) []kpiTile {
	k := s.KPIs
	prev, ya := "vs "+b.rev.PrevPeriod.Name, "vs "+b.rev.YearAgoPeriod.Name
	c, p, y := k.Current, k.Previous, k.YearAgo
	cov := b.coverageTile(s.Coverage)
	att := kpiTile{Label: "Attainment", Value: percent(ratioPtr(c.Attainment)),
		Changes: []kpiChange{ptsTileChange(prev, c.Attainment, p.Attainment), ptsTileChange(ya, c.Attainment, y.Attainment)}}
	if c.HasTarget {
		att.Note = "target " + b.f.money(c.Target)
	} else {
		att.Note = "no target"
	}
	return []kpiTile{
		{Label: "Bookings", Value: b.f.money(c.Bookings), Note: number(c.WonDeals) + " won deals",
			Changes: []kpiChange{relTileChange(prev, c.GrowthQoQ), relTileChange(ya, c.GrowthYoY)}},
		att,
		cov,
		{Label: "Win rate", Value: percent(ratioPtr(c.WinRate)), Note: number(c.WonDeals) + " won, " + number(c.LostDeals) + " lost",
			Changes: []kpiChange{ptsTileChange(prev, c.WinRate, p.WinRate), ptsTileChange(ya, c.WinRate, y.WinRate)}},
		{Label: "ARR", Value: b.f.moneyFloat(c.ARR), Note: "end of " + c.Period,
			Changes: []kpiChange{relTileChange(prev, relChange(c.ARR, p.ARR)), relTileChange(ya, relChange(c.ARR, y.ARR))}},
		{Label: "Activities", Value: number(c.Activities.Total),
			Note:    number(c.Activities.Call) + " calls, " + number(c.Activities.Meeting) + " meetings, " + number(c.Activities.Email) + " emails",
			Changes: []kpiChange{relTileChange(prev, relChange(float64(c.Activities.Total), float64(p.Activities.Total))), relTileChange(ya, relChange(float64(c.Activities.Total), float64(y.Activities.Total)))}},
	}
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

// regionColours lists the colours of regions, aligned with them.
func (b *builder) regionColourList(regions []string) []string {
	out := make([]string, len(regions))
	for i, r := range regions {
		out[i] = b.colour(r)
	}
	return out
}

// seriesCols returns the column indexes from..to-1.
func seriesCols(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// activityCols are the activity type columns in display order.
var activityCols = []column{{"Calls", countCol}, {"Meetings", countCol}, {"Emails", countCol}, {"Other", countCol}}

func activityCells(c report.ActivityCounts) []cell {
	return []cell{cnt(c.Call), cnt(c.Meeting), cnt(c.Email), cnt(c.Other)}
}

// collect appends charts, stopping at the first error.
type collector struct {
	err error
}

func (c *collector) add(b *builder, s *section, spec chartSpec) {
	if c.err != nil {
		return
	}
	v, err := b.chart(spec)
	if err != nil {
		c.err = err
		return
	}
	s.Charts = append(s.Charts, v)
}

// ---- Overview ----

func (b *builder) overview(p *pageView) error {
	rev := b.rev
	var col collector
	p.Title = "Overview " + rev.Period.Name
	head := &section{Title: "Headline figures", Intro: "The review quarter " + rev.Period.Name + " against the quarter before it and the same quarter a year earlier; coverage is for the current quarter " + rev.CurrentPeriod.Name + ".",
		KPIs: b.kpiTiles(&rev.Total), Highlights: b.highlights()}

	regions := &dataTable{Columns: []column{{"Region", textCol}, {"Bookings", moneyCol}, {"Growth vs " + rev.PrevPeriod.Name, changeCol},
		{"Growth vs " + rev.YearAgoPeriod.Name, changeCol}, {"Target", moneyCol}, {"Attainment", percentCol}, {"Coverage " + rev.CurrentPeriod.Name, timesCol},
		{"Required coverage", timesCol}, {"Win rate", percentCol}, {"Open pipeline", moneyCol}, {"Activities", countCol}}}
	for _, s := range rev.ByRegion {
		k := s.KPIs.Current
		regions.Rows = append(regions.Rows, []cell{b.regionLink(s.Region), mon(k.Bookings), rat(k.GrowthQoQ), rat(k.GrowthYoY),
			optMoney(k.Target, k.HasTarget), rat(k.Attainment), coverageCell(s.Coverage), rat(s.Coverage.Required), rat(k.WinRate),
			mon(s.OpenPipeline), cnt(k.Activities.Total)})
	}
	k := rev.Total.KPIs.Current
	regions.Foot = []cell{txt("All regions"), mon(k.Bookings), rat(k.GrowthQoQ), rat(k.GrowthYoY),
		optMoney(k.Target, k.HasTarget), rat(k.Attainment), coverageCell(rev.Total.Coverage), rat(rev.Total.Coverage.Required), rat(k.WinRate),
		mon(rev.Total.OpenPipeline), cnt(k.Activities.Total)}
	regSec := &section{Title: "Regions", Tables: []*tableView{b.table("regions", "Regions in "+rev.Period.Name, regions, true, 0)}}

	byRegion := &dataTable{Columns: []column{{"Region", textCol}, {"Bookings " + rev.Period.Name, moneyCol}}}
	for _, s := range rev.ByRegion {
		byRegion.Rows = append(byRegion.Rows, []cell{txt(s.Region), mon(s.KPIs.Current.Bookings)})
	}
	charts := &section{Title: "Bookings"}
	col.add(b, charts, chartSpec{Name: "bookings-by-region", Title: "Bookings by region, " + rev.Period.Name,
		Label: "Bar chart of bookings by region in " + rev.Period.Name, Kind: barChart, Data: byRegion, Cat: 0, Series: []int{1},
		CatColours: b.regionColourList(rev.Regions)})
	trend := &dataTable{Columns: []column{{"Quarter", textCol}}}
	for _, r := range rev.Regions {
		trend.Columns = append(trend.Columns, column{r, moneyCol})
	}
	for _, i := range b.window {
		row := []cell{txt(rev.Quarters[i].Name)}
		for _, s := range rev.ByRegion {
			if i < len(s.Trend) {
				row = append(row, mon(s.Trend[i].Bookings))
			} else {
				row = append(row, cell{})
			}
		}
		trend.Rows = append(trend.Rows, row)
	}
	col.add(b, charts, chartSpec{Name: "bookings-trend", Title: "Bookings by quarter and region",
		Label: "Line chart of bookings per quarter, one line per region", Kind: lineChart, Data: trend, Cat: 0,
		Series: seriesCols(1, len(trend.Columns)), Colours: b.regionColourList(rev.Regions)})
	p.Sections = []*section{head, regSec, charts}
	return col.err
}

// highlights writes the headline sentences from the numbers.
func (b *builder) highlights() []string {
	rev := b.rev
	var out []string
	k := rev.Total.KPIs.Current
	out = append(out, fmt.Sprintf("Bookings were %s in %s: %s %s and %s %s.", b.f.money(k.Bookings), rev.Period.Name,
		changeWords(k.GrowthQoQ), rev.PrevPeriod.Name, changeWords(k.GrowthYoY), rev.YearAgoPeriod.Name))
	type mover struct {
		region string
		growth report.Ratio
	}
	var movers []mover
	for _, s := range rev.ByRegion {
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
	for i, m := range movers {
		if i == 4 {
			break
		}
		verb := "rose"
		if d := dir(m.growth); d == "down" {
			verb = "fell"
		} else if d == "flat" {
			verb = "were flat"
		}
		s := fmt.Sprintf("%s bookings %s", m.region, verb)
		if verb != "were flat" {
			s += " " + percent(ptrAbs(m.growth.Value))
		}
		s += " on " + rev.PrevPeriod.Name
		if lead := b.leadClient(m.region); lead != "" {
			s += ", led by " + lead
		}
		out = append(out, s+".")
	}
	best, bestR := "", report.Ratio{}
	for _, s := range rev.ByRegion {
		a := s.KPIs.Current.Attainment
		if a.OK && (!bestR.OK || a.Value > bestR.Value) {
			best, bestR = s.Region, a
		}
	}
	if best != "" {
		out = append(out, fmt.Sprintf("Highest attainment: %s at %s of target.", best, percent(ratioPtr(bestR))))
	}
	if n := len(rev.Pipeline.PastDue); n > 0 {
		var sum report.Money
		for _, d := range rev.Pipeline.PastDue {
			sum += d.Deal.Amount
		}
		deals := "open deals worth %s are"
		if n == 1 {
			deals = "open deal worth %s is"
		}
		out = append(out, fmt.Sprintf("%s "+deals+" past the close date.", number(n), b.f.money(sum)))
	}
	return out
}

func ptrAbs(v float64) *float64 { a := math.Abs(v); return &a }

// changeWords says a change in words: "up 12.4%", "down 3.0%", "flat", "no comparison".
func changeWords(r report.Ratio) string {
	switch dir(r) {
	case "up":
		return "up " + percent(ptrAbs(r.Value)) + " on"
	case "down":
		return "down " + percent(ptrAbs(r.Value)) + " on"
	case "flat":
		return "flat on"
	}
	return "no comparison with"
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

// ---- Region ----

func (b *builder) region(p *pageView, region string) error {
	rev := b.rev
	s := rev.Scope(region)
	if s == nil {
		return fmt.Errorf("render site: region %q has no figures", region)
	}
	var col collector
	p.Title = region
	head := &section{Title: "Headline figures", Intro: region + " in " + rev.Period.Name + "; coverage for the current quarter " + rev.CurrentPeriod.Name + ".", KPIs: b.kpiTiles(s)}

	trend := &dataTable{Columns: []column{{"Quarter", textCol}, {"Bookings", moneyCol}, {"Target", moneyCol}, {"Win rate", percentCol}, {"Growth vs previous quarter", changeCol}}}
	act := &dataTable{Columns: append([]column{{"Quarter", textCol}}, activityCols...)}
	for _, q := range b.trend(s) {
		trend.Rows = append(trend.Rows, []cell{txt(q.Period), mon(q.Bookings), optMoney(q.Target, q.HasTarget), rat(q.WinRate), rat(q.GrowthQoQ)})
		act.Rows = append(act.Rows, append([]cell{txt(q.Period)}, activityCells(q.Activities)...))
	}
	trends := &section{Title: "Trends"}
	col.add(b, trends, chartSpec{Name: "bookings-trend", Title: "Bookings and target by quarter",
		Label: "Bar chart of " + region + " bookings and target per quarter", Kind: barChart, Data: trend, Cat: 0, Series: []int{1, 2},
		Colours: []string{b.colour(region), "#bab0ac"}})

	clients := &dataTable{Columns: []column{{"Client", textCol}, {"Market", textCol}, {"Bookings, all history", moneyCol}, {"Bookings " + rev.Period.Name, moneyCol}, {"Won deals, all history", countCol}}}
	for _, c := range s.TopClients {
		clients.Rows = append(clients.Rows, []cell{txt(c.Account), txt(c.Market), mon(c.BookingsAll), mon(c.Bookings), cnt(c.WonDealsAll)})
	}
	clientSec := &section{Title: "Top clients"}
	if len(clients.Rows) == 0 {
		clientSec.Empty = "No won deals."
	} else {
		col.add(b, clientSec, chartSpec{Name: "top-clients", Title: "Top clients by bookings, all history",
			Label: "Horizontal bar chart of the top clients of " + region + " by bookings", Kind: barChart, Horizontal: true,
			Data: clients, Cat: 0, Series: []int{2}, Colours: []string{b.colour(region)}})
	}

	pipe := b.stageTable(s)
	pipeSec := &section{Title: "Pipeline by stage", Intro: fmt.Sprintf("%s open in %s deals (weighted %s) as of %s.",
		b.f.money(s.OpenPipeline), number(s.OpenDeals), b.f.moneyFloat(s.WeightedPipeline), rev.AsOf)}
	if len(pipe.Rows) == 0 {
		pipeSec.Empty = "No open deals."
	} else {
		col.add(b, pipeSec, chartSpec{Name: "pipeline-by-stage", Title: "Open pipeline by stage",
			Label: "Bar chart of " + region + " open pipeline per stage", Kind: barChart, Data: pipe, Cat: 0, Series: []int{2, 3},
			Colours: []string{b.colour(region), "#bab0ac"}})
	}

	fc := b.rollupTable([]report.Scope{*s})
	fcSec := &section{Title: "Forecast roll-up " + rev.Period.Name}
	col.add(b, fcSec, chartSpec{Name: "forecast", Title: "Forecast roll-up by category",
		Label: "Stacked bar chart of " + region + " forecast: closed, commit, best case and pipeline", Kind: stackedBar, Data: fc, Cat: 0,
		Series: []int{1, 2, 3, 4}, Colours: forecastColours})

	actSec := &section{Title: "Activities"}
	col.add(b, actSec, chartSpec{Name: "activities", Title: "Activities by quarter and type",
		Label: "Stacked bar chart of " + region + " activities per quarter by type", Kind: stackedBar, Data: act, Cat: 0,
		Series: seriesCols(1, 5), Colours: activityColours})

	repSec := &section{Title: "Reps"}
	reps := b.repTable(func(r *report.Rep) bool { return r.Region == region })
	if len(reps.Rows) == 0 {
		repSec.Empty = "No reps in this region."
	} else {
		repSec.Tables = append(repSec.Tables, b.table("reps", "Reps of "+region+", "+rev.Period.Name, reps, true, 0))
	}
	p.Sections = []*section{head, trends, clientSec, pipeSec, fcSec, actSec, repSec}
	return col.err
}

var (
	forecastColours = []string{"#59a14f", "#4e79a7", "#f28e2b", "#bab0ac"}
	activityColours = []string{"#4e79a7", "#f28e2b", "#76b7b2", "#bab0ac"}
)

// stageTable is a scope's open pipeline by stage.
func (b *builder) stageTable(s *report.Scope) *dataTable {
	t := &dataTable{Columns: []column{{"Stage", textCol}, {"Deals", countCol}, {"Amount", moneyCol}, {"Weighted", moneyCol}}}
	for _, st := range s.PipelineByStage {
		t.Rows = append(t.Rows, []cell{txt(st.Stage), cnt(st.Deals), mon(st.Amount), num(st.Weighted)})
	}
	return t
}

// rollupTable is the forecast roll-up of scopes, one row each.
func (b *builder) rollupTable(scopes []report.Scope) *dataTable {
	t := &dataTable{Columns: []column{{"Region", textCol}, {"Closed", moneyCol}, {"Commit", moneyCol}, {"Best case", moneyCol},
		{"Pipeline", moneyCol}, {"Omitted", moneyCol}, {"Closed + commit", moneyCol}, {"+ best case", moneyCol}, {"+ pipeline", moneyCol}}}
	for _, s := range scopes {
		f := s.Forecast
		name := s.Region
		if name == "" {
			name = "All regions"
		}
		t.Rows = append(t.Rows, []cell{txt(name), mon(f.Closed), mon(f.Commit), mon(f.BestCase), mon(f.Pipeline), mon(f.Omitted),
			mon(f.CommitTotal), mon(f.BestCaseTotal), mon(f.PipelineTotal)})
	}
	return t
}

// repTable is the league table of the reps that keep returns true.
func (b *builder) repTable(keep func(*report.Rep) bool) *dataTable {
	t := &dataTable{Columns: []column{{"Rep", textCol}, {"Region", textCol}, {"Bookings", moneyCol}, {"Won deals", countCol},
		{"Win rate", percentCol}, {"Average deal", moneyCol}, {"Median cycle", daysCol}, {"Attainment", percentCol},
		{"Calls", countCol}, {"Meetings", countCol}, {"Emails", countCol}, {"Activities per won deal", decimalCol}, {"Bookings, all history", moneyCol}}}
	for i := range b.rev.Reps.Rows {
		r := &b.rev.Reps.Rows[i]
		if !keep(r) {
			continue
		}
		f := r.Period
		t.Rows = append(t.Rows, []cell{txt(r.Owner), b.regionLink(r.Region), mon(f.Bookings), cnt(f.WonDeals), rat(f.WinRate),
			rat(f.AvgDealSize), rat(f.CycleMedian), rat(f.Attainment), cnt(f.Activities.Call), cnt(f.Activities.Meeting),
			cnt(f.Activities.Email), rat(f.PerWonDeal), mon(r.All.Bookings)})
	}
	return t
}

// ---- Revenue ----

func (b *builder) revenue(p *pageView) error {
	rev := b.rev
	var col collector
	c := rev.Total.Concentration
	head := &section{Title: "Clients", KPIs: []kpiTile{
		{Label: "Clients " + rev.Period.Name, Value: number(c.Clients), Note: number(c.ClientsAll) + " over all history"},
		{Label: "Average per client", Value: b.moneyRatio(c.AvgPerClient), Note: b.moneyRatio(c.AvgPerClientAll) + " over all history"},
		{Label: "Top-10 share", Value: percent(ratioPtr(c.Top10Share)), Note: percent(ratioPtr(c.Top10ShareAll)) + " over all history"},
	}}
	clients := &dataTable{Columns: []column{{"Client", textCol}, {"Market", textCol}, {"Region", textCol}, {"Bookings " + rev.Period.Name, moneyCol},
		{"Bookings, all history", moneyCol}, {"Won deals, all history", countCol}, {"Share", percentCol}, {"Cumulative share", percentCol}}}
	clients.Total = len(rev.Revenue.Clients)
	for _, cl := range rev.Revenue.Clients[:b.listed("revenue_by_client", clients.Total, 0)] {
		clients.Rows = append(clients.Rows, []cell{txt(cl.Account), txt(cl.Market), b.regionLink(cl.Region), mon(cl.Bookings), mon(cl.BookingsAll),
			cnt(cl.WonDealsAll), rat(cl.ShareAll), rat(cl.CumShareAll)})
	}
	top := &dataTable{Columns: clients.Columns, Rows: clients.Rows[:min(20, len(clients.Rows))]}
	if len(top.Rows) > 0 {
		col.add(b, head, chartSpec{Name: "pareto", Title: "Concentration: top 20 clients and cumulative share",
			Label: "Pareto chart of bookings of the top 20 clients over all history, with the cumulative share of all bookings", Kind: paretoChart,
			Data: top, Cat: 0, Series: []int{4}, Line: 7, Tall: true})
	}
	head.Tables = append(head.Tables, b.listTable("revenue_by_client", "clients", "Revenue per client", clients, true, 0))

	markets := &dataTable{Columns: []column{{"Market", textCol}, {"Bookings " + rev.Period.Name, moneyCol}, {"Bookings, all history", moneyCol},
		{"Won deals, all history", countCol}, {"Clients", countCol}}}
	for _, m := range rev.Revenue.Markets {
		markets.Rows = append(markets.Rows, []cell{txt(marketName(m.Market)), mon(m.Bookings), mon(m.BookingsAll), cnt(m.WonDealsAll), cnt(m.Clients)})
	}
	mSec := &section{Title: "Markets"}
	if len(markets.Rows) > 0 {
		col.add(b, mSec, chartSpec{Name: "markets", Title: "Bookings by market", Label: "Bar chart of bookings per market, review quarter and all history",
			Kind: barChart, Data: markets, Cat: 0, Series: []int{1, 2}})
		// Market by region, all history.
		mr := &dataTable{Columns: []column{{"Market", textCol}}}
		for _, r := range rev.Regions {
			mr.Columns = append(mr.Columns, column{r, moneyCol})
		}
		idx := map[string]int{}
		for i, r := range rev.Regions {
			idx[r] = i + 1
		}
		rows := map[string][]cell{}
		var order []string
		for _, m := range rev.Revenue.Markets {
			order = append(order, m.Market)
		}
		for _, m := range rev.Revenue.MarketsRegions {
			row, ok := rows[m.Market]
			if !ok {
				row = make([]cell, len(mr.Columns))
				row[0] = txt(marketName(m.Market))
				for i := 1; i < len(row); i++ {
					row[i] = mon(0)
				}
				rows[m.Market] = row
			}
			if i, ok := idx[m.Region]; ok {
				row[i] = mon(m.BookingsAll)
			}
		}
		for _, m := range order {
			if r, ok := rows[m]; ok {
				mr.Rows = append(mr.Rows, r)
			}
		}
		if len(mr.Rows) > 0 {
			col.add(b, mSec, chartSpec{Name: "markets-by-region", Title: "Bookings by market and region, all history",
				Label: "Stacked bar chart of bookings per market, split by region", Kind: stackedBar, Data: mr, Cat: 0,
				Series: seriesCols(1, len(mr.Columns)), Colours: b.regionColourList(rev.Regions)})
		}
	} else {
		mSec.Empty = "No won deals."
	}

	regions := &dataTable{Columns: []column{{"Region", textCol}, {"Bookings " + rev.Period.Name, moneyCol}, {"Clients " + rev.Period.Name, countCol}, {"Top-10 share", percentCol}}}
	for _, s := range rev.ByRegion {
		regions.Rows = append(regions.Rows, []cell{txt(s.Region), mon(s.KPIs.Current.Bookings), cnt(s.Concentration.Clients), rat(s.Concentration.Top10Share)})
	}
	rSec := &section{Title: "Regions"}
	col.add(b, rSec, chartSpec{Name: "regions", Title: "Bookings by region, " + rev.Period.Name, Label: "Bar chart of bookings per region",
		Kind: barChart, Data: regions, Cat: 0, Series: []int{1}, CatColours: b.regionColourList(rev.Regions)})

	arr := &dataTable{Columns: []column{{"Month", textCol}, {"ARR", moneyCol}}}
	for _, r := range rev.Regions {
		arr.Columns = append(arr.Columns, column{r, moneyCol})
	}
	arr.Columns = append(arr.Columns, column{"Recognised in month", moneyCol})
	for _, m := range rev.Revenue.ARRByMonth {
		row := []cell{txt(m.Month), num(m.ARR)}
		for i := range rev.Regions {
			if i < len(m.ByRegion) {
				row = append(row, num(m.ByRegion[i]))
			} else {
				row = append(row, cell{})
			}
		}
		arr.Rows = append(arr.Rows, append(row, num(m.Recognised)))
	}
	cSec := &section{Title: "Contract revenue over time"}
	if len(arr.Rows) > 0 {
		col.add(b, cSec, chartSpec{Name: "arr", Title: "ARR by month and region", Label: "Stacked bar chart of annual recurring revenue at the end of each month, by region",
			Kind: stackedBar, Data: arr, Cat: 0, Series: seriesCols(2, 2+len(rev.Regions)), Colours: b.regionColourList(rev.Regions)})
	}
	sch := rev.Revenue.Schedule
	st := &dataTable{Columns: []column{{"Quarter", textCol}}}
	var regionRows []report.ScheduleRow
	for _, r := range sch.Rows {
		if r.Region != "" {
			regionRows = append(regionRows, r)
			st.Columns = append(st.Columns, column{r.Region, moneyCol})
		}
	}
	for qi, q := range sch.Quarters {
		row := []cell{txt(q)}
		for _, r := range regionRows {
			if qi < len(r.Amounts) {
				row = append(row, num(r.Amounts[qi]))
			} else {
				row = append(row, cell{})
			}
		}
		st.Rows = append(st.Rows, row)
	}
	if len(st.Rows) > 0 && len(regionRows) > 0 {
		var cols []string
		for _, r := range regionRows {
			cols = append(cols, b.colour(r.Region))
		}
		col.add(b, cSec, chartSpec{Name: "schedule", Title: "Revenue schedule of the deals won in " + sch.Window + ", next 20 quarters",
			Label: "Stacked bar chart of revenue recognised per quarter over five years from the deals won in " + sch.Window + ", by region",
			Kind:  stackedBar, Data: st, Cat: 0, Series: seriesCols(1, len(st.Columns)), Colours: cols})
	}
	fy := &dataTable{Columns: []column{{"Region", textCol}, {"TCV", moneyCol}, {"First-year value", moneyCol}, {"Deals", countCol}}}
	for _, r := range sch.Rows {
		name := r.Region
		if name == "" {
			name = "All regions"
		}
		fy.Rows = append(fy.Rows, []cell{txt(name), num(r.TCV), num(r.FirstYearValue), cnt(r.Deals)})
	}
	if len(fy.Rows) > 0 {
		col.add(b, cSec, chartSpec{Name: "first-year-value", Title: "First-year value beside total contract value, " + sch.Window,
			Label: "Bar chart of total contract value and first-year value of the deals won in " + sch.Window + " per region",
			Kind:  barChart, Data: fy, Cat: 0, Series: []int{1, 2}, Colours: []string{"#4e79a7", "#59a14f"}})
	}
	if len(cSec.Charts) == 0 {
		cSec.Empty = "No contracts."
	}
	p.Sections = []*section{head, mSec, rSec, cSec}
	return col.err
}

// moneyRatio formats a money average held in a Ratio (major units).
func (b *builder) moneyRatio(r report.Ratio) string {
	if !r.OK {
		return NA
	}
	return b.f.moneyFloat(r.Value)
}

// marketName shows the empty market as "(none)".
func marketName(m string) string {
	if m == "" {
		return "(none)"
	}
	return m
}

// ---- Pipeline ----

func (b *builder) pipeline(p *pageView) error {
	rev := b.rev
	var col collector
	t := &rev.Total
	head := &section{Title: "Open pipeline", Intro: "As of " + rev.AsOf.String() + ".", KPIs: []kpiTile{
		{Label: "Open pipeline", Value: b.f.money(t.OpenPipeline), Note: number(t.OpenDeals) + " open deals"},
		{Label: "Weighted pipeline", Value: b.f.moneyFloat(t.WeightedPipeline)},
		b.coverageTile(t.Coverage),
		{Label: "Past-due deals", Value: number(len(rev.Pipeline.PastDue))},
	}}
	stages := b.stageTable(t)
	if len(stages.Rows) > 0 {
		col.add(b, head, chartSpec{Name: "stages", Title: "Open pipeline by stage", Label: "Bar chart of open and weighted pipeline per stage",
			Kind: barChart, Data: stages, Cat: 0, Series: []int{2, 3}})
	}

	created := &dataTable{Columns: []column{{"Quarter", textCol}}}
	for _, r := range rev.Regions {
		created.Columns = append(created.Columns, column{r, moneyCol})
	}
	wr := &dataTable{Columns: []column{{"Quarter", textCol}, {"Win rate by count", percentCol}, {"Win rate by value", percentCol}, {"Won", countCol}, {"Lost", countCol}}}
	cyc := &dataTable{Columns: []column{{"Quarter", textCol}, {"Median cycle", daysCol}, {"Mean cycle", daysCol}, {"Deals", countCol}, {"Average deal size", moneyCol}}}
	for _, i := range b.window {
		row := []cell{txt(rev.Quarters[i].Name)}
		for _, s := range rev.ByRegion {
			if i < len(s.Trend) {
				row = append(row, mon(s.Trend[i].Created))
			} else {
				row = append(row, cell{})
			}
		}
		created.Rows = append(created.Rows, row)
		if i < len(t.Trend) {
			q := t.Trend[i]
			wr.Rows = append(wr.Rows, []cell{txt(q.Period), rat(q.WinRate), rat(q.WinRateValue), cnt(q.WonDeals), cnt(q.LostDeals)})
			cyc.Rows = append(cyc.Rows, []cell{txt(q.Period), rat(q.CycleMedian), rat(q.CycleMean), cnt(q.CycleDeals), rat(q.AvgDealSize)})
		}
	}
	flow := &section{Title: "Pipeline created, win rate and cycle"}
	col.add(b, flow, chartSpec{Name: "created", Title: "Pipeline created by quarter and region", Label: "Stacked bar chart of the amount of deals created per quarter by region",
		Kind: stackedBar, Data: created, Cat: 0, Series: seriesCols(1, len(created.Columns)), Colours: b.regionColourList(rev.Regions)})
	col.add(b, flow, chartSpec{Name: "win-rate", Title: "Win rate by quarter", Label: "Line chart of win rate by count and by value per quarter",
		Kind: lineChart, Data: wr, Cat: 0, Series: []int{1, 2}})
	col.add(b, flow, chartSpec{Name: "cycle", Title: "Sales cycle by quarter", Label: "Line chart of the median and mean sales cycle in days per quarter",
		Kind: lineChart, Data: cyc, Cat: 0, Series: []int{1, 2}})

	cov := &dataTable{Columns: []column{{"Region", textCol}, {"Quarter", textCol}, {"Open pipeline", moneyCol}, {"Target", moneyCol},
		{"Booked", moneyCol}, {"Coverage", timesCol}, {"Required coverage", timesCol}, {"Trailing win rate by value", percentCol}}}
	covCharts := map[string]*dataTable{}
	for _, c := range rev.Pipeline.Coverage {
		name := c.Region
		if name == "" {
			name = "All regions"
		}
		cov.Rows = append(cov.Rows, []cell{txt(name), txt(c.Period), mon(c.OpenPipeline), optMoney(c.Target, c.HasTarget), mon(c.Booked),
			coverageCell(c), rat(c.Required), rat(c.TrailingWinRate)})
		t := covCharts[c.Period]
		if t == nil {
			t = &dataTable{Columns: []column{{"Region", textCol}, {"Coverage", timesCol}, {"Required coverage", timesCol}}}
			covCharts[c.Period] = t
		}
		t.Rows = append(t.Rows, []cell{txt(name), coverageCell(c), rat(c.Required)})
	}
	covSec := &section{Title: "Coverage against required coverage", Intro: "Open pipeline closing in the quarter / (target - booked so far), beside the required coverage = 1 / win rate by value over the four quarters before it. Coverage is undefined without a target; a met target is said in words."}
	for _, q := range rev.Quarters {
		if t := covCharts[q.Name]; t != nil {
			col.add(b, covSec, chartSpec{Name: "coverage-" + q.Name, Title: "Coverage and required coverage, " + q.Name,
				Label: "Bar chart of pipeline coverage beside the required coverage per region for " + q.Name, Kind: barChart, Data: t, Cat: 0, Series: []int{1, 2},
				Colours: []string{"#4e79a7", "#e15759"}})
		}
	}
	covSec.Tables = append(covSec.Tables, b.listTable("coverage", "coverage-all", "Coverage by region and quarter", cov, false, 0))

	fun := &dataTable{Columns: []column{{"Stage", textCol}, {"Deals", countCol}, {"Amount", moneyCol}, {"Conversion from previous stage", percentCol}}}
	for _, s := range t.Funnel {
		fun.Rows = append(fun.Rows, []cell{txt(s.Stage), cnt(s.Deals), mon(s.Amount), rat(s.Conversion)})
	}
	funSec := &section{Title: "Stage funnel"}
	if len(fun.Rows) > 0 {
		col.add(b, funSec, chartSpec{Name: "funnel", Title: "Deals reaching each stage", Label: "Funnel chart of the number of deals that reached each stage",
			Kind: funnelChart, Data: fun, Cat: 0, Series: []int{1}})
	} else {
		funSec.Empty = "No deals created in the window."
	}

	pd := &dataTable{Columns: []column{{"Deal", textCol}, {"Account", textCol}, {"Region", textCol}, {"Owner", textCol}, {"Stage", textCol},
		{"Amount", moneyCol}, {"Close", textCol}, {"Days late", countCol}, {"Where", textCol}}}
	pd.Total = len(rev.Pipeline.PastDue)
	for _, d := range rev.Pipeline.PastDue[:b.listed("past_due_deals", pd.Total, 0)] {
		pd.Rows = append(pd.Rows, []cell{txt(dealName(d.Deal)), txt(d.Deal.Account), b.regionLink(d.Deal.Region), txt(d.Deal.Owner), txt(d.Deal.Stage),
			mon(d.Deal.Amount), txt(d.Deal.Close.String()), cnt(d.DaysLate), txt(d.Deal.Pos.String())})
	}
	risk := &dataTable{Columns: []column{{"Rule", textCol}, {"Deal", textCol}, {"Account", textCol}, {"Region", textCol}, {"Owner", textCol},
		{"Amount", moneyCol}, {"Why", textCol}, {"Where", textCol}}}
	risk.Total = len(rev.Pipeline.Risks)
	for _, r := range rev.Pipeline.Risks[:b.listed("deal_risks", risk.Total, 0)] {
		risk.Rows = append(risk.Rows, []cell{txt(riskName(r.Rule)), txt(dealName(r.Deal)), txt(r.Deal.Account), b.regionLink(r.Deal.Region),
			txt(r.Deal.Owner), mon(r.Deal.Amount), txt(r.Detail), txt(r.Deal.Pos.String())})
	}
	riskSec := &section{Title: "Deals at risk", Intro: "Open deals flagged by the rules of the definitions page, beside the pipeline total."}
	riskSec.Tables = append(riskSec.Tables, b.listTable("past_due_deals", "past-due", "Past-due deals", pd, true, 0), b.listTable("deal_risks", "risks", "Risk flags", risk, true, 0))
	p.Sections = []*section{head, flow, covSec, funSec, riskSec}
	return col.err
}

// plural says "1 deal" or "3 deals".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return number(n) + " " + many
}

// dealName names a deal in lists: its name, else its id.
func dealName(d report.DealRef) string {
	switch {
	case d.Name != "" && d.ID != "":
		return d.Name + " (" + d.ID + ")"
	case d.Name != "":
		return d.Name
	}
	return d.ID
}

// riskName is the display name of a risk rule.
func riskName(rule string) string {
	switch rule {
	case report.RulePastDue:
		return "Past due"
	case report.RuleStale:
		return "Stale"
	case report.RuleSlipping:
		return "Slipping"
	case report.RuleOutsized:
		return "Outsized"
	case report.RuleDiscounted:
		return "Discounted"
	}
	return rule
}

// ---- Forecast ----

func (b *builder) forecast(p *pageView) error {
	rev := b.rev
	var col collector
	scopes := append(append([]report.Scope(nil), rev.ByRegion...), rev.Total)
	roll := b.rollupTable(scopes)
	rSec := &section{Title: "Roll-up " + rev.Period.Name, Intro: "Closed is won so far; commit, best case and pipeline are open deals of that forecast category closing in the quarter."}
	col.add(b, rSec, chartSpec{Name: "rollup", Title: "Forecast roll-up by region", Label: "Stacked bar chart of closed, commit, best case and pipeline per region",
		Kind: stackedBar, Data: &dataTable{Columns: roll.Columns, Rows: roll.Rows[:len(rev.ByRegion)]}, Cat: 0, Series: []int{1, 2, 3, 4}, Colours: forecastColours})
	rSec.Tables = append(rSec.Tables, b.table("rollup-all", "Roll-up with totals", roll, false, 0))

	// Accuracy and bias history: quarters x regions.
	var quarters []string
	seenQ := map[string]bool{}
	for _, q := range rev.Quarters {
		for _, a := range rev.Forecast.Accuracy {
			if a.Period == q.Name && !seenQ[q.Name] {
				seenQ[q.Name] = true
				quarters = append(quarters, q.Name)
			}
		}
	}
	acc := &dataTable{Columns: []column{{"Quarter", textCol}}}
	bias := &dataTable{Columns: []column{{"Quarter", textCol}}}
	for _, r := range rev.Regions {
		acc.Columns = append(acc.Columns, column{r, percentCol})
		bias.Columns = append(bias.Columns, column{r, changeCol})
	}
	type key struct{ r, q string }
	byKey := map[key]report.ForecastAccuracy{}
	for _, a := range rev.Forecast.Accuracy {
		byKey[key{a.Region, a.Period}] = a
	}
	for _, q := range quarters {
		ar, br := []cell{txt(q)}, []cell{txt(q)}
		for _, r := range rev.Regions {
			a := byKey[key{r, q}]
			ar = append(ar, rat(a.Accuracy))
			br = append(br, rat(a.Bias))
		}
		acc.Rows = append(acc.Rows, ar)
		bias.Rows = append(bias.Rows, br)
	}
	aSec := &section{Title: "Accuracy and bias", Intro: "Accuracy = 1 - |actual - forecast| / actual; bias = (forecast - actual) / actual, from the last call before each quarter's end."}
	if len(quarters) > 0 {
		col.add(b, aSec, chartSpec{Name: "accuracy", Title: "Forecast accuracy by quarter", Label: "Line chart of forecast accuracy per quarter, one line per region",
			Kind: lineChart, Data: acc, Cat: 0, Series: seriesCols(1, len(acc.Columns)), Colours: b.regionColourList(rev.Regions)})
		col.add(b, aSec, chartSpec{Name: "bias", Title: "Forecast bias by quarter", Label: "Line chart of forecast bias per quarter, one line per region",
			Kind: lineChart, Data: bias, Cat: 0, Series: seriesCols(1, len(bias.Columns)), Colours: b.regionColourList(rev.Regions)})
	} else {
		aSec.Empty = "No forecast calls."
	}
	all := &dataTable{Columns: []column{{"Region", textCol}, {"Quarter", textCol}, {"Call submitted", textCol}, {"Forecast", moneyCol},
		{"Actual", moneyCol}, {"Accuracy", percentCol}, {"Bias", changeCol}}}
	for _, a := range rev.Forecast.Accuracy {
		sub, fc := "no call", cell{}
		if a.HasCall {
			sub, fc = a.Submitted.String(), mon(a.Forecast)
		}
		all.Rows = append(all.Rows, []cell{b.regionLink(a.Region), txt(a.Period), txt(sub), fc, mon(a.Actual), rat(a.Accuracy), rat(a.Bias)})
	}
	aSec.Tables = append(aSec.Tables, b.listTable("forecast_accuracy", "accuracy-all", "Forecast calls and outcomes", all, true, 0))
	p.Sections = []*section{rSec, aSec}
	return col.err
}

// ---- Activities ----

// heatmapWeeks is how many weeks the heatmap shows (the CSV has them all).
const heatmapWeeks = 26

func (b *builder) activities(p *pageView) error {
	rev := b.rev
	a := &rev.Activities
	var col collector
	head := &section{Title: "Volume", KPIs: []kpiTile{
		{Label: "Activities", Value: number(a.Counts.Total), Note: number(a.Counts.Call) + " calls, " + number(a.Counts.Meeting) + " meetings, " + number(a.Counts.Email) + " emails"},
		{Label: "Activities per won deal", Value: decimal(ratioPtr(a.PerWonDeal))},
		{Label: "Without a region", Value: number(a.Unassigned), Note: "counted under " + report.Unassigned},
	}}
	rowsTable := func(first string, rows []report.ActivityRow) *dataTable {
		t := &dataTable{Columns: append(append([]column{{first, textCol}}, activityCols...), column{"Total", countCol}, column{"Change", changeCol})}
		for _, r := range rows {
			t.Rows = append(t.Rows, append(append([]cell{txt(r.Key)}, activityCells(r.Counts)...), cnt(r.Counts.Total), rat(r.Change)))
		}
		return t
	}
	months := rowsTable("Month", a.ByMonth)
	if len(months.Rows) > 0 {
		col.add(b, head, chartSpec{Name: "by-month", Title: "Activities by month and type", Label: "Stacked bar chart of activities per month by type",
			Kind: stackedBar, Data: months, Cat: 0, Series: seriesCols(1, 5), Colours: activityColours})
	}
	weeks := rowsTable("Week", a.ByWeek)
	if n := len(weeks.Rows); n > 0 {
		shown := &dataTable{Columns: weeks.Columns, Rows: weeks.Rows[max(0, n-heatmapWeeks):]}
		col.add(b, head, chartSpec{Name: "week-heatmap", Title: fmt.Sprintf("Activities by week and type, last %d weeks", len(shown.Rows)),
			Label: "Heat map of activities per ISO week by type", Kind: heatmapChart, Data: shown, Cat: 0, Series: seriesCols(1, 5)})
		all := b.table("by-week-all", "Activities by week, every week", weeks, false, 0)
		all.Collapsed = true
		head.Tables = append(head.Tables, all)
	}
	regions := rowsTable("Region", a.ByRegion)
	rSec := &section{Title: "By region"}
	if len(regions.Rows) > 0 {
		col.add(b, rSec, chartSpec{Name: "by-region", Title: "Activities by region and type", Label: "Stacked bar chart of activities per region by type",
			Kind: stackedBar, Data: regions, Cat: 0, Series: seriesCols(1, 5), Colours: activityColours})
	}
	eff := &dataTable{Columns: []column{{"Type", textCol}, {"Win rate with", percentCol}, {"Win rate without", percentCol}, {"Closed deals with", countCol}, {"Closed deals without", countCol}}}
	for _, e := range a.Effectiveness {
		eff.Rows = append(eff.Rows, []cell{txt(e.Type), rat(e.WinRateWith), rat(e.WinRateWithout), cnt(e.With), cnt(e.Without)})
	}
	effi := &dataTable{Columns: []column{{"Type", textCol}, {"Bookings per activity", moneyCol}, {"Activities", countCol}, {"Bookings", moneyCol}}}
	for _, e := range a.Efficiency {
		effi.Rows = append(effi.Rows, []cell{txt(e.Type), rat(e.PerActivity), cnt(e.Activities), mon(e.Bookings)})
	}
	eSec := &section{Title: "Effectiveness and efficiency", Intro: "Win rate of closed deals with at least one linked activity of a type against those without; bookings per activity of each type in " + rev.Period.Name + "."}
	if len(eff.Rows) > 0 {
		col.add(b, eSec, chartSpec{Name: "effectiveness", Title: "Win rate with and without each activity type", Label: "Bar chart of win rate of deals with and without linked activities per type",
			Kind: barChart, Data: eff, Cat: 0, Series: []int{1, 2}, Colours: []string{"#59a14f", "#bab0ac"}})
	}
	if len(effi.Rows) > 0 {
		col.add(b, eSec, chartSpec{Name: "efficiency", Title: "Bookings per activity, " + rev.Period.Name, Label: "Bar chart of bookings per activity by type",
			Kind: barChart, Data: effi, Cat: 0, Series: []int{1}})
	}
	owners := rowsTable("Rep", a.ByOwner)
	oSec := &section{Title: "Per rep"}
	oSec.Tables = append(oSec.Tables, b.table("by-rep", "Activities per rep, all history", owners, true, 0))
	p.Sections = []*section{head, rSec, eSec, oSec}
	return col.err
}

// ---- Reps ----

// maxReps is how many reps the league table shows.
const maxReps = 200

func (b *builder) reps(p *pageView) error {
	rev := b.rev
	var col collector
	league := b.repTable(func(*report.Rep) bool { return true })
	// Rank by bookings in the review quarter, then name.
	sort.SliceStable(league.Rows, func(i, j int) bool {
		if league.Rows[i][2].Num != league.Rows[j][2].Num {
			return league.Rows[i][2].Num > league.Rows[j][2].Num
		}
		return league.Rows[i][0].Text < league.Rows[j][0].Text
	})
	lSec := &section{Title: "League table " + rev.Period.Name, Intro: "Sort by any column: select its heading."}
	top := &dataTable{Columns: league.Columns, Rows: league.Rows[:min(15, len(league.Rows))]}
	var cols []string
	for _, r := range top.Rows {
		cols = append(cols, b.colour(r[1].Text))
	}
	if len(top.Rows) > 0 {
		col.add(b, lSec, chartSpec{Name: "top-reps", Title: "Top reps by bookings, " + rev.Period.Name, Label: "Horizontal bar chart of the reps with the most bookings, coloured by region",
			Kind: barChart, Horizontal: true, Data: top, Cat: 0, Series: []int{2}, CatColours: cols, Tall: true})
	}
	lSec.Tables = append(lSec.Tables, b.listTable("reps", "league", "Reps", league, true, maxReps))

	rSec := &section{Title: "Ramp", Intro: "Average bookings per rep by month since hire, per hiring half-year."}
	maxLen := 0
	for _, c := range rev.Reps.Cohorts {
		maxLen = max(maxLen, len(c.Curve))
	}
	ramp := &dataTable{Columns: []column{{"Month since hire", textCol}}}
	for _, c := range rev.Reps.Cohorts {
		ramp.Columns = append(ramp.Columns, column{c.Cohort, moneyCol})
	}
	for m := 0; m < maxLen; m++ {
		row := []cell{txt(strconv.Itoa(m))}
		for _, c := range rev.Reps.Cohorts {
			if m < len(c.Curve) {
				row = append(row, rat(c.Curve[m]))
			} else {
				row = append(row, cell{})
			}
		}
		ramp.Rows = append(ramp.Rows, row)
	}
	if len(ramp.Rows) > 0 && len(rev.Reps.Cohorts) > 0 {
		col.add(b, rSec, chartSpec{Name: "ramp", Title: "Ramp curves by hiring cohort", Label: "Line chart of average bookings per rep by month since hire, one line per cohort",
			Kind: lineChart, Data: ramp, Cat: 0, Series: seriesCols(1, len(ramp.Columns))})
	} else {
		rSec.Empty = "No hire dates in the roster."
	}
	coh := &dataTable{Columns: []column{{"Cohort", textCol}, {"Reps", countCol}, {"Reps with a win", countCol}, {"Median days to first win", daysCol}}}
	for _, c := range rev.Reps.Cohorts {
		coh.Rows = append(coh.Rows, []cell{txt(c.Cohort), cnt(c.Reps), cnt(c.RepsWithWin), rat(c.MedianDaysToFirstWin)})
	}
	if len(coh.Rows) > 0 {
		rSec.Tables = append(rSec.Tables, b.listTable("ramp_cohorts", "cohorts", "Hiring cohorts", coh, false, 0))
	}
	p.Sections = []*section{lSec, rSec}
	return col.err
}

// ---- Changes ----

// changeName is the display name of a change category.
func changeName(c string) string {
	switch c {
	case report.ChangePulledIn:
		return "Pulled in"
	case "":
		return ""
	}
	return strings.ToUpper(c[:1]) + c[1:]
}

// maxChangeDeals is how many deals each step of the waterfall lists.
const maxChangeDeals = 20

func (b *builder) changes(p *pageView) error {
	ch := b.rev.Changes
	var col collector
	wf := &dataTable{Columns: []column{{"Step", textCol}, {"Amount", moneyCol}, {"Deals", countCol}}}
	totals := []bool{true}
	wf.Rows = append(wf.Rows, []cell{txt("Open " + ch.OldAsOf.String()), mon(ch.OldOpenTotal), {}})
	for _, s := range ch.Steps {
		wf.Rows = append(wf.Rows, []cell{txt(changeName(s.Category)), mon(s.Amount), cnt(s.Deals)})
		totals = append(totals, false)
	}
	wf.Rows = append(wf.Rows, []cell{txt("Open " + ch.NewAsOf.String()), mon(ch.NewOpenTotal), {}})
	totals = append(totals, true)
	wSec := &section{Title: "From " + ch.OldAsOf.String() + " to " + ch.NewAsOf.String(),
		Intro: "How the open pipeline moved between the two snapshots; the steps add up exactly."}
	if ch.Unmatched > 0 {
		wSec.Intro += " " + number(ch.Unmatched) + " deals without an id could not be compared."
	}
	col.add(b, wSec, chartSpec{Name: "waterfall", Title: "Open pipeline waterfall", Label: "Waterfall chart of the open pipeline from the earlier to the later snapshot by kind of change",
		Kind: waterfallChart, Data: wf, Cat: 0, Series: []int{1}, Totals: totals})
	sections := []*section{wSec}
	all := changeDealTable()
	byCat := map[string]*dataTable{}
	shown := b.listed("deal_changes", len(ch.Deals), maxChangeDeals) // per table
	for _, d := range ch.Deals {
		t := byCat[d.Category]
		if t == nil {
			t = changeDealTable()
			byCat[d.Category] = t
		}
		var row []cell
		for _, dt := range []*dataTable{all, t} {
			dt.Total++
			if len(dt.Rows) < shown {
				if row == nil {
					row = changeDealRow(b, d)
				}
				dt.Rows = append(dt.Rows, row)
			}
		}
	}
	for _, s := range ch.Steps {
		t := byCat[s.Category]
		if t == nil || s.Category == report.ChangeUnchanged {
			continue
		}
		sec := &section{Title: changeName(s.Category) + ": " + b.f.money(s.Amount) + " in " + plural(s.Deals, "deal", "deals")}
		sec.Tables = append(sec.Tables, b.listTable("deal_changes", "deals-"+s.Category, "Deals "+changeName(s.Category), t, true, maxChangeDeals))
		sections = append(sections, sec)
	}
	dSec := &section{Title: "Every changed deal", Intro: "Unchanged deals are counted in the waterfall, not listed."}
	dSec.Tables = append(dSec.Tables, b.listTable("deal_changes", "deals-all", "Every changed deal", all, true, maxChangeDeals))
	p.Sections = append(sections, dSec)
	return col.err
}

func changeDealTable() *dataTable {
	return &dataTable{Columns: []column{{"Deal", textCol}, {"Account", textCol}, {"Region", textCol}, {"Change", textCol},
		{"Stage before", textCol}, {"Stage after", textCol}, {"Amount before", moneyCol}, {"Amount after", moneyCol},
		{"Close before", textCol}, {"Close after", textCol}, {"Effect on open pipeline", moneyCol}}}
}

func changeDealRow(b *builder, d report.DealChange) []cell {
	name := d.Name
	if d.ID != "" {
		name = strings.TrimSpace(name + " (" + d.ID + ")")
	}
	return []cell{txt(name), txt(d.Account), b.regionLink(d.Region), txt(changeName(d.Category)), txt(d.OldStage), txt(d.NewStage),
		mon(d.OldAmount), mon(d.NewAmount), txt(d.OldClose.String()), txt(d.NewClose.String()), mon(d.Delta)}
}

// ---- Data quality ----

// maxProblems is how many problems the data-quality page lists.
const maxProblems = 500

func (b *builder) quality(p *pageView) error {
	q := &b.rev.Quality
	head := &section{Title: "Summary", KPIs: []kpiTile{
		{Label: "Warnings", Value: number(len(q.Problems))},
		{Label: "Won deals without created date", Value: number(q.Counts.DealsWithoutCreated), Note: "left out of the sales cycle"},
		{Label: "Activities without region", Value: number(q.Counts.ActivitiesUnassigned), Note: "counted under " + report.Unassigned},
		{Label: "Open deals past due", Value: number(q.Counts.OpenPastDue)},
		{Label: "Won deals with zero amount", Value: number(q.Counts.ZeroAmountWon)},
	}}
	if n := q.Counts.ActivitiesAfterAsOf; n > 0 {
		head.KPIs = append(head.KPIs, kpiTile{Label: "Activities after the as-of date", Value: number(n), Note: "planned tasks, left out"})
	}
	tables := &dataTable{Columns: []column{{"File", textCol}, {"Sheet", textCol}, {"Kind", textCol}, {"Header row", countCol},
		{"Rows read", countCol}, {"Records", countCol}, {"Skipped", countCol}, {"Skipped by reason", textCol}, {"Accounted for", textCol}, {"Note", textCol}}}
	for _, t := range q.Tables {
		reasons := make([]string, 0, len(t.Skipped))
		for r := range t.Skipped {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		skipped := 0
		var parts []string
		for _, r := range reasons {
			skipped += t.Skipped[r]
			parts = append(parts, r+": "+number(t.Skipped[r]))
		}
		ok := "yes"
		if t.RowsRead != t.Records+skipped {
			ok = fmt.Sprintf("no: %s rows unaccounted", number(t.RowsRead-t.Records-skipped))
		}
		hr := cnt(t.HeaderRow)
		if t.HeaderRow == 0 {
			hr = cell{}
		}
		tables.Rows = append(tables.Rows, []cell{txt(t.File), txt(t.Sheet), txt(string(t.Kind)), hr, cnt(t.RowsRead), cnt(t.Records),
			cnt(skipped), txt(strings.Join(parts, ", ")), txt(ok), txt(t.Note)})
	}
	tSec := &section{Title: "Rows read", Intro: "For each sheet: rows read = records + rows skipped by reason."}
	tSec.Tables = append(tSec.Tables, b.listTable("input_tables", "tables", "Tables read", tables, false, 1000))
	probs := &dataTable{Columns: []column{{"Where", textCol}, {"File", textCol}, {"Sheet", textCol}, {"Cell", textCol}, {"Severity", textCol}, {"Problem", textCol}}}
	for _, pr := range q.Problems {
		c := ""
		if pr.Pos.Row > 0 {
			c = cellref.Column(pr.Pos.Col) + strconv.Itoa(pr.Pos.Row)
			if pr.Pos.Col == 0 {
				c = "row " + strconv.Itoa(pr.Pos.Row)
			}
		}
		probs.Rows = append(probs.Rows, []cell{txt(pr.Pos.String()), txt(pr.Pos.File), txt(pr.Pos.Sheet), txt(c), txt(pr.Severity.String()), txt(pr.Msg)})
	}
	pSec := &section{Title: "Warnings", Intro: "Every warning with its file, sheet and cell."}
	if len(probs.Rows) == 0 {
		pSec.Empty = "No warnings."
	} else {
		pSec.Tables = append(pSec.Tables, b.listTable("data_problems", "problems", "Warnings", probs, true, maxProblems))
	}
	p.Sections = []*section{head, tSec, pSec}
	return nil
}
