package output

import (
	"math"
	"strconv"

	"github.com/salesreview/salesreview/report"
)

// column is one column of a table of rows R: its header, and the getter
// that gives a row's cell as text.
type column[R any] struct {
	header string
	cell   func(R) string
}

// spec defines one table: its name (data/<name>.csv), its columns, and
// where its rows come from in the review.
type spec[R any] struct {
	name string
	cols []column[R]
	rows func(*report.Review) []R
}

// tableSpec is a spec of any row type.
type tableSpec interface {
	table(rev *report.Review) Table
}

// table makes the table of rev: the header now, each row's cells when the
// writer asks for it.
func (s spec[R]) table(rev *report.Review) Table {
	header := make([]string, len(s.cols))
	for i, c := range s.cols {
		header[i] = c.header
	}
	rows := s.rows(rev)
	return Table{Name: s.name, Header: header, Len: len(rows), Rows: func(yield func([]string) bool) {
		for _, r := range rows {
			cells := make([]string, len(s.cols))
			for i, c := range s.cols {
				cells[i] = c.cell(r)
			}
			if !yield(cells) {
				return
			}
		}
	}}
}

// Column kinds: each takes a header and a getter, and writes the value as
// docs/metrics-schema.md says.

// text is a column of names and other text, written as it is (the writer
// protects it against formula injection).
func text[R any](header string, get func(R) string) column[R] { return column[R]{header, get} }

// money is in major units, the exact decimal of the amount with two to six
// decimals: "-1234.50", "31.6575".
func money[R any](header string, get func(R) report.Money) column[R] {
	return column[R]{header, func(r R) string { return fm(get(r)) }}
}

// moneyIf is money that may be absent (a target not set, a forecast call
// not made): empty then.
func moneyIf[R any](header string, get func(R) (report.Money, bool)) column[R] {
	return column[R]{header, func(r R) string {
		if m, ok := get(r); ok {
			return fm(m)
		}
		return ""
	}}
}

// ratio is unrounded, empty when undefined.
func ratio[R any](header string, get func(R) report.Ratio) column[R] {
	return column[R]{header, func(r R) string { return fr(get(r)) }}
}

// float is an unrounded amount (recognised revenue, ARR, weighted pipeline).
func float[R any](header string, get func(R) float64) column[R] {
	return column[R]{header, func(r R) string { return ff(get(r)) }}
}

// count is an integer.
func count[R any](header string, get func(R) int) column[R] {
	return column[R]{header, func(r R) string { return strconv.Itoa(get(r)) }}
}

// yesNo is "true" or "false".
func yesNo[R any](header string, get func(R) bool) column[R] {
	return column[R]{header, func(r R) string { return strconv.FormatBool(get(r)) }}
}

// date is YYYY-MM-DD, empty when missing.
func date[R any](header string, get func(R) report.Day) column[R] {
	return column[R]{header, func(r R) string { return get(r).String() }}
}

// on turns columns of S into columns of R that read the S of each row
// through get: the deal columns of a past-due deal, the counts of an
// activity row.
func on[R, S any](get func(R) S, cols ...column[S]) []column[R] {
	out := make([]column[R], len(cols))
	for i, c := range cols {
		out[i] = column[R]{c.header, func(r R) string { return c.cell(get(r)) }}
	}
	return out
}

// prefixed puts prefix before every header: period_bookings, all_bookings.
func prefixed[R any](prefix string, cols []column[R]) []column[R] {
	out := make([]column[R], len(cols))
	for i, c := range cols {
		out[i] = column[R]{prefix + c.header, c.cell}
	}
	return out
}

// fm writes money in major units as an exact decimal (two to six decimals).
func fm(m report.Money) string { return string(appendMoney(nil, m)) }

// fr writes a ratio unrounded, "" when undefined.
func fr(r report.Ratio) string {
	if !r.OK {
		return ""
	}
	return ff(r.Value)
}

// ff writes an unrounded float (recognised revenue, ARR, averages) as a plain
// decimal, never in exponent notation; "" for NaN or infinity.
func ff(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
