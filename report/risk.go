package report

import (
	"cmp"
	"fmt"
	"slices"
)

// dealRef describes deal i of the current export for lists.
func (c *computer) dealRef(i int) DealRef {
	d := &c.cur.Deals[i]
	return DealRef{ID: d.ID, Name: d.Name, Account: d.Account, Region: c.regions[c.deals[i].region], Owner: d.Owner,
		Stage: d.Stage, Amount: d.Amount, Close: d.Close, Pos: c.cur.Cell(d.Src, "")}
}

// risks fills the past-due list and the deal-risk flags.
func (c *computer) risks() {
	deals := c.cur.Deals
	// Median open amount per region.
	open := make([][]Money, c.nr)
	for i := range deals {
		if deals[i].Status == Open && deals[i].HasAmount {
			r := c.deals[i].region
			open[r] = append(open[r], deals[i].Amount)
		}
	}
	medians := make([]float64, c.nr)
	for r := range open {
		xs := open[r]
		slices.Sort(xs)
		switch n := len(xs); {
		case n == 0:
		case n%2 == 1:
			medians[r] = float64(xs[n/2])
		default:
			medians[r] = (float64(xs[n/2-1]) + float64(xs[n/2])) / 2
		}
	}
	var prevClose map[string]Day
	if c.prev != nil {
		prevClose = map[string]Day{}
		for i := range c.prev.Deals {
			d := &c.prev.Deals[i]
			if d.ID != "" && d.Status == Open {
				if _, dup := prevClose[d.ID]; !dup {
					prevClose[d.ID] = d.Close
				}
			}
		}
	}
	staleOn := len(c.cur.Activities) > 0
	var flags []RiskFlag
	var pastDue []PastDue
	for i := range deals {
		d := &deals[i]
		if d.Status != Open {
			continue
		}
		if d.Close.Valid() && d.Close < c.asOf {
			pastDue = append(pastDue, PastDue{Deal: c.dealRef(i), DaysLate: int(c.asOf - d.Close)})
			flags = append(flags, RiskFlag{Deal: c.dealRef(i), Rule: RulePastDue,
				Detail: fmt.Sprintf("close %s is before the report date %s", d.Close, c.asOf)})
			c.problem("past_due", c.cur.Cell(d.Src, "close"),
				fmt.Sprintf("open deal %q is past due: close %s is before the report date %s", dealLabel(d), d.Close, c.asOf))
		}
		if staleOn {
			last := c.deals[i].lastAct
			if !last.Valid() || c.asOf-last >= Day(c.opts.StaleDays) {
				detail := fmt.Sprintf("no linked activity in the %d days before %s", c.opts.StaleDays, c.asOf)
				if last.Valid() {
					detail += fmt.Sprintf(" (last %s)", last)
				}
				flags = append(flags, RiskFlag{Deal: c.dealRef(i), Rule: RuleStale, Detail: detail})
			}
		}
		if prevClose != nil && d.ID != "" && d.Close.Valid() {
			if old, ok := prevClose[d.ID]; ok && old.Valid() {
				moved := c.cal.QuarterIndex(d.Close) - c.cal.QuarterIndex(old)
				if moved >= c.opts.SlipPeriods {
					flags = append(flags, RiskFlag{Deal: c.dealRef(i), Rule: RuleSlipping,
						Detail: fmt.Sprintf("close moved %d quarters later, from %s to %s", moved, old, d.Close)})
				}
			}
		}
		if m := medians[c.deals[i].region]; m > 0 && d.HasAmount && float64(d.Amount) > c.opts.OutsizedFactor*m {
			flags = append(flags, RiskFlag{Deal: c.dealRef(i), Rule: RuleOutsized,
				Detail: fmt.Sprintf("amount %s is above %g x the region's median open amount %s", moneyText(d.Amount), c.opts.OutsizedFactor, moneyText(Money(m+0.5)))})
		}
		if d.Discount > c.opts.DiscountThreshold {
			flags = append(flags, RiskFlag{Deal: c.dealRef(i), Rule: RuleDiscounted,
				Detail: fmt.Sprintf("discount %g%% is above %g%%", d.Discount, c.opts.DiscountThreshold)})
		}
	}
	order := map[string]int{RulePastDue: 0, RuleStale: 1, RuleSlipping: 2, RuleOutsized: 3, RuleDiscounted: 4}
	slices.SortStableFunc(flags, func(a, b RiskFlag) int {
		if a.Rule != b.Rule {
			return cmp.Compare(order[a.Rule], order[b.Rule])
		}
		if a.Deal.Amount != b.Deal.Amount {
			return cmp.Compare(b.Deal.Amount, a.Deal.Amount)
		}
		return comparePos(a.Deal.Pos, b.Deal.Pos)
	})
	slices.SortStableFunc(pastDue, func(a, b PastDue) int {
		if a.DaysLate != b.DaysLate {
			return cmp.Compare(b.DaysLate, a.DaysLate)
		}
		return comparePos(a.Deal.Pos, b.Deal.Pos)
	})
	c.rev.Pipeline.PastDue = pastDue
	c.rev.Pipeline.Risks = flags
}

func comparePos(a, b Position) int {
	if a.File != b.File {
		return cmp.Compare(a.File, b.File)
	}
	if a.Sheet != b.Sheet {
		return cmp.Compare(a.Sheet, b.Sheet)
	}
	if a.Row != b.Row {
		return cmp.Compare(a.Row, b.Row)
	}
	return cmp.Compare(a.Col, b.Col)
}

// moneyText formats m in major units with two decimals, e.g. "-1234.50".
func moneyText(m Money) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d.%02d", sign, m/100, m%100)
}

// quality fills the data-quality page.
func (c *computer) quality() {
	q := &c.rev.Quality
	q.Counts = QualityCounts{DealsWithoutCreated: c.counts["no_created"], ActivitiesUnassigned: c.counts["unassigned"],
		OpenPastDue: c.counts["past_due"], ZeroAmountWon: c.counts["zero_won"]}
	q.Problems = append(q.Problems, c.cur.Problems...)
	kinds := []string{"no_created", "unassigned", "past_due", "zero_won", "target", "forecast"}
	var extra []Problem
	for _, k := range kinds {
		q.Problems = append(q.Problems, c.problems[k]...)
		if n := c.counts[k] - len(c.problems[k]); n > 0 {
			extra = append(extra, Problem{Severity: Warning, Msg: fmt.Sprintf("%d more problems like %q are not listed", n, c.problems[k][0].Msg)})
		}
	}
	SortProblems(q.Problems)
	q.Problems = append(q.Problems, extra...)
	q.Tables = c.cur.Tables
}
