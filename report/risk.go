package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
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
	// Flags are collected as (rule, deal) pairs, sorted, then described:
	// sorting small records keeps a million flags cheap.
	var fl []flag
	for i := range deals {
		d := &deals[i]
		if d.Status != Open {
			continue
		}
		if d.Close.Valid() && d.Close < c.asOf {
			fl = append(fl, flag{rule: fPastDue, aux: 0, deal: int32(i), amount: d.Amount, src: d.Src})
			c.problem("past_due", d.Src, "close", func() string {
				return fmt.Sprintf("open deal %q is past due: close %s is before the report date %s", dealLabel(d), d.Close, c.asOf)
			})
		}
		if staleOn {
			if last := c.deals[i].lastAct; !last.Valid() || c.asOf-last >= Day(c.opts.StaleDays) {
				fl = append(fl, flag{rule: fStale, aux: 0, deal: int32(i), amount: d.Amount, src: d.Src})
			}
		}
		if prevClose != nil && d.ID != "" && d.Close.Valid() {
			if old, ok := prevClose[d.ID]; ok && old.Valid() {
				if moved := c.cal.QuarterIndex(d.Close) - c.cal.QuarterIndex(old); moved >= c.opts.SlipPeriods {
					fl = append(fl, flag{rule: fSlipping, aux: int32(moved), deal: int32(i), amount: d.Amount, src: d.Src})
				}
			}
		}
		if m := medians[c.deals[i].region]; m > 0 && d.HasAmount && float64(d.Amount) > c.opts.OutsizedFactor*m {
			fl = append(fl, flag{rule: fOutsized, aux: 0, deal: int32(i), amount: d.Amount, src: d.Src})
		}
		if d.Discount > c.opts.DiscountThreshold {
			fl = append(fl, flag{rule: fDiscounted, aux: 0, deal: int32(i), amount: d.Amount, src: d.Src})
		}
	}
	slices.SortFunc(fl, cmpFlag)
	ruleName := [...]string{RulePastDue, RuleStale, RuleSlipping, RuleOutsized, RuleDiscounted}
	asOf := dayText(c.asOf)
	flags := make([]RiskFlag, len(fl))
	for k, f := range fl {
		i := int(f.deal)
		d := &deals[i]
		var detail string
		switch f.rule {
		case fPastDue:
			detail = "close " + dayText(d.Close) + " is before the report date " + asOf
		case fStale:
			detail = "no linked activity in the " + strconv.Itoa(c.opts.StaleDays) + " days before " + asOf
			if last := c.deals[i].lastAct; last.Valid() {
				detail += " (last " + dayText(last) + ")"
			}
		case fSlipping:
			detail = fmt.Sprintf("close moved %d quarters later, to %s", f.aux, d.Close)
		case fOutsized:
			detail = fmt.Sprintf("amount %s is above %g x the region's median open amount %s", moneyText(d.Amount),
				c.opts.OutsizedFactor, moneyText(Money(medians[c.deals[i].region]+0.5)))
		case fDiscounted:
			detail = fmt.Sprintf("discount %g%% is above %g%%", d.Discount, c.opts.DiscountThreshold)
		}
		flags[k] = RiskFlag{Deal: c.dealRef(i), Rule: ruleName[f.rule], Detail: detail}
	}
	// Past due: most days late first, then as the flags (which are sorted).
	var pastIdx []flag
	for _, f := range fl {
		if f.rule == fPastDue {
			pastIdx = append(pastIdx, f)
		}
	}
	slices.SortFunc(pastIdx, func(a, b flag) int {
		if x, y := deals[a.deal].Close, deals[b.deal].Close; x != y {
			return cmp.Compare(x, y)
		}
		return cmpFlag(a, b)
	})
	pastDue := make([]PastDue, len(pastIdx))
	for k, f := range pastIdx {
		pastDue[k] = PastDue{Deal: c.dealRef(int(f.deal)), DaysLate: int(c.asOf - deals[f.deal].Close)}
	}
	c.rev.Pipeline.PastDue = pastDue
	c.rev.Pipeline.Risks = flags
}

// dayText formats d as YYYY-MM-DD ("" for NoDay) without the time package.
func dayText(d Day) string {
	if !d.Valid() {
		return ""
	}
	y, m, dd := d.Civil()
	if y < 0 || y > 9999 {
		return d.String()
	}
	b := []byte("0000-00-00")
	b[0], b[1], b[2], b[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[5], b[6] = byte('0'+int(m)/10), byte('0'+int(m)%10)
	b[8], b[9] = byte('0'+dd/10), byte('0'+dd%10)
	return string(b)
}

// flag is one risk rule hit by one deal, with its sort keys.
type flag struct {
	rule   int8
	aux    int32 // slipping: quarters moved
	deal   int32
	amount Money
	src    Ref
}

// The flag rules, in display order.
const (
	fPastDue = iota
	fStale
	fSlipping
	fOutsized
	fDiscounted
)

// cmpFlag orders flags by rule, amount descending, row, then deal index.
func cmpFlag(a, b flag) int {
	switch {
	case a.rule != b.rule:
		return cmp.Compare(a.rule, b.rule)
	case a.amount != b.amount:
		return cmp.Compare(b.amount, a.amount)
	case a.src.Table != b.src.Table:
		return cmp.Compare(a.src.Table, b.src.Table)
	case a.src.Row != b.src.Row:
		return cmp.Compare(a.src.Row, b.src.Row)
	}
	return cmp.Compare(a.deal, b.deal)
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
