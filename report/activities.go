package report

import "sort"

// activitiesPart is the activities family: the Activities page.
func activitiesPart(ix *index) (part, error) {
	af := ix.acts
	p := Activities{Counts: countsOf(af.total)}
	for r, name := range ix.regions {
		p.ByRegion = append(p.ByRegion, ActivityRow{Key: name, Counts: countsOf(af.regions[r])})
	}
	for o, name := range ix.owners.syms {
		if n := countsOf(af.ownerAll[o]); n.Total > 0 {
			p.ByOwner = append(p.ByOwner, ActivityRow{Key: name.String(), Counts: n})
		}
	}
	sort.Slice(p.ByOwner, func(i, j int) bool { return p.ByOwner[i].Key < p.ByOwner[j].Key })
	p.ByWeek, p.ByMonth, p.ByQuarter = ix.activitySeries()
	if u, ok := ix.regionIdx[Unassigned]; ok {
		p.Unassigned = countsOf(af.regions[u]).Total
	}
	p.PerWonDeal = ix.perWonDeal(af.linkedWon[ix.nr], ix.flows.all[ix.nr].won)
	// Effectiveness over every closed deal (none without activity data:
	// "no meeting" would then only mean "not exported").
	if len(ix.cur.Activities) > 0 {
		for _, t := range []ActivityType{Meeting, Call, Email} {
			p.Effectiveness = append(p.Effectiveness, ix.effectiveness(t))
		}
	}
	p.Efficiency = ix.efficiency(ix.nr)
	return part{fill: func(rev *Review) { rev.Activities = p }}, nil
}

// activitySeries returns the activities by ISO week and month of the
// review's quarters up to the as-of date, and by quarter, each with its
// change against the one before. A week or month that the series' span
// cuts (the week of the first quarter's first day, the week, month and
// quarter of the as-of date) is partial.
func (ix *index) activitySeries() (weeks, months, quarters []ActivityRow) {
	af := ix.acts
	weeks = make([]ActivityRow, len(af.weeks))
	for i := range weeks {
		mon := af.firstMon + Day(7*i)
		weeks[i] = ActivityRow{Key: isoWeekName(mon), Counts: countsOf(af.weeks[i]), Partial: mon < af.first || mon+6 > af.last}
	}
	months = make([]ActivityRow, len(af.months))
	for i := range months {
		m := af.firstMonth + i
		months[i] = ActivityRow{Key: monthName(m), Counts: countsOf(af.months[i]), Partial: monthStart(m+1)-1 > af.last}
	}
	for qi := ix.firstQ(); qi <= ix.lastQ(); qi++ {
		q := ix.cal.Quarter(qi)
		quarters = append(quarters, ActivityRow{Key: q.Name, Counts: countsOf(ix.actsAt(ix.nr, qi)),
			Partial: q.Start <= ix.asOf && ix.asOf < q.End})
	}
	return withChanges(weeks), withChanges(months), withChanges(quarters)
}

// withChanges sets each row's change against the row before, undefined
// where either is partial (part of a period against a whole one).
func withChanges(rows []ActivityRow) []ActivityRow {
	for i := 1; i < len(rows); i++ {
		if !rows[i].Partial && !rows[i-1].Partial {
			rows[i].Change = change(rows[i].Counts.Total, rows[i-1].Counts.Total)
		}
	}
	return rows
}

// effectiveness compares the win rate of the closed deals with and without
// a linked activity of type t.
func (ix *index) effectiveness(t ActivityType) Effectiveness {
	e := Effectiveness{Type: t.String()}
	for i := range ix.cur.Deals {
		st := ix.cur.Deals[i].Status
		if st == Open {
			continue
		}
		if ix.acts.deal[i].types&(1<<t) != 0 {
			e.With++
			if st == Won {
				e.WonWith++
			}
		} else {
			e.Without++
			if st == Won {
				e.WonWithout++
			}
		}
	}
	e.WinRateWith = Div(float64(e.WonWith), float64(e.With))
	e.WinRateWithout = Div(float64(e.WonWithout), float64(e.Without))
	return e
}
