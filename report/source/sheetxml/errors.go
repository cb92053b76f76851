package sheetxml

import (
	"strconv"
	"strings"
)

// Kind classifies an Error.
type Kind int

// The kinds of Error.
const (
	KindXML          Kind = iota // malformed or refused XML (DTD, bad entity, bad UTF-8, bad tags)
	KindTruncated                // the XML ends early, or one element is too large
	KindRead                     // the zip entry cannot be read: corrupt data, I/O error
	KindRowOrder                 // a row number repeats or goes backwards (Prev holds the one before)
	KindLimit                    // a row past 1,048,576 or a column past XFD
	KindReference                // a cell reference that is not a cell name or not in its row, cells out of order
	KindSharedString             // a shared-string index that is not a number or does not exist
)

// Error is a problem found in one part (zip entry) of a workbook. Row and
// Col are 1-based and zero when the problem has no such position.
type Error struct {
	Part string // zip entry, e.g. "xl/worksheets/sheet1.xml"
	Kind Kind
	Row  int    // 1-based row number, 0 when unknown
	Col  int    // 1-based column number, 0 when unknown
	Prev int    // for KindRowOrder, the row number before Row
	Msg  string // what is wrong, quoting the offending text
	Err  error  // underlying error (zip, flate, I/O), if any
}

// Error formats the problem as "part: C12: message: cause".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Part)
	switch {
	case e.Row > 0 && e.Col > 0:
		b.WriteString(": ")
		b.WriteString(CellName(e.Col, e.Row))
	case e.Row > 0:
		b.WriteString(": row ")
		b.WriteString(strconv.Itoa(e.Row))
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// CellName returns the A1-style name of a 1-based column and row ("C12").
func CellName(col, row int) string {
	var buf [8]byte
	i := len(buf)
	for col > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return string(buf[i:]) + strconv.Itoa(row)
}
