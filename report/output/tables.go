package output

import (
	"bytes"
	"fmt"
	"iter"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/cellref"
)

// Table is one table of the review, written as data/<Name>.csv.
type Table struct {
	Name   string // e.g. "bookings_by_region_quarter"
	Header []string
	// Rows yields the rows, each as long as Header. They are made as they
	// are written: a review of a million deals never holds its per-deal
	// tables as text.
	Rows iter.Seq[[]string]
	// Len is how many rows Rows yields, so that CSV can size its buffer
	// once instead of growing it (0: unknown).
	Len int
}

// CSV encodes the table as RFC 4180 CSV with a header row and CRLF-free
// "\n" line ends. Fields holding a comma, quote, line break or leading or
// trailing space are quoted, inner quotes doubled. Text a spreadsheet would
// run as a formula is protected first (FormulaSafe): names come from
// untrusted exports, and managers open these files in Excel.
func (t Table) CSV() []byte {
	var b bytes.Buffer
	writeCSVRow(&b, t.Header)
	n := 0
	for r := range t.Rows {
		writeCSVRow(&b, r)
		n++
		if n == csvSample && t.Len > 2*n {
			// Size the buffer from the first rows: a 50 MB table is not
			// copied each time it outgrows its buffer.
			head := b.Len()
			b.Grow(head/n*(t.Len-n) + head/8)
		}
	}
	return b.Bytes()
}

// csvSample is how many rows CSV writes before it sizes its buffer.
const csvSample = 256

func writeCSVRow(b *bytes.Buffer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		f = FormulaSafe(f)
		if f == "" || !strings.ContainsAny(f, ",\"\r\n") && f[0] != ' ' && f[len(f)-1] != ' ' && f[0] != '\t' {
			b.WriteString(f)
			continue
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(f, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteByte('\n')
}

// FormulaSafe protects a CSV field against spreadsheet formula injection
// (OWASP "CSV injection"): text starting with =, +, -, @, a tab or a
// carriage return gets a leading apostrophe, so a spreadsheet shows it as
// text instead of running it. A plain decimal number ("-12.5", "+3",
// "-1e-05") is left as it is, so negative figures stay numbers.
func FormulaSafe(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || isDecimal(s) {
		return s
	}
	return "'" + s
}

// isDecimal reports whether s is an optionally signed decimal number with
// an optional exponent: digits, at most one point, at least one digit.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, point := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			goto exp
		}
	}
exp:
	if digits == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != 'e' && s[i] != 'E' {
		return false
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Cell formatting of the CSV tables: money in major units as an exact
// decimal (at least two decimals), ratios unrounded ("" when undefined), days as YYYY-MM-DD.
func fm(m report.Money) string { return string(appendMoney(nil, m)) }
func fr(r report.Ratio) string {
	if !r.OK || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
		return ""
	}
	return strconv.FormatFloat(r.Value, 'f', -1, 64)
}

// ff writes an unrounded float (recognised revenue, ARR, averages) as a plain
// decimal, never in exponent notation; "" for NaN or infinity.
func ff(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func fi(n int) string  { return strconv.Itoa(n) }
func fb(b bool) string { return strconv.FormatBool(b) }
func ft(m report.Money, ok bool) string {
	if !ok {
		return ""
	}
	return fm(m)
}

var quarterHeader = []string{"period", "period_start", "period_end", "bookings", "won_deals", "lost_deals", "lost_amount",
	"win_rate", "win_rate_value", "avg_deal_size", "cycle_median_days", "cycle_mean_days", "cycle_deals",
	"created", "created_deals", "recognised", "target", "attainment", "growth_qoq", "growth_yoy",
	"activities", "calls", "emails", "meetings", "other_activities", "activity_change"}

func quarterRow(q report.QuarterFigures, qq report.Quarter) []string {
	return []string{q.Period, qq.Start.String(), qq.End.String(), fm(q.Bookings), fi(q.WonDeals), fi(q.LostDeals), fm(q.LostAmount),
		fr(q.WinRate), fr(q.WinRateValue), fr(q.AvgDealSize), fr(q.CycleMedian), fr(q.CycleMean), fi(q.CycleDeals),
		fm(q.Created), fi(q.CreatedDeals), ff(q.Recognised), ft(q.Target, q.HasTarget), fr(q.Attainment), fr(q.GrowthQoQ), fr(q.GrowthYoY),
		fi(q.Activities.Total), fi(q.Activities.Call), fi(q.Activities.Email), fi(q.Activities.Meeting), fi(q.Activities.Other), fr(q.ActivityChange)}
}

// scopes returns the total scope and the region scopes with their scope
// column values: ("total", "") and ("region", name).
func scopeList(r *report.Review) []*report.Scope {
	out := []*report.Scope{&r.Total}
	for i := range r.ByRegion {
		out = append(out, &r.ByRegion[i])
	}
	return out
}

func scopeCols(s *report.Scope) []string {
	if s.Region == "" {
		return []string{"total", ""}
	}
	return []string{"region", s.Region}
}

func countCols(c report.ActivityCounts) []string {
	return []string{fi(c.Call), fi(c.Email), fi(c.Meeting), fi(c.Other), fi(c.Total)}
}

var countHeader = []string{"calls", "emails", "meetings", "other", "total"}

func cat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func dealCols(d report.DealRef) []string {
	return []string{d.ID, d.Name, d.Account, d.Region, d.Owner, d.Stage, fm(d.Amount), d.Close.String(), d.Pos.String()}
}

var dealHeader = []string{"id", "name", "account", "region", "owner", "stage", "amount", "close", "position"}

// Tables returns every table of the review, in a fixed order; the site
// writes each as data/<Name>.csv. See docs/metrics-schema.md.
func Tables(r *report.Review) []Table {
	var ts []Table
	add := func(name string, header []string, rows [][]string) {
		ts = append(ts, Table{Name: name, Header: header, Rows: slices.Values(rows), Len: len(rows)})
	}
	// stream adds a per-deal table whose rows are made as they are written.
	stream := func(name string, header []string, n int, rows iter.Seq[[]string]) {
		ts = append(ts, Table{Name: name, Header: header, Rows: rows, Len: n})
	}
	var rows [][]string

	// Quarterly trends.
	for _, sc := range r.ByRegion {
		for i, q := range sc.Trend {
			rows = append(rows, append([]string{sc.Region}, quarterRow(q, r.Quarters[i])...))
		}
	}
	add("bookings_by_region_quarter", append([]string{"region"}, quarterHeader...), rows)
	rows = nil
	for i, q := range r.Total.Trend {
		rows = append(rows, quarterRow(q, r.Quarters[i]))
	}
	add("bookings_by_quarter", quarterHeader, rows)

	// KPI tiles.
	rows = nil
	for _, sc := range scopeList(r) {
		for _, k := range []struct {
			tile string
			k    report.KPI
		}{{"current", sc.KPIs.Current}, {"previous", sc.KPIs.Previous}, {"year_ago", sc.KPIs.YearAgo}} {
			v := k.k
			rows = append(rows, cat(scopeCols(sc), []string{k.tile, v.Period, fm(v.Bookings), fi(v.WonDeals), fi(v.LostDeals),
				ft(v.Target, v.HasTarget), fr(v.Attainment), fr(v.WinRate), fr(v.WinRateValue), ff(v.ARR), fi(v.Activities.Total),
				fr(v.GrowthQoQ), fr(v.GrowthYoY), fm(v.Coverage.OpenPipeline), fr(v.Coverage.Ratio), fb(v.Coverage.TargetMet), fr(v.Coverage.Required)}))
		}
	}
	add("kpis", []string{"scope", "region", "tile", "period", "bookings", "won_deals", "lost_deals", "target", "attainment",
		"win_rate", "win_rate_value", "arr", "activities", "growth_qoq", "growth_yoy", "open_pipeline_in_period", "coverage",
		"target_met", "required_coverage"}, rows)

	// Scope summaries over all history and as of the report date.
	rows = nil
	for _, sc := range scopeList(r) {
		a, cn := sc.All, sc.Concentration
		rows = append(rows, cat(scopeCols(sc), []string{fm(a.Bookings), fi(a.WonDeals), fi(a.LostDeals), fm(a.LostAmount),
			fr(a.WinRate), fr(a.WinRateValue), fr(a.AvgDealSize), fr(a.CycleMedian), fr(a.CycleMean), fi(a.CycleDeals),
			fm(a.Created), fi(a.CreatedDeals), ff(a.Recognised),
			fi(cn.ClientsAll), fr(cn.AvgPerClientAll), fr(cn.Top10ShareAll), fi(cn.Clients), fr(cn.AvgPerClient), fr(cn.Top10Share),
			fm(sc.OpenPipeline), ff(sc.WeightedPipeline), fi(sc.OpenDeals), fi(sc.Activities.Counts.Total), fr(sc.Activities.PerWonDeal)}))
	}
	add("scope_summary", []string{"scope", "region", "bookings_all", "won_deals_all", "lost_deals_all", "lost_amount_all",
		"win_rate_all", "win_rate_value_all", "avg_deal_size_all", "cycle_median_days_all", "cycle_mean_days_all", "cycle_deals_all",
		"created_all", "created_deals_all", "recognised_all",
		"clients_all", "avg_revenue_per_client_all", "top10_share_all", "clients", "avg_revenue_per_client", "top10_share",
		"open_pipeline", "weighted_pipeline", "open_deals", "activities", "activities_per_won_deal"}, rows)

	// Revenue.
	stream("revenue_by_client", []string{"account", "market", "region", "bookings", "bookings_all", "won_deals", "won_deals_all",
		"share_all", "cumulative_share_all"}, len(r.Revenue.Clients), func(yield func([]string) bool) {
		for _, c := range r.Revenue.Clients {
			if !yield([]string{c.Account, c.Market, c.Region, fm(c.Bookings), fm(c.BookingsAll), fi(c.WonDeals), fi(c.WonDealsAll),
				fr(c.ShareAll), fr(c.CumShareAll)}) {
				return
			}
		}
	})
	mrow := func(m report.MarketRevenue) []string {
		return []string{fm(m.Bookings), fm(m.BookingsAll), fi(m.WonDeals), fi(m.WonDealsAll), fi(m.Clients)}
	}
	mh := []string{"bookings", "bookings_all", "won_deals", "won_deals_all", "clients_all"}
	rows = nil
	for _, m := range r.Revenue.Markets {
		rows = append(rows, append([]string{m.Market}, mrow(m)...))
	}
	add("revenue_by_market", append([]string{"market"}, mh...), rows)
	rows = nil
	for _, m := range r.Revenue.MarketsRegions {
		rows = append(rows, append([]string{m.Market, m.Region}, mrow(m)...))
	}
	add("revenue_by_market_region", append([]string{"market", "region"}, mh...), rows)
	rows = nil
	var rrows [][]string
	for _, m := range r.Revenue.ARRByMonth {
		rows = append(rows, []string{m.Month, ff(m.Recognised), ff(m.ARR)})
		for i, a := range m.ByRegion {
			rrows = append(rrows, []string{m.Month, r.Regions[i], ff(a)})
		}
	}
	add("arr_by_month", []string{"month", "recognised", "arr"}, rows)
	add("arr_by_month_region", []string{"month", "region", "arr"}, rrows)
	rows, rrows = nil, nil
	for _, row := range r.Revenue.Schedule.Rows {
		sc, reg := "region", row.Region
		if row.Region == "" {
			sc = "total"
		}
		for k, a := range row.Amounts {
			rows = append(rows, []string{sc, reg, r.Revenue.Schedule.Quarters[k], ff(a)})
		}
		rrows = append(rrows, []string{sc, reg, r.Revenue.Schedule.Window, fi(row.Deals), ff(row.TCV), ff(row.FirstYearValue)})
	}
	add("revenue_schedule", []string{"scope", "region", "quarter", "recognised"}, rows)
	add("revenue_schedule_summary", []string{"scope", "region", "window", "deals", "tcv", "first_year_value"}, rrows)

	// Pipeline.
	rows, rrows = nil, nil
	var fr2 [][]string
	for _, sc := range scopeList(r) {
		for _, s := range sc.PipelineByStage {
			rows = append(rows, cat(scopeCols(sc), []string{s.Stage, fi(s.Deals), fm(s.Amount), ff(s.Weighted)}))
		}
		for _, f := range sc.Funnel {
			rrows = append(rrows, cat(scopeCols(sc), []string{f.Stage, fi(f.Deals), fm(f.Amount), fr(f.Conversion)}))
		}
		f := sc.Forecast
		fr2 = append(fr2, cat(scopeCols(sc), []string{f.Period, fm(f.Closed), fm(f.Commit), fm(f.BestCase), fm(f.Pipeline), fm(f.Omitted),
			fm(f.CommitTotal), fm(f.BestCaseTotal), fm(f.PipelineTotal)}))
	}
	add("pipeline_by_stage", []string{"scope", "region", "stage", "deals", "amount", "weighted"}, rows)
	add("stage_funnel", []string{"scope", "region", "stage", "deals", "amount", "conversion"}, rrows)
	rows = nil
	for _, c := range r.Pipeline.Coverage {
		sc := "region"
		if c.Region == "" {
			sc = "total"
		}
		rows = append(rows, []string{sc, c.Region, c.Period, fm(c.OpenPipeline), ft(c.Target, c.HasTarget), fm(c.Booked),
			ft(c.Remaining, c.HasTarget), fb(c.TargetMet), fr(c.Ratio), fr(c.Required), fr(c.TrailingWinRate)})
	}
	add("coverage", []string{"scope", "region", "period", "open_pipeline", "target", "booked", "remaining", "target_met",
		"coverage", "required_coverage", "trailing_win_rate_value"}, rows)
	stream("past_due_deals", append(append([]string{}, dealHeader...), "days_late"), len(r.Pipeline.PastDue), func(yield func([]string) bool) {
		for _, p := range r.Pipeline.PastDue {
			if !yield(append(dealCols(p.Deal), fi(p.DaysLate))) {
				return
			}
		}
	})
	stream("deal_risks", append([]string{"rule", "detail"}, dealHeader...), len(r.Pipeline.Risks), func(yield func([]string) bool) {
		for _, f := range r.Pipeline.Risks {
			if !yield(append([]string{f.Rule, f.Detail}, dealCols(f.Deal)...)) {
				return
			}
		}
	})
	rows = nil
	for _, s := range r.Pipeline.RiskSummary {
		rows = append(rows, []string{s.Rule, fi(s.Deals), fm(s.Amount)})
	}
	add("deal_risk_summary", []string{"rule", "deals", "amount"}, rows)

	// Forecast.
	add("forecast_rollup", []string{"scope", "region", "period", "closed", "commit", "best_case", "pipeline", "omitted",
		"commit_total", "best_case_total", "pipeline_total"}, fr2)
	rows = nil
	for _, a := range r.Forecast.Accuracy {
		rows = append(rows, []string{a.Region, a.Period, fb(a.HasCall), a.Submitted.String(), ft(a.Forecast, a.HasCall), fm(a.Actual),
			fr(a.Accuracy), fr(a.Bias)})
	}
	add("forecast_accuracy", []string{"region", "period", "has_call", "submitted", "forecast", "actual", "accuracy", "bias"}, rows)

	// Activities.
	// A time series says each row's change and whether the row is partial.
	actTable := func(name, key string, rs []report.ActivityRow, series bool) {
		var rows [][]string
		h := append([]string{key}, countHeader...)
		if series {
			h = append(h, "change", "partial")
		}
		for _, a := range rs {
			row := append([]string{a.Key}, countCols(a.Counts)...)
			if series {
				row = append(row, fr(a.Change), fb(a.Partial))
			}
			rows = append(rows, row)
		}
		add(name, h, rows)
	}
	act := &r.Activities
	actTable("activities_by_region", "region", act.ByRegion, false)
	actTable("activities_by_owner", "owner", act.ByOwner, false)
	actTable("activities_by_week", "week", act.ByWeek, true)
	actTable("activities_by_month", "month", act.ByMonth, true)
	actTable("activities_by_quarter", "period", act.ByQuarter, true)
	rows = nil
	for _, sc := range r.ByRegion {
		for i, q := range sc.Trend {
			rows = append(rows, cat([]string{sc.Region, r.Quarters[i].Name}, countCols(q.Activities), []string{fr(q.ActivityChange)}))
		}
	}
	add("activities_by_region_quarter", cat([]string{"region", "period"}, countHeader, []string{"change"}), rows)
	rows = nil
	for _, e := range act.Effectiveness {
		rows = append(rows, []string{e.Type, fi(e.With), fi(e.WonWith), fr(e.WinRateWith), fi(e.Without), fi(e.WonWithout), fr(e.WinRateWithout)})
	}
	add("activity_effectiveness", []string{"type", "closed_with", "won_with", "win_rate_with", "closed_without", "won_without",
		"win_rate_without"}, rows)
	rows = nil
	for _, sc := range scopeList(r) {
		for _, e := range sc.Activities.Efficiency {
			rows = append(rows, cat(scopeCols(sc), []string{r.Period.Name, e.Type, fi(e.Activities), fm(e.Bookings), fr(e.PerActivity)}))
		}
	}
	add("activity_efficiency", []string{"scope", "region", "period", "type", "activities", "bookings", "bookings_per_activity"}, rows)

	// Reps.
	rows = nil
	repCols := func(f report.RepFigures) []string {
		return []string{fm(f.Bookings), fi(f.WonDeals), fi(f.LostDeals), fr(f.WinRate), fr(f.WinRateValue), fr(f.AvgDealSize),
			fr(f.CycleMedian), fr(f.CycleMean), ft(f.Target, f.HasTarget), fr(f.Attainment),
			fi(f.Activities.Call), fi(f.Activities.Email), fi(f.Activities.Meeting), fi(f.Activities.Other), fi(f.Activities.Total), fr(f.PerWonDeal)}
	}
	repH := []string{"bookings", "won_deals", "lost_deals", "win_rate", "win_rate_value", "avg_deal_size", "cycle_median_days",
		"cycle_mean_days", "target", "attainment", "calls", "emails", "meetings", "other_activities", "activities", "activities_per_won_deal"}
	var repHeader []string
	repHeader = append(repHeader, "owner", "region", "manager", "hired", "first_win", "days_to_first_win")
	for _, h := range repH {
		repHeader = append(repHeader, "period_"+h)
	}
	for _, h := range repH {
		repHeader = append(repHeader, "all_"+h)
	}
	for _, p := range r.Reps.Rows {
		rows = append(rows, cat([]string{p.Owner, p.Region, p.Manager, p.Hired.String(), p.FirstWin.String(), fr(p.DaysToFirstWin)},
			repCols(p.Period), repCols(p.All)))
	}
	add("reps", repHeader, rows)
	rows, rrows = nil, nil
	for _, c := range r.Reps.Cohorts {
		rrows = append(rrows, []string{c.Cohort, fi(c.Reps), fi(c.RepsWithWin), fr(c.MedianDaysToFirstWin)})
		for m, v := range c.Curve {
			rows = append(rows, []string{c.Cohort, fi(m), fi(c.CurveReps[m]), fr(v)})
		}
	}
	add("ramp_curve", []string{"cohort", "month_since_hire", "reps", "avg_bookings"}, rows)
	add("ramp_cohorts", []string{"cohort", "reps", "reps_with_win", "median_days_to_first_win"}, rrows)

	ts = append(ts, changeTables(r)...)

	// Data quality.
	stream("data_problems", []string{"position", "file", "sheet", "row", "column", "severity", "message"}, len(r.Quality.Problems), func(yield func([]string) bool) {
		for _, p := range r.Quality.Problems {
			if !yield([]string{p.Pos.String(), p.Pos.File, p.Pos.Sheet, rowText(p.Pos.Row), cellref.Column(p.Pos.Col), p.Severity.String(), p.Msg}) {
				return
			}
		}
	})
	rows = nil
	for _, t := range r.Quality.Tables {
		reasons := make([]string, 0, len(t.Skipped))
		for k := range t.Skipped {
			reasons = append(reasons, k)
		}
		sort.Strings(reasons)
		var sk []string
		skipped := 0
		for _, k := range reasons {
			sk = append(sk, fmt.Sprintf("%s=%d", k, t.Skipped[k]))
			skipped += t.Skipped[k]
		}
		rows = append(rows, []string{t.File, t.Sheet, string(t.Kind), fi(t.HeaderRow), fi(t.RowsRead), fi(t.Records), fi(skipped),
			strings.Join(sk, ";"), t.Note})
	}
	add("input_tables", []string{"file", "sheet", "kind", "header_row", "rows_read", "records", "rows_skipped", "skipped_by_reason", "note"}, rows)
	return append(ts, outlookTables(r)...)
}

func rowText(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// changeTables are the tables of the snapshot comparison: the whole open
// pipeline's changed deals and waterfall, and those of the quarter's
// closing pipeline. Without an earlier snapshot they have only headers.
func changeTables(r *report.Review) []Table {
	var whole, quarter []report.DealChange
	var wf, qwf [][]string
	quarterName := ""
	if ch := r.Changes; ch != nil {
		whole, quarter, quarterName = ch.Deals, ch.Quarter.Deals, ch.Quarter.Quarter.Name
		wf = waterfallRows(nil, ch.OldOpenTotal, ch.Steps, ch.NewOpenTotal)
		qc := &ch.Quarter
		qwf = waterfallRows([]string{quarterName}, qc.OldOpenTotal, qc.Steps, qc.NewOpenTotal)
	}
	return []Table{
		dealChangesTable("deal_changes", nil, whole),
		{Name: "snapshot_waterfall", Header: waterfallHeader, Rows: slices.Values(wf), Len: len(wf)},
		dealChangesTable("deal_changes_quarter", []string{quarterName}, quarter),
		{Name: "snapshot_waterfall_quarter", Header: append([]string{"quarter"}, waterfallHeader...), Rows: slices.Values(qwf), Len: len(qwf)},
	}
}

var (
	waterfallHeader   = []string{"step", "deals", "amount", "running_total"}
	dealChangesHeader = []string{"id", "name", "account", "region", "category", "old_status", "new_status", "old_stage", "new_stage",
		"old_amount", "new_amount", "old_close", "new_close", "delta"}
)

// waterfallRows are a waterfall's rows: start, the steps, end, each after
// the lead columns.
func waterfallRows(lead []string, start report.Money, steps []report.WaterfallStep, end report.Money) [][]string {
	row := func(cols ...string) []string { return append(slices.Clone(lead), cols...) }
	run := start
	rows := [][]string{row("start", "", "", fm(run))}
	for _, s := range steps {
		run += s.Amount
		rows = append(rows, row(s.Category, fi(s.Deals), fm(s.Amount), fm(run)))
	}
	return append(rows, row("end", "", "", fm(end)))
}

// dealChangesTable lists changed deals one row at a time, after the lead
// columns (the quarter of deal_changes_quarter).
func dealChangesTable(name string, lead []string, deals []report.DealChange) Table {
	header := dealChangesHeader
	if lead != nil {
		header = append([]string{"quarter"}, header...)
	}
	return Table{Name: name, Header: header, Len: len(deals), Rows: func(yield func([]string) bool) {
		for _, d := range deals {
			if !yield(append(slices.Clone(lead), d.ID, d.Name, d.Account, d.Region, d.Category, d.OldStatus, d.NewStatus, d.OldStage,
				d.NewStage, fm(d.OldAmount), fm(d.NewAmount), d.OldClose.String(), d.NewClose.String(), fm(d.Delta))) {
				return
			}
		}
	}}
}
