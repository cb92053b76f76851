package report

import (
	"fmt"
	"math"
)

// OverflowError says that a sum of money would pass the largest amount
// Money holds (9,223,372,036,854.775807 in major units, MaxMoneyText) and
// wrap around: the review stops rather than show a wrong figure.
type OverflowError struct {
	Scope    string // a region, or "all regions"
	Period   string // a quarter name, or "all history"
	Figure   string // what was summed, e.g. "bookings"
	Currency string
}

// Error names the scope, period and figure.
func (e *OverflowError) Error() string {
	return fmt.Sprintf("money overflow in %s, %s, %s: the amounts add up to more than %s %s",
		e.Scope, e.Period, e.Figure, MaxMoneyText, e.Currency)
}

// MaxMoneyText is the largest Money, math.MaxInt64 millionths, in major units.
const MaxMoneyText = "9,223,372,036,854.775807"

// overflow returns the error of a figure of scope s in internal quarter k
// (k < 0: all history).
func (ix *index) overflow(s, k int, figure string) *OverflowError {
	period := "all history"
	if k >= 0 {
		period = ix.cal.Quarter(ix.lo + k).Name
	}
	return &OverflowError{Scope: ix.scopeName(s), Period: period, Figure: figure, Currency: ix.opts.Currency}
}

// addMoney adds x to *sum and reports whether the sum stays in the range of
// Money; when it would not, *sum is left as it was.
func addMoney(sum *Money, x Money) bool {
	s := *sum + x
	if x > 0 && s < *sum || x < 0 && s > *sum {
		return false
	}
	*sum = s
	return true
}

// checkMoneyRange makes sure that no sum of money in the review overflows.
// Every Money figure of the review is a sum over some of the amounts of one
// export's deals or of the targets, or the difference of two such sums
// (coverage's remaining target, a snapshot's changes), so none can pass the
// sum of the absolute amounts of both exports and the targets. Where a
// figure itself overflows, the deal flows and the targets have named it
// already; this names the inputs when only their bound does not fit.
// (Recognised revenue adds up three months of contract values: where their
// sum would overflow it is summed in float64, see quarterUnits.)
func (ix *index) checkMoneyRange() error {
	var bound Money
	fits := func(m Money) bool {
		return m != math.MinInt64 && addMoney(&bound, absMoney(m))
	}
	err := func(what string) error {
		return &OverflowError{Scope: "all regions", Period: "all history", Figure: what, Currency: ix.opts.Currency}
	}
	for i := range ix.cur.Deals {
		if !fits(ix.cur.Deals[i].Amount) {
			return err("the amounts of the deals")
		}
	}
	if ix.prev != nil {
		for i := range ix.prev.Deals {
			if !fits(ix.prev.Deals[i].Amount) {
				return err("the amounts of the deals of both exports")
			}
		}
	}
	for _, t := range ix.cur.Targets {
		if !fits(t.Amount) {
			return err("the amounts of the deals and the targets")
		}
	}
	return nil
}

func absMoney(m Money) Money {
	if m < 0 {
		return -m
	}
	return m
}
