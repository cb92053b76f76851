package report

import (
	"math"
	"math/rand/v2"
	"testing"
)

// winProcess generates deals from a known process: per region, deals are
// created at a steady daily rate; each is resolved 10 days plus an
// exponential time (mean 60 days) after it was created, and won with a
// probability of 30% times the factor of the quarter it is resolved in,
// common to every region (lognormal, 25% spread: good and bad quarters),
// times 1.3 for deals under 10,000 and 0.7 above 50,000. Amounts are
// lognormal around 20,000. The export is taken on the last day of the
// last quarter; the as-of date is a day inside that quarter.
type winProcess struct {
	quarters int       // calendar quarters from 2023-Q1
	rates    []float64 // deals created per day, per region
	spread   float64   // sigma of the quarter factor
}

func (w winProcess) records(rng *rand.Rand) *Records {
	cal := Calendar{Start: 1}
	first := cal.Quarter(cal.QuarterIndex(Date(2023, 1, 1)))
	last := cal.Quarter(cal.QuarterIndex(first.Start) + w.quarters - 1)
	factor := map[int]float64{}
	quarterFactor := func(d Day) float64 {
		k := cal.QuarterIndex(d)
		f, ok := factor[k]
		if !ok {
			f = math.Exp(w.spread*rng.NormFloat64() - w.spread*w.spread/2)
			factor[k] = f
		}
		return f
	}
	recs := &Records{}
	for day := first.Start; day <= last.End; day++ {
		for r, rate := range w.rates {
			for n := poisson(rng, rate); n > 0; n-- {
				amount := math.Exp(math.Log(20000) + 0.9*rng.NormFloat64())
				closeDay := day + Day(10+rng.ExpFloat64()*60)
				p := 0.3
				switch {
				case amount < 10000:
					p *= 1.3
				case amount > 50000:
					p *= 0.7
				}
				d := Deal{Region: Intern(string(rune('A' + r))), Account: Intern("acct"), Amount: MoneyFromFloat(amount), HasAmount: true,
					Created: day, Close: closeDay, Stage: Intern("Open")}
				if closeDay <= last.End {
					d.Status, d.Stage = Lost, Intern("Closed Lost")
					if rng.Float64() < min(0.95, p*quarterFactor(closeDay)) {
						d.Status, d.Stage = Won, Intern("Closed Won")
					}
				}
				recs.Deals = append(recs.Deals, d)
			}
		}
	}
	return recs
}

// poisson draws a Poisson count with mean lambda (small lambda).
func poisson(rng *rand.Rand, lambda float64) int {
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= rng.Float64()
		if p < l {
			return k
		}
		k++
	}
}

// TestProjectionCalibration checks on data from a known win process that
// the P10-P90 range of the backtest holds the actual about 80% of the
// time. Seeds are fixed; 30 data sets x 8 backtest quarters give 240
// total-scope rows and 720 region rows. Were the range exact and the rows
// independent, the hit rate's standard error would be 2.6 points for the
// total rows and 1.5 for the region rows; the rows of one data set share
// their history and their quarter factors, so the tolerance is wider:
// 80% +- 10 points.
func TestProjectionCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical test: 30 generated data sets")
	}
	w := winProcess{quarters: 14, rates: []float64{1, 1, 0.5}, spread: 0.25}
	var total, regions [2]int // hits, rows
	var absErr float64
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 11))
		recs := w.records(rng)
		last := Calendar{Start: 1}.Quarter(Calendar{Start: 1}.QuarterIndex(Date(2023, 1, 1)) + w.quarters - 1)
		asOf := last.Start + Day(10+20*(seed%4)) // days 11, 31, 51 and 71
		o, err := ComputeOutlook(recs, nil, Options{AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range o.Backtest.Rows {
			if !r.Projection.OK {
				t.Fatalf("seed %d: %s %s: no projection: %s", seed, r.Region, r.Quarter, r.Projection.Reason)
			}
			acc := &regions
			if r.Region == "" {
				acc = &total
				absErr += math.Abs(r.ProjectionError.Value)
			}
			acc[1]++
			if r.InRange {
				acc[0]++
			}
		}
	}

	for _, c := range []struct {
		name string
		acc  [2]int
	}{{"total", total}, {"regions", regions}} {
		rate := float64(c.acc[0]) / float64(c.acc[1])
		t.Logf("%s: P10-P90 held the actual in %d of %d quarters (%.1f%%)", c.name, c.acc[0], c.acc[1], 100*rate)
		if rate < 0.70 || rate > 0.90 {
			t.Errorf("%s: P10-P90 held the actual in %.1f%% of the quarters, want 80%% +- 10", c.name, 100*rate)
		}
	}
	t.Logf("mean absolute error of the total's P50: %.0f", absErr/float64(total[1]))
}
