package cli

import (
	"slices"
	"testing"
	"time"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/config"
	"go.yaml.in/yaml/v3"
)

// won returns n won deals closing on the 15th of the month.
func won(n int, y int, m time.Month) []report.Deal {
	ds := make([]report.Deal, n)
	for i := range ds {
		ds[i] = report.Deal{Status: report.Won, Close: report.Date(y, m, 15)}
	}
	return ds
}

func TestGuessFiscalStart(t *testing.T) {
	// Feb 2025 .. Jan 2026, each month once. Quarter ends of a February
	// year are Apr, Jul, Oct, Jan: 20 each, Jan 40 (the year-end push);
	// the other 8 months 5 each. Phase of Jan/Apr/Jul/Oct (m%3 == 1) =
	// 40+20+20+20 = 100 of 100+40 = 140 > 1.1*140/3; the busiest of them
	// is January, so the year starts in February.
	var deals []report.Deal
	for m := time.February; m <= time.December; m++ {
		n := 5
		if m == time.April || m == time.July || m == time.October {
			n = 20
		}
		deals = append(deals, won(n, 2025, m)...)
	}
	deals = append(deals, won(40, 2026, time.January)...)
	if got, _ := guessFiscalStart(deals); got != 2 {
		t.Errorf("year-end push in January: start %d, want 2", got)
	}

	// The same, but January appears twice (Jan 2025 and Jan 2026, 25 each:
	// 25 per occurrence) and July 60 in one occurrence: July is busier per
	// occurrence, so the year starts in August.
	deals = nil
	for m := time.February; m <= time.December; m++ {
		n := 5
		switch m {
		case time.April, time.October:
			n = 20
		case time.July:
			n = 60
		}
		deals = append(deals, won(n, 2025, m)...)
	}
	deals = append(deals, won(25, 2025, time.January)...)
	deals = append(deals, won(25, 2026, time.January)...)
	if got, _ := guessFiscalStart(deals); got != 8 {
		t.Errorf("July busiest per occurrence: start %d, want 8", got)
	}

	// Even months: January, the default.
	deals = nil
	for m := time.January; m <= time.December; m++ {
		deals = append(deals, won(10, 2025, m)...)
	}
	if got, why := guessFiscalStart(deals); got != 1 || why == "" {
		t.Errorf("even months: start %d (%s), want 1", got, why)
	}
	// Too few won deals: January.
	if got, _ := guessFiscalStart(won(99, 2025, time.March)); got != 1 {
		t.Errorf("99 deals: start %d, want 1", got)
	}
}

// TestStarterQuotesNames: names that mean something in YAML, as sheet,
// stage, region and currency names, come back from the written
// configuration exactly as they were; the suggestions commented out are
// valid YAML once uncommented.
func TestStarterQuotesNames(t *testing.T) {
	names := []string{"yes", "No", "null", "~", "1.5", "2026-01-01", "- dash", "a: b # c", "&anchor", "*alias", "!tag",
		"{x}", "[y]", "</script>", `Deal's "list"`, "line\nbreak", "trailing ", "@at", "%pc", "`tick`", "West"}
	recs := &report.Records{Tables: []report.Table{{File: "deals.xlsx", Sheet: names[0], Kind: report.DealTable, Records: 3, HeaderRow: 1,
		Columns: []report.ColumnMapping{{Field: "amount", Header: "a: b # c"}}}}}
	for i, n := range names {
		recs.Deals = append(recs.Deals, report.Deal{Status: report.Open, Stage: report.Intern(n), Region: report.Intern(n), Currency: report.Intern("EUR")},
			report.Deal{Status: report.Won, Stage: report.Intern("Won " + n), Region: report.Intern(names[len(names)-1-i]), Currency: report.Intern("GBP")})
	}
	st := &starter{recs: recs, files: []string{"deals.xlsx"}, out: "salesreview.yaml"}
	text, err := st.text("1")
	if err != nil {
		t.Fatal(err)
	}
	c, err := config.Parse("salesreview.yaml", text)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if c.Inputs[0].Sheet != names[0] || !slices.Equal(c.Stages.Order, names) || len(c.Regions.Order) != len(names) {
		t.Errorf("sheet %q, stages %q, regions %q:\n%s", c.Inputs[0].Sheet, c.Stages.Order, c.Regions.Order, text)
	}
	if c.Currency.Report != "EUR" || c.Currency.Rates["GBP"] != 1 {
		t.Errorf("rates %v", c.Currency.Rates)
	}
	// A suggestion written commented out is valid YAML once uncommented,
	// with the same names.
	probs := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	for _, n := range names {
		probs.add(n, integer(50), "")
	}
	var back map[string]map[string]int
	if err := yaml.Unmarshal([]byte(snippet("probabilities", &probs.Node)), &back); err != nil || len(back["probabilities"]) != len(names) {
		t.Errorf("snippet: %v %v", back, err)
	}
	for _, n := range names {
		if back["probabilities"][n] != 50 {
			t.Errorf("snippet lost %q: %v", n, back)
		}
	}
}

func TestCurrenciesOf(t *testing.T) {
	d := func(c string) report.Deal { return report.Deal{Currency: report.Intern(c)} }
	cur, others := currenciesOf([]report.Deal{d("EUR"), d("EUR"), d("usd"), d("GBP")})
	if cur != "USD" || len(others) != 2 || others[0] != "EUR" || others[1] != "GBP" {
		t.Errorf("with USD present: %s %v, want USD [EUR GBP]", cur, others)
	}
	cur, others = currenciesOf([]report.Deal{d("EUR"), d("EUR"), d("GBP")})
	if cur != "EUR" || len(others) != 1 || others[0] != "GBP" {
		t.Errorf("without USD: %s %v, want EUR [GBP]", cur, others)
	}
	if cur, others = currenciesOf([]report.Deal{d("")}); cur != "USD" || others != nil {
		t.Errorf("no currency: %s %v", cur, others)
	}
}

func TestMissingRates(t *testing.T) {
	ps := report.Problems{
		{Msg: `currency "GBP" has no rate to USD; add it to the rates in the configuration`},
		{Msg: `currency "EUR" has no rate to USD; add it to the rates in the configuration`},
		{Msg: `currency "GBP" has no rate to USD; add it to the rates in the configuration`},
	}
	if got := missingRates(ps); len(got) != 2 || got[0] != "EUR" || got[1] != "GBP" {
		t.Errorf("missingRates = %v, want [EUR GBP]", got)
	}
	ps = append(ps, report.Problem{Msg: `amount "x" is not a number`})
	if got := missingRates(ps); got != nil {
		t.Errorf("with another error: %v, want nil", got)
	}
}
