package site

import (
	"math"
	"strconv"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/english"
	"github.com/salesreview/salesreview/report/output"
)

// colKind says how a column's values are formatted on the page and in CSV.
type colKind uint8

const (
	textCol    colKind = iota // a name
	moneyCol                  // major units, shown "1,234 USD"
	percentCol                // a fraction, shown "12.4%"
	changeCol                 // a change fraction, shown "+12.4%"
	countCol                  // an integer count
	daysCol                   // days, shown "42 days"
	timesCol                  // a multiple, shown "3.2x"
	decimalCol                // a plain number with one decimal
)

// fmtName is the name of the formatter report.js applies to a column kind.
func (k colKind) fmtName() string {
	switch k {
	case moneyCol:
		return "money"
	case percentCol:
		return "percent"
	case changeCol:
		return "change"
	case countCol:
		return "count"
	case daysCol:
		return "days"
	case timesCol:
		return "times"
	default:
		return "plain"
	}
}

// column is one column of a data table.
type column struct {
	Label string // the heading on the page and in the CSV
	Kind  colKind
	// Key is the name a chart gives the column when its Label will not do:
	// a label that changes with the period, or one of a set of columns
	// drawn together whose labels are user text (regionsKey).
	Key string
	// Colour is the colour of the column's series in charts, or "".
	Colour string
}

// col is a column that charts name by its label.
func col(label string, kind colKind) column { return column{Label: label, Kind: kind} }

// regionsKey is the Key of the region columns of a table (one per region,
// labelled with its name, in the region's colour).
const regionsKey = "regions"

// columnsNamed returns the indexes of the columns a chart names name: those
// whose Key is name, else the one whose Label is name and that has no Key.
// A label of user text (a region's name) never matches: its column has a
// Key.
func (t *dataTable) columnsNamed(name string) []int {
	var out []int
	for i, c := range t.Columns {
		if c.Key == name || c.Key == "" && c.Label == name {
			out = append(out, i)
		}
	}
	return out
}

// cell is one value: text for text columns; a number (OK false: undefined)
// otherwise. Href optionally links a text cell to a page.
type cell struct {
	Text string
	Num  float64
	OK   bool
	Href string
	// Note replaces the formatted number on the page (e.g. "target met").
	Note string
}

// txt, num, mon, rat and cnt make cells.
func txt(s string) cell        { return cell{Text: s} }
func link(s, href string) cell { return cell{Text: s, Href: href} }
func num(v float64) cell       { return cell{Num: v, OK: !math.IsNaN(v) && !math.IsInf(v, 0)} }
func mon(m report.Money) cell  { return cell{Num: m.Float(), OK: true} }
func rat(r report.Ratio) cell {
	return cell{Num: r.Value, OK: r.OK && !math.IsNaN(r.Value) && !math.IsInf(r.Value, 0)}
}
func cnt(n int) cell { return cell{Num: float64(n), OK: true} }
func optMoney(m report.Money, ok bool) cell {
	if !ok {
		return cell{}
	}
	return mon(m)
}

// cellAt is the cell of xs[i] made by f, or an empty cell when xs has no
// i-th value (a series shorter than its table).
func cellAt[T any](xs []T, i int, f func(T) cell) cell {
	if i < len(xs) {
		return f(xs[i])
	}
	return cell{}
}

// dataTable is the numbers behind a chart or a table: the page shows them
// formatted (at most maxRows rows), the CSV carries all of them unrounded.
type dataTable struct {
	Columns []column
	Rows    [][]cell
	// Foot is an optional totals row: shown under the rows (never sorted
	// with them) and written as the last CSV row.
	Foot []cell
	// Total, when above len(Rows), is how many rows the table has in all:
	// a table whose CSV is the review's own holds only the rows its page
	// shows (a million past-due deals are not formatted for 50 rows).
	Total int
}

// format returns the page text of c in a column of kind k.
func (f formatter) format(k colKind, c cell) string {
	if k == textCol {
		return c.Text
	}
	if c.Note != "" {
		return c.Note
	}
	if !c.OK {
		return NA
	}
	v := c.Num
	switch k {
	case moneyCol:
		return f.moneyFloat(v)
	case percentCol:
		return percent(&v)
	case changeCol:
		return signedPercent(&v)
	case countCol:
		return english.Number(math.Round(v))
	case daysCol:
		return days(&v)
	case timesCol:
		return times(&v)
	default:
		return decimal(&v)
	}
}

// csvValue returns the CSV text of c: numbers unrounded (money to the
// millionth, as the review's tables write it: 31.6575, 12.50), undefined
// empty. The writer (output.Table.CSV) protects text
// against spreadsheet formula injection.
func csvValue(k colKind, c cell) string {
	if k == textCol {
		return c.Text
	}
	if !c.OK {
		return ""
	}
	if k == moneyCol {
		return moneyDecimal(c.Num)
	}
	return strconv.FormatFloat(c.Num, 'f', -1, 64)
}

// moneyDecimal writes a major-unit amount with six decimals, the zeros
// past the second cut: 31.6575, 12.50, -0.000001.
func moneyDecimal(v float64) string {
	s := strconv.FormatFloat(v+0, 'f', 6, 64) // +0: no "-0"
	n := len(s)
	for n > len(s)-4 && s[n-1] == '0' {
		n--
	}
	return s[:n]
}

// csv renders the table as CSV with output's writer, the one of the
// review's tables: a header row, then the rows and the foot.
func (t *dataTable) csv(currency string) []byte {
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Label
		if c.Kind == moneyCol && currency != "" {
			head[i] += " (" + currency + ")"
		}
	}
	rows := t.Rows
	if t.Foot != nil {
		rows = append(rows[:len(rows):len(rows)], t.Foot)
	}
	return output.Table{Header: head, Rows: func(yield func([]string) bool) {
		for _, row := range rows {
			rec := make([]string, len(t.Columns))
			for i, c := range t.Columns {
				if i < len(row) {
					rec[i] = csvValue(c.Kind, row[i])
				}
			}
			if !yield(rec) {
				return
			}
		}
	}, Len: len(rows)}.CSV()
}

// maxRows is how many rows a table shows on a page; the CSV has them all.
const maxRows = 50

// tableView is a table as the templates see it.
type tableView struct {
	Caption  string
	Columns  []columnView
	Rows     [][]cellView
	Foot     []cellView
	Sortable bool
	// Shown and Total say how many rows are shown of how many (Total >
	// Shown when the table was cut; the CSV has them all).
	Shown, Total int
	CSV          string // link to the CSV with every row, or ""
	InChart      bool   // the table under a chart (the chart links the CSV)
	Collapsed    bool   // shown behind a <details> toggle
}

type columnView struct {
	Label string
	Num   bool
	Kind  string // formatter name, for sorting
}

type cellView struct {
	Text string
	Href string
	// Sort is the unrounded value for sorting numeric columns ("" when undefined).
	Sort string
	Num  bool
}

// view formats the table for a page, keeping at most limit rows (0: maxRows).
func (f formatter) view(t *dataTable, caption string, limit int) *tableView {
	if limit <= 0 {
		limit = maxRows
	}
	v := &tableView{Caption: caption, Total: max(len(t.Rows), t.Total)}
	for _, c := range t.Columns {
		v.Columns = append(v.Columns, columnView{Label: c.Label, Num: c.Kind != textCol, Kind: c.Kind.fmtName()})
	}
	cells := func(row []cell) []cellView {
		out := make([]cellView, len(t.Columns))
		for j, c := range t.Columns {
			var x cell
			if j < len(row) {
				x = row[j]
			}
			cv := cellView{Text: f.format(c.Kind, x), Href: x.Href, Num: c.Kind != textCol}
			if c.Kind != textCol && x.OK {
				cv.Sort = strconv.FormatFloat(x.Num, 'g', -1, 64)
			}
			out[j] = cv
		}
		return out
	}
	for i, row := range t.Rows {
		if i == limit {
			break
		}
		v.Rows = append(v.Rows, cells(row))
	}
	if t.Foot != nil {
		v.Foot = cells(t.Foot)
	}
	v.Shown = len(v.Rows)
	return v
}
