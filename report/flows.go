package report

import (
	"fmt"
	"slices"
)

// flow is the money and counts of the deals of one scope in one quarter
// (or over all history).
type flow struct {
	bookings     Money // won deals closing in the quarter
	won, lost    int
	lostAmount   Money
	created      Money // deals created in the quarter, any status
	createdDeals int
	open         Money // open deals with close in the quarter
}

// dealFlows are the flows of every scope: per quarter and over all history,
// with the sales cycles (days from created to close) of the won deals,
// sorted.
type dealFlows struct {
	q      []flow    // (scope, quarter): index.fi
	cycles [][]int32 // (scope, quarter)
	all    []flow    // per scope
	allCyc [][]int32 // per scope
}

// dealFlows adds every deal of cur into the flows of its region and of all
// regions. It reports won deals without amount or created date.
func (ix *index) dealFlows() (*dealFlows, findings, error) {
	ns := ix.nr + 1
	fl := &dealFlows{q: make([]flow, ns*ix.nq), cycles: make([][]int32, ns*ix.nq), all: make([]flow, ns), allCyc: make([][]int32, ns)}
	var found findings
	for i := range ix.cur.Deals {
		d := &ix.cur.Deals[i]
		closeK, createK := -1, -1
		if d.Close.Valid() {
			closeK = ix.qrel(ix.cal.QuarterIndex(d.Close))
		}
		if d.Created.Valid() {
			createK = ix.qrel(ix.cal.QuarterIndex(d.Created))
		}
		for _, s := range [2]int{int(ix.deals[i].region), ix.nr} {
			if err := ix.addDeal(fl, s, d, closeK, createK); err != nil {
				return nil, found, err
			}
		}
		if d.Status == Won {
			ix.checkWon(&found, d)
		}
		if d.Status != Open && d.Created.Valid() && d.Close.Valid() && d.Created > d.Close {
			found.add(kCreatedAfterClose, ix.cur, d.Src, "created", func() string {
				return fmt.Sprintf("%s deal %q was created on %s, after it closed on %s: left out of the sales cycle",
					d.Status, dealLabel(d), d.Created, d.Close)
			})
		}
	}
	for _, cyc := range fl.cycles {
		slices.Sort(cyc)
	}
	for _, cyc := range fl.allCyc {
		slices.Sort(cyc)
	}
	return fl, found, nil
}

// addDeal adds deal d to the flows of scope s: its quarter of creation
// (createK), its quarter of close (closeK) and all history. A sum that
// would overflow is an error naming the first figure to do so.
func (ix *index) addDeal(fl *dealFlows, s int, d *Deal, closeK, createK int) error {
	wonCycle := hasCycle(d)
	if createK >= 0 {
		if figure := fl.q[ix.fi(s, createK)].addCreated(d); figure != "" {
			return ix.overflow(s, createK, figure)
		}
	}
	if closeK >= 0 {
		if figure := fl.q[ix.fi(s, closeK)].addClosed(d); figure != "" {
			return ix.overflow(s, closeK, figure)
		}
		if wonCycle {
			fl.cycles[ix.fi(s, closeK)] = append(fl.cycles[ix.fi(s, closeK)], int32(d.Close-d.Created))
		}
	}
	if d.Created.Valid() {
		if figure := fl.all[s].addCreated(d); figure != "" {
			return ix.overflow(s, -1, figure)
		}
	}
	if figure := fl.all[s].addClosed(d); figure != "" {
		return ix.overflow(s, -1, figure)
	}
	if wonCycle {
		fl.allCyc[s] = append(fl.allCyc[s], int32(d.Close-d.Created))
	}
	return nil
}

// addCreated counts a deal created in the flow's span; it returns the
// figure that would overflow, or "".
func (f *flow) addCreated(d *Deal) string {
	f.createdDeals++
	if !addMoney(&f.created, d.Amount) {
		return "pipeline created"
	}
	return ""
}

// addClosed counts a deal by its status: won or lost in the flow's span,
// or open with its close in it. It returns the figure that would overflow,
// or "".
func (f *flow) addClosed(d *Deal) string {
	switch d.Status {
	case Won:
		f.won++
		if !addMoney(&f.bookings, d.Amount) {
			return "bookings"
		}
	case Lost:
		f.lost++
		if !addMoney(&f.lostAmount, d.Amount) {
			return "lost amount"
		}
	default:
		if !addMoney(&f.open, d.Amount) {
			return "open pipeline"
		}
	}
	return ""
}

// hasCycle reports whether d is a won deal with a sales cycle: created on
// or before its close (a deal created after it closed cannot be right, and
// is left out of the cycle's median and mean).
func hasCycle(d *Deal) bool {
	return d.Status == Won && d.Created.Valid() && d.Created <= d.Close
}

// checkWon reports a won deal of amount 0, or without a created date (it is
// left out of the sales cycle).
func (ix *index) checkWon(found *findings, d *Deal) {
	if d.Amount == 0 {
		found.add(kZeroWon, ix.cur, d.Src, "amount", func() string { return fmt.Sprintf("won deal %q has amount 0", dealLabel(d)) })
	}
	if !d.Created.Valid() {
		found.add(kNoCreated, ix.cur, d.Src, "created", func() string {
			return fmt.Sprintf("won deal %q has no created date: left out of the sales cycle", dealLabel(d))
		})
	}
}

// flowAt returns the flow of scope s in calendar quarter qi (empty outside
// the index).
func (ix *index) flowAt(s, qi int) flow {
	k := ix.qrel(qi)
	if k < 0 {
		return flow{}
	}
	return ix.flows.q[ix.fi(s, k)]
}

// cyclesAt returns the sorted sales cycles of scope s in calendar quarter qi.
func (ix *index) cyclesAt(s, qi int) []int32 {
	k := ix.qrel(qi)
	if k < 0 {
		return nil
	}
	return ix.flows.cycles[ix.fi(s, k)]
}
