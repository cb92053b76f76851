package output

import (
	"math/rand"
	"strconv"
	"testing"

	"github.com/salesreview/salesreview/report"
)

// benchReview computes the review of n generated deals (8 regions, n/20
// accounts, 400 reps, five years) against an earlier export in which every
// tenth deal was absent and every tenth had another amount.
func benchReview(b *testing.B, n int) *report.Review {
	rng := rand.New(rand.NewSource(int64(n)))
	names := func(prefix string, k int) []report.Sym {
		out := make([]report.Sym, k)
		for i := range out {
			out[i] = report.Intern(prefix + " " + strconv.Itoa(i))
		}
		return out
	}
	regions, accounts, owners := names("Region", 8), names("Account", max(n/20, 10)), names("Rep", 400)
	stages := names("Stage", 4)
	cur, prev := &report.Records{}, &report.Records{}
	start := report.Date(2021, 1, 1)
	for i := range n {
		created := start + report.Day(rng.Intn(5*365))
		d := report.Deal{ID: "D" + strconv.Itoa(i), Name: "Deal " + strconv.Itoa(i),
			Account: accounts[rng.Intn(len(accounts))],
			Region:  regions[rng.Intn(len(regions))], Owner: owners[rng.Intn(len(owners))], Stage: stages[rng.Intn(len(stages))],
			Status: report.Status(rng.Intn(3)), Amount: report.Money(rng.Int63n(10_000_000)), HasAmount: true,
			Created: created, Close: created + report.Day(rng.Intn(200)), Src: report.Ref{Row: int32(i + 2)}}
		cur.Deals = append(cur.Deals, d)
		if i%10 == 1 {
			d.Amount += 100_00
		}
		if i%10 != 0 {
			prev.Deals = append(prev.Deals, d)
		}
	}
	rev, err := report.Compute(cur, prev, report.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return rev
}

// BenchmarkOutput writes metrics.json and every CSV table of the review of
// 100,000 deals; metrics.json lists at most Options.MaxListed (1000) rows
// per list, the CSV tables every row.
func BenchmarkOutput(b *testing.B) {
	rev := benchReview(b, 100_000)
	b.Run("metrics.json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			js, err := MetricsJSON(rev)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(js))/(1<<20), "MiB-out")
		}
	})
	b.Run("csv", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			size := 0
			for _, t := range Tables(rev) {
				size += len(t.CSV())
			}
			b.ReportMetric(float64(size)/(1<<20), "MiB-out")
		}
	})
}
