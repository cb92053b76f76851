package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
)

const full = `title: Acme review
logo: logo.png
inputs:
  - deals.xlsx
  - path: acts.csv
    role: activities
    sheet: Log
previous: old/deals.xlsx
columns:
  amount: Deal Value
stages:
  won: [Closed Won]
  lost: [Closed Lost]
  order: [Prospecting, Proposal]
  probabilities: {Prospecting: 10, Proposal: "60%"}
fiscal_year:
  start: February
  naming: end
currency:
  report: eur
  rates: {usd: 0.9}
amounts:
  mode: acv
  default_term: 24
regions:
  order: [North, South]
  colours: {North: "#AABBCC"}
  countries: {Germany: North}
targets:
  inline:
    - {region: North, period: fy2027-q1, amount: 1000}
period: FY2027-Q1
changes_quarter: fy2027-q2
as_of: 2026-04-30
date_order: dmy
thresholds:
  stale_days: 45
  slip_periods: 3
  forecast_week: 11
  outsized: 4
  discount: 25
limits:
  max_problems: 50
  max_listed: 25
capacity:
  attrition: 15%
commentary: notes
templates: tpl
output: out
strict: true
`

func TestParseFull(t *testing.T) {
	c, err := Parse("cfg/salesreview.yaml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	if c.FiscalYear.Start != 2 || c.Currency.Report != "EUR" || c.Amounts.Mode != "ACV" || c.DateOrder != "DMY" {
		t.Errorf("scalars: %+v", c)
	}
	if c.Currency.Rates["USD"] != 0.9 || c.Stages.Probabilities["Proposal"] != 60 || c.Regions.Colours["North"] != "#aabbcc" {
		t.Errorf("maps: %+v %+v %+v", c.Currency, c.Stages, c.Regions)
	}
	if len(c.Inputs) != 2 || c.Inputs[1].Role != "activities" || c.Inputs[1].Sheet != "Log" || len(c.Previous) != 1 {
		t.Errorf("inputs: %+v previous %+v", c.Inputs, c.Previous)
	}
	so := c.SourceOptions()
	if so.Inputs[0].Path != "cfg/deals.xlsx" || so.Inputs[1].Role != report.ActivityTable || so.Rates["USD"] != 0.9 || !so.Strict {
		t.Errorf("source options: %+v", so)
	}
	ro := c.ReviewOptions()
	if ro.FiscalYearStart != 2 || ro.Period != "FY2027-Q1" || ro.AsOf != report.Date(2026, 4, 30) || ro.DefaultTerm != 24 ||
		ro.SlipPeriods != 3 || ro.ForecastCutoffWeek != 11 || ro.StageProbability["Proposal"] != 60 || ro.YearNaming != "end" || len(ro.Regions) != 2 ||
		ro.MaxListed != 25 || ro.AttritionRate != 0.15 || ro.ChangesQuarter != "FY2027-Q2" {
		t.Errorf("review options: %+v", ro)
	}
	// 1000 major units = report.Cents(100000).
	if ts := c.InlineTargets(); len(ts) != 1 || ts[0].Amount != report.Cents(100000) || ts[0].Period != "FY2027-Q1" {
		t.Errorf("targets: %+v", ts)
	}
	if c.Resolve("notes") != "cfg/notes" || c.Resolve("/abs") != "/abs" {
		t.Errorf("resolve")
	}
}

func TestParseEmpty(t *testing.T) {
	c, err := Parse("salesreview.yaml", nil)
	if err != nil || c.Title != "" {
		t.Fatalf("empty file: %v %+v", err, c)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"title: x\ncolour: red\n", `c.yaml:2: unknown key "colour"`},
		{"regions:\n  order: [a]\n  colors: {a: \"#fff\"}\n", `c.yaml:3: unknown key "colors"`},
		{"amounts:\n  default_term: twelve\n", `c.yaml:2: default term "twelve" is not a whole number`},
		{"amounts:\n  mode: ARR\n", `c.yaml:2: amount mode "ARR" is not TCV, ACV or MRR`},
		{"amounts:\n  default_term: 0\n", `c.yaml:2: default term 0 is not between 1 and 120 months`},
		{"fiscal_year:\n  start: Smarch\n", `c.yaml:2: fiscal year start "Smarch" is not a month`},
		{"period: 2027Q1\n", `c.yaml:1: period "2027Q1" is not a fiscal quarter like FY2027-Q3`},
		{"as_of: 30/04/2026\n", `c.yaml:1: date "30/04/2026" is not YYYY-MM-DD`},
		{"currency:\n  rates:\n    EUR: -1\n", `c.yaml:3: exchange rate -1 is not positive`},
		{"currency:\n  report: dollars\n", `c.yaml:2: currency "dollars" is not a three-letter ISO code`},
		{"regions:\n  colours:\n    West: red\n", `c.yaml:3: colour "red" is not #rrggbb`},
		{"strict: maybe\n", `c.yaml:1: "maybe" is text, want true or false`},
		{"inputs:\n  - path: a.xlsx\n    role: deal\n", `c.yaml:3: role "deal" is not one of deals, activities`},
		{"inputs:\n  - role: deals\n", `c.yaml:2: input has no path`},
		{"title: [a, b]\n", `c.yaml:1: found a list, want text`},
		{"stages:\n  probabilities: {Won: 140}\n", `c.yaml:2: percentage 140 is not between 0 and 100`},
		{"targets:\n  inline:\n    - {period: FY2027-Q1, amount: 5}\n", `c.yaml:3: a target needs exactly one of region and owner`},
		{"targets:\n  inline:\n    - {region: East, period: FY2027-Q1, amount: 2e12}\n", `c.yaml:3: target amount 2e+12 is more than a trillion, the largest amount a record may hold`},
		{"title: a\n  b: c\n", `c.yaml:2: mapping values are not allowed`},
		{"stages:\n  won: [Done]\n  lost: [done]\n", `c.yaml: stages: "Done" is both won and lost`},
		{"title: a\ntitle: b\n", `c.yaml:2: key "title" given twice`},
		{"regions:\n  colours:\n    West: \"#fff\"\n    West: \"#000\"\n", `c.yaml:4: key "West" given twice`},
		{"inputs:\n  - path: a.xlsx\n    sheets: Deals\n", `c.yaml:3: unknown key "sheets"`},
		{"targets:\n  inline:\n    - {region: East, period: FY2027-Q1, amount: 1e300}\n", `c.yaml:3: target amount 1e+300 is more than a trillion`},
		{"targets:\n  inline:\n    - {region: East, period: FY2027-Q1, amount: lots}\n", `c.yaml:3: "lots" is text, want a number`},
		{"just text\n", `c.yaml:1: found a value, want a mapping`},
		{"limits: [1, 2]\n", `c.yaml:1: found a list, want a mapping`},
		{"stages:\n  won: Won\n", `c.yaml:2: found a value, want a list`},
		{"currency:\n  rates: {usd: [1]}\n", `c.yaml:2: found a list, want a number`},
	} {
		_, err := Parse("c.yaml", []byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s", tc.in, err, tc.want)
		}
	}
}

// TestParseErrorsInOneMapping: every problem of a mapping is reported,
// not only the first (each value is checked on its own).
func TestParseErrorsInOneMapping(t *testing.T) {
	_, err := Parse("c.yaml", []byte("regions:\n  colours:\n    West: red\n    East: blue\n  order: [a]\n  colors: {}\n"))
	want := "c.yaml:3: colour \"red\" is not #rrggbb\nc.yaml:4: colour \"blue\" is not #rrggbb\nc.yaml:6: unknown key \"colors\" (see the configuration reference in the README)"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestParseSeveralErrorsSortedByLine(t *testing.T) {
	_, err := Parse("c.yaml", []byte("amounts:\n  mode: X\nzzz: 1\nperiod: Q\n"))
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "c.yaml:2:") || !strings.HasPrefix(lines[1], "c.yaml:3:") || !strings.HasPrefix(lines[2], "c.yaml:4:") {
		t.Errorf("got %q", err)
	}
}

func TestSiteOptions(t *testing.T) {
	dir := t.TempDir()
	png := []byte("\x89PNG\r\n\x1a\n")
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Parse(filepath.Join(dir, "salesreview.yaml"), []byte("title: T\nlogo: logo.png\nregions:\n  colours: {West: \"#ABC\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	o, err := c.SiteOptions()
	if err != nil || o.Title != "T" || string(o.Logo) != string(png) || o.RegionColours["West"] != "#abc" {
		t.Errorf("SiteOptions = %+v, %v", o, err)
	}
	c.Logo = "missing.png"
	if _, err := c.SiteOptions(); err == nil || !strings.Contains(err.Error(), "logo") {
		t.Errorf("missing logo: %v", err)
	}
}

// TestResolveHome: "~" and "~/..." in a path of the configuration are the
// home folder (output: ~/review-site made a folder named "~"); "~bob/..."
// is refused with the key, and so is "~/" without a home folder.
func TestResolveHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	c, err := Parse("conf/salesreview.yaml", []byte("output: ~/review-site\ninputs: [~/exports/deals.xlsx, deals.xlsx]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Resolve(c.Output); got != filepath.Join(home, "review-site") {
		t.Errorf("output resolves to %q", got)
	}
	if got := c.Resolve("~"); got != home { // (in YAML a bare ~ is null)
		t.Errorf("~ resolves to %q", got)
	}
	if ins := c.SourceInputs(); ins[0].Path != filepath.Join(home, "exports", "deals.xlsx") || ins[1].Path != filepath.Join("conf", "deals.xlsx") {
		t.Errorf("inputs resolve to %v", ins)
	}
	_, err = Parse("c.yaml", []byte("output: ~bob/site\n"))
	if err == nil || err.Error() != `c.yaml: output "~bob/site": only ~/ (your home folder) is expanded, not another user's; give the full path` {
		t.Errorf("~bob: %v", err)
	}
	t.Setenv("HOME", "")
	if _, err := Parse("c.yaml", []byte("templates: ~/tpl\n")); err == nil || !strings.Contains(err.Error(), `templates "~/tpl": ~ cannot be expanded`) {
		t.Errorf("no home: %v", err)
	}
}
