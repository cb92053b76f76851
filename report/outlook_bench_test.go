package report

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// outlookRecords generates open open deals created in the six months
// before 2026-05-15 and closed won or lost deals over the three years
// before, across 8 regions, with a team of 400 reps; targets for every
// region and quarter.
func outlookRecords(open, closed int) *Records {
	rng := rand.New(rand.NewPCG(uint64(open), uint64(closed)))
	regions := internAll("North", "South", "East", "West", "Central", "EMEA", "APAC", "LatAm")
	owners := make([]Sym, 400)
	recs := &Records{Deals: make([]Deal, 0, open+closed)}
	for i := range owners {
		owners[i] = Intern("Rep " + strconv.Itoa(i))
		recs.Roster = append(recs.Roster, RosterEntry{Owner: owners[i], Region: regions[i%len(regions)], Hired: Date(2021, 1, 1) + Day(rng.IntN(5*365))})
	}
	asOf := Date(2026, 5, 15)
	for i := range open + closed {
		d := Deal{Region: regions[rng.IntN(len(regions))], Owner: owners[rng.IntN(len(owners))], Account: owners[0],
			Amount: Cents(100_000 + rng.Int64N(10_000_000)), HasAmount: true, Stage: Intern("Proposal")}
		if i < open {
			d.Created = asOf - Day(rng.IntN(180))
			d.Close = asOf + Day(rng.IntN(200)) - 20
		} else {
			d.Created = asOf - Day(rng.IntN(3*365))
			d.Close = min(asOf, d.Created+Day(10+rng.IntN(150)))
			d.Status, d.Stage = Lost, Intern("Closed Lost")
			if rng.IntN(3) == 0 {
				d.Status, d.Stage = Won, Intern("Closed Won")
			}
		}
		recs.Deals = append(recs.Deals, d)
	}
	cal := Calendar{Start: 1}
	for q := cal.QuarterIndex(Date(2023, 1, 1)); q <= cal.QuarterIndex(Date(2027, 12, 31)); q++ {
		for _, r := range regions {
			recs.Targets = append(recs.Targets, Target{Region: r, Period: cal.Quarter(q).Name, Amount: Cents(1e11)})
		}
	}
	return recs
}

// BenchmarkOutlook runs the outlook family on the review's index of 1M
// open deals (and 1M closed ones of history): the current and the next
// quarter's projections, the backtest of eight quarters, pacing and the
// capacity plan. It reports the CPU time per outlook (all threads) and the
// peak resident memory, generated records and index included.
func BenchmarkOutlook(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			ix, err := newIndex(outlookRecords(n, n), nil, Options{}.normalize())
			if err != nil {
				b.Fatal(err)
			}
			benchCPU(b, func() {
				if o := newOutlookInput(ix).outlook(); !o.Scopes[0].Current.Projection.OK {
					b.Fatal(o.Scopes[0].Current.Projection.Reason)
				}
			})
		})
	}
}
