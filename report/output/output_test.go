package output

import (
	"bytes"
	"encoding/json"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
)

func TestCSVQuoting(t *testing.T) {
	tb := Table{Header: []string{"a", "b"}, Rows: slices.Values([][]string{{`x,y`, `say "hi"`}, {"line\nbreak", " pad"}, {"=1+2", ""}})}
	want := "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line\nbreak\",\" pad\"\n'=1+2,\n"
	if got := string(tb.CSV()); got != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", got, want)
	}
}

// TestCSVFormulaEscaping: text a spreadsheet would run gets a leading
// apostrophe; numbers, negative ones included, stay numbers.
func TestCSVFormulaEscaping(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("x")`: `'=HYPERLINK("x")`, "+cmd": "'+cmd", "-2+3+cmd": "'-2+3+cmd", "@SUM(1)": "'@SUM(1)",
		"\t=1": "'\t=1", "\r=1": "'\r=1", "-": "'-", "-.": "'-.", "-1e": "'-1e", "-Inf": "'-Inf", "+NaN": "'+NaN", "-0x1F": "'-0x1F",
		"-12.5": "-12.5", "+3": "+3", "-1e-05": "-1e-05", "-0.10": "-0.10", "-.5": "-.5", "-3.": "-3.", "-1E+7": "-1E+7",
		"12.5": "12.5", "Acme": "Acme", "a=b": "a=b", "": "", "'=x": "'=x",
	} {
		if got := FormulaSafe(in); got != want {
			t.Errorf("FormulaSafe(%q) = %q, want %q", in, got, want)
		}
	}
	// In a table: the name is protected (and quoted, holding a quote), the
	// negative delta and the header stay as they are.
	tb := Table{Header: []string{"name", "delta"}, Rows: slices.Values([][]string{{`=HYPERLINK("x")`, "-12.50"}, {"-deal", "-3"}})}
	want := "name,delta\n\"'=HYPERLINK(\"\"x\"\")\",-12.50\n'-deal,-3\n"
	if got := string(tb.CSV()); got != want {
		t.Errorf("CSV:\n%q\nwant:\n%q", got, want)
	}
}

// TestMoney: money is written in major units as the exact decimal of its
// millionths, with two to six decimals, to the ends of int64.
func TestMoney(t *testing.T) {
	for m, want := range map[report.Money]string{0: "0.00", 1: "0.000001", -1: "-0.000001", 10_000: "0.01",
		-10_000: "-0.01", 990_000: "0.99", -1_000_000: "-1.00", 1_234_560_000: "1234.56", 31_657_500: "31.6575",
		10_854_000: "10.854", 100_000: "0.10",
		-9223372036854775807: "-9223372036854.775807", 9223372036854775807: "9223372036854.775807"} {
		if got := string(appendMoney(nil, m)); got != want {
			t.Errorf("%d: %s, want %s", m, got, want)
		}
	}
}

// TestPlainDecimals: float cells of the CSV tables are plain decimals,
// never exponent notation (strconv 'g' would write 4.706093e+06 and
// -1.5354351097797068e-05), and still round-trip exactly.
func TestPlainDecimals(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{ff(4706093), "4706093"},                                                  // weighted pipeline of 4,706,093.00
		{ff(47993169.075), "47993169.075"},                                        // 4.7993169075e+07
		{ff(1054.0 / 12), "87.83333333333333"},                                    // monthly value of 1,054.00 over 12 months
		{ff(1025620), "1025620"},                                                  // ramp average 1.02562e+06
		{fr(report.Defined(-1.5354351097797068e-05)), "-0.000015354351097797068"}, // bias
		{fr(report.Defined(5.055799868450152e-05)), "0.00005055799868450152"},     // client share
		{fr(report.Defined(0.25)), "0.25"},
		{fr(report.Ratio{}), ""}, // undefined
		{ff(math.NaN()), ""},     // never NaN
		{ff(math.Inf(1)), ""},    // never infinity
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
		if v, err := strconv.ParseFloat(tt.want, 64); tt.want != "" && (err != nil || strconv.FormatFloat(v, 'f', -1, 64) != tt.want) {
			t.Errorf("%q does not round-trip", tt.want)
		}
	}
}

// TestCSVSized: a streamed table that says how many rows it has is written
// exactly as one that does not (the count only sizes the buffer), and a
// wrong count changes nothing either.
func TestCSVSized(t *testing.T) {
	rows := func(n int) iter.Seq[[]string] {
		return func(yield func([]string) bool) {
			for i := range n {
				if !yield([]string{strconv.Itoa(i), "name, with comma", "=1+1"}) {
					return
				}
			}
		}
	}
	for _, n := range []int{0, 1, csvSample, csvSample + 1, 3000} {
		want := Table{Header: []string{"i", "name", "formula"}, Rows: rows(n)}.CSV()
		for _, claimed := range []int{n, n / 2, 10 * n} {
			got := Table{Header: []string{"i", "name", "formula"}, Rows: rows(n), Len: claimed}.CSV()
			if !bytes.Equal(got, want) {
				t.Fatalf("%d rows, Len %d: CSV differs", n, claimed)
			}
		}
		if lines := bytes.Count(want, []byte("\n")); lines != n+1 {
			t.Errorf("%d rows: %d lines", n, lines)
		}
	}
}

func TestMetricsJSON(t *testing.T) {
	rev := fixture()
	rev.ByRegion[0].Region = `</script><script>alert(1)</script> __f__ {{.}}`
	b, err := MetricsJSON(rev)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := MetricsJSON(rev)
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
	if m["schema"] != json.Number("2") || m["period"].(map[string]any)["name"] != "FY2026-Q2" || m["as_of"] != "2026-06-30" {
		t.Errorf("schema %v period %v as_of %v", m["schema"], m["period"], m["as_of"])
	}
	// Money as exact decimals in major units; undefined as null.
	east := m["by_region"].([]any)[0].(map[string]any)["trend"].([]any)[1].(map[string]any)
	if east["bookings"] != json.Number("1000.00") || east["win_rate"] != json.Number("0.5") || east["growth_qoq"] != json.Number("1") {
		t.Errorf("East FY2026-Q2: bookings %v, win rate %v, growth %v", east["bookings"], east["win_rate"], east["growth_qoq"])
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
	b, err := MetricsJSON(fixture())
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
	if err := json.Unmarshal(bytes.ReplaceAll(b, []byte(`"past_due_amount": 2000.00`), []byte(`"past_due_amount": "2000.00"`)), &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Pipeline.PastDue) != 1 || m.Pipeline.PastDueDeals != 1 || m.Pipeline.PastDueAmount != "2000.00" || len(m.Pipeline.Risks) != 2 ||
		len(m.Changes.Deals) != 1 || m.Changes.DealsChanged != 2 || len(m.Quality.Problems) != 1 || m.Quality.ProblemsTotal != 2 ||
		len(m.Revenue.Clients) != 1 || m.Revenue.ClientsTotal != 2 {
		t.Errorf("metrics.json lists: %+v", m)
	}
	for _, tb := range Tables(fixture()) {
		want := map[string]int{"deal_changes": 2, "data_problems": 2, "revenue_by_client": 2, "deal_risks": 2, "past_due_deals": 1}
		if n, ok := want[tb.Name]; ok && len(slices.Collect(tb.Rows)) != n {
			t.Errorf("%s: %d rows, want %d", tb.Name, len(slices.Collect(tb.Rows)), n)
		}
	}
}

func TestTables(t *testing.T) {
	tables := map[string]Table{}
	for _, tb := range Tables(fixture()) {
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
	if e[0] != "East" || e[1] != "FY2026-Q2" || e[col["bookings"]] != "1000.00" || e[col["win_rate_value"]] != "0.7692307692307693" ||
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
	b, err := MetricsJSON(rev)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b) {
		t.Fatalf("invalid JSON:\n%s", b)
	}
	for _, want := range []string{`"arr": null`, `"weighted_pipeline": null`, `"win_rate": null`, `"as_of": null`, `"changes": null`,
		`"stage_probability": {}`, `"stages": []`, `"trend": []`, "\"bad \ufffd utf8\"", `"bell\b \u2028 \u003c\u0026\u003e"`,
		"\"by_region\": [\n     null,\n     1e+21,\n     -2.5e-9\n    ]"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("metrics.json lacks %s", want)
		}
	}
}
