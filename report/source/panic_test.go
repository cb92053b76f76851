package source

import (
	"fmt"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
)

// TestReaderPanicsAreErrors: a panic inside the workbook readers (here a
// nil reader, which panics as a broken library would) becomes an error, not
// a crash; the table reader then names the file and sheet.
func TestReaderPanicsAreErrors(t *testing.T) {
	const want = "cannot be read: internal error in the workbook reader: runtime error: invalid memory address or nil pointer dereference"
	check := func(what string, err error) {
		t.Helper()
		if err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", what, err, want)
		}
	}
	x := &xlsxRows{}
	if x.Next() {
		t.Error("xlsxRows.Next after a panic = true")
	}
	check("xlsxRows.Next", x.Err())
	check("xlsxRows.Close", (&xlsxRows{}).Close())
	s := &sheetRows{}
	if s.Next() {
		t.Error("sheetRows.Next after a panic = true")
	}
	check("sheetRows.Next", s.Err())
	if s.Next() {
		t.Error("sheetRows.Next after an error = true")
	}
	check("sheetRows.Close", (&sheetRows{}).Close())
	_, err := (&workbook{}).rows("Deals")
	check("workbook.rows", err)
	check("workbook.close", (&workbook{}).close())
}

// TestReadTablePanicNamesFile: the error of a panicking row source reaches
// the user with the file and sheet.
func TestReadTablePanicNamesFile(t *testing.T) {
	r := newReader(Options{})
	r.readTable("deals.xlsx", "Deals", &sheetRows{}, "")
	got := report.Problems(r.errs).Error()
	if !strings.Contains(got, "deals.xlsx: Deals: cannot be read: internal error in the workbook reader: runtime error") {
		t.Errorf("problems\n%s\nwant the file, sheet and internal error", got)
	}
}

// TestReadPanicNamesFile: a panic anywhere while one input is read (here
// in the progress function, called as a file is done) becomes an error
// naming that file, not a crash.
func TestReadPanicNamesFile(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "a.csv", "Stage,Amount,Close Date\nWon,1,2024-01-01\n")
	bad := writeFile(t, dir, "b.csv", "Stage,Amount,Close Date\nWon,2,2024-01-01\n")
	_, err := Read(Options{Inputs: inputs(good, bad), Progress: func(done, total int64) {
		if done == total {
			panic("boom")
		}
	}})
	got := fmt.Sprint(err)
	if !strings.Contains(got, ": cannot be read: internal error: boom (this is a bug in salesreview; please report it)") {
		t.Errorf("error %q, want one naming a file and the panic", got)
	}
}
