package site

import (
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/english"
)

// maxChangeDeals is how many deals each step of the waterfall lists.
const maxChangeDeals = 20

// changes builds the Changes page: the waterfall of the pipeline closing
// in the changes quarter between two snapshots and the deals of each step,
// then the waterfall of the whole open pipeline and every changed deal.
func (b *builder) changes(p *pageView) error {
	ch := b.rev.Changes
	qc := &ch.Quarter
	_, byCat := b.changedDeals(qc.Deals, "deal_changes_quarter")
	sections := []*section{b.quarterWaterfall(ch)}
	for _, s := range qc.Steps {
		t := byCat[s.Category]
		if t == nil || s.Category == report.ChangeUnchanged {
			continue
		}
		title := changeName(s.Category) + ": " + b.signedMoney(s.Amount) + " in " + english.Plural(s.Deals, "deal", "deals")
		sec := &section{Title: title, Intro: changeMeaning(s.Category, qc.Quarter.Name)}
		sec.Tables = append(sec.Tables,
			b.listTable("deal_changes_quarter", "deals-"+s.Category, "Deals "+changeName(s.Category), t, true, maxChangeDeals))
		sections = append(sections, sec)
	}
	all, _ := b.changedDeals(ch.Deals, "deal_changes")
	whole := b.waterfall(ch)
	whole.Tables = append(whole.Tables,
		b.listTable("deal_changes", "deals-all", "Every changed deal of the open pipeline", all, true, maxChangeDeals))
	p.Sections = append(sections, whole)
	return nil
}

// quarterWaterfall is the section of the waterfall of the pipeline that
// closes in the changes quarter.
func (b *builder) quarterWaterfall(ch *report.Changes) *section {
	qc := &ch.Quarter
	name := qc.Quarter.Name
	sec := &section{Title: "Pipeline closing in " + name + ": from " + ch.OldAsOf.String() + " to " + ch.NewAsOf.String(),
		Intro: "The open deals with a close date in " + name + " on each date: a deal pushed to a later quarter takes its " +
			"whole amount out of " + name + ", one pulled in from a later quarter brings its whole amount; the steps add up exactly."}
	b.addChart(sec, chartSpec{Name: "quarter-waterfall", Title: "Open pipeline closing in " + name,
		Label: "Waterfall chart of the open pipeline closing in " + name + " from the earlier to the later snapshot by kind of change",
		Kind:  waterfallChart, Data: waterfallTable(ch, qc.OldOpenTotal, qc.Steps, qc.NewOpenTotal), Series: []string{"Amount"},
		Totals: waterfallTotals(len(qc.Steps))})
	return sec
}

// waterfall is the section of the waterfall of the whole open pipeline.
func (b *builder) waterfall(ch *report.Changes) *section {
	sec := &section{Title: "The whole open pipeline: from " + ch.OldAsOf.String() + " to " + ch.NewAsOf.String(),
		Intro: "Every open deal whatever its close date. A deal whose close date moved stays in this pipeline, so pushed " +
			"and pulled-in deals count only their change in amount here; the steps add up exactly."}
	if ch.Unmatched > 0 {
		sec.Intro += " " + number(ch.Unmatched) + " deals without an id could not be compared."
	}
	b.addChart(sec, chartSpec{Name: "waterfall", Title: "Open pipeline waterfall",
		Label: "Waterfall chart of the open pipeline from the earlier to the later snapshot by kind of change",
		Kind:  waterfallChart, Data: waterfallTable(ch, ch.OldOpenTotal, ch.Steps, ch.NewOpenTotal), Series: []string{"Amount"},
		Totals: waterfallTotals(len(ch.Steps))})
	return sec
}

// waterfallTable is a waterfall's numbers: the open total on the earlier
// date, the steps, the open total on the later date.
func waterfallTable(ch *report.Changes, start report.Money, steps []report.WaterfallStep, end report.Money) *dataTable {
	wf := &dataTable{Columns: []column{col("Step", textCol), col("Amount", moneyCol), col("Deals", countCol)}}
	wf.Rows = append(wf.Rows, []cell{txt("Open " + ch.OldAsOf.String()), mon(start), {}})
	for _, s := range steps {
		wf.Rows = append(wf.Rows, []cell{txt(changeName(s.Category)), mon(s.Amount), cnt(s.Deals)})
	}
	wf.Rows = append(wf.Rows, []cell{txt("Open " + ch.NewAsOf.String()), mon(end), {}})
	return wf
}

// waterfallTotals marks the first and last bars of a waterfall of n steps
// as totals.
func waterfallTotals(n int) []bool {
	totals := make([]bool, n+2)
	totals[0], totals[n+1] = true, true
	return totals
}

// changedDeals are the table of every deal of deals and the tables of the
// deals of each category. A table holds the rows its page shows when the
// review's CSV (reviewTable) carries them all (Total says how many there
// are).
func (b *builder) changedDeals(deals []report.DealChange, reviewTable string) (all *dataTable, byCat map[string]*dataTable) {
	all, byCat = changeDealTable(), map[string]*dataTable{}
	shown := b.listed(reviewTable, len(deals), maxChangeDeals) // per table
	for _, d := range deals {
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
					row = b.changeDealRow(d)
				}
				dt.Rows = append(dt.Rows, row)
			}
		}
	}
	return all, byCat
}

func changeDealTable() *dataTable {
	return &dataTable{Columns: []column{col("Deal", textCol), col("Account", textCol), col("Region", textCol),
		col("Change", textCol), col("Stage before", textCol), col("Stage after", textCol), col("Amount before", moneyCol),
		col("Amount after", moneyCol), col("Close before", textCol), col("Close after", textCol),
		col("Effect on open pipeline", moneyCol)}}
}

func (b *builder) changeDealRow(d report.DealChange) []cell {
	name := d.Name
	if d.ID != "" {
		name = strings.TrimSpace(name + " (" + d.ID + ")")
	}
	return []cell{txt(name), txt(d.Account), b.regionLink(d.Region), txt(changeName(d.Category)), txt(d.OldStage),
		txt(d.NewStage),
		mon(d.OldAmount), mon(d.NewAmount), txt(d.OldClose.String()), txt(d.NewClose.String()), mon(d.Delta)}
}

// changeName is the display name of a change category.
func changeName(c string) string {
	switch c {
	case report.ChangePulledIn:
		return "Pulled in"
	case report.ChangeFromEarlier:
		return "From an earlier quarter"
	case report.ChangeToEarlier:
		return "To an earlier quarter"
	case "":
		return ""
	}
	return strings.ToUpper(c[:1]) + c[1:]
}

// changeMeaning says in a sentence what a step of the quarter's waterfall
// holds.
func changeMeaning(c, quarter string) string {
	switch c {
	case report.ChangeNew:
		return "Deals in the later export only, closing in " + quarter + "."
	case report.ChangePulledIn:
		return "Open deals whose close date moved into " + quarter + " from a later quarter: their whole amount."
	case report.ChangeFromEarlier:
		return "Open deals whose close date moved into " + quarter + " from an earlier quarter (past-due deals given a new date): their whole amount."
	case report.ChangeReopened:
		return "Deals closed before, open now and closing in " + quarter + "."
	case report.ChangeIncreased, report.ChangeDecreased:
		return "Open deals closing in " + quarter + " on both dates whose amount changed: the change."
	case report.ChangePushed:
		return "Open deals whose close date left " + quarter + " for a later quarter: their whole amount left the quarter."
	case report.ChangeToEarlier:
		return "Open deals whose close date moved from " + quarter + " to an earlier quarter: their whole amount."
	case report.ChangeWon, report.ChangeLost:
		return "Deals open and closing in " + quarter + " before, " + c + " now: they leave the open pipeline."
	case report.ChangeRemoved:
		return "Deals in the earlier export only."
	}
	return ""
}
