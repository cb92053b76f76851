package crosscheck

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// flow is the independent pipeline-created and sales-cycle figures of one
// region and quarter (or all history).
type flow struct {
	created      int64 // micros: amounts of the deals created in the period, whatever their status
	createdDeals int
	cycles       []int // close - created in days, won deals closed in the period with a created date
}

// median is the middle of the sorted values, the mean of the two middle ones
// for an even count.
func median(v []int) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}

func mean(v []int) float64 {
	sum := 0
	for _, x := range v {
		sum += x
	}
	return float64(sum) / float64(len(v))
}

// tallyFlows: pipeline created in p = sum of amounts over deals whose created
// date falls in p; sales cycle in p = median and mean of close - created in
// days over won deals closed in p, deals without a created date left out
// (METRICS.md).
func tallyFlows(deals []deal, cal fiscal) (byQuarter map[string]map[string]*flow, all map[string]*flow) {
	byQuarter, all = map[string]map[string]*flow{}, map[string]*flow{}
	get := func(region, period string) *flow {
		if byQuarter[region] == nil {
			byQuarter[region] = map[string]*flow{}
		}
		if byQuarter[region][period] == nil {
			byQuarter[region][period] = &flow{}
		}
		return byQuarter[region][period]
	}
	for _, d := range deals {
		if all[d.region] == nil {
			all[d.region] = &flow{}
		}
		a := all[d.region]
		if d.created.IsZero() {
			continue
		}
		c := get(d.region, cal.quarterOf(d.created))
		c.created += d.micros
		c.createdDeals++
		a.created += d.micros
		a.createdDeals++
		if d.status == "won" && !d.close.IsZero() {
			days := int(d.close.Sub(d.created).Hours() / 24)
			q := get(d.region, cal.quarterOf(d.close))
			q.cycles = append(q.cycles, days)
			a.cycles = append(a.cycles, days)
		}
	}
	return byQuarter, all
}

// checkFlows compares pipeline created and the sales cycle with the site's
// bookings_by_region_quarter.csv and metrics.json (all history per region).
func checkFlows(t *testing.T, site string, deals []deal, cal fiscal) {
	t.Helper()
	byQuarter, all := tallyFlows(deals, cal)
	rows, col := readCSVFile(t, filepath.Join(site, "data", "bookings_by_region_quarter.csv"))
	seen := map[targetKey]bool{}
	for i, r := range rows {
		line, region, period := i+2, r[col["region"]], r[col["period"]]
		seen[targetKey{region, period}] = true
		want := flow{}
		if w := byQuarter[region][period]; w != nil {
			want = *w
		}
		where := fmt.Sprintf("bookings_by_region_quarter.csv:%d: %s %s", line, region, period)
		checkFlow(t, where, want, r[col["created"]], r[col["created_deals"]], r[col["cycle_deals"]],
			r[col["cycle_median_days"]], r[col["cycle_mean_days"]])
	}
	for _, region := range sortedKeys(byQuarter) {
		for _, period := range sortedKeys(byQuarter[region]) {
			if f := byQuarter[region][period]; !seen[targetKey{region, period}] {
				t.Errorf("bookings_by_region_quarter.csv: no row %s %s; want created %s in %d deals, %d won deals' cycles",
					region, period, money(f.created), f.createdDeals, len(f.cycles))
			}
		}
	}

	b, err := os.ReadFile(filepath.Join(site, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		ByRegion []struct {
			Region string `json:"region"`
			All    struct {
				Created      float64  `json:"created"`
				CreatedDeals int      `json:"created_deals"`
				CycleDeals   int      `json:"cycle_deals"`
				CycleMedian  *float64 `json:"cycle_median"`
				CycleMean    *float64 `json:"cycle_mean"`
			} `json:"all"`
		} `json:"by_region"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, r := range m.ByRegion {
		want := flow{}
		if w := all[r.Region]; w != nil {
			want = *w
		}
		f := func(p *float64) string {
			if p == nil {
				return ""
			}
			return strconv.FormatFloat(*p, 'g', -1, 64)
		}
		checkFlow(t, "metrics.json: "+r.Region+" all history", want, strconv.FormatFloat(r.All.Created, 'f', -1, 64),
			strconv.Itoa(r.All.CreatedDeals), strconv.Itoa(r.All.CycleDeals), f(r.All.CycleMedian), f(r.All.CycleMean))
	}
}

func checkFlow(t *testing.T, where string, want flow, created, createdDeals, cycleDeals, med, avg string) {
	t.Helper()
	c, err := strconv.ParseFloat(created, 64)
	if err != nil || micros(c) != want.created || createdDeals != strconv.Itoa(want.createdDeals) {
		t.Errorf("%s: pipeline created %s in %s deals; want %s in %d", where, created, createdDeals, money(want.created), want.createdDeals)
	}
	if cycleDeals != strconv.Itoa(len(want.cycles)) {
		t.Errorf("%s: sales cycle over %s deals; want %d", where, cycleDeals, len(want.cycles))
	}
	if len(want.cycles) == 0 {
		if med != "" || avg != "" {
			t.Errorf("%s: sales cycle median %q, mean %q without won deals; want n/a", where, med, avg)
		}
		return
	}
	gm, err1 := strconv.ParseFloat(med, 64)
	ga, err2 := strconv.ParseFloat(avg, 64)
	if wm, wa := median(want.cycles), mean(want.cycles); err1 != nil || err2 != nil || !closeTo(gm, wm) || !closeTo(ga, wa) {
		t.Errorf("%s: sales cycle median %q, mean %q days; want %v, %v over %d deals", where, med, avg, wm, wa, len(want.cycles))
	}
}

// readCSVFile reads a CSV file of the site: its rows after the header and
// the header's column numbers.
func readCSVFile(t *testing.T, path string) (rows [][]string, col map[string]int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %d lines, %v", path, len(recs), err)
	}
	col = map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	return recs[1:], col
}

// checkGrowth compares growth_qoq and growth_yoy of
// bookings_by_region_quarter.csv: QoQ = B(r,p) / B(r,p-1) - 1, YoY =
// B(r,p) / B(r,p-4) - 1, undefined when the earlier bookings are 0.
func checkGrowth(t *testing.T, site string, e expected, cal fiscal) {
	t.Helper()
	rows, col := readCSVFile(t, filepath.Join(site, "data", "bookings_by_region_quarter.csv"))
	booked := func(region, period string) int64 {
		if w := e.quarters[region][period]; w != nil {
			return w.bookings
		}
		return 0
	}
	for i, r := range rows {
		region, period := r[col["region"]], r[col["period"]]
		start, _, err := cal.bounds(period)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range []struct {
			name   string
			before time.Time
		}{{"growth_qoq", start.AddDate(0, -3, 0)}, {"growth_yoy", start.AddDate(-1, 0, 0)}} {
			prev := cal.quarterOf(g.before)
			now, then, got := booked(region, period), booked(region, prev), r[col[g.name]]
			if then == 0 {
				if got != "" {
					t.Errorf("bookings_by_region_quarter.csv:%d: %s %s: %s %q with no bookings in %s; want n/a",
						i+2, region, period, g.name, got, prev)
				}
				continue
			}
			w := float64(now)/float64(then) - 1
			if v, err := strconv.ParseFloat(got, 64); err != nil || !closeTo(v, w) {
				t.Errorf("bookings_by_region_quarter.csv:%d: %s %s: %s %q; want %s / %s (%s) - 1 = %v",
					i+2, region, period, g.name, got, money(now), money(then), prev, w)
			}
		}
	}
}
