package report

import (
	"math/rand"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// genRecords generates n deals and n activities across 8 regions, n/20
// accounts, 500 owners and five years.
func genRecords(n int) *Records {
	rng := rand.New(rand.NewSource(int64(n)))
	regions := internAll("North", "South", "East", "West", "Central", "EMEA", "APAC", "LatAm")
	stages := internAll("Prospecting", "Qualification", "Proposal", "Negotiation")
	nAcct := max(n/20, 10)
	accounts := make([]Sym, nAcct)
	for i := range accounts {
		accounts[i] = Intern("Account " + strconv.Itoa(i))
	}
	owners := make([]Sym, 500)
	for i := range owners {
		owners[i] = Intern("Rep " + strconv.Itoa(i))
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = "D" + strconv.Itoa(i)
	}
	recs := &Records{Deals: make([]Deal, n), Activities: make([]Activity, n)}
	start := Date(2021, 1, 1)
	end := start + 5*365
	for i := range recs.Deals {
		created := start + Day(rng.Intn(5*365))
		close := created + Day(rng.Intn(200))
		d := Deal{ID: ids[i], Account: accounts[rng.Intn(nAcct)], Region: regions[rng.Intn(len(regions))],
			Market: Intern("Market " + strconv.Itoa(rng.Intn(6))), Owner: owners[rng.Intn(len(owners))],
			Amount: Cents(rng.Int63n(10_000_000)), HasAmount: true,
			TermMonths: 1 + rng.Int31n(60), Src: Ref{Row: int32(i + 2)}}
		switch x := rng.Intn(10); {
		case x < 4:
			d.Status, d.Stage = Won, Intern("Closed Won")
		case x < 7:
			d.Status, d.Stage = Lost, Intern("Closed Lost")
		default:
			// Open deals were created in the last nine months and are
			// expected to close up to ten months later: some are past due.
			d.Stage = stages[rng.Intn(len(stages))]
			created = end - Day(rng.Intn(270))
			close = created + Day(30+rng.Intn(300))
		}
		d.Created, d.Close = created, close
		recs.Deals[i] = d
	}
	for i := range recs.Activities {
		a := Activity{Type: ActivityType(rng.Intn(4)), Date: start + Day(rng.Intn(5*365)), Owner: owners[rng.Intn(len(owners))]}
		switch x := rng.Intn(10); {
		case x < 6:
			a.DealID = ids[rng.Intn(n)]
		case x < 8:
			a.Account = accounts[rng.Intn(nAcct)]
		case x < 9:
			a.Region = regions[rng.Intn(len(regions))]
		}
		recs.Activities[i] = a
	}
	return recs
}

// benchCompute also reports the CPU time per review (user + system, all
// threads: on a loaded machine wall time says little) and the peak resident
// memory of the process, generated records included.
func benchCompute(b *testing.B, n int) {
	recs := genRecords(n)
	benchCPU(b, func() {
		if _, err := Compute(recs, nil, Options{}); err != nil {
			b.Fatal(err)
		}
	})
}

// benchCPU runs op in the benchmark loop and reports, beside the wall time,
// the CPU time per op (user + system, all threads: on a loaded machine wall
// time says little) and the peak resident memory of the process.
func benchCPU(b *testing.B, op func()) {
	b.ReportAllocs()
	var before syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	b.ResetTimer()
	for b.Loop() {
		op()
	}
	b.StopTimer()
	var after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(after.Maxrss)/1024, "maxrss-MiB")
}

// BenchmarkCompute computes the whole review of n deals and n activities.
func BenchmarkCompute(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchCompute(b, n) })
	}
}

// prevSnapshot derives an earlier export from recs: a tenth of the deals
// absent (new since), a tenth with another amount, a tenth closing a
// quarter earlier, and the rest as they are (unchanged).
func prevSnapshot(recs *Records) *Records {
	prev := &Records{Deals: make([]Deal, 0, len(recs.Deals))}
	for i, d := range recs.Deals {
		switch i % 10 {
		case 0:
			continue
		case 1:
			d.Amount += Cents(100_00)
		case 2:
			d.Close -= 91
		case 3:
			if d.Status != Open {
				d.Status, d.Stage = Open, Intern("Negotiation")
			}
		}
		prev.Deals = append(prev.Deals, d)
	}
	return prev
}

// BenchmarkReview computes a review of n deals and n activities against an
// earlier snapshot. It reports the peak resident memory of the process
// (records of both snapshots included). metrics.json and the CSV tables
// are measured in package output (BenchmarkOutput).
func BenchmarkReview(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			recs := genRecords(n)
			prev := prevSnapshot(recs)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := Compute(recs, prev, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			var ru syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
			b.ReportMetric(float64(ru.Maxrss)/1024, "maxrss-MiB")
		})
	}
}
