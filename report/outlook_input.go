package report

import (
	"slices"
	"sort"
)

// outlookInput is what the outlook reads: the review's index (regions,
// targets, the deals' regions), the deals reduced to the fields a
// projection may use, forecast calls by quarter, and the exports
// (snapshots) that say which close dates were expected on a day.
type outlookInput struct {
	ix    *index
	cal   Calendar
	opts  Options
	asOf  Day
	qLive int // the quarter holding asOf
	// t is asOf's day of its quarter (1-based): every earlier quarter is
	// looked at on its own day t.
	t int
	// exportDay is the current export's own date (its newest date).
	exportDay Day
	begins    Day // DataBegins of the current export
	regions   []string
	nr        int // regions; scope nr is the total
	deals     []odeal
	calls     map[[2]int][]*ForecastCall // (region, quarter) -> calls by submission
	snaps     []outlookSnap
	cur       *Records
}

// odeal is a deal as the outlook sees it (24 bytes).
type odeal struct {
	// exists is the first day the deal is known: its created date; without
	// one, its close for a closed deal and the export's date for an open one.
	exists Day
	close  Day
	amount Money
	region int32
	src    int32 // index in the current export's deals
	status Status
	aged   bool // has a created date, so its age on a day is known
}

// openOn reports whether the deal was open on day d: known by then and not
// closed on or before it.
func (d *odeal) openOn(day Day) bool {
	return d.exists.Valid() && d.exists <= day && (d.status == Open || d.close > day)
}

// outlookSnap is an export of the pipeline taken on a day: the close dates
// and probabilities of its open deals are what was known that day.
type outlookSnap struct {
	day Day
	// current is true for the current export: it stands for any later day
	// too (nothing newer is known).
	current bool
	// pipeline sums the open deals by the quarter of their expected close
	// (its index) and region (index nr: a region only the export has).
	pipeline map[int][]snapSums
	// closeByID is the expected close of each open deal with an id, for an
	// earlier export (the current export's deals carry their own).
	closeByID map[string]Day
}

// snapSums are the open deals of a snapshot closing in one quarter and region.
type snapSums struct {
	open     Money
	weighted float64 // sum of amount x probability / 100, major units
}

// newOutlookInput reads what the outlook needs from the index.
func newOutlookInput(ix *index) *outlookInput {
	cur := ix.cur
	in := &outlookInput{ix: ix, cal: ix.cal, opts: ix.opts, asOf: ix.asOf, cur: cur, exportDay: newestDate(cur),
		begins: DataBegins(cur.Deals), regions: ix.regions, nr: ix.nr}
	in.qLive = in.cal.QuarterIndex(in.asOf)
	in.t = int(in.asOf-in.cal.Quarter(in.qLive).Start) + 1
	in.deals = make([]odeal, 0, len(cur.Deals))
	for i := range cur.Deals {
		d := &cur.Deals[i]
		if d.Status != Open && !d.Close.Valid() {
			continue // a closed deal without close date cannot be placed
		}
		od := odeal{exists: d.Created, close: d.Close, amount: d.Amount, region: ix.deals[i].region, src: int32(i), status: d.Status, aged: d.Created.Valid()}
		if !od.aged {
			od.exists = d.Close
			if d.Status == Open {
				od.exists = in.exportDay
			}
		}
		in.deals = append(in.deals, od)
	}
	in.loadCalls()
	in.snaps = append(in.snaps, in.snapshot(cur, in.exportDay, true))
	if ix.prev != nil {
		if day := newestDate(ix.prev); day.Valid() {
			in.snaps = append(in.snaps, in.snapshot(ix.prev, day, false))
		}
	}
	return in
}

// regionOf returns the scope index of a deal's region (its own, else its
// owner's in the roster), or -1 for a region the review does not have (a
// deal of an earlier export only).
func (in *outlookInput) regionOf(d *Deal) int32 {
	return in.regionIndex(in.ix.dealRegion(d))
}

// regionIndex returns the scope index of a region, or -1.
func (in *outlookInput) regionIndex(r Sym) int32 {
	if i, ok := in.ix.regionOf.get(r); ok {
		return i
	}
	return -1
}

// target returns the target of a scope in quarter qi, as the review has it.
func (in *outlookInput) target(scope, qi int) (Money, bool) { return in.ix.target(scope, qi) }

func (in *outlookInput) loadCalls() {
	in.calls = map[[2]int][]*ForecastCall{}
	for i := range in.cur.Forecasts {
		f := &in.cur.Forecasts[i]
		q, err := in.cal.ParseQuarter(f.Period)
		r := int(in.regionIndex(f.Region))
		if err != nil || r < 0 || !f.Submitted.Valid() {
			continue // the review reports these calls as problems
		}
		k := [2]int{r, q}
		in.calls[k] = append(in.calls[k], f)
	}
	for _, cs := range in.calls {
		slices.SortStableFunc(cs, func(a, b *ForecastCall) int { return int(a.Submitted - b.Submitted) })
	}
}

// call returns the latest call for a scope and quarter submitted on or
// before day; for the total, the sum of the regions' calls when every
// region but Unassigned has one.
func (in *outlookInput) call(scope, qi int, day Day) *OutlookCall {
	if scope < in.nr {
		cs := in.calls[[2]int{scope, qi}]
		i := sort.Search(len(cs), func(i int) bool { return cs[i].Submitted > day })
		if i == 0 {
			return nil
		}
		f := cs[i-1]
		return &OutlookCall{Submitted: f.Submitted, Commit: f.Commit, BestCase: f.BestCase, HasBest: f.HasBest}
	}
	sum := &OutlookCall{HasBest: true}
	for r := 0; r < in.nr; r++ {
		c := in.call(r, qi, day)
		if c == nil {
			if in.regions[r] == Unassigned {
				continue
			}
			return nil
		}
		sum.Submitted = max(sum.Submitted, c.Submitted)
		sum.Commit += c.Commit
		sum.BestCase += c.BestCase
		sum.HasBest = sum.HasBest && c.HasBest
	}
	if !sum.Submitted.Valid() {
		return nil
	}
	if !sum.HasBest {
		sum.BestCase = 0
	}
	return sum
}

// snapshot keeps the open deals of an export taken on day.
func (in *outlookInput) snapshot(r *Records, day Day, current bool) outlookSnap {
	s := outlookSnap{day: day, current: current, pipeline: map[int][]snapSums{}}
	if !current {
		s.closeByID = map[string]Day{}
	}
	stageProb := map[Sym]float64{}
	for i := range r.Deals {
		d := &r.Deals[i]
		if d.Status != Open || !d.Close.Valid() {
			continue
		}
		if !current && d.ID != "" {
			s.closeByID[d.ID] = d.Close
		}
		p := d.Probability
		if !d.HasProbability {
			sp, ok := stageProb[d.Stage]
			if !ok {
				sp = in.opts.StageProbability[d.Stage.String()]
				stageProb[d.Stage] = sp
			}
			p = sp
		}
		q := in.cal.QuarterIndex(d.Close)
		sums := s.pipeline[q]
		if sums == nil {
			sums = make([]snapSums, in.nr+1)
			s.pipeline[q] = sums
		}
		r := in.regionOf(d)
		if r < 0 {
			r = int32(in.nr)
		}
		sums[r].open += d.Amount
		sums[r].weighted += d.Amount.Float() * p / 100
	}
	return s
}

// snapshotOn returns the export that says what was known on day: the
// current export for its own date and any later day, an earlier export
// taken on day or up to a week before it; nil when there is none.
func (in *outlookInput) snapshotOn(day Day) *outlookSnap {
	for i := range in.snaps {
		s := &in.snaps[i]
		if s.current && day >= s.day || !s.current && s.day <= day && day-s.day <= 7 {
			return s
		}
	}
	return nil
}

// pipelineIn returns, from the export known on day, the open pipeline of a
// scope with close in quarter qi and its stage-weighted amount (major
// units); ok is false without such an export.
func (in *outlookInput) pipelineIn(scope, qi int, day Day) (open Money, weighted float64, ok bool) {
	s := in.snapshotOn(day)
	if s == nil {
		return 0, 0, false
	}
	for r, sums := range s.pipeline[qi] {
		if scope == in.nr || r == scope {
			open += sums.open
			weighted += sums.weighted
		}
	}
	return open, weighted, true
}

// scopeOrder lists the scopes in display order: the total, then the regions.
func (in *outlookInput) scopeOrder() []int {
	order := []int{in.nr}
	for r := 0; r < in.nr; r++ {
		order = append(order, r)
	}
	return order
}

// scopeName is "" for the total, else the region's name.
func (in *outlookInput) scopeName(scope int) string {
	if scope == in.nr {
		return ""
	}
	return in.regions[scope]
}

// inScope reports whether region r belongs to scope.
func (in *outlookInput) inScope(scope int, r int32) bool {
	return scope == in.nr || int(r) == scope
}

// expectedClose returns the close date a deal open on the snapshot's day
// was expected on, and whether the snapshot holds it.
func (in *outlookInput) expectedClose(s *outlookSnap, d *odeal) (Day, bool) {
	if s.current {
		return d.close, d.close.Valid()
	}
	id := in.cur.Deals[d.src].ID
	if id == "" {
		return NoDay, false
	}
	c, ok := s.closeByID[id]
	return c, ok
}
