package source

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvRows reads a CSV file: UTF-8 with or without a byte-order mark (a
// line that is not UTF-8 is read as Windows-1252), comma, semicolon or tab
// delimited (sniffed from the first lines), quoted fields, LF, CRLF or
// CR-only line ends.
type csvRows struct {
	r     *csv.Reader
	cells []string
	num   int
	err   error
	// encoding/csv skips empty lines; they are given back as blank rows so
	// that the layout (footer after a blank line) and the row counts hold.
	lastLine int      // last line of the previous record
	gap      int      // blank lines still to give before the held record
	held     []string // the record after the gap
	heldNum  int
	// text decodes the file line by line (see textDecoder).
	text *textDecoder
	// quotes follows the text as encoding/csv reads it, to find a quoted
	// field that is never closed (LazyQuotes would run it to the end of
	// the file).
	quotes *quoteTracker
}

// errBinary is newCSVRows's error for a file with NUL bytes at its start;
// readFile then says what the file is (zipcheck.Describe).
var errBinary = errors.New("is a binary file, not CSV text")

// newCSVRows starts reading CSV from r (which its caller closes).
func newCSVRows(r io.Reader) (*csvRows, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return nil, errors.New("is UTF-16 text; save the CSV as UTF-8")
	}
	if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
		head = head[3:]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, errBinary
	}
	text := newTextDecoder(br, head)
	comma := sniffDelimiter(head, text.end)
	qt := &quoteTracker{in: text, comma: byte(comma), line: 1, recordLine: 1}
	cr := csv.NewReader(qt)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	// LazyQuotes keeps bare quotes in unquoted fields (5" monitor) and a
	// quote inside a quoted field that is not followed by a delimiter; a
	// quoted field that is never closed is caught by quoteTracker.
	cr.LazyQuotes = true
	return &csvRows{r: cr, text: text, quotes: qt}, nil
}

// quoteTracker passes the CSV text through to encoding/csv and follows its
// quoting as LazyQuotes reads it: a field that starts with a quote ends at a
// quote followed by the delimiter, a line end or the end of the file; `""`
// is a quote and any other quote is kept as text. At the end of the file it
// knows whether a quoted field is still open, and where it opened.
type quoteTracker struct {
	in    io.Reader
	comma byte
	state quoteState
	// line is the current line (1-based); recordLine the line the current
	// record started on; field the current field's index in the record.
	line, recordLine, field int
	// openLine and openField say where the open quoted field started.
	openLine, openField int
	eof                 bool
}

type quoteState int

const (
	fieldStart quoteState = iota
	unquoted
	quoted
	quoteSeen   // a quote inside a quoted field
	quoteSeenCR // a quote then CR inside a quoted field
)

func (q *quoteTracker) Read(p []byte) (int, error) {
	n, err := q.in.Read(p)
	for _, c := range p[:n] {
		q.step(c)
	}
	if errors.Is(err, io.EOF) {
		q.eof = true
	}
	return n, err
}

func (q *quoteTracker) endRecord() {
	q.line++
	q.recordLine, q.field, q.state = q.line, 0, fieldStart
}

func (q *quoteTracker) step(c byte) {
	switch q.state {
	case fieldStart, unquoted:
		switch {
		case c == '"' && q.state == fieldStart:
			q.state, q.openLine, q.openField = quoted, q.recordLine, q.field
		case c == q.comma:
			q.state = fieldStart
			q.field++
		case c == '\n':
			if q.state == fieldStart && q.field == 0 {
				// encoding/csv skips empty lines.
				q.line++
				q.recordLine = q.line
				return
			}
			q.endRecord()
		default:
			q.state = unquoted
		}
	case quoted:
		switch c {
		case '"':
			q.state = quoteSeen
		case '\n':
			q.line++
		}
	case quoteSeen, quoteSeenCR:
		switch {
		case c == '"' && q.state == quoteSeen:
			q.state = quoted // "" is a quote
		case c == q.comma && q.state == quoteSeen:
			q.state = fieldStart
			q.field++
		case c == '\n':
			q.endRecord()
		case c == '\r' && q.state == quoteSeen:
			q.state = quoteSeenCR
		case c == '"':
			q.state = quoteSeen // "\r" then a quote: both kept as text
		default:
			q.state = quoted // a bare quote, kept as text
		}
	}
}

// unclosed reports, once the whole text has been read, whether a quoted
// field was left open, with its line and 1-based column.
func (q *quoteTracker) unclosed() (line, col int, ok bool) {
	if !q.eof || q.state != quoted {
		return 0, 0, false
	}
	return q.openLine, q.openField + 1, true
}

// sniffDelimiter picks ',', ';' or '\t': the one found most often outside
// quotes on the first lines (ending in end) that have any of them.
func sniffDelimiter(head []byte, end byte) rune {
	var counts [3]int
	seps := [3]byte{',', ';', '\t'}
	inQuote, lines := false, 0
	for _, c := range head {
		switch {
		case c == '"':
			inQuote = !inQuote
		case c == end && !inQuote:
			if counts[0]+counts[1]+counts[2] > 0 {
				lines++
				if lines >= 5 {
					break
				}
			}
		case !inQuote:
			for i, s := range seps {
				if c == s {
					counts[i]++
				}
			}
		}
		if lines >= 5 {
			break
		}
	}
	best := 0
	for i := 1; i < 3; i++ {
		if counts[i] > counts[best] {
			best = i
		}
	}
	return rune(seps[best])
}

func (c *csvRows) Next() bool {
	if c.gap > 0 {
		c.gap--
		c.num++
		c.cells = c.cells[:0]
		if c.gap == 0 {
			c.num, c.cells = c.heldNum, c.held
		}
		return true
	}
	if c.err != nil {
		return false
	}
	rec, err := c.r.Read()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			c.err = err
		}
		return false
	}
	if line, col, open := c.quotes.unclosed(); open {
		// LazyQuotes ran the field to the end of the file: the record
		// holds everything after the quote.
		c.err = &cellError{Row: line, Col: col, Msg: "quoted field is never closed"}
		return false
	}
	line, _ := c.r.FieldPos(0)
	last, _ := c.r.FieldPos(len(rec) - 1)
	end := last + strings.Count(rec[len(rec)-1], "\n")
	if line > c.lastLine+1 && c.lastLine > 0 {
		// Give back the empty lines first, then this record.
		c.gap = line - c.lastLine - 1
		c.held, c.heldNum = rec, line
		c.lastLine = end
		c.num = line - c.gap
		c.cells = nil
		return true
	}
	c.lastLine = end
	c.num = line
	c.cells = rec
	return true
}

func (c *csvRows) Row() (int, []string) { return c.num, c.cells }

func (c *csvRows) Err() error {
	if c.err != nil {
		var pe *csv.ParseError
		if errors.As(c.err, &pe) {
			return fmt.Errorf("line %d: %w", pe.Line, pe.Err)
		}
	}
	return c.err
}

// Close does nothing: the file is its caller's to close.
func (c *csvRows) Close() error { return nil }
