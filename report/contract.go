package report

// MaxTerm is the longest contract in months (METRICS.md: term_months 1..120);
// longer terms are cut to it.
const MaxTerm = 120

// Contract is the revenue a won deal brings over its term. Its monthly value
// is Value / Divisor Money units, unrounded (METRICS.md: TCV / term_months, ACV / 12
// or MRR itself); every figure derived from it is computed in float64 from
// the exact integer Value and rounded only for display.
type Contract struct {
	StartMonth int   // month index (year*12 + month-1) of the first contract month
	Term       int   // months, >= 1
	Value      Money // the deal's amount: its TCV, ACV or MRR
	// Divisor turns Value into the monthly value: Term (TCV), 12 (ACV) or 1 (MRR).
	Divisor int
}

// ContractOf returns the contract of a won deal: its amount read as TCV, ACV
// or MRR (mode), over its term (or defaultTerm; at most MaxTerm), starting
// with the month of ServiceStart or else Close.
func ContractOf(d *Deal, mode string, defaultTerm int) Contract {
	term := int(d.TermMonths)
	if term <= 0 {
		term = defaultTerm
	}
	if term <= 0 {
		term = 12
	}
	term = min(term, MaxTerm)
	start := d.ServiceStart
	if !start.Valid() {
		start = d.Close
	}
	c := Contract{StartMonth: monthIndex(start), Term: term, Value: d.Amount, Divisor: term}
	switch mode {
	case ModeACV:
		c.Divisor = 12
	case ModeMRR:
		c.Divisor = 1
	}
	return c
}

// recognisedUnits returns the revenue of n contract months in major units:
// Value x n / Divisor / MoneyUnit, with a single rounding of the float64
// division.
func recognisedUnits(value Money, n, divisor int) float64 {
	return float64(value) * float64(n) / (MoneyUnit * float64(divisor))
}

// Monthly returns the contract's monthly value in major units.
func (c Contract) Monthly() float64 { return recognisedUnits(c.Value, 1, c.Divisor) }

// ARR returns 12 x the monthly value in major units: the contract's share of
// the ARR of any month it runs in.
func (c Contract) ARR() float64 { return recognisedUnits(c.Value, 12, c.Divisor) }

// Total returns the revenue of the whole term in major units (the TCV).
func (c Contract) Total() float64 { return recognisedUnits(c.Value, c.Term, c.Divisor) }

// Months returns how many of the contract's months have indexes from..to
// inclusive.
func (c Contract) Months(from, to int) int {
	lo := max(from, c.StartMonth)
	hi := min(to, c.StartMonth+c.Term-1)
	return max(hi-lo+1, 0)
}

// Between returns the revenue recognised in the months with indexes
// from..to inclusive, in major units: monthly value x months inside.
func (c Contract) Between(from, to int) float64 {
	n := c.Months(from, to)
	if n == 0 {
		return 0
	}
	return recognisedUnits(c.Value, n, c.Divisor)
}

// FirstYear returns the revenue of the contract's first 12 months, in major units.
func (c Contract) FirstYear() float64 {
	return c.Between(c.StartMonth, c.StartMonth+11)
}
