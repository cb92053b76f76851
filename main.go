// Command salesreview turns CRM exports (xlsx workbooks and CSV files) into a
// static HTML site for quarterly sales reviews.
//
// Usage: salesreview build|validate|init|serve|version [flags] [FILES...]
package main

import (
	"embed"
	"fmt"
	"os"
)

// templates holds the default HTML templates and static assets (including the
// pinned ECharts build copied there by `make assets`).
//
//go:embed all:templates
var templates embed.FS

func main() {
	_ = templates
	fmt.Fprintln(os.Stderr, "salesreview: not implemented yet")
	os.Exit(2)
}
