package report

// contractRevenue is the revenue of the won deals' contracts, per scope:
// recognised in each quarter and ARR in each month.
//
// A contract's monthly value is Value / Divisor Money units (METRICS.md:
// unrounded), so the contracts are grouped by divisor: each group sums its
// integer Money per month exactly (a difference array), and each month's or
// quarter's figure is one float64 division per group. Recognised revenue in
// a quarter is thus the sum of Value x months in the quarter / Divisor, and
// ARR 12 x the monthly values running, whatever the number of contracts.
type contractRevenue struct {
	recognised []float64   // (scope, quarter): index.fi, major units
	arr        [][]float64 // per scope, per month from mlo: ARR, major units
	monthly    []float64   // all regions, per month from mlo: recognised revenue
	mlo, mhi   int         // month indexes of the index's first and last months
	minStart   int         // the first month of any contract; mhi+1 when none
}

// divisorGroups are the contract values running per scope and month, one
// difference array per divisor.
type divisorGroups struct {
	ns, mlo, mhi int
	divisors     []int       // in order of first use
	group        map[int]int // divisor -> group
	diffs        [][][]Money // per group, per scope, per month (+1)
}

// add adds value v to scope s in the months from..to (inclusive, month
// indexes), clipped to the index's months.
func (g *divisorGroups) add(s, from, to, divisor int, v Money) {
	from, to = max(from, g.mlo), min(to, g.mhi)
	if v == 0 || to < from {
		return
	}
	k, ok := g.group[divisor]
	if !ok {
		k = len(g.divisors)
		g.group[divisor] = k
		g.divisors = append(g.divisors, divisor)
		d := make([][]Money, g.ns)
		for s := range d {
			d[s] = make([]Money, g.mhi-g.mlo+2)
		}
		g.diffs = append(g.diffs, d)
	}
	g.diffs[k][s][from-g.mlo] += v
	g.diffs[k][s][to-g.mlo+1] -= v
}

// running returns, per group, the Money of the contracts of scope s running
// in each month.
func (g *divisorGroups) running(s int) [][]Money {
	running := make([][]Money, len(g.divisors))
	for k := range g.divisors {
		run := make([]Money, g.mhi-g.mlo+1)
		var v Money
		for j := range run {
			v += g.diffs[k][s][j]
			run[j] = v
		}
		running[k] = run
	}
	return running
}

// contractRevenue spreads every won deal's contract over the months of its
// region and of all regions.
func (ix *index) contractRevenue() *contractRevenue {
	ns := ix.nr + 1
	cr := &contractRevenue{mlo: monthIndex(ix.cal.Quarter(ix.lo).Start), mhi: monthIndex(ix.cal.Quarter(ix.hi).End)}
	cr.minStart = cr.mhi + 1
	g := &divisorGroups{ns: ns, mlo: cr.mlo, mhi: cr.mhi, group: map[int]int{}}
	for i := range ix.cur.Deals {
		d := &ix.cur.Deals[i]
		if d.Status != Won || (!d.Close.Valid() && !d.ServiceStart.Valid()) {
			continue
		}
		ct := ContractOf(d, ix.opts.AmountMode, ix.opts.DefaultTerm)
		cr.minStart = min(cr.minStart, ct.StartMonth)
		for _, s := range [2]int{int(ix.deals[i].region), ix.nr} {
			g.add(s, ct.StartMonth, ct.StartMonth+ct.Term-1, ct.Divisor, ct.Value)
		}
	}
	cr.arr = make([][]float64, ns)
	cr.recognised = make([]float64, ns*ix.nq)
	for s := range ns {
		running := g.running(s)
		cr.arr[s] = cr.monthsOf(running, g.divisors, 12)
		if s == ix.nr {
			cr.monthly = cr.monthsOf(running, g.divisors, 1)
		}
		for k := range ix.nq {
			first := monthIndex(ix.cal.Quarter(ix.lo+k).Start) - cr.mlo
			cr.recognised[ix.fi(s, k)] = quarterUnits(running, g.divisors, first)
		}
	}
	return cr
}

// monthsOf returns n months of the values running in each month, in major
// units: 12 for ARR, 1 for the revenue recognised in the month.
func (cr *contractRevenue) monthsOf(running [][]Money, divisors []int, n int) []float64 {
	out := make([]float64, cr.mhi-cr.mlo+1)
	for j := range out {
		for k, dv := range divisors {
			out[j] += recognisedUnits(running[k][j], n, dv)
		}
	}
	return out
}

// quarterUnits returns the revenue recognised in the three months from
// first, in major units: each group's Money of the three months summed
// exactly, then divided once; in float64 where the sum would overflow.
func quarterUnits(running [][]Money, divisors []int, first int) float64 {
	var rec float64
	for k, dv := range divisors {
		r := running[k][first : first+3]
		if sum := r[0]; addMoney(&sum, r[1]) && addMoney(&sum, r[2]) {
			rec += recognisedUnits(sum, 1, dv)
		} else {
			rec += (float64(r[0]) + float64(r[1]) + float64(r[2])) / (MoneyUnit * float64(dv))
		}
	}
	return rec
}

// arrAt is the ARR of scope s at the end of quarter qi's last month, in
// major units.
func (ix *index) arrAt(s, qi int) float64 {
	cr := ix.contracts
	mi := monthIndex(ix.cal.Quarter(qi).End) - cr.mlo
	if mi < 0 || mi >= len(cr.arr[s]) {
		return 0
	}
	return cr.arr[s][mi]
}

// recognisedAt is the revenue of scope s recognised in calendar quarter qi.
func (ix *index) recognisedAt(s, qi int) float64 {
	k := ix.qrel(qi)
	if k < 0 {
		return 0
	}
	return ix.contracts.recognised[ix.fi(s, k)]
}

// contractsPart is the contracts family: ARR by month and the revenue
// schedule of the deals won in the review quarter.
func contractsPart(ix *index) (part, error) {
	arr := ix.arrByMonth()
	sched := ix.schedule()
	return part{fill: func(rev *Review) {
		rev.Revenue.ARRByMonth = arr
		rev.Revenue.Schedule = sched
	}}, nil
}

// arrByMonth lists every month from the first contract month to the as-of
// month.
func (ix *index) arrByMonth() []ARRMonth {
	cr := ix.contracts
	var out []ARRMonth
	for mi := max(cr.minStart, cr.mlo); mi <= min(monthIndex(ix.asOf), cr.mhi); mi++ {
		j := mi - cr.mlo
		am := ARRMonth{Month: monthName(mi), Recognised: cr.monthly[j], ARR: cr.arr[ix.nr][j]}
		am.ByRegion = make([]float64, ix.nr)
		for r := range ix.nr {
			am.ByRegion[r] = cr.arr[r][j]
		}
		out = append(out, am)
	}
	return out
}

// scheduleQuarters is how many quarters the revenue schedule spans.
const scheduleQuarters = 20

// schedule spreads the contracts of the deals won in the review quarter
// over the 20 quarters from it.
func (ix *index) schedule() Schedule {
	sched := Schedule{Window: ix.period.Name}
	for k := range scheduleQuarters {
		sched.Quarters = append(sched.Quarters, ix.cal.Quarter(ix.periodQ+k).Name)
	}
	ns := ix.nr + 1
	rows := make([]ScheduleRow, ns)
	for s := range rows {
		rows[s].Amounts = make([]float64, scheduleQuarters)
		if s < ix.nr {
			rows[s].Region = ix.regions[s]
		}
	}
	firstMonth := monthIndex(ix.period.Start)
	for i := range ix.cur.Deals {
		d := &ix.cur.Deals[i]
		if d.Status != Won || !ix.inPeriod(d.Close) {
			continue
		}
		ct := ContractOf(d, ix.opts.AmountMode, ix.opts.DefaultTerm)
		for _, s := range [2]int{int(ix.deals[i].region), ix.nr} {
			row := &rows[s]
			for k := range scheduleQuarters {
				from := firstMonth + 3*k
				row.Amounts[k] += ct.Between(from, from+2)
			}
			row.TCV += ct.Total()
			row.FirstYearValue += ct.FirstYear()
			row.Deals++
		}
	}
	sched.Rows = append(rows[:ix.nr:ix.nr], rows[ix.nr])
	return sched
}
