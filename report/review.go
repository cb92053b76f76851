package report

import "math"

// SchemaVersion is the version of the metrics.json schema (docs/metrics-schema.md).
const SchemaVersion = 2

// Amount modes: what a won deal's amount means for contract revenue.
const (
	ModeTCV = "TCV" // total contract value (default)
	ModeACV = "ACV" // annual contract value
	ModeMRR = "MRR" // monthly recurring revenue
)

// Year naming: which calendar year names a fiscal year.
const (
	YearNamedByEnd   = "end"   // FY named by the calendar year in which it ends (default)
	YearNamedByStart = "start" // FY named by the calendar year in which it starts
)

// Options say how to compute the review. The zero value uses the defaults of
// METRICS.md; Compute fills them in (Review.Options shows the values used).
type Options struct {
	// FiscalYearStart is the first month (1..12) of the fiscal year; 0 means 1.
	FiscalYearStart int `json:"fiscal_year_start"`
	// YearNaming is YearNamedByEnd ("end", default when "") or YearNamedByStart.
	YearNaming string `json:"year_naming"`
	// Period is the review quarter, e.g. "FY2026-Q3"; "" means the last
	// complete fiscal quarter on or before AsOf (a quarter is complete when
	// its last day is on or before AsOf).
	Period string `json:"period"`
	// AsOf is the report date; NoDay means the newest date in the data.
	AsOf Day `json:"as_of"`
	// AmountMode is ModeTCV (default when ""), ModeACV or ModeMRR.
	AmountMode string `json:"amount_mode"`
	// DefaultTerm is the contract length in months of deals without one; 0 means 12.
	DefaultTerm int `json:"default_term"`
	// StageOrder lists the open stages in funnel order (first stage first).
	// Stages not listed follow in order of first appearance in the deals.
	StageOrder []string `json:"stage_order"`
	// StageProbability is the default probability (0..100) of an open deal at
	// a stage, used when the deal has none. Stages not listed (and deals
	// without probability) count 0 in the weighted pipeline.
	StageProbability map[string]float64 `json:"stage_probability"`
	// StaleDays: an open deal with no linked activity in this many days
	// before AsOf is flagged stale; 0 means 30.
	StaleDays int `json:"stale_days"`
	// OutsizedFactor: an open deal above this times the median open amount
	// of its region is flagged outsized; 0 means 5.
	OutsizedFactor float64 `json:"outsized_factor"`
	// DiscountThreshold (percent): an open deal with a discount above it is
	// flagged discounted; 0 means 20.
	DiscountThreshold float64 `json:"discount_threshold"`
	// SlipPeriods: an open deal whose close moved this many fiscal quarters
	// later or more between the snapshots is flagged slipping; 0 means 2.
	SlipPeriods int `json:"slip_periods"`
	// ForecastCutoffWeek, when 1..14, makes forecast accuracy use the last
	// call submitted on or before the last day of that week of the quarter
	// (week 1 = the quarter's first 7 days); 0 means the last call on or
	// before the quarter's last day.
	ForecastCutoffWeek int `json:"forecast_cutoff_week"`
	// Regions lists regions in display order; regions found in the data but
	// not listed follow alphabetically, and Unassigned comes last.
	Regions []string `json:"regions"`
	// Currency is the report currency code, e.g. "USD"; "" means "USD".
	Currency string `json:"currency"`
	// ChangesQuarter is the quarter whose closing pipeline the snapshot
	// comparison explains, e.g. "FY2026-Q4"; "" means the current quarter
	// (the one Coverage is for).
	ChangesQuarter string `json:"changes_quarter"`
	// MaxListed is how many deals each per-deal list of metrics.json holds:
	// deal changes per category, past-due deals, risk flags per rule, and
	// data problems; 0 means 1000. The lists are cut after the largest (see
	// each list); their counts and totals are kept whole, and the Review's
	// own lists (the pages and the CSV tables) keep every row.
	MaxListed int `json:"max_listed"`
	// AttritionRate is the share of the team expected to leave in a year
	// (0..1), for the capacity plan of the outlook; 0 means none.
	AttritionRate float64 `json:"attrition_rate"`
}

// Ratio is a float64 figure that may be undefined (a zero denominator, no
// target, no data): null in metrics.json, an empty cell in CSV, "n/a" on a page.
// Ratios are fractions (0.25 = 25 %) unless the field says otherwise;
// money averages held in a Ratio are in major units (e.g. dollars).
type Ratio struct {
	Value float64
	OK    bool
}

// Defined returns a defined Ratio of v, or an undefined one when v is NaN or infinite.
func Defined(v float64) Ratio {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Ratio{}
	}
	return Ratio{Value: v, OK: true}
}

// Div returns a/b, undefined when b is 0.
func Div(a, b float64) Ratio {
	if b == 0 {
		return Ratio{}
	}
	return Defined(a / b)
}

// Quarter is one fiscal quarter.
type Quarter struct {
	Name       string `json:"name"`        // e.g. "FY2026-Q3"
	FiscalYear int    `json:"fiscal_year"` // the year in the name, e.g. 2026
	Q          int    `json:"q"`           // 1..4
	Start      Day    `json:"start"`       // first day
	End        Day    `json:"end"`         // last day, inclusive
}

// Month is one calendar month.
type Month struct {
	Name       string // "2026-03"
	Start, End Day    // first and last day, inclusive
}

// ActivityCounts counts activities by normalised type.
type ActivityCounts struct {
	Call    int `json:"call"`
	Email   int `json:"email"`
	Meeting int `json:"meeting"`
	Other   int `json:"other"`
	Total   int `json:"total"`
}

// Coverage is pipeline coverage of a scope (region or all) for one quarter.
type Coverage struct {
	Region       string `json:"region"`        // "" for all regions
	Period       string `json:"period"`        // quarter name
	OpenPipeline Money  `json:"open_pipeline"` // open deals with close in Period
	Target       Money  `json:"target"`
	HasTarget    bool   `json:"has_target"`
	Booked       Money  `json:"booked"`    // bookings in Period so far
	Remaining    Money  `json:"remaining"` // Target - Booked (meaningful only with HasTarget)
	// TargetMet is true when a target exists and Booked >= Target: the
	// report says "target met" instead of a ratio (Ratio is then undefined).
	TargetMet bool `json:"target_met"`
	// Ratio = OpenPipeline / Remaining; undefined without target, when met,
	// and for a quarter that has ended on the as-of date (coverage is for a
	// current or future quarter).
	Ratio Ratio `json:"ratio"`
	// Required = 1 / win rate by value over the four fiscal quarters before
	// Period; undefined when that win rate is 0 or undefined.
	Required Ratio `json:"required"`
	// TrailingWinRate is the win rate by value over those four quarters.
	TrailingWinRate Ratio `json:"trailing_win_rate"`
}

// KPI holds the headline figures of one scope in one quarter.
type KPI struct {
	Period     string `json:"period"` // quarter name
	Bookings   Money  `json:"bookings"`
	WonDeals   int    `json:"won_deals"`
	LostDeals  int    `json:"lost_deals"`
	Target     Money  `json:"target"`
	HasTarget  bool   `json:"has_target"`
	Attainment Ratio  `json:"attainment"` // Bookings / Target
	// Coverage of this quarter; for a complete quarter it answers nothing
	// (the site shows Scope.Coverage, of Review.CurrentPeriod, instead).
	Coverage Coverage `json:"coverage"`
	// WinRate by count = won / (won + lost) of deals closed in the quarter.
	WinRate Ratio `json:"win_rate"`
	// WinRateValue = won amount / (won + lost amount).
	WinRateValue Ratio `json:"win_rate_value"`
	// ARR at the end of the quarter's last month: 12 x the monthly values of
	// the contracts running in it, major units, unrounded.
	ARR float64 `json:"arr"`
	// Activities is the number of activities dated in the quarter.
	Activities ActivityCounts `json:"activities"`
	GrowthQoQ  Ratio          `json:"growth_qoq"` // Bookings / bookings of the previous quarter - 1
	GrowthYoY  Ratio          `json:"growth_yoy"` // Bookings / bookings four quarters earlier - 1
}

// KPIs are the headline figures of a scope in three quarters: the review
// quarter, the quarter before it and the same quarter a year earlier.
type KPIs struct {
	Current  KPI `json:"current"`
	Previous KPI `json:"previous"`
	YearAgo  KPI `json:"year_ago"`
}

// QuarterFigures are a scope's deal figures in one quarter (a point of its
// trend), or over all history (Scope.All).
type QuarterFigures struct {
	Period       string `json:"period"`
	Bookings     Money  `json:"bookings"` // won amount with close in the quarter
	WonDeals     int    `json:"won_deals"`
	LostDeals    int    `json:"lost_deals"`
	LostAmount   Money  `json:"lost_amount"`
	WinRate      Ratio  `json:"win_rate"`       // by count
	WinRateValue Ratio  `json:"win_rate_value"` // by value
	AvgDealSize  Ratio  `json:"avg_deal_size"`  // Bookings / WonDeals, major units
	// CycleMedian and CycleMean are in days, over won deals closed in the
	// quarter that have a created date; CycleDeals counts those deals.
	CycleMedian  Ratio          `json:"cycle_median"`
	CycleMean    Ratio          `json:"cycle_mean"`
	CycleDeals   int            `json:"cycle_deals"`
	Created      Money          `json:"created"` // amount of deals created in the quarter (any status)
	CreatedDeals int            `json:"created_deals"`
	Recognised   float64        `json:"recognised"` // contract revenue recognised in the quarter, major units, unrounded
	Target       Money          `json:"target"`
	HasTarget    bool           `json:"has_target"`
	Attainment   Ratio          `json:"attainment"`
	GrowthQoQ    Ratio          `json:"growth_qoq"`
	GrowthYoY    Ratio          `json:"growth_yoy"`
	Activities   ActivityCounts `json:"activities"`
	// ActivityChange is Activities.Total / previous quarter's total - 1.
	ActivityChange Ratio `json:"activity_change"`
}

// ClientRevenue is the bookings of one account.
type ClientRevenue struct {
	Account string `json:"account"`
	Market  string `json:"market"` // market of the account's most recent won deal
	Region  string `json:"region"` // region of the account's most recent won deal
	// Bookings in the review quarter; BookingsAll over all loaded history.
	Bookings    Money `json:"bookings"`
	BookingsAll Money `json:"bookings_all"`
	WonDeals    int   `json:"won_deals"` // in the review quarter
	WonDealsAll int   `json:"won_deals_all"`
	// ShareAll is BookingsAll / all bookings; CumShareAll accumulates it in
	// the order of the list (descending BookingsAll): the Pareto curve.
	ShareAll    Ratio `json:"share_all"`
	CumShareAll Ratio `json:"cum_share_all"`
}

// Concentration sums up revenue per client for a scope.
type Concentration struct {
	Clients         int   `json:"clients"`        // distinct accounts with a won deal in the review quarter
	ClientsAll      int   `json:"clients_all"`    // ... over all history
	AvgPerClient    Ratio `json:"avg_per_client"` // Bookings / Clients, major units
	AvgPerClientAll Ratio `json:"avg_per_client_all"`
	Top10Share      Ratio `json:"top10_share"`     // share of review-quarter bookings from its top 10 accounts
	Top10ShareAll   Ratio `json:"top10_share_all"` // share of all bookings from the top 10 accounts overall
}

// MarketRevenue is the bookings of one market (optionally within a region).
type MarketRevenue struct {
	Market      string `json:"market"`   // "" shown as "(none)"
	Region      string `json:"region"`   // "" in the per-market list
	Bookings    Money  `json:"bookings"` // review quarter
	BookingsAll Money  `json:"bookings_all"`
	WonDeals    int    `json:"won_deals"`
	WonDealsAll int    `json:"won_deals_all"`
	Clients     int    `json:"clients"` // distinct accounts with a won deal, all history
}

// StageAmount is the open pipeline at one stage.
type StageAmount struct {
	Stage    string  `json:"stage"`
	Deals    int     `json:"deals"`
	Amount   Money   `json:"amount"`
	Weighted float64 `json:"weighted"` // sum of amount x probability / 100, major units
}

// FunnelStage is one step of the stage funnel.
type FunnelStage struct {
	Stage  string `json:"stage"`
	Deals  int    `json:"deals"`  // deals that reached the stage
	Amount Money  `json:"amount"` // their amount
	// Conversion = Deals / Deals of the previous stage (undefined for the first).
	Conversion Ratio `json:"conversion"`
}

// ForecastRollup splits the review quarter's deals by forecast category.
type ForecastRollup struct {
	Period   string `json:"period"`
	Closed   Money  `json:"closed"`    // won deals with close in Period
	Commit   Money  `json:"commit"`    // open deals in category Commit (or Closed)
	BestCase Money  `json:"best_case"` // open deals in category Best Case
	Pipeline Money  `json:"pipeline"`  // open deals in category Pipeline or without one
	Omitted  Money  `json:"omitted"`   // open deals in category Omitted (not in the roll-up)
	// Totals: Closed+Commit, Closed+Commit+BestCase, Closed+Commit+BestCase+Pipeline.
	CommitTotal   Money `json:"commit_total"`
	BestCaseTotal Money `json:"best_case_total"`
	PipelineTotal Money `json:"pipeline_total"`
}

// ForecastAccuracy compares a forecast call with what was booked.
type ForecastAccuracy struct {
	Region    string `json:"region"`
	Period    string `json:"period"`
	HasCall   bool   `json:"has_call"`
	Submitted Day    `json:"submitted"`
	Forecast  Money  `json:"forecast"` // the call's commit amount
	Actual    Money  `json:"actual"`   // bookings of Region in Period
	Accuracy  Ratio  `json:"accuracy"` // 1 - |actual - forecast| / actual
	Bias      Ratio  `json:"bias"`     // (forecast - actual) / actual
}

// DealRef identifies a deal in lists (past due, risk flags, changes).
type DealRef struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Account string   `json:"account"`
	Region  string   `json:"region"`
	Owner   string   `json:"owner"`
	Stage   string   `json:"stage"`
	Amount  Money    `json:"amount"`
	Close   Day      `json:"close"`
	Pos     Position `json:"pos"` // where the deal's row is
}

// PastDue is an open deal whose close is before the report date.
type PastDue struct {
	Deal     DealRef `json:"deal"`
	DaysLate int     `json:"days_late"` // AsOf - Close
}

// Risk rules.
const (
	RulePastDue    = "past_due"
	RuleStale      = "stale"
	RuleSlipping   = "slipping"
	RuleOutsized   = "outsized"
	RuleDiscounted = "discounted"
)

// RiskFlag is one rule that flagged one open deal.
type RiskFlag struct {
	Deal   DealRef `json:"deal"`
	Rule   string  `json:"rule"`   // one of the Rule constants
	Detail string  `json:"detail"` // the rule as applied, e.g. "close 2026-08-31 before 2026-09-30"
}

// ScopeActivities are the activity figures of a scope.
type ScopeActivities struct {
	Counts ActivityCounts `json:"counts"` // all history
	// PerWonDeal = activities linked to won deals / won deals, all history.
	PerWonDeal Ratio `json:"per_won_deal"`
	// Efficiency is bookings per activity of each type in the review quarter.
	Efficiency []Efficiency `json:"efficiency"`
}

// Efficiency is bookings per activity of one type in the review quarter.
type Efficiency struct {
	Type        string `json:"type"` // call, email, meeting, other
	Activities  int    `json:"activities"`
	Bookings    Money  `json:"bookings"`
	PerActivity Ratio  `json:"per_activity"` // Bookings / Activities, major units
}

// Scope is every figure of one region, or of all regions (Region "").
type Scope struct {
	Region string `json:"region"`
	KPIs   KPIs   `json:"kpis"`
	// All holds the figures over all loaded history (Period "all";
	// growth, target and attainment undefined); its Recognised is the
	// revenue recognised in the quarters of Trend, their sum.
	All QuarterFigures `json:"all"`
	// Trend has one entry per Review.Quarters entry, in the same order.
	Trend         []QuarterFigures `json:"trend"`
	Concentration Concentration    `json:"concentration"`
	// TopClients are the 10 accounts with the most bookings over all history.
	TopClients []ClientRevenue `json:"top_clients"`
	// OpenPipeline, WeightedPipeline and OpenDeals are as of AsOf.
	OpenPipeline     Money           `json:"open_pipeline"`
	WeightedPipeline float64         `json:"weighted_pipeline"` // major units
	OpenDeals        int             `json:"open_deals"`
	PipelineByStage  []StageAmount   `json:"pipeline_by_stage"` // in stage order
	Funnel           []FunnelStage   `json:"funnel"`
	Forecast         ForecastRollup  `json:"forecast"`
	Activities       ScopeActivities `json:"activities"`
	// Reps lists the owners whose region (roster, else most frequent deal region) is this one.
	Reps []string `json:"reps"`
	// Coverage is the scope's coverage of Review.CurrentPeriod (the KPI
	// tile's coverage). KPIs.*.Coverage is the coverage of those (past)
	// quarters, kept for the schema; it answers nothing once they are over.
	Coverage Coverage `json:"coverage"`
	// Movers are the clients and reps whose bookings rose and fell most
	// against the previous quarter: what the overview's highlights name.
	Movers Movers `json:"movers"`
}

// ARRMonth is the recurring revenue of one month.
type ARRMonth struct {
	Month      string  `json:"month"`      // "2026-03"
	Recognised float64 `json:"recognised"` // revenue recognised in the month, all regions, major units, unrounded
	ARR        float64 `json:"arr"`        // 12 x the monthly values running in the month (= 12 x Recognised), major units
	// ByRegion holds ARR per region, aligned with Review.Regions.
	ByRegion []float64 `json:"by_region"`
}

// ScheduleRow is one region's row of the revenue schedule.
type ScheduleRow struct {
	Region string `json:"region"` // "" for the total row
	// Amounts holds the recognised revenue in each of the 20 quarters
	// (major units, unrounded).
	Amounts        []float64 `json:"amounts"`
	TCV            float64   `json:"tcv"`              // total contract value of the deals, major units
	FirstYearValue float64   `json:"first_year_value"` // recognised in their first 12 contract months, major units
	Deals          int       `json:"deals"`
}

// Schedule is the 20-quarter revenue schedule of the deals won in the review quarter.
type Schedule struct {
	Window   string        `json:"window"`   // the quarter whose won deals are scheduled
	Quarters []string      `json:"quarters"` // 20 quarter names starting with Window
	Rows     []ScheduleRow `json:"rows"`     // one per region in order, then the total (Region "")
}

// Revenue is the bookings by client and by market, the recurring revenue
// of every month (ARR) and the revenue schedule of the review quarter's wins.
type Revenue struct {
	// Clients lists every account with a won deal, by BookingsAll
	// descending (the CSV table and the Pareto chart).
	Clients []ClientRevenue `json:"-"`
	// ClientsListed is metrics.json's "clients": the first
	// Options.MaxListed of Clients (the largest); ClientsTotal is len(Clients).
	ClientsListed  []ClientRevenue `json:"clients"`
	ClientsTotal   int             `json:"clients_total"`
	Markets        []MarketRevenue `json:"markets"`         // by BookingsAll descending, then name
	MarketsRegions []MarketRevenue `json:"markets_regions"` // by market then region order
	ARRByMonth     []ARRMonth      `json:"arr_by_month"`    // every month from the first contract month to AsOf's month
	Schedule       Schedule        `json:"schedule"`
}

// Pipeline is the coverage of each scope and quarter, the open deals past
// their close date and the flags of the risk rules (each Scope holds its
// own open pipeline by stage and funnel).
type Pipeline struct {
	Coverage []Coverage `json:"coverage"` // per region in order then all (Region ""), for the review, the as-of, the current and the next quarter
	// PastDue lists every past-due deal, by days late descending, then
	// amount descending, then position (the CSV table and the page).
	PastDue []PastDue `json:"-"`
	// PastDueListed is metrics.json's "past_due": the first
	// Options.MaxListed of PastDue; PastDueDeals and PastDueAmount count
	// and sum them all.
	PastDueListed []PastDue `json:"past_due"`
	PastDueDeals  int       `json:"past_due_deals"`
	PastDueAmount Money     `json:"past_due_amount"`
	// Risks are by rule, then amount descending, then position; at most
	// MaxRiskFlags per rule (the CSV table and the page).
	Risks []RiskFlag `json:"-"`
	// RisksListed is metrics.json's "risks": the first Options.MaxListed
	// flags of each rule of Risks (the largest deals).
	RisksListed []RiskFlag `json:"risks"`
	// RiskSummary has, per rule (in the order of the Rule constants), how
	// many open deals it flags and their amount: all of them, also those
	// beyond MaxRiskFlags.
	RiskSummary []RiskSummary `json:"risk_summary"`
}

// MaxRiskFlags is how many flags of one rule Pipeline.Risks lists (the
// largest deals first); Pipeline.RiskSummary counts them all.
const MaxRiskFlags = 5000

// RiskSummary is the count and amount of the open deals one rule flags.
type RiskSummary struct {
	Rule   string `json:"rule"`
	Deals  int    `json:"deals"`
	Amount Money  `json:"amount"`
}

// Forecast is the accuracy of the forecast calls against bookings (each
// Scope holds its own roll-up by forecast category).
type Forecast struct {
	// Accuracy has one row per region and quarter with a forecast call or
	// bookings, up to the review quarter; by region order then quarter.
	Accuracy []ForecastAccuracy `json:"accuracy"`
}

// ActivityRow is the activity volume of one key (region, owner, week, month, quarter).
type ActivityRow struct {
	Key    string         `json:"key"`
	Counts ActivityCounts `json:"counts"`
	// Change is Counts.Total / previous row's total - 1 (time series only;
	// undefined when this row or the one before is partial).
	Change Ratio `json:"change"`
	// Partial marks a week, month or quarter of which only some days are
	// counted: the one holding the as-of date (the days after it are not
	// done yet), or the week of the series' first day.
	Partial bool `json:"partial"`
}

// Effectiveness compares the win rate of closed deals with and without an
// activity of one type linked to them.
type Effectiveness struct {
	Type           string `json:"type"`        // call, email, meeting
	With           int    `json:"with"`        // closed deals with such an activity
	Without        int    `json:"without"`     // closed deals without
	WonWith        int    `json:"won_with"`    // won of With
	WonWithout     int    `json:"won_without"` // won of Without
	WinRateWith    Ratio  `json:"win_rate_with"`
	WinRateWithout Ratio  `json:"win_rate_without"`
}

// Activities is the activity volume of all regions by region, owner, week,
// month and quarter, and how activities go with won deals and bookings.
type Activities struct {
	Counts        ActivityCounts  `json:"counts"`
	ByRegion      []ActivityRow   `json:"by_region"`  // region order, Unassigned last
	ByOwner       []ActivityRow   `json:"by_owner"`   // by owner name
	ByWeek        []ActivityRow   `json:"by_week"`    // ISO weeks "2026-W05", ascending, gaps filled
	ByMonth       []ActivityRow   `json:"by_month"`   // "2026-03"
	ByQuarter     []ActivityRow   `json:"by_quarter"` // fiscal quarters of Review.Quarters
	PerWonDeal    Ratio           `json:"per_won_deal"`
	Effectiveness []Effectiveness `json:"effectiveness"`
	Efficiency    []Efficiency    `json:"efficiency"` // all regions, review quarter
	Unassigned    int             `json:"unassigned"` // activities whose region could not be derived
}

// RepFigures are one rep's figures over a span (review quarter or all history).
type RepFigures struct {
	Bookings     Money          `json:"bookings"`
	WonDeals     int            `json:"won_deals"`
	LostDeals    int            `json:"lost_deals"`
	WinRate      Ratio          `json:"win_rate"`
	WinRateValue Ratio          `json:"win_rate_value"`
	AvgDealSize  Ratio          `json:"avg_deal_size"` // major units
	CycleMedian  Ratio          `json:"cycle_median"`  // days
	CycleMean    Ratio          `json:"cycle_mean"`
	Target       Money          `json:"target"`
	HasTarget    bool           `json:"has_target"`
	Attainment   Ratio          `json:"attainment"`
	Activities   ActivityCounts `json:"activities"`
	// PerWonDeal = activities linked to the rep's won deals of the span
	// (closed in the review quarter for Period) / those deals; an activity
	// linked to several of them counts once.
	PerWonDeal Ratio `json:"per_won_deal"`
}

// Rep is one rep's (deal owner's) figures in the review quarter and over
// all history, and the time to the first win.
type Rep struct {
	Owner   string     `json:"owner"`
	Region  string     `json:"region"`
	Manager string     `json:"manager"`
	Hired   Day        `json:"hired"`
	Period  RepFigures `json:"period"` // the review quarter
	All     RepFigures `json:"all"`    // all loaded history
	// FirstWin is the close of the rep's first won deal; DaysToFirstWin is
	// from Hired (undefined without hire date or win, and for a
	// left-censored rep).
	FirstWin       Day   `json:"first_win"`
	DaysToFirstWin Ratio `json:"days_to_first_win"`
	// LeftCensored is true when the rep was hired before the data begins
	// (Reps.DataBegins): their first months are not in the data, so they are
	// left out of the ramp curves and of the time to first win.
	LeftCensored bool `json:"left_censored"`
}

// RampCohort is the reps hired in one fiscal half-year.
type RampCohort struct {
	Cohort string `json:"cohort"` // "FY2026-H1"
	Reps   int    `json:"reps"`
	// Curve[i] is the average bookings (major units) per rep of the cohort in
	// month i since hire (month 0 is the hire month), up to AsOf and at most
	// MaxRampMonths; CurveReps[i] counts the reps that had reached month i.
	Curve     []Ratio `json:"curve"`
	CurveReps []int   `json:"curve_reps"`
	// MedianDaysToFirstWin over the cohort's reps with a win.
	MedianDaysToFirstWin Ratio `json:"median_days_to_first_win"`
	RepsWithWin          int   `json:"reps_with_win"`
}

// Reps is the figures of every rep and the ramp of the cohorts they were
// hired in.
type Reps struct {
	Rows    []Rep        `json:"rows"`    // by owner name
	Cohorts []RampCohort `json:"cohorts"` // by cohort; left-censored reps are in none
	// DataBegins is the first day of the month of the earliest close of a
	// won or lost deal: the first month whose bookings the data shows
	// (NoDay without closed deals).
	DataBegins Day `json:"data_begins"`
	// LeftCensored counts the reps hired before DataBegins.
	LeftCensored int `json:"left_censored"`
}

// Change categories of a deal between two snapshots.
const (
	ChangeNew       = "new"
	ChangeWon       = "won"
	ChangeLost      = "lost"
	ChangePushed    = "pushed"
	ChangePulledIn  = "pulled_in"
	ChangeIncreased = "increased"
	ChangeDecreased = "decreased"
	ChangeUnchanged = "unchanged"
	ChangeRemoved   = "removed"  // in the old export only
	ChangeReopened  = "reopened" // closed in the old export, open in the new
)

// ChangeCategories lists the categories in waterfall order.
var ChangeCategories = []string{ChangeNew, ChangeIncreased, ChangeDecreased, ChangePushed, ChangePulledIn,
	ChangeReopened, ChangeWon, ChangeLost, ChangeRemoved, ChangeUnchanged}

// DealChange is one deal's movement between the snapshots.
type DealChange struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Account   string `json:"account"`
	Region    string `json:"region"`
	Category  string `json:"category"`
	OldStatus string `json:"old_status"` // "" when absent
	NewStatus string `json:"new_status"`
	OldStage  string `json:"old_stage"`
	NewStage  string `json:"new_stage"`
	OldAmount Money  `json:"old_amount"`
	NewAmount Money  `json:"new_amount"`
	OldClose  Day    `json:"old_close"`
	NewClose  Day    `json:"new_close"`
	// Delta is the change of the deal's contribution to the open total:
	// (new amount if open at t1, else 0) - (old amount if open at t0, else 0).
	Delta Money `json:"delta"`
}

// WaterfallStep is one step of the snapshot waterfall.
type WaterfallStep struct {
	Category string `json:"category"`
	Deals    int    `json:"deals"`
	Amount   Money  `json:"amount"` // sum of Delta of the category's deals
}

// Changes compares the review's export with an earlier snapshot of the same
// pipeline: the open total of each, and what moved it, by category and by
// deal. A Review without an earlier snapshot has none (nil).
type Changes struct {
	OldAsOf      Day   `json:"old_as_of"`
	NewAsOf      Day   `json:"new_as_of"`
	OldOpenTotal Money `json:"old_open_total"`
	NewOpenTotal Money `json:"new_open_total"`
	// Steps in ChangeCategories order; OldOpenTotal + sum(Amount) == NewOpenTotal exactly.
	// Their Deals count every deal, the unchanged ones included.
	Steps []WaterfallStep `json:"steps"`
	// Deals lists every deal that changed (all categories but unchanged,
	// which the unchanged step counts), by category order, then |Delta|
	// descending, then ID: the CSV table and the page.
	Deals []DealChange `json:"-"`
	// DealsListed is metrics.json's "deals": the first Options.MaxListed
	// deals of each category of Deals (the largest changes); DealsChanged
	// is len(Deals).
	DealsListed  []DealChange `json:"deals"`
	DealsChanged int          `json:"deals_changed"`
	// Unmatched counts deals without id (they cannot be compared).
	Unmatched int `json:"unmatched"`
	// Quarter is the waterfall of the pipeline that closes in one quarter
	// (Options.ChangesQuarter, else CurrentPeriod): the one a review reads.
	Quarter QuarterChanges `json:"quarter"`
}

// QualityCounts are the data problems the metrics found.
type QualityCounts struct {
	DealsWithoutCreated  int `json:"deals_without_created"` // won deals left out of the sales cycle
	ActivitiesUnassigned int `json:"activities_unassigned"`
	OpenPastDue          int `json:"open_past_due"`
	ZeroAmountWon        int `json:"zero_amount_won"`
	// CreatedAfterClose counts won and lost deals created after their
	// close date: they cannot be right, and are left out of the sales cycle.
	CreatedAfterClose int `json:"created_after_close"`
	// ClosedAfterFacts counts won and lost deals whose close date comes
	// more than a quarter after every created date and every earlier close:
	// planned dates, not facts, so they do not set the as-of date.
	ClosedAfterFacts int `json:"closed_after_facts"`
	// ActivitiesAfterAsOf counts the activities dated after the as-of date
	// (planned tasks), left out of every activity figure.
	ActivitiesAfterAsOf int `json:"activities_after_as_of"`
}

// Quality is what was wrong with the input: the problems found by the input
// side and by the metrics, their counts, and the rows read from each table.
type Quality struct {
	Counts QualityCounts `json:"counts"`
	// Problems are the input's warnings plus those of the metrics, sorted by
	// position. Metric problems are listed up to 1000 per kind, then one
	// problem says how many more.
	Problems []Problem `json:"-"`
	// ProblemsListed is metrics.json's "problems": the first
	// Options.MaxListed of Problems; ProblemsTotal is len(Problems).
	ProblemsListed []Problem `json:"problems"`
	ProblemsTotal  int       `json:"problems_total"`
	Tables         []Table   `json:"tables"` // Records.Tables of the current export
}

// Review holds every number the site shows, unrounded.
type Review struct {
	Schema          int     `json:"schema"`  // SchemaVersion
	Options         Options `json:"options"` // as given, with defaults filled in (AsOf and Period included)
	Currency        string  `json:"currency"`
	AsOf            Day     `json:"as_of"`
	FiscalYearStart int     `json:"fiscal_year_start"`
	AmountMode      string  `json:"amount_mode"`
	Period          Quarter `json:"period"`          // the review quarter
	PrevPeriod      Quarter `json:"prev_period"`     // the quarter before it
	YearAgoPeriod   Quarter `json:"year_ago_period"` // four quarters before it
	// CurrentPeriod is the quarter coverage is measured for: the first
	// quarter not complete on the as-of date (the one containing AsOf, or
	// the next one when AsOf is its last day). Coverage is for a current or
	// future period; the review quarter is complete.
	CurrentPeriod Quarter   `json:"current_period"`
	Quarters      []Quarter `json:"quarters"` // every quarter from the oldest date in the data to the later of AsOf and Period, ascending
	Regions       []string  `json:"regions"`  // in display order; Unassigned last when present
	Stages        []string  `json:"stages"`   // open stages in funnel order
	// HasActivities is false when no activity was loaded: the activity
	// figures are then absent, not zero.
	HasActivities bool `json:"has_activities"`

	Total    Scope   `json:"total"`     // all regions
	ByRegion []Scope `json:"by_region"` // one per Regions entry, same order

	Revenue    Revenue    `json:"revenue"`
	Pipeline   Pipeline   `json:"pipeline"`
	Forecast   Forecast   `json:"forecast"`
	Activities Activities `json:"activities"`
	Reps       Reps       `json:"reps"`
	Changes    *Changes   `json:"changes"` // nil without an earlier snapshot
	Quality    Quality    `json:"quality"`
	// Outlook is the quarter holding AsOf and the next one: where they
	// stand, pacing, the projected landing and its backtest, and the
	// capacity plan of the next fiscal year.
	Outlook Outlook `json:"outlook"`
}

// Compute turns the records of the current export (and optionally an earlier
// snapshot of the same pipeline, prev, which may be nil) into the review.
func Compute(cur, prev *Records, opts Options) (*Review, error) {
	return compute(cur, prev, opts)
}

// Scope returns the scope of region, or nil when the region is not in the review.
func (r *Review) Scope(region string) *Scope {
	for i := range r.ByRegion {
		if r.ByRegion[i].Region == region {
			return &r.ByRegion[i]
		}
	}
	return nil
}
