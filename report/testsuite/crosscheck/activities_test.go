package crosscheck

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// activityKind normalises an activity type as METRICS.md says (Call, Phone,
// Outbound call -> call; Email, Mass email, InMail -> email; Meeting, Event,
// Demo, Presentation, Visit -> meeting), for the types the sample uses.
var activityKind = map[string]string{
	"call": "call", "outbound call": "call", "phone": "call",
	"email": "email", "mass email": "email", "inmail": "email",
	"meeting": "meeting", "demo": "meeting", "onsite visit": "meeting", "visit": "meeting", "event": "meeting",
	"presentation": "meeting",
}

// checkSampleActivities counts activities.xlsx per region (the linked
// deal's region) and fiscal quarter of their date, by normalised type, and
// compares with activities_by_region_quarter.csv and the activity columns of
// bookings_by_region_quarter.csv.
//
// Activities dated after the as-of date are planned, not done, and count
// nowhere but on the data-quality page, so that the
// caller can check the data-quality page counts them. It returns how many
// there were.
func checkSampleActivities(t *testing.T, site string, deals []deal, cal fiscal, asOf time.Time) (afterAsOf int) {
	t.Helper()
	regionOf := map[string]string{}
	for _, d := range deals {
		regionOf[d.id] = d.region
	}
	type counts map[string]int // kind -> count, "total" too
	want, all := map[targetKey]counts{}, map[string]counts{}
	lastRows := map[targetKey][]int{}
	h, rows := sheetRows(t, "activities.xlsx", "Activities")
	for i, r := range rows {
		where := fmt.Sprintf("activities.xlsx: Activities row %d", i+2)
		region, ok := regionOf[cell(t, h, r, "Opportunity ID")]
		if !ok {
			t.Fatalf("%s: deal %q is not in deals.xlsx; this loop only follows deal links", where, cell(t, h, r, "Opportunity ID"))
		}
		typ := cell(t, h, r, "Activity Type")
		kind, ok := activityKind[strings.ToLower(typ)]
		if !ok {
			kind = "other"
		}
		day := excelDay(t, where, cell(t, h, r, "Date"))
		if day.After(asOf) {
			// Planned, not done: docs/metrics-schema.md leaves activities
			// dated after the as-of date out of every count.
			lastRows[targetKey{region, cal.quarterOf(day)}] = append(lastRows[targetKey{region, cal.quarterOf(day)}], i+2)
			continue
		}
		k := targetKey{region, cal.quarterOf(day)}
		if want[k] == nil {
			want[k] = counts{}
		}
		if all[region] == nil {
			all[region] = counts{}
		}
		want[k][kind]++
		want[k]["total"]++
		all[region][kind]++
		all[region]["total"]++
	}
	for _, rows := range lastRows {
		afterAsOf += len(rows)
	}
	asOfStart, _, _ := cal.bounds(cal.quarterOf(asOf))
	for _, file := range []struct {
		name string
		cols map[string]string // kind -> column
	}{
		{"activities_by_region_quarter.csv", map[string]string{"call": "calls", "email": "emails", "meeting": "meetings", "other": "other", "total": "total"}},
		{"bookings_by_region_quarter.csv", map[string]string{"call": "calls", "email": "emails", "meeting": "meetings", "other": "other_activities", "total": "activities"}},
	} {
		got, col := readCSVFile(t, filepath.Join(site, "data", file.name))
		seen := map[targetKey]bool{}
		for i, r := range got {
			k := targetKey{r[col["region"]], r[col["period"]]}
			seen[k] = true
			for kind, c := range file.cols {
				if _, ok := col[c]; !ok {
					t.Fatalf("%s: no column %q", file.name, c)
				}
				if w := fmt.Sprint(want[k][kind]); r[col[c]] != w {
					t.Errorf("%s:%d: %s %s: %s %s; want %s", file.name, i+2, k.region, k.period, c, r[col[c]], w)
				}
			}
		}
		for _, k := range sortedTargetKeys(want) {
			if start, _, _ := cal.bounds(k.period); !seen[k] && start.After(asOfStart) {
				t.Errorf("%s: %s %s is after the as-of quarter but has activities", file.name, k.region, k.period)
			} else if !seen[k] {
				t.Errorf("%s: no row %s %s; want %d activities", file.name, k.region, k.period, want[k]["total"])
			}
		}
	}

	// All history per region in metrics.json: every activity up to the as-of date.
	var m struct {
		ByRegion []struct {
			Region string `json:"region"`
			All    struct {
				Activities map[string]int `json:"activities"`
			} `json:"all"`
		} `json:"by_region"`
	}
	b, err := os.ReadFile(filepath.Join(site, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, r := range m.ByRegion {
		for _, kind := range []string{"call", "email", "meeting", "other", "total"} {
			if got, w := r.All.Activities[kind], all[r.Region][kind]; got != w {
				t.Errorf("metrics.json: %s all history: %s %d; want %d", r.Region, kind, got, w)
			}
		}
	}
	return afterAsOf
}
