package output_test

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesreview/salesreview/report/cli"
	"github.com/salesreview/salesreview/report/output"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name; with -update it writes
// got there instead.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update writes it)", err, t.Name())
	}
	if bytes.Equal(got, want) {
		return
	}
	same := 0
	for same < len(want) && same < len(got) && want[same] == got[same] {
		same++
	}
	start := bytes.LastIndexByte(got[:same], '\n') + 1
	t.Errorf("%s differs from %s at line %d (go test -run %s -update rewrites it; review the diff)\nwant: %s\ngot:  %s",
		name, path, bytes.Count(got[:same], []byte("\n"))+1, t.Name(), lineFrom(want, start), lineFrom(got, start))
}

// lineFrom returns the line of b that starts at start.
func lineFrom(b []byte, start int) []byte {
	line := b[min(start, len(b)):]
	if end := bytes.IndexByte(line, '\n'); end >= 0 {
		line = line[:end]
	}
	return line
}

// TestTablesGolden writes a few CSV tables of the hand-made review: the
// trend of each region, the clients, the per-deal tables (formula-like
// names protected, quoted when they hold a comma or quote), the waterfall
// and the input's row accounting. The golden files were checked by hand
// against the fixture: e.g. East's win rate by value in FY2026-Q2 is
// 1000 / 1300 = 0.7692307692307693, West's lost amount 25 cents = 0.25,
// Acme's share 1500 / 1600 = 0.9375, the waterfall 2200 + 500 - 700 = 2000,
// and the skipped rows 1 + 1 + 2 = 4, by reason in order ("header" before
// "header repeat").
func TestTablesGolden(t *testing.T) {
	want := map[string]bool{"bookings_by_region_quarter": true, "revenue_by_client": true, "past_due_deals": true,
		"deal_risks": true, "deal_changes": true, "snapshot_waterfall": true, "data_problems": true, "input_tables": true}
	for _, tb := range output.Tables(fixture()) {
		if want[tb.Name] {
			golden(t, tb.Name+".csv", tb.CSV())
			delete(want, tb.Name)
		}
	}
	for name := range want {
		t.Errorf("no table %s", name)
	}
}

// TestSampleMetricsGolden builds the sample as `make demo` does
// (salesreview build -c sample/salesreview.yaml) and compares its
// metrics.json with testdata/golden/sample-metrics.json.
func TestSampleMetricsGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	args := []string{"build", "-c", filepath.Join("..", "..", "sample", "salesreview.yaml"), "-o", out}
	if status := cli.Main(args, io.Discard, io.Discard, os.DirFS(filepath.Join("..", "..", "templates"))); status != 0 {
		t.Fatalf("salesreview %v: exit status %d", args, status)
	}
	got, err := os.ReadFile(filepath.Join(out, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "sample-metrics.json", got)
}
