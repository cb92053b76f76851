package crosscheck

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// checkRecognised compares recognised revenue per region and quarter and ARR
// per region and month with plain loops (METRICS.md, amounts as TCV): a won
// deal's monthly value is amount / term; its contract runs term months from
// the month of close; recognised revenue in p = monthly value x the
// contract's months in p; ARR at month m = 12 x the monthly values of the
// contracts running in m.
//
// Unless exact is set, a figure may differ from the formula by the product's
// whole-cent split of each contract (up to a cent per contract month: 3 per
// quarter, 12 in an ARR) -- where the product and METRICS.md part (see
// TestSampleCrosscheck/recognised-to-the-cent).
func checkRecognised(t *testing.T, site string, deals []deal, cal fiscal, defaultTerm int, exact bool) {
	t.Helper()
	recognised := map[targetKey]float64{} // millionths
	arr := map[targetKey]float64{}        // region, "2006-01" -> millionths
	running := map[targetKey]int{}        // contract months behind each figure
	for _, d := range deals {
		if d.status != "won" || d.close.IsZero() {
			continue
		}
		term := d.term
		if term == 0 {
			term = defaultTerm
		}
		monthly := float64(d.micros) / float64(term)
		first := time.Date(d.close.Year(), d.close.Month(), 1, 0, 0, 0, 0, time.UTC)
		for k := range term {
			m := first.AddDate(0, k, 0)
			q, mo := targetKey{d.region, cal.quarterOf(m)}, targetKey{d.region, m.Format("2006-01")}
			recognised[q] += monthly
			arr[mo] += 12 * monthly
			running[q]++
			running[mo] += 12
		}
	}
	near := func(got string, want float64, k targetKey) bool {
		v, err := strconv.ParseFloat(got, 64)
		slack := 1.0 // millionths: the float64 sums' rounding
		if !exact {
			slack += 10_000 * float64(running[k]) // a cent per contract month
		}
		return err == nil && math.Abs(v*1e6-want) <= slack
	}
	rows, col := readCSVFile(t, filepath.Join(site, "data", "bookings_by_region_quarter.csv"))
	rowSum := map[string]float64{} // region ("" for the total) -> the sum of its quarter rows
	for i, r := range rows {
		k := targetKey{r[col["region"]], r[col["period"]]}
		if w := recognised[k]; !near(r[col["recognised"]], w, k) {
			t.Errorf("bookings_by_region_quarter.csv:%d: %s %s: recognised %s; want %.6f", i+2, k.region, k.period, r[col["recognised"]], w/1e6)
		}
		v, _ := strconv.ParseFloat(r[col["recognised"]], 64)
		rowSum[k.region] += v
		rowSum[""] += v
	}
	// All-history recognised revenue is that of the quarters of the history:
	// the sum of the scope's rows above.
	rows, col = readCSVFile(t, filepath.Join(site, "data", "scope_summary.csv"))
	for i, r := range rows {
		region := r[col["region"]]
		v, err := strconv.ParseFloat(r[col["recognised_all"]], 64)
		if w := rowSum[region]; err != nil || math.Abs(v-w) > 1e-6*math.Max(1, math.Abs(w)) {
			t.Errorf("scope_summary.csv:%d: %q: recognised_all %s; want %.4f, the sum of its quarter rows",
				i+2, region, r[col["recognised_all"]], w)
		}
	}
	rows, col = readCSVFile(t, filepath.Join(site, "data", "arr_by_month_region.csv"))
	if len(rows) == 0 {
		t.Fatal("arr_by_month_region.csv: no rows")
	}
	for i, r := range rows {
		k := targetKey{r[col["region"]], r[col["month"]]}
		if w := arr[k]; !near(r[col["arr"]], w, k) {
			t.Errorf("arr_by_month_region.csv:%d: %s %s: ARR %s; want %s", i+2, k.region, k.period, r[col["arr"]], fmt.Sprintf("%.6f", w/1e6))
		}
	}
}

// TestContractCents is the smallest case of the contract finding: one
// won deal of 1054.00 USD closed 2017-03-10, default term 12 months, TCV.
// Monthly value 1054 / 12 = 87.8333; contract March 2017 .. February 2018.
//
//	recognised FY2017-Q1 (March):          87.8333 -> 87.83
//	recognised FY2017-Q2 (April..June): 3 x 87.8333 = 263.50
//	ARR at the end of March..June:     12 x 87.8333 = 1054.00
func TestContractCents(t *testing.T) {
	dir := t.TempDir()
	csvText := "Opportunity ID,Account Name,Region,Stage,Amount,Close Date\nC1,Acme,EMEA,Closed Won,1054,2017-03-10\n"
	if err := os.WriteFile(filepath.Join(dir, "deals.csv"), []byte(csvText), 0o644); err != nil {
		t.Fatal(err)
	}
	site := build(t, filepath.Join(dir, "deals.csv"), "--as-of", "2017-06-30")
	d, _ := time.Parse(time.DateOnly, "2017-03-10")
	checkRecognised(t, site, []deal{{row: 2, id: "C1", region: "EMEA", status: "won", micros: 1054_000000, exact: 1054,
		hasAmount: true, close: d}}, fiscal{start: 1}, 12, true)
}
