// Command gen writes the benchmark workbooks (see package benchdata):
//
//	go run ./bench/gen -rows 100000 -out bench/data
//
// writes bench/data/deals-100000.xlsx and bench/data/activities-100000.xlsx
// and prints their paths. The same -rows and -seed give byte-identical files.
// -accounts, -reps and -unique-names change how many distinct names the
// rows carry (and add them to the file names):
//
//	go run ./bench/gen -rows 1000000 -accounts 20000 -reps 400 -unique-names
//
// is the workbook of issue 16's memory goal (1M deal names).
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
	var shape benchdata.Shape
	flag.IntVar(&shape.Accounts, "accounts", 0, "distinct accounts (0: one per 20 rows, at least 50)")
	flag.IntVar(&shape.Reps, "reps", 0, "distinct reps (0: one per 2,500 rows, 16 to 400)")
	flag.BoolVar(&shape.UniqueNames, "unique-names", false, "give every deal a name of its own")
	flag.BoolVar(&shape.InlineStrings, "inline-strings", false, "write text into the cells (as excelize's StreamWriter does), not the shared-string table")
	flag.Parse()
	deals, acts, err := benchdata.WriteShape(*out, *rows, *seed, shape)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Println(deals)
	fmt.Println(acts)
}
