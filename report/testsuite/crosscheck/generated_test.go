package crosscheck

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// generated is a workbook of deals unlike the sample, written by the test:
// a July fiscal year named by the year it starts, stage names in other case
// and spacing, amounts with cents in four currencies, datetimes on quarter
// boundaries, deals without a region (roster, else Unassigned), lost deals
// without an amount, a zero-amount won deal, targets for quarters without
// deals.
type generated struct {
	deals   []deal
	targets map[targetKey]int64
	cal     fiscal
	period  string
}

// genRates are the configuration's rates of the generated workbook.
var genRates = map[string]float64{"": 1, "USD": 1, "EUR": 1.08, "GBP": 1.27, "CHF": 1.13}

const genConfig = `inputs:
  - path: deals.xlsx
    sheet: Opportunities
    role: deals
  - path: deals.xlsx
    sheet: Team
    role: roster
  - path: deals.xlsx
    sheet: Targets
    role: targets
stages:
  won: [Closed Won]
  lost: [Closed Lost]
  probabilities: {Prospecting: 10, Negotiation: 60}
fiscal_year: {start: July, naming: start}
currency:
  report: USD
  rates: {EUR: 1.08, GBP: 1.27, CHF: 1.13}
period: FY2025-Q3
as_of: 2026-06-30
`

// writeGenerated writes dir/deals.xlsx and dir/salesreview.yaml and returns
// what the plain loops need: every deal as the test means it.
func writeGenerated(t *testing.T, dir string, seed uint64) generated {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	g := generated{cal: fiscal{start: 7, namedByStart: true}, period: "FY2025-Q3", targets: map[targetKey]int64{}}
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	stampStyle, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetName("Sheet1", "Opportunities"); err != nil {
		t.Fatal(err)
	}
	// The same rows as CSV text, per sheet: plain numbers, ISO dates.
	text := map[string][][]string{}
	put := func(sheet string, row, col int, v string) {
		for len(text[sheet]) < row {
			text[sheet] = append(text[sheet], nil)
		}
		for len(text[sheet][row-1]) < col {
			text[sheet][row-1] = append(text[sheet][row-1], "")
		}
		text[sheet][row-1][col-1] = v
	}
	set := func(sheet string, row int, vals ...any) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			switch x := v.(type) {
			case nil:
				put(sheet, row, i+1, "")
			case string:
				put(sheet, row, i+1, x)
			case float64:
				put(sheet, row, i+1, strconv.FormatFloat(x, 'f', -1, 64))
			default:
				t.Fatalf("set: %T", v)
			}
		}
	}
	setDate := func(sheet string, col, row int, d time.Time, stamp bool) {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		serial := d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
		style := dateStyle
		if stamp {
			style = stampStyle
		}
		if err := f.SetCellValue(sheet, cell, serial); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
			t.Fatal(err)
		}
		if stamp {
			put(sheet, row, col, d.Format("2006-01-02 15:04"))
		} else {
			put(sheet, row, col, d.Format(time.DateOnly))
		}
	}

	regions := []string{"Americas", "EMEA", "APJ", "Zeta Partners"}
	reps := map[string]string{"Ada Ames": "Americas", "Bo Berg": "EMEA", "Cy Chan": "APJ", "Di Diaz": "Zeta Partners"}
	repNames := []string{"Ada Ames", "Bo Berg", "Cy Chan", "Di Diaz", "Ex Temp"} // Ex Temp is not in the roster
	wonStages := []string{"Closed Won", "closed won", "CLOSED WON", "ClosedWon", "Closed  Won"}
	lostStages := []string{"Closed Lost", "closed lost", "ClosedLost"}
	openStages := []string{"Prospecting", "Negotiation", "Discovery"} // Discovery has no default probability
	currencies := []string{"USD", "EUR", "GBP", "CHF", ""}
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)

	set("Opportunities", 1, "Opportunity ID", "Account Name", "Opportunity Owner", "Region", "Stage", "Amount",
		"Currency", "Probability (%)", "Created Date", "Close Date")
	// Closed deals between 2024-01-01 and the as-of date; a quarter of them on
	// a fiscal quarter's first or last day, some with a time of day.
	first := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(asOf.Sub(first).Hours()/24) + 1
	const n = 1500
	for i := range n {
		row := i + 2
		d := deal{row: row, id: fmt.Sprintf("G-%05d", i+1), status: "open"}
		owner := repNames[r.IntN(len(repNames))]
		d.owner = owner
		region := ""
		if r.IntN(5) > 0 {
			region = regions[r.IntN(len(regions))]
		}
		d.region = region
		if d.region == "" {
			d.region = reps[owner]
		}
		if d.region == "" {
			d.region = unassigned
		}
		var stage string
		var close time.Time
		switch v := r.IntN(10); {
		case v < 4:
			d.status, stage = "won", wonStages[r.IntN(len(wonStages))]
		case v < 7:
			d.status, stage = "lost", lostStages[r.IntN(len(lostStages))]
		default:
			stage = openStages[r.IntN(len(openStages))]
		}
		d.stage = stage
		if d.status == "open" {
			// Open: expected close from three months before the as-of date
			// (past due) to six after.
			close = asOf.AddDate(0, -3, r.IntN(270))
		} else {
			close = first.AddDate(0, 0, r.IntN(days))
			if r.IntN(4) == 0 { // a quarter boundary
				qs, qe, _ := g.cal.bounds(g.cal.quarterOf(close))
				close = qs
				if r.IntN(2) == 0 {
					close = qe
				}
			}
		}
		stamp := r.IntN(3) == 0 && close.Before(asOf)
		if stamp {
			close = close.Add(time.Duration(r.IntN(24*60)) * time.Minute) // 00:00..23:59 the same day
		}
		d.close = time.Date(close.Year(), close.Month(), close.Day(), 0, 0, 0, 0, time.UTC)
		created := d.close.AddDate(0, 0, -10-r.IntN(200))
		if created.After(asOf) { // no deal is created after the report date
			created = asOf.AddDate(0, 0, -r.IntN(60))
		}

		cur := currencies[r.IntN(len(currencies))]
		amount := math.Round((500+r.Float64()*80000)*100) / 100
		var amountCell any = amount
		switch {
		case d.status == "lost" && r.IntN(4) == 0:
			amountCell = nil // a lost deal without an amount
		case d.status == "won" && i == 7:
			amount, amountCell = 0, 0.0
		}
		if amountCell != nil {
			d.micros, d.exact, d.hasAmount = converted(t, amount, genRates[cur]), amount*genRates[cur], true
		}
		var probCell any
		if d.status == "open" {
			switch {
			case r.IntN(2) == 0:
				p := float64(r.IntN(101))
				d.prob, probCell = p, p
			case stage == "Prospecting":
				d.prob = 10
			case stage == "Negotiation":
				d.prob = 60
			}
		}
		set("Opportunities", row, d.id, fmt.Sprintf("Account %d", r.IntN(120)), owner, region, stage, amountCell, cur, probCell)
		d.created = created
		setDate("Opportunities", 9, row, created, false)
		setDate("Opportunities", 10, row, close, stamp)
		g.deals = append(g.deals, d)
	}

	if _, err := f.NewSheet("Team"); err != nil {
		t.Fatal(err)
	}
	set("Team", 1, "Sales Rep", "Region")
	for i, name := range repNames[:4] {
		set("Team", i+2, name, reps[name])
	}

	if _, err := f.NewSheet("Targets"); err != nil {
		t.Fatal(err)
	}
	set("Targets", 1, "Region", "Period", "Target")
	row := 2
	for _, region := range regions {
		for _, p := range []string{"FY2024-Q4", "FY2025-Q1", "FY2025-Q2", "FY2025-Q3", "FY2025-Q4", "FY2026-Q1"} {
			v := float64(200000 + r.IntN(800000))
			if region == "APJ" && p == "FY2025-Q3" {
				continue // no target: attainment n/a
			}
			set("Targets", row, region, p, v)
			g.targets[targetKey{region, p}] = micros(v)
			row++
		}
	}

	if err := f.SaveAs(filepath.Join(dir, "deals.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "salesreview.yaml"), []byte(genConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	for sheet, name := range map[string]string{"Opportunities": "deals.csv", "Team": "team.csv", "Targets": "targets.csv"} {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if err := w.WriteAll(text[sheet]); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	csvConfig := strings.Replace(genConfig, `inputs:
  - path: deals.xlsx
    sheet: Opportunities
    role: deals
  - path: deals.xlsx
    sheet: Team
    role: roster
  - path: deals.xlsx
    sheet: Targets
    role: targets
`, `inputs:
  - path: deals.csv
    role: deals
  - path: team.csv
    role: roster
  - path: targets.csv
    role: targets
`, 1)
	if csvConfig == genConfig {
		t.Fatal("genConfig's inputs changed: update the CSV variant")
	}
	if err := os.WriteFile(filepath.Join(dir, "csv.yaml"), []byte(csvConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGeneratedCrosscheck(t *testing.T) {
	dir := t.TempDir()
	g := writeGenerated(t, dir, 2026)
	e := tallyDeals(g.deals, g.cal)
	site := build(t, "-c", filepath.Join(dir, "salesreview.yaml"))
	m := readMetrics(t, site)
	if m.FiscalYearStart != 7 || m.Period.Name != g.period || m.Period.Start != "2026-01-01" || m.Period.End != "2026-03-31" {
		t.Errorf("metrics.json: fiscal_year_start %d, period %+v; want 7, FY2025-Q3 2026-01-01..2026-03-31", m.FiscalYearStart, m.Period)
	}
	compare(t, site, g.cal, e, g.targets)
	checkReps(t, site, g.deals, g.cal, g.period, nil)
	checkFlows(t, site, g.deals, g.cal)
	checkPipeline(t, site, g.deals, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC))
	checkRecognised(t, site, g.deals, g.cal, 12, false)
	checkGrowth(t, site, e, g.cal)
	checkCoverage(t, site, g.deals, e, g.cal, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), g.targets, false)

	// The same rows as CSV files (ISO dates, "2006-01-02 15:04" times).
	t.Run("csv", func(t *testing.T) {
		site := build(t, "-c", filepath.Join(dir, "csv.yaml"))
		compare(t, site, g.cal, e, g.targets)
	})

	t.Run("unrounded-sums", func(t *testing.T) {
		unroundedSums(t, site, e)
	})
}

// TestConvertedAmountsUnrounded: converted amounts are summed unrounded
// (METRICS.md: round only for display). Calendar quarters, May 2026:
//
//	EMEA: 3 x EUR 10.05 at 1.08 = 3 x 10.854  = 32.562  (per deal to the cent: 3 x 10.85 = 32.55)
//	DACH: 3 x CHF 10.05 at 1.05 = 3 x 10.5525 = 31.6575 (per deal to the cent: 3 x 10.55 = 31.65)
//
// Total 64.2195; the CSV and metrics.json carry the exact decimals.
func TestConvertedAmountsUnrounded(t *testing.T) {
	site := buildLiteral(t, [][]any{
		{"Opportunity ID", "Account Name", "Region", "Stage", "Amount", "Currency", "Close Date"},
		{"D1", "Acme", "EMEA", "Closed Won", 10.05, "EUR", "2026-05-04"},
		{"D2", "Acme", "EMEA", "Closed Won", 10.05, "EUR", "2026-05-05"},
		{"D3", "Acme", "EMEA", "Closed Won", 10.05, "EUR", "2026-05-06"},
		{"C1", "Bern AG", "DACH", "Closed Won", 10.05, "CHF", "2026-05-04"},
		{"C2", "Bern AG", "DACH", "Closed Won", 10.05, "CHF", "2026-05-05"},
		{"C3", "Bern AG", "DACH", "Closed Won", 10.05, "CHF", "2026-05-06"},
	}, "inputs: [deals.xlsx]\ncurrency: {report: USD, rates: {EUR: 1.08, CHF: 1.05}}\n")
	want := map[string]string{"EMEA": "32.562", "DACH": "31.6575"}
	for _, p := range readProductCSV(t, site) {
		if p.period != "FY2026-Q2" {
			continue
		}
		if p.bookingsText != want[p.region] {
			t.Errorf("%s FY2026-Q2 bookings %s; want %s", p.region, p.bookingsText, want[p.region])
		}
		delete(want, p.region)
	}
	if len(want) > 0 {
		t.Errorf("bookings_by_region_quarter.csv: no FY2026-Q2 row for %v", want)
	}
	b, err := os.ReadFile(filepath.Join(site, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The total scope's all-history bookings, as written.
	if !bytes.Contains(b, []byte(`"bookings": 64.2195,`)) {
		t.Errorf("metrics.json: no \"bookings\": 64.2195 (the total, 32.562 + 31.6575)")
	}
	if m := readMetrics(t, site); m.Total.All.Bookings != 64.2195 {
		t.Errorf("metrics.json: total bookings %v; want 64.2195", m.Total.All.Bookings)
	}
}

// unroundedSums compares the CSV's bookings with the float64 sums of the
// unrounded converted amounts (METRICS.md: "compute on unrounded values;
// round only for display").
func unroundedSums(t *testing.T, site string, e expected) {
	t.Helper()
	var diffs []string
	for _, p := range readProductCSV(t, site) {
		w := e.quarters[p.region][p.period]
		if w == nil {
			continue
		}
		if got := float64(p.bookings) / 1e6; math.Abs(got-w.exact) > 1e-9*math.Max(1, math.Abs(w.exact)) {
			diffs = append(diffs, fmt.Sprintf("%s %s: %s, unrounded sum %.6f", p.region, p.period, p.bookingsText, w.exact))
		}
	}
	if len(diffs) > 0 {
		t.Errorf("bookings differ from the unrounded sums in %d rows:\n%s", len(diffs), strings.Join(diffs, "\n"))
	}
}

// buildLiteral writes rows as the one sheet of deals.xlsx beside conf
// (salesreview.yaml) and builds the site.
func buildLiteral(t *testing.T, rows [][]any, conf string) string {
	t.Helper()
	dir := t.TempDir()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(filepath.Join(dir, "deals.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "salesreview.yaml"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	return build(t, "-c", filepath.Join(dir, "salesreview.yaml"))
}

// TestClosedAfterAsOf: deals closed (won or lost) after the as-of date
// count in the all-history figures and in their quarter's row, so the
// quarters add up to the whole. Calendar quarters; as of 2026-03-31:
//
//	D1 won  100 EMEA 2026-02-10 -> FY2026-Q1: 100.00, 1 won, 0 lost
//	D2 won   50 EMEA 2026-05-10 -> FY2026-Q2:  50.00, 1 won, 1 lost
//	D3 lost  70 EMEA 2026-05-12 -> FY2026-Q2
//
// EMEA all history: 150.00, 2 won, 1 lost = the sum of the two rows.
func TestClosedAfterAsOf(t *testing.T) {
	site := buildLiteral(t, [][]any{
		{"Opportunity ID", "Account Name", "Region", "Stage", "Amount", "Close Date"},
		{"D1", "Acme", "EMEA", "Closed Won", 100, "2026-02-10"},
		{"D2", "Acme", "EMEA", "Closed Won", 50, "2026-05-10"},
		{"D3", "Acme", "EMEA", "Closed Lost", 70, "2026-05-12"},
	}, "inputs: [deals.xlsx]\nas_of: 2026-03-31\n")
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	e := tallyDeals([]deal{
		{row: 2, id: "D1", region: "EMEA", status: "won", micros: 100_000000, exact: 100, hasAmount: true, close: day("2026-02-10")},
		{row: 3, id: "D2", region: "EMEA", status: "won", micros: 50_000000, exact: 50, hasAmount: true, close: day("2026-05-10")},
		{row: 4, id: "D3", region: "EMEA", status: "lost", micros: 70_000000, exact: 70, hasAmount: true, close: day("2026-05-12")},
	}, fiscal{start: 1})
	compare(t, site, fiscal{start: 1}, e, nil)
}

// TestTimeZonesAndSpellings: a CSV's timestamps with a UTC offset belong to
// the quarter of their UTC day (METRICS.md: the report's time zone, default
// UTC), and region names spelt differently stay apart (with a warning).
// Calendar quarters, as of 2026-06-30:
//
//	T1 won  100 EMEA 2026-03-31T23:30:00-05:00 = 2026-04-01 04:30 UTC -> FY2026-Q2
//	T2 won   10 EMEA 2026-04-01T01:00:00+02:00 = 2026-03-31 23:00 UTC -> FY2026-Q1
//	T3 won    1 EMEA 2026-03-31T22:00:00Z                            -> FY2026-Q1
//	T4 won 1000 emea 2026-02-01                                      -> FY2026-Q1
//
// EMEA FY2026-Q1 11.00 (2 won), FY2026-Q2 100.00 (1 won); emea FY2026-Q1 1000.00.
func TestTimeZonesAndSpellings(t *testing.T) {
	dir := t.TempDir()
	deals := "Opportunity ID,Account Name,Region,Stage,Amount,Close Date\n" +
		"T1,Acme,EMEA,Closed Won,100,2026-03-31T23:30:00-05:00\n" +
		"T2,Acme,EMEA,Closed Won,10,2026-04-01T01:00:00+02:00\n" +
		"T3,Acme,EMEA,Closed Won,1,2026-03-31T22:00:00Z\n" +
		"T4,Acme,emea,Closed Won,1000,2026-02-01\n"
	if err := os.WriteFile(filepath.Join(dir, "deals.csv"), []byte(deals), 0o644); err != nil {
		t.Fatal(err)
	}
	site := build(t, filepath.Join(dir, "deals.csv"), "--as-of", "2026-06-30")
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	e := tallyDeals([]deal{
		{row: 2, id: "T1", region: "EMEA", status: "won", micros: 100_000000, exact: 100, hasAmount: true, close: day("2026-04-01")},
		{row: 3, id: "T2", region: "EMEA", status: "won", micros: 10_000000, exact: 10, hasAmount: true, close: day("2026-03-31")},
		{row: 4, id: "T3", region: "EMEA", status: "won", micros: 1_000000, exact: 1, hasAmount: true, close: day("2026-03-31")},
		{row: 5, id: "T4", region: "emea", status: "won", micros: 1000_000000, exact: 1000, hasAmount: true, close: day("2026-02-01")},
	}, fiscal{start: 1})
	if got := e.quarters["EMEA"]["FY2026-Q1"]; got == nil || got.bookings != 11_000000 || got.won != 2 {
		t.Fatalf("our loop: EMEA FY2026-Q1 %+v; want 11.00 in 2 won deals", got)
	}
	compare(t, site, fiscal{start: 1}, e, nil)
}
