package report

import (
	"errors"
	"testing"
)

// bigWon returns n won deals of 1,000,000,000,000 (the largest amount a
// record may hold, MaxAmount: 1e18 millionths) in region, closing on close.
func bigWon(n int, region string, status Status, close Day) []Deal {
	deals := make([]Deal, n)
	for i := range deals {
		deals[i] = Deal{ID: region + string(rune('a'+i)), Region: Intern(region), Account: Intern("Acme"), Status: status,
			Amount: 1_000_000_000_000_000_000, HasAmount: true, Close: close}
	}
	return deals
}

// TestMoneyOverflow: a sum of money past the largest Money,
// 9,223,372,036,854,775,807 millionths, is an error naming the scope, the
// period and the figure, never a wrapped (negative) figure.
func TestMoneyOverflow(t *testing.T) {
	q1 := Date(2026, 2, 10) // FY2026-Q1 (January fiscal year)
	q2 := Date(2026, 5, 10) // FY2026-Q2
	tests := []struct {
		name    string
		recs    *Records
		want    OverflowError
		wantErr string
	}{{
		// 9 x 1e18 = 9.0e18 millionths fits; the 10th makes 1.0e19.
		name: "10 won deals in one region and quarter",
		recs: &Records{Deals: bigWon(10, "West", Won, q1)},
		want: OverflowError{Scope: "West", Period: "FY2026-Q1", Figure: "bookings", Currency: "USD"},
		wantErr: "report: money overflow in West, FY2026-Q1, bookings: the amounts add up to more than " +
			"9,223,372,036,854.775807 USD",
	}, {
		// Each region's 5 x 1e18 = 5.0e18 fits; all regions' 1.0e19 does not.
		name: "5 and 5 won deals in two regions",
		recs: &Records{Deals: append(bigWon(5, "East", Won, q1), bigWon(5, "West", Won, q1)...)},
		want: OverflowError{Scope: "all regions", Period: "FY2026-Q1", Figure: "bookings", Currency: "USD"},
	}, {
		// Open deals closing in one quarter: its open pipeline.
		name: "10 open deals",
		recs: &Records{Deals: append(bigWon(1, "West", Won, q1), bigWon(10, "West", Open, q2)...)},
		want: OverflowError{Scope: "West", Period: "FY2026-Q2", Figure: "open pipeline", Currency: "USD"},
	}, {
		// 5 won in Q1 and 5 lost in Q2: every quarter's and every
		// all-history figure fits (5.0e18), but won + lost, the win rate by
		// value's denominator, does not: the bound of all amounts says so.
		name: "won and lost apart",
		recs: &Records{Deals: append(bigWon(5, "West", Won, q1), bigWon(5, "West", Lost, q2)...)},
		want: OverflowError{Scope: "all regions", Period: "all history", Figure: "the amounts of the deals", Currency: "USD"},
	}, {
		// Two targets of 5e18 millionths for one region and quarter.
		name: "targets",
		recs: &Records{Deals: bigWon(1, "West", Won, q1), Targets: []Target{
			{Region: Intern("West"), Period: "FY2026-Q2", Amount: 5_000_000_000_000_000_000},
			{Region: Intern("West"), Period: "FY2026-Q2", Amount: 5_000_000_000_000_000_000}}},
		want: OverflowError{Scope: "West", Period: "FY2026-Q2", Figure: "target", Currency: "USD"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rev, err := Compute(tt.recs, nil, Options{AsOf: Date(2026, 6, 30)})
			var oe *OverflowError
			if !errors.As(err, &oe) {
				t.Fatalf("Compute = %v, %v; want an OverflowError", rev, err)
			}
			if *oe != tt.want {
				t.Errorf("error %+v; want %+v", *oe, tt.want)
			}
			if tt.wantErr != "" && err.Error() != tt.wantErr {
				t.Errorf("error %q; want %q", err, tt.wantErr)
			}
		})
	}
}

// TestMoneyNearTheLimit: 9 won deals of 1e18 millionths add up to 9.0e18,
// which Money holds: bookings are exact, and recognised revenue (MRR, 27
// months of the nine contracts in a quarter: 2.7e19 millionths, past Money)
// is summed in float64 instead of failing: 9 x 1e12 x 3 = 2.7e13 a quarter.
func TestMoneyNearTheLimit(t *testing.T) {
	recs := &Records{Deals: bigWon(9, "West", Won, Date(2026, 4, 1))}
	rev, err := Compute(recs, nil, Options{AsOf: Date(2026, 6, 30), AmountMode: ModeMRR})
	if err != nil {
		t.Fatal(err)
	}
	moneyIs(t, "West bookings", rev.Scope("West").KPIs.Current.Bookings, 9_000_000_000_000_000_000)
	unitsIs(t, "West recognised FY2026-Q2", rev.Scope("West").Trend[0].Recognised, 2.7e13)
}
