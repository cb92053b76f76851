package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/english"
)

// The colours of the outlook's charts.
const (
	bookedColour    = "#59a14f"
	projectedColour = "#4e79a7"
	currentColour   = "#e15759"
)

// earlierColours colour the earlier quarters of a pacing chart, most
// recent first.
var earlierColours = []string{"#76b7b2", "#9c755f", "#bab0ac", "#d4d0cc"}

// outlook builds the Outlook page: where each region lands this quarter
// and the next, the pacing of all regions, and the projection's track
// record.
func (b *builder) outlook(p *pageView) error {
	o := &b.rev.Outlook
	p.Title = "Outlook " + o.Current.Name
	if len(o.Scopes) == 0 {
		p.Sections = []*section{{Title: "Outlook", Empty: "No outlook: the review has no as-of quarter."}}
		return nil
	}
	p.Sections = []*section{b.landing(o, false), b.landing(o, true), b.pacingSection(&o.Scopes[0], o.Days, "pacing"),
		b.trackRecord(o)}
	return nil
}

// landing is the section of where every region lands in the current (or
// the next) quarter: a sentence per scope, a chart and the table.
func (b *builder) landing(o *report.Outlook, next bool) *section {
	q, when := o.Current.Name, fmt.Sprintf("day %d of %d, as of %s", o.Day, o.Days, o.AsOf)
	if next {
		q, when = o.Next.Name, "as of "+o.AsOf.String()
	}
	sec := &section{Title: "Where each region lands in " + q,
		Intro: "Projected bookings at the end of " + q + " (" + when + "): 8 quarters in 10 land between P10 and P90. " +
			"The Definitions page says how the projection is made."}
	t := b.landingTable(o, next)
	for _, sc := range o.Scopes {
		sec.Highlights = append(sec.Highlights, b.landingSentence(sc.Region, pick(sc, next)))
	}
	b.addChart(sec, chartSpec{Name: "landing-" + map[bool]string{false: "current", true: "next"}[next],
		Title: "Booked, projected (P50) and target by region, " + q,
		Label: "Bar chart of bookings so far, projected bookings and target per region in " + q, Kind: barChart,
		Data: &dataTable{Columns: t.Columns, Rows: t.Rows}, Series: []string{"Booked", "Projected P50", "Target"},
		Colours: []string{bookedColour, projectedColour, targetColour}})
	sec.Tables = append(sec.Tables, b.table("landing-"+q, "Where each region lands, "+q, t, true, 0))
	return sec
}

// pick returns a scope's current or next quarter.
func pick(sc report.OutlookScope, next bool) report.OutlookQuarter {
	if next {
		return sc.Next
	}
	return sc.Current
}

// landingTable has a row per region (and a foot for all regions) of one
// quarter's outlook.
func (b *builder) landingTable(o *report.Outlook, next bool) *dataTable {
	t := &dataTable{Columns: []column{col("Region", textCol), col("Target", moneyCol), col("Booked", moneyCol),
		col("Gap", moneyCol), col("Open pipeline in quarter", moneyCol), col("Coverage", timesCol),
		col("Required coverage", timesCol), col("Projected P10", moneyCol), col("Projected P50", moneyCol),
		col("Projected P90", moneyCol), col("Probability of target", percentCol), col("Commit call", moneyCol)}}
	for i, sc := range o.Scopes {
		q := pick(sc, next)
		name := txt("All regions")
		if i > 0 {
			name = b.regionLink(sc.Region)
		}
		p := q.Projection
		cov := rat(q.Coverage)
		if q.TargetMet {
			cov.Note = "target met"
		}
		call := cell{}
		if q.Call != nil {
			call = mon(q.Call.Commit)
		}
		row := []cell{name, optMoney(q.Target, q.HasTarget), mon(q.Booked), optMoney(q.Gap, q.HasTarget),
			optMoney(q.OpenInQuarter, q.OpenKnown), cov, rat(q.Required), optMoney(p.P10, p.OK), optMoney(p.P50, p.OK),
			optMoney(p.P90, p.OK), rat(p.ProbabilityOfTarget), call}
		if i == 0 {
			t.Foot = row
		} else {
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// landingSentence says where a region ("": all regions) lands in a
// quarter, or why there is no projection.
func (b *builder) landingSentence(region string, q report.OutlookQuarter) string {
	p := q.Projection
	name, is := region, "is"
	if region == "" {
		name, is = "All regions", "are"
	}
	if !p.OK {
		return fmt.Sprintf("%s, %s: no projection, %s; %s booked so far.", name, q.Quarter, p.Reason, b.f.money(q.Booked))
	}
	s := fmt.Sprintf("%s %s projected to book %s in %s (8 in 10 between %s and %s)", name, is, b.f.money(p.P50), q.Quarter,
		b.f.money(p.P10), b.f.money(p.P90))
	switch {
	case !q.HasTarget:
		return s + "; there is no target to compare."
	case q.TargetMet:
		return fmt.Sprintf("%s; it has already booked %s, reaching its target of %s.", s, b.f.money(q.Booked), b.f.money(q.Target))
	}
	return fmt.Sprintf("%s against a target of %s: %s.", s, b.f.money(q.Target), chanceWords(p.ProbabilityOfTarget))
}

// chanceWords says how likely the target is: a percentage, never "100.0%"
// or "0.0%" unless every or no simulated quarter reached it.
func chanceWords(r report.Ratio) string {
	v := r.Value
	switch {
	case !r.OK:
		return "its chance is n/a"
	case v >= 1:
		return "every simulated quarter reached it"
	case v <= 0:
		return "no simulated quarter reached it"
	case v >= 0.9995:
		return "over 99.9% likely to reach it"
	case v < 0.0005:
		return "under 0.1% likely to reach it"
	}
	return percent(&v) + " likely to reach it"
}

// pacingSection is the section of a scope's cumulative bookings by day of
// the quarter, beside the quarters before it.
func (b *builder) pacingSection(sc *report.OutlookScope, days int, name string) *section {
	p := sc.Pacing
	sec := &section{Title: "Pacing", Highlights: []string{b.pacingSentence(p, days)}}
	if len(p.Quarters) == 0 {
		sec.Empty = "No quarter to compare."
		return sec
	}
	t := b.pacingTable(p)
	title := "Share of target booked by day of quarter"
	if !p.Share.OK {
		title = "Bookings by day of quarter"
	}
	b.addChart(sec, chartSpec{Name: name, Title: title,
		Label: "Line chart of " + strings.ToLower(title) + ", this quarter and the ones before it", Kind: lineChart, Data: t,
		Series: []string{"quarters"}})
	return sec
}

// pacingTable has a row per day of the quarter and a column per quarter:
// the share of its target booked by that day (bookings without targets).
func (b *builder) pacingTable(p report.Pacing) *dataTable {
	shares := p.Share.OK
	kind := moneyCol
	if shares {
		kind = percentCol
	}
	t := &dataTable{Columns: []column{col("Day of quarter", textCol)}}
	days := 0
	for j, q := range p.Quarters {
		colour := currentColour
		if j > 0 {
			colour = earlierColours[(j-1)%len(earlierColours)]
		}
		t.Columns = append(t.Columns, column{Label: q.Quarter, Kind: kind, Key: "quarters", Colour: colour})
		days = max(days, q.Days)
	}
	for d := range days {
		row := []cell{txt(strconv.Itoa(d + 1))}
		for _, q := range p.Quarters {
			switch {
			case d >= len(q.Cumulative):
				row = append(row, cell{})
			case shares && q.HasTarget:
				row = append(row, rat(report.Div(float64(q.Cumulative[d]), float64(q.Target))))
			case shares:
				row = append(row, cell{})
			default:
				row = append(row, mon(q.Cumulative[d]))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// pacingSentence: "At day 41 of 91 you have booked 38.0% of target; the
// last four quarters had booked 31.0-44.0% by day 41." In money when the
// current quarter has no target; it names how many earlier quarters it
// compares with.
func (b *builder) pacingSentence(p report.Pacing, days int) string {
	if len(p.Quarters) == 0 {
		return ""
	}
	cur := p.Quarters[0]
	s := fmt.Sprintf("At day %d of %d you have booked %s", p.Day, days, b.f.money(cur.AtDay))
	if p.Share.OK {
		s = fmt.Sprintf("At day %d of %d you have booked %s of target", p.Day, days, percent(&p.Share.Value))
	}
	earlier := len(p.Quarters) - 1
	if earlier == 0 {
		return s + "; no earlier quarter of the data to compare with."
	}
	which := "the last four quarters"
	switch {
	case earlier == 1:
		which = "the quarter before it"
	case earlier < 4:
		which = "the " + english.Plural(earlier, "quarter", "quarters") + " before it in the data"
	}
	if !p.Share.OK || p.EarlierWithTarget == 0 {
		lo, hi := b.earlierBooked(p)
		span := b.f.money(lo)
		if b.f.money(hi) != span {
			span = "between " + span + " and " + b.f.money(hi)
		}
		return fmt.Sprintf("%s; %s had booked %s by day %d.", s, which, span, p.Day)
	}
	if p.EarlierWithTarget < earlier {
		// Of the last four quarters, the 3 with a target; ... the one with a target.
		n := strconv.Itoa(p.EarlierWithTarget)
		if p.EarlierWithTarget == 1 {
			n = "one"
		}
		which = "of " + which + ", the " + n + " with a target"
	}
	return fmt.Sprintf("%s; %s had booked %s by day %d.", s, which,
		spanText(percent(&p.EarlierLow.Value), percent(&p.EarlierHigh.Value)), p.Day)
}

// earlierBooked returns the lowest and highest bookings of the earlier
// quarters by the day.
func (b *builder) earlierBooked(p report.Pacing) (lo, hi report.Money) {
	for j, q := range p.Quarters[1:] {
		if j == 0 || q.AtDay < lo {
			lo = q.AtDay
		}
		if j == 0 || q.AtDay > hi {
			hi = q.AtDay
		}
	}
	return lo, hi
}

// spanText is "lo-hi", or one figure when both read the same.
func spanText(lo, hi string) string {
	if lo == hi {
		return lo
	}
	return lo + "-" + hi
}

// trackRecord is the section of the backtest: each complete quarter
// projected on its own day with what was known then, beside what it booked,
// the weighted pipeline and the call of that day.
func (b *builder) trackRecord(o *report.Outlook) *section {
	bt := &o.Backtest
	sec := &section{Title: "Track record",
		Intro: fmt.Sprintf("Each of the last complete quarters projected on its own day %d, by the same method and with only "+
			"what was known that day, beside what it booked. Errors are forecast - actual.", bt.Day),
		Highlights: b.trackRecordSentences(bt)}
	t := b.backtestTable(bt, "")
	if len(t.Rows) == 0 {
		sec.Empty = "No complete quarter of the data to look back on."
		return sec
	}
	series := []string{"Actual", "Projected P10", "Projected P50", "Projected P90"}
	for _, r := range bt.Rows {
		if r.Region == "" && r.Weighted.OK && !slices.Contains(series, "Weighted pipeline") {
			series = append(series, "Weighted pipeline")
		}
		if r.Region == "" && r.Call != nil && !slices.Contains(series, "Commit call") {
			series = append(series, "Commit call")
		}
	}
	b.addChart(sec, chartSpec{Name: "track-record", Title: "Projection and outcome by quarter, all regions",
		Label: "Line chart of the actual bookings, the projection's P10, P50 and P90, the weighted pipeline and the call per quarter",
		Kind:  lineChart, Data: t, Series: series})
	all := b.backtestTable(bt, "*")
	sec.Tables = append(sec.Tables, b.listTable("outlook_backtest", "track-record-all", "Every projection and its outcome", all, true, 0))
	return sec
}

// backtestTable has a row per backtest row of the total (region "") or of
// every scope (region "*").
func (b *builder) backtestTable(bt *report.Backtest, region string) *dataTable {
	cols := []column{col("Quarter", textCol)}
	if region == "*" {
		cols = append(cols, col("Region", textCol))
	}
	t := &dataTable{Columns: append(cols, col("Projected on", textCol), col("Projected P10", moneyCol),
		col("Projected P50", moneyCol), col("Projected P90", moneyCol), col("Actual", moneyCol), col("In P10-P90", textCol),
		col("Weighted pipeline", moneyCol), col("Commit call", moneyCol), col("No projection because", textCol))}
	for _, r := range bt.Rows {
		if region != "*" && r.Region != region {
			continue
		}
		p := r.Projection
		row := []cell{txt(r.Quarter)}
		if region == "*" {
			row = append(row, txt(regionOrAll(r.Region)))
		}
		in, call := "", cell{}
		if p.OK {
			in = map[bool]string{true: "yes", false: "no"}[r.InRange]
		}
		if r.Call != nil {
			call = mon(r.Call.Commit)
		}
		t.Rows = append(t.Rows, append(row, txt(r.AsOf.String()), optMoney(p.P10, p.OK), optMoney(p.P50, p.OK),
			optMoney(p.P90, p.OK), mon(r.Actual), txt(in), rat(r.Weighted), call, txt(p.Reason)))
	}
	return t
}

// trackRecordSentences say how often P10-P90 held the actual, and how the
// projection compares with the weighted pipeline and the calls where they
// exist.
func (b *builder) trackRecordSentences(bt *report.Backtest) []string {
	if len(bt.Summaries) == 0 || bt.Summaries[0].Projected == 0 && bt.Pooled.Projected == 0 {
		return []string{"No earlier quarter had enough history to be projected."}
	}
	total, regions := bt.Summaries[0], bt.Pooled
	out := []string{fmt.Sprintf("P10-P90 held the actual in %d of %s for all regions, and in %d of %s.",
		total.InRange, english.Plural(total.Projected, "quarter", "quarters"),
		regions.InRange, english.Plural(regions.Projected, "region-quarter", "region-quarters"))}
	out = append(out, b.comparisonSentence("the weighted pipeline of that day", total.VsWeighted, regions.VsWeighted,
		"No export was taken on that day of an earlier quarter, so its weighted pipeline is not known."))
	out = append(out, b.comparisonSentence("the commit call of that day", total.VsCall, regions.VsCall,
		"No forecast call was submitted by that day of an earlier quarter."))
	return out
}

// comparisonSentence compares the projection's mean absolute error with
// another forecast's on the rows where both exist.
func (b *builder) comparisonSentence(other string, total, regions report.Comparison, none string) string {
	if total.Rows == 0 && regions.Rows == 0 {
		return none
	}
	var parts []string
	if total.Rows > 0 {
		parts = append(parts, fmt.Sprintf("for all regions (%s) %s against %s", english.Plural(total.Rows, "quarter", "quarters"),
			b.f.moneyFloat(total.ProjectionMAE.Value), b.f.moneyFloat(total.OtherMAE.Value)))
	}
	if regions.Rows > 0 {
		parts = append(parts, fmt.Sprintf("over the regions (%s) %s against %s, closer in %d and farther in %d",
			english.Plural(regions.Rows, "region-quarter", "region-quarters"), b.f.moneyFloat(regions.ProjectionMAE.Value),
			b.f.moneyFloat(regions.OtherMAE.Value), regions.ProjectionCloser, regions.OtherCloser))
	}
	return "Mean absolute error of the projection (P50) against " + other + ": " + strings.Join(parts, "; ") + "."
}

// outlookSummary is the outlook section of the overview (the total) or of a
// region page: where the scope lands this quarter and the next, and its
// pacing.
func (b *builder) outlookSummary(region string) *section {
	o := &b.rev.Outlook
	sec := &section{Title: "Outlook"}
	var sc *report.OutlookScope
	for i := range o.Scopes {
		if o.Scopes[i].Region == region {
			sc = &o.Scopes[i]
		}
	}
	if sc == nil {
		sec.Empty = "No outlook."
		return sec
	}
	sec.Title = "Outlook " + o.Current.Name + " and " + o.Next.Name
	sec.Intro = fmt.Sprintf("As of %s, day %d of %d of %s; the Outlook page has every region and the track record.",
		o.AsOf, o.Day, o.Days, o.Current.Name)
	sec.Highlights = []string{b.landingSentence(region, sc.Current), b.landingSentence(region, sc.Next), b.pacingSentence(sc.Pacing, o.Days)}
	p := b.pacingSection(sc, o.Days, "outlook-pacing")
	sec.Charts = p.Charts
	return sec
}
