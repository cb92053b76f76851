package report

import (
	"container/heap"
	"fmt"
	"math"
)

// The projection's parameters (docs/metrics.md, "Outlook", says them in words).
const (
	// BacktestQuarters is how many closed quarters the backtest projects.
	BacktestQuarters = 8
	// outlookWindow is how many closed quarters a projection learns from,
	// at most (the most recent ones).
	outlookWindow = 8
	// outlookMinQuarters: fewer closed quarters of history give no projection.
	outlookMinQuarters = 4
	// outlookMinDeals and outlookMinWon: fewer deals open on the same day
	// of the history's quarters, or fewer of them won by their quarter's
	// end, give no projection for a scope.
	outlookMinDeals = 30
	outlookMinWon   = 5
	// outlookPrior is the weight, in deals, that a group's win rate gives
	// to the rate of the broader group it belongs to (shrinkage).
	outlookPrior = 20
	// outlookTop is how many of the largest open deals of a scope the
	// simulation draws one by one; the rest are summed in a normal law.
	outlookTop = 64
	// outlookDraws is the number of simulated quarters.
	outlookDraws = 2000

	ageBuckets    = 7  // 0-14, 15-44, 45-89, 90-179, 180-364, 365+ days, unknown
	amountBuckets = 20 // half-decades of the amount in major units
)

// ageBucket groups a deal's age on a day (days since created).
func ageBucket(days int, known bool) int {
	switch {
	case !known:
		return 6
	case days < 15:
		return 0
	case days < 45:
		return 1
	case days < 90:
		return 2
	case days < 180:
		return 3
	case days < 365:
		return 4
	}
	return 5
}

// amountBucket groups amounts by half-decades of major units: below 1,
// 1 to 3.16, 3.16 to 10, ... (fixed bounds, so no later amount moves them).
func amountBucket(m Money) int {
	v := m.Float()
	if v < 1 {
		return 0
	}
	return min(int(2*math.Log10(v))+1, amountBuckets-1)
}

// cellStats sums up the deals of one cell (age, amount and region group)
// open on an anchor day.
type cellStats struct {
	n         float64    // deals open on the day
	amt, amt2 float64    // sum of amounts and of squared amounts, major units
	won       [2]float64 // by horizon: won by the end of the day's quarter (0), won in the next quarter (1)
	wonAmt    [2]float64
	closed    [2]float64 // by horizon: won or lost by the end of the day's quarter (0), in the next quarter (1)
}

// amounts are a count and the sums of amounts and squared amounts.
type amounts struct{ n, amt, amt2 float64 }

func (m *amounts) add(a float64) {
	m.n++
	m.amt += a
	m.amt2 += a * a
}

// expectStats splits a cell's open deals on a day with an export by what
// the export expected: to close in the horizon's quarter (in[h]), at
// another time (the rest), or not in the export (unknown).
type expectStats struct {
	in      [2]amounts
	unknown amounts
}

// The classes of an open deal on a day with an export, by horizon.
const (
	expectNone    = iota // no export that day, or the deal is not in it
	expectIn             // expected to close in the horizon's quarter (or already past due, for the current one)
	expectOutside        // expected to close at another time
)

// anchor is one quarter looked at on its own day t: the deals open that
// day by cell, and per region what was booked before it, what the quarter
// booked in all, and what deals not yet known that day brought.
type anchor struct {
	k      int // quarter index
	q      Quarter
	day    Day
	cells  []cellStats
	open   []int      // per region: deals open on the day
	booked []Money    // per region: won with close in the quarter on or before the day
	actual []Money    // per region: won with close in the quarter
	newWon [2][]Money // per region: known after the day, won in the quarter (0) or the next (1)

	top []topHeap // per region: the largest deals open on the day (projected anchors only)
	// snap is the export that says which close dates were expected on the
	// day (nil when none), and exp splits the cells by them.
	snap *outlookSnap
	exp  []expectStats
}

// topDeal is one of the largest open deals of a region on an anchor day.
type topDeal struct {
	amount float64 // major units
	cell   int32
	idx    int32   // the deal's index, for a stable order
	class  [2]int8 // by horizon: expectNone, expectIn or expectOutside
}

// topHeap keeps the outlookTop largest deals (a min-heap by amount).
type topHeap []topDeal

func (h topHeap) Len() int { return len(h) }
func (h topHeap) Less(i, j int) bool {
	if h[i].amount != h[j].amount {
		return h[i].amount < h[j].amount
	}
	return h[i].idx > h[j].idx
}
func (h topHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *topHeap) Push(x any)   { *h = append(*h, x.(topDeal)) }
func (h *topHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// offer keeps d when it is among the largest.
func (h *topHeap) offer(d topDeal) {
	if len(*h) < outlookTop {
		heap.Push(h, d)
	} else if (topHeap{d, (*h)[0]}).Less(1, 0) {
		(*h)[0] = d
		heap.Fix(h, 0)
	}
}

// anchorSet holds the anchors of the quarters a projection, live or in
// the backtest, looks at: from 2 x 8 quarters before the current one (the
// history of the oldest backtest) to the current one, never before the
// data begins.
type anchorSet struct {
	in      *outlookInput
	lo      int // quarter index of anchors[0]
	first   int // the first quarter whose data is complete (starts on or after the data begins)
	anchors []anchor
	// Cells are (region and amount group) x age group; the region and
	// amount groups present in the data get compact numbers.
	nra       int
	raRegion  []int32   // compact group -> region
	regionRAs [][]int32 // region -> its compact groups
}

// cell returns the cell of a compact group and an age group.
func cellOf(ra int32, age int) int32 { return ra*ageBuckets + int32(age) }

// at returns the anchor of quarter k, or nil.
func (as *anchorSet) at(k int) *anchor {
	if k < as.lo || k >= as.lo+len(as.anchors) {
		return nil
	}
	return &as.anchors[k-as.lo]
}

// complete reports whether quarter k lies wholly inside the data.
func (as *anchorSet) complete(k int) bool { return k >= as.first }

// anchorStats makes one pass over the deals and fills every anchor.
func (in *outlookInput) anchorStats() *anchorSet {
	as := &anchorSet{in: in, first: in.qLive + 1}
	if in.begins.Valid() {
		as.first = in.cal.QuarterIndex(in.begins)
		if in.cal.Quarter(as.first).Start < in.begins {
			as.first++
		}
	}
	as.lo = max(in.qLive-BacktestQuarters-outlookWindow, min(as.first, in.qLive))
	dealRA := as.groups()
	for k := as.lo; k <= in.qLive; k++ {
		q := in.cal.Quarter(k)
		a := anchor{k: k, q: q, day: min(q.Start+Day(in.t-1), q.End), cells: make([]cellStats, as.nra*ageBuckets),
			open: make([]int, in.nr), booked: make([]Money, in.nr), actual: make([]Money, in.nr),
			newWon: [2][]Money{make([]Money, in.nr), make([]Money, in.nr)}}
		if k >= in.qLive-BacktestQuarters {
			a.top = make([]topHeap, in.nr)
		}
		if a.snap = in.snapshotOn(a.day); a.snap != nil {
			a.exp = make([]expectStats, len(a.cells))
		}
		as.anchors = append(as.anchors, a)
	}
	for i := range in.deals {
		as.add(i, dealRA[i])
	}
	return as
}

// groups numbers the (region, amount group) pairs present and returns
// each deal's.
func (as *anchorSet) groups() []int32 {
	in := as.in
	ids := make([]int32, in.nr*amountBuckets)
	for i := range ids {
		ids[i] = -1
	}
	as.regionRAs = make([][]int32, in.nr)
	dealRA := make([]int32, len(in.deals))
	for i := range in.deals {
		d := &in.deals[i]
		g := int(d.region)*amountBuckets + amountBucket(d.amount)
		if ids[g] < 0 {
			ids[g] = int32(as.nra)
			as.nra++
			as.raRegion = append(as.raRegion, d.region)
			as.regionRAs[d.region] = append(as.regionRAs[d.region], ids[g])
		}
		dealRA[i] = ids[g]
	}
	return dealRA
}

// add counts deal i into every anchor it touches.
func (as *anchorSet) add(i int, ra int32) {
	in := as.in
	d := &in.deals[i]
	r := d.region
	amt := d.amount.Float()
	if d.status == Won {
		as.addWon(d, r)
	}

	if !d.exists.Valid() {
		return
	}
	kEnd := in.qLive
	if d.status != Open {
		kEnd = min(kEnd, in.cal.QuarterIndex(d.close))
	}
	for k := max(in.cal.QuarterIndex(d.exists), as.lo); k <= kEnd; k++ {
		a := as.at(k)
		if !d.openOn(a.day) {
			continue
		}
		c := cellOf(ra, ageBucket(int(a.day-d.exists), d.aged))
		cs := &a.cells[c]
		cs.n++
		cs.amt += amt
		cs.amt2 += amt * amt
		if d.status != Open {
			h := -1
			if d.close <= a.q.End {
				h = 0
			} else if in.cal.QuarterIndex(d.close) == k+1 {
				h = 1
			}
			if h >= 0 {
				cs.closed[h]++
				if d.status == Won {
					cs.won[h]++
					cs.wonAmt[h] += amt
				}
			}
		}
		a.open[r]++
		class := as.expect(a, d, c, amt)
		if a.top != nil {
			a.top[r].offer(topDeal{amount: amt, cell: c, idx: int32(i), class: class})
		}
	}
}

// expect classes a deal open on anchor a by the close date the day's
// export expected, and counts it in its cell's split.
func (as *anchorSet) expect(a *anchor, d *odeal, c int32, amt float64) [2]int8 {
	var class [2]int8
	if a.snap == nil {
		return class
	}
	e := &a.exp[c]
	ec, ok := as.in.expectedClose(a.snap, d)
	if !ok {
		e.unknown.add(amt)
		return class
	}
	class = [2]int8{expectOutside, expectOutside}
	if ec <= a.q.End {
		class[0] = expectIn
		e.in[0].add(amt)
	} else if as.in.cal.QuarterIndex(ec) == a.k+1 {
		class[1] = expectIn
		e.in[1].add(amt)
	}
	return class
}

// addWon counts a won deal into its quarter's bookings and into the
// bookings of deals not yet known on an anchor day.
func (as *anchorSet) addWon(d *odeal, r int32) {
	kc := as.in.cal.QuarterIndex(d.close)

	if a := as.at(kc); a != nil {
		a.actual[r] += d.amount
		if d.close <= a.day {
			a.booked[r] += d.amount
		} else if d.exists > a.day {
			a.newWon[0][r] += d.amount
		}
	}
	if a := as.at(kc - 1); a != nil && d.exists > a.day {
		a.newWon[1][r] += d.amount
	}
}

// model is the win rates of the cells learnt for one projection: from the
// anchors of the closed quarters before it.
type model struct {
	h int // horizon: 0 the anchor's quarter, 1 the next
	// p is per cell the probability that a deal open on the day is won in
	// the horizon's quarter; q the probability that it is won given that it
	// closes (won or lost) in that quarter.
	p, q   []float64
	train  []*anchor // oldest first
	reason string    // why there is no projection, when not ""
}

// fit learns the win rates for a projection made on the anchor of
// quarter kStar for horizon h, from the complete quarters whose outcome
// was known by then: quarters k with k+h before kStar, the most recent
// outlookWindow of them.
func (as *anchorSet) fit(kStar, h int) model {
	m := model{h: h}
	for k := kStar - 1 - h; k >= as.lo && len(m.train) < outlookWindow; k-- {
		if as.complete(k) {
			m.train = append([]*anchor{as.at(k)}, m.train...)
		}
	}
	if len(m.train) < outlookMinQuarters {
		m.reason = tooFewQuarters(len(m.train), as.in.cal.Quarter(kStar+h).Name)
		return m
	}
	if m.p, m.q = as.fitOn(m.train, h); m.p == nil {
		m.reason = "no deal was open on the same day of the earlier quarters"
	}
	return m
}

// fitOn learns the rates p and q of every cell from the anchors of train
// for horizon h; p is nil when no deal was open on their days.
func (as *anchorSet) fitOn(train []*anchor, h int) (p, q []float64) {
	nc := as.nra * ageBuckets
	n, w, cl := make([]float64, nc), make([]float64, nc), make([]float64, nc)
	for _, a := range train {
		for c := range a.cells {
			n[c] += a.cells[c].n
			w[c] += a.cells[c].won[h]
			cl[c] += a.cells[c].closed[h]
		}
	}
	if p = as.rates(w, n); p == nil {
		return nil, nil
	}
	if q = as.rates(w, cl); q == nil {
		q = p
	}
	return p, q
}

// rates returns per cell the rate hits / trials, each cell's rate shrunk
// towards its region and age group's, that towards its age group's, that
// towards the rate of all cells (outlookPrior trials of weight each); nil
// when there are no trials at all.
func (as *anchorSet) rates(hits, trials []float64) []float64 {
	n, w := trials, hits
	// Sums per age group, and per age and region group.
	nr := as.in.nr
	var n0, w0 float64
	n1, w1 := make([]float64, ageBuckets), make([]float64, ageBuckets)
	n2, w2 := make([]float64, ageBuckets*nr), make([]float64, ageBuckets*nr)
	for c := range n {
		age, r := c%ageBuckets, int(as.raRegion[c/ageBuckets])
		n0, w0 = n0+n[c], w0+w[c]
		n1[age], w1[age] = n1[age]+n[c], w1[age]+w[c]
		n2[age*nr+r], w2[age*nr+r] = n2[age*nr+r]+n[c], w2[age*nr+r]+w[c]
	}
	if n0 == 0 {
		return nil
	}
	shrink := func(won, deals, prior float64) float64 { return (won + outlookPrior*prior) / (deals + outlookPrior) }
	p0 := w0 / n0
	p := make([]float64, len(n))
	for c := range n {
		age, r := c%ageBuckets, int(as.raRegion[c/ageBuckets])
		p1 := shrink(w1[age], n1[age], p0)
		p2 := shrink(w2[age*nr+r], n2[age*nr+r], p1)
		p[c] = shrink(w[c], n[c], p2)
	}
	return p
}

func tooFewQuarters(n int, quarter string) string {
	return fmt.Sprintf("too little history: %d complete quarters before %s, %d needed", n, quarter, outlookMinQuarters)
}
