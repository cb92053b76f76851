package report

import (
	"slices"
	"strings"
)

// pipelineScope is the open pipeline of one scope: by stage, the funnel of
// the deals created in the review quarter, the forecast roll-up and the
// weighted pipeline.
type pipelineScope struct {
	byStage, funnel []stageAgg
	rollup          ForecastRollup
	weighted        float64 // Money x percent
}

type stageAgg struct {
	deals    int
	amount   Money
	weighted float64 // Money x percent
}

// pipelinePart is the pipeline family: the stage order, every scope's open
// pipeline by stage, funnel and forecast roll-up, and the coverage list.
func pipelinePart(ix *index) (part, error) {
	stages, stageOf := ix.stageOrder()
	stageProb := make([]float64, len(stages))
	for i, st := range stages {
		stageProb[i] = ix.opts.StageProbability[st]
	}
	ps := make([]pipelineScope, ix.nr+1)
	for s := range ps {
		ps[s] = pipelineScope{byStage: make([]stageAgg, len(stages)), funnel: make([]stageAgg, len(stages)),
			rollup: ForecastRollup{Period: ix.period.Name}}
	}
	for i := range ix.cur.Deals {
		d := &ix.cur.Deals[i]
		k := -1
		if d.Status == Open {
			k32, _ := stageOf.get(d.Stage)
			k = int(k32)
		}
		for _, s := range [2]int{int(ix.deals[i].region), ix.nr} {
			ps[s].add(ix, d, k, stageProb)
		}
	}
	coverage := ix.coverageList()
	return part{fill: func(rev *Review) {
		rev.Stages = stages
		for s := range ps {
			ps[s].fill(rev.scopeAt(s), stages)
		}
		rev.Pipeline.Coverage = coverage
	}}, nil
}

// stageOrder returns the open stages in funnel order and their numbers:
// the configured order (stages only closed deals have are left out), then
// the open stages as first seen.
func (ix *index) stageOrder() ([]string, *symIndex) {
	deals := ix.cur.Deals
	var closedStage, openStage symIndex
	for i := range deals {
		if deals[i].Status == Open {
			openStage.set(deals[i].Stage, 0)
		} else {
			closedStage.set(deals[i].Stage, 0)
		}
	}
	var stages []string
	stageOf := &symIndex{}
	add := func(st Sym) {
		stageOf.set(st, int32(len(stages)))
		stages = append(stages, st.String())
	}
	for _, name := range ix.opts.StageOrder {
		st := Intern(name)
		_, seen := stageOf.get(st)
		_, closed := closedStage.get(st)
		_, open := openStage.get(st)
		if !seen && (!closed || open) {
			add(st)
		}
	}
	for i := range deals {
		if st := deals[i].Stage; deals[i].Status == Open {
			if _, seen := stageOf.get(st); !seen {
				add(st)
			}
		}
	}
	return stages, stageOf
}

// add adds deal d, at open stage k (-1 when closed), to the scope.
func (p *pipelineScope) add(ix *index, d *Deal, k int, stageProb []float64) {
	inP := ix.inPeriod(d.Close)
	createdInP := ix.inPeriod(d.Created)
	switch d.Status {
	case Open:
		prob := d.Probability
		if !d.HasProbability {
			prob = stageProb[k]
		}
		a := &p.byStage[k]
		a.deals++
		a.amount += d.Amount
		w := float64(d.Amount) * prob
		a.weighted += w
		p.weighted += w
		if createdInP {
			p.reached(k+1, d.Amount) // an open deal reached its stage and those before
		}
		if inP {
			p.rollup.addOpen(d)
		}
	case Won:
		if createdInP {
			p.reached(len(p.funnel), d.Amount) // a won deal reached every open stage
		}
		if inP {
			p.rollup.Closed += d.Amount
		}
	case Lost:
		if createdInP && len(p.funnel) > 0 {
			p.reached(1, d.Amount) // how far a lost deal got is not known
		}
	}
}

// reached counts a deal in the first n stages of the funnel.
func (p *pipelineScope) reached(n int, amount Money) {
	for j := range n {
		p.funnel[j].deals++
		p.funnel[j].amount += amount
	}
}

// addOpen adds an open deal closing in the period to its forecast category.
func (ro *ForecastRollup) addOpen(d *Deal) {
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

// fill puts the scope's pipeline into sc.
func (p *pipelineScope) fill(sc *Scope, stages []string) {
	sc.PipelineByStage = make([]StageAmount, len(stages))
	sc.Funnel = make([]FunnelStage, len(stages))
	for k, st := range stages {
		a := p.byStage[k]
		sc.PipelineByStage[k] = StageAmount{Stage: st, Deals: a.deals, Amount: a.amount, Weighted: a.weighted / (100 * MoneyUnit)}
		sc.OpenPipeline += a.amount
		sc.OpenDeals += a.deals
		f := p.funnel[k]
		sc.Funnel[k] = FunnelStage{Stage: st, Deals: f.deals, Amount: f.amount}
		if k > 0 {
			sc.Funnel[k].Conversion = Div(float64(f.deals), float64(p.funnel[k-1].deals))
		}
	}
	sc.WeightedPipeline = p.weighted / (100 * MoneyUnit)
	ro := p.rollup
	ro.CommitTotal = ro.Closed + ro.Commit
	ro.BestCaseTotal = ro.CommitTotal + ro.BestCase
	ro.PipelineTotal = ro.BestCaseTotal + ro.Pipeline
	sc.Forecast = ro
}

// coverageList is the coverage of every scope for the review quarter, the
// as-of quarter, the current quarter and the one after the as-of quarter.
func (ix *index) coverageList() []Coverage {
	qs := []int{ix.periodQ}
	for _, q := range []int{ix.asOfQ, ix.currentQ, ix.asOfQ + 1} {
		if !slices.Contains(qs, q) {
			qs = append(qs, q)
		}
	}
	var out []Coverage
	for s := range ix.nr + 1 {
		for _, q := range qs {
			out = append(out, ix.coverage(s, q))
		}
	}
	return out
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
