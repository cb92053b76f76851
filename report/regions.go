package report

import (
	"fmt"
	"slices"
	"sort"
	"sync"
)

// actLeftOut is the actRegion of an activity dated after the as-of date:
// a planned task, not done activity, left out of every activity figure.
const actLeftOut = -2

// setRegions orders the regions (those of Options.Regions, then the others
// alphabetically, then Unassigned) and derives each deal's region, owner
// and account and each activity's region, deal and owner.
func (ix *index) setRegions() {
	ix.rosterReg = rosterRegions(ix.cur.Roster)
	found, unassigned := ix.regionsFound()
	ix.orderRegions(found)
	var byID sync.WaitGroup // the id index is built beside the deal facts
	byID.Go(ix.indexDealIDs)
	acctRecent, ownerRegCount := ix.dealFacts()
	byID.Wait()
	ix.numberOtherOwners()
	ix.setOwnerRegions(ownerRegCount)
	ix.deriveActivityRegions(acctRecent)
	if unassigned || slices.Contains(ix.actRegion, -1) {
		ix.addUnassigned()
	}
	ix.nr = len(ix.regions)
}

// rosterRegions maps each owner of the roster to the region of their first
// entry that has one.
func rosterRegions(roster []RosterEntry) map[Sym]Sym {
	m := map[Sym]Sym{}
	for _, r := range roster {
		if r.Region != 0 && r.Region != UnassignedSym && r.Owner != 0 {
			if _, ok := m[r.Owner]; !ok {
				m[r.Owner] = r.Region
			}
		}
	}
	return m
}

// dealRegion is the deal's region, else its owner's roster region, else Unassigned.
func (ix *index) dealRegion(d *Deal) Sym {
	if d.Region != 0 && d.Region != UnassignedSym {
		return d.Region
	}
	if r, ok := ix.rosterReg[d.Owner]; ok {
		return r
	}
	return UnassignedSym
}

// afterAsOf reports whether an activity is dated after the as-of date.
func (ix *index) afterAsOf(a *Activity) bool {
	return a.Date.Valid() && a.Date > ix.asOf
}

// regionsFound returns the regions of the deals, the roster, the region
// targets and the activities up to the as-of date, in order of first
// appearance, and whether a deal has no region.
func (ix *index) regionsFound() (found []Sym, unassigned bool) {
	var seen symIndex
	add := func(r Sym) {
		if r == 0 || r == UnassignedSym {
			return
		}
		if _, ok := seen.get(r); !ok {
			seen.set(r, 0)
			found = append(found, r)
		}
	}
	for i := range ix.cur.Deals {
		r := ix.dealRegion(&ix.cur.Deals[i])
		unassigned = unassigned || r == UnassignedSym
		add(r)
	}
	for _, r := range ix.cur.Roster {
		add(r.Region)
	}
	for _, t := range ix.cur.Targets {
		if t.Owner == 0 {
			add(t.Region)
		}
	}
	for i := range ix.cur.Activities {
		if !ix.afterAsOf(&ix.cur.Activities[i]) {
			add(ix.cur.Activities[i].Region)
		}
	}
	return found, unassigned
}

// orderRegions sets the regions: Options.Regions, then the others found
// alphabetically (Unassigned is added later, when needed).
func (ix *index) orderRegions(found []Sym) {
	listed := map[string]bool{}
	for _, r := range ix.opts.Regions {
		if r != "" && r != Unassigned && !listed[r] {
			listed[r] = true
			ix.regions = append(ix.regions, r)
		}
	}
	var rest []string
	for _, r := range found {
		if !listed[r.String()] {
			rest = append(rest, r.String())
		}
	}
	sort.Strings(rest)
	ix.regions = append(ix.regions, rest...)
	ix.regionIdx = map[string]int32{}
	for i, r := range ix.regions {
		ix.regionIdx[r] = int32(i)
		ix.regionOf.set(Intern(r), int32(i))
	}
}

// indexDealIDs maps each deal id to its first deal.
func (ix *index) indexDealIDs() {
	ix.dealByID = make(map[string]int32, len(ix.cur.Deals))
	for i := range ix.cur.Deals {
		if id := ix.cur.Deals[i].ID; id != "" {
			if _, dup := ix.dealByID[id]; !dup {
				ix.dealByID[id] = int32(i)
			}
		}
	}
}

// recentDeal is the latest deal of an account that has a region: its
// activities without a region of their own fall back on it.
type recentDeal struct {
	close, created Day
	region         int32 // -1: none yet
}

// dealFacts sets each deal's region, owner and account, numbering owners
// and accounts as they come. It returns each account's most recent deal
// and, per owner, their deals per region.
func (ix *index) dealFacts() (acctRecent []recentDeal, ownerRegCount [][]int32) {
	ix.deals = make([]dealInfo, len(ix.cur.Deals))
	for i := range ix.cur.Deals {
		d := &ix.cur.Deals[i]
		di := &ix.deals[i]
		di.region = -1 // Unassigned: fixed once it has an index
		if reg := ix.dealRegion(d); reg != UnassignedSym {
			di.region, _ = ix.regionOf.get(reg)
		}
		di.owner, di.account = -1, -1
		di.won = d.Status == Won
		di.wonInP = di.won && ix.inPeriod(d.Close)
		if d.Owner != 0 {
			di.owner = ix.owners.id(d.Owner)
			if int(di.owner) == len(ownerRegCount) {
				ownerRegCount = append(ownerRegCount, make([]int32, len(ix.regions)))
			}
			if di.region >= 0 {
				ownerRegCount[di.owner][di.region]++
			}
		}
		if d.Account != 0 {
			di.account = ix.accts.id(d.Account)
			if int(di.account) == len(acctRecent) {
				acctRecent = append(acctRecent, recentDeal{region: -1})
			}
			if r := &acctRecent[di.account]; di.region >= 0 && r.replacedBy(d) {
				*r = recentDeal{d.Close, d.Created, di.region}
			}
		}
	}
	return acctRecent, ownerRegCount
}

// replacedBy reports whether d is more recent than the account's recent
// deal (a later close, or the same close and a later created date).
func (r *recentDeal) replacedBy(d *Deal) bool {
	return r.region < 0 || d.Close > r.close || d.Close == r.close && d.Created > r.created
}

// numberOtherOwners numbers the owners of activities and of the roster
// after those of deals.
func (ix *index) numberOtherOwners() {
	acts := ix.cur.Activities
	ix.actOwner = make([]int32, len(acts))
	for i := range acts {
		ix.actOwner[i] = -1
		if acts[i].Owner != 0 {
			ix.actOwner[i] = ix.owners.id(acts[i].Owner)
		}
	}
	for _, r := range ix.cur.Roster {
		if r.Owner != 0 {
			ix.owners.id(r.Owner)
		}
	}
}

// setOwnerRegions gives each owner a region: their roster region, else the
// region of most of their deals (ties to the first in order), else none.
func (ix *index) setOwnerRegions(ownerRegCount [][]int32) {
	ix.ownerReg = make([]int32, len(ix.owners.syms))
	for o := range ix.ownerReg {
		ix.ownerReg[o] = -1
		if r, ok := ix.rosterReg[ix.owners.syms[o]]; ok {
			ix.ownerReg[o], _ = ix.regionOf.get(r)
			continue
		}
		if o >= len(ownerRegCount) {
			continue
		}
		best := int32(0)
		for r, n := range ownerRegCount[o] {
			if n > best {
				best, ix.ownerReg[o] = n, int32(r)
			}
		}
	}
}

// deriveActivityRegions sets each activity's deal (by deal id) and region:
// its own, else its deal's, else its account's most recent deal's, else
// its owner's; -1 when none gives one, actLeftOut after the as-of date.
func (ix *index) deriveActivityRegions(acctRecent []recentDeal) {
	acts := ix.cur.Activities
	ix.actRegion = make([]int32, len(acts))
	ix.actDeal = make([]int32, len(acts))
	derive := func(from, to int) {
		for i := from; i < to; i++ {
			ix.actDeal[i] = -1
			a := &acts[i]
			if ix.afterAsOf(a) {
				ix.actRegion[i] = actLeftOut
				continue
			}
			if a.DealID != "" {
				if j, ok := ix.dealByID[a.DealID]; ok {
					ix.actDeal[i] = j
				}
			}
			ix.actRegion[i] = ix.activityRegion(i, acctRecent)
		}
	}
	// Activities are independent of each other: two halves side by side.
	var halves sync.WaitGroup
	half := len(acts) / 2
	halves.Go(func() { derive(0, half) })
	derive(half, len(acts))
	halves.Wait()
}

// activityRegion is the region of activity i, -1 when nothing gives one.
func (ix *index) activityRegion(i int, acctRecent []recentDeal) int32 {
	a := &ix.cur.Activities[i]
	r := int32(-1)
	switch j := ix.actDeal[i]; {
	case a.Region != 0 && a.Region != UnassignedSym:
		r, _ = ix.regionOf.get(a.Region)
	case j >= 0 && ix.deals[j].region >= 0:
		r = ix.deals[j].region
	}
	if r < 0 && a.Account != 0 {
		if ai, ok := ix.accts.get(a.Account); ok {
			r = acctRecent[ai].region
		}
	}
	if r < 0 && ix.actOwner[i] >= 0 {
		r = ix.ownerReg[ix.actOwner[i]]
	}
	return r
}

// addUnassigned adds the Unassigned region last and gives it to the deals
// and activities without one; each such activity is a problem.
func (ix *index) addUnassigned() {
	ix.regions = append(ix.regions, Unassigned)
	u := int32(len(ix.regions) - 1)
	ix.regionIdx[Unassigned] = u
	ix.regionOf.set(UnassignedSym, u)
	for i := range ix.deals {
		if ix.deals[i].region < 0 {
			ix.deals[i].region = u
		}
	}
	for i, r := range ix.actRegion {
		if r != -1 {
			continue
		}
		ix.actRegion[i] = u
		a := &ix.cur.Activities[i]
		ix.found.add(kUnassigned, ix.cur, a.Src, "region", func() string {
			return fmt.Sprintf("activity %q has no region: no region column, deal, account or owner gives one; counted under %s",
				activityLabel(a), Unassigned)
		})
	}
}

func activityLabel(a *Activity) string {
	if a.ID != "" {
		return a.ID
	}
	return a.Date.String() + " " + a.Type.String()
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
