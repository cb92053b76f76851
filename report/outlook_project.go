package report

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// scopeSums sums a scope's cells on an anchor under a model.
type scopeSums struct {
	mu  float64 // sum of p x amount: the expected won amount
	v   float64 // sum of p(1-p) x amount^2: its variance were the deals independent
	m2  float64 // sum of p x amount^2
	m3  float64 // sum of p^2 x amount^2
	x   float64 // the amount actually won
	n   float64 // deals open
	won float64 // deals won
}

func (s *scopeSums) add(o scopeSums) {
	s.mu += o.mu
	s.v += o.v
	s.m2 += o.m2
	s.m3 += o.m3
	s.x += o.x
	s.n += o.n
	s.won += o.won
}

// sums returns the sums of every region on anchor a (index nr: the total).
func (as *anchorSet) sums(a *anchor, m *model) []scopeSums {
	nr := as.in.nr
	out := make([]scopeSums, nr+1)
	for c := range a.cells {
		cs := &a.cells[c]
		if cs.n == 0 {
			continue
		}
		s := scopeSums{x: cs.wonAmt[m.h], n: cs.n, won: cs.won[m.h]}
		if a.exp == nil {
			s.addDeals(m.p[c], amounts{cs.n, cs.amt, cs.amt2})
		} else {
			e := &a.exp[c]
			s.addDeals(m.q[c], e.in[m.h])
			s.addDeals(m.p[c], e.unknown)
		}
		out[as.raRegion[c/ageBuckets]].add(s)
		out[nr].add(s)
	}
	return out
}

// addDeals adds the moments of deals each won with probability p.
func (s *scopeSums) addDeals(p float64, d amounts) {
	s.mu += p * d.amt
	s.v += p * (1 - p) * d.amt2
	s.m2 += p * d.amt2
	s.m3 += p * p * d.amt2
}

// dealRate is the probability that a deal of a cell and class is won in
// the horizon's quarter: by its cell alone without an export of the day;
// with one, the rate of its cell's deals that closed in that quarter when
// the export expected it to close in it, and none when it expected
// another time.
func (m *model) dealRate(cell int32, class int8) float64 {
	switch class {
	case expectIn:
		return m.q[cell]
	case expectOutside:
		return 0
	}
	return m.p[cell]
}

// scopeSum returns a per-region figure of a scope (nr: the sum).
func scopeSum[T Money | int](xs []T, scope int) T {
	if scope < len(xs) {
		return xs[scope]
	}
	var sum T
	for _, x := range xs {
		sum += x
	}
	return sum
}

// projectAll projects, on the anchor of quarter kStar, the bookings of
// that quarter (h = 0) or of the next (h = 1), for every scope.
func (as *anchorSet) projectAll(kStar, h int) []Projection {
	in := as.in
	a := as.at(kStar)
	m := as.fit(kStar, h)
	out := make([]Projection, in.nr+1)
	for s := range out {
		pr := &out[s]
		pr.Reason = m.reason
		pr.OpenDeals = scopeSum(a.open, s)
		if h == 0 {
			pr.Booked = scopeSum(a.booked, s)
		}
		for _, t := range m.train {
			pr.History = append(pr.History, t.q.Name)
		}
		if a.snap != nil {
			pr.Export = a.snap.day
		}
	}
	if m.reason != "" {
		return out
	}
	// Each history quarter as the projection would have seen it had it
	// not learnt from that quarter: its errors measure the method's.
	loo := make([][]scopeSums, len(m.train))
	for j, t := range m.train {
		others := model{h: h}
		others.p, others.q = as.fitOn(slices.Delete(slices.Clone(m.train), j, j+1), h)
		if others.p == nil {
			others = m
		}
		loo[j] = as.sums(t, &others)
	}
	live := as.sums(a, &m)
	for s := range out {
		as.project(a, &m, s, loo, live[s], &out[s])
	}
	return out
}

// project completes one scope's projection pr on anchor a.
func (as *anchorSet) project(a *anchor, m *model, s int, loo [][]scopeSums, live scopeSums, pr *Projection) {
	in := as.in
	var won float64
	for j := range m.train {
		pr.HistoryDeals += int(loo[j][s].n)
		won += loo[j][s].won
	}
	switch {
	case pr.HistoryDeals < outlookMinDeals:
		pr.Reason = fmt.Sprintf("too few deals: %d open on day %d of the %d earlier quarters, %d needed",
			pr.HistoryDeals, in.t, len(m.train), outlookMinDeals)
		return
	case won < outlookMinWon:
		pr.Reason = fmt.Sprintf("too few won deals: %.0f of the %d open on day %d of the %d earlier quarters were won by their quarter's end, %d needed",
			won, pr.HistoryDeals, in.t, len(m.train), outlookMinWon)
		return
	}
	sim := simulation{booked: pr.Booked.Float()}
	ys := make([]float64, len(m.train))
	for j, t := range m.train {
		ys[j] = scopeSum(t.newWon[m.h], s).Float()
	}
	sim.fromNew = meanOf(ys)
	sim.spread, sim.df = spread(loo, ys, s), len(ys)
	sim.spread *= live.mu + sim.fromNew
	as.topDeals(a, m, s, &sim, live)
	draws := sim.draws(uint64(a.k)*1_000_003 + uint64(m.h)*7_919 + uint64(s) + 1)
	pr.OK = true
	pr.P10, pr.P50, pr.P90 = centsOf(quantile(draws, 0.1)), centsOf(quantile(draws, 0.5)), centsOf(quantile(draws, 0.9))
	pr.FromOpen, pr.FromNew = centsOf(live.mu), centsOf(sim.fromNew)
	pr.Mean = pr.Booked + pr.FromOpen + pr.FromNew
	if target, ok := in.target(s, a.k+m.h); ok {
		n := len(draws) - sortSearchFloat(draws, target.Float())
		pr.ProbabilityOfTarget = Div(float64(n), float64(len(draws)))
	}
}

// centsOf rounds a major-unit estimate to the cent: a projection is not
// exact to the millionth.
func centsOf(f float64) Money { return Cents(int64(math.Round(f * 100))) }

func meanOf(xs []float64) float64 {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// spread estimates how far the quarter lands from the projection's mean
// beyond the chance of the open deals themselves, relative to that mean:
// the history quarters' errors (each projected without learning from it,
// the new deals' part from the other quarters) squared, less the variance
// the independent deals explain, over the squared means; the square root
// of that, 0 when the deals explain it all. Good and bad quarters, for
// open and new deals alike, are what it measures.
func spread(loo [][]scopeSums, ys []float64, s int) float64 {
	var num, den, sumY float64
	for _, y := range ys {
		sumY += y
	}
	n := float64(len(ys))
	for j, h := range loo {
		f := h[s].mu + (sumY-ys[j])/(n-1)
		e := h[s].x + ys[j] - f
		num += e*e - h[s].v
		den += f * f
	}
	if den == 0 || num <= 0 {
		return 0
	}
	return math.Sqrt(num / den)
}

// topDeals puts the largest open deals of the scope into the simulation
// one by one, and the moments of the others.
func (as *anchorSet) topDeals(a *anchor, m *model, s int, sim *simulation, live scopeSums) {
	var top []topDeal
	for r := range a.top {
		if as.in.inScope(s, int32(r)) {
			top = append(top, a.top[r]...)
		}
	}
	slices.SortFunc(top, func(x, y topDeal) int {
		if x.amount != y.amount {
			return cmp.Compare(y.amount, x.amount)
		}
		return int(x.idx - y.idx)
	})
	top = top[:min(len(top), outlookTop)]
	sim.m1, sim.m2, sim.m3 = live.mu, live.m2, live.m3
	for _, d := range top {
		p := m.dealRate(d.cell, d.class[m.h])
		sim.top = append(sim.top, d.amount)
		sim.topP = append(sim.topP, p)
		sim.m1 -= p * d.amount
		sim.m2 -= p * d.amount * d.amount
		sim.m3 -= p * p * d.amount * d.amount
	}
	sim.m1, sim.m2, sim.m3 = max(0, sim.m1), max(0, sim.m2), max(0, sim.m3)
}

// simulation draws quarters: each of the largest open deals won with its
// probability, the other open deals' total from a normal law with the
// same mean and variance, the new deals' expected bookings, and the
// quarter's common error: a Student t with df degrees of freedom (the
// history quarters) scaled by spread.
type simulation struct {
	booked     float64
	top, topP  []float64
	m1, m2, m3 float64 // of the open deals not in top
	fromNew    float64
	spread     float64
	df         int
}

// draws returns outlookDraws simulated totals of the quarter, sorted.
func (sim *simulation) draws(seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 0x6f75746c6f6f6b))
	sd := math.Sqrt(max(0, sim.m2-sim.m3))
	out := make([]float64, outlookDraws)
	for i := range out {
		x := sim.fromNew
		for j, amt := range sim.top {
			if rng.Float64() < sim.topP[j] {
				x += amt
			}
		}
		if sim.m1 > 0 {
			x += sim.m1 + sd*rng.NormFloat64()
		}
		if sim.spread > 0 {
			x += sim.spread * studentT(rng, sim.df)
		}
		out[i] = sim.booked + max(0, x)
	}
	slices.Sort(out)
	return out
}

// studentT draws from a Student t law with df degrees of freedom.
func studentT(rng *rand.Rand, df int) float64 {
	var chi2 float64
	for range df {
		z := rng.NormFloat64()
		chi2 += z * z
	}
	return rng.NormFloat64() / math.Sqrt(chi2/float64(df))
}

// quantile returns the p-quantile of sorted xs, interpolating linearly.
func quantile(xs []float64, p float64) float64 {
	pos := p * float64(len(xs)-1)
	i := int(pos)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (pos-float64(i))*(xs[i+1]-xs[i])
}

// sortSearchFloat returns the number of sorted xs below v.
func sortSearchFloat(xs []float64, v float64) int {
	i, _ := slices.BinarySearch(xs, v)
	return i
}
