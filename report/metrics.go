package report

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// targetSet holds the targets by scope and quarter.
type targetSet struct {
	region  map[[2]int]Money      // (region index, quarter index)
	hasReg  map[int]bool          // quarter index -> some region has a target
	company map[int]Money         // explicit all-region targets
	owner   map[Sym]map[int]Money // owner -> quarter index -> target
}

// loadTargets parses the targets' periods; unreadable ones become problems.
func (c *computer) loadTargets() {
	ts := targetSet{region: map[[2]int]Money{}, hasReg: map[int]bool{}, company: map[int]Money{}, owner: map[Sym]map[int]Money{}}
	for _, t := range c.cur.Targets {
		q, err := c.cal.ParseQuarter(t.Period)
		if err != nil {
			c.problem(kTarget, t.Src, "period", func() string { return fmt.Sprintf("target ignored: %v", err) })
			continue
		}
		switch {
		case t.Owner != 0:
			if ts.owner[t.Owner] == nil {
				ts.owner[t.Owner] = map[int]Money{}
			}
			ts.owner[t.Owner][q] += t.Amount
		case t.Region == 0:
			ts.company[q] += t.Amount
		default:
			r, ok := c.regionOf.get(t.Region)
			if !ok {
				continue
			}
			ts.region[[2]int{int(r), q}] += t.Amount
			ts.hasReg[q] = true
		}
	}
	c.targets = ts
}

// target returns the target of a scope in quarter qi: a region's own; for
// the total an all-region target, else the sum of the region targets.
func (c *computer) target(scope, qi int) (Money, bool) {
	if scope < c.nr {
		m, ok := c.targets.region[[2]int{scope, qi}]
		return m, ok
	}
	if m, ok := c.targets.company[qi]; ok {
		return m, true
	}
	if !c.targets.hasReg[qi] {
		return 0, false
	}
	var sum Money
	for r := 0; r < c.nr; r++ {
		sum += c.targets.region[[2]int{r, qi}]
	}
	return sum, true
}

// contracts spreads every won deal's contract over the months. A contract's
// monthly value is Value / Divisor cents (METRICS.md: unrounded), so the
// contracts are grouped by divisor: each group sums its integer cents per
// month exactly (a difference array), and each month's or quarter's figure is
// one float64 division per group. Recognised revenue in a quarter is thus
// sum of Value x months in the quarter / Divisor, and ARR 12 x the monthly
// values running, whatever the number of contracts.
func (c *computer) contracts() {
	c.loadTargets()
	ns := c.nr + 1
	c.mlo = monthIndex(c.cal.Quarter(c.lo).Start)
	mhi := monthIndex(c.cal.Quarter(c.hi).End)
	m := mhi - c.mlo + 1
	var divisors []int
	var diffs [][][]Money // per divisor group, per scope, per month (+1)
	group := map[int]int{}
	add := func(s, from, to, divisor int, v Money) { // months from..to inclusive, absolute
		from, to = max(from, c.mlo), min(to, mhi)
		if v == 0 || to < from {
			return
		}
		g, ok := group[divisor]
		if !ok {
			g = len(divisors)
			group[divisor] = g
			divisors = append(divisors, divisor)
			d := make([][]Money, ns)
			for s := range d {
				d[s] = make([]Money, m+1)
			}
			diffs = append(diffs, d)
		}
		diffs[g][s][from-c.mlo] += v
		diffs[g][s][to-c.mlo+1] -= v
	}
	minStart := mhi + 1
	sched := &c.rev.Revenue.Schedule
	sched.Window = c.rev.Period.Name
	for k := 0; k < 20; k++ {
		sched.Quarters = append(sched.Quarters, c.cal.Quarter(c.periodQ+k).Name)
	}
	rows := make([]ScheduleRow, ns)
	for s := range rows {
		rows[s].Amounts = make([]float64, 20)
		if s < c.nr {
			rows[s].Region = c.regions[s]
		}
	}
	pStart, pEnd := c.rev.Period.Start, c.rev.Period.End
	firstMonthOfPeriod := monthIndex(pStart)
	for i := range c.cur.Deals {
		d := &c.cur.Deals[i]
		if d.Status != Won || (!d.Close.Valid() && !d.ServiceStart.Valid()) {
			continue
		}
		ct := ContractOf(d, c.opts.AmountMode, c.opts.DefaultTerm)
		r := int(c.deals[i].region)
		minStart = min(minStart, ct.StartMonth)
		for _, s := range [2]int{r, c.nr} {
			add(s, ct.StartMonth, ct.StartMonth+ct.Term-1, ct.Divisor, ct.Value)
		}
		if d.Close >= pStart && d.Close <= pEnd {
			for _, s := range [2]int{r, c.nr} {
				row := &rows[s]
				for k := 0; k < 20; k++ {
					from := firstMonthOfPeriod + 3*k
					row.Amounts[k] += ct.Between(from, from+2)
				}
				row.TCV += ct.Total()
				row.FirstYearValue += ct.FirstYear()
				row.Deals++
			}
		}
	}
	sched.Rows = append(rows[:c.nr:c.nr], rows[c.nr])
	// running[g][j]: cents of the contracts of group g running in month j.
	c.arr = make([][]float64, ns)
	monthly := make([]float64, m) // recognised revenue of the total scope per month
	for s := 0; s < ns; s++ {
		running := make([][]Money, len(divisors))
		for g := range divisors {
			run := make([]Money, m)
			var v Money
			for j := 0; j < m; j++ {
				v += diffs[g][s][j]
				run[j] = v
			}
			running[g] = run
		}
		arr := make([]float64, m)
		for j := 0; j < m; j++ {
			for g, dv := range divisors {
				arr[j] += recognisedUnits(running[g][j], 12, dv)
				if s == c.nr {
					monthly[j] += recognisedUnits(running[g][j], 1, dv)
				}
			}
		}
		c.arr[s] = arr
		for k := 0; k < c.nq; k++ {
			first := monthIndex(c.cal.Quarter(c.lo+k).Start) - c.mlo
			var rec float64
			for g, dv := range divisors {
				rec += recognisedUnits(running[g][first]+running[g][first+1]+running[g][first+2], 1, dv)
			}
			c.flows[c.fi(s, k)].recognised = rec
		}
	}
	asOfMonth := monthIndex(c.asOf)
	for mi := max(minStart, c.mlo); mi <= min(asOfMonth, mhi); mi++ {
		am := ARRMonth{Month: monthName(mi), Recognised: monthly[mi-c.mlo], ARR: c.arr[c.nr][mi-c.mlo]}
		am.ByRegion = make([]float64, c.nr)
		for r := 0; r < c.nr; r++ {
			am.ByRegion[r] = c.arr[r][mi-c.mlo]
		}
		c.rev.Revenue.ARRByMonth = append(c.rev.Revenue.ARRByMonth, am)
	}
}

// arrAt is the ARR of a scope at the end of quarter qi's last month, in
// major units.
func (c *computer) arrAt(scope, qi int) float64 {
	mi := monthIndex(c.cal.Quarter(qi).End) - c.mlo
	if mi < 0 || mi >= len(c.arr[scope]) {
		return 0
	}
	return c.arr[scope][mi]
}

// figures returns a scope's figures in quarter qi.
func (c *computer) figures(scope, qi int) QuarterFigures {
	f := c.flowAt(scope, qi)
	q := QuarterFigures{
		Period: c.cal.Quarter(qi).Name, Bookings: f.bookings, WonDeals: f.won, LostDeals: f.lost,
		LostAmount: f.lostAmount, Created: f.created, CreatedDeals: f.createdDeals, Recognised: f.recognised,
		AvgDealSize: avgMoney(f.bookings, f.won), Activities: countsOf(f.acts),
	}
	q.WinRate, q.WinRateValue = winRates(f.won, f.lost, f.bookings, f.lostAmount)
	if k := c.qrel(qi); k >= 0 {
		cyc := c.cycles[c.fi(scope, k)]
		q.CycleMedian, q.CycleMean, q.CycleDeals = median(cyc), mean(cyc), len(cyc)
	}
	q.Target, q.HasTarget = c.target(scope, qi)
	if q.HasTarget {
		q.Attainment = Div(float64(f.bookings), float64(q.Target))
	}
	q.GrowthQoQ = growth(f.bookings, c.flowAt(scope, qi-1).bookings)
	q.GrowthYoY = growth(f.bookings, c.flowAt(scope, qi-4).bookings)
	prev := countsOf(c.flowAt(scope, qi-1).acts).Total
	q.ActivityChange = Div(float64(q.Activities.Total), float64(prev))
	if q.ActivityChange.OK {
		q.ActivityChange.Value--
	}
	return q
}

// coverage returns a scope's coverage for quarter qi.
func (c *computer) coverage(scope, qi int) Coverage {
	f := c.flowAt(scope, qi)
	cv := Coverage{Period: c.cal.Quarter(qi).Name, OpenPipeline: f.open, Booked: f.bookings}
	if scope < c.nr {
		cv.Region = c.regions[scope]
	}
	cv.Target, cv.HasTarget = c.target(scope, qi)
	if cv.HasTarget {
		cv.Remaining = cv.Target - cv.Booked
		if cv.Remaining <= 0 {
			cv.TargetMet = true
		} else {
			cv.Ratio = Div(float64(cv.OpenPipeline), float64(cv.Remaining))
		}
	}
	// Required coverage: 1 / win rate by value over the trailing four closed
	// quarters (METRICS.md). For a past quarter those are the four before it;
	// for the current quarter and any later one, the four before the current
	// quarter, the most recent complete on the as-of date: a quarter after the
	// current one must not count the unfinished current quarter.
	end := min(qi, c.currentQ)
	var won, lost Money
	for k := end - 4; k < end; k++ {
		g := c.flowAt(scope, k)
		won += g.bookings
		lost += g.lostAmount
	}
	cv.TrailingWinRate = Div(float64(won), float64(won+lost))
	if cv.TrailingWinRate.OK {
		cv.Required = Div(1, cv.TrailingWinRate.Value)
	}
	return cv
}

func (c *computer) kpi(scope, qi int) KPI {
	q := c.figures(scope, qi)
	return KPI{
		Period: q.Period, Bookings: q.Bookings, WonDeals: q.WonDeals, LostDeals: q.LostDeals,
		Target: q.Target, HasTarget: q.HasTarget, Attainment: q.Attainment, Coverage: c.coverage(scope, qi),
		WinRate: q.WinRate, WinRateValue: q.WinRateValue, ARR: c.arrAt(scope, qi), Activities: q.Activities,
		GrowthQoQ: q.GrowthQoQ, GrowthYoY: q.GrowthYoY,
	}
}

// scopes fills the KPIs, trends and all-history figures of every scope.
func (c *computer) scopes() {
	for s := 0; s <= c.nr; s++ {
		sc := &c.rev.Total
		if s < c.nr {
			sc = &c.rev.ByRegion[s]
		}
		sc.KPIs = KPIs{Current: c.kpi(s, c.periodQ), Previous: c.kpi(s, c.periodQ-1), YearAgo: c.kpi(s, c.periodQ-4)}
		sc.Coverage = c.coverage(s, c.currentQ)
		for qi := c.lo + 4; qi <= c.hi-1; qi++ {
			sc.Trend = append(sc.Trend, c.figures(s, qi))
		}
		a := c.all[s]
		all := QuarterFigures{Period: "all", Bookings: a.bookings, WonDeals: a.won, LostDeals: a.lost, LostAmount: a.lostAmount,
			AvgDealSize: avgMoney(a.bookings, a.won), Created: a.created, CreatedDeals: a.createdDeals}
		all.WinRate, all.WinRateValue = winRates(a.won, a.lost, a.bookings, a.lostAmount)
		all.CycleMedian, all.CycleMean, all.CycleDeals = median(c.allCyc[s]), mean(c.allCyc[s]), len(c.allCyc[s])
		for k := 0; k < c.nq; k++ {
			all.Recognised += c.flows[c.fi(s, k)].recognised
		}
		if s < c.nr {
			all.Activities = countsOf(c.acts.regionCounts[s])
		} else {
			all.Activities = countsOf(c.acts.total)
		}
		sc.All = all
		sc.Activities = ScopeActivities{Counts: all.Activities,
			PerWonDeal: c.perWonDeal(c.acts.linkedWon[s], c.wonAll(s)), Efficiency: c.efficiency(s)}
	}
}

// accountAgg is the bookings of one account within one scope.
type accountAgg struct {
	period, all  Money
	wonP, wonAll int
	last         int32 // index of the most recent won deal
}

// marketOf is a deal's market: its own, else its account's.
func (c *computer) marketOf(d *Deal, acctMarket map[Sym]Sym) Sym {
	if d.Market != 0 {
		return d.Market
	}
	return acctMarket[d.Account]
}

// revenue fills the revenue page and every scope's concentration.
func (c *computer) revenue() {
	acctMarket := map[Sym]Sym{}
	for _, a := range c.cur.Accounts {
		if a.Market != 0 {
			if _, ok := acctMarket[a.Name]; !ok {
				acctMarket[a.Name] = a.Market
			}
		}
	}
	ns := c.nr + 1
	pStart, pEnd := c.rev.Period.Start, c.rev.Period.End
	deals := c.cur.Deals
	// Won deals grouped by account (sorted), so each account's figures per
	// scope are summed in one sweep without a map per deal.
	// A counting sort by account id (accounts without a name, -1, first).
	nAcct := len(c.accts.syms)
	start := make([]int32, nAcct+2)
	for i := range deals {
		if deals[i].Status == Won {
			start[c.deals[i].account+2]++
		}
	}
	for a := 1; a < len(start); a++ {
		start[a] += start[a-1]
	}
	won := make([]int32, start[nAcct+1])
	for i := range deals {
		if deals[i].Status == Won {
			a := c.deals[i].account + 1
			won[start[a]] = int32(i)
			start[a]++
		}
	}
	var markets symNumbers
	mIdx := map[int64]int{} // market id << 32 | scope -> index in mAgg
	var mAgg []MarketRevenue
	// Every client of the total scope is kept (the Pareto list); region
	// scopes keep running sums and their ten largest clients only.
	var allClients []ClientRevenue
	regionConc := make([]clientSummary, c.nr)
	accs := make([]accountAgg, ns)
	touched := make([]bool, ns)
	var touchList []int
	var seenPairs []int64
	for g := 0; g < len(won); {
		acct := c.deals[won[g]].account
		h := g
		for h < len(won) && c.deals[won[h]].account == acct {
			h++
		}
		touchList, seenPairs = touchList[:0], seenPairs[:0]
		for _, i := range won[g:h] {
			d := &deals[i]
			di := &c.deals[i]
			inP := d.Close >= pStart && d.Close <= pEnd
			mid := int64(markets.id(c.marketOf(d, acctMarket)))
			for _, s := range [2]int{int(di.region), c.nr} {
				if acct >= 0 {
					if !touched[s] {
						touched[s] = true
						touchList = append(touchList, s)
						accs[s] = accountAgg{last: i}
					}
					a := &accs[s]
					a.all += d.Amount
					a.wonAll++
					if inP {
						a.period += d.Amount
						a.wonP++
					}
					if l := &deals[a.last]; d.Close > l.Close || d.Close == l.Close && i > a.last {
						a.last = i
					}
				}
				key := mid<<32 | int64(s)
				k, ok := mIdx[key]
				if !ok {
					k = len(mAgg)
					mIdx[key] = k
					m := MarketRevenue{Market: markets.syms[mid].String()}
					if s < c.nr {
						m.Region = c.regions[s]
					}
					mAgg = append(mAgg, m)
				}
				m := &mAgg[k]
				m.BookingsAll += d.Amount
				m.WonDealsAll++
				if inP {
					m.Bookings += d.Amount
					m.WonDeals++
				}
				if acct >= 0 && !slices.Contains(seenPairs, key) {
					seenPairs = append(seenPairs, key)
					m.Clients++
				}
			}
		}
		for _, s := range touchList {
			touched[s] = false
			a := &accs[s]
			l := &deals[a.last]
			cl := ClientRevenue{Account: c.accts.syms[acct].String(), Market: c.marketOf(l, acctMarket).String(),
				Region: c.regions[c.deals[a.last].region], Bookings: a.period, BookingsAll: a.all, WonDeals: a.wonP, WonDealsAll: a.wonAll}
			if s == c.nr {
				allClients = append(allClients, cl)
			} else {
				regionConc[s].add(cl)
			}
		}
		g = h
	}
	for _, m := range mAgg {
		if m.Region == "" {
			c.rev.Revenue.Markets = append(c.rev.Revenue.Markets, m)
		} else {
			c.rev.Revenue.MarketsRegions = append(c.rev.Revenue.MarketsRegions, m)
		}
	}
	slices.SortFunc(c.rev.Revenue.Markets, func(a, b MarketRevenue) int {
		return cmpBookings(a.BookingsAll, b.BookingsAll, a.Market, b.Market)
	})
	slices.SortFunc(c.rev.Revenue.MarketsRegions, func(a, b MarketRevenue) int {
		if a.Market != b.Market {
			return strings.Compare(a.Market, b.Market)
		}
		return int(c.regionIdx[a.Region] - c.regionIdx[b.Region])
	})
	for s := 0; s < ns; s++ {
		sc := &c.rev.Total
		if s < c.nr {
			sc = &c.rev.ByRegion[s]
		}
		var cs clientSummary
		if s == c.nr {
			for _, cl := range allClients {
				cs.add(cl)
			}
			slices.SortFunc(allClients, byAllBookings) // the whole Pareto list
			cs.top = allClients
		} else {
			cs = regionConc[s]
		}
		clients := cs.top
		con := Concentration{Clients: cs.clientsP, ClientsAll: cs.clients, AvgPerClient: avgMoney(cs.totP, cs.clientsP),
			AvgPerClientAll: avgMoney(cs.totAll, cs.clients), Top10Share: Div(float64(sumMoney(cs.topP)), float64(cs.totP))}
		var cum, topAll Money
		for i := range clients {
			cum += clients[i].BookingsAll
			clients[i].ShareAll = Div(float64(clients[i].BookingsAll), float64(cs.totAll))
			clients[i].CumShareAll = Div(float64(cum), float64(cs.totAll))
			if i < 10 {
				topAll += clients[i].BookingsAll
			}
		}
		con.Top10ShareAll = Div(float64(topAll), float64(cs.totAll))
		sc.Concentration = con
		sc.TopClients = slices.Clone(clients[:min(10, len(clients))])
		if s == c.nr {
			c.rev.Revenue.Clients = clients
		}
	}
}

// clientSummary sums up the clients of a scope as they come: counts,
// totals, the ten largest period bookings and the first ten clients by
// all-history bookings.
type clientSummary struct {
	clients, clientsP int
	totP, totAll      Money
	topP              []Money         // descending
	top               []ClientRevenue // in byAllBookings order
}

func (cs *clientSummary) add(cl ClientRevenue) {
	cs.clients++
	if cl.WonDeals > 0 {
		cs.clientsP++
	}
	cs.totP += cl.Bookings
	cs.totAll += cl.BookingsAll
	cs.topP = insertTop(cs.topP, cl.Bookings, 10, func(a, b Money) int { return cmp.Compare(b, a) })
	cs.top = insertTop(cs.top, cl, 10, byAllBookings)
}

// byAllBookings orders clients by all-history bookings descending, then name.
func byAllBookings(a, b ClientRevenue) int {
	return cmpBookings(a.BookingsAll, b.BookingsAll, a.Account, b.Account)
}

// insertTop inserts x into top (sorted by order, at most n long).
func insertTop[T any](top []T, x T, n int, order func(a, b T) int) []T {
	if len(top) == n && order(x, top[n-1]) >= 0 {
		return top
	}
	i, _ := slices.BinarySearchFunc(top, x, order)
	top = slices.Insert(top, i, x)
	if len(top) > n {
		top = top[:n]
	}
	return top
}

func sumMoney(ms []Money) Money {
	var s Money
	for _, m := range ms {
		s += m
	}
	return s
}

// pipeline fills the open pipeline, stages, funnel, roll-up and coverage.
func (c *computer) pipeline() {
	deals := c.cur.Deals
	// Stage order: configured, then open stages as first seen.
	var closedStage, openStage symIndex
	for i := range deals {
		if deals[i].Status == Open {
			openStage.set(deals[i].Stage, 0)
		} else {
			closedStage.set(deals[i].Stage, 0)
		}
	}
	var stageIdx symIndex
	addStage := func(st Sym) {
		stageIdx.set(st, int32(len(c.stages)))
		c.stages = append(c.stages, st.String())
	}
	for _, name := range c.opts.StageOrder {
		st := Intern(name)
		_, seen := stageIdx.get(st)
		_, closed := closedStage.get(st)
		_, open := openStage.get(st)
		if !seen && (!closed || open) {
			addStage(st)
		}
	}
	for i := range deals {
		if st := deals[i].Stage; deals[i].Status == Open {
			if _, seen := stageIdx.get(st); !seen {
				addStage(st)
			}
		}
	}
	c.rev.Stages = c.stages
	stageProb := make([]float64, len(c.stages))
	for i, st := range c.stages {
		stageProb[i] = c.opts.StageProbability[st]
	}
	ns := c.nr + 1
	nst := len(c.stages)
	type stageAgg struct {
		deals    int
		amount   Money
		weighted float64 // cents x percent
	}
	byStage := make([][]stageAgg, ns)
	funnel := make([][]stageAgg, ns)
	rollup := make([]ForecastRollup, ns)
	weighted := make([]float64, ns)
	for s := range byStage {
		byStage[s] = make([]stageAgg, nst)
		funnel[s] = make([]stageAgg, nst)
		rollup[s].Period = c.rev.Period.Name
	}
	pStart, pEnd := c.rev.Period.Start, c.rev.Period.End
	for i := range deals {
		d := &deals[i]
		r := int(c.deals[i].region)
		inP := d.Close >= pStart && d.Close <= pEnd
		createdInP := d.Created >= pStart && d.Created <= pEnd
		switch d.Status {
		case Open:
			k32, _ := stageIdx.get(d.Stage)
			k := int(k32)
			p := d.Probability
			if !d.HasProbability {
				p = stageProb[k]
			}
			for _, s := range [2]int{r, c.nr} {
				a := &byStage[s][k]
				a.deals++
				a.amount += d.Amount
				w := float64(d.Amount) * p
				a.weighted += w
				weighted[s] += w
				if createdInP {
					for j := 0; j <= k; j++ {
						funnel[s][j].deals++
						funnel[s][j].amount += d.Amount
					}
				}
				if inP {
					ro := &rollup[s]
					switch normCategory(d.ForecastCategory.String()) {
					case "commit":
						ro.Commit += d.Amount
					case "best case":
						ro.BestCase += d.Amount
					case "omitted":
						ro.Omitted += d.Amount
					default:
						ro.Pipeline += d.Amount
					}
				}
			}
		case Won:
			for _, s := range [2]int{r, c.nr} {
				if createdInP {
					for j := 0; j < nst; j++ {
						funnel[s][j].deals++
						funnel[s][j].amount += d.Amount
					}
				}
				if inP {
					rollup[s].Closed += d.Amount
				}
			}
		case Lost:
			if createdInP && nst > 0 {
				for _, s := range [2]int{r, c.nr} {
					funnel[s][0].deals++
					funnel[s][0].amount += d.Amount
				}
			}
		}
	}
	for s := 0; s < ns; s++ {
		sc := &c.rev.Total
		if s < c.nr {
			sc = &c.rev.ByRegion[s]
		}
		sc.PipelineByStage = make([]StageAmount, nst)
		sc.Funnel = make([]FunnelStage, nst)
		for k, st := range c.stages {
			a := byStage[s][k]
			sc.PipelineByStage[k] = StageAmount{Stage: st, Deals: a.deals, Amount: a.amount, Weighted: a.weighted / 10000}
			sc.OpenPipeline += a.amount
			sc.OpenDeals += a.deals
			f := funnel[s][k]
			sc.Funnel[k] = FunnelStage{Stage: st, Deals: f.deals, Amount: f.amount}
			if k > 0 {
				sc.Funnel[k].Conversion = Div(float64(f.deals), float64(funnel[s][k-1].deals))
			}
		}
		sc.WeightedPipeline = weighted[s] / 10000
		ro := rollup[s]
		ro.CommitTotal = ro.Closed + ro.Commit
		ro.BestCaseTotal = ro.CommitTotal + ro.BestCase
		ro.PipelineTotal = ro.BestCaseTotal + ro.Pipeline
		sc.Forecast = ro
	}
}

// coverageList fills the coverage of every scope for the review quarter,
// the as-of quarter, the current quarter and the one after the as-of quarter.
func (c *computer) coverageList() {
	ns := c.nr + 1
	qs := []int{c.periodQ}
	for _, q := range []int{c.asOfQ, c.currentQ, c.asOfQ + 1} {
		if !slices.Contains(qs, q) {
			qs = append(qs, q)
		}
	}
	for s := 0; s < ns; s++ {
		for _, q := range qs {
			c.rev.Pipeline.Coverage = append(c.rev.Pipeline.Coverage, c.coverage(s, q))
		}
	}
}

// normCategory folds a forecast category for comparison.
func normCategory(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch s {
	case "commit", "closed":
		return "commit"
	case "best case", "bestcase", "best":
		return "best case"
	case "omitted", "omit":
		return "omitted"
	}
	return "pipeline"
}

// forecast fills forecast accuracy per region and past quarter.
func (c *computer) forecast() {
	type key struct {
		region int
		q      int
	}
	calls := map[key]*ForecastCall{}
	for i := range c.cur.Forecasts {
		f := &c.cur.Forecasts[i]
		q, err := c.cal.ParseQuarter(f.Period)
		if err != nil {
			c.problem(kForecast, f.Src, "period", func() string { return fmt.Sprintf("forecast call ignored: %v", err) })
			continue
		}
		r, ok := c.regionOf.get(f.Region)
		if !ok {
			c.problem(kForecast, f.Src, "region", func() string {
				return fmt.Sprintf("forecast call ignored: region %q has no deals, roster entries or targets", f.Region)
			})
			continue
		}
		qq := c.cal.Quarter(q)
		cutoff := qq.End
		if w := c.opts.ForecastCutoffWeek; w >= 1 && w <= 14 {
			cutoff = min(qq.End, qq.Start+Day(7*w-1))
		}
		if !f.Submitted.Valid() || f.Submitted > cutoff {
			continue
		}
		k := key{int(r), q}
		if old := calls[k]; old == nil || f.Submitted >= old.Submitted {
			calls[k] = f
		}
	}
	for r := 0; r < c.nr; r++ {
		for qi := c.lo + 4; qi <= c.periodQ; qi++ {
			actual := c.flowAt(r, qi).bookings
			call := calls[key{r, qi}]
			if call == nil && actual == 0 {
				continue
			}
			fa := ForecastAccuracy{Region: c.regions[r], Period: c.cal.Quarter(qi).Name, Actual: actual}
			if call != nil {
				fa.HasCall, fa.Submitted, fa.Forecast = true, call.Submitted, call.Commit
				diff := float64(fa.Forecast - actual)
				fa.Accuracy = Div(float64(actual)-abs(diff), float64(actual))
				fa.Bias = Div(diff, float64(actual))
			}
			c.rev.Forecast.Accuracy = append(c.rev.Forecast.Accuracy, fa)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// repAcc accumulates a rep's deals over a span.
type repAcc struct {
	f   flow
	cyc []int32
}

func (a *repAcc) figures() RepFigures {
	rf := RepFigures{Bookings: a.f.bookings, WonDeals: a.f.won, LostDeals: a.f.lost, AvgDealSize: avgMoney(a.f.bookings, a.f.won),
		CycleMedian: median(a.cyc), CycleMean: mean(a.cyc)}
	rf.WinRate, rf.WinRateValue = winRates(a.f.won, a.f.lost, a.f.bookings, a.f.lostAmount)
	return rf
}

// MaxRampMonths is the length of the longest ramp curve: ten years.
const MaxRampMonths = 120

// reps fills the reps table and the ramp cohorts.
func (c *computer) reps() {
	roster := map[Sym]*RosterEntry{}
	for i := range c.cur.Roster {
		r := &c.cur.Roster[i]
		if r.Owner != 0 && roster[r.Owner] == nil {
			roster[r.Owner] = r
			c.owners.id(r.Owner)
		}
	}
	no := len(c.owners.syms)
	for len(c.ownerReg) < no {
		c.ownerReg = append(c.ownerReg, -1)
	}
	for len(c.acts.ownerAll) < no {
		c.acts.ownerAll = append(c.acts.ownerAll, [4]int{})
		c.acts.ownerPeriod = append(c.acts.ownerPeriod, [4]int{})
		c.acts.ownerLinked = append(c.acts.ownerLinked, 0)
		c.acts.ownerLinkedP = append(c.acts.ownerLinkedP, 0)
	}
	for o, name := range c.owners.syms {
		if r, ok := c.rosterReg[name]; ok {
			c.ownerReg[o], _ = c.regionOf.get(r)
		}
	}
	period := make([]repAcc, no)
	all := make([]repAcc, no)
	firstWin := make([]Day, no)
	pStart, pEnd := c.rev.Period.Start, c.rev.Period.End
	deals := c.cur.Deals
	type monthly struct {
		owner, month int32
		amt          Money
	}
	wins := make([]monthly, 0, c.all[c.nr].won)
	for i := range deals {
		d := &deals[i]
		o := c.deals[i].owner
		if o < 0 || d.Status == Open {
			continue
		}
		spans := [2]*repAcc{&all[o]}
		if d.Close >= pStart && d.Close <= pEnd {
			spans[1] = &period[o]
		}
		for _, a := range spans {
			if a == nil {
				continue
			}
			if d.Status == Won {
				a.f.won++
				a.f.bookings += d.Amount
				if d.Created.Valid() {
					a.cyc = append(a.cyc, int32(d.Close-d.Created))
				}
			} else {
				a.f.lost++
				a.f.lostAmount += d.Amount
			}
		}
		if d.Status == Won && d.Close.Valid() {
			if !firstWin[o].Valid() || d.Close < firstWin[o] {
				firstWin[o] = d.Close
			}
			wins = append(wins, monthly{o, int32(monthIndex(d.Close)), d.Amount})
		}
	}
	rows := make([]Rep, 0, no)
	daysToFirst := make([]Ratio, no)
	begins := DataBegins(deals)
	c.rev.Reps.DataBegins = begins
	for o, name := range c.owners.syms {
		rep := Rep{Owner: name.String(), Region: Unassigned, Period: period[o].figures(), All: all[o].figures(), FirstWin: firstWin[o]}
		if r := c.ownerReg[o]; r >= 0 {
			rep.Region = c.regions[r]
		}
		if re := roster[name]; re != nil {
			rep.Manager, rep.Hired = re.Manager.String(), re.Hired
		}
		if rep.Hired.Valid() && rep.Hired < begins {
			rep.LeftCensored = true
			c.rev.Reps.LeftCensored++
		}
		if !rep.LeftCensored && rep.Hired.Valid() && firstWin[o].Valid() && firstWin[o] >= rep.Hired {
			rep.DaysToFirstWin = Defined(float64(firstWin[o] - rep.Hired))
			daysToFirst[o] = rep.DaysToFirstWin
		}
		if t, ok := c.targets.owner[name][c.periodQ]; ok {
			rep.Period.Target, rep.Period.HasTarget = t, true
			rep.Period.Attainment = Div(float64(rep.Period.Bookings), float64(t))
		}
		rep.Period.Activities = countsOf(c.acts.ownerPeriod[o])
		rep.All.Activities = countsOf(c.acts.ownerAll[o])
		rep.All.PerWonDeal = c.perWonDeal(c.acts.ownerLinked[o], rep.All.WonDeals)
		rep.Period.PerWonDeal = c.perWonDeal(c.acts.ownerLinkedP[o], rep.Period.WonDeals)
		rows = append(rows, rep)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Owner < rows[j].Owner })
	c.rev.Reps.Rows = rows
	for i := range rows {
		sc := c.rev.Scope(rows[i].Region)
		if sc != nil {
			sc.Reps = append(sc.Reps, rows[i].Owner)
		}
		c.rev.Total.Reps = append(c.rev.Total.Reps, rows[i].Owner)
	}
	// Ramp: bookings by month since hire, averaged per hiring cohort.
	hireMonth := make([]int, no)
	cohortOf := make([]int, no)
	cohorts := map[string]int{}
	var names []string
	for o, name := range c.owners.syms {
		cohortOf[o] = -1
		re := roster[name]
		if re == nil || !re.Hired.Valid() || re.Hired < begins {
			continue // no hire date, or hired before the data begins (left-censored)
		}
		h := c.cal.HalfName(re.Hired)
		if _, ok := cohorts[h]; !ok {
			cohorts[h] = len(names)
			names = append(names, h)
		}
		cohortOf[o] = cohorts[h]
		hireMonth[o] = monthIndex(re.Hired)
	}
	asOfMonth := monthIndex(c.asOf)
	rc := make([]RampCohort, len(names))
	sums := make([][]Money, len(names))
	days := make([][]int32, len(names))
	for o := range c.owners.syms {
		k := cohortOf[o]
		if k < 0 {
			continue
		}
		rc[k].Reps++
		n := min(asOfMonth-hireMonth[o]+1, MaxRampMonths)
		for len(rc[k].CurveReps) < n {
			rc[k].CurveReps = append(rc[k].CurveReps, 0)
			sums[k] = append(sums[k], 0)
		}
		for m := 0; m < n; m++ {
			rc[k].CurveReps[m]++
		}
		if dd := daysToFirst[o]; dd.OK {
			days[k] = append(days[k], int32(dd.Value))
		}
	}
	for _, w := range wins {
		k := cohortOf[w.owner]
		if k < 0 {
			continue
		}
		m := int(w.month) - hireMonth[w.owner]
		if m >= 0 && m < len(sums[k]) {
			sums[k][m] += w.amt
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
	c.rev.Reps.Cohorts = rc
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
