package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// dealRef describes deal i of the current export for lists.
func (ix *index) dealRef(i int) DealRef {
	d := &ix.cur.Deals[i]
	return DealRef{ID: d.ID, Name: d.Name, Account: d.Account.String(), Region: ix.regions[ix.deals[i].region], Owner: d.Owner.String(),
		Stage: d.Stage.String(), Amount: d.Amount, Close: d.Close, Pos: ix.cur.Cell(d.Src, "")}
}

// riskRules is what the risk rules compare open deals with.
type riskRules struct {
	ix        *index
	medians   []float64      // per region: the median open amount (Money units)
	prevClose map[string]Day // id -> close of the open deals of the earlier export
	staleOn   bool           // activities were loaded
	asOf      string         // the as-of date as text
	stale     string         // the stale rule as text
}

// risksPart is the risks family: the past-due list and the deal-risk flags.
func risksPart(ix *index) (part, error) {
	rr := riskRules{ix: ix, medians: ix.openMedians(), prevClose: prevOpenCloses(ix.prev), staleOn: len(ix.cur.Activities) > 0,
		asOf: dayText(ix.asOf)}
	rr.stale = "no linked activity in the " + strconv.Itoa(ix.opts.StaleDays) + " days before " + rr.asOf
	var found findings
	fl := rr.flagDeals(&found)
	flags, summary, past := rr.describe(fl)
	pastDue := make([]PastDue, len(past))
	for k, p := range past {
		pastDue[k] = PastDue{Deal: ix.dealRef(int(p.deal)), DaysLate: int(ix.asOf - p.close)}
	}
	return part{fill: func(rev *Review) {
		rev.Pipeline.PastDue, rev.Pipeline.Risks, rev.Pipeline.RiskSummary = pastDue, flags, summary
	}, found: found}, nil
}

// openMedians returns the median amount of the open deals with an amount,
// per region.
func (ix *index) openMedians() []float64 {
	open := make([][]Money, ix.nr)
	for i := range ix.cur.Deals {
		if d := &ix.cur.Deals[i]; d.Status == Open && d.HasAmount {
			r := ix.deals[i].region
			open[r] = append(open[r], d.Amount)
		}
	}
	medians := make([]float64, ix.nr)
	for r, xs := range open {
		slices.Sort(xs)
		switch n := len(xs); {
		case n == 0:
		case n%2 == 1:
			medians[r] = float64(xs[n/2])
		default:
			medians[r] = (float64(xs[n/2-1]) + float64(xs[n/2])) / 2
		}
	}
	return medians
}

// prevOpenCloses maps the id of each open deal of the earlier export to its
// close date; nil without an earlier export.
func prevOpenCloses(prev *Records) map[string]Day {
	if prev == nil {
		return nil
	}
	m := map[string]Day{}
	for i := range prev.Deals {
		d := &prev.Deals[i]
		if d.ID != "" && d.Status == Open {
			if _, dup := m[d.ID]; !dup {
				m[d.ID] = d.Close
			}
		}
	}
	return m
}

// flagDeals applies every rule to every open deal and returns the deals
// flagged, by amount descending, then row, then index. Past-due deals are
// data problems too.
func (rr *riskRules) flagDeals(found *findings) []flagged {
	ix := rr.ix
	nOpen := 0
	for i := range ix.cur.Deals {
		if ix.cur.Deals[i].Status == Open {
			nOpen++
		}
	}
	fl := make([]flagged, 0, nOpen)
	for i := range ix.cur.Deals {
		d := &ix.cur.Deals[i]
		if d.Status != Open {
			continue
		}
		f := rr.flag(i)
		if f.mask&(1<<fPastDue) != 0 {
			found.add(kPastDue, ix.cur, d.Src, "close", func() string {
				return fmt.Sprintf("open deal %q is past due: close %s is before the report date %s", dealLabel(d), d.Close, ix.asOf)
			})
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
	return fl
}

// flag returns the rules open deal i breaks, as a bit mask.
func (rr *riskRules) flag(i int) flagged {
	ix := rr.ix
	d := &ix.cur.Deals[i]
	f := flagged{deal: int32(i), amount: d.Amount, src: d.Src, close: d.Close}
	if d.Close.Valid() && d.Close < ix.asOf {
		f.mask |= 1 << fPastDue
	}
	if rr.staleOn {
		if last := ix.acts.deal[i].lastAct; !last.Valid() || ix.asOf-last >= Day(ix.opts.StaleDays) {
			f.mask |= 1 << fStale
		}
	}
	if rr.prevClose != nil && d.ID != "" && d.Close.Valid() {
		if old, ok := rr.prevClose[d.ID]; ok && old.Valid() {
			if moved := ix.cal.QuarterIndex(d.Close) - ix.cal.QuarterIndex(old); moved >= ix.opts.SlipPeriods {
				f.mask |= 1 << fSlipping
				f.moved = int32(moved)
			}
		}
	}
	if m := rr.medians[ix.deals[i].region]; m > 0 && d.HasAmount && float64(d.Amount) > ix.opts.OutsizedFactor*m {
		f.mask |= 1 << fOutsized
	}
	if d.Discount > ix.opts.DiscountThreshold {
		f.mask |= 1 << fDiscounted
	}
	return f
}

// pastFlag is a past-due deal: k is its place among the flagged deals.
type pastFlag struct {
	k, deal int32
	close   Day
}

// describe lists the flags of each rule (at most MaxRiskFlags, the largest
// deals first), counts and sums every deal each rule flags, and returns the
// past-due deals, most days late first, then in the flags' order.
func (rr *riskRules) describe(fl []flagged) ([]RiskFlag, []RiskSummary, []pastFlag) {
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
	flags := make([]RiskFlag, 0, n)
	var summary []RiskSummary
	past := make([]pastFlag, 0, perRule[fPastDue])
	for rule := fPastDue; rule <= fDiscounted; rule++ {
		sum := RiskSummary{Rule: ruleNames[rule]}
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
			if sum.Deals <= MaxRiskFlags {
				flags = append(flags, RiskFlag{Deal: rr.ix.dealRef(int(f.deal)), Rule: ruleNames[rule], Detail: rr.detail(rule, f)})
			}
		}
		summary = append(summary, sum)
	}
	slices.SortFunc(past, func(a, b pastFlag) int {
		if a.close != b.close {
			return cmp.Compare(a.close, b.close)
		}
		return cmp.Compare(a.k, b.k)
	})
	return flags, summary, past
}

// ruleNames are the names of the risk rules, by rule.
var ruleNames = [...]string{RulePastDue, RuleStale, RuleSlipping, RuleOutsized, RuleDiscounted}

// detail says how rule applies to flagged deal f.
func (rr *riskRules) detail(rule int, f *flagged) string {
	ix := rr.ix
	i := int(f.deal)
	d := &ix.cur.Deals[i]
	switch rule {
	case fPastDue:
		return "close " + dayText(d.Close) + " is before the report date " + rr.asOf
	case fStale:
		if last := ix.acts.deal[i].lastAct; last.Valid() {
			return rr.stale + " (last " + dayText(last) + ")"
		}
		return rr.stale
	case fSlipping:
		return fmt.Sprintf("close moved %d quarters later, to %s", f.moved, d.Close)
	case fOutsized:
		return fmt.Sprintf("amount %s is above %g x the region's median open amount %s", moneyText(d.Amount),
			ix.opts.OutsizedFactor, moneyText(Money(rr.medians[ix.deals[i].region]+0.5)))
	case fDiscounted:
		return fmt.Sprintf("discount %g%% is above %g%%", d.Discount, ix.opts.DiscountThreshold)
	}
	return ""
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

// moneyText formats m in major units rounded half away from zero to two
// decimals, e.g. "-1234.50": a sentence's figure, rounded for display.
func moneyText(m Money) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	const perCent = MoneyUnit / 100
	c := (m + perCent/2) / perCent
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}
