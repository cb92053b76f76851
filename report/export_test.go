package report

import (
	"bytes"
	"encoding/json"
	"iter"
	"math"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestMetricsJSON(t *testing.T) {
	recs := fixture()
	recs.Deals[0].Name = `</script><script>alert(1)</script> __f__ {{.}}`
	rev, err := Compute(recs, fixture(), fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := rev.MetricsJSON()
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := rev.MetricsJSON()
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
	if m["schema"] != json.Number("1") || m["period"].(map[string]any)["name"] != "FY2026-Q2" || m["as_of"] != "2026-06-30" {
		t.Errorf("schema %v period %v as_of %v", m["schema"], m["period"], m["as_of"])
	}
	kpi := m["total"].(map[string]any)["kpis"].(map[string]any)["current"].(map[string]any)
	// Money as exact decimals in major units; undefined as null.
	if kpi["bookings"] != json.Number("1249.75") {
		t.Errorf("bookings %v", kpi["bookings"])
	}
	east := m["by_region"].([]any)[0].(map[string]any)["kpis"].(map[string]any)["current"].(map[string]any)
	if v, ok := east["growth_yoy"]; !ok || v != nil {
		t.Errorf("East growth_yoy = %v, want null", v)
	}
	if east["win_rate"] != json.Number("0.5") {
		t.Errorf("East win_rate %v", east["win_rate"])
	}
	// Keys are sorted: the encoder writes map keys in order.
	if i, j := bytes.Index(b, []byte(`"activities"`)), bytes.Index(b, []byte(`"as_of"`)); i < 0 || j < 0 || i > j {
		t.Error("keys not sorted")
	}
	// The snapshot of the same export: every deal unchanged.
	ch := m["changes"].(map[string]any)
	if ch["old_open_total"] != ch["new_open_total"] {
		t.Errorf("changes %v", ch)
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{"WinRateValue": "win_rate_value", "ARRByMonth": "arr_by_month", "Top10Share": "top10_share",
		"ID": "id", "GrowthQoQ": "growth_qoq", "ARR": "arr", "TCV": "tcv", "OldAsOf": "old_as_of", "SHA256": "sha256"} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTables(t *testing.T) {
	rev, err := Compute(fixture(), nil, fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string]CSVTable{}
	for _, tb := range rev.Tables() {
		if _, dup := tables[tb.Name]; dup {
			t.Errorf("table %s twice", tb.Name)
		}
		tables[tb.Name] = tb
		i := 0
		for r := range tb.AllRows() {
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
	// One row per region (East, West) and quarter (FY2025-Q2..FY2026-Q2).
	if len(b.Rows) != 10 {
		t.Fatalf("%d rows", len(b.Rows))
	}
	// East FY2026-Q2: bookings 1000.00, 1 won, 1 lost; West FY2026-Q1: 0 won, 1 lost.
	e := b.Rows[4]
	if e[0] != "East" || e[1] != "FY2026-Q2" || e[col["bookings"]] != "1000.00" || e[col["won_deals"]] != "1" || e[col["lost_deals"]] != "1" {
		t.Errorf("East Q2 row %v", e)
	}
	w := b.Rows[8]
	if w[0] != "West" || w[1] != "FY2026-Q1" || w[col["bookings"]] != "0.00" || w[col["lost_deals"]] != "1" || w[col["win_rate_value"]] != "" {
		t.Errorf("West Q1 row %v", w)
	}
}

func TestCSVQuoting(t *testing.T) {
	tb := CSVTable{Header: []string{"a", "b"}, Rows: [][]string{{`x,y`, `say "hi"`}, {"line\nbreak", " pad"}, {"=1+2", ""}}}
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
	tb := CSVTable{Header: []string{"name", "delta"}, Rows: [][]string{{`=HYPERLINK("x")`, "-12.50"}, {"-deal", "-3"}}}
	want := "name,delta\n\"'=HYPERLINK(\"\"x\"\")\",-12.50\n'-deal,-3\n"
	if got := string(tb.CSV()); got != want {
		t.Errorf("CSV:\n%q\nwant:\n%q", got, want)
	}
}

// The hand-written JSON writer escapes strings and formats numbers as
// encoding/json does.
func TestJSONWriterMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "plain", `</script><script>alert("x")</script>`, "a&b", "tab\there", "nl\nx", "\x00\x1f\x7f",
		"\u2028\u2029", "bad \xff utf8", "ünïcødé ✓", `back\slash`, "{{.}} __f__ ../"}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("%q: %s, want %s", s, got, want)
		}
	}
	rng := rand.New(rand.NewSource(9))
	floats := []float64{0, 1, -1, 0.1, 1e-7, 1e21, 1e20, 123456789.125, -2.5e-9, math.MaxFloat64, math.SmallestNonzeroFloat64}
	for i := 0; i < 1000; i++ {
		floats = append(floats, math.Float64frombits(rng.Uint64()))
	}
	for _, f := range floats {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			if got := string(appendJSONFloat(nil, f)); got != "null" {
				t.Errorf("%v: %s, want null", f, got)
			}
			continue
		}
		want, _ := json.Marshal(f)
		if got := appendJSONFloat(nil, f); string(got) != string(want) {
			t.Errorf("%v: %s, want %s", f, got, want)
		}
	}
	for _, m := range []Money{0, 1, -1, 99, -100, 123456, -9223372036854775807, 9223372036854775807} {
		if got, want := string(appendMoney(nil, m)), moneyText(m); got != want {
			t.Errorf("%d: %s, want %s", m, got, want)
		}
	}
}

// TestListsCapped: metrics.json lists at most Options.MaxListed deals per
// list (per category or rule), with the counts and totals of them all; the
// Review's own lists and the CSV tables keep every row.
func TestListsCapped(t *testing.T) {
	usd := func(d int64) Money { return Money(d * 100) }
	deal := func(id string, amount int64, close Day, status Status) Deal {
		return Deal{ID: id, Region: Intern("R"), Account: Intern("A"), Stage: Intern("Open"), Status: status, Amount: usd(amount), HasAmount: true,
			Created: Date(2026, 4, 1), Close: close}
	}
	// As of 2026-06-30, P1..P5 are open and past due by 29, 28, 27, 26, 25 days.
	cur := &Records{Deals: []Deal{
		deal("P1", 100, Date(2026, 6, 1), Open), deal("P2", 200, Date(2026, 6, 2), Open), deal("P3", 300, Date(2026, 6, 3), Open),
		deal("P4", 400, Date(2026, 6, 4), Open), deal("P5", 500, Date(2026, 6, 5), Open),
		deal("W1", 1000, Date(2026, 5, 1), Won),
	}}
	prev := &Records{Deals: []Deal{
		deal("P1", 50, Date(2026, 6, 1), Open), deal("P2", 100, Date(2026, 6, 2), Open), deal("P3", 250, Date(2026, 6, 3), Open),
		deal("P4", 400, Date(2026, 6, 4), Open), deal("P5", 500, Date(2026, 6, 5), Open),
		deal("W1", 1000, Date(2026, 5, 1), Open), deal("R1", 70, Date(2026, 6, 20), Open),
	}}
	rev, err := Compute(cur, prev, Options{AsOf: Date(2026, 6, 30), MaxListed: 2})
	if err != nil {
		t.Fatal(err)
	}
	p := rev.Pipeline
	// Past due: all five in the Review, the two most late listed; 100+200+300+400+500 = 1500.
	if len(p.PastDue) != 5 || p.PastDueDeals != 5 || len(p.PastDueListed) != 2 ||
		p.PastDueListed[0].Deal.ID != "P1" || p.PastDueListed[1].Deal.ID != "P2" {
		t.Errorf("past due %d, listed %+v, count %d", len(p.PastDue), p.PastDueListed, p.PastDueDeals)
	}
	moneyIs(t, "past-due amount", p.PastDueAmount, usd(1500))
	// Risk flags: past_due flags all five; listed the two largest, P5 and P4.
	if len(p.RisksListed) != 2 || p.RisksListed[0].Deal.ID != "P5" || p.RisksListed[1].Deal.ID != "P4" || len(p.Risks) != 5 {
		t.Errorf("risks listed %+v of %d", p.RisksListed, len(p.Risks))
	}
	// Changes: increased P2 +100, P1 +50, P3 +50 (|delta| then id): P2, P1
	// listed; won W1 -1000; removed R1 -70; P4, P5 unchanged: counted, not
	// listed. 2370 + 200 - 1000 - 70 = 1500.
	ch := rev.Changes
	var ids []string
	for _, d := range ch.DealsListed {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, " ") != "P2 P1 W1 R1" || ch.DealsChanged != 5 || len(ch.Deals) != 5 {
		t.Errorf("changes listed %v, changed %d, deals %d", ids, ch.DealsChanged, len(ch.Deals))
	}
	for _, s := range ch.Steps {
		if s.Category == ChangeUnchanged && s.Deals != 2 || s.Category == ChangeIncreased && (s.Deals != 3 || s.Amount != usd(200)) {
			t.Errorf("step %+v", s)
		}
	}
	moneyIs(t, "old open total", ch.OldOpenTotal, usd(2370))
	moneyIs(t, "new open total", ch.NewOpenTotal, usd(1500))
	// Problems: one per past-due deal (5), two listed.
	q := rev.Quality
	if q.ProblemsTotal != 5 || len(q.ProblemsListed) != 2 || len(q.Problems) != 5 {
		t.Errorf("problems total %d, listed %d", q.ProblemsTotal, len(q.ProblemsListed))
	}
	// One client (A, with W1): listed whole.
	if rev.Revenue.ClientsTotal != 1 || len(rev.Revenue.ClientsListed) != 1 {
		t.Errorf("clients %d listed of %d", len(rev.Revenue.ClientsListed), rev.Revenue.ClientsTotal)
	}
	// metrics.json carries the cut lists under the old keys, with the counts.
	b, err := rev.MetricsJSON()
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
	}
	// (past_due_amount is read as text to check its exact decimals.)
	if err := json.Unmarshal(bytes.ReplaceAll(b, []byte(`"past_due_amount": 1500.00`), []byte(`"past_due_amount": "1500.00"`)), &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Pipeline.PastDue) != 2 || m.Pipeline.PastDueDeals != 5 || m.Pipeline.PastDueAmount != "1500.00" || len(m.Pipeline.Risks) != 2 ||
		len(m.Changes.Deals) != 4 || m.Changes.DealsChanged != 5 || len(m.Quality.Problems) != 2 || m.Quality.ProblemsTotal != 5 {
		t.Errorf("metrics.json lists: %+v", m)
	}
	// The CSV tables keep every row: five past-due deals, five changes.
	for _, tb := range rev.Tables() {
		switch tb.Name {
		case "past_due_deals", "deal_changes":
			if n := len(slices.Collect(tb.AllRows())); n != 5 {
				t.Errorf("%s: %d rows, want 5", tb.Name, n)
			}
		}
	}
}

// TestStreamedTable: a streamed table writes the same CSV as the same rows
// held in Rows, and AllRows stops when asked.
func TestStreamedTable(t *testing.T) {
	rows := [][]string{{"a", "-1.50"}, {"=x", "2"}}
	held := CSVTable{Header: []string{"name", "n"}, Rows: rows}
	streamed := CSVTable{Header: []string{"name", "n"}, Stream: slices.Values(rows)}
	want := "name,n\na,-1.50\n'=x,2\n"
	if got := string(held.CSV()); got != want {
		t.Errorf("held: %q, want %q", got, want)
	}
	if got := string(streamed.CSV()); got != want {
		t.Errorf("streamed: %q, want %q", got, want)
	}
	n := 0
	for range streamed.AllRows() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("%d rows before break", n)
	}
}

// TestPlainDecimals: float cells of the CSV tables are plain decimals,
// never exponent notation (strconv 'g' would write 4.706093e+06 and
// -1.5354351097797068e-05), and still round-trip exactly.
func TestPlainDecimals(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{ff(4706093), "4706093"},                                           // weighted pipeline of 4,706,093.00
		{ff(47993169.075), "47993169.075"},                                 // 4.7993169075e+07
		{ff(1054.0 / 12), "87.83333333333333"},                             // monthly value of 1,054.00 over 12 months
		{ff(1025620), "1025620"},                                           // ramp average 1.02562e+06
		{fr(Defined(-1.5354351097797068e-05)), "-0.000015354351097797068"}, // bias
		{fr(Defined(5.055799868450152e-05)), "0.00005055799868450152"},     // client share
		{fr(Defined(0.25)), "0.25"},
		{fr(Ratio{}), ""},     // undefined
		{ff(math.NaN()), ""},  // never NaN
		{ff(math.Inf(1)), ""}, // never infinity
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
		want := CSVTable{Header: []string{"i", "name", "formula"}, Stream: rows(n)}.CSV()
		for _, claimed := range []int{n, n / 2, 10 * n} {
			got := CSVTable{Header: []string{"i", "name", "formula"}, Stream: rows(n), Len: claimed}.CSV()
			if !bytes.Equal(got, want) {
				t.Fatalf("%d rows, Len %d: CSV differs", n, claimed)
			}
		}
		if lines := bytes.Count(want, []byte("\n")); lines != n+1 {
			t.Errorf("%d rows: %d lines", n, lines)
		}
	}
}
