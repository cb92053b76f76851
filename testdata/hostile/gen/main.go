// Command gen writes salesreview's hostile-input corpus (see package
// report/testsuite/hostile) into a folder, one file per case, and prints what
// each file is. The tests build the same files in a temporary folder; this
// command is for looking at them or feeding them to other tools:
//
//	go run ./testdata/hostile/gen -o /tmp/hostile
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/salesreview/salesreview/report/testsuite/hostile"
)

func main() {
	out := flag.String("o", "hostile-corpus", "folder to write the corpus to (created if missing)")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if _, err := hostile.Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	for _, c := range hostile.Cases() {
		p := filepath.Join(*out, c.File)
		st, err := os.Stat(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Printf("%-24s %10d bytes  %s\n", c.File, st.Size(), c.About)
	}
}
