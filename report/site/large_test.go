package site

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/salesreview/salesreview/report"
)

// largeRecords generates a large, seeded data set: deals deals over three
// years, twice as many activities, 12 regions, 300 reps, 5,000 accounts,
// targets and forecast calls, and a warning per 10 deals.
func largeRecords(deals int, seed uint64) *report.Records {
	rng := rand.New(rand.NewPCG(seed, 1))
	regions := []string{"West", "East", "North", "South", "Central", "EMEA North", "EMEA South", "DACH", "Nordics", "APAC", "Japan", "LATAM"}
	stages := []string{"Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"}
	markets := []string{"Software", "Retail", "Finance", "Health", "Energy", "Media", "Education", "Public", "Travel", "Logistics"}
	recs := &report.Records{Tables: []report.Table{{File: "pipeline.xlsx", Sheet: "Deals", Kind: report.DealTable, HeaderRow: 1,
		Columns: []report.ColumnMapping{{Field: "amount", Header: "Amount", Column: 5}}}}}
	reps := make([]string, 300)
	for i := range reps {
		reps[i] = fmt.Sprintf("Rep %03d", i)
		recs.Roster = append(recs.Roster, report.RosterEntry{Owner: report.Intern(reps[i]), Region: report.Intern(regions[i%len(regions)]), Manager: report.Intern(fmt.Sprintf("Manager %d", i%30)),
			Hired: report.Date(2023, 1, 1) + report.Day(rng.IntN(900))})
	}
	start := report.Date(2024, 1, 1)
	for i := 0; i < deals; i++ {
		owner := rng.IntN(len(reps))
		created := start + report.Day(rng.IntN(1000))
		d := report.Deal{ID: fmt.Sprintf("D%07d", i), Name: fmt.Sprintf("Deal %d", i), Account: report.Intern(fmt.Sprintf("Account %04d", rng.IntN(5000))),
			Region: report.Intern(regions[owner%len(regions)]), Market: report.Intern(markets[rng.IntN(len(markets))]), Owner: report.Intern(reps[owner]),
			Amount: report.Cents(int64(1000+rng.IntN(200000)) * 100), HasAmount: true, Created: created, Close: created + report.Day(10+rng.IntN(200)),
			TermMonths: 12 * (1 + rng.Int32N(3)), Src: report.Ref{Table: 0, Row: int32(i + 2)}}
		switch s := rng.IntN(10); {
		case s < 4:
			d.Status, d.Stage = report.Won, report.Intern(stages[4])
		case s < 7:
			d.Status, d.Stage = report.Lost, report.Intern(stages[5])
		default:
			d.Status, d.Stage = report.Open, report.Intern(stages[rng.IntN(4)])
			d.ForecastCategory = report.Intern([]string{"Pipeline", "Best Case", "Commit"}[rng.IntN(3)])
		}
		recs.Deals = append(recs.Deals, d)
		if i%10 == 0 {
			recs.Problems = append(recs.Problems, report.Problem{Pos: report.Position{File: "pipeline.xlsx", Sheet: "Deals", Row: i + 2, Col: 5},
				Severity: report.Warning, Msg: fmt.Sprintf(`amount "%d,5x" read as a number`, i)})
		}
	}
	for i := 0; i < 2*deals; i++ {
		d := recs.Deals[rng.IntN(len(recs.Deals))]
		recs.Activities = append(recs.Activities, report.Activity{ID: fmt.Sprintf("A%07d", i), Type: report.ActivityTypes[rng.IntN(4)],
			Date: d.Created + report.Day(rng.IntN(60)), Owner: d.Owner, Account: d.Account, DealID: d.ID})
	}
	for y := 2024; y <= 2026; y++ {
		for q := 1; q <= 4; q++ {
			for _, r := range regions {
				p := fmt.Sprintf("FY%d-Q%d", y, q)
				recs.Targets = append(recs.Targets, report.Target{Region: report.Intern(r), Period: p, Amount: report.Cents(int64(1_500_000_00 + rng.IntN(1_000_000_00)))})
				recs.Forecasts = append(recs.Forecasts, report.ForecastCall{Region: report.Intern(r), Period: p, Submitted: report.Date(y, time3(q), 15),
					Commit: report.Cents(int64(1_000_000_00 + rng.IntN(1_000_000_00)))})
			}
		}
	}
	recs.Tables[0].RowsRead, recs.Tables[0].Records = deals, deals
	return recs
}

func time3(q int) time.Month { return time.Month(3*q - 1) }

// largeReview computes the review of largeRecords, with an earlier snapshot.
func largeReview(tb testing.TB, deals int) *report.Review {
	tb.Helper()
	cur := largeRecords(deals, 1)
	prev := largeRecords(deals, 1)
	for i := range prev.Deals {
		if i%3 == 0 {
			prev.Deals[i].Close -= 40
			prev.Deals[i].Amount += report.Cents(500_00)
			if prev.Deals[i].Status != report.Open && i%2 == 0 {
				prev.Deals[i].Status, prev.Deals[i].Stage = report.Open, report.Intern("Proposal")
			}
		}
	}
	rev, err := report.Compute(cur, prev, report.Options{AsOf: report.Date(2026, 10, 5)})
	if err != nil {
		tb.Fatal(err)
	}
	return rev
}

// TestPageSizes renders a large review and checks that every page stays
// under 300 KB (long tables are cut; their CSV has every row).
func TestPageSizes(t *testing.T) {
	rev := largeReview(t, 10000)
	made, err := Render(rev, Options{Templates: templatesFS()})
	if err != nil {
		t.Fatal(err)
	}
	files := made.Files
	var report []string
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			report = append(report, fmt.Sprintf("%s %d", f.Path, len(f.Data)))
			if len(f.Data) > 300_000 {
				t.Errorf("%s is %d bytes, over 300 KB", f.Path, len(f.Data))
			}
		}
	}
	t.Log(strings.Join(report, "\n"))

	// The past-due table shows its first rows and says how many there are;
	// the CSV has every one.
	n := len(rev.Pipeline.PastDue)
	if n <= maxRows {
		t.Fatalf("only %d past-due deals: the test needs more than %d", n, maxRows)
	}
	checked := 0
	for _, f := range files {
		switch f.Path {
		case "pipeline.html":
			checked++
			want := fmt.Sprintf("Past-due deals (first %d of %d rows; the CSV has all)", maxRows, n)
			if !strings.Contains(string(f.Data), want) {
				t.Errorf("pipeline.html lacks %q", want)
			}
		case "data/past_due_deals.csv":
			checked++
			if lines := strings.Count(string(f.Data), "\n"); lines != n+1 {
				t.Errorf("past_due_deals.csv has %d lines, want %d deals + the header", lines, n)
			}
		}
	}
	if checked != 2 {
		t.Errorf("found %d of pipeline.html and data/past_due_deals.csv", checked)
	}
}

// BenchmarkRender renders the site of a review of 100,000 deals and
// 200,000 activities (the review is computed once, outside the timer).
func BenchmarkRender(b *testing.B) {
	rev := largeReview(b, 100000)
	opts := Options{Templates: templatesFS(), BuildDate: "2026-10-06"}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		made, err := Render(rev, opts)
		if err != nil {
			b.Fatal(err)
		}
		files := made.Files
		total := 0
		for _, f := range files {
			total += len(f.Data)
		}
		b.ReportMetric(float64(total)/1e6, "MB/site")
	}
}

// BenchmarkRenderSingleFile renders the same review as one file.
func BenchmarkRenderSingleFile(b *testing.B) {
	rev := largeReview(b, 100000)
	opts := Options{Templates: templatesFS(), BuildDate: "2026-10-06", SingleFile: true}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Render(rev, opts); err != nil {
			b.Fatal(err)
		}
	}
}
