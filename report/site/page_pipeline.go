package site

import (
	"github.com/salesreview/salesreview/report"
)

// pipeline builds the Pipeline page: the open pipeline, pipeline created,
// win rate and cycle, coverage, the stage funnel and the deals at risk.
func (b *builder) pipeline(p *pageView) error {
	p.Sections = []*section{b.openPipeline(), b.pipelineFlow(), b.coverage(), b.funnel(), b.dealsAtRisk()}
	return nil
}

// openPipeline is the section of tiles and the open pipeline by stage.
func (b *builder) openPipeline() *section {
	rev := b.rev
	t := &rev.Total
	sec := &section{Title: "Open pipeline", Intro: "As of " + rev.AsOf.String() + ".", KPIs: []kpiTile{
		{Label: "Open pipeline", Value: b.f.money(t.OpenPipeline), Note: number(t.OpenDeals) + " open deals"},
		{Label: "Weighted pipeline", Value: b.f.moneyFloat(t.WeightedPipeline)},
		b.coverageTile(t.Coverage),
		{Label: "Past-due deals", Value: number(len(rev.Pipeline.PastDue))},
	}}
	if stages := b.stageTable(t); len(stages.Rows) > 0 {
		b.addChart(sec, chartSpec{Name: "stages", Title: "Open pipeline by stage",
			Label: "Bar chart of open and weighted pipeline per stage", Kind: barChart, Data: stages,
			Series: []string{"Amount", "Weighted"}})
	}
	return sec
}

// stageTable is a scope's open pipeline by stage.
func (b *builder) stageTable(s *report.Scope) *dataTable {
	t := &dataTable{Columns: []column{col("Stage", textCol), col("Deals", countCol), col("Amount", moneyCol),
		col("Weighted", moneyCol)}}
	for _, st := range s.PipelineByStage {
		t.Rows = append(t.Rows, []cell{txt(st.Stage), cnt(st.Deals), mon(st.Amount), num(st.Weighted)})
	}
	return t
}

// pipelineFlow is the section of pipeline created by region, win rate and
// sales cycle per quarter of the trend window.
func (b *builder) pipelineFlow() *section {
	created := b.regionTrend(func(q report.QuarterFigures) cell { return mon(q.Created) }, moneyCol)
	wr := &dataTable{Columns: []column{col("Quarter", textCol), col("Win rate by count", percentCol),
		col("Win rate by value", percentCol), col("Won", countCol), col("Lost", countCol)}}
	cyc := &dataTable{Columns: []column{col("Quarter", textCol), col("Median cycle", daysCol),
		col("Mean cycle", daysCol), col("Deals", countCol), col("Average deal size", moneyCol)}}
	for _, q := range b.trend(&b.rev.Total) {
		wr.Rows = append(wr.Rows,
			[]cell{txt(q.Period), rat(q.WinRate), rat(q.WinRateValue), cnt(q.WonDeals), cnt(q.LostDeals)})
		cyc.Rows = append(cyc.Rows,
			[]cell{txt(q.Period), rat(q.CycleMedian), rat(q.CycleMean), cnt(q.CycleDeals), rat(q.AvgDealSize)})
	}
	sec := &section{Title: "Pipeline created, win rate and cycle"}
	b.addChart(sec, chartSpec{Name: "created", Title: "Pipeline created by quarter and region",
		Label: "Stacked bar chart of the amount of deals created per quarter by region", Kind: stackedBar, Data: created,
		Series: []string{regionsKey}})
	b.addChart(sec, chartSpec{Name: "win-rate", Title: "Win rate by quarter",
		Label: "Line chart of win rate by count and by value per quarter", Kind: lineChart, Data: wr,
		Series: []string{"Win rate by count", "Win rate by value"}})
	b.addChart(sec, chartSpec{Name: "cycle", Title: "Sales cycle by quarter",
		Label: "Line chart of the median and mean sales cycle in days per quarter", Kind: lineChart, Data: cyc,
		Series: []string{"Median cycle", "Mean cycle"}})
	return sec
}

// coverage is the section of coverage against required coverage: a chart
// per quarter and the table of every region and quarter.
func (b *builder) coverage() *section {
	rev := b.rev
	all := &dataTable{Columns: []column{col("Region", textCol), col("Quarter", textCol), col("Open pipeline", moneyCol),
		col("Target", moneyCol), col("Booked", moneyCol), col("Coverage", timesCol), col("Required coverage", timesCol),
		col("Trailing win rate by value", percentCol)}}
	byQuarter := map[string]*dataTable{}
	for _, c := range rev.Pipeline.Coverage {
		name := regionOrAll(c.Region)
		all.Rows = append(all.Rows,
			[]cell{txt(name), txt(c.Period), mon(c.OpenPipeline), optMoney(c.Target, c.HasTarget), mon(c.Booked),
				coverageCell(c), rat(c.Required), rat(c.TrailingWinRate)})
		t := byQuarter[c.Period]
		if t == nil {
			t = &dataTable{Columns: []column{col("Region", textCol), col("Coverage", timesCol),
				col("Required coverage", timesCol)}}
			byQuarter[c.Period] = t
		}
		t.Rows = append(t.Rows, []cell{txt(name), coverageCell(c), rat(c.Required)})
	}
	sec := &section{Title: "Coverage against required coverage",
		Intro: "Open pipeline closing in the quarter / (target - booked so far), " +
			"beside the required coverage = 1 / win rate by value over the four quarters before it. " +
			"Coverage is undefined without a target; a met target is said in words."}
	for _, q := range rev.Quarters {
		if t := byQuarter[q.Name]; t != nil {
			b.addChart(sec, chartSpec{Name: "coverage-" + q.Name, Title: "Coverage and required coverage, " + q.Name,
				Label: "Bar chart of pipeline coverage beside the required coverage per region for " + q.Name, Kind: barChart,
				Data: t, Series: []string{"Coverage", "Required coverage"}, Colours: []string{"#4e79a7", "#e15759"}})
		}
	}
	sec.Tables = append(sec.Tables,
		b.listTable("coverage", "coverage-all", "Coverage by region and quarter", all, false, 0))
	return sec
}

// funnel is the section of the deals that reached each stage.
func (b *builder) funnel() *section {
	t := &dataTable{Columns: []column{col("Stage", textCol), col("Deals", countCol), col("Amount", moneyCol),
		col("Conversion from previous stage", percentCol)}}
	for _, s := range b.rev.Total.Funnel {
		t.Rows = append(t.Rows, []cell{txt(s.Stage), cnt(s.Deals), mon(s.Amount), rat(s.Conversion)})
	}
	sec := &section{Title: "Stage funnel"}
	if len(t.Rows) == 0 {
		sec.Empty = "No deals created in the window."
		return sec
	}
	b.addChart(sec, chartSpec{Name: "funnel", Title: "Deals reaching each stage",
		Label: "Funnel chart of the number of deals that reached each stage", Kind: funnelChart, Data: t,
		Series: []string{"Deals"}})
	return sec
}

// dealsAtRisk is the section of past-due deals and risk flags.
func (b *builder) dealsAtRisk() *section {
	rev := b.rev
	pd := &dataTable{Columns: []column{col("Deal", textCol), col("Account", textCol), col("Region", textCol),
		col("Owner", textCol), col("Stage", textCol), col("Amount", moneyCol), col("Close", textCol),
		col("Days late", countCol), col("Where", textCol)}}
	pd.Total = len(rev.Pipeline.PastDue)
	for _, d := range rev.Pipeline.PastDue[:b.listed("past_due_deals", pd.Total, 0)] {
		pd.Rows = append(pd.Rows,
			[]cell{txt(dealName(d.Deal)), txt(d.Deal.Account), b.regionLink(d.Deal.Region), txt(d.Deal.Owner),
				txt(d.Deal.Stage), mon(d.Deal.Amount), txt(d.Deal.Close.String()), cnt(d.DaysLate), txt(d.Deal.Pos.String())})
	}
	risk := &dataTable{Columns: []column{col("Rule", textCol), col("Deal", textCol), col("Account", textCol),
		col("Region", textCol), col("Owner", textCol), col("Amount", moneyCol), col("Why", textCol), col("Where", textCol)}}
	risk.Total = len(rev.Pipeline.Risks)
	for _, r := range rev.Pipeline.Risks[:b.listed("deal_risks", risk.Total, 0)] {
		risk.Rows = append(risk.Rows,
			[]cell{txt(riskName(r.Rule)), txt(dealName(r.Deal)), txt(r.Deal.Account), b.regionLink(r.Deal.Region),
				txt(r.Deal.Owner), mon(r.Deal.Amount), txt(r.Detail), txt(r.Deal.Pos.String())})
	}
	sec := &section{Title: "Deals at risk",
		Intro: "Open deals flagged by the rules of the definitions page, beside the pipeline total."}
	sec.Tables = append(sec.Tables, b.listTable("past_due_deals", "past-due", "Past-due deals", pd, true, 0),
		b.listTable("deal_risks", "risks", "Risk flags", risk, true, 0))
	return sec
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
