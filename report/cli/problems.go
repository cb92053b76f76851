package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/english"
)

// maxWarningsShown is how many warnings the summary on stderr lists.
const maxWarningsShown = 5

// writeWarnings summarises warnings on w: how many, and the first few.
func writeWarnings(w io.Writer, ps []report.Problem) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(w, "%s (all on the data-quality page; --strict makes them errors):\n", english.Plural(len(ps), "warning", "warnings"))
	for i, p := range ps {
		if i == maxWarningsShown {
			fmt.Fprintf(w, "  (and %d more)\n", len(ps)-maxWarningsShown)
			break
		}
		fmt.Fprintf(w, "  %s\n", p.Error())
	}
}

// asErrors returns warnings as an error list (--strict).
func asErrors(warnings []report.Problem) report.Problems {
	ps := make(report.Problems, len(warnings))
	for i, w := range warnings {
		w.Severity = report.Error
		ps[i] = w
	}
	return ps
}

// problemList is a list of input problems shown at most max at a time.
type problemList struct {
	ps  report.Problems
	max int
}

// limit makes a report.Problems error list at most j.maxProblems problems
// (report.MaxShown by default); other errors pass unchanged.
func (j *job) limit(err error) error {
	var ps report.Problems
	if !errors.As(err, &ps) {
		return err
	}
	max := j.maxProblems
	if max <= 0 {
		max = report.MaxShown
	}
	return problemList{ps: ps, max: max}
}

// Error lists the problems one a line, then "(and N more)".
func (l problemList) Error() string {
	var b strings.Builder
	for i, p := range l.ps {
		if i == l.max {
			fmt.Fprintf(&b, "\n(and %d more)", len(l.ps)-l.max)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns the whole list.
func (l problemList) Unwrap() error { return l.ps }

// inputCount says "2 workbooks", "1 file" or "3 files (2 workbooks, 1 CSV)".
func inputCount(files []report.InputFile) string {
	var books, others int
	seen := map[string]bool{}
	for _, f := range files {
		if seen[f.Path] {
			continue // a workbook read for several sheets counts once
		}
		seen[f.Path] = true
		if ext := strings.ToLower(filepath.Ext(f.Path)); ext == ".xlsx" || ext == ".xlsm" {
			books++
		} else {
			others++
		}
	}
	switch {
	case others == 0:
		return english.Plural(books, "workbook", "workbooks")
	case books == 0:
		return english.Plural(others, "file", "files")
	}
	return fmt.Sprintf("%s (%s, %d CSV)", english.Plural(books+others, "file", "files"), english.Plural(books, "workbook", "workbooks"), others)
}
