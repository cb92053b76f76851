package report

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// readCSV reads a whole CSV file of the Maven test data.
func readCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "maven-crm", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

func parseISO(t *testing.T, s string) Day {
	t.Helper()
	if s == "" {
		return NoDay
	}
	tm, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return DayOf(tm)
}

// mavenDeals builds deals from sales_pipeline.csv, with the region taken
// from sales_teams.csv, independently of package source.
func mavenDeals(t *testing.T) []Deal {
	team := map[string]string{}
	for _, r := range readCSV(t, "sales_teams.csv")[1:] {
		team[r[0]] = r[2]
	}
	rows := readCSV(t, "sales_pipeline.csv")
	var deals []Deal
	for i, r := range rows[1:] {
		d := Deal{ID: r[0], Owner: Intern(r[1]), Market: Intern(r[2]), Account: Intern(r[3]), Stage: Intern(r[4]), Region: Intern(team[r[1]]),
			Created: parseISO(t, r[5]), Close: parseISO(t, r[6]), Src: Ref{Row: int32(i + 2)}}
		switch r[4] {
		case "Won":
			d.Status = Won
		case "Lost":
			d.Status = Lost
		}
		if r[7] != "" {
			v, err := strconv.ParseFloat(r[7], 64)
			if err != nil {
				t.Fatal(err)
			}
			d.Amount, d.HasAmount = MoneyFromFloat(v), true
		}
		deals = append(deals, d)
	}
	return deals
}

func TestMavenBookingsAndWinRates(t *testing.T) {
	deals := mavenDeals(t)
	rev, err := Compute(&Records{Deals: deals}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Independent figures: a plain loop over the rows.
	type key struct{ region, q string }
	book := map[key]Money{}
	won, lost := map[string]int{}, map[string]int{}
	wonAmt, lostAmt := map[string]Money{}, map[string]Money{}
	for _, d := range deals {
		region := d.Region.String()
		switch d.Status {
		case Won:
			won[region]++
			wonAmt[region] += d.Amount
			y, m, _ := d.Close.Time().Date()
			if y == 2017 {
				book[key{region, "FY2017-Q" + strconv.Itoa((int(m)-1)/3+1)}] += d.Amount
			}
		case Lost:
			lost[region]++
			lostAmt[region] += d.Amount
		}
	}
	// SOURCE.md: won revenue Central 3,346,293, East 3,090,594, West 3,568,647.
	want := map[string]Money{"Central": Cents(334629300), "East": Cents(309059400), "West": Cents(356864700)}
	if got := rev.Regions; len(got) != 3 || got[0] != "Central" || got[1] != "East" || got[2] != "West" {
		t.Fatalf("regions %v", got)
	}
	if rev.AsOf.String() != "2017-12-31" || rev.Period.Name != "FY2017-Q4" {
		t.Errorf("as of %s, period %s; want 2017-12-31, FY2017-Q4", rev.AsOf, rev.Period.Name)
	}
	for _, sc := range rev.ByRegion {
		if sc.All.Bookings != want[sc.Region] || wonAmt[sc.Region] != want[sc.Region] {
			t.Errorf("%s: all bookings %d, loop %d, want %d", sc.Region, sc.All.Bookings, wonAmt[sc.Region], want[sc.Region])
		}
		for _, q := range sc.Trend {
			if q.Period[:6] != "FY2017" {
				continue
			}
			if q.Bookings != book[key{sc.Region, q.Period}] {
				t.Errorf("%s %s: bookings %d, want %d", sc.Region, q.Period, q.Bookings, book[key{sc.Region, q.Period}])
			}
		}
		wr := float64(won[sc.Region]) / float64(won[sc.Region]+lost[sc.Region])
		if !sc.All.WinRate.OK || sc.All.WinRate.Value != wr {
			t.Errorf("%s: win rate %v, want %v", sc.Region, sc.All.WinRate, wr)
		}
		wv := float64(wonAmt[sc.Region]) / float64(wonAmt[sc.Region]+lostAmt[sc.Region])
		if !sc.All.WinRateValue.OK || sc.All.WinRateValue.Value != wv {
			t.Errorf("%s: win rate by value %v, want %v", sc.Region, sc.All.WinRateValue, wv)
		}
	}
	// SOURCE.md: won / lost per region.
	counts := map[string][2]int{"Central": {1629, 975}, "East": {1171, 687}, "West": {1438, 811}}
	for r, n := range counts {
		sc := rev.Scope(r)
		if sc.All.WonDeals != n[0] || sc.All.LostDeals != n[1] {
			t.Errorf("%s: won/lost %d/%d, want %d/%d", r, sc.All.WonDeals, sc.All.LostDeals, n[0], n[1])
		}
	}
	// No activity export: activities per won deal is unknown, not 0.
	if rev.Activities.PerWonDeal.OK || rev.Total.Activities.PerWonDeal.OK || len(rev.Activities.Effectiveness) != 0 {
		t.Errorf("activity figures without activities: %v %v %v", rev.Activities.PerWonDeal, rev.Total.Activities.PerWonDeal, rev.Activities.Effectiveness)
	}
	if rev.Total.All.Bookings != Cents(1000553400) {
		t.Errorf("total bookings %v, want 10005534.00", rev.Total.All.Bookings.Float())
	}
}

// The same deals without a region column, with the team table as roster:
// the review derives each deal's region from its owner, and its quarterly
// trend (the rows of data/bookings_by_region_quarter.csv) holds the loop's
// figures.
func TestMavenRegionFromRoster(t *testing.T) {
	deals := mavenDeals(t)
	var roster []RosterEntry
	for _, r := range readCSV(t, "sales_teams.csv")[1:] {
		roster = append(roster, RosterEntry{Owner: Intern(r[0]), Manager: Intern(r[1]), Region: Intern(r[2])})
	}
	type key struct{ region, q string }
	book := map[key]Money{}
	won, lost := map[key]int{}, map[key]int{}
	for i := range deals {
		d := &deals[i]
		y, m, _ := d.Close.Time().Date()
		k := key{d.Region.String(), "FY" + strconv.Itoa(y) + "-Q" + strconv.Itoa((int(m)-1)/3+1)}
		switch d.Status {
		case Won:
			book[k] += d.Amount
			won[k]++
		case Lost:
			lost[k]++
		}
		d.Region = 0
	}
	rev, err := Compute(&Records{Deals: deals, Roster: roster}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rev.Regions) != 3 {
		t.Fatalf("regions %v", rev.Regions)
	}
	rows := 0
	for _, sc := range rev.ByRegion {
		for _, q := range sc.Trend {
			k := key{sc.Region, q.Period}
			if q.Period[:6] != "FY2017" {
				continue
			}
			rows++
			if q.Bookings != book[k] || q.WonDeals != won[k] || q.LostDeals != lost[k] {
				t.Errorf("%v: bookings %s won %d lost %d; loop %s %d %d", k, moneyText(q.Bookings), q.WonDeals, q.LostDeals,
					moneyText(book[k]), won[k], lost[k])
			}
		}
	}
	if rows != 12 {
		t.Errorf("%d rows for 2017, want 3 regions x 4 quarters", rows)
	}
	// The 5 agents without deals are reps of their region with no bookings.
	if n := len(rev.Reps.Rows); n != 35 {
		t.Errorf("%d reps, want the 35 of the team table", n)
	}
}
