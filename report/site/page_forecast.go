package site

import (
	"github.com/salesreview/salesreview/report"
)

// forecastCategories are the columns of a roll-up a chart stacks, and
// forecastColours their colours.
var (
	forecastCategories = []string{"Closed", "Commit", "Best case", "Pipeline"}
	forecastColours    = []string{"#59a14f", "#4e79a7", "#f28e2b", targetColour}
)

// forecast builds the Forecast page: the roll-up by region, and the
// accuracy and bias of past calls.
func (b *builder) forecast(p *pageView) error {
	p.Sections = []*section{b.rollup(), b.accuracy()}
	return nil
}

// rollup is the section of the forecast roll-up of every region and the total.
func (b *builder) rollup() *section {
	rev := b.rev
	roll := b.rollupTable(append(append([]report.Scope(nil), rev.ByRegion...), rev.Total))
	sec := &section{Title: "Roll-up " + rev.Period.Name,
		Intro: "Closed is won so far; commit, best case and pipeline are open deals of that forecast category " +
			"closing in the quarter."}
	b.addChart(sec, chartSpec{Name: "rollup", Title: "Forecast roll-up by region",
		Label: "Stacked bar chart of closed, commit, best case and pipeline per region", Kind: stackedBar,
		Data: &dataTable{Columns: roll.Columns, Rows: roll.Rows[:len(rev.ByRegion)]}, Series: forecastCategories,
		Colours: forecastColours})
	sec.Tables = append(sec.Tables, b.table("rollup-all", "Roll-up with totals", roll, false, 0))
	return sec
}

// rollupTable is the forecast roll-up of scopes, one row each.
func (b *builder) rollupTable(scopes []report.Scope) *dataTable {
	t := &dataTable{Columns: []column{col("Region", textCol), col("Closed", moneyCol), col("Commit", moneyCol),
		col("Best case", moneyCol), col("Pipeline", moneyCol), col("Omitted", moneyCol), col("Closed + commit", moneyCol),
		col("+ best case", moneyCol), col("+ pipeline", moneyCol)}}
	for _, s := range scopes {
		f := s.Forecast
		t.Rows = append(t.Rows,
			[]cell{txt(regionOrAll(s.Region)), mon(f.Closed), mon(f.Commit), mon(f.BestCase), mon(f.Pipeline), mon(f.Omitted),
				mon(f.CommitTotal), mon(f.BestCaseTotal), mon(f.PipelineTotal)})
	}
	return t
}

// accuracy is the section of forecast accuracy and bias by quarter and
// region, and every call with its outcome.
func (b *builder) accuracy() *section {
	rev := b.rev
	sec := &section{Title: "Accuracy and bias",
		Intro: "Accuracy = 1 - |actual - forecast| / actual; bias = (forecast - actual) / actual, " +
			"from the last call before each quarter's end."}
	if acc, bias := b.accuracyTables(); len(acc.Rows) > 0 {
		b.addChart(sec, chartSpec{Name: "accuracy", Title: "Forecast accuracy by quarter",
			Label: "Line chart of forecast accuracy per quarter, one line per region", Kind: lineChart, Data: acc,
			Series: []string{regionsKey}})
		b.addChart(sec, chartSpec{Name: "bias", Title: "Forecast bias by quarter",
			Label: "Line chart of forecast bias per quarter, one line per region", Kind: lineChart, Data: bias,
			Series: []string{regionsKey}})
	} else {
		sec.Empty = "No forecast calls."
	}
	all := &dataTable{Columns: []column{col("Region", textCol), col("Quarter", textCol), col("Call submitted", textCol),
		col("Forecast", moneyCol), col("Actual", moneyCol), col("Accuracy", percentCol), col("Bias", changeCol)}}
	for _, a := range rev.Forecast.Accuracy {
		sub, fc := "no call", cell{}
		if a.HasCall {
			sub, fc = a.Submitted.String(), mon(a.Forecast)
		}
		all.Rows = append(all.Rows,
			[]cell{b.regionLink(a.Region), txt(a.Period), txt(sub), fc, mon(a.Actual), rat(a.Accuracy), rat(a.Bias)})
	}
	sec.Tables = append(sec.Tables,
		b.listTable("forecast_accuracy", "accuracy-all", "Forecast calls and outcomes", all, true, 0))
	return sec
}

// accuracyTables are the accuracy and the bias of the forecast per quarter
// with a call (rows) and region (columns).
func (b *builder) accuracyTables() (acc, bias *dataTable) {
	rev := b.rev
	type key struct{ r, q string }
	byKey := map[key]report.ForecastAccuracy{}
	for _, a := range rev.Forecast.Accuracy {
		byKey[key{a.Region, a.Period}] = a
	}
	acc = &dataTable{Columns: append([]column{col("Quarter", textCol)}, b.regionColumns(percentCol)...)}
	bias = &dataTable{Columns: append([]column{col("Quarter", textCol)}, b.regionColumns(changeCol)...)}
	for _, q := range b.forecastQuarters() {
		ar, br := []cell{txt(q)}, []cell{txt(q)}
		for _, r := range rev.Regions {
			a := byKey[key{r, q}]
			ar = append(ar, rat(a.Accuracy))
			br = append(br, rat(a.Bias))
		}
		acc.Rows = append(acc.Rows, ar)
		bias.Rows = append(bias.Rows, br)
	}
	return acc, bias
}

// forecastQuarters are the quarters with forecast figures, in order.
func (b *builder) forecastQuarters() []string {
	has := map[string]bool{}
	for _, a := range b.rev.Forecast.Accuracy {
		has[a.Period] = true
	}
	var out []string
	for _, q := range b.rev.Quarters {
		if has[q.Name] {
			out = append(out, q.Name)
		}
	}
	return out
}
