// Package bench holds the benchmarks of the whole build and of its stages;
// the comparison with other tools is bench/run.sh (make bench), the
// workbooks come from bench/gen.
package bench

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/salesreview/salesreview/report/cli"
)

// BenchmarkBuild runs `salesreview build deals.xlsx activities.xlsx` in
// process on the generated workbooks of 10k, 100k and 1M rows each (the
// goal: 100k+100k under 1.5 s, 1M+1M under 10 s with peak memory under
// 512 MiB on a 2-core machine). It reports the heap in use at its highest
// sampled point (peak-heap-MiB), from runtime statistics after each
// garbage collection.
func BenchmarkBuild(b *testing.B) {
	templates := builtInTemplates(b)
	for _, n := range benchSizes {
		deals, acts := workbooks(b, n)
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			out := b.TempDir()
			b.ReportAllocs()
			var peak uint64
			for b.Loop() {
				runtime.GC()
				stop := watchHeap(&peak)
				status := cli.Main([]string{"build", deals, acts, "-o", filepath.Join(out, "site"), "--force"}, io.Discard, io.Discard, templates)
				stop()
				if status != 0 {
					b.Fatalf("build exit status %d", status)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}
