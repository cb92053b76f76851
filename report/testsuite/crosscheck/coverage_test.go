package crosscheck

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// checkCoverage compares the region rows of coverage.csv with plain loops
// (METRICS.md): open pipeline = amounts of open deals with close in p;
// booked = B(r,p); remaining = target - booked; coverage = open pipeline /
// remaining, n/a without a target, once the target is met, and for a
// quarter that has ended on the as-of date (coverage is for a current or
// future quarter: what is left open in an ended one is past due); required
// coverage = 1 / win rate by value over the trailing four closed quarters:
// the four latest quarters before p that are over on the as-of date.
//
// Periods after the current quarter are checked only with future set: their
// trailing window is where the product and METRICS.md part (see
// TestSampleCrosscheck/coverage-future).
func checkCoverage(t *testing.T, site string, deals []deal, e expected, cal fiscal, asOf time.Time,
	targets map[targetKey]int64, future bool) {
	t.Helper()
	openIn := map[targetKey]int64{}
	for _, d := range deals {
		if d.status == "open" && !d.close.IsZero() {
			openIn[targetKey{d.region, cal.quarterOf(d.close)}] += d.micros
		}
	}
	current := cal.quarterOf(asOf) // the first quarter not over on the as-of date
	if _, end, _ := cal.bounds(current); !end.After(asOf) {
		current = cal.quarterOf(end.AddDate(0, 0, 1))
	}
	curStart, _, _ := cal.bounds(current)
	rows, col := readCSVFile(t, filepath.Join(site, "data", "coverage.csv"))
	checked := 0
	for i, r := range rows {
		if r[col["scope"]] != "region" {
			continue
		}
		region, period := r[col["region"]], r[col["period"]]
		where := fmt.Sprintf("coverage.csv:%d: %s %s", i+2, region, period)
		start, _, err := cal.bounds(period)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if start.After(curStart) && !future {
			continue
		}
		checked++
		var booked, won, lost int64
		if w := e.quarters[region][period]; w != nil {
			booked = w.bookings
		}
		// The trailing window: four quarters ending before p and by the current quarter.
		last := start.AddDate(0, -3, 0)
		if last.After(curStart.AddDate(0, -3, 0)) {
			last = curStart.AddDate(0, -3, 0)
		}
		var window []string
		for k := 3; k >= 0; k-- {
			q := cal.quarterOf(last.AddDate(0, -3*k, 0))
			window = append(window, q)
			if w := e.quarters[region][q]; w != nil {
				won += w.bookings
				lost += w.lostMicros
			}
		}
		tc, hasTarget := targets[targetKey{region, period}]
		want := map[string]string{
			"open_pipeline": money(openIn[targetKey{region, period}]),
			"booked":        money(booked),
		}
		if hasTarget {
			want["target"] = money(tc)
			want["remaining"] = money(tc - booked)
			want["target_met"] = strconv.FormatBool(booked >= tc)
		}
		for k, w := range want {
			if got := r[col[k]]; got != w {
				t.Errorf("%s: %s %q; want %s", where, k, got, w)
			}
		}
		checkRatio := func(name string, ok bool, w float64, how string) {
			t.Helper()
			got := r[col[name]]
			if !ok {
				if got != "" {
					t.Errorf("%s: %s %q; want n/a (%s)", where, name, got, how)
				}
				return
			}
			if v, err := strconv.ParseFloat(got, 64); err != nil || !closeTo(v, w) {
				t.Errorf("%s: %s %q; want %s = %v", where, name, got, how, w)
			}
		}
		rem := tc - booked
		ended := start.Before(curStart)
		checkRatio("coverage", hasTarget && rem > 0 && !ended, float64(openIn[targetKey{region, period}])/float64(rem),
			fmt.Sprintf("open %s / remaining %s (%s has ended: %v)", money(openIn[targetKey{region, period}]), money(rem), period, ended))
		wr := float64(won) / float64(won+lost)
		how := fmt.Sprintf("won %s / (won + lost %s) over %v", money(won), money(lost), window)
		checkRatio("trailing_win_rate_value", won+lost > 0, wr, how)
		checkRatio("required_coverage", won > 0, 1/wr, "1 / "+how)
	}
	if checked == 0 {
		t.Errorf("coverage.csv: no region row checked")
	}
}
