package site

import (
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/english"
)

// maxChangeDeals is how many deals each step of the waterfall lists.
const maxChangeDeals = 20

// changes builds the Changes page: the waterfall of the open pipeline
// between two snapshots, the deals of each step, and every changed deal.
func (b *builder) changes(p *pageView) error {
	ch := b.rev.Changes
	all, byCat := b.changedDeals(ch)
	sections := []*section{b.waterfall(ch)}
	for _, s := range ch.Steps {
		t := byCat[s.Category]
		if t == nil || s.Category == report.ChangeUnchanged {
			continue
		}
		title := changeName(s.Category) + ": " + b.f.money(s.Amount) + " in " + english.Plural(s.Deals, "deal", "deals")
		sec := &section{Title: title}
		sec.Tables = append(sec.Tables,
			b.listTable("deal_changes", "deals-"+s.Category, "Deals "+changeName(s.Category), t, true, maxChangeDeals))
		sections = append(sections, sec)
	}
	every := &section{Title: "Every changed deal", Intro: "Unchanged deals are counted in the waterfall, not listed."}
	every.Tables = append(every.Tables,
		b.listTable("deal_changes", "deals-all", "Every changed deal", all, true, maxChangeDeals))
	p.Sections = append(sections, every)
	return nil
}

// waterfall is the section of the waterfall chart.
func (b *builder) waterfall(ch *report.Changes) *section {
	wf := &dataTable{Columns: []column{col("Step", textCol), col("Amount", moneyCol), col("Deals", countCol)}}
	totals := []bool{true}
	wf.Rows = append(wf.Rows, []cell{txt("Open " + ch.OldAsOf.String()), mon(ch.OldOpenTotal), {}})
	for _, s := range ch.Steps {
		wf.Rows = append(wf.Rows, []cell{txt(changeName(s.Category)), mon(s.Amount), cnt(s.Deals)})
		totals = append(totals, false)
	}
	wf.Rows = append(wf.Rows, []cell{txt("Open " + ch.NewAsOf.String()), mon(ch.NewOpenTotal), {}})
	totals = append(totals, true)
	sec := &section{Title: "From " + ch.OldAsOf.String() + " to " + ch.NewAsOf.String(),
		Intro: "How the open pipeline moved between the two snapshots; the steps add up exactly."}
	if ch.Unmatched > 0 {
		sec.Intro += " " + number(ch.Unmatched) + " deals without an id could not be compared."
	}
	b.addChart(sec, chartSpec{Name: "waterfall", Title: "Open pipeline waterfall",
		Label: "Waterfall chart of the open pipeline from the earlier to the later snapshot by kind of change",
		Kind:  waterfallChart, Data: wf, Series: []string{"Amount"}, Totals: totals})
	return sec
}

// changedDeals are the tables of every changed deal and of the deals of
// each category. A table holds the rows its page shows when the review's
// CSV carries them all (Total says how many there are).
func (b *builder) changedDeals(ch *report.Changes) (all *dataTable, byCat map[string]*dataTable) {
	all, byCat = changeDealTable(), map[string]*dataTable{}
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
	case "":
		return ""
	}
	return strings.ToUpper(c[:1]) + c[1:]
}
