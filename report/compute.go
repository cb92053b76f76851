package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// maxQuarters bounds the history: a stray date a century off must not make
// the review allocate for thousands of quarters.
const maxQuarters = 400

// maxListed is how many problems of one kind the metrics list.
const maxListed = 1000

// normalize fills in the defaults of opts.
func (o Options) normalize() Options {
	if o.FiscalYearStart < 1 || o.FiscalYearStart > 12 {
		o.FiscalYearStart = 1
	}
	if o.YearNaming != YearNamedByStart {
		o.YearNaming = YearNamedByEnd
	}
	switch strings.ToUpper(o.AmountMode) {
	case ModeACV:
		o.AmountMode = ModeACV
	case ModeMRR:
		o.AmountMode = ModeMRR
	default:
		o.AmountMode = ModeTCV
	}
	if o.DefaultTerm <= 0 {
		o.DefaultTerm = 12
	}
	if o.StaleDays <= 0 {
		o.StaleDays = 30
	}
	if o.OutsizedFactor <= 0 {
		o.OutsizedFactor = 5
	}
	if o.DiscountThreshold <= 0 {
		o.DiscountThreshold = 20
	}
	if o.SlipPeriods <= 0 {
		o.SlipPeriods = 2
	}
	if o.Currency == "" {
		o.Currency = "USD"
	}
	if o.MaxListed <= 0 {
		o.MaxListed = 1000
	}
	return o
}

// flow is the money and counts of one scope in one quarter.
type flow struct {
	bookings     Money
	won, lost    int
	lostAmount   Money
	created      Money
	createdDeals int
	recognised   float64 // major units, unrounded
	open         Money   // open deals with close in the quarter
	acts         [4]int
}

// dealInfo is what the review derives for one deal.
type dealInfo struct {
	region  int32
	owner   int32 // -1: none
	account int32 // -1: none
	closeQ  int32 // quarter index relative to lo; -1 out of range
	createQ int32
	flags   uint8 // activity types linked (1<<ActivityType)
	won     bool
	wonInP  bool // won, closing in the review period
	lastAct Day  // newest linked activity on or before AsOf
}

type computer struct {
	cur, prev *Records
	opts      Options
	cal       Calendar
	asOf      Day
	asOfQ     int
	periodQ   int
	currentQ  int // the first quarter not complete on asOf: coverage is for it
	lo, hi    int // internal quarter index range, inclusive
	nq        int
	regions   []string
	regionIdx map[string]int32 // by name
	regionOf  symIndex         // by Sym
	nr        int              // regions; scope index nr is the total
	stages    []string

	deals  []dealInfo
	owners symNumbers
	accts  symNumbers
	flows  []flow    // (scope, quarter) -> flow
	cycles [][]int32 // (scope, quarter) -> cycle days of won deals
	rev    *Review

	actRegion []int32 // per activity; actLeftOut: dated after the as-of date
	actDeal   []int32 // per activity: deal linked by id, -1 none
	dealByID  map[string]int32
	rosterReg map[Sym]Sym // owner -> region, from the roster
	ownerReg  []int32     // per owner: region (roster, else most frequent deal region), -1 none

	mu       sync.Mutex // guards problems and counts
	problems [nKinds][]Problem
	counts   [nKinds]int

	acts     *activityAcc
	wonCount []int
	all      []flow      // per scope: all history
	allCyc   [][]int32   // per scope: cycle days of all won deals
	arr      [][]float64 // per scope, per month from mlo: ARR, major units, unrounded
	mlo      int
	targets  targetSet
}

func (c *computer) fi(scope, q int) int { return scope*c.nq + q }

// qrel returns the internal index of absolute quarter qi, or -1.
func (c *computer) qrel(qi int) int {
	if qi < c.lo || qi > c.hi {
		return -1
	}
	return qi - c.lo
}

func (c *computer) flowAt(scope, qi int) flow {
	k := c.qrel(qi)
	if k < 0 {
		return flow{}
	}
	return c.flows[c.fi(scope, k)]
}

// The kinds of problems the metrics find.
const (
	kNoCreated = iota
	kUnassigned
	kPastDue
	kZeroWon
	kTarget
	kForecast
	nKinds
)

// problem records a problem the metrics found at ref's field, listing at
// most maxListed of a kind; msg is called only for those listed.
func (c *computer) problem(kind int, ref Ref, field string, msg func() string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[kind]++
	if c.counts[kind] <= maxListed {
		c.problems[kind] = append(c.problems[kind], Problem{Pos: c.cur.Cell(ref, field), Severity: Warning, Msg: msg()})
	}
}

func compute(cur, prev *Records, opts Options) (*Review, error) {
	if cur == nil {
		return nil, errors.New("report: no records")
	}
	c := &computer{cur: cur, prev: prev, opts: opts.normalize()}
	c.cal = NewCalendar(c.opts)
	if err := c.setDates(); err != nil {
		return nil, err
	}
	c.setRegions()
	c.opts.AsOf = c.asOf
	c.opts.Period = c.cal.Quarter(c.periodQ).Name
	c.rev = &Review{
		Schema:          SchemaVersion,
		Options:         c.opts,
		Currency:        c.opts.Currency,
		AsOf:            c.asOf,
		FiscalYearStart: c.opts.FiscalYearStart,
		AmountMode:      c.opts.AmountMode,
		Period:          c.cal.Quarter(c.periodQ),
		PrevPeriod:      c.cal.Quarter(c.periodQ - 1),
		YearAgoPeriod:   c.cal.Quarter(c.periodQ - 4),
		CurrentPeriod:   c.cal.Quarter(c.currentQ),
		Regions:         c.regions,
		HasActivities:   len(cur.Activities) > 0,
	}
	for qi := c.lo + 4; qi <= c.hi-1; qi++ {
		c.rev.Quarters = append(c.rev.Quarters, c.cal.Quarter(qi))
	}
	c.rev.ByRegion = make([]Scope, c.nr)
	for i, r := range c.regions {
		c.rev.ByRegion[i].Region = r
	}
	ns := c.nr + 1
	c.flows = make([]flow, ns*c.nq)
	// Two independent halves run side by side; each writes its own fields
	// of the review, of the flows and of the deal infos (problems take a lock).
	var wg sync.WaitGroup
	wg.Go(func() {
		c.dealPass()
		c.contracts()
		c.revenue()
		c.pipeline()
	})
	c.activityPass()
	wg.Wait()
	wg.Go(c.risks)
	c.activitiesPage()
	c.coverageList()
	c.scopes()
	c.forecast()
	c.reps()
	if prev != nil {
		c.rev.Changes = c.compareSnapshots(prev)
	}
	wg.Wait()
	c.quality()
	c.listed()
	return c.rev, nil
}

// listed cuts the per-deal lists of metrics.json to Options.MaxListed rows
// (per category or rule where the list is grouped); the full lists stay in
// the Review for the pages and the CSV tables.
func (c *computer) listed() {
	n := c.opts.MaxListed
	p := &c.rev.Pipeline
	p.PastDueListed = p.PastDue[:min(n, len(p.PastDue)):min(n, len(p.PastDue))]
	p.PastDueDeals = len(p.PastDue)
	for _, d := range p.PastDue {
		p.PastDueAmount += d.Deal.Amount
	}
	p.RisksListed = firstPerGroup(p.Risks, n, func(f *RiskFlag) string { return f.Rule })
	if ch := c.rev.Changes; ch != nil {
		ch.DealsListed = firstPerGroup(ch.Deals, n, func(d *DealChange) string { return d.Category })
		ch.DealsChanged = len(ch.Deals)
	}
	rv := &c.rev.Revenue
	rv.ClientsListed = rv.Clients[:min(n, len(rv.Clients)):min(n, len(rv.Clients))]
	rv.ClientsTotal = len(rv.Clients)
	q := &c.rev.Quality
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

// compareSnapshots compares prev with the current export. Deals take the
// region the review gives them (the current export's, filled in from the
// roster); a deal found only in prev takes its own, else its owner's roster
// region. The new snapshot is as of the review's as-of date (--as-of when
// given), the old one as of its own newest date.
func (c *computer) compareSnapshots(prev *Records) *Changes {
	ch := compareSnapshots(prev, c.cur, c.cal,
		func(i int) string { return c.regions[c.deals[i].region] },
		func(d *Deal) string { return c.dealRegion(d).String() })
	ch.NewAsOf = c.asOf
	return ch
}

// setDates sets the as-of date, the review period and the quarter range.
func (c *computer) setDates() error {
	var newest, oldest Day
	see := func(d Day) {
		if !d.Valid() {
			return
		}
		if d > newest {
			newest = d
		}
		if oldest == NoDay || d < oldest {
			oldest = d
		}
	}
	var closedNewest Day // the newest close date of a won or lost deal
	for i := range c.cur.Deals {
		d := &c.cur.Deals[i]
		see(d.Created)
		if d.Status != Open {
			see(d.Close)
			if d.Close > closedNewest {
				closedNewest = d.Close
			}
		} else if d.Close.Valid() && (oldest == NoDay || d.Close < oldest) {
			oldest = d.Close
		}
	}
	// Activity exports may hold planned (future) tasks: their dates set the
	// as-of date only when the deals have none.
	dealNewest := newest
	for i := range c.cur.Activities {
		see(c.cur.Activities[i].Date)
	}
	for i := range c.cur.Forecasts {
		see(c.cur.Forecasts[i].Submitted)
	}
	c.asOf = c.opts.AsOf
	if !c.asOf.Valid() {
		c.asOf = dealNewest
	}
	if !c.asOf.Valid() {
		c.asOf = newest
	}
	if !c.asOf.Valid() {
		return errors.New("report: the data holds no dates: give the as-of date")
	}
	c.asOfQ = c.cal.QuarterIndex(c.asOf)
	c.currentQ = c.asOfQ
	if c.cal.Quarter(c.asOfQ).End <= c.asOf {
		c.currentQ++ // a quarter ending on the as-of date is complete
	}
	if c.opts.Period != "" {
		q, err := c.cal.ParseQuarter(c.opts.Period)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		c.periodQ = q
		if d := c.periodQ - c.asOfQ; d > maxQuarters || d < -maxQuarters {
			return fmt.Errorf("report: period %q is more than %d years from the as-of date %s", c.opts.Period, maxQuarters/4, c.asOf)
		}
	} else {
		c.periodQ = c.asOfQ
		if c.cal.Quarter(c.asOfQ).End > c.asOf {
			c.periodQ--
		}
	}
	q1 := max(c.asOfQ, c.periodQ)
	// Deals won or lost after an --as-of date in the past still get their
	// quarter's row, so that the quarters add up to all history.
	if closedNewest.Valid() {
		if cq := c.cal.QuarterIndex(closedNewest); cq > q1 && cq-c.asOfQ <= maxQuarters {
			q1 = cq
		}
	}
	q0 := c.periodQ
	if oldest.Valid() && oldest <= c.asOf {
		q0 = min(q0, c.cal.QuarterIndex(oldest))
	}
	if q1-q0+1 > maxQuarters {
		q0 = q1 - maxQuarters + 1
		q0 = min(q0, c.periodQ)
	}
	c.lo, c.hi = q0-4, q1+1
	c.nq = c.hi - c.lo + 1
	return nil
}

// setRegions orders the regions: those of Options.Regions, then the others
// alphabetically, then Unassigned; and derives every activity's region.
func (c *computer) setRegions() {
	c.rosterReg = map[Sym]Sym{}
	for _, r := range c.cur.Roster {
		if r.Region != 0 && r.Region != UnassignedSym && r.Owner != 0 {
			if _, ok := c.rosterReg[r.Owner]; !ok {
				c.rosterReg[r.Owner] = r.Region
			}
		}
	}
	var seen symIndex
	var found []Sym
	add := func(r Sym) {
		if r == 0 || r == UnassignedSym {
			return
		}
		if _, ok := seen.get(r); ok {
			return
		}
		seen.set(r, 0)
		found = append(found, r)
	}
	unassigned := false
	for i := range c.cur.Deals {
		r := c.dealRegion(&c.cur.Deals[i])
		if r == UnassignedSym {
			unassigned = true
		}
		add(r)
	}
	for _, r := range c.cur.Roster {
		add(r.Region)
	}
	for _, t := range c.cur.Targets {
		if t.Owner == 0 {
			add(t.Region)
		}
	}
	for i := range c.cur.Activities {
		if !c.afterAsOf(&c.cur.Activities[i]) {
			add(c.cur.Activities[i].Region)
		}
	}
	listed := map[string]bool{}
	for _, r := range c.opts.Regions {
		if r != "" && r != Unassigned && !listed[r] {
			listed[r] = true
			c.regions = append(c.regions, r)
		}
	}
	var rest []string
	for _, r := range found {
		if !listed[r.String()] {
			rest = append(rest, r.String())
		}
	}
	sort.Strings(rest)
	c.regions = append(c.regions, rest...)
	c.regionIdx = map[string]int32{}
	for i, r := range c.regions {
		c.regionIdx[r] = int32(i)
		c.regionOf.set(Intern(r), int32(i))
	}
	// Owners and the deal-derived regions activities fall back on.
	c.deals = make([]dealInfo, len(c.cur.Deals))
	period := c.cal.Quarter(c.periodQ)
	// The id index is built beside the loop below.
	var byID sync.WaitGroup
	byID.Go(func() {
		c.dealByID = make(map[string]int32, len(c.cur.Deals))
		for i := range c.cur.Deals {
			if id := c.cur.Deals[i].ID; id != "" {
				if _, dup := c.dealByID[id]; !dup {
					c.dealByID[id] = int32(i)
				}
			}
		}
	})
	type recent struct {
		close, created Day
		region         int32
	}
	var acctRecent []recent     // per account; region -1: none yet
	var ownerRegCount [][]int32 // per owner, per region
	for i := range c.cur.Deals {
		d := &c.cur.Deals[i]
		di := &c.deals[i]
		if reg := c.dealRegion(d); reg == UnassignedSym {
			di.region = -1 // fixed below once Unassigned has an index
		} else {
			di.region, _ = c.regionOf.get(reg)
		}
		di.owner, di.account = -1, -1
		di.won = d.Status == Won
		di.wonInP = di.won && d.Close >= period.Start && d.Close <= period.End
		if d.Owner != 0 {
			di.owner = c.owners.id(d.Owner)
			if int(di.owner) == len(ownerRegCount) {
				ownerRegCount = append(ownerRegCount, make([]int32, len(c.regions)))
			}
			if di.region >= 0 {
				ownerRegCount[di.owner][di.region]++
			}
		}
		if d.Account != 0 {
			di.account = c.accts.id(d.Account)
			if int(di.account) == len(acctRecent) {
				acctRecent = append(acctRecent, recent{region: -1})
			}
			if di.region >= 0 {
				r := &acctRecent[di.account]
				if r.region < 0 || d.Close > r.close || d.Close == r.close && d.Created > r.created {
					*r = recent{d.Close, d.Created, di.region}
				}
			}
		}
	}
	byID.Wait()
	c.ownerReg = make([]int32, len(c.owners.syms))
	for o := range c.ownerReg {
		c.ownerReg[o] = -1
		if r, ok := c.rosterReg[c.owners.syms[o]]; ok {
			c.ownerReg[o], _ = c.regionOf.get(r)
			continue
		}
		best := int32(0)
		for r, n := range ownerRegCount[o] {
			if n > best {
				best, c.ownerReg[o] = n, int32(r)
			}
		}
	}
	acts := c.cur.Activities
	c.actRegion = make([]int32, len(acts))
	c.actDeal = make([]int32, len(acts))
	// Activities are independent of each other: two halves side by side.
	derive := func(from, to int) {
		for i := from; i < to; i++ {
			a := &acts[i]
			c.actDeal[i] = -1
			if c.afterAsOf(a) {
				c.actRegion[i] = actLeftOut
				continue
			}
			if a.DealID != "" {
				if j, ok := c.dealByID[a.DealID]; ok {
					c.actDeal[i] = j
				}
			}
			r := int32(-1)
			switch {
			case a.Region != 0 && a.Region != UnassignedSym:
				r, _ = c.regionOf.get(a.Region)
			case c.actDeal[i] >= 0 && c.deals[c.actDeal[i]].region >= 0:
				r = c.deals[c.actDeal[i]].region
			}
			if r < 0 && a.Account != 0 {
				if ai, ok := c.accts.get(a.Account); ok {
					r = acctRecent[ai].region
				}
			}
			if r < 0 && a.Owner != 0 {
				if rr, ok := c.rosterReg[a.Owner]; ok {
					r, _ = c.regionOf.get(rr)
				} else if oi, ok := c.owners.get(a.Owner); ok {
					r = c.ownerReg[oi]
				}
			}
			c.actRegion[i] = r
		}
	}
	var halves sync.WaitGroup
	half := len(acts) / 2
	halves.Go(func() { derive(0, half) })
	derive(half, len(acts))
	halves.Wait()
	if slices.Contains(c.actRegion, -1) {
		unassigned = true
	}
	if unassigned {
		c.regions = append(c.regions, Unassigned)
		u := int32(len(c.regions) - 1)
		c.regionIdx[Unassigned] = u
		c.regionOf.set(UnassignedSym, u)
		for i := range c.deals {
			if c.deals[i].region < 0 {
				c.deals[i].region = u
			}
		}
		for i, r := range c.actRegion {
			if r == -1 {
				c.actRegion[i] = u
				a := &acts[i]
				c.problem(kUnassigned, a.Src, "region", func() string {
					return fmt.Sprintf("activity %q has no region: no region column, deal, account or owner gives one; counted under %s", activityLabel(a), Unassigned)
				})
			}
		}
	}
	c.nr = len(c.regions)
}

// actLeftOut is the actRegion of an activity dated after the as-of date:
// a planned task, not done activity, left out of every activity figure.
const actLeftOut = -2

// afterAsOf reports whether an activity is dated after the as-of date.
func (c *computer) afterAsOf(a *Activity) bool {
	return a.Date.Valid() && a.Date > c.asOf
}

func activityLabel(a *Activity) string {
	if a.ID != "" {
		return a.ID
	}
	return a.Date.String() + " " + a.Type.String()
}

// dealRegion is the deal's region, else its owner's roster region, else Unassigned.
func (c *computer) dealRegion(d *Deal) Sym {
	if d.Region != 0 && d.Region != UnassignedSym {
		return d.Region
	}
	if r, ok := c.rosterReg[d.Owner]; ok {
		return r
	}
	return UnassignedSym
}

// dealLabel names a deal in messages.
func dealLabel(d *Deal) string {
	switch {
	case d.ID != "":
		return d.ID
	case d.Name != "":
		return d.Name
	}
	return d.Account.String()
}

// dealPass aggregates every deal into the (scope, quarter) flows.
func (c *computer) dealPass() {
	ns := c.nr + 1
	c.cycles = make([][]int32, ns*c.nq)
	c.all = make([]flow, ns)
	c.allCyc = make([][]int32, ns)
	total := c.nr
	for i := range c.cur.Deals {
		d := &c.cur.Deals[i]
		di := &c.deals[i]
		r := int(di.region)
		di.closeQ, di.createQ = -1, -1
		if d.Close.Valid() {
			di.closeQ = int32(c.qrel(c.cal.QuarterIndex(d.Close)))
		}
		if d.Created.Valid() {
			di.createQ = int32(c.qrel(c.cal.QuarterIndex(d.Created)))
		}
		if k := int(di.createQ); k >= 0 {
			for _, s := range [2]int{r, total} {
				f := &c.flows[c.fi(s, k)]
				f.created += d.Amount
				f.createdDeals++
			}
		}
		if d.Created.Valid() {
			for _, s := range [2]int{r, total} {
				c.all[s].created += d.Amount
				c.all[s].createdDeals++
			}
		}
		k := int(di.closeQ)
		switch d.Status {
		case Won:
			if d.Amount == 0 {
				c.problem(kZeroWon, d.Src, "amount", func() string { return fmt.Sprintf("won deal %q has amount 0", dealLabel(d)) })
			}
			if !d.Created.Valid() {
				c.problem(kNoCreated, d.Src, "created", func() string {
					return fmt.Sprintf("won deal %q has no created date: left out of the sales cycle", dealLabel(d))
				})
			}
			for _, s := range [2]int{r, total} {
				c.all[s].bookings += d.Amount
				c.all[s].won++
				if d.Created.Valid() {
					c.allCyc[s] = append(c.allCyc[s], int32(d.Close-d.Created))
				}
			}
			if k < 0 {
				continue
			}
			for _, s := range [2]int{r, total} {
				f := &c.flows[c.fi(s, k)]
				f.bookings += d.Amount
				f.won++
				if d.Created.Valid() {
					c.cycles[c.fi(s, k)] = append(c.cycles[c.fi(s, k)], int32(d.Close-d.Created))
				}
			}
		case Lost:
			for _, s := range [2]int{r, total} {
				c.all[s].lost++
				c.all[s].lostAmount += d.Amount
			}
			if k < 0 {
				continue
			}
			for _, s := range [2]int{r, total} {
				f := &c.flows[c.fi(s, k)]
				f.lost++
				f.lostAmount += d.Amount
			}
		default:
			if k >= 0 {
				for _, s := range [2]int{r, total} {
					c.flows[c.fi(s, k)].open += d.Amount
				}
			}
		}
	}
}

// median returns the median of xs (sorted in place), undefined when empty.
func median(xs []int32) Ratio {
	n := len(xs)
	if n == 0 {
		return Ratio{}
	}
	slices.Sort(xs)
	if n%2 == 1 {
		return Defined(float64(xs[n/2]))
	}
	return Defined((float64(xs[n/2-1]) + float64(xs[n/2])) / 2)
}

func mean(xs []int32) Ratio {
	if len(xs) == 0 {
		return Ratio{}
	}
	var s int64
	for _, x := range xs {
		s += int64(x)
	}
	return Defined(float64(s) / float64(len(xs)))
}

// growth returns cur / prev - 1, undefined when prev is 0.
func growth(cur, prev Money) Ratio {
	if prev == 0 {
		return Ratio{}
	}
	return Defined(float64(cur)/float64(prev) - 1)
}

// winRates returns the win rate by count and by value.
func winRates(won, lost int, wonAmt, lostAmt Money) (Ratio, Ratio) {
	return Div(float64(won), float64(won+lost)), Div(float64(wonAmt), float64(wonAmt+lostAmt))
}

// avgMoney returns m / n in major units, undefined when n is 0.
func avgMoney(m Money, n int) Ratio { return Div(m.Float(), float64(n)) }

func countsOf(a [4]int) ActivityCounts {
	return ActivityCounts{Other: a[OtherActivity], Call: a[Call], Email: a[Email], Meeting: a[Meeting],
		Total: a[0] + a[1] + a[2] + a[3]}
}

// cmpBookings orders by money descending, then name ascending.
func cmpBookings(a, b Money, an, bn string) int {
	if a != b {
		return cmp.Compare(b, a)
	}
	return strings.Compare(an, bn)
}
