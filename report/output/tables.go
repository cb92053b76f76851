package output

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/cellref"
)

// Tables returns every table of the review, in a fixed order; the site
// writes each as data/<Name>.csv. See docs/metrics-schema.md, which lists
// them with their columns.
func Tables(rev *report.Review) []Table {
	specs := slices.Concat(trendTables, scopeTables, revenueTables, pipelineTables, activityTables, repTables,
		changeTables, qualityTables, outlookTables)
	out := make([]Table, len(specs))
	for i, s := range specs {
		out[i] = s.table(rev)
	}
	return out
}

// quarterRow is a scope's figures in one quarter of the history.
type quarterRow struct {
	region string // "" for all regions
	q      report.Quarter
	f      report.QuarterFigures
}

// regionQuarters returns the trend of every region, region by region.
func regionQuarters(rev *report.Review) []quarterRow {
	var rows []quarterRow
	for _, sc := range rev.ByRegion {
		for i, f := range sc.Trend {
			rows = append(rows, quarterRow{sc.Region, rev.Quarters[i], f})
		}
	}
	return rows
}

// totalQuarters returns the trend of all regions.
func totalQuarters(rev *report.Review) []quarterRow {
	var rows []quarterRow
	for i, f := range rev.Total.Trend {
		rows = append(rows, quarterRow{"", rev.Quarters[i], f})
	}
	return rows
}

// figureCols are a span's deal figures: in a quarter, or over all history.
var figureCols = []column[report.QuarterFigures]{
	money("bookings", func(f report.QuarterFigures) report.Money { return f.Bookings }),
	count("won_deals", func(f report.QuarterFigures) int { return f.WonDeals }),
	count("lost_deals", func(f report.QuarterFigures) int { return f.LostDeals }),
	money("lost_amount", func(f report.QuarterFigures) report.Money { return f.LostAmount }),
	ratio("win_rate", func(f report.QuarterFigures) report.Ratio { return f.WinRate }),
	ratio("win_rate_value", func(f report.QuarterFigures) report.Ratio { return f.WinRateValue }),
	ratio("avg_deal_size", func(f report.QuarterFigures) report.Ratio { return f.AvgDealSize }),
	ratio("cycle_median_days", func(f report.QuarterFigures) report.Ratio { return f.CycleMedian }),
	ratio("cycle_mean_days", func(f report.QuarterFigures) report.Ratio { return f.CycleMean }),
	count("cycle_deals", func(f report.QuarterFigures) int { return f.CycleDeals }),
	money("created", func(f report.QuarterFigures) report.Money { return f.Created }),
	count("created_deals", func(f report.QuarterFigures) int { return f.CreatedDeals }),
	float("recognised", func(f report.QuarterFigures) float64 { return f.Recognised }),
}

// quarterCols are the columns of a quarter of a trend.
var quarterCols = slices.Concat(
	[]column[quarterRow]{
		text("period", func(r quarterRow) string { return r.f.Period }),
		date("period_start", func(r quarterRow) report.Day { return r.q.Start }),
		date("period_end", func(r quarterRow) report.Day { return r.q.End }),
	},
	on(func(r quarterRow) report.QuarterFigures { return r.f }, figureCols...),
	on(func(r quarterRow) report.QuarterFigures { return r.f },
		moneyIf("target", func(f report.QuarterFigures) (report.Money, bool) { return f.Target, f.HasTarget }),
		ratio("attainment", func(f report.QuarterFigures) report.Ratio { return f.Attainment }),
		ratio("growth_qoq", func(f report.QuarterFigures) report.Ratio { return f.GrowthQoQ }),
		ratio("growth_yoy", func(f report.QuarterFigures) report.Ratio { return f.GrowthYoY }),
		count("activities", func(f report.QuarterFigures) int { return f.Activities.Total }),
		count("calls", func(f report.QuarterFigures) int { return f.Activities.Call }),
		count("emails", func(f report.QuarterFigures) int { return f.Activities.Email }),
		count("meetings", func(f report.QuarterFigures) int { return f.Activities.Meeting }),
		count("other_activities", func(f report.QuarterFigures) int { return f.Activities.Other }),
		ratio("activity_change", func(f report.QuarterFigures) report.Ratio { return f.ActivityChange }),
	),
)

// trendTables are the quarterly trends.
var trendTables = []tableSpec{
	spec[quarterRow]{"bookings_by_region_quarter", slices.Concat(
		[]column[quarterRow]{text("region", func(r quarterRow) string { return r.region })}, quarterCols), regionQuarters},
	spec[quarterRow]{"bookings_by_quarter", quarterCols, totalQuarters},
}

// scopeName is the scope column of a region's row: "total" for all
// regions (region ""), else "region".
func scopeName(region string) string {
	if region == "" {
		return "total"
	}
	return "region"
}

// scopeCols are the scope and region columns of rows of one scope.
func scopeCols[R any](region func(R) string) []column[R] {
	return []column[R]{
		text("scope", func(r R) string { return scopeName(region(r)) }),
		text("region", region),
	}
}

// scopes returns the total scope, then the region scopes in order.
func scopes(rev *report.Review) []*report.Scope {
	out := []*report.Scope{&rev.Total}
	for i := range rev.ByRegion {
		out = append(out, &rev.ByRegion[i])
	}
	return out
}

// scoped is a row of one scope (the total or a region).
type scoped[T any] struct {
	rev *report.Review
	sc  *report.Scope
	v   T
}

// perScope returns the rows of every scope, the total first: those that
// each gives.
func perScope[T any](each func(*report.Scope) []T) func(*report.Review) []scoped[T] {
	return func(rev *report.Review) []scoped[T] {
		var rows []scoped[T]
		for _, sc := range scopes(rev) {
			for _, v := range each(sc) {
				rows = append(rows, scoped[T]{rev, sc, v})
			}
		}
		return rows
	}
}

// scopedCols are the scope and region columns, then cols of the row's value.
func scopedCols[T any](cols ...column[T]) []column[scoped[T]] {
	return slices.Concat(scopeCols(func(r scoped[T]) string { return r.sc.Region }),
		on(func(r scoped[T]) T { return r.v }, cols...))
}

// tile is one KPI tile of a scope.
type tile struct {
	name string // current, previous, year_ago
	k    report.KPI
}

func scopeTiles(sc *report.Scope) []tile {
	return []tile{{"current", sc.KPIs.Current}, {"previous", sc.KPIs.Previous}, {"year_ago", sc.KPIs.YearAgo}}
}

// scopeTables are the KPI tiles and the summary of each scope.
var scopeTables = []tableSpec{
	spec[scoped[tile]]{"kpis", scopedCols(
		text("tile", func(t tile) string { return t.name }),
		text("period", func(t tile) string { return t.k.Period }),
		money("bookings", func(t tile) report.Money { return t.k.Bookings }),
		count("won_deals", func(t tile) int { return t.k.WonDeals }),
		count("lost_deals", func(t tile) int { return t.k.LostDeals }),
		moneyIf("target", func(t tile) (report.Money, bool) { return t.k.Target, t.k.HasTarget }),
		ratio("attainment", func(t tile) report.Ratio { return t.k.Attainment }),
		ratio("win_rate", func(t tile) report.Ratio { return t.k.WinRate }),
		ratio("win_rate_value", func(t tile) report.Ratio { return t.k.WinRateValue }),
		float("arr", func(t tile) float64 { return t.k.ARR }),
		count("activities", func(t tile) int { return t.k.Activities.Total }),
		ratio("growth_qoq", func(t tile) report.Ratio { return t.k.GrowthQoQ }),
		ratio("growth_yoy", func(t tile) report.Ratio { return t.k.GrowthYoY }),
		money("open_pipeline_in_period", func(t tile) report.Money { return t.k.Coverage.OpenPipeline }),
		ratio("coverage", func(t tile) report.Ratio { return t.k.Coverage.Ratio }),
		yesNo("target_met", func(t tile) bool { return t.k.Coverage.TargetMet }),
		ratio("required_coverage", func(t tile) report.Ratio { return t.k.Coverage.Required }),
	), perScope(scopeTiles)},
	spec[*report.Scope]{"scope_summary", slices.Concat(
		scopeCols(func(sc *report.Scope) string { return sc.Region }),
		suffixed("_all", on(func(sc *report.Scope) report.QuarterFigures { return sc.All }, figureCols...)),
		[]column[*report.Scope]{
			count("clients_all", func(sc *report.Scope) int { return sc.Concentration.ClientsAll }),
			ratio("avg_revenue_per_client_all", func(sc *report.Scope) report.Ratio { return sc.Concentration.AvgPerClientAll }),
			ratio("top10_share_all", func(sc *report.Scope) report.Ratio { return sc.Concentration.Top10ShareAll }),
			count("clients", func(sc *report.Scope) int { return sc.Concentration.Clients }),
			ratio("avg_revenue_per_client", func(sc *report.Scope) report.Ratio { return sc.Concentration.AvgPerClient }),
			ratio("top10_share", func(sc *report.Scope) report.Ratio { return sc.Concentration.Top10Share }),
			money("open_pipeline", func(sc *report.Scope) report.Money { return sc.OpenPipeline }),
			float("weighted_pipeline", func(sc *report.Scope) float64 { return sc.WeightedPipeline }),
			count("open_deals", func(sc *report.Scope) int { return sc.OpenDeals }),
			count("activities", func(sc *report.Scope) int { return sc.Activities.Counts.Total }),
			ratio("activities_per_won_deal", func(sc *report.Scope) report.Ratio { return sc.Activities.PerWonDeal }),
		}), scopes},
}

// suffixed puts suffix after every header: bookings_all.
func suffixed[R any](suffix string, cols []column[R]) []column[R] {
	out := make([]column[R], len(cols))
	for i, c := range cols {
		out[i] = column[R]{c.header + suffix, c.cell}
	}
	return out
}

// marketCols are the figures of a market (or a market in a region).
var marketCols = []column[report.MarketRevenue]{
	money("bookings", func(m report.MarketRevenue) report.Money { return m.Bookings }),
	money("bookings_all", func(m report.MarketRevenue) report.Money { return m.BookingsAll }),
	count("won_deals", func(m report.MarketRevenue) int { return m.WonDeals }),
	count("won_deals_all", func(m report.MarketRevenue) int { return m.WonDealsAll }),
	count("clients_all", func(m report.MarketRevenue) int { return m.Clients }),
}

var (
	marketCol = text("market", func(m report.MarketRevenue) string { return m.Market })
	regionCol = text("region", func(m report.MarketRevenue) string { return m.Region })
)

// regionAmount is an amount of one region in a month or quarter.
type regionAmount struct {
	period, region string // region "": all regions
	amount         float64
}

// arrByRegion returns the ARR of each month and region.
func arrByRegion(rev *report.Review) []regionAmount {
	var rows []regionAmount
	for _, m := range rev.Revenue.ARRByMonth {
		for i, a := range m.ByRegion {
			rows = append(rows, regionAmount{m.Month, rev.Regions[i], a})
		}
	}
	return rows
}

// scheduled returns the revenue schedule, region by region then the total.
func scheduled(rev *report.Review) []regionAmount {
	var rows []regionAmount
	s := rev.Revenue.Schedule
	for _, row := range s.Rows {
		for k, a := range row.Amounts {
			rows = append(rows, regionAmount{s.Quarters[k], row.Region, a})
		}
	}
	return rows
}

// windowRow is a row of the revenue schedule with its window.
type windowRow struct {
	window string
	report.ScheduleRow
}

func scheduleRows(rev *report.Review) []windowRow {
	var rows []windowRow
	for _, r := range rev.Revenue.Schedule.Rows {
		rows = append(rows, windowRow{rev.Revenue.Schedule.Window, r})
	}
	return rows
}

// revenueTables are the revenue by client and market, ARR and the revenue schedule.
var revenueTables = []tableSpec{
	spec[report.ClientRevenue]{"revenue_by_client", []column[report.ClientRevenue]{
		text("account", func(c report.ClientRevenue) string { return c.Account }),
		text("market", func(c report.ClientRevenue) string { return c.Market }),
		text("region", func(c report.ClientRevenue) string { return c.Region }),
		money("bookings", func(c report.ClientRevenue) report.Money { return c.Bookings }),
		money("bookings_all", func(c report.ClientRevenue) report.Money { return c.BookingsAll }),
		count("won_deals", func(c report.ClientRevenue) int { return c.WonDeals }),
		count("won_deals_all", func(c report.ClientRevenue) int { return c.WonDealsAll }),
		ratio("share_all", func(c report.ClientRevenue) report.Ratio { return c.ShareAll }),
		ratio("cumulative_share_all", func(c report.ClientRevenue) report.Ratio { return c.CumShareAll }),
	}, func(rev *report.Review) []report.ClientRevenue { return rev.Revenue.Clients }},
	spec[report.MarketRevenue]{"revenue_by_market", slices.Concat([]column[report.MarketRevenue]{marketCol}, marketCols),
		func(rev *report.Review) []report.MarketRevenue { return rev.Revenue.Markets }},
	spec[report.MarketRevenue]{"revenue_by_market_region",
		slices.Concat([]column[report.MarketRevenue]{marketCol, regionCol}, marketCols),
		func(rev *report.Review) []report.MarketRevenue { return rev.Revenue.MarketsRegions }},
	spec[report.ARRMonth]{"arr_by_month", []column[report.ARRMonth]{
		text("month", func(m report.ARRMonth) string { return m.Month }),
		float("recognised", func(m report.ARRMonth) float64 { return m.Recognised }),
		float("arr", func(m report.ARRMonth) float64 { return m.ARR }),
	}, func(rev *report.Review) []report.ARRMonth { return rev.Revenue.ARRByMonth }},
	spec[regionAmount]{"arr_by_month_region", []column[regionAmount]{
		text("month", func(r regionAmount) string { return r.period }),
		text("region", func(r regionAmount) string { return r.region }),
		float("arr", func(r regionAmount) float64 { return r.amount }),
	}, arrByRegion},
	spec[regionAmount]{"revenue_schedule", slices.Concat(scopeCols(func(r regionAmount) string { return r.region }),
		[]column[regionAmount]{
			text("quarter", func(r regionAmount) string { return r.period }),
			float("recognised", func(r regionAmount) float64 { return r.amount }),
		}), scheduled},
	spec[windowRow]{"revenue_schedule_summary", slices.Concat(scopeCols(func(r windowRow) string { return r.Region }),
		[]column[windowRow]{
			text("window", func(r windowRow) string { return r.window }),
			count("deals", func(r windowRow) int { return r.Deals }),
			float("tcv", func(r windowRow) float64 { return r.TCV }),
			float("first_year_value", func(r windowRow) float64 { return r.FirstYearValue }),
		}), scheduleRows},
}

// dealCols identify a deal in the per-deal tables.
var dealCols = []column[report.DealRef]{
	text("id", func(d report.DealRef) string { return d.ID }),
	text("name", func(d report.DealRef) string { return d.Name }),
	text("account", func(d report.DealRef) string { return d.Account }),
	text("region", func(d report.DealRef) string { return d.Region }),
	text("owner", func(d report.DealRef) string { return d.Owner }),
	text("stage", func(d report.DealRef) string { return d.Stage }),
	money("amount", func(d report.DealRef) report.Money { return d.Amount }),
	date("close", func(d report.DealRef) report.Day { return d.Close }),
	text("position", func(d report.DealRef) string { return d.Pos.String() }),
}

// pipelineTables are the open pipeline, coverage, risks and the forecast.
var pipelineTables = []tableSpec{
	spec[scoped[report.StageAmount]]{"pipeline_by_stage", scopedCols(
		text("stage", func(s report.StageAmount) string { return s.Stage }),
		count("deals", func(s report.StageAmount) int { return s.Deals }),
		money("amount", func(s report.StageAmount) report.Money { return s.Amount }),
		float("weighted", func(s report.StageAmount) float64 { return s.Weighted }),
	), perScope(func(sc *report.Scope) []report.StageAmount { return sc.PipelineByStage })},
	spec[scoped[report.FunnelStage]]{"stage_funnel", scopedCols(
		text("stage", func(s report.FunnelStage) string { return s.Stage }),
		count("deals", func(s report.FunnelStage) int { return s.Deals }),
		money("amount", func(s report.FunnelStage) report.Money { return s.Amount }),
		ratio("conversion", func(s report.FunnelStage) report.Ratio { return s.Conversion }),
	), perScope(func(sc *report.Scope) []report.FunnelStage { return sc.Funnel })},
	spec[report.Coverage]{"coverage", slices.Concat(scopeCols(func(c report.Coverage) string { return c.Region }),
		[]column[report.Coverage]{
			text("period", func(c report.Coverage) string { return c.Period }),
			money("open_pipeline", func(c report.Coverage) report.Money { return c.OpenPipeline }),
			moneyIf("target", func(c report.Coverage) (report.Money, bool) { return c.Target, c.HasTarget }),
			money("booked", func(c report.Coverage) report.Money { return c.Booked }),
			moneyIf("remaining", func(c report.Coverage) (report.Money, bool) { return c.Remaining, c.HasTarget }),
			yesNo("target_met", func(c report.Coverage) bool { return c.TargetMet }),
			ratio("coverage", func(c report.Coverage) report.Ratio { return c.Ratio }),
			ratio("required_coverage", func(c report.Coverage) report.Ratio { return c.Required }),
			ratio("trailing_win_rate_value", func(c report.Coverage) report.Ratio { return c.TrailingWinRate }),
		}), func(rev *report.Review) []report.Coverage { return rev.Pipeline.Coverage }},
	spec[report.PastDue]{"past_due_deals", slices.Concat(
		on(func(p report.PastDue) report.DealRef { return p.Deal }, dealCols...),
		[]column[report.PastDue]{count("days_late", func(p report.PastDue) int { return p.DaysLate })}),
		func(rev *report.Review) []report.PastDue { return rev.Pipeline.PastDue }},
	spec[report.RiskFlag]{"deal_risks", slices.Concat(
		[]column[report.RiskFlag]{
			text("rule", func(f report.RiskFlag) string { return f.Rule }),
			text("detail", func(f report.RiskFlag) string { return f.Detail }),
		}, on(func(f report.RiskFlag) report.DealRef { return f.Deal }, dealCols...)),
		func(rev *report.Review) []report.RiskFlag { return rev.Pipeline.Risks }},
	spec[report.RiskSummary]{"deal_risk_summary", []column[report.RiskSummary]{
		text("rule", func(s report.RiskSummary) string { return s.Rule }),
		count("deals", func(s report.RiskSummary) int { return s.Deals }),
		money("amount", func(s report.RiskSummary) report.Money { return s.Amount }),
	}, func(rev *report.Review) []report.RiskSummary { return rev.Pipeline.RiskSummary }},
	spec[*report.Scope]{"forecast_rollup", slices.Concat(scopeCols(func(sc *report.Scope) string { return sc.Region }),
		on(func(sc *report.Scope) report.ForecastRollup { return sc.Forecast },
			text("period", func(f report.ForecastRollup) string { return f.Period }),
			money("closed", func(f report.ForecastRollup) report.Money { return f.Closed }),
			money("commit", func(f report.ForecastRollup) report.Money { return f.Commit }),
			money("best_case", func(f report.ForecastRollup) report.Money { return f.BestCase }),
			money("pipeline", func(f report.ForecastRollup) report.Money { return f.Pipeline }),
			money("omitted", func(f report.ForecastRollup) report.Money { return f.Omitted }),
			money("commit_total", func(f report.ForecastRollup) report.Money { return f.CommitTotal }),
			money("best_case_total", func(f report.ForecastRollup) report.Money { return f.BestCaseTotal }),
			money("pipeline_total", func(f report.ForecastRollup) report.Money { return f.PipelineTotal }),
		)), scopes},
	spec[report.ForecastAccuracy]{"forecast_accuracy", []column[report.ForecastAccuracy]{
		text("region", func(a report.ForecastAccuracy) string { return a.Region }),
		text("period", func(a report.ForecastAccuracy) string { return a.Period }),
		yesNo("has_call", func(a report.ForecastAccuracy) bool { return a.HasCall }),
		date("submitted", func(a report.ForecastAccuracy) report.Day { return a.Submitted }),
		moneyIf("forecast", func(a report.ForecastAccuracy) (report.Money, bool) { return a.Forecast, a.HasCall }),
		money("actual", func(a report.ForecastAccuracy) report.Money { return a.Actual }),
		ratio("accuracy", func(a report.ForecastAccuracy) report.Ratio { return a.Accuracy }),
		ratio("bias", func(a report.ForecastAccuracy) report.Ratio { return a.Bias }),
	}, func(rev *report.Review) []report.ForecastAccuracy { return rev.Forecast.Accuracy }},
}

// countCols are the activity counts by type.
var countCols = []column[report.ActivityCounts]{
	count("calls", func(c report.ActivityCounts) int { return c.Call }),
	count("emails", func(c report.ActivityCounts) int { return c.Email }),
	count("meetings", func(c report.ActivityCounts) int { return c.Meeting }),
	count("other", func(c report.ActivityCounts) int { return c.Other }),
	count("total", func(c report.ActivityCounts) int { return c.Total }),
}

// activityTable is a table of activity volumes by key; a time series
// (series true) adds the change against the row before and whether the
// row is partial (a period the as-of date cuts).
func activityTable(name, key string, series bool, rows func(*report.Activities) []report.ActivityRow) tableSpec {
	cols := slices.Concat([]column[report.ActivityRow]{text(key, func(a report.ActivityRow) string { return a.Key })},
		on(func(a report.ActivityRow) report.ActivityCounts { return a.Counts }, countCols...))
	if series {
		cols = append(cols, ratio("change", func(a report.ActivityRow) report.Ratio { return a.Change }),
			yesNo("partial", func(a report.ActivityRow) bool { return a.Partial }))
	}
	return spec[report.ActivityRow]{name, cols,
		func(rev *report.Review) []report.ActivityRow { return rows(&rev.Activities) }}
}

// activityTables are the activity volumes, effectiveness and efficiency.
var activityTables = []tableSpec{
	activityTable("activities_by_region", "region", false,
		func(a *report.Activities) []report.ActivityRow { return a.ByRegion }),
	activityTable("activities_by_owner", "owner", false,
		func(a *report.Activities) []report.ActivityRow { return a.ByOwner }),
	activityTable("activities_by_week", "week", true,
		func(a *report.Activities) []report.ActivityRow { return a.ByWeek }),
	activityTable("activities_by_month", "month", true,
		func(a *report.Activities) []report.ActivityRow { return a.ByMonth }),
	activityTable("activities_by_quarter", "period", true,
		func(a *report.Activities) []report.ActivityRow { return a.ByQuarter }),
	spec[quarterRow]{"activities_by_region_quarter", slices.Concat(
		[]column[quarterRow]{
			text("region", func(r quarterRow) string { return r.region }),
			text("period", func(r quarterRow) string { return r.q.Name }),
		},
		on(func(r quarterRow) report.ActivityCounts { return r.f.Activities }, countCols...),
		[]column[quarterRow]{ratio("change", func(r quarterRow) report.Ratio { return r.f.ActivityChange })},
	), regionQuarters},
	spec[report.Effectiveness]{"activity_effectiveness", []column[report.Effectiveness]{
		text("type", func(e report.Effectiveness) string { return e.Type }),
		count("closed_with", func(e report.Effectiveness) int { return e.With }),
		count("won_with", func(e report.Effectiveness) int { return e.WonWith }),
		ratio("win_rate_with", func(e report.Effectiveness) report.Ratio { return e.WinRateWith }),
		count("closed_without", func(e report.Effectiveness) int { return e.Without }),
		count("won_without", func(e report.Effectiveness) int { return e.WonWithout }),
		ratio("win_rate_without", func(e report.Effectiveness) report.Ratio { return e.WinRateWithout }),
	}, func(rev *report.Review) []report.Effectiveness { return rev.Activities.Effectiveness }},
	spec[scoped[report.Efficiency]]{"activity_efficiency", slices.Concat(
		scopeCols(func(r scoped[report.Efficiency]) string { return r.sc.Region }),
		[]column[scoped[report.Efficiency]]{
			text("period", func(r scoped[report.Efficiency]) string { return r.rev.Period.Name }),
		},
		on(func(r scoped[report.Efficiency]) report.Efficiency { return r.v },
			text("type", func(e report.Efficiency) string { return e.Type }),
			count("activities", func(e report.Efficiency) int { return e.Activities }),
			money("bookings", func(e report.Efficiency) report.Money { return e.Bookings }),
			ratio("bookings_per_activity", func(e report.Efficiency) report.Ratio { return e.PerActivity }),
		),
	), perScope(func(sc *report.Scope) []report.Efficiency { return sc.Activities.Efficiency })},
}

// repCols are a rep's figures over a span.
var repCols = []column[report.RepFigures]{
	money("bookings", func(f report.RepFigures) report.Money { return f.Bookings }),
	count("won_deals", func(f report.RepFigures) int { return f.WonDeals }),
	count("lost_deals", func(f report.RepFigures) int { return f.LostDeals }),
	ratio("win_rate", func(f report.RepFigures) report.Ratio { return f.WinRate }),
	ratio("win_rate_value", func(f report.RepFigures) report.Ratio { return f.WinRateValue }),
	ratio("avg_deal_size", func(f report.RepFigures) report.Ratio { return f.AvgDealSize }),
	ratio("cycle_median_days", func(f report.RepFigures) report.Ratio { return f.CycleMedian }),
	ratio("cycle_mean_days", func(f report.RepFigures) report.Ratio { return f.CycleMean }),
	moneyIf("target", func(f report.RepFigures) (report.Money, bool) { return f.Target, f.HasTarget }),
	ratio("attainment", func(f report.RepFigures) report.Ratio { return f.Attainment }),
	count("calls", func(f report.RepFigures) int { return f.Activities.Call }),
	count("emails", func(f report.RepFigures) int { return f.Activities.Email }),
	count("meetings", func(f report.RepFigures) int { return f.Activities.Meeting }),
	count("other_activities", func(f report.RepFigures) int { return f.Activities.Other }),
	count("activities", func(f report.RepFigures) int { return f.Activities.Total }),
	ratio("activities_per_won_deal", func(f report.RepFigures) report.Ratio { return f.PerWonDeal }),
}

// rampPoint is one month of a cohort's ramp curve.
type rampPoint struct {
	cohort      string
	month, reps int
	avg         report.Ratio
}

func rampPoints(rev *report.Review) []rampPoint {
	var rows []rampPoint
	for _, c := range rev.Reps.Cohorts {
		for m, v := range c.Curve {
			rows = append(rows, rampPoint{c.Cohort, m, c.CurveReps[m], v})
		}
	}
	return rows
}

// repTables are the reps and their ramp.
var repTables = []tableSpec{
	spec[report.Rep]{"reps", slices.Concat(
		[]column[report.Rep]{
			text("owner", func(p report.Rep) string { return p.Owner }),
			text("region", func(p report.Rep) string { return p.Region }),
			text("manager", func(p report.Rep) string { return p.Manager }),
			date("hired", func(p report.Rep) report.Day { return p.Hired }),
			date("first_win", func(p report.Rep) report.Day { return p.FirstWin }),
			ratio("days_to_first_win", func(p report.Rep) report.Ratio { return p.DaysToFirstWin }),
		},
		prefixed("period_", on(func(p report.Rep) report.RepFigures { return p.Period }, repCols...)),
		prefixed("all_", on(func(p report.Rep) report.RepFigures { return p.All }, repCols...)),
	), func(rev *report.Review) []report.Rep { return rev.Reps.Rows }},
	spec[rampPoint]{"ramp_curve", []column[rampPoint]{
		text("cohort", func(p rampPoint) string { return p.cohort }),
		count("month_since_hire", func(p rampPoint) int { return p.month }),
		count("reps", func(p rampPoint) int { return p.reps }),
		ratio("avg_bookings", func(p rampPoint) report.Ratio { return p.avg }),
	}, rampPoints},
	spec[report.RampCohort]{"ramp_cohorts", []column[report.RampCohort]{
		text("cohort", func(c report.RampCohort) string { return c.Cohort }),
		count("reps", func(c report.RampCohort) int { return c.Reps }),
		count("reps_with_win", func(c report.RampCohort) int { return c.RepsWithWin }),
		ratio("median_days_to_first_win", func(c report.RampCohort) report.Ratio { return c.MedianDaysToFirstWin }),
	}, func(rev *report.Review) []report.RampCohort { return rev.Reps.Cohorts }},
}

// waterfallRow is a step of a snapshot waterfall with the running total;
// the first (start) and last (end) rows hold only the total.
type waterfallRow struct {
	step    string
	deals   string
	amount  string
	running report.Money
}

// waterfallOf returns the rows of a waterfall from start through steps to end.
func waterfallOf(start report.Money, steps []report.WaterfallStep, end report.Money) []waterfallRow {
	run := start
	rows := []waterfallRow{{"start", "", "", run}}
	for _, s := range steps {
		run += s.Amount
		rows = append(rows, waterfallRow{s.Category, strconv.Itoa(s.Deals), fm(s.Amount), run})
	}
	return append(rows, waterfallRow{"end", "", "", end})
}

// inQuarter is a row of the quarter's waterfall, with the quarter's name.
type inQuarter[T any] struct {
	quarter string
	v       T
}

// quarterRows returns the rows each gives of the quarter's waterfall, with
// the quarter's name; none without an earlier snapshot.
func quarterRows[T any](each func(*report.QuarterChanges) []T) func(*report.Review) []inQuarter[T] {
	return func(rev *report.Review) []inQuarter[T] {
		if rev.Changes == nil {
			return nil
		}
		qc := &rev.Changes.Quarter
		var rows []inQuarter[T]
		for _, v := range each(qc) {
			rows = append(rows, inQuarter[T]{qc.Quarter.Name, v})
		}
		return rows
	}
}

// inQuarterCols are the quarter column, then cols of the row's value.
func inQuarterCols[T any](cols ...column[T]) []column[inQuarter[T]] {
	return slices.Concat([]column[inQuarter[T]]{text("quarter", func(r inQuarter[T]) string { return r.quarter })},
		on(func(r inQuarter[T]) T { return r.v }, cols...))
}

// dealChangeCols are a deal's movement between the snapshots.
var dealChangeCols = []column[report.DealChange]{
	text("id", func(d report.DealChange) string { return d.ID }),
	text("name", func(d report.DealChange) string { return d.Name }),
	text("account", func(d report.DealChange) string { return d.Account }),
	text("region", func(d report.DealChange) string { return d.Region }),
	text("category", func(d report.DealChange) string { return d.Category }),
	text("old_status", func(d report.DealChange) string { return d.OldStatus }),
	text("new_status", func(d report.DealChange) string { return d.NewStatus }),
	text("old_stage", func(d report.DealChange) string { return d.OldStage }),
	text("new_stage", func(d report.DealChange) string { return d.NewStage }),
	money("old_amount", func(d report.DealChange) report.Money { return d.OldAmount }),
	money("new_amount", func(d report.DealChange) report.Money { return d.NewAmount }),
	date("old_close", func(d report.DealChange) report.Day { return d.OldClose }),
	date("new_close", func(d report.DealChange) report.Day { return d.NewClose }),
	money("delta", func(d report.DealChange) report.Money { return d.Delta }),
}

// waterfallCols are the steps of a waterfall.
var waterfallCols = []column[waterfallRow]{
	text("step", func(w waterfallRow) string { return w.step }),
	text("deals", func(w waterfallRow) string { return w.deals }),
	text("amount", func(w waterfallRow) string { return w.amount }),
	money("running_total", func(w waterfallRow) report.Money { return w.running }),
}

// changeTables compare the review's export with the earlier snapshot: the
// whole open pipeline's changed deals and waterfall, and those of the
// pipeline closing in one quarter. Without an earlier snapshot they have
// only headers.
var changeTables = []tableSpec{
	spec[report.DealChange]{"deal_changes", dealChangeCols, func(rev *report.Review) []report.DealChange {
		if rev.Changes == nil {
			return nil
		}
		return rev.Changes.Deals
	}},
	spec[waterfallRow]{"snapshot_waterfall", waterfallCols, func(rev *report.Review) []waterfallRow {
		if ch := rev.Changes; ch != nil {
			return waterfallOf(ch.OldOpenTotal, ch.Steps, ch.NewOpenTotal)
		}
		return nil
	}},
	spec[inQuarter[report.DealChange]]{"deal_changes_quarter", inQuarterCols(dealChangeCols...),
		quarterRows(func(qc *report.QuarterChanges) []report.DealChange { return qc.Deals })},
	spec[inQuarter[waterfallRow]]{"snapshot_waterfall_quarter", inQuarterCols(waterfallCols...),
		quarterRows(func(qc *report.QuarterChanges) []waterfallRow {
			return waterfallOf(qc.OldOpenTotal, qc.Steps, qc.NewOpenTotal)
		})},
}

// qualityTables are the data problems and the input's row accounting.
var qualityTables = []tableSpec{
	spec[report.Problem]{"data_problems", []column[report.Problem]{
		text("position", func(p report.Problem) string { return p.Pos.String() }),
		text("file", func(p report.Problem) string { return p.Pos.File }),
		text("sheet", func(p report.Problem) string { return p.Pos.Sheet }),
		text("row", func(p report.Problem) string { return positive(p.Pos.Row) }),
		text("column", func(p report.Problem) string { return cellref.Column(p.Pos.Col) }),
		text("severity", func(p report.Problem) string { return p.Severity.String() }),
		text("message", func(p report.Problem) string { return p.Msg }),
	}, func(rev *report.Review) []report.Problem { return rev.Quality.Problems }},
	spec[report.Table]{"input_tables", []column[report.Table]{
		text("file", func(t report.Table) string { return t.File }),
		text("sheet", func(t report.Table) string { return t.Sheet }),
		text("kind", func(t report.Table) string { return string(t.Kind) }),
		count("header_row", func(t report.Table) int { return t.HeaderRow }),
		count("rows_read", func(t report.Table) int { return t.RowsRead }),
		count("records", func(t report.Table) int { return t.Records }),
		count("rows_skipped", skippedRows),
		text("skipped_by_reason", skippedByReason),
		text("note", func(t report.Table) string { return t.Note }),
	}, func(rev *report.Review) []report.Table { return rev.Quality.Tables }},
}

// positive writes n, or "" when it is 0 (unknown) or less.
func positive(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// skippedRows is how many rows of a table were skipped, for any reason.
func skippedRows(t report.Table) int {
	total := 0
	for _, n := range t.Skipped {
		total += n
	}
	return total
}

// skippedByReason writes the skipped rows by reason, in order of reason:
// "blank=2;total=1".
func skippedByReason(t report.Table) string {
	reasons := slices.Sorted(maps.Keys(t.Skipped))
	for i, k := range reasons {
		reasons[i] = k + "=" + strconv.Itoa(t.Skipped[k])
	}
	return strings.Join(reasons, ";")
}
