package cli

import (
	"testing"
	"time"

	"github.com/salesreview/salesreview/report"
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

func TestYAMLString(t *testing.T) {
	for in, want := range map[string]string{
		"West":             "West",
		"UK & Ireland":     "UK & Ireland",
		"yes":              `"yes"`,
		"No":               `"No"`,
		"null":             `"null"`,
		"1.5":              `"1.5"`,
		"2026-01-01":       `"2026-01-01"`,
		"- dash":           `"- dash"`,
		"a: b # c":         `"a: b # c"`,
		"&anchor":          `"&anchor"`,
		"</script>":        `"</script>"`,
		"Deal's \"list\"":  `"Deal's \"list\""`,
		"line\nbreak":      `"line\nbreak"`,
		"trailing ":        `"trailing "`,
		"Closed Won":       "Closed Won",
		"Q1, Q2":           `"Q1, Q2"`,
		"exports/deals.cs": "exports/deals.cs",
	} {
		if got := yamlString(in); got != want {
			t.Errorf("yamlString(%q) = %s, want %s", in, got, want)
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
