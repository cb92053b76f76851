package output

import (
	"bytes"
	"iter"
	"strings"
)

// Table is one table of the review, written as data/<Name>.csv.
type Table struct {
	Name   string // e.g. "bookings_by_region_quarter"
	Header []string
	// Rows yields the rows, each as long as Header. They are made as they
	// are written: a review of a million deals never holds its per-deal
	// tables as text.
	Rows iter.Seq[[]string]
	// Len is how many rows Rows yields, so that CSV can size its buffer
	// once instead of growing it (0: unknown).
	Len int
}

// CSV encodes the table as RFC 4180 CSV with a header row and CRLF-free
// "\n" line ends. Fields holding a comma, quote, line break or leading or
// trailing space are quoted, inner quotes doubled. Text a spreadsheet would
// run as a formula is protected first (FormulaSafe): names come from
// untrusted exports, and managers open these files in Excel.
func (t Table) CSV() []byte {
	var b bytes.Buffer
	writeCSVRow(&b, t.Header)
	n := 0
	for r := range t.Rows {
		writeCSVRow(&b, r)
		n++
		if n == csvSample && t.Len > 2*n {
			// Size the buffer from the first rows: a 50 MB table is not
			// copied each time it outgrows its buffer.
			head := b.Len()
			b.Grow(head/n*(t.Len-n) + head/8)
		}
	}
	return b.Bytes()
}

// csvSample is how many rows CSV writes before it sizes its buffer.
const csvSample = 256

func writeCSVRow(b *bytes.Buffer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		f = FormulaSafe(f)
		if f == "" || !strings.ContainsAny(f, ",\"\r\n") && f[0] != ' ' && f[len(f)-1] != ' ' && f[0] != '\t' {
			b.WriteString(f)
			continue
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(f, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteByte('\n')
}

// FormulaSafe protects a CSV field against spreadsheet formula injection
// (OWASP "CSV injection"): text starting with =, +, -, @, a tab or a
// carriage return gets a leading apostrophe, so a spreadsheet shows it as
// text instead of running it. A plain decimal number ("-12.5", "+3",
// "-1e-05") is left as it is, so negative figures stay numbers.
func FormulaSafe(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || isDecimal(s) {
		return s
	}
	return "'" + s
}

// isDecimal reports whether s is an optionally signed decimal number with
// an optional exponent: digits, at most one point, at least one digit.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, point := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			goto exp
		}
	}
exp:
	if digits == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != 'e' && s[i] != 'E' {
		return false
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
