package crosscheck

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// checkPipeline compares the open pipeline by region and stage
// (pipeline_by_stage.csv: deals, amount, weighted = amount x probability /
// 100) and the past-due deals (open deals whose close is before the as-of
// date: past_due_deals.csv and metrics.json) with plain loops.
func checkPipeline(t *testing.T, site string, deals []deal, asOf time.Time) {
	t.Helper()
	type stageTally struct {
		deals    int
		amount   int64
		weighted float64 // millionths
	}
	byStage := map[targetKey]*stageTally{} // region, stage
	pastDue := map[string]deal{}
	var pastDueAmount int64
	for _, d := range deals {
		if d.status != "open" {
			continue
		}
		k := targetKey{d.region, d.stage}
		if byStage[k] == nil {
			byStage[k] = &stageTally{}
		}
		byStage[k].deals++
		byStage[k].amount += d.micros
		byStage[k].weighted += float64(d.micros) * d.prob / 100
		if !d.close.IsZero() && d.close.Before(asOf) {
			pastDue[d.id] = d
			pastDueAmount += d.micros
		}
	}
	rows, col := readCSVFile(t, filepath.Join(site, "data", "pipeline_by_stage.csv"))
	seen := map[targetKey]bool{}
	for i, r := range rows {
		if r[col["scope"]] != "region" {
			continue
		}
		k := targetKey{r[col["region"]], r[col["stage"]]}
		seen[k] = true
		w := byStage[k]
		if w == nil {
			w = &stageTally{}
		}
		weighted, err := strconv.ParseFloat(r[col["weighted"]], 64)
		if r[col["deals"]] != strconv.Itoa(w.deals) || r[col["amount"]] != money(w.amount) || err != nil ||
			math.Abs(weighted*1e6-w.weighted) > 1 {
			t.Errorf("pipeline_by_stage.csv:%d: %s %s: %s deals, amount %s, weighted %s; want %d, %s, %.4f", i+2, k.region, k.period,
				r[col["deals"]], r[col["amount"]], r[col["weighted"]], w.deals, money(w.amount), w.weighted/1e6)
		}
	}
	for _, k := range sortedTargetKeys(byStage) {
		if !seen[k] {
			t.Errorf("pipeline_by_stage.csv: no row %s %s; want %d open deals, %s", k.region, k.period, byStage[k].deals, money(byStage[k].amount))
		}
	}

	rows, col = readCSVFile(t, filepath.Join(site, "data", "past_due_deals.csv"))
	listed := map[string]bool{}
	for i, r := range rows {
		id := r[col["id"]]
		listed[id] = true
		d, ok := pastDue[id]
		if !ok {
			t.Errorf("past_due_deals.csv:%d: %s is not an open deal closing before %s", i+2, id, asOf.Format(time.DateOnly))
			continue
		}
		late := int(asOf.Sub(d.close).Hours() / 24)
		got := fmt.Sprintf("%s %s %s %s", r[col["region"]], r[col["amount"]], r[col["close"]], r[col["days_late"]])
		if want := fmt.Sprintf("%s %s %s %d", d.region, money(d.micros), d.close.Format(time.DateOnly), late); got != want {
			t.Errorf("past_due_deals.csv:%d: %s region, amount, close, days late %s; want %s", i+2, id, got, want)
		}
	}
	for _, id := range sortedKeys(pastDue) {
		if !listed[id] {
			t.Errorf("past_due_deals.csv: %s (row %d, close %s) is not listed", id, pastDue[id].row, pastDue[id].close.Format(time.DateOnly))
		}
	}
	b, err := os.ReadFile(filepath.Join(site, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Pipeline struct {
			PastDueDeals  int     `json:"past_due_deals"`
			PastDueAmount float64 `json:"past_due_amount"`
		} `json:"pipeline"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Pipeline.PastDueDeals != len(pastDue) || micros(m.Pipeline.PastDueAmount) != pastDueAmount {
		t.Errorf("metrics.json: %d past-due deals, %.2f; want %d, %s", m.Pipeline.PastDueDeals, m.Pipeline.PastDueAmount,
			len(pastDue), money(pastDueAmount))
	}
}

// checkPlainDecimals checks that no cell of the site's CSV tables is a
// number in exponent notation (like 4.706093e+06).
func checkPlainDecimals(t *testing.T, site string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(site, "data", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no CSV tables in %s: %v", site, err)
	}
	for _, f := range files {
		rows, col := readCSVFile(t, f)
		names := make([]string, len(col))
		for n, i := range col {
			names[i] = n
		}
		bad := 0
		for i, r := range rows {
			for j, c := range r {
				if _, err := strconv.ParseFloat(c, 64); err == nil && strings.ContainsAny(c, "eE") {
					if bad++; bad <= 3 {
						t.Errorf("%s:%d: %s %q is in exponent notation", filepath.Base(f), i+2, names[j], c)
					}
				}
			}
		}
		if bad > 3 {
			t.Errorf("%s: %d cells in exponent notation in all", filepath.Base(f), bad)
		}
	}
}
