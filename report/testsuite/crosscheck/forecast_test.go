package crosscheck

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// forecastCall is one row of the sample's Forecast Calls sheet.
type forecastCall struct {
	submitted time.Time
	commit    int64 // millionths
}

// checkSampleForecast compares forecast_accuracy.csv with the calls of
// team.xlsx Forecast Calls: per region and past quarter, the call submitted
// last on or before the quarter's end; accuracy = 1 - |actual - forecast| /
// actual, bias = (forecast - actual) / actual with actual = B(r,p), both
// undefined when actual is 0 (METRICS.md).
func checkSampleForecast(t *testing.T, site string, e expected, asOf time.Time) {
	t.Helper()
	h, rows := sheetRows(t, "team.xlsx", "Forecast Calls")
	last := map[targetKey]forecastCall{}
	for i, r := range rows {
		where := fmt.Sprintf("team.xlsx: Forecast Calls row %d", i+2)
		k := targetKey{cell(t, h, r, "Region"), cell(t, h, r, "Period")}
		_, end, err := sampleFiscal.bounds(k.period)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		sub := excelDay(t, where, cell(t, h, r, "Submitted"))
		v, err := strconv.ParseFloat(cell(t, h, r, "Commit"), 64)
		if err != nil {
			t.Fatalf("%s: commit: %v", where, err)
		}
		if sub.After(end) {
			continue
		}
		if prev, ok := last[k]; ok && prev.submitted.Equal(sub) {
			t.Fatalf("%s: a second call for %v on %s", where, k, sub.Format(time.DateOnly))
		}
		if prev, ok := last[k]; !ok || sub.After(prev.submitted) {
			last[k] = forecastCall{submitted: sub, commit: micros(v)}
		}
	}

	got, col := readCSVFile(t, filepath.Join(site, "data", "forecast_accuracy.csv"))
	seen := map[targetKey]bool{}
	for i, r := range got {
		line, k := i+2, targetKey{r[col["region"]], r[col["period"]]}
		seen[k] = true
		where := fmt.Sprintf("forecast_accuracy.csv:%d: %s %s", line, k.region, k.period)
		call, has := last[k]
		actual := int64(0)
		if w := e.quarters[k.region][k.period]; w != nil {
			actual = w.bookings
		}
		if a := r[col["actual"]]; a != money(actual) {
			t.Errorf("%s: actual %s; want bookings %s", where, a, money(actual))
		}
		if !has {
			if r[col["has_call"]] != "false" || r[col["accuracy"]] != "" || r[col["bias"]] != "" {
				t.Errorf("%s: has_call %s, accuracy %q, bias %q; no call was submitted by the quarter's end", where,
					r[col["has_call"]], r[col["accuracy"]], r[col["bias"]])
			}
			continue
		}
		if r[col["has_call"]] != "true" || r[col["submitted"]] != call.submitted.Format(time.DateOnly) || r[col["forecast"]] != money(call.commit) {
			t.Errorf("%s: call %s of %s, commit %s; want the last call by the quarter's end, %s, commit %s", where,
				r[col["has_call"]], r[col["submitted"]], r[col["forecast"]], call.submitted.Format(time.DateOnly), money(call.commit))
		}
		if actual == 0 {
			if r[col["accuracy"]] != "" || r[col["bias"]] != "" {
				t.Errorf("%s: accuracy %q, bias %q with no bookings; want n/a", where, r[col["accuracy"]], r[col["bias"]])
			}
			continue
		}
		acc := 1 - math.Abs(float64(actual-call.commit))/float64(actual)
		bias := float64(call.commit-actual) / float64(actual)
		ga, err1 := strconv.ParseFloat(r[col["accuracy"]], 64)
		gb, err2 := strconv.ParseFloat(r[col["bias"]], 64)
		if err1 != nil || err2 != nil || !closeTo(ga, acc) || !closeTo(gb, bias) {
			t.Errorf("%s: accuracy %q, bias %q; want 1 - |%s - %s| / %s = %v, %v", where, r[col["accuracy"]], r[col["bias"]],
				money(actual), money(call.commit), money(actual), acc, bias)
		}
	}
	// Every quarter over by the as-of date that has a call is listed.
	for _, k := range sortedTargetKeys(last) {
		if _, end, _ := sampleFiscal.bounds(k.period); !end.After(asOf) && !seen[k] {
			t.Errorf("forecast_accuracy.csv: no row %s %s; a call was submitted on %s", k.region, k.period,
				last[k].submitted.Format(time.DateOnly))
		}
	}
}

func sortedTargetKeys[V any](m map[targetKey]V) []targetKey {
	keys := make([]targetKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b targetKey) int { return strings.Compare(a.region+"\x00"+a.period, b.region+"\x00"+b.period) })
	return keys
}
