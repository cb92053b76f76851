package source

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/bench/benchdata"
)

// TestCSVRewrittenWhileRead: an export rewritten while it is read (here
// with other amounts, the same size, when 65,536 rows have been read)
// stops the run with an error naming the file, rather than giving figures
// that mix two versions and a hash of neither (issue 14, item 7).
func TestCSVRewrittenWhileRead(t *testing.T) {
	rows := func(amount string) []byte {
		var b strings.Builder
		b.WriteString("Stage,Amount,Close Date\n")
		for range 70000 {
			b.WriteString("Closed Won," + amount + ",2024-01-01\n")
		}
		return []byte(b.String())
	}
	path := writeFile(t, t.TempDir(), "deals.csv", string(rows("1")))
	err := readRewriting(path, func() error { return os.WriteFile(path, rows("2"), 0o644) })
	if got := fmt.Sprint(err); !strings.Contains(got, "deals.csv: changed while it was read") {
		t.Errorf("error %q, want one saying deals.csv changed while it was read", got)
	}
}

// TestWorkbookRewrittenWhileRead: the same for a workbook changed in place
// (a block of its bytes overwritten) while its sheet is read.
func TestWorkbookRewrittenWhileRead(t *testing.T) {
	deals, _, err := benchdata.Write(t.TempDir(), 66000, 1)
	if err != nil {
		t.Fatal(err)
	}
	err = readRewriting(deals, func() error {
		f, err := os.OpenFile(deals, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return err
		}
		_, err = f.WriteAt(make([]byte, 4096), st.Size()*3/4)
		return err
	})
	if got := fmt.Sprint(err); !strings.Contains(got, "deals-66000.xlsx: changed while it was read") {
		t.Errorf("error %q, want one saying the workbook changed while it was read", got)
	}
}

// readRewriting reads path, calling rewrite at the first progress report
// made while the file is being read (after 65,536 rows).
func readRewriting(path string, rewrite func() error) error {
	var rewriteErr error
	done := false
	_, err := Read(Options{Inputs: inputs(path), Progress: func(read, total int64) {
		if !done && read < total {
			done = true
			rewriteErr = rewrite()
		}
	}})
	if rewriteErr != nil {
		return rewriteErr
	}
	if !done {
		return fmt.Errorf("no progress report while reading")
	}
	return err
}
