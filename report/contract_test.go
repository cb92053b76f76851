package report

import (
	"math"
	"math/rand"
	"testing"
)

func TestContracts(t *testing.T) {
	tests := []struct {
		name      string
		deal      Deal
		mode      string
		total     float64 // TCV, major units
		monthly   float64
		arr       float64
		firstYear float64
		startName string
	}{
		// 1,054.00 over 12 months (METRICS.md: monthly value = TCV / term,
		// unrounded): 1054 / 12 = 87.8333... a month, ARR 12 x 1054 / 12 = 1054.00
		// (not 12 x 87.84 = 1054.08).
		{"tcv1054", Deal{Amount: Cents(105400), Close: Date(2017, 3, 10)}, ModeTCV, 1054, 1054.0 / 12, 1054, 1054, "2017-03"},
		// 1,000.00 over 12 months: 83.3333 a month.
		{"tcv12", Deal{Amount: Cents(100000), Close: Date(2026, 6, 30)}, ModeTCV, 1000, 1000.0 / 12, 1000, 1000, "2026-06"},
		// 1 month closing on 31 December: all of it in December; ARR 12 x 123.45 = 1481.40.
		{"tcv1", Deal{Amount: Cents(12345), TermMonths: 1, Close: Date(2025, 12, 31)}, ModeTCV, 123.45, 123.45, 1481.40, 123.45, "2025-12"},
		// 600,000.01 over 60 months from November 2025: 10,000.0001666 a month;
		// first year 12 x that = 600000.01 / 5 = 120,000.002.
		{"tcv60", Deal{Amount: Cents(60000001), TermMonths: 60, Close: Date(2025, 11, 15)}, ModeTCV, 600000.01, 600000.01 / 60, 600000.01 / 5, 600000.01 / 5, "2025-11"},
		// ACV 1,200.00 over 18 months: 100.00 a month; TCV 1,800.00; ARR 1,200.00.
		{"acv18", Deal{Amount: Cents(120000), TermMonths: 18, Close: Date(2024, 2, 29)}, ModeACV, 1800, 100, 1200, 1200, "2024-02"},
		// ACV 1,000.01 over 7 months: 83.33416 a month; TCV 7 x 1000.01 / 12 = 583.33916...
		{"acv7", Deal{Amount: Cents(100001), TermMonths: 7, Close: Date(2024, 2, 29)}, ModeACV, 7 * 1000.01 / 12, 1000.01 / 12, 1000.01, 7 * 1000.01 / 12, "2024-02"},
		// MRR 99.99 over 24 months: TCV 2399.76; ARR and first year 12 x 99.99 = 1199.88.
		{"mrr24", Deal{Amount: Cents(9999), TermMonths: 24, Close: Date(2026, 1, 1)}, ModeMRR, 2399.76, 99.99, 1199.88, 1199.88, "2026-01"},
		// Service start wins over close: 12.00 / 12 = 1.00 a month from March.
		{"start", Deal{Amount: Cents(1200), Close: Date(2026, 1, 1), ServiceStart: Date(2026, 3, 1)}, ModeTCV, 12, 1, 12, 12, "2026-03"},
		// Negative amount (a credit): -0.07 over 3 months: -0.02333 a month, ARR -0.28.
		{"credit", Deal{Amount: Cents(-7), TermMonths: 3, Close: Date(2026, 1, 1)}, ModeTCV, -0.07, -0.07 / 3, -0.28, -0.07, "2026-01"},
		// A term over MaxTerm is cut to 120 months: 1200.00 / 120 = 10.00 a month.
		{"long", Deal{Amount: Cents(120000), TermMonths: 500, Close: Date(2026, 1, 1)}, ModeTCV, 1200, 10, 120, 120, "2026-01"},
	}
	near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want)) }
	for _, tt := range tests {
		c := ContractOf(&tt.deal, tt.mode, 12)
		if !near(c.Total(), tt.total) || !near(c.Monthly(), tt.monthly) || !near(c.ARR(), tt.arr) ||
			!near(c.FirstYear(), tt.firstYear) || monthName(c.StartMonth) != tt.startName {
			t.Errorf("%s: total %v monthly %v ARR %v first year %v start %s; want %v %v %v %v %s", tt.name,
				c.Total(), c.Monthly(), c.ARR(), c.FirstYear(), monthName(c.StartMonth),
				tt.total, tt.monthly, tt.arr, tt.firstYear, tt.startName)
		}
	}
	// The 1,054.00 contract runs March 2017 .. February 2018: calendar Q1 2017
	// holds March only = 87.8333...; Q2 (April..June) 3 x 1054 / 12 = 263.50.
	c := ContractOf(&Deal{Amount: Cents(105400), Close: Date(2017, 3, 10)}, ModeTCV, 12)
	if got := c.Between(2017*12, 2017*12+2); !near(got, 1054.0/12) {
		t.Errorf("1054.00 contract in 2017-Q1: %v, want 87.8333", got)
	}
	if got := c.Between(2017*12+3, 2017*12+5); got != 263.5 {
		t.Errorf("1054.00 contract in 2017-Q2: %v, want 263.50", got)
	}
	// The 60-month contract from November 2025 crosses five year ends: its
	// calendar 2026 holds 12 months = 600000.01 x 12 / 60 = 120000.002.
	c = ContractOf(&Deal{Amount: Cents(60000001), TermMonths: 60, Close: Date(2025, 11, 15)}, ModeTCV, 12)
	if got := c.Between(2026*12, 2026*12+11); !near(got, 120000.002) {
		t.Errorf("60-month contract in 2026: %v, want 120000.002", got)
	}
	// 2025 (Nov, Dec): 2 x 600000.01 / 60 = 20000.000333.
	if got := c.Between(2025*12, 2025*12+11); !near(got, 20000.0003333333333) {
		t.Errorf("60-month contract in 2025: %v, want 20000.000333", got)
	}
	// 2030: Jan..Oct (months 50..59) = 10 x 600000.01 / 60 = 100000.001667.
	if got := c.Between(2030*12, 2030*12+11); !near(got, 100000.0016666667) {
		t.Errorf("60-month contract in 2030: %v, want 100000.001667", got)
	}
	// Outside the term: nothing.
	if got := c.Between(2031*12, 2031*12+11); got != 0 {
		t.Errorf("60-month contract in 2031: %v, want 0", got)
	}
}

// Property: a contract's recognised revenue over its whole term, summed
// month by month or by any split into spans, equals its total (TCV for TCV
// deals) within 1e-6 of a unit (plus the float64 rounding of one addition
// per month, 1e-15 of the total each, for totals in the billions), and every
// month recognises the same monthly value.
func TestContractSumsToTotal(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		d := Deal{Amount: Money(rng.Int63n(2e13) - 1e12), TermMonths: 1 + rng.Int31n(120),
			Close: Date(2000, 1, 1) + Day(rng.Intn(20000))}
		mode := []string{ModeTCV, ModeACV, ModeMRR}[rng.Intn(3)]
		c := ContractOf(&d, mode, 12)
		total := c.Total()
		tol := 1e-6 + 1e-15*math.Abs(total)*float64(c.Term)
		var sum float64
		for m := c.StartMonth; m < c.StartMonth+c.Term; m++ {
			v := c.Between(m, m)
			if math.Abs(v-c.Monthly()) > 1e-9*math.Max(1, math.Abs(v)) {
				t.Fatalf("%+v %s: month %d recognises %v, monthly value %v", d, mode, m, v, c.Monthly())
			}
			sum += v
		}
		if math.Abs(sum-total) > tol {
			t.Fatalf("%+v %s: months sum to %v, total %v", d, mode, sum, total)
		}
		// Quarter by quarter from a random offset.
		sum = 0
		for from := c.StartMonth - rng.Intn(3); from < c.StartMonth+c.Term; from += 3 {
			sum += c.Between(from, from+2)
		}
		if math.Abs(sum-total) > tol {
			t.Fatalf("%+v %s: quarters sum to %v, total %v", d, mode, sum, total)
		}
		if mode == ModeTCV && math.Abs(total-d.Amount.Float()) > tol {
			t.Fatalf("TCV total %v != amount %v", total, d.Amount.Float())
		}
		if math.Abs(c.ARR()-12*c.Monthly()) > tol {
			t.Fatalf("%+v %s: ARR %v, 12 x monthly %v", d, mode, c.ARR(), 12*c.Monthly())
		}
	}
}
