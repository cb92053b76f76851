package source

import (
	"fmt"
	"io"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/cellref"
)

// WriteSummary writes what `salesreview validate` prints: for each file and
// sheet, what the table was taken as and why, the rows read, the rows
// skipped by reason, the column mapping used (header -> field); then the
// warnings. The output is plain text, stable for equal input.
func WriteSummary(w io.Writer, recs *report.Records) error {
	ew := &errWriter{w: w}
	for _, t := range recs.Tables {
		name := t.File
		if t.Sheet != "" {
			name += " " + cellref.Sheet(t.Sheet)
		}
		if t.Kind == report.IgnoredTable {
			ew.printf("%s: ignored: %s\n", name, t.Note)
			continue
		}
		ew.printf("%s: %s (%s)\n", name, t.Kind, t.Note)
		ew.printf("  header row %d; %d rows read, %d records", t.HeaderRow, t.RowsRead, t.Records)
		if len(t.Skipped) > 0 {
			ew.printf(", skipped %s", skippedList(t.Skipped))
		}
		ew.printf("\n")
		for _, c := range t.Columns {
			ew.printf("  %-4s %q -> %s\n", cellref.Column(c.Column), c.Header, c.Field)
		}
	}
	if n := len(recs.Files); n > 0 {
		if len(recs.Deals)+len(recs.Activities)+len(recs.Roster)+len(recs.Accounts)+len(recs.Targets)+len(recs.Forecasts) > 0 {
			ew.printf("%d files: %s\n", n, recs.String())
		} else {
			ew.printf("%d files\n", n)
		}
	}
	if len(recs.Problems) > 0 {
		ew.printf("%d warnings:\n", len(recs.Problems))
		for _, p := range recs.Problems {
			ew.printf("  %s\n", p.Error())
		}
	}
	return ew.err
}

// skippedList lists rows skipped by reason: "2 blank, 1 total".
func skippedList(skipped map[string]int) string {
	parts := make([]string, 0, len(skipped))
	for _, k := range sortedKeys(skipped) {
		parts = append(parts, fmt.Sprintf("%d %s", skipped[k], k))
	}
	return strings.Join(parts, ", ")
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
