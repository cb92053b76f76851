package report

import (
	"slices"
	"sort"
)

// activityAcc holds the activity aggregates of the review.
type activityAcc struct {
	regionCounts [][4]int // per region, all history
	total        [4]int
	ownerAll     [][4]int // per owner (c.owners), all history
	ownerPeriod  [][4]int // per owner, review quarter
	linkedWon    []int    // per scope: activities linked to its won deals
	ownerLinked  []int    // per owner: activities linked to the owner's won deals
	// ownerLinkedP, per owner: activities linked to the owner's won deals
	// closed in the review quarter.
	ownerLinkedP []int
	firstMon     Day
	weeks        [][4]int // per ISO week from firstMon
	firstMonth   int
	months       [][4]int
	// leftOut counts the activities dated after the as-of date (left out of
	// every figure); leftOutPos holds the first maxLeftOutShown positions.
	leftOut    int
	leftOutPos []Position
}

// maxLeftOutShown is how many positions of activities dated after the as-of
// date the data-quality warning names.
const maxLeftOutShown = 3

// activityPass links activities to deals (by deal id, else by account and
// date between the deal's created and close) and counts them.
func (c *computer) activityPass() {
	acts := c.cur.Activities
	ns := c.nr + 1
	acc := &activityAcc{
		regionCounts: make([][4]int, c.nr),
		linkedWon:    make([]int, ns),
	}
	// Deals of each account with a created date, sorted by created.
	nAcct := len(c.accts.syms)
	start := make([]int32, nAcct+1)
	for i := range c.deals {
		if a := c.deals[i].account; a >= 0 && c.cur.Deals[i].Created.Valid() {
			start[a+1]++
		}
	}
	for a := 0; a < nAcct; a++ {
		start[a+1] += start[a]
	}
	byAcct := make([]int32, start[nAcct])
	fill := slices.Clone(start[:nAcct])
	for i := range c.deals {
		if a := c.deals[i].account; a >= 0 && c.cur.Deals[i].Created.Valid() {
			byAcct[fill[a]] = int32(i)
			fill[a]++
		}
	}
	deals := c.cur.Deals
	// Sort each account's deals by created date, on compact keys; keep the
	// created dates and the linking windows' ends beside them.
	type linkKey struct {
		created, upper Day
		deal           int32
	}
	keys := make([]linkKey, len(byAcct))
	for k, j := range byAcct {
		d := &deals[j]
		upper := d.Close
		if d.Status == Open && (upper < c.asOf || !upper.Valid()) {
			upper = c.asOf
		}
		keys[k] = linkKey{d.Created, upper, j}
	}
	for a := 0; a < nAcct; a++ {
		slices.SortFunc(keys[start[a]:start[a+1]], func(x, y linkKey) int {
			if x.created != y.created {
				return int(x.created - y.created)
			}
			return int(x.deal - y.deal)
		})
	}
	created := make([]Day, len(keys))
	for k := range keys {
		byAcct[k], created[k] = keys[k].deal, keys[k].created
	}

	// The span of the week and month series: the review's quarters.
	first := c.cal.Quarter(c.lo + 4).Start
	last := c.cal.Quarter(c.hi - 1).End
	acc.firstMon = isoWeekStart(first)
	acc.weeks = make([][4]int, int(isoWeekStart(last)-acc.firstMon)/7+1)
	acc.firstMonth = monthIndex(first)
	acc.months = make([][4]int, monthIndex(last)-acc.firstMonth+1)
	periodK := c.qrel(c.periodQ)

	actOwner := make([]int32, len(acts))
	for i := range acts {
		actOwner[i] = -1
		if acts[i].Owner != 0 {
			actOwner[i] = c.owners.id(acts[i].Owner)
		}
	}
	no := len(c.owners.syms)
	acc.ownerAll = make([][4]int, no)
	acc.ownerPeriod = make([][4]int, no)
	acc.ownerLinked = make([]int, no)
	acc.ownerLinkedP = make([]int, no)
	for len(c.ownerReg) < no {
		c.ownerReg = append(c.ownerReg, -1)
	}

	var linked []int32
	var wonRegions, wonOwners, wonOwnersP []int32
	for i := range acts {
		a := &acts[i]
		if c.actRegion[i] == actLeftOut {
			// A planned task: no done activity in any figure; the
			// data-quality page counts them once.
			if acc.leftOut < maxLeftOutShown {
				acc.leftOutPos = append(acc.leftOutPos, c.cur.Cell(a.Src, "date"))
			}
			acc.leftOut++
			continue
		}
		t := a.Type
		if t > Meeting {
			t = OtherActivity
		}
		r := int(c.actRegion[i])
		acc.regionCounts[r][t]++
		acc.total[t]++
		if o := actOwner[i]; o >= 0 {
			acc.ownerAll[o][t]++
		}
		if a.Date.Valid() {
			k := c.qrel(c.cal.QuarterIndex(a.Date))
			if k >= 0 {
				c.flows[c.fi(r, k)].acts[t]++
				c.flows[c.fi(c.nr, k)].acts[t]++
				if k == periodK {
					if o := actOwner[i]; o >= 0 {
						acc.ownerPeriod[o][t]++
					}
				}
			}
			if a.Date >= first && a.Date <= last {
				acc.weeks[int(isoWeekStart(a.Date)-acc.firstMon)/7][t]++
				acc.months[monthIndex(a.Date)-acc.firstMonth][t]++
			}
		}
		// Link.
		linked = linked[:0]
		if j := c.actDeal[i]; j >= 0 {
			linked = append(linked, j)
		} else if a.Account != 0 && a.Date.Valid() {
			if ai, ok := c.accts.get(a.Account); ok {
				lo, hi := int(start[ai]), int(start[ai+1])
				cr := created[lo:hi]
				n, _ := slices.BinarySearch(cr, a.Date+1) // deals created on or before the date
				for k := lo; k < lo+n; k++ {
					if a.Date <= keys[k].upper {
						linked = append(linked, keys[k].deal)
					}
				}
			}
		}
		wonRegions, wonOwners, wonOwnersP = wonRegions[:0], wonOwners[:0], wonOwnersP[:0]
		for _, j := range linked {
			di := &c.deals[j]
			di.flags |= 1 << t
			if a.Date.Valid() && a.Date <= c.asOf && a.Date > di.lastAct {
				di.lastAct = a.Date
			}
			if di.won {
				if !slices.Contains(wonRegions, di.region) {
					wonRegions = append(wonRegions, di.region)
				}
				if di.owner >= 0 && !slices.Contains(wonOwners, di.owner) {
					wonOwners = append(wonOwners, di.owner)
				}
				if di.owner >= 0 && di.wonInP && !slices.Contains(wonOwnersP, di.owner) {
					wonOwnersP = append(wonOwnersP, di.owner)
				}
			}
		}
		for _, r := range wonRegions {
			acc.linkedWon[r]++
		}
		if len(wonRegions) > 0 {
			acc.linkedWon[c.nr]++
		}
		for _, o := range wonOwners {
			acc.ownerLinked[o]++
		}
		for _, o := range wonOwnersP {
			acc.ownerLinkedP[o]++
		}
	}
	c.acts = acc
}

// activitiesPage fills Review.Activities.
func (c *computer) activitiesPage() {
	acc := c.acts
	p := &c.rev.Activities
	p.Counts = countsOf(acc.total)
	for r, name := range c.regions {
		p.ByRegion = append(p.ByRegion, ActivityRow{Key: name, Counts: countsOf(acc.regionCounts[r])})
	}
	for o, name := range c.owners.syms {
		if n := countsOf(acc.ownerAll[o]); n.Total > 0 {
			p.ByOwner = append(p.ByOwner, ActivityRow{Key: name.String(), Counts: n})
		}
	}
	sort.Slice(p.ByOwner, func(i, j int) bool { return p.ByOwner[i].Key < p.ByOwner[j].Key })
	series := func(keys []string, vals [][4]int) []ActivityRow {
		rows := make([]ActivityRow, len(keys))
		for i := range keys {
			rows[i] = ActivityRow{Key: keys[i], Counts: countsOf(vals[i])}
			if i > 0 {
				rows[i].Change = Div(float64(rows[i].Counts.Total), float64(rows[i-1].Counts.Total))
				if rows[i].Change.OK {
					rows[i].Change.Value--
				}
			}
		}
		return rows
	}
	weekKeys := make([]string, len(acc.weeks))
	for i := range weekKeys {
		weekKeys[i] = isoWeekName(acc.firstMon + Day(7*i))
	}
	p.ByWeek = series(weekKeys, acc.weeks)
	monthKeys := make([]string, len(acc.months))
	for i := range monthKeys {
		monthKeys[i] = monthName(acc.firstMonth + i)
	}
	p.ByMonth = series(monthKeys, acc.months)
	var qKeys []string
	var qVals [][4]int
	for k := 4; k < c.nq-1; k++ {
		qKeys = append(qKeys, c.cal.Quarter(c.lo+k).Name)
		qVals = append(qVals, c.flows[c.fi(c.nr, k)].acts)
	}
	p.ByQuarter = series(qKeys, qVals)
	if u, ok := c.regionIdx[Unassigned]; ok {
		p.Unassigned = countsOf(acc.regionCounts[u]).Total
	}
	p.PerWonDeal = c.perWonDeal(acc.linkedWon[c.nr], c.wonAll(c.nr))
	// Effectiveness over every closed deal (none without activity data:
	// "no meeting" would then only mean "not exported").
	for _, t := range []ActivityType{Meeting, Call, Email} {
		if len(c.cur.Activities) == 0 {
			break
		}
		e := Effectiveness{Type: t.String()}
		for i := range c.cur.Deals {
			st := c.cur.Deals[i].Status
			if st == Open {
				continue
			}
			if c.deals[i].flags&(1<<t) != 0 {
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
		p.Effectiveness = append(p.Effectiveness, e)
	}
	p.Efficiency = c.efficiency(c.nr)
}

// perWonDeal is linked activities / won deals; undefined without won
// deals, and without any activity data (0 would claim no activity).
func (c *computer) perWonDeal(linked, won int) Ratio {
	if len(c.cur.Activities) == 0 {
		return Ratio{}
	}
	return Div(float64(linked), float64(won))
}

// wonAll returns the number of won deals of a scope over all history
// (every won deal, whatever its close date).
func (c *computer) wonAll(scope int) int {
	if c.wonCount == nil {
		c.wonCount = make([]int, c.nr+1)
		for i := range c.cur.Deals {
			if c.cur.Deals[i].Status == Won {
				c.wonCount[c.deals[i].region]++
				c.wonCount[c.nr]++
			}
		}
	}
	return c.wonCount[scope]
}

// efficiency is bookings per activity of each type in the review quarter.
func (c *computer) efficiency(scope int) []Efficiency {
	f := c.flowAt(scope, c.periodQ)
	var out []Efficiency
	for _, t := range ActivityTypes {
		n := f.acts[t]
		out = append(out, Efficiency{Type: t.String(), Activities: n, Bookings: f.bookings,
			PerActivity: avgMoney(f.bookings, n)})
	}
	return out
}
