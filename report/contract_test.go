package report

import (
	"math/rand"
	"testing"
)

func TestContracts(t *testing.T) {
	tests := []struct {
		name      string
		deal      Deal
		mode      string
		total     Money
		first     Money // month 0
		last      Money // last month
		firstYear Money
		startName string
	}{
		// 1,000.00 over 12 months: 100000/12 = 8333 rest 4: months 0..3 get 8334.
		{"tcv12", Deal{Amount: 100000, Close: Date(2026, 6, 30)}, ModeTCV, 100000, 8334, 8333, 100000, "2026-06"},
		// 1 month closing on 31 December: all of it in December.
		{"tcv1", Deal{Amount: 12345, TermMonths: 1, Close: Date(2025, 12, 31)}, ModeTCV, 12345, 12345, 12345, 12345, "2025-12"},
		// 60 months from November 2025: 600000.01 = 60000001 cents, /60 = 1000000 rest 1.
		// First year = 12 x 1000000 + 1 = 12000001.
		{"tcv60", Deal{Amount: 60000001, TermMonths: 60, Close: Date(2025, 11, 15)}, ModeTCV, 60000001, 1000001, 1000000, 12000001, "2025-11"},
		// ACV 1,200.00 over 18 months: total 1200 x 18 / 12 = 1800.00; 180000/18 = 10000 each.
		{"acv18", Deal{Amount: 120000, TermMonths: 18, Close: Date(2024, 2, 29)}, ModeACV, 180000, 10000, 10000, 120000, "2024-02"},
		// MRR 99.99 over 24 months: total 2399.76; first year 12 x 99.99 = 1199.88.
		{"mrr24", Deal{Amount: 9999, TermMonths: 24, Close: Date(2026, 1, 1)}, ModeMRR, 239976, 9999, 9999, 119988, "2026-01"},
		// Service start wins over close.
		{"start", Deal{Amount: 1200, Close: Date(2026, 1, 1), ServiceStart: Date(2026, 3, 1)}, ModeTCV, 1200, 100, 100, 1200, "2026-03"},
		// Negative amount (a credit): -7 cents over 3 months: -3, -2, -2.
		{"credit", Deal{Amount: -7, TermMonths: 3, Close: Date(2026, 1, 1)}, ModeTCV, -7, -3, -2, -7, "2026-01"},
	}
	for _, tt := range tests {
		c := ContractOf(&tt.deal, tt.mode, 12)
		if c.Total != tt.total || c.MonthAmount(0) != tt.first || c.MonthAmount(c.Term-1) != tt.last ||
			c.FirstYear() != tt.firstYear || monthName(c.StartMonth) != tt.startName {
			t.Errorf("%s: total %d first %d last %d first year %d start %s; want %d %d %d %d %s", tt.name,
				c.Total, c.MonthAmount(0), c.MonthAmount(c.Term-1), c.FirstYear(), monthName(c.StartMonth),
				tt.total, tt.first, tt.last, tt.firstYear, tt.startName)
		}
	}
	// The 60-month contract from November 2025 crosses five year ends: its
	// calendar 2026 gets months 2..13 = 12 x 1000000.
	c := ContractOf(&Deal{Amount: 60000001, TermMonths: 60, Close: Date(2025, 11, 15)}, ModeTCV, 12)
	if got := c.Between(2026*12, 2026*12+11); got != 12000000 {
		t.Errorf("60-month contract in 2026: %d, want 12000000", got)
	}
	// 2025 (Nov, Dec): 1000001 + 1000000.
	if got := c.Between(2025*12, 2025*12+11); got != 2000001 {
		t.Errorf("60-month contract in 2025: %d, want 2000001", got)
	}
	// 2030: Jan..Oct (months 50..59) = 10 x 1000000.
	if got := c.Between(2030*12, 2030*12+11); got != 10000000 {
		t.Errorf("60-month contract in 2030: %d, want 10000000", got)
	}
}

// Property: a contract's recognised revenue over its whole term, summed
// month by month or by any split into spans, equals its total to the cent.
func TestContractSumsToTotal(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		d := Deal{Amount: Money(rng.Int63n(2e9) - 1e8), TermMonths: 1 + rng.Intn(120),
			Close: Date(2000, 1, 1) + Day(rng.Intn(20000))}
		mode := []string{ModeTCV, ModeACV, ModeMRR}[rng.Intn(3)]
		c := ContractOf(&d, mode, 12)
		var sum Money
		for m := 0; m < c.Term; m++ {
			sum += c.MonthAmount(m)
		}
		if sum != c.Total {
			t.Fatalf("%+v %s: months sum to %d, total %d", d, mode, sum, c.Total)
		}
		// Quarter by quarter from a random offset.
		sum = 0
		for from := c.StartMonth - rng.Intn(3); from < c.StartMonth+c.Term; from += 3 {
			sum += c.Between(from, from+2)
		}
		if sum != c.Total {
			t.Fatalf("%+v %s: quarters sum to %d, total %d", d, mode, sum, c.Total)
		}
		if mode == ModeTCV && c.Total != d.Amount {
			t.Fatalf("TCV total %d != amount %d", c.Total, d.Amount)
		}
		// Month amounts differ by at most one cent.
		if c.Term > 1 {
			if diff := c.MonthAmount(0) - c.MonthAmount(c.Term-1); diff < -1 || diff > 1 {
				t.Fatalf("uneven split %d vs %d", c.MonthAmount(0), c.MonthAmount(c.Term-1))
			}
		}
	}
}
