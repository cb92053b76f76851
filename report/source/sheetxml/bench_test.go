package sheetxml

import (
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/salesreview/salesreview/bench/benchdata"
)

// benchSizes are the row counts of the read benchmarks; the workbooks are
// generated once into the temporary folder (1M rows take about half a
// minute to write).
var benchSizes = []int{10000, 100000, 1000000}

// BenchmarkRows reads every cell of the generated deals sheet (9 columns,
// shared strings, numbers, dates) with this package and, for comparison,
// with excelize's streaming reader and raw values.
func BenchmarkRows(b *testing.B) {
	for _, n := range benchSizes {
		deals, _, err := benchdata.Cached(n)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("sheetxml/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if got := readSheetxml(b, deals); got != n+1 {
					b.Fatalf("%d rows", got)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
		if n > 100000 && testing.Short() {
			continue
		}
		b.Run(fmt.Sprintf("excelize/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if got := readExcelizeRows(b, deals); got != n+1 {
					b.Fatalf("%d rows", got)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}

func readSheetxml(b *testing.B, path string) int {
	w, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	part, err := w.SheetPart(benchdata.DealSheet)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := w.Rows(part)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Close(); err != nil {
		b.Fatal(err)
	}
	return n
}

func readExcelizeRows(b *testing.B, path string) int {
	f, err := excelize.OpenFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(benchdata.DealSheet)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for rows.Next() {
		if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := rows.Close(); err != nil {
		b.Fatal(err)
	}
	return n
}
