package report

// MaxTerm is the longest contract in months (METRICS.md: term_months 1..120);
// longer terms are cut to it.
const MaxTerm = 120

// Contract is the revenue a won deal brings over its term.
type Contract struct {
	StartMonth int   // month index (year*12 + month-1) of the first contract month
	Term       int   // months, >= 1
	Total      Money // revenue over the whole term
	// Month i (0-based) of the contract recognises Base, plus Extra for
	// i < Rest: Total = Base*Term + Extra*Rest exactly.
	Base  Money
	Extra Money // +1, -1 or 0 cent
	Rest  int
}

// ContractOf returns the contract of a won deal: its amount read as TCV, ACV
// or MRR (mode), over its term (or defaultTerm; at most MaxTerm), starting with the month of
// ServiceStart or else Close. The total is split into whole cents per month,
// the remainder going one cent at a time to the first months.
func ContractOf(d *Deal, mode string, defaultTerm int) Contract {
	term := d.TermMonths
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
	var total Money
	switch mode {
	case ModeACV:
		total = roundDiv(d.Amount*Money(term), 12)
	case ModeMRR:
		total = d.Amount * Money(term)
	default:
		total = d.Amount
	}
	return splitContract(monthIndex(start), term, total)
}

func splitContract(start, term int, total Money) Contract {
	c := Contract{StartMonth: start, Term: term, Total: total}
	c.Base = total / Money(term)
	rest := total % Money(term)
	switch {
	case rest > 0:
		c.Extra, c.Rest = 1, int(rest)
	case rest < 0:
		c.Extra, c.Rest = -1, int(-rest)
	}
	return c
}

// roundDiv returns a/b rounded half away from zero (b > 0).
func roundDiv(a Money, b Money) Money {
	if a < 0 {
		return -((-a + b/2) / b)
	}
	return (a + b/2) / b
}

// MonthAmount returns the revenue recognised in contract month i (0-based);
// 0 outside the term.
func (c Contract) MonthAmount(i int) Money {
	if i < 0 || i >= c.Term {
		return 0
	}
	if i < c.Rest {
		return c.Base + c.Extra
	}
	return c.Base
}

// Between returns the revenue recognised in the months with indexes
// from..to inclusive.
func (c Contract) Between(from, to int) Money {
	lo := max(from, c.StartMonth)
	hi := min(to, c.StartMonth+c.Term-1)
	if hi < lo {
		return 0
	}
	n := Money(hi - lo + 1)
	// months of the extra cent: contract months [0, Rest)
	elo := max(lo, c.StartMonth)
	ehi := min(hi, c.StartMonth+c.Rest-1)
	var extra Money
	if ehi >= elo {
		extra = Money(ehi-elo+1) * c.Extra
	}
	return n*c.Base + extra
}

// FirstYear returns the revenue of the contract's first 12 months.
func (c Contract) FirstYear() Money {
	return c.Between(c.StartMonth, c.StartMonth+11)
}
