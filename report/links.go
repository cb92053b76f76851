package report

import "slices"

// activityFacts are the activities counted and linked to deals: by deal id,
// else every deal of the same account with a created date on or before the
// activity's date and a close on or after it (an open deal's window runs at
// least to the as-of date).
type activityFacts struct {
	deal      []dealActivity // per deal of cur
	byQuarter [][4]int       // (scope, quarter): index.fi; activities by type
	regions   [][4]int       // per region, all history
	total     [4]int
	ownerAll  [][4]int // per owner, all history
	ownerP    [][4]int // per owner, review quarter
	linkedWon []int    // per scope: activities linked to its won deals
	// ownerLinked and ownerLinkedP, per owner: activities linked to the
	// owner's won deals, and to those closed in the review quarter.
	ownerLinked, ownerLinkedP []int
	// first..last are the days of the week and month series: the review's
	// quarters, up to the as-of date (nothing after it is done activity).
	first, last Day
	firstMon    Day
	weeks       [][4]int // per ISO week from firstMon
	firstMonth  int
	months      [][4]int // per month from firstMonth
	periodK     int      // the review quarter's internal index
	// leftOut counts the activities dated after the as-of date (left out of
	// every figure); leftOutPos holds the first maxLeftOutShown positions.
	leftOut    int
	leftOutPos []Position
}

// dealActivity is what a deal's linked activities tell.
type dealActivity struct {
	types   uint8 // the activity types linked: 1 << ActivityType
	lastAct Day   // the newest linked activity on or before the as-of date
}

// maxLeftOutShown is how many positions of activities dated after the as-of
// date the data-quality warning names.
const maxLeftOutShown = 3

// accountDeals are the deals of each account that have a created date,
// sorted by created date (then deal), with the end of each deal's linking
// window: the deals an activity of the account without deal id links to.
type accountDeals struct {
	start   []int32 // per account: the first of its deals in keys; start[n] = len(keys)
	keys    []linkKey
	created []Day // keys[k].created, searched
}

type linkKey struct {
	created, upper Day
	deal           int32
}

// newAccountDeals groups the deals with a created date by account (a
// counting sort by account number) and sorts each account's by created date.
func (ix *index) newAccountDeals() *accountDeals {
	n := len(ix.accts.syms)
	ad := &accountDeals{start: make([]int32, n+1)}
	linkable := func(i int) bool { return ix.deals[i].account >= 0 && ix.cur.Deals[i].Created.Valid() }
	for i := range ix.deals {
		if linkable(i) {
			ad.start[ix.deals[i].account+1]++
		}
	}
	for a := range n {
		ad.start[a+1] += ad.start[a]
	}
	ad.keys = make([]linkKey, ad.start[n])
	fill := slices.Clone(ad.start[:n])
	for i := range ix.deals {
		if !linkable(i) {
			continue
		}
		d := &ix.cur.Deals[i]
		upper := d.Close
		if d.Status == Open && (upper < ix.asOf || !upper.Valid()) {
			upper = ix.asOf
		}
		a := ix.deals[i].account
		ad.keys[fill[a]] = linkKey{d.Created, upper, int32(i)}
		fill[a]++
	}
	ad.created = make([]Day, len(ad.keys))
	for a := range n {
		keys := ad.keys[ad.start[a]:ad.start[a+1]]
		slices.SortFunc(keys, func(x, y linkKey) int {
			if x.created != y.created {
				return int(x.created - y.created)
			}
			return int(x.deal - y.deal)
		})
	}
	for k := range ad.keys {
		ad.created[k] = ad.keys[k].created
	}
	return ad
}

// link appends to linked the deals of account a whose window holds date.
func (ad *accountDeals) link(linked []int32, a int32, date Day) []int32 {
	lo, hi := int(ad.start[a]), int(ad.start[a+1])
	n, _ := slices.BinarySearch(ad.created[lo:hi], date+1) // deals created on or before the date
	for k := lo; k < lo+n; k++ {
		if date <= ad.keys[k].upper {
			linked = append(linked, ad.keys[k].deal)
		}
	}
	return linked
}

// activityFacts counts every activity and links it to deals.
func (ix *index) activityFacts() *activityFacts {
	af := ix.newActivityFacts()
	ad := ix.newAccountDeals()
	var linked []int32
	var cr credits
	for i := range ix.cur.Activities {
		a := &ix.cur.Activities[i]
		if ix.actRegion[i] == actLeftOut {
			// A planned task: no done activity in any figure; the
			// data-quality page counts them once.
			if af.leftOut < maxLeftOutShown {
				af.leftOutPos = append(af.leftOutPos, ix.cur.Cell(a.Src, "date"))
			}
			af.leftOut++
			continue
		}
		t := a.Type
		if t > Meeting {
			t = OtherActivity
		}
		af.count(ix, i, t)
		linked = linked[:0]
		if j := ix.actDeal[i]; j >= 0 {
			linked = append(linked, j)
		} else if a.Account != 0 && a.Date.Valid() {
			if acct, ok := ix.accts.get(a.Account); ok {
				linked = ad.link(linked, acct, a.Date)
			}
		}
		af.credit(ix, &cr, linked, t, a.Date)
	}
	return af
}

// newActivityFacts makes the counters; the week and month series span the
// review's quarters.
func (ix *index) newActivityFacts() *activityFacts {
	ns, no := ix.nr+1, len(ix.owners.syms)
	af := &activityFacts{
		deal:      make([]dealActivity, len(ix.cur.Deals)),
		byQuarter: make([][4]int, ns*ix.nq),
		regions:   make([][4]int, ix.nr),
		ownerAll:  make([][4]int, no), ownerP: make([][4]int, no),
		linkedWon: make([]int, ns), ownerLinked: make([]int, no), ownerLinkedP: make([]int, no),
	}
	af.first, af.last = ix.cal.Quarter(ix.firstQ()).Start, min(ix.cal.Quarter(ix.lastQ()).End, ix.asOf)
	af.last = max(af.last, af.first)
	af.firstMon = isoWeekStart(af.first)
	af.weeks = make([][4]int, int(isoWeekStart(af.last)-af.firstMon)/7+1)
	af.firstMonth = monthIndex(af.first)
	af.months = make([][4]int, monthIndex(af.last)-af.firstMonth+1)
	af.periodK = ix.qrel(ix.periodQ)
	return af
}

// count counts activity i, of type t, in its region, owner, quarter, week
// and month.
func (af *activityFacts) count(ix *index, i int, t ActivityType) {
	a := &ix.cur.Activities[i]
	r, o := int(ix.actRegion[i]), ix.actOwner[i]
	af.regions[r][t]++
	af.total[t]++
	if o >= 0 {
		af.ownerAll[o][t]++
	}
	if !a.Date.Valid() {
		return
	}
	if k := ix.qrel(ix.cal.QuarterIndex(a.Date)); k >= 0 {
		af.byQuarter[ix.fi(r, k)][t]++
		af.byQuarter[ix.fi(ix.nr, k)][t]++
		if o >= 0 && k == af.periodK {
			af.ownerP[o][t]++
		}
	}
	if a.Date >= af.first && a.Date <= af.last {
		af.weeks[int(isoWeekStart(a.Date)-af.firstMon)/7][t]++
		af.months[monthIndex(a.Date)-af.firstMonth][t]++
	}
}

// credits are the regions and owners one activity is credited to, each once.
type credits struct {
	regions, owners, ownersP []int32
}

// credit marks an activity of type t dated date on the deals it is linked
// to, and counts it once for each region and owner of the won ones.
func (af *activityFacts) credit(ix *index, cr *credits, linked []int32, t ActivityType, date Day) {
	cr.regions, cr.owners, cr.ownersP = cr.regions[:0], cr.owners[:0], cr.ownersP[:0]
	for _, j := range linked {
		da := &af.deal[j]
		da.types |= 1 << t
		if date.Valid() && date <= ix.asOf && date > da.lastAct {
			da.lastAct = date
		}
		di := &ix.deals[j]
		if !di.won {
			continue
		}
		cr.regions = appendNew(cr.regions, di.region)
		if di.owner >= 0 {
			cr.owners = appendNew(cr.owners, di.owner)
			if di.wonInP {
				cr.ownersP = appendNew(cr.ownersP, di.owner)
			}
		}
	}
	for _, r := range cr.regions {
		af.linkedWon[r]++
	}
	if len(cr.regions) > 0 {
		af.linkedWon[ix.nr]++
	}
	for _, o := range cr.owners {
		af.ownerLinked[o]++
	}
	for _, o := range cr.ownersP {
		af.ownerLinkedP[o]++
	}
}

// appendNew appends x to xs unless xs holds it.
func appendNew(xs []int32, x int32) []int32 {
	if slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}
