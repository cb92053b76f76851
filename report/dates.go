package report

import (
	"errors"
	"fmt"
	"slices"
)

// reviewDates are the dates a review is computed for, as calendar quarter
// indexes (Calendar.QuarterIndex).
type reviewDates struct {
	asOf     Day
	asOfQ    int     // the quarter holding asOf
	periodQ  int     // the review quarter
	period   Quarter // the review quarter
	currentQ int     // the first quarter not complete on asOf: coverage is for it
	// lo..hi are the quarters the index holds: four before the first of
	// Review.Quarters (for growth and trailing win rates) and one after the
	// last; nq counts them.
	lo, hi, nq int
	// factsEnd is the newest date the deals confirm (see lateCloses);
	// lateCloses are the won and lost deals (indexes into the current
	// export) whose close dates lie beyond it.
	factsEnd   Day
	lateCloses []int32
}

// maxFactGap is the longest silence, in days, between the dates of an
// export that are taken as facts. Created dates are stamped by the CRM
// when a deal is entered, so they are never in the future; deals keep
// closing after the last one was created, one close after another. A won or
// lost deal's close date that comes more than a quarter after every
// created date and every earlier close is a planned date (a lost deal's
// expected close never updated, as in a Salesforce developer org's demo
// data), not a fact: it does not set the as-of date.
const maxFactGap = 92

// dataDates are the dates found in the records that the review's dates
// derive from.
type dataDates struct {
	oldest       Day // the oldest date of any kind
	newest       Day // the newest created or closed date of a deal, activity date or submission
	dealNewest   Day // the newest created date, or close of a won or lost deal taken as a fact
	closedNewest Day // the newest close of a won or lost deal
	factsEnd     Day // the newest created date or close taken as a fact
	lateCloses   []int32
}

// findDates scans the records for their dates.
func findDates(r *Records) dataDates {
	var dd dataDates
	see := func(d Day) {
		if !d.Valid() {
			return
		}
		dd.newest = max(dd.newest, d)
		if dd.oldest == NoDay || d < dd.oldest {
			dd.oldest = d
		}
	}
	dd.factsEnd = factsEnd(r)
	for i := range r.Deals {
		d := &r.Deals[i]
		see(d.Created)
		switch {
		case d.Status == Open:
			if d.Close.Valid() && (dd.oldest == NoDay || d.Close < dd.oldest) {
				dd.oldest = d.Close
			}
		case dd.factsEnd.Valid() && d.Close > dd.factsEnd:
			dd.lateCloses = append(dd.lateCloses, int32(i))
			dd.closedNewest = max(dd.closedNewest, d.Close)
		default:
			see(d.Close)
			dd.closedNewest = max(dd.closedNewest, d.Close)
		}
	}
	// Activity exports may hold planned (future) tasks: their dates set the
	// as-of date only when the deals have none.
	dd.dealNewest = dd.newest
	for i := range r.Activities {
		see(r.Activities[i].Date)
	}
	for i := range r.Forecasts {
		see(r.Forecasts[i].Submitted)
	}
	return dd
}

// factsEnd returns the newest date the deals confirm: from the newest
// created date, each later close of a won or lost deal, in date order, as
// long as none comes more than maxFactGap days after the one before. NoDay
// when no deal has a created date (then every close counts).
func factsEnd(r *Records) Day {
	var end Day
	for i := range r.Deals {
		end = max(end, r.Deals[i].Created)
	}
	if !end.Valid() {
		return NoDay
	}
	var later []Day
	for i := range r.Deals {
		if d := &r.Deals[i]; d.Status != Open && d.Close > end {
			later = append(later, d.Close)
		}
	}
	slices.Sort(later)
	for _, c := range later {
		if c-end > maxFactGap {
			break
		}
		end = c
	}
	return end
}

// asOf is the default as-of date: the newest date the deals confirm (their
// created dates, and the close dates of won and lost deals up to factsEnd);
// without deal dates, the newest activity date or forecast submission.
func (dd *dataDates) asOf() Day {
	if dd.dealNewest.Valid() {
		return dd.dealNewest
	}
	return dd.newest
}

// newReviewDates sets the as-of date, the review period and the quarter range.
func newReviewDates(cal Calendar, cur *Records, opts Options) (reviewDates, error) {
	dd := findDates(cur)
	var rd reviewDates
	rd.asOf = opts.AsOf
	if !rd.asOf.Valid() {
		rd.asOf = dd.asOf()
	}
	if !rd.asOf.Valid() {
		return rd, errors.New("report: the data holds no dates: give the as-of date")
	}
	rd.factsEnd, rd.lateCloses = dd.factsEnd, dd.lateCloses
	rd.asOfQ = cal.QuarterIndex(rd.asOf)
	rd.currentQ = rd.asOfQ
	if cal.Quarter(rd.asOfQ).End <= rd.asOf {
		rd.currentQ++ // a quarter ending on the as-of date is complete
	}
	if err := rd.setPeriod(cal, opts.Period); err != nil {
		return rd, err
	}
	rd.setRange(cal, dd)
	return rd, nil
}

// setPeriod sets the review quarter: the one named, else the last complete
// quarter on the as-of date.
func (rd *reviewDates) setPeriod(cal Calendar, name string) error {
	if name == "" {
		rd.periodQ = rd.asOfQ
		if cal.Quarter(rd.asOfQ).End > rd.asOf {
			rd.periodQ--
		}
	} else {
		q, err := cal.ParseQuarter(name)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		if d := q - rd.asOfQ; d > maxQuarters || d < -maxQuarters {
			return fmt.Errorf("report: period %q is more than %d years from the as-of date %s", name, maxQuarters/4, rd.asOf)
		}
		rd.periodQ = q
	}
	rd.period = cal.Quarter(rd.periodQ)
	return nil
}

// setRange sets the quarters of the review: from the oldest date's (at most
// maxQuarters back) to the later of the as-of and review quarters.
func (rd *reviewDates) setRange(cal Calendar, dd dataDates) {
	q1 := max(rd.asOfQ, rd.periodQ)
	// Deals won or lost after an --as-of date in the past still get their
	// quarter's row, so that the quarters add up to all history.
	if dd.closedNewest.Valid() {
		if cq := cal.QuarterIndex(dd.closedNewest); cq > q1 && cq-rd.asOfQ <= maxQuarters {
			q1 = cq
		}
	}
	q0 := rd.periodQ
	if dd.oldest.Valid() && dd.oldest <= rd.asOf {
		q0 = min(q0, cal.QuarterIndex(dd.oldest))
	}
	if q1-q0+1 > maxQuarters {
		q0 = q1 - maxQuarters + 1
		q0 = min(q0, rd.periodQ)
	}
	rd.lo, rd.hi = q0-4, q1+1
	rd.nq = rd.hi - rd.lo + 1
}
