package report

import (
	"fmt"
	"strings"
)

// quality makes the data-quality page from the input's warnings and the
// problems the metrics found.
func (ix *index) quality(found *findings) Quality {
	q := Quality{Counts: QualityCounts{DealsWithoutCreated: found.counts[kNoCreated], ActivitiesUnassigned: found.counts[kUnassigned],
		OpenPastDue: found.counts[kPastDue], ZeroAmountWon: found.counts[kZeroWon], CreatedAfterClose: found.counts[kCreatedAfterClose],
		ClosedAfterFacts: found.counts[kLateClose]}}
	q.Problems = append(q.Problems, ix.cur.Problems...)
	var extra []Problem
	for k := range nKinds {
		q.Problems = append(q.Problems, found.listed[k]...)
		if n := found.counts[k] - len(found.listed[k]); n > 0 {
			extra = append(extra, Problem{Severity: Warning, Msg: fmt.Sprintf("%d more problems like %q are not listed", n, found.listed[k][0].Msg)})
		}
	}
	if n := ix.acts.leftOut; n > 0 {
		q.Counts.ActivitiesAfterAsOf = n
		q.Problems = append(q.Problems, leftOutProblem(n, ix.asOf, ix.acts.leftOutPos))
	}
	SortProblems(q.Problems)
	q.Problems = append(q.Problems, extra...)
	q.Tables = ix.cur.Tables
	return q
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

// listed cuts the per-deal lists of metrics.json to n rows (per category or
// rule where the list is grouped); the full lists stay in the Review for
// the pages and the CSV tables.
func listed(rev *Review, n int) {
	p := &rev.Pipeline
	p.PastDueListed = p.PastDue[:min(n, len(p.PastDue)):min(n, len(p.PastDue))]
	p.PastDueDeals = len(p.PastDue)
	for _, d := range p.PastDue {
		p.PastDueAmount += d.Deal.Amount
	}
	p.RisksListed = firstPerGroup(p.Risks, n, func(f *RiskFlag) string { return f.Rule })
	if ch := rev.Changes; ch != nil {
		ch.DealsListed = firstPerGroup(ch.Deals, n, func(d *DealChange) string { return d.Category })
		ch.DealsChanged = len(ch.Deals)
		q := &ch.Quarter
		q.DealsListed = firstPerGroup(q.Deals, n, func(d *DealChange) string { return d.Category })
		q.DealsChanged = len(q.Deals)
	}
	rv := &rev.Revenue
	rv.ClientsListed = rv.Clients[:min(n, len(rv.Clients)):min(n, len(rv.Clients))]
	rv.ClientsTotal = len(rv.Clients)
	q := &rev.Quality
	q.ProblemsListed = q.Problems[:min(n, len(q.Problems)):min(n, len(q.Problems))]
	q.ProblemsTotal = len(q.Problems)
}

// firstPerGroup returns the first n items of each run of items with the
// same group (xs is sorted by group), in their order.
func firstPerGroup[T any](xs []T, n int, group func(*T) string) []T {
	out := []T{}
	for i := 0; i < len(xs); {
		g := group(&xs[i])
		j := i
		for j < len(xs) && group(&xs[j]) == g {
			j++
		}
		out = append(out, xs[i:min(j, i+n)]...)
		i = j
	}
	return out
}
