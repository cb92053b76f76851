package source

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/xuri/excelize/v2"

	"github.com/salesreview/salesreview/report"
)

// writeBenchWorkbook streams a deal sheet of n rows with excelize's
// StreamWriter: ids, owners, accounts, stages, numeric amounts, serial
// dates with a date format, regions.
func writeBenchWorkbook(b *testing.B, path string, n int) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		b.Fatal(err)
	}
	header := []any{"Opportunity ID", "Opportunity Owner", "Account Name", "Stage", "Amount", "Created Date", "Close Date", "Region"}
	if err := sw.SetRow("A1", header); err != nil {
		b.Fatal(err)
	}
	stages := []string{"Closed Won", "Closed Lost", "Prospecting", "Negotiation"}
	regions := []string{"Central", "East", "West"}
	row := make([]any, 8)
	for i := 0; i < n; i++ {
		row[0] = fmt.Sprintf("OPP%07d", i)
		row[1] = fmt.Sprintf("Rep %d", i%50)
		row[2] = fmt.Sprintf("Account %d", i%5000)
		row[3] = stages[i%4]
		row[4] = 100 + i%10000
		row[5] = excelize.Cell{StyleID: dateStyle, Value: 43000 + i%1500}
		row[6] = excelize.Cell{StyleID: dateStyle, Value: 43100 + i%1500}
		row[7] = regions[i%3]
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}

// peakHeap samples the live heap (as of each garbage collection, from
// runtime/metrics) while fn runs and returns its peak above the live heap
// before fn. Garbage not yet collected is not counted, so the figure is
// what Read keeps reachable, not what the collector lets pile up.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	live := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := live()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if v := live(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	runtime.GC()
	if v := live(); v > peak.Load() {
		peak.Store(v)
	}
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// recordBytes estimates the memory the deals themselves hold: the structs
// and their own strings (the names they share are Syms, held once).
func recordBytes(deals []report.Deal) uint64 {
	n := uint64(cap(deals)) * uint64(unsafe.Sizeof(report.Deal{}))
	for i := range deals {
		d := &deals[i]
		n += uint64(len(d.ID) + len(d.Name))
	}
	return n
}

// BenchmarkReadDeals reads a generated deal sheet of 100k and 1M rows. It
// reports allocations, the peak live heap during Read and, for comparison,
// the bytes the records themselves hold (structs and string bytes, without
// allocation rounding); peak/records staying flat from 100k to 1M rows
// shows memory grows with the records only, not with the sheet's cells.
func BenchmarkReadDeals(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "deals.xlsx")
			writeBenchWorkbook(b, path, n)
			b.ReportAllocs()
			b.ResetTimer()
			var peak, recBytes uint64
			for i := 0; i < b.N; i++ {
				var recs *report.Records
				var err error
				p := peakHeap(func() {
					recs, err = Read(Options{Inputs: []Input{{Path: path}}})
				})
				if err != nil {
					b.Fatal(err)
				}
				if len(recs.Deals) != n {
					b.Fatalf("deals = %d, want %d", len(recs.Deals), n)
				}
				peak = max(peak, p)
				recBytes = recordBytes(recs.Deals)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(recBytes)/(1<<20), "records-MB")
			b.ReportMetric(float64(peak)/float64(recBytes), "peak/records")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}

// BenchmarkReadDealsCSV reads the same deals as CSV (ISO dates), to show
// the cost of the table reader without excelize.
func BenchmarkReadDealsCSV(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "deals.csv")
			var sb strings.Builder
			sb.WriteString("Opportunity ID,Opportunity Owner,Account Name,Stage,Amount,Created Date,Close Date,Region\r\n")
			stages := []string{"Closed Won", "Closed Lost", "Prospecting", "Negotiation"}
			regions := []string{"Central", "East", "West"}
			for i := 0; i < n; i++ {
				created := report.Day(43000 + i%1500).String()
				closed := report.Day(43100 + i%1500).String()
				fmt.Fprintf(&sb, "OPP%07d,Rep %d,Account %d,%s,%d,%s,%s,%s\r\n", i, i%50, i%5000, stages[i%4], 100+i%10000, created, closed, regions[i%3])
			}
			if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			var peak, recBytes uint64
			for i := 0; i < b.N; i++ {
				var recs *report.Records
				var err error
				p := peakHeap(func() {
					recs, err = Read(Options{Inputs: []Input{{Path: path}}})
				})
				if err != nil {
					b.Fatal(err)
				}
				if len(recs.Deals) != n {
					b.Fatalf("deals = %d, want %d", len(recs.Deals), n)
				}
				peak = max(peak, p)
				recBytes = recordBytes(recs.Deals)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(recBytes)/(1<<20), "records-MB")
			b.ReportMetric(float64(peak)/float64(recBytes), "peak/records")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}
