package site

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesreview/salesreview/report"
)

func TestFormat(t *testing.T) {
	f := formatter{currency: "USD"}
	fl := func(v float64) *float64 { return &v }
	tests := []struct{ got, want string }{
		{f.money(report.Cents(123456789)), "1,234,568 USD"}, // 1,234,567.89 rounds up
		{f.money(report.Cents(-50)), "-1 USD"},              // -0.50 rounds away from zero
		{f.money(report.Cents(49)), "0 USD"},
		{f.money(report.Cents(-49)), "0 USD"},
		{f.money(report.Money(31_657_500)), "32 USD"}, // 3 x CHF 10.05 at 1.05 = 31.6575
		{f.money(0), "0 USD"},
		{f.moneyFloat(999.5), "1,000 USD"},
		{f.moneyFloat(math.NaN()), NA},
		{formatter{}.money(report.Cents(100000)), "1,000"},
		{percent(fl(0.1235)), "12.4%"}, // half away from zero despite 0.1235*100 = 12.349999...
		{percent(fl(-0.1235)), "-12.4%"},
		{percent(fl(1)), "100.0%"},
		{percent(nil), NA},
		{percent(fl(math.Inf(1))), NA},
		{signedPercent(fl(0.124)), "+12.4%"},
		{signedPercent(fl(-0.03)), "-3.0%"},
		{signedPercent(fl(0)), "0.0%"},
		{signedPercent(nil), NA},
		{times(fl(3.25)), "3.3x"},
		{times(nil), NA},
		{days(fl(41.6)), "42 days"},
		{days(fl(1)), "1 day"},
		{number(1234567), "1,234,567"},
		{number(-1000), "-1,000"},
		{number(999), "999"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestTableCSV(t *testing.T) {
	tb := &dataTable{Columns: []column{col("Name", textCol), col("Amount", moneyCol), col("Share", percentCol)},
		Rows: [][]cell{{txt("=cmd|' /C calc'!A0"), mon(report.Cents(123456)), rat(report.Ratio{})}, {txt("a,b"), mon(report.Cents(-5)), rat(report.Ratio{Value: 0.25, OK: true})},
			{txt("CHF"), mon(report.Money(31_657_500)), rat(report.Ratio{})}, {txt("tiny"), mon(-1), rat(report.Ratio{})}}}
	got := string(tb.csv("EUR"))
	want := "Name,Amount (EUR),Share\n'=cmd|' /C calc'!A0,1234.56,\n\"a,b\",-0.05,0.25\nCHF,31.6575,\ntiny,-0.000001,\n"
	if got != want {
		t.Errorf("csv:\n%s\nwant:\n%s", got, want)
	}
}

func TestRelTo(t *testing.T) {
	if got := relTo("regions/x.html", "assets/report.js"); got != "../assets/report.js" {
		t.Error(got)
	}
	if got := relTo("index.html", "data/a.csv"); got != "data/a.csv" {
		t.Error(got)
	}
}

// TestDefinitionsMatchMetricsDoc keeps the Definitions page text
// (templates/definitions.md) equal to docs/metrics.md.
func TestDefinitionsMatchMetricsDoc(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "metrics.md"))
	if err != nil {
		t.Fatal(err)
	}
	def, err := os.ReadFile(filepath.Join("..", "..", "templates", "definitions.md"))
	if err != nil {
		t.Fatal(err)
	}
	if string(doc) != string(def) {
		t.Error("templates/definitions.md differs from docs/metrics.md: copy docs/metrics.md to templates/definitions.md")
	}
}

// TestCoverageTile: the coverage tile shows the current quarter's coverage,
// named, with no change against earlier quarters.
func TestCoverageTile(t *testing.T) {
	b := &builder{}
	// Open 3,000 against 5,000 - 3,000 booked = 2,000 remaining: 1.5x;
	// required 1 / 0.4 = 2.5x.
	tile := b.coverageTile(report.Coverage{Period: "FY2026-Q4", OpenPipeline: report.Cents(300000), Target: report.Cents(500000), HasTarget: true,
		Booked: report.Cents(300000), Remaining: report.Cents(200000), Ratio: r(1.5), Required: r(2.5), TrailingWinRate: r(0.4)})
	if tile.Label != "Coverage FY2026-Q4" || tile.Value != "1.5x" || tile.Note != "required 2.5x" ||
		len(tile.Changes) != 1 || tile.Changes[0].Value != NA {
		t.Errorf("tile %+v", tile)
	}
	tile = b.coverageTile(report.Coverage{Period: "FY2026-Q4"})
	if tile.Value != NA || tile.Note != "no target for FY2026-Q4" {
		t.Errorf("tile without target %+v", tile)
	}
	tile = b.coverageTile(report.Coverage{Period: "FY2026-Q4", HasTarget: true, TargetMet: true, Required: r(2)})
	if tile.Value != "target met" {
		t.Errorf("met tile %+v", tile)
	}
}
