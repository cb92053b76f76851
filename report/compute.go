package report

import (
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"
)

// maxQuarters bounds the history: a stray date a century off must not make
// the review allocate for thousands of quarters.
const maxQuarters = 400

// maxListed is how many problems of one kind the metrics list.
const maxListed = 1000

// family is one metric family: a function from the index to its part of
// the review. run reads the index and writes nothing but its result.
type family struct {
	name string
	run  func(ix *index) (part, error)
}

// part is what a family computed: fill puts its figures into the review
// (the fills run one after the other, in the order of families), and found
// holds the problems it found.
type part struct {
	fill  func(rev *Review)
	found findings
}

// families lists every metric family, the longest first so that the short
// ones fill the gaps. Their parts are put into the review, and their problems
// merged, in this order.
var families = []family{
	{"outlook", outlookPart},
	{"changes", changesPart},
	{"revenue", revenuePart},
	{"risks", risksPart},
	{"pipeline", pipelinePart},
	{"reps", repsPart},
	{"contracts", contractsPart},
	{"activities", activitiesPart},
	{"scopes", scopesPart},
	{"forecast", forecastPart},
	{"movers", moversPart},
}

func compute(cur, prev *Records, opts Options) (*Review, error) {
	if cur == nil {
		return nil, errors.New("report: no records")
	}
	ix, err := newIndex(cur, prev, opts.normalize())
	if err != nil {
		return nil, err
	}
	parts, err := runFamilies(ix, families)
	if err != nil {
		return nil, err
	}
	rev := ix.newReview()
	found := ix.found
	for _, p := range parts {
		p.fill(rev)
		found.merge(&p.found)
	}
	rev.Quality = ix.quality(&found)
	listed(rev, ix.opts.MaxListed)
	return rev, nil
}

// runFamilies runs the families side by side, as many at once as there are
// processors, and returns their parts in the order of fams.
func runFamilies(ix *index, fams []family) ([]part, error) {
	parts := make([]part, len(fams))
	errs := make([]error, len(fams))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range fams {
		g.Go(func() error {
			parts[i], errs[i] = f.run(ix)
			return errs[i]
		})
	}
	if g.Wait() != nil {
		// Whichever failed first, the error of the first family in the
		// list is the one reported.
		for i, err := range errs {
			if err != nil {
				return nil, fmt.Errorf("report: %s: %w", fams[i].name, err)
			}
		}
	}
	return parts, nil
}

// newReview returns the review with what the index fixes filled in: the
// options, dates, quarters and regions, and one scope per region.
func (ix *index) newReview() *Review {
	rev := &Review{
		Schema:          SchemaVersion,
		Options:         ix.opts,
		Currency:        ix.opts.Currency,
		AsOf:            ix.asOf,
		FiscalYearStart: ix.opts.FiscalYearStart,
		AmountMode:      ix.opts.AmountMode,
		Period:          ix.period,
		PrevPeriod:      ix.cal.Quarter(ix.periodQ - 1),
		YearAgoPeriod:   ix.cal.Quarter(ix.periodQ - 4),
		CurrentPeriod:   ix.cal.Quarter(ix.currentQ),
		Regions:         ix.regions,
		HasActivities:   len(ix.cur.Activities) > 0,
	}
	for qi := ix.firstQ(); qi <= ix.lastQ(); qi++ {
		rev.Quarters = append(rev.Quarters, ix.cal.Quarter(qi))
	}
	rev.ByRegion = make([]Scope, ix.nr)
	for i, r := range ix.regions {
		rev.ByRegion[i].Region = r
	}
	return rev
}

// scopeAt returns the scope with index s: a region's, or the total (s ==
// len(ByRegion)).
func (r *Review) scopeAt(s int) *Scope {
	if s < len(r.ByRegion) {
		return &r.ByRegion[s]
	}
	return &r.Total
}

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
	o.DefaultTerm = positive(o.DefaultTerm, 12)
	o.StaleDays = positive(o.StaleDays, 30)
	o.SlipPeriods = positive(o.SlipPeriods, 2)
	o.MaxListed = positive(o.MaxListed, 1000)
	if o.OutsizedFactor <= 0 {
		o.OutsizedFactor = 5
	}
	if o.DiscountThreshold <= 0 {
		o.DiscountThreshold = 20
	}
	if o.Currency == "" {
		o.Currency = "USD"
	}
	return o
}

// positive returns n, or def when n is not positive.
func positive(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// The kinds of problems the metrics find.
const (
	kNoCreated = iota
	kUnassigned
	kPastDue
	kZeroWon
	kTarget
	kForecast
	kCreatedAfterClose
	kLateClose
	nKinds
)

// findings are the problems the metrics found, by kind: all are counted,
// the first maxListed of each kind are listed.
type findings struct {
	listed [nKinds][]Problem
	counts [nKinds]int
}

// add records a problem at the field of the record at ref; msg is called
// only for the problems listed.
func (f *findings) add(kind int, recs *Records, ref Ref, field string, msg func() string) {
	f.counts[kind]++
	if f.counts[kind] <= maxListed {
		f.listed[kind] = append(f.listed[kind], Problem{Pos: recs.Cell(ref, field), Severity: Warning, Msg: msg()})
	}
}

// merge adds g's problems after f's, kind by kind.
func (f *findings) merge(g *findings) {
	for k := range nKinds {
		f.counts[k] += g.counts[k]
		room := max(maxListed-len(f.listed[k]), 0)
		f.listed[k] = append(f.listed[k], g.listed[k][:min(room, len(g.listed[k]))]...)
	}
}
