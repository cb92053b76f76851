// Command salesreview turns CRM exports (xlsx workbooks and CSV files) into a
// static HTML site for quarterly sales reviews.
//
// Usage: salesreview build|validate|init|serve|version [flags] [FILES...];
// every verb is in package report/cli.
package main

import (
	"embed"
	"io/fs"
	"os"

	"github.com/salesreview/salesreview/report/cli"
)

// templates holds the default HTML templates and static assets, including the
// committed ECharts build (templates/assets/echarts.min.js, with its licence;
// `make update-echarts` replaces it).
//
//go:embed all:templates
var templates embed.FS

func main() {
	root, err := fs.Sub(templates, "templates")
	if err != nil {
		panic(err) // cannot happen: the folder is embedded above
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, root))
}
