// Command gen writes the benchmark workbooks (see package benchdata):
//
//	go run ./bench/gen -rows 100000 -out bench/data
//
// writes bench/data/deals-100000.xlsx and bench/data/activities-100000.xlsx
// and prints their paths. The same -rows and -seed give byte-identical files.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/salesreview/salesreview/bench/benchdata"
)

func main() {
	rows := flag.Int("rows", 10000, "data rows per workbook (at most 1048575)")
	out := flag.String("out", "bench/data", "output folder")
	seed := flag.Uint64("seed", 2026, "random seed")
	flag.Parse()
	deals, acts, err := benchdata.Write(*out, *rows, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Println(deals)
	fmt.Println(acts)
}
