package bench

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/salesreview/salesreview/bench/benchdata"
	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/site"
	"github.com/salesreview/salesreview/report/source"
)

// benchSizes are the rows per workbook every stage is measured at.
var benchSizes = []int{10000, 100000, 1000000}

// builtInTemplates returns the repository's templates folder, the one the
// binary embeds.
func builtInTemplates(*testing.B) fs.FS {
	return os.DirFS(filepath.Join("..", "templates"))
}

// workbooks returns the generated deal and activity workbooks of n rows.
func workbooks(b *testing.B, n int) (deals, activities string) {
	deals, activities, err := benchdata.Cached(n)
	if err != nil {
		b.Fatal(err)
	}
	return deals, activities
}

// BenchmarkStages measures each stage of a build on the generated
// workbooks of 10k, 100k and 1M rows each (deals and activities), one
// after the other as the build runs them: read (both workbooks into
// records), review (every metric) and render (the whole site in memory).
// BenchmarkBuild measures them together, with the writing of the site.
// Each stage starts from a collected heap.
// Compare the ns/op of the sizes to see how each stage grows.
func BenchmarkStages(b *testing.B) {
	templates := builtInTemplates(b)
	for _, n := range benchSizes {
		deals, acts := workbooks(b, n)
		read := func() *report.Records {
			recs, err := source.Read(source.Options{Inputs: []source.Input{{Path: deals}, {Path: acts}}})
			if err != nil {
				b.Fatal(err)
			}
			return recs
		}
		b.Run(fmt.Sprintf("read/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				read()
			}
		})
		recs := read()
		runtime.GC() // each stage starts without the garbage of the one before
		b.Run(fmt.Sprintf("review/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := report.Compute(recs, nil, report.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		rev, err := report.Compute(recs, nil, report.Options{})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.Run(fmt.Sprintf("render/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				made, err := site.Render(rev, site.Options{Templates: templates})
				if err != nil {
					b.Fatal(err)
				}
				files := made.Files
				size := 0
				for _, f := range files {
					size += len(f.Data)
				}
				b.ReportMetric(float64(size)/(1<<20), "MiB-site")
			}
		})
	}
}
