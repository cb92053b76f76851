package output_test

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/output"
)

func TestMetricsJSON(t *testing.T) {
	rev := fixture()
	rev.ByRegion[0].Region = `</script><script>alert(1)</script> __f__ {{.}}`
	b, err := output.MetricsJSON(rev)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := output.MetricsJSON(rev)
	if !bytes.Equal(b, b2) {
		t.Fatal("metrics.json differs between two calls")
	}
	if bytes.Contains(b, []byte("</script>")) {
		t.Error("metrics.json holds a raw </script>")
	}
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	period := m["period"].(map[string]any)["name"]
	if m["schema"] != json.Number("2") || period != "FY2026-Q2" || m["as_of"] != "2026-06-30" {
		t.Errorf("schema %v period %v as_of %v", m["schema"], m["period"], m["as_of"])
	}
	// Money as exact decimals in major units; undefined as null.
	east := m["by_region"].([]any)[0].(map[string]any)["trend"].([]any)[1].(map[string]any)
	if east["bookings"] != json.Number("1000.00") || east["win_rate"] != json.Number("0.5") ||
		east["growth_qoq"] != json.Number("1") {
		t.Errorf("East FY2026-Q2: bookings %v, win rate %v, growth %v", east["bookings"], east["win_rate"],
			east["growth_qoq"])
	}
	if v, ok := east["growth_yoy"]; !ok || v != nil {
		t.Errorf("East growth_yoy = %v, want null", v)
	}
	// Keys are sorted.
	if i, j := bytes.Index(b, []byte(`"activities"`)), bytes.Index(b, []byte(`"as_of"`)); i < 0 || j < 0 || i > j {
		t.Error("keys not sorted")
	}
}

// TestListed: metrics.json carries the cut lists (the *Listed fields)
// under the names of the whole lists, with their counts; the CSV tables
// carry every row.
func TestListed(t *testing.T) {
	b, err := output.MetricsJSON(fixture())
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Pipeline struct {
			PastDue       []any  `json:"past_due"`
			PastDueDeals  int    `json:"past_due_deals"`
			PastDueAmount string `json:"past_due_amount"`
			Risks         []any  `json:"risks"`
		} `json:"pipeline"`
		Changes struct {
			Deals        []any `json:"deals"`
			DealsChanged int   `json:"deals_changed"`
		} `json:"changes"`
		Quality struct {
			Problems      []any `json:"problems"`
			ProblemsTotal int   `json:"problems_total"`
		} `json:"quality"`
		Revenue struct {
			Clients      []any `json:"clients"`
			ClientsTotal int   `json:"clients_total"`
		} `json:"revenue"`
	}
	// (past_due_amount is read as text to check its exact decimals.)
	b = bytes.ReplaceAll(b, []byte(`"past_due_amount": 2000.00`), []byte(`"past_due_amount": "2000.00"`))
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	p, c, q, r := m.Pipeline, m.Changes, m.Quality, m.Revenue
	if len(p.PastDue) != 1 || p.PastDueDeals != 1 || p.PastDueAmount != "2000.00" || len(p.Risks) != 2 ||
		len(c.Deals) != 1 || c.DealsChanged != 2 || len(q.Problems) != 1 || q.ProblemsTotal != 2 ||
		len(r.Clients) != 1 || r.ClientsTotal != 2 {
		t.Errorf("metrics.json lists: %+v", m)
	}
	for _, tb := range output.Tables(fixture()) {
		want := map[string]int{"deal_changes": 2, "data_problems": 2, "revenue_by_client": 2, "deal_risks": 2,
			"past_due_deals": 1}
		if n, ok := want[tb.Name]; ok && len(slices.Collect(tb.Rows)) != n {
			t.Errorf("%s: %d rows, want %d", tb.Name, len(slices.Collect(tb.Rows)), n)
		}
	}
}

func TestTables(t *testing.T) {
	tables := map[string]output.Table{}
	for _, tb := range output.Tables(fixture()) {
		if _, dup := tables[tb.Name]; dup {
			t.Errorf("table %s twice", tb.Name)
		}
		tables[tb.Name] = tb
		i := 0
		for r := range tb.Rows {
			if len(r) != len(tb.Header) {
				t.Errorf("%s row %d: %d fields, header %d", tb.Name, i, len(r), len(tb.Header))
			}
			i++
		}
	}
	b := tables["bookings_by_region_quarter"]
	if strings.Join(b.Header[:2], ",") != "region,period" {
		t.Errorf("header %v", b.Header)
	}
	col := map[string]int{}
	for i, h := range b.Header {
		col[h] = i
	}
	rows := slices.Collect(b.Rows)
	// One row per region (East, West) and quarter (FY2026-Q1, FY2026-Q2).
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	// East FY2026-Q2: 1,000.00 of 1,300.00 won by value; West FY2026-Q2:
	// nothing booked, a target of 0.10.
	e := rows[1]
	if e[0] != "East" || e[1] != "FY2026-Q2" || e[col["bookings"]] != "1000.00" ||
		e[col["win_rate_value"]] != "0.7692307692307693" ||
		e[col["growth_yoy"]] != "" || e[col["period_start"]] != "2026-04-01" {
		t.Errorf("East Q2 row %v", e)
	}
	w := rows[3]
	if w[0] != "West" || w[col["bookings"]] != "0.00" || w[col["target"]] != "0.10" || w[col["lost_amount"]] != "0.25" ||
		w[col["attainment"]] != "0" {
		t.Errorf("West Q2 row %v", w)
	}
}

// TestOddValues: values JSON cannot hold as they are still give valid
// JSON: NaN and infinite floats and ratios are null, a missing date null,
// invalid UTF-8 the replacement character, control characters escaped,
// empty and nil lists [], a nil map {}, no earlier snapshot null.
func TestOddValues(t *testing.T) {
	rev := &report.Review{Regions: []string{"bad \xff utf8", "bell\b \u2028 <&>"}, Changes: nil}
	rev.Total.KPIs.Current.ARR = math.NaN()
	rev.Total.WeightedPipeline = math.Inf(1)
	rev.Total.All.WinRate = report.Ratio{Value: math.Inf(-1), OK: true}
	rev.Options.StageProbability = nil
	rev.Revenue.ARRByMonth = []report.ARRMonth{{ByRegion: []float64{math.NaN(), 1e21, -2.5e-9}}}
	b, err := output.MetricsJSON(rev)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b) {
		t.Fatalf("invalid JSON:\n%s", b)
	}
	for _, want := range []string{`"arr": null`, `"weighted_pipeline": null`, `"win_rate": null`, `"as_of": null`,
		`"changes": null`,
		`"stage_probability": {}`, `"stages": []`, `"trend": []`, "\"bad \ufffd utf8\"", `"bell\b \u2028 \u003c\u0026\u003e"`,
		"\"by_region\": [\n     null,\n     1e+21,\n     -2.5e-9\n    ]"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("metrics.json lacks %s", want)
		}
	}
}

// TestEveryFieldTagged: every field metrics.json holds names its key in a
// json tag (`json:"win_rate_value"`); a field added without one would be
// written under its Go name.
func TestEveryFieldTagged(t *testing.T) {
	custom := map[reflect.Type]bool{ // written by output's own marshalers
		reflect.TypeFor[report.Ratio](): true, reflect.TypeFor[report.Position](): true,
		reflect.TypeFor[report.Problem](): true,
	}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice || ty.Kind() == reflect.Map {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || custom[ty] || seen[ty] {
			return
		}
		seen[ty] = true
		for f := range ty.Fields() {
			if !f.IsExported() {
				continue
			}
			if f.Tag.Get("json") == "" {
				t.Errorf("%s.%s has no json tag", ty, f.Name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[report.Review]())
}
