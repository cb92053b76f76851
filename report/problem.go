package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/salesreview/salesreview/report/cellref"
)

// Position is a place in an input: a file, and optionally a sheet, a row and a
// column (1-based; 0 means unknown).
type Position struct {
	File  string
	Sheet string
	Row   int
	Col   int
}

// String formats p as "file: Sheet!E12", "file: 'Sheet name'!E12",
// "file: E12" (CSV), "file: Sheet: row 12" (column unknown) or "file".
func (p Position) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet == "" && p.Row == 0 {
		return b.String()
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Sheet != "" {
		b.WriteString(cellref.Sheet(p.Sheet))
		if p.Row == 0 {
			return b.String()
		}
		if p.Col > 0 {
			b.WriteByte('!')
		} else {
			b.WriteString(": ")
		}
	}
	if p.Row > 0 {
		if p.Col > 0 {
			b.WriteString(cellref.Column(p.Col))
			b.WriteString(strconv.Itoa(p.Row))
		} else {
			b.WriteString("row ")
			b.WriteString(strconv.Itoa(p.Row))
		}
	}
	return b.String()
}

// Severity says whether a problem stops the run.
type Severity uint8

// The severities.
const (
	Warning Severity = iota
	Error
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Problem is something wrong with the input, found by the input side or by
// the metrics: where it is, how bad, and a message quoting the value.
type Problem struct {
	Pos      Position
	Severity Severity
	Msg      string // e.g. `amount "12,5x" is not a number`
}

// Error formats the problem as "file: Sheet!E12: message".
func (p Problem) Error() string {
	s := p.Pos.String()
	if s == "" {
		return p.Msg
	}
	return s + ": " + p.Msg
}

// SortProblems sorts problems by file, sheet, row, column, then message.
func SortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return ps[i].Msg < ps[j].Msg
	})
}

// MaxShown is how many problems an error message lists before "and N more".
const MaxShown = 20

// Problems is a list of errors that stopped a run. Its Error method prints
// the first MaxShown, one a line, then "(and N more)".
type Problems []Problem

// Error lists the problems, one a line, at most MaxShown of them.
func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i == MaxShown {
			fmt.Fprintf(&b, "\n(and %d more)", len(ps)-MaxShown)
			return b.String()
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}
