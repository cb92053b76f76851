package safety

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/site"
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

// worstCommentary are the shapes of Markdown whose parsing time grows
// faster than their size in goldmark, each filling a commentary file of
// the largest size within the bounds of package site (issue 14, item 11).
var worstCommentary = []struct {
	name string
	make func(size int) string
}{
	{"prose (for comparison)", func(n int) string {
		return lines("Bookings rose **12%** on [the quarter](revenue.html), led by *Acme*; see the table below.", n)
	}},
	{"quotes-deepest", func(n int) string { return lines(strings.Repeat(">", site.MaxCommentaryNesting)+" x", n) }},
	{"lists-deepest", func(n int) string { return lines(strings.Repeat("- ", site.MaxCommentaryNesting)+"x", n) }},
	{"mixed-deepest", func(n int) string { return lines(strings.Repeat("> 1. ", site.MaxCommentaryNesting/2)+"x", n) }},
	{"quotes-deepest-long-lines", func(n int) string {
		return lines(strings.Repeat(">", site.MaxCommentaryNesting)+strings.Repeat("x ", (site.MaxCommentaryLine-40)/2), n)
	}},
	{"unclosed-links", func(n int) string { return lines(strings.Repeat("[a](", site.MaxCommentaryLine/4), n) }},
	{"open-brackets", func(n int) string { return lines(strings.Repeat("[", site.MaxCommentaryLine), n) }},
	{"emphasis", func(n int) string { return lines(strings.Repeat("**a ", site.MaxCommentaryLine/4), n) }},
	{"footnote-refs", func(n int) string {
		return "[^a]: x\n\n" + lines(strings.Repeat("[^a]", site.MaxCommentaryLine/4), n-9)
	}},
	{"list-indent", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n-site.MaxCommentaryLine; i++ {
			b.WriteString(strings.Repeat("  ", i%site.MaxCommentaryNesting) + "- x\n")
		}
		return b.String()
	}},
	{"table-cells", func(n int) string {
		cols := 64
		head := "|" + strings.Repeat("a|", cols) + "\n|" + strings.Repeat("-|", cols) + "\n"
		rows := site.MaxCommentaryTableCells/cols - 2
		return head + strings.Repeat("|\n", rows) + "\n" + lines("text", n-len(head)-2*rows-1)
	}},
	{"references", func(n int) string {
		return strings.Repeat("[a]: b\n", site.MaxCommentaryReferences) + lines(strings.Repeat("[a] ", 100), n-7*site.MaxCommentaryReferences)
	}},
}

// lines repeats line (plus a line end) to fill at most size bytes.
func lines(line string, size int) string {
	return strings.Repeat(line+"\n", max(1, size/(len(line)+1)))
}

// BenchmarkCommentaryWorst renders a commentary folder of one file of each
// shape at the largest size the bounds allow (256 KiB), and a folder of
// such files filling the 1 MiB the folder may hold. Before the bounds,
// 250 KiB of nested block quotes on one line took 49 s and as many nested
// list items 117 s; those are now refused at once ("refused-*").
func BenchmarkCommentaryWorst(b *testing.B) {
	rev, err := report.Compute(namedRecords("West", "Acme", "Ann", "Deal", "Negotiation", "Retail"), nil, report.Options{})
	if err != nil {
		b.Fatal(err)
	}
	size := site.MaxCommentaryBytes - 64
	for _, w := range worstCommentary {
		for _, kib := range []int{64, 256} {
			dir := b.TempDir()
			md := w.make(min(size, kib<<10))
			if err := os.WriteFile(filepath.Join(dir, "note.md"), []byte(md), 0o644); err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/KiB=%d", w.name, kib), func(b *testing.B) {
				for b.Loop() {
					if _, _, err := site.LoadCommentary(dir, rev); err != nil {
						b.Fatal(err)
					}
				}
				b.SetBytes(int64(len(md)))
			})
		}
	}
	for _, refused := range []struct{ name, md string }{
		{"refused-quotes-one-line", strings.Repeat(">", size-2) + "x"},
		{"refused-lists-one-line", strings.Repeat("- ", size/2-1) + "x"},
		{"refused-unclosed-links-one-line", strings.Repeat("[a](", size/4)},
	} {
		dir := b.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "note.md"), []byte(refused.md), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(refused.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := site.LoadCommentary(dir, rev); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}
