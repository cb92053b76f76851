package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// dealRef describes deal i of the current export for lists.
func (c *computer) dealRef(i int) DealRef {
	d := &c.cur.Deals[i]
	return DealRef{ID: d.ID, Name: d.Name, Account: d.Account.String(), Region: c.regions[c.deals[i].region], Owner: d.Owner.String(),
		Stage: d.Stage.String(), Amount: d.Amount, Close: d.Close, Pos: c.cur.Cell(d.Src, "")}
}

// risks fills the past-due list and the deal-risk flags.
func (c *computer) risks() {
	deals := c.cur.Deals
	// Median open amount per region.
	open := make([][]Money, c.nr)
	nOpen := 0
	for i := range deals {
		if deals[i].Status == Open {
			nOpen++
		}
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
	// Each open deal's rules are collected as a bit mask; the flagged deals
	// are sorted once (amount descending, row, index) and described once.
	fl := make([]flagged, 0, nOpen)
	for i := range deals {
		d := &deals[i]
		if d.Status != Open {
			continue
		}
		f := flagged{deal: int32(i), amount: d.Amount, src: d.Src, close: d.Close}
		if d.Close.Valid() && d.Close < c.asOf {
			f.mask |= 1 << fPastDue
			c.problem(kPastDue, d.Src, "close", func() string {
				return fmt.Sprintf("open deal %q is past due: close %s is before the report date %s", dealLabel(d), d.Close, c.asOf)
			})
		}
		if staleOn {
			if last := c.deals[i].lastAct; !last.Valid() || c.asOf-last >= Day(c.opts.StaleDays) {
				f.mask |= 1 << fStale
			}
		}
		if prevClose != nil && d.ID != "" && d.Close.Valid() {
			if old, ok := prevClose[d.ID]; ok && old.Valid() {
				if moved := c.cal.QuarterIndex(d.Close) - c.cal.QuarterIndex(old); moved >= c.opts.SlipPeriods {
					f.mask |= 1 << fSlipping
					f.moved = int32(moved)
				}
			}
		}
		if m := medians[c.deals[i].region]; m > 0 && d.HasAmount && float64(d.Amount) > c.opts.OutsizedFactor*m {
			f.mask |= 1 << fOutsized
		}
		if d.Discount > c.opts.DiscountThreshold {
			f.mask |= 1 << fDiscounted
		}
		if f.mask != 0 {
			fl = append(fl, f)
		}
	}
	slices.SortFunc(fl, func(a, b flagged) int {
		switch {
		case a.amount != b.amount:
			return cmp.Compare(b.amount, a.amount)
		case a.src.Table != b.src.Table:
			return cmp.Compare(a.src.Table, b.src.Table)
		case a.src.Row != b.src.Row:
			return cmp.Compare(a.src.Row, b.src.Row)
		}
		return cmp.Compare(a.deal, b.deal)
	})
	var perRule [fDiscounted + 1]int
	for k := range fl {
		for rule := range perRule {
			if fl[k].mask&(1<<rule) != 0 {
				perRule[rule]++
			}
		}
	}
	n := 0
	for _, m := range perRule {
		n += min(m, MaxRiskFlags)
	}
	ruleName := [...]string{RulePastDue, RuleStale, RuleSlipping, RuleOutsized, RuleDiscounted}
	asOf := dayText(c.asOf)
	staleText := "no linked activity in the " + strconv.Itoa(c.opts.StaleDays) + " days before " + asOf
	flags := make([]RiskFlag, 0, n)
	var summary []RiskSummary
	// Every past-due deal is listed (only the first MaxRiskFlags are also
	// risk flags): k is its place in fl, amount descending.
	type pastFlag struct {
		k, deal int32
		close   Day
	}
	past := make([]pastFlag, 0, perRule[fPastDue])
	for rule := fPastDue; rule <= fDiscounted; rule++ {
		sum := RiskSummary{Rule: ruleName[rule]}
		for k := range fl {
			f := &fl[k]
			if f.mask&(1<<rule) == 0 {
				continue
			}
			sum.Deals++
			sum.Amount += f.amount
			if rule == fPastDue {
				past = append(past, pastFlag{int32(k), f.deal, f.close})
			}
			if sum.Deals > MaxRiskFlags {
				continue
			}
			i := int(f.deal)
			d := &deals[i]
			var detail string
			switch rule {
			case fPastDue:
				detail = "close " + dayText(d.Close) + " is before the report date " + asOf
			case fStale:
				detail = staleText
				if last := c.deals[i].lastAct; last.Valid() {
					detail += " (last " + dayText(last) + ")"
				}
			case fSlipping:
				detail = fmt.Sprintf("close moved %d quarters later, to %s", f.moved, d.Close)
			case fOutsized:
				detail = fmt.Sprintf("amount %s is above %g x the region's median open amount %s", moneyText(d.Amount),
					c.opts.OutsizedFactor, moneyText(Money(medians[c.deals[i].region]+0.5)))
			case fDiscounted:
				detail = fmt.Sprintf("discount %g%% is above %g%%", d.Discount, c.opts.DiscountThreshold)
			}
			flags = append(flags, RiskFlag{Deal: c.dealRef(i), Rule: ruleName[rule], Detail: detail})
		}
		summary = append(summary, sum)
	}
	// Past due: most days late first, then in the flags' order.
	slices.SortFunc(past, func(a, b pastFlag) int {
		if a.close != b.close {
			return cmp.Compare(a.close, b.close)
		}
		return cmp.Compare(a.k, b.k)
	})
	pastDue := make([]PastDue, len(past))
	for k, p := range past {
		pastDue[k] = PastDue{Deal: c.dealRef(int(p.deal)), DaysLate: int(c.asOf - p.close)}
	}
	c.rev.Pipeline.PastDue = pastDue
	c.rev.Pipeline.Risks = flags
	c.rev.Pipeline.RiskSummary = summary
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

// flagged is an open deal hit by at least one risk rule.
type flagged struct {
	amount Money
	src    Ref
	deal   int32
	moved  int32 // slipping: quarters moved
	close  Day
	mask   uint8 // 1 << rule
}

// The risk rules, in display order.
const (
	fPastDue = iota
	fStale
	fSlipping
	fOutsized
	fDiscounted
)

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
	q.Counts = QualityCounts{DealsWithoutCreated: c.counts[kNoCreated], ActivitiesUnassigned: c.counts[kUnassigned],
		OpenPastDue: c.counts[kPastDue], ZeroAmountWon: c.counts[kZeroWon]}
	q.Problems = append(q.Problems, c.cur.Problems...)
	var extra []Problem
	for k := range nKinds {
		q.Problems = append(q.Problems, c.problems[k]...)
		if n := c.counts[k] - len(c.problems[k]); n > 0 {
			extra = append(extra, Problem{Severity: Warning, Msg: fmt.Sprintf("%d more problems like %q are not listed", n, c.problems[k][0].Msg)})
		}
	}
	if n := c.acts.leftOut; n > 0 {
		q.Counts.ActivitiesAfterAsOf = n
		q.Problems = append(q.Problems, leftOutProblem(n, c.asOf, c.acts.leftOutPos))
	}
	SortProblems(q.Problems)
	q.Problems = append(q.Problems, extra...)
	q.Tables = c.cur.Tables
}

// leftOutProblem is the one warning for the n activities dated after the
// as-of date: at the first one's date cell, naming the first few.
func leftOutProblem(n int, asOf Day, first []Position) Problem {
	noun := "activities"
	if n == 1 {
		noun = "activity"
	}
	msg := fmt.Sprintf("%d %s dated after the as-of date %s left out: planned tasks are not done activity, so they count in no activity figure", n, noun, asOf)
	if n > 1 && len(first) > 0 {
		names := make([]string, len(first))
		for i, p := range first {
			names[i] = p.String()
		}
		more := ""
		if n > len(first) {
			more = fmt.Sprintf(" and %d more", n-len(first))
		}
		msg += fmt.Sprintf(" (%s%s)", strings.Join(names, ", "), more)
	}
	p := Problem{Severity: Warning, Msg: msg}
	if len(first) > 0 {
		p.Pos = first[0]
	}
	return p
}
