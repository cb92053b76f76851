package report

import "sort"

// MaxRampMonths is the length of the longest ramp curve: ten years.
const MaxRampMonths = 120

// repAcc accumulates a rep's deals over a span.
type repAcc struct {
	f   flow
	cyc []int32
}

func (a *repAcc) add(d *Deal) {
	if d.Status == Won {
		a.f.won++
		a.f.bookings += d.Amount
		if hasCycle(d) {
			a.cyc = append(a.cyc, int32(d.Close-d.Created))
		}
	} else {
		a.f.lost++
		a.f.lostAmount += d.Amount
	}
}

func (a *repAcc) figures() RepFigures {
	rf := RepFigures{Bookings: a.f.bookings, WonDeals: a.f.won, LostDeals: a.f.lost, AvgDealSize: avgMoney(a.f.bookings, a.f.won),
		CycleMedian: median(a.cyc), CycleMean: mean(a.cyc)}
	rf.WinRate, rf.WinRateValue = winRates(a.f.won, a.f.lost, a.f.bookings, a.f.lostAmount)
	return rf
}

// repDeals are the closed deals of every owner: per owner over the review
// quarter and all history, the first win, and every win by month.
type repDeals struct {
	period, all []repAcc
	firstWin    []Day
	wins        []monthlyWin
}

// monthlyWin is a won deal's owner, close month and amount.
type monthlyWin struct {
	owner, month int32
	amt          Money
}

// repsPart is the reps family: the reps table, the reps of each scope and
// the ramp cohorts.
func repsPart(ix *index) (part, error) {
	roster := map[Sym]*RosterEntry{}
	for i := range ix.cur.Roster {
		if r := &ix.cur.Roster[i]; r.Owner != 0 && roster[r.Owner] == nil {
			roster[r.Owner] = r
		}
	}
	rd := ix.repDeals()
	begins := DataBegins(ix.cur.Deals)
	censored := 0
	rows := make([]Rep, len(ix.owners.syms)) // by owner number, then by name
	for o := range rows {
		rows[o] = ix.rep(o, &rd, roster, begins)
		if rows[o].LeftCensored {
			censored++
		}
	}
	cohorts := ix.rampCohorts(rows, rd.wins, roster, begins)
	sort.Slice(rows, func(i, j int) bool { return rows[i].Owner < rows[j].Owner })
	return part{fill: func(rev *Review) {
		rev.Reps = Reps{Rows: rows, Cohorts: cohorts, DataBegins: begins, LeftCensored: censored}
		for i := range rows {
			if sc := rev.Scope(rows[i].Region); sc != nil {
				sc.Reps = append(sc.Reps, rows[i].Owner)
			}
			rev.Total.Reps = append(rev.Total.Reps, rows[i].Owner)
		}
	}}, nil
}

// repDeals sums every closed deal into its owner's figures.
func (ix *index) repDeals() repDeals {
	no := len(ix.owners.syms)
	rd := repDeals{period: make([]repAcc, no), all: make([]repAcc, no), firstWin: make([]Day, no),
		wins: make([]monthlyWin, 0, ix.flows.all[ix.nr].won)}
	for i := range ix.cur.Deals {
		d := &ix.cur.Deals[i]
		o := ix.deals[i].owner
		if o < 0 || d.Status == Open {
			continue
		}
		rd.all[o].add(d)
		if ix.inPeriod(d.Close) {
			rd.period[o].add(d)
		}
		if d.Status == Won && d.Close.Valid() {
			if !rd.firstWin[o].Valid() || d.Close < rd.firstWin[o] {
				rd.firstWin[o] = d.Close
			}
			rd.wins = append(rd.wins, monthlyWin{o, int32(monthIndex(d.Close)), d.Amount})
		}
	}
	return rd
}

// rep returns the row of owner o; a rep hired before the data begins is
// left-censored.
func (ix *index) rep(o int, rd *repDeals, roster map[Sym]*RosterEntry, begins Day) Rep {
	name := ix.owners.syms[o]
	rep := Rep{Owner: name.String(), Region: Unassigned, Period: rd.period[o].figures(), All: rd.all[o].figures(), FirstWin: rd.firstWin[o]}
	if r := ix.ownerReg[o]; r >= 0 {
		rep.Region = ix.regions[r]
	}
	if re := roster[name]; re != nil {
		rep.Manager, rep.Hired = re.Manager.String(), re.Hired
	}
	rep.LeftCensored = rep.Hired.Valid() && rep.Hired < begins
	if !rep.LeftCensored && rep.Hired.Valid() && rep.FirstWin.Valid() && rep.FirstWin >= rep.Hired {
		rep.DaysToFirstWin = Defined(float64(rep.FirstWin - rep.Hired))
	}
	if t, ok := ix.targets.owner[name][ix.periodQ]; ok {
		rep.Period.Target, rep.Period.HasTarget = t, true
		rep.Period.Attainment = Div(float64(rep.Period.Bookings), float64(t))
	}
	af := ix.acts
	rep.Period.Activities = countsOf(af.ownerP[o])
	rep.All.Activities = countsOf(af.ownerAll[o])
	rep.All.PerWonDeal = ix.perWonDeal(af.ownerLinked[o], rep.All.WonDeals)
	rep.Period.PerWonDeal = ix.perWonDeal(af.ownerLinkedP[o], rep.Period.WonDeals)
	return rep
}

// rampCohorts averages the bookings of the reps hired in each fiscal
// half-year by month since hire (the ramp curve), with the median time to
// their first win. Reps without a hire date, or hired before the data
// begins (left-censored), are left out. reps holds the rows by owner number.
func (ix *index) rampCohorts(reps []Rep, wins []monthlyWin, roster map[Sym]*RosterEntry, begins Day) []RampCohort {
	names, cohortOf, hireMonth := ix.hireCohorts(roster, begins)
	rc := make([]RampCohort, len(names))
	sums := make([][]Money, len(names))
	days := make([][]int32, len(names))
	asOfMonth := monthIndex(ix.asOf)
	for o, k := range cohortOf {
		if k < 0 {
			continue
		}
		rc[k].Reps++
		n := min(asOfMonth-hireMonth[o]+1, MaxRampMonths)
		for len(rc[k].CurveReps) < n {
			rc[k].CurveReps = append(rc[k].CurveReps, 0)
			sums[k] = append(sums[k], 0)
		}
		for m := range n {
			rc[k].CurveReps[m]++
		}
		if dd := reps[o].DaysToFirstWin; dd.OK {
			days[k] = append(days[k], int32(dd.Value))
		}
	}
	for _, w := range wins {
		if k := cohortOf[w.owner]; k >= 0 {
			if m := int(w.month) - hireMonth[w.owner]; m >= 0 && m < len(sums[k]) {
				sums[k][m] += w.amt
			}
		}
	}
	for k := range rc {
		rc[k].Cohort = names[k]
		rc[k].Curve = make([]Ratio, len(sums[k]))
		for m := range sums[k] {
			rc[k].Curve[m] = avgMoney(sums[k][m], rc[k].CurveReps[m])
		}
		rc[k].RepsWithWin = len(days[k])
		rc[k].MedianDaysToFirstWin = median(days[k])
	}
	sort.Slice(rc, func(i, j int) bool { return rc[i].Cohort < rc[j].Cohort })
	return rc
}

// hireCohorts names the hiring cohorts (fiscal half-years) in order of
// first appearance, and gives each owner's cohort (-1: no hire date, or
// hired before the data begins) and hire month.
func (ix *index) hireCohorts(roster map[Sym]*RosterEntry, begins Day) (names []string, cohortOf, hireMonth []int) {
	no := len(ix.owners.syms)
	cohortOf, hireMonth = make([]int, no), make([]int, no)
	cohorts := map[string]int{}
	for o, name := range ix.owners.syms {
		cohortOf[o] = -1
		re := roster[name]
		if re == nil || !re.Hired.Valid() || re.Hired < begins {
			continue
		}
		h := ix.cal.HalfName(re.Hired)
		if _, ok := cohorts[h]; !ok {
			cohorts[h] = len(names)
			names = append(names, h)
		}
		cohortOf[o] = cohorts[h]
		hireMonth[o] = monthIndex(re.Hired)
	}
	return names, cohortOf, hireMonth
}

// DataBegins returns the first day of the month of the earliest close of a
// won or lost deal: the first month whose bookings the data shows; NoDay
// when no deal is closed. Reps hired before it are left-censored.
func DataBegins(deals []Deal) Day {
	var first Day
	for i := range deals {
		if d := &deals[i]; d.Status != Open && d.Close.Valid() && (!first.Valid() || d.Close < first) {
			first = d.Close
		}
	}
	if !first.Valid() {
		return NoDay
	}
	return monthStart(monthIndex(first))
}
