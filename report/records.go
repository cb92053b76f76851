package report

import (
	"fmt"
	"time"
)

// Money is an amount of the report currency in millionths of its major unit
// (MoneyUnit to the dollar). A converted amount (10.05 CHF at 1.05 is
// 10.5525) is held exactly, so totals are the sums of the unrounded amounts
// (METRICS.md: round only for display), exact whatever the order of
// summation. An int64 of millionths holds up to 9.2 trillion units
// (MaxMoneyText); a single amount is at most MaxAmount.
type Money int64

// MoneyUnit is the number of Money units in one major unit (dollar, euro).
const MoneyUnit = 1_000_000

// MaxAmount is the largest amount, in major units, that one record may hold
// (a trillion, so that it fits Money nine times over); a sum that would
// pass the largest Money is an OverflowError.
const MaxAmount = 1e12

// Float returns m in major units (e.g. dollars) as a float64.
func (m Money) Float() float64 { return float64(m) / MoneyUnit }

// MoneyFromFloat rounds a major-unit amount half away from zero to the
// nearest millionth. The caller keeps |f| <= MaxAmount.
func MoneyFromFloat(f float64) Money {
	if f < 0 {
		return -Money(-f*MoneyUnit + 0.5)
	}
	return Money(f*MoneyUnit + 0.5)
}

// Cents returns c hundredths of the major unit as Money (Cents(1050) is 10.50).
func Cents(c int64) Money { return Money(c) * (MoneyUnit / 100) }

// Day is a calendar day counted from 1899-12-30, the epoch of Excel's 1900 date
// system, so that an Excel serial date is a Day. The zero Day means "no date".
type Day int32

// NoDay is the zero Day: the date is missing.
const NoDay Day = 0

var dayEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// DayOf returns the calendar day of t in t's location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// Date returns the Day of the given calendar date. Out-of-range months and
// days are normalised as time.Date does (January 32 is February 1).
func Date(year int, month time.Month, day int) Day {
	return civilDay(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Date())
}

// Valid reports whether d is a date (not NoDay).
func (d Day) Valid() bool { return d != NoDay }

// Time returns d as midnight UTC.
func (d Day) Time() time.Time { return dayEpoch.AddDate(0, 0, int(d)) }

// String formats d as YYYY-MM-DD, or "" for NoDay.
func (d Day) String() string {
	if !d.Valid() {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// Status is a deal's outcome: open, won or lost.
type Status uint8

// The deal statuses.
const (
	Open Status = iota
	Won
	Lost
)

// String returns "open", "won" or "lost".
func (s Status) String() string {
	switch s {
	case Won:
		return "won"
	case Lost:
		return "lost"
	default:
		return "open"
	}
}

// Ref says where a record came from: the index of its table in
// Records.Tables and its 1-based row number in that sheet or file.
type Ref struct {
	Table int32
	Row   int32
}

// Deal is one row of an opportunity / deal export (METRICS.md "Deal").
// Names that many deals share are interned Syms; the fields are ordered so
// that a deal takes 120 bytes (a million-row export is held in memory).
type Deal struct {
	ID   string // CRM identifier; "" when the export has none
	Name string
	// Amount is in the report currency after conversion. HasAmount is false
	// when the cell was blank (allowed for lost deals only).
	Amount Money
	// Probability is 0..100; HasProbability is false when the export had none
	// and the stage default applies.
	Probability      float64
	Discount         float64 // 0..100, percent; 0 when absent
	Src              Ref
	Account          Sym
	Region           Sym // "Unassigned" when no source gives one
	Market           Sym
	Owner            Sym
	Stage            Sym
	Currency         Sym // original ISO code; "" means the report currency
	ForecastCategory Sym // Pipeline, Best Case, Commit, Closed, Omitted or ""
	Type             Sym
	Created          Day
	Close            Day
	ServiceStart     Day   // start of the contract where the export has one
	TermMonths       int32 // 0 means the configured default
	Status           Status
	HasAmount        bool
	HasProbability   bool
}

// ActivityType is an activity's normalised type.
type ActivityType uint8

// The normalised activity types.
const (
	OtherActivity ActivityType = iota
	Call
	Email
	Meeting
)

// ActivityTypes lists the types in display order.
var ActivityTypes = []ActivityType{Call, Meeting, Email, OtherActivity}

// String returns "call", "email", "meeting" or "other".
func (t ActivityType) String() string {
	switch t {
	case Call:
		return "call"
	case Email:
		return "email"
	case Meeting:
		return "meeting"
	default:
		return "other"
	}
}

// Activity is one row of an activity export (METRICS.md "Activity"), in
// 56 bytes.
type Activity struct {
	ID      string
	DealID  string
	Src     Ref
	RawType Sym // the type text as exported
	Owner   Sym
	Account Sym
	Region  Sym // as exported; "" when absent (the review derives it)
	Date    Day
	Type    ActivityType
}

// RosterEntry is one row of a team table: a rep and their region.
type RosterEntry struct {
	Owner   Sym
	Region  Sym
	Manager Sym
	Hired   Day
	Src     Ref
}

// Account is one row of an account table.
type Account struct {
	Name    Sym
	Market  Sym // sector / industry / segment
	Region  Sym
	Country Sym
	Src     Ref
}

// Target is a bookings target for a region or an owner in a fiscal period.
type Target struct {
	Region Sym    // "" when the target is an owner's
	Owner  Sym    // "" when the target is a region's
	Period string // fiscal period name, e.g. "FY2026-Q3"
	Amount Money
	Src    Ref
}

// ForecastCall is a forecast submitted for a region and period.
type ForecastCall struct {
	Region    Sym
	Period    string // fiscal period name, e.g. "FY2026-Q3"
	Submitted Day
	Commit    Money
	BestCase  Money
	HasBest   bool
	Src       Ref
}

// TableKind says what a table holds.
type TableKind string

// The table kinds the input side recognises.
const (
	DealTable     TableKind = "deals"
	ActivityTable TableKind = "activities"
	RosterTable   TableKind = "roster"
	AccountTable  TableKind = "accounts"
	TargetTable   TableKind = "targets"
	ForecastTable TableKind = "forecast"
	IgnoredTable  TableKind = "ignored"
)

// ColumnMapping records that a header of a table was mapped to a field.
type ColumnMapping struct {
	Field  string `json:"field"`  // record field name, e.g. "amount"
	Header string `json:"header"` // header text as found
	Column int    `json:"column"` // 1-based column number
}

// Table describes one sheet (or CSV file) that was read, and accounts for
// every one of its rows: RowsRead = Records + the sum of Skipped.
type Table struct {
	File      string          `json:"file"`  // base name of the file as given
	Sheet     string          `json:"sheet"` // sheet name; "" for CSV
	Kind      TableKind       `json:"kind"`
	Note      string          `json:"note"`       // why it was ignored, or how its kind was decided
	HeaderRow int             `json:"header_row"` // 1-based row of the header; 0 when none was found
	Columns   []ColumnMapping `json:"columns"`
	RowsRead  int             `json:"rows_read"`
	Records   int             `json:"records"`
	Skipped   map[string]int  `json:"skipped"` // reason (blank, group, subtotal, total, footer, header repeat, ...) -> rows
}

// Records is everything read from one run's inputs.
type Records struct {
	Deals      []Deal
	Activities []Activity
	Roster     []RosterEntry
	Accounts   []Account
	Targets    []Target
	Forecasts  []ForecastCall
	Tables     []Table
	// Problems holds the warnings of the input side (errors stop the run and
	// are returned as an error instead).
	Problems []Problem
	// Files lists every input file with its SHA-256, for the site manifest.
	Files []InputFile
}

// InputFile is an input file and the SHA-256 of its bytes (hex).
type InputFile struct {
	Path   string
	SHA256 string
}

// Cell returns where field of the record at ref sits, in Excel's notation:
// "pipeline.xlsx: Opportunities!E12", or "pipeline.csv: E12" for CSV, or the
// row alone when the field's column is not known.
func (r *Records) Cell(ref Ref, field string) Position {
	p := Position{Row: int(ref.Row)}
	if ref.Table < 0 || int(ref.Table) >= len(r.Tables) {
		return p
	}
	t := &r.Tables[ref.Table]
	p.File, p.Sheet = t.File, t.Sheet
	for _, c := range t.Columns {
		if c.Field == field {
			p.Col = c.Column
			break
		}
	}
	return p
}

// Unassigned is the region of records that no source gives a region.
const Unassigned = "Unassigned"

// UnassignedSym is Unassigned, interned.
var UnassignedSym = Intern(Unassigned)

// String returns a short description of the record counts, for logs.
func (r *Records) String() string {
	return fmt.Sprintf("%d deals, %d activities, %d roster entries, %d accounts, %d targets, %d forecast calls",
		len(r.Deals), len(r.Activities), len(r.Roster), len(r.Accounts), len(r.Targets), len(r.Forecasts))
}
