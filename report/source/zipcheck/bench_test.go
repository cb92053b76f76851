package zipcheck_test

import (
	"bytes"
	"testing"

	"github.com/salesreview/salesreview/report/source/zipcheck"
	"github.com/salesreview/salesreview/report/testsuite/hostile"
)

// BenchmarkCheck measures Check on each hostile case.
func BenchmarkCheck(b *testing.B) {
	for _, c := range hostile.Cases() {
		data, err := c.Build()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.Name, func(b *testing.B) {
			for b.Loop() {
				zipcheck.Check(bytes.NewReader(data), int64(len(data)), zipcheck.Limits{})
			}
		})
	}
}
