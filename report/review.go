package report

import (
	"encoding/json"
	"math"
)

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
	FiscalYearStart int
	// YearNaming is YearNamedByEnd ("end", default when "") or YearNamedByStart.
	YearNaming string
	// Period is the review quarter, e.g. "FY2026-Q3"; "" means the last
	// complete fiscal quarter on or before AsOf (a quarter is complete when
	// its last day is on or before AsOf).
	Period string
	// AsOf is the report date; NoDay means the newest date in the data.
	AsOf Day
	// AmountMode is ModeTCV (default when ""), ModeACV or ModeMRR.
	AmountMode string
	// DefaultTerm is the contract length in months of deals without one; 0 means 12.
	DefaultTerm int
	// StageOrder lists the open stages in funnel order (first stage first).
	// Stages not listed follow in order of first appearance in the deals.
	StageOrder []string
	// StageProbability is the default probability (0..100) of an open deal at
	// a stage, used when the deal has none. Stages not listed (and deals
	// without probability) count 0 in the weighted pipeline.
	StageProbability map[string]float64
	// StaleDays: an open deal with no linked activity in this many days
	// before AsOf is flagged stale; 0 means 30.
	StaleDays int
	// OutsizedFactor: an open deal above this times the median open amount
	// of its region is flagged outsized; 0 means 5.
	OutsizedFactor float64
	// DiscountThreshold (percent): an open deal with a discount above it is
	// flagged discounted; 0 means 20.
	DiscountThreshold float64
	// SlipPeriods: an open deal whose close moved this many fiscal quarters
	// later or more between the snapshots is flagged slipping; 0 means 2.
	SlipPeriods int
	// ForecastCutoffWeek, when 1..14, makes forecast accuracy use the last
	// call submitted on or before the last day of that week of the quarter
	// (week 1 = the quarter's first 7 days); 0 means the last call on or
	// before the quarter's last day.
	ForecastCutoffWeek int
	// Regions lists regions in display order; regions found in the data but
	// not listed follow alphabetically, and Unassigned comes last.
	Regions []string
	// Currency is the report currency code, e.g. "USD"; "" means "USD".
	Currency string
	// ChangesQuarter is the quarter whose closing pipeline the snapshot
	// comparison explains, e.g. "FY2026-Q4"; "" means the current quarter
	// (the one Coverage is for).
	ChangesQuarter string
	// MaxListed is how many deals each per-deal list of metrics.json holds:
	// deal changes per category, past-due deals, risk flags per rule, and
	// data problems; 0 means 1000. The lists are cut after the largest (see
	// each list); their counts and totals are kept whole, and the Review's
	// own lists (the pages and the CSV tables) keep every row.
	MaxListed int
	// AttritionRate is the share of the team expected to leave in a year
	// (0..1), for the capacity plan of the outlook; 0 means none.
	AttritionRate float64
}

// Ratio is a float64 figure that may be undefined (a zero denominator, no
// target, no data). It marshals to JSON as a number, or null when !OK.
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

// MarshalJSON writes the value, or null when undefined.
func (r Ratio) MarshalJSON() ([]byte, error) {
	if !r.OK || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(r.Value)
}

// Quarter is one fiscal quarter.
type Quarter struct {
	Name       string // e.g. "FY2026-Q3"
	FiscalYear int    // the year in the name, e.g. 2026
	Q          int    // 1..4
	Start, End Day    // first and last day, inclusive
}

// Month is one calendar month.
type Month struct {
	Name       string // "2026-03"
	Start, End Day    // first and last day, inclusive
}

// ActivityCounts counts activities by normalised type.
type ActivityCounts struct {
	Call, Email, Meeting, Other int
	Total                       int
}

// Coverage is pipeline coverage of a scope (region or all) for one quarter.
type Coverage struct {
	Region       string // "" for all regions
	Period       string // quarter name
	OpenPipeline Money  // open deals with close in Period
	Target       Money
	HasTarget    bool
	Booked       Money // bookings in Period so far
	Remaining    Money // Target - Booked (meaningful only with HasTarget)
	// TargetMet is true when a target exists and Booked >= Target: the
	// report says "target met" instead of a ratio (Ratio is then undefined).
	TargetMet bool
	// Ratio = OpenPipeline / Remaining; undefined without target, when met,
	// and for a quarter that has ended on the as-of date (coverage is for a
	// current or future quarter).
	Ratio Ratio
	// Required = 1 / win rate by value over the four fiscal quarters before
	// Period; undefined when that win rate is 0 or undefined.
	Required Ratio
	// TrailingWinRate is the win rate by value over those four quarters.
	TrailingWinRate Ratio
}

// KPI holds the headline figures of one scope in one quarter.
type KPI struct {
	Period     string // quarter name
	Bookings   Money
	WonDeals   int
	LostDeals  int
	Target     Money
	HasTarget  bool
	Attainment Ratio // Bookings / Target
	// Coverage of this quarter; for a complete quarter it answers nothing
	// (the site shows Scope.Coverage, of Review.CurrentPeriod, instead).
	Coverage Coverage
	// WinRate by count = won / (won + lost) of deals closed in the quarter.
	WinRate Ratio
	// WinRateValue = won amount / (won + lost amount).
	WinRateValue Ratio
	// ARR at the end of the quarter's last month: 12 x the monthly values of
	// the contracts running in it, major units, unrounded.
	ARR float64
	// Activities is the number of activities dated in the quarter.
	Activities ActivityCounts
	GrowthQoQ  Ratio // Bookings / bookings of the previous quarter - 1
	GrowthYoY  Ratio // Bookings / bookings four quarters earlier - 1
}

// KPIs are the tiles of a scope: the review quarter, the quarter before it
// and the same quarter a year earlier.
type KPIs struct {
	Current, Previous, YearAgo KPI
}

// QuarterFigures is one point of a scope's quarterly trend.
type QuarterFigures struct {
	Period       string
	Bookings     Money // won amount with close in the quarter
	WonDeals     int
	LostDeals    int
	LostAmount   Money
	WinRate      Ratio // by count
	WinRateValue Ratio // by value
	AvgDealSize  Ratio // Bookings / WonDeals, major units
	// CycleMedian and CycleMean are in days, over won deals closed in the
	// quarter that have a created date; CycleDeals counts those deals.
	CycleMedian  Ratio
	CycleMean    Ratio
	CycleDeals   int
	Created      Money // amount of deals created in the quarter (any status)
	CreatedDeals int
	Recognised   float64 // contract revenue recognised in the quarter, major units, unrounded
	Target       Money
	HasTarget    bool
	Attainment   Ratio
	GrowthQoQ    Ratio
	GrowthYoY    Ratio
	Activities   ActivityCounts
	// ActivityChange is Activities.Total / previous quarter's total - 1.
	ActivityChange Ratio
}

// ClientRevenue is the bookings of one account.
type ClientRevenue struct {
	Account string
	Market  string // market of the account's most recent won deal
	Region  string // region of the account's most recent won deal
	// Bookings in the review quarter; BookingsAll over all loaded history.
	Bookings    Money
	BookingsAll Money
	WonDeals    int // in the review quarter
	WonDealsAll int
	// ShareAll is BookingsAll / all bookings; CumShareAll accumulates it in
	// the order of the list (descending BookingsAll): the Pareto curve.
	ShareAll    Ratio
	CumShareAll Ratio
}

// Concentration sums up revenue per client for a scope.
type Concentration struct {
	Clients         int   // distinct accounts with a won deal in the review quarter
	ClientsAll      int   // ... over all history
	AvgPerClient    Ratio // Bookings / Clients, major units
	AvgPerClientAll Ratio
	Top10Share      Ratio // share of review-quarter bookings from its top 10 accounts
	Top10ShareAll   Ratio // share of all bookings from the top 10 accounts overall
}

// MarketRevenue is the bookings of one market (optionally within a region).
type MarketRevenue struct {
	Market      string // "" shown as "(none)"
	Region      string // "" in the per-market list
	Bookings    Money  // review quarter
	BookingsAll Money
	WonDeals    int
	WonDealsAll int
	Clients     int // distinct accounts with a won deal, all history
}

// StageAmount is the open pipeline at one stage.
type StageAmount struct {
	Stage    string
	Deals    int
	Amount   Money
	Weighted float64 // sum of amount x probability / 100, major units
}

// FunnelStage is one step of the stage funnel.
type FunnelStage struct {
	Stage  string
	Deals  int   // deals that reached the stage
	Amount Money // their amount
	// Conversion = Deals / Deals of the previous stage (undefined for the first).
	Conversion Ratio
}

// ForecastRollup splits the review quarter's deals by forecast category.
type ForecastRollup struct {
	Period   string
	Closed   Money // won deals with close in Period
	Commit   Money // open deals in category Commit (or Closed)
	BestCase Money // open deals in category Best Case
	Pipeline Money // open deals in category Pipeline or without one
	Omitted  Money // open deals in category Omitted (not in the roll-up)
	// Totals: Closed+Commit, Closed+Commit+BestCase, Closed+Commit+BestCase+Pipeline.
	CommitTotal, BestCaseTotal, PipelineTotal Money
}

// ForecastAccuracy compares a forecast call with what was booked.
type ForecastAccuracy struct {
	Region    string
	Period    string
	HasCall   bool
	Submitted Day
	Forecast  Money // the call's commit amount
	Actual    Money // bookings of Region in Period
	Accuracy  Ratio // 1 - |actual - forecast| / actual
	Bias      Ratio // (forecast - actual) / actual
}

// DealRef identifies a deal in lists (past due, risk flags, changes).
type DealRef struct {
	ID      string
	Name    string
	Account string
	Region  string
	Owner   string
	Stage   string
	Amount  Money
	Close   Day
	Pos     Position // where the deal's row is
}

// PastDue is an open deal whose close is before the report date.
type PastDue struct {
	Deal     DealRef
	DaysLate int // AsOf - Close
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
	Deal   DealRef
	Rule   string // one of the Rule constants
	Detail string // the rule as applied, e.g. "close 2026-08-31 before 2026-09-30"
}

// ScopeActivities are the activity figures of a scope.
type ScopeActivities struct {
	Counts ActivityCounts // all history
	// PerWonDeal = activities linked to won deals / won deals, all history.
	PerWonDeal Ratio
	// Efficiency is bookings per activity of each type in the review quarter.
	Efficiency []Efficiency
}

// Efficiency is bookings per activity of one type in the review quarter.
type Efficiency struct {
	Type        string // call, email, meeting, other
	Activities  int
	Bookings    Money
	PerActivity Ratio // Bookings / Activities, major units
}

// Scope is every figure of one region, or of all regions (Region "").
type Scope struct {
	Region string
	KPIs   KPIs
	// All holds the figures over all loaded history (Period "all";
	// growth, target and attainment undefined); its Recognised is the
	// revenue recognised in the quarters of Trend, their sum.
	All QuarterFigures
	// Trend has one entry per Review.Quarters entry, in the same order.
	Trend         []QuarterFigures
	Concentration Concentration
	// TopClients are the 10 accounts with the most bookings over all history.
	TopClients []ClientRevenue
	// OpenPipeline, WeightedPipeline and OpenDeals are as of AsOf.
	OpenPipeline     Money
	WeightedPipeline float64 // major units
	OpenDeals        int
	PipelineByStage  []StageAmount // in stage order
	Funnel           []FunnelStage
	Forecast         ForecastRollup
	Activities       ScopeActivities
	// Reps lists the owners whose region (roster, else most frequent deal region) is this one.
	Reps []string
	// Coverage is the scope's coverage of Review.CurrentPeriod (the KPI
	// tile's coverage). KPIs.*.Coverage is the coverage of those (past)
	// quarters, kept for the schema; it answers nothing once they are over.
	Coverage Coverage
	// Movers are the clients and reps whose bookings rose and fell most
	// against the previous quarter: what the overview's highlights name.
	Movers Movers
}

// ARRMonth is the recurring revenue of one month.
type ARRMonth struct {
	Month      string  // "2026-03"
	Recognised float64 // revenue recognised in the month, all regions, major units, unrounded
	ARR        float64 // 12 x the monthly values running in the month (= 12 x Recognised), major units
	// ByRegion holds ARR per region, aligned with Review.Regions.
	ByRegion []float64
}

// ScheduleRow is one region's row of the revenue schedule.
type ScheduleRow struct {
	Region string // "" for the total row
	// Amounts holds the recognised revenue in each of the 20 quarters
	// (major units, unrounded).
	Amounts        []float64
	TCV            float64 // total contract value of the deals, major units
	FirstYearValue float64 // recognised in their first 12 contract months, major units
	Deals          int
}

// Schedule is the 20-quarter revenue schedule of the deals won in the review quarter.
type Schedule struct {
	Window   string        // the quarter whose won deals are scheduled
	Quarters []string      // 20 quarter names starting with Window
	Rows     []ScheduleRow // one per region in order, then the total (Region "")
}

// Revenue is the Revenue page.
type Revenue struct {
	// Clients lists every account with a won deal, by BookingsAll
	// descending (the CSV table and the Pareto chart).
	Clients []ClientRevenue `json:"-"`
	// ClientsListed is metrics.json's "clients": the first
	// Options.MaxListed of Clients (the largest); ClientsTotal is len(Clients).
	ClientsListed  []ClientRevenue `json:"clients"`
	ClientsTotal   int
	Markets        []MarketRevenue // by BookingsAll descending, then name
	MarketsRegions []MarketRevenue // by market then region order
	ARRByMonth     []ARRMonth      // every month from the first contract month to AsOf's month
	Schedule       Schedule
}

// Pipeline is the Pipeline page (per-region figures are in the scopes).
type Pipeline struct {
	Coverage []Coverage // per region in order then all (Region ""), for the review, the as-of, the current and the next quarter
	// PastDue lists every past-due deal, by days late descending, then
	// amount descending, then position (the CSV table and the page).
	PastDue []PastDue `json:"-"`
	// PastDueListed is metrics.json's "past_due": the first
	// Options.MaxListed of PastDue; PastDueDeals and PastDueAmount count
	// and sum them all.
	PastDueListed []PastDue `json:"past_due"`
	PastDueDeals  int
	PastDueAmount Money
	// Risks are by rule, then amount descending, then position; at most
	// MaxRiskFlags per rule (the CSV table and the page).
	Risks []RiskFlag `json:"-"`
	// RisksListed is metrics.json's "risks": the first Options.MaxListed
	// flags of each rule of Risks (the largest deals).
	RisksListed []RiskFlag `json:"risks"`
	// RiskSummary has, per rule (in the order of the Rule constants), how
	// many open deals it flags and their amount: all of them, also those
	// beyond MaxRiskFlags.
	RiskSummary []RiskSummary
}

// MaxRiskFlags is how many flags of one rule Pipeline.Risks lists (the
// largest deals first); Pipeline.RiskSummary counts them all.
const MaxRiskFlags = 5000

// RiskSummary is the count and amount of the open deals one rule flags.
type RiskSummary struct {
	Rule   string
	Deals  int
	Amount Money
}

// Forecast is the Forecast page (roll-ups are in the scopes).
type Forecast struct {
	// Accuracy has one row per region and quarter with a forecast call or
	// bookings, up to the review quarter; by region order then quarter.
	Accuracy []ForecastAccuracy
}

// ActivityRow is the activity volume of one key (region, owner, week, month, quarter).
type ActivityRow struct {
	Key    string
	Counts ActivityCounts
	// Change is Counts.Total / previous row's total - 1 (time series only;
	// undefined when this row or the one before is partial).
	Change Ratio
	// Partial marks a week, month or quarter of which only some days are
	// counted: the one holding the as-of date (the days after it are not
	// done yet), or the week of the series' first day.
	Partial bool
}

// Effectiveness compares the win rate of closed deals with and without an
// activity of one type linked to them.
type Effectiveness struct {
	Type                string // call, email, meeting
	With, Without       int    // closed deals with / without such an activity
	WonWith, WonWithout int
	WinRateWith         Ratio
	WinRateWithout      Ratio
}

// Activities is the Activities page.
type Activities struct {
	Counts        ActivityCounts
	ByRegion      []ActivityRow // region order, Unassigned last
	ByOwner       []ActivityRow // by owner name
	ByWeek        []ActivityRow // ISO weeks "2026-W05", ascending, gaps filled
	ByMonth       []ActivityRow // "2026-03"
	ByQuarter     []ActivityRow // fiscal quarters of Review.Quarters
	PerWonDeal    Ratio
	Effectiveness []Effectiveness
	Efficiency    []Efficiency // all regions, review quarter
	Unassigned    int          // activities whose region could not be derived
}

// RepFigures are one rep's figures over a span (review quarter or all history).
type RepFigures struct {
	Bookings     Money
	WonDeals     int
	LostDeals    int
	WinRate      Ratio
	WinRateValue Ratio
	AvgDealSize  Ratio // major units
	CycleMedian  Ratio // days
	CycleMean    Ratio
	Target       Money
	HasTarget    bool
	Attainment   Ratio
	Activities   ActivityCounts
	// PerWonDeal = activities linked to the rep's won deals of the span
	// (closed in the review quarter for Period) / those deals; an activity
	// linked to several of them counts once.
	PerWonDeal Ratio
}

// Rep is one row of the reps table.
type Rep struct {
	Owner   string
	Region  string
	Manager string
	Hired   Day
	Period  RepFigures // the review quarter
	All     RepFigures // all loaded history
	// FirstWin is the close of the rep's first won deal; DaysToFirstWin is
	// from Hired (undefined without hire date or win, and for a
	// left-censored rep).
	FirstWin       Day
	DaysToFirstWin Ratio
	// LeftCensored is true when the rep was hired before the data begins
	// (Reps.DataBegins): their first months are not in the data, so they are
	// left out of the ramp curves and of the time to first win.
	LeftCensored bool
}

// RampCohort is the reps hired in one fiscal half-year.
type RampCohort struct {
	Cohort string // "FY2026-H1"
	Reps   int
	// Curve[i] is the average bookings (major units) per rep of the cohort in
	// month i since hire (month 0 is the hire month), up to AsOf and at most
	// MaxRampMonths; CurveReps[i] counts the reps that had reached month i.
	Curve     []Ratio
	CurveReps []int
	// MedianDaysToFirstWin over the cohort's reps with a win.
	MedianDaysToFirstWin Ratio
	RepsWithWin          int
}

// Reps is the Reps page.
type Reps struct {
	Rows    []Rep        // by owner name
	Cohorts []RampCohort // by cohort; left-censored reps are in none
	// DataBegins is the first day of the month of the earliest close of a
	// won or lost deal: the first month whose bookings the data shows
	// (NoDay without closed deals).
	DataBegins Day
	// LeftCensored counts the reps hired before DataBegins.
	LeftCensored int
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
	ID        string
	Name      string
	Account   string
	Region    string
	Category  string
	OldStatus string // "" when absent
	NewStatus string
	OldStage  string
	NewStage  string
	OldAmount Money
	NewAmount Money
	OldClose  Day
	NewClose  Day
	// Delta is the change of the deal's contribution to the open total:
	// (new amount if open at t1, else 0) - (old amount if open at t0, else 0).
	Delta Money
}

// WaterfallStep is one step of the snapshot waterfall.
type WaterfallStep struct {
	Category string
	Deals    int
	Amount   Money // sum of Delta of the category's deals
}

// Changes is the Changes page: nil in a Review without an earlier snapshot.
type Changes struct {
	OldAsOf, NewAsOf Day
	OldOpenTotal     Money
	NewOpenTotal     Money
	// Steps in ChangeCategories order; OldOpenTotal + sum(Amount) == NewOpenTotal exactly.
	// Their Deals count every deal, the unchanged ones included.
	Steps []WaterfallStep
	// Deals lists every deal that changed (all categories but unchanged,
	// which the unchanged step counts), by category order, then |Delta|
	// descending, then ID: the CSV table and the page.
	Deals []DealChange `json:"-"`
	// DealsListed is metrics.json's "deals": the first Options.MaxListed
	// deals of each category of Deals (the largest changes); DealsChanged
	// is len(Deals).
	DealsListed  []DealChange `json:"deals"`
	DealsChanged int
	// Unmatched counts deals without id (they cannot be compared).
	Unmatched int
	// Quarter is the waterfall of the pipeline that closes in one quarter
	// (Options.ChangesQuarter, else CurrentPeriod): the one a review reads.
	Quarter QuarterChanges
}

// QualityCounts are the data problems the metrics found.
type QualityCounts struct {
	DealsWithoutCreated  int // won deals left out of the sales cycle
	ActivitiesUnassigned int
	OpenPastDue          int
	ZeroAmountWon        int
	// CreatedAfterClose counts won and lost deals created after their
	// close date: they cannot be right, and are left out of the sales cycle.
	CreatedAfterClose int
	// ClosedAfterFacts counts won and lost deals whose close date comes
	// more than a quarter after every created date and every earlier close:
	// planned dates, not facts, so they do not set the as-of date.
	ClosedAfterFacts int
	// ActivitiesAfterAsOf counts the activities dated after the as-of date
	// (planned tasks), left out of every activity figure.
	ActivitiesAfterAsOf int
}

// Quality is the Data quality page.
type Quality struct {
	Counts QualityCounts
	// Problems are the input's warnings plus those of the metrics, sorted by
	// position. Metric problems are listed up to 1000 per kind, then one
	// problem says how many more.
	Problems []Problem `json:"-"`
	// ProblemsListed is metrics.json's "problems": the first
	// Options.MaxListed of Problems; ProblemsTotal is len(Problems).
	ProblemsListed []Problem `json:"problems"`
	ProblemsTotal  int
	Tables         []Table // Records.Tables of the current export
}

// Review holds every number the site shows, unrounded.
type Review struct {
	Schema          int     // SchemaVersion
	Options         Options // as given, with defaults filled in (AsOf and Period included)
	Currency        string
	AsOf            Day
	FiscalYearStart int
	AmountMode      string
	Period          Quarter // the review quarter
	PrevPeriod      Quarter // the quarter before it
	YearAgoPeriod   Quarter // four quarters before it
	// CurrentPeriod is the quarter coverage is measured for: the first
	// quarter not complete on the as-of date (the one containing AsOf, or
	// the next one when AsOf is its last day). Coverage is for a current or
	// future period; the review quarter is complete.
	CurrentPeriod Quarter
	Quarters      []Quarter // every quarter from the oldest date in the data to the later of AsOf and Period, ascending
	Regions       []string  // in display order; Unassigned last when present
	Stages        []string  // open stages in funnel order
	// HasActivities is false when no activity was loaded: the activity
	// figures are then absent, not zero.
	HasActivities bool

	Total    Scope   // all regions: the Overview
	ByRegion []Scope // one per Regions entry, same order

	Revenue    Revenue
	Pipeline   Pipeline
	Forecast   Forecast
	Activities Activities
	Reps       Reps
	Changes    *Changes // nil without an earlier snapshot
	Quality    Quality
	// Outlook is the quarter holding AsOf and the next one: where they
	// stand, pacing, the projected landing and its backtest, and the
	// capacity plan of the next fiscal year.
	Outlook Outlook
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
