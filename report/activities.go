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

// activitySeries returns the activities by ISO week, month and quarter of
// the review's quarters, with each one's change against the one before.
func (ix *index) activitySeries() (weeks, months, quarters []ActivityRow) {
	af := ix.acts
	weekKeys := make([]string, len(af.weeks))
	for i := range weekKeys {
		weekKeys[i] = isoWeekName(af.firstMon + Day(7*i))
	}
	monthKeys := make([]string, len(af.months))
	for i := range monthKeys {
		monthKeys[i] = monthName(af.firstMonth + i)
	}
	var qKeys []string
	var qVals [][4]int
	for qi := ix.firstQ(); qi <= ix.lastQ(); qi++ {
		qKeys = append(qKeys, ix.cal.Quarter(qi).Name)
		qVals = append(qVals, ix.actsAt(ix.nr, qi))
	}
	return activityRows(weekKeys, af.weeks), activityRows(monthKeys, af.months), activityRows(qKeys, qVals)
}

// activityRows pairs keys with counts, each with its change against the
// row before.
func activityRows(keys []string, vals [][4]int) []ActivityRow {
	rows := make([]ActivityRow, len(keys))
	for i := range keys {
		rows[i] = ActivityRow{Key: keys[i], Counts: countsOf(vals[i])}
		if i > 0 {
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
