package safety

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesreview/salesreview/report/source"
	"github.com/salesreview/salesreview/report/testsuite/hostile"
)

// BenchmarkDuplicateIDs reads deal sheets whose n rows all carry one ID.
// The time per read should grow about linearly with n; a quadratic
// duplicate check makes a small file a denial of service.
func BenchmarkDuplicateIDs(b *testing.B) {
	dir := b.TempDir()
	for _, n := range []int{1000, 4000, 16000} {
		data, err := hostile.DuplicateIDs(n)
		if err != nil {
			b.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("dup-%d.xlsx", n))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			for b.Loop() {
				source.Read(source.Options{Inputs: []source.Input{{Path: p}}})
			}
		})
	}
}

// BenchmarkHostileCorpus reads every hostile file once per iteration.
func BenchmarkHostileCorpus(b *testing.B) {
	dir := b.TempDir()
	paths, err := hostile.Write(dir)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, p := range paths {
			source.Read(source.Options{Inputs: []source.Input{{Path: p}}})
		}
	}
}
