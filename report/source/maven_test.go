package source

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/salesreview/salesreview/report"
)

const mavenDir = "../../testdata/maven-crm"

func mavenInputs(dir string, ext string) []Input {
	var in []Input
	for _, n := range []string{"sales_pipeline", "sales_teams", "accounts", "products", "data_dictionary"} {
		p := filepath.Join(dir, n+ext)
		if _, err := os.Stat(p); err == nil {
			in = append(in, Input{Path: p})
		}
	}
	return in
}

// regionCounts are won revenue (whole dollars) and deal counts per region.
type regionCounts struct {
	won              report.Money
	all, nWon, nLost int
}

func tallyRegions(deals []report.Deal) map[string]regionCounts {
	out := map[string]regionCounts{}
	for _, d := range deals {
		c := out[d.Region.String()]
		c.all++
		switch d.Status {
		case report.Won:
			c.nWon++
			c.won += d.Amount
		case report.Lost:
			c.nLost++
		}
		out[d.Region.String()] = c
	}
	return out
}

// mavenWant is SOURCE.md's independent check of the Maven data.
var mavenWant = map[string]regionCounts{
	"Central": {won: report.Cents(3346293 * 100), all: 3512, nWon: 1629, nLost: 975},
	"East":    {won: report.Cents(3090594 * 100), all: 2291, nWon: 1171, nLost: 687},
	"West":    {won: report.Cents(3568647 * 100), all: 2997, nWon: 1438, nLost: 811},
}

func checkMaven(t *testing.T, recs *report.Records) {
	t.Helper()
	if len(recs.Deals) != 8800 {
		t.Errorf("deals = %d, want 8800", len(recs.Deals))
	}
	got := tallyRegions(recs.Deals)
	var total report.Money
	for region, want := range mavenWant {
		if got[region] != want {
			t.Errorf("%s: got %+v, want %+v", region, got[region], want)
		}
		total += got[region].won
	}
	if len(got) != 3 {
		t.Errorf("regions = %v, want Central, East, West", got)
	}
	if total != report.Cents(10005534*100) {
		t.Errorf("won revenue = %v, want 10005534 dollars", total.Float())
	}
}

func TestMavenCSV(t *testing.T) {
	recs, err := Read(Options{Inputs: mavenInputs(mavenDir, ".csv")})
	if err != nil {
		t.Fatal(err)
	}
	checkMaven(t, recs)
	if testing.Verbose() {
		WriteSummary(os.Stdout, recs)
	}
}

func TestMavenExcelSaved(t *testing.T) {
	recs, err := Read(Options{Inputs: mavenInputs(filepath.Join(mavenDir, "excel-saved"), ".xlsx")})
	if err != nil {
		t.Fatal(err)
	}
	checkMaven(t, recs)
	if testing.Verbose() {
		WriteSummary(os.Stdout, recs)
	}
}

func TestMavenDirectory(t *testing.T) {
	recs, err := Read(Options{Inputs: []Input{{Path: mavenDir}}})
	if err != nil {
		t.Fatal(err)
	}
	checkMaven(t, recs)
	if len(recs.Files) != 5 {
		t.Errorf("files %v", recs.Files)
	}
}
