package source

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/salesreview/salesreview/report"
)

// dateOrder says how a text date d/m/y or m/d/y is read.
type dateOrder uint8

const (
	orderUnknown dateOrder = iota
	orderDMY
	orderMDY
)

func (o dateOrder) String() string {
	switch o {
	case orderDMY:
		return "day-first (D/M/Y)"
	case orderMDY:
		return "month-first (M/D/Y)"
	}
	return "unknown"
}

// parsedDate is the result of reading one date cell. When the text is a
// d/m/y or m/d/y date whose first two fields are both 12 or less and give
// different days, Ambiguous is set and DMY and MDY hold both readings; Hint
// says which order the value itself proves (a first field above 12 proves
// D/M/Y, a second field above 12 proves M/D/Y).
type parsedDate struct {
	Day       report.Day
	Ambiguous bool
	DMY, MDY  report.Day
	Hint      dateOrder
}

const maxSerial = 2958465 // 9999-12-31

// serialDay converts an Excel serial date (days, with an optional time
// fraction) to a Day. In the 1900 system serial 1 is 1900-01-01 and serial 60
// is the 1900-02-29 that Excel counts though it never was; in the 1904 system
// serial 0 is 1904-01-01.
func serialDay(v float64, date1904 bool) (report.Day, string) {
	if math.IsNaN(v) || v < 0 || v >= maxSerial+1 {
		return report.NoDay, "is out of the range of Excel dates"
	}
	n := int64(math.Floor(v))
	if date1904 {
		return report.Day(n + 1462), ""
	}
	switch {
	case n == 0:
		return report.NoDay, "is Excel's day 0 (1900-01-00), not a date"
	case n == 60:
		return report.NoDay, "is Excel's 1900-02-29, a day that never was"
	case n < 60:
		return report.Day(n + 1), ""
	}
	return report.Day(n), ""
}

// parseDate reads a date cell: an Excel serial (numeric text), an ISO 8601
// date or date-time with an optional zone, or d/m/y and m/d/y with 2- or
// 4-digit years and an optional time. It never panics; msg says what is
// wrong when ok is false.
func parseDate(s string, date1904 bool) (p parsedDate, msg string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return p, "is blank"
	}
	if c := s[0]; c >= '0' && c <= '9' && isNumberText(s) {
		v, err := strconv.ParseFloat(s, 64)
		if err == nil {
			d, m := serialDay(v, date1904)
			if m != "" {
				return p, m
			}
			p.Day = d
			return p, ""
		}
	}
	if d, ok := parseISO(s); ok {
		p.Day = d
		return p, ""
	}
	if hasLetter(s) {
		if d, ok := parseNamedMonth(s); ok {
			p.Day = d
			return p, ""
		}
	}
	return parseSlashDate(s)
}

// hasLetter reports whether s has an ASCII letter other than the T, Z, AM
// and PM of a time.
func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c >= 'a' && c <= 'z' && c != 't' && c != 'z' && c != 'a' && c != 'p' && c != 'm' {
			return true
		}
	}
	return false
}

// isNumberText reports whether s looks like a plain decimal number.
func isNumberText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+') {
			return false
		}
	}
	return true
}

var isoLayouts = []string{
	"2006-01-02",
	"2006-01-02T15:04:05.000-0700",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05-0700",
	"2006-01-02 15:04:05Z07:00",
	"2006/01/02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006.01.02",
}

// parseISO reads year-first dates. A date-time with a zone is taken to UTC
// before its day is taken.
func parseISO(s string) (report.Day, bool) {
	if len(s) < 8 || !(s[0] >= '0' && s[0] <= '9') || len(s) > 40 {
		return 0, false
	}
	if len(s) >= 5 && s[4] != '-' && s[4] != '/' && s[4] != '.' {
		return 0, false
	}
	for _, l := range isoLayouts {
		t, err := time.Parse(l, s)
		if err == nil {
			if t.Location() != time.UTC {
				t = t.UTC()
			}
			return dayIn(t)
		}
	}
	return 0, false
}

func dayIn(t time.Time) (report.Day, bool) {
	if y := t.Year(); y < 1900 || y > 9999 {
		return 0, false
	}
	return report.DayOf(t), true
}

var monthNames = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// parseNamedMonth reads "23-Jan-2024", "23 Jan 2024", "Jan 23, 2024" and
// "January 23 2024".
func parseNamedMonth(s string) (report.Day, bool) {
	if len(s) > 40 {
		return 0, false
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == ',' || r == '/' || r == '.' })
	if len(f) != 3 {
		return 0, false
	}
	var mon time.Month
	var day, year int
	if m, ok := monthNames[strings.ToLower(f[1])]; ok {
		mon = m
		day, _ = strconv.Atoi(f[0])
	} else if m, ok := monthNames[strings.ToLower(f[0])]; ok {
		mon = m
		day, _ = strconv.Atoi(f[1])
	} else {
		return 0, false
	}
	y, err := strconv.Atoi(f[2])
	if err != nil || len(f[2]) != 2 && len(f[2]) != 4 {
		return 0, false
	}
	year = fullYear(y, len(f[2]))
	if !validDate(year, int(mon), day) {
		return 0, false
	}
	return report.Date(year, mon, day), true
}

// fullYear turns a 2-digit year into a 4-digit one the way Excel does:
// 00-29 are 2000-2029, 30-99 are 1930-1999.
func fullYear(y, digits int) int {
	if digits == 2 {
		if y < 30 {
			return 2000 + y
		}
		return 1900 + y
	}
	return y
}

func validDate(y, m, d int) bool {
	if y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseSlashDate reads a/b/yyyy (also with '.' or '-') and an optional time
// after a space.
func parseSlashDate(s string) (p parsedDate, msg string) {
	const bad = "is not a date"
	datePart, ok := cutTime(s)
	if !ok {
		return p, bad
	}
	parts, ok := splitDate(datePart)
	if !ok {
		return p, bad
	}
	var n [3]int
	for i, f := range parts {
		if f == "" || len(f) > 4 {
			return p, bad
		}
		v, err := strconv.Atoi(f)
		if err != nil || v < 0 {
			return p, bad
		}
		n[i] = v
	}
	if len(parts[2]) != 2 && len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return p, bad
	}
	if p, ok = readDayMonth(n[0], n[1], fullYear(n[2], len(parts[2]))); !ok {
		return p, bad
	}
	return p, ""
}

// cutTime returns the date part of s, before a time after a space or a
// 'T'; ok is false when that time is not one.
func cutTime(s string) (string, bool) {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i], validTime(strings.TrimSpace(s[i+1:]))
	}
	if i := strings.IndexByte(s, 'T'); i >= 0 {
		return s[:i], validTime(s[i+1:])
	}
	return s, true
}

// splitDate splits a/b/c at its separator ('/', '.' or '-', the first of
// them it holds); ok is false unless there are exactly three parts.
func splitDate(datePart string) (parts [3]string, ok bool) {
	var sep byte
	for _, c := range []byte{'/', '.', '-'} {
		if strings.IndexByte(datePart, c) >= 0 {
			sep = c
			break
		}
	}
	if sep == 0 {
		return parts, false
	}
	rest := datePart
	for k := 0; k < 2; k++ {
		i := strings.IndexByte(rest, sep)
		if i < 0 {
			return parts, false
		}
		parts[k], rest = rest[:i], rest[i+1:]
	}
	if strings.IndexByte(rest, sep) >= 0 {
		return parts, false
	}
	parts[2] = rest
	return parts, true
}

// readDayMonth reads a/b of year y as D/M and as M/D: one valid reading
// is the day, with the order it proves as Hint; two different valid
// readings make the date ambiguous.
func readDayMonth(a, b, y int) (p parsedDate, ok bool) {
	dmyOK := validDate(y, b, a)
	mdyOK := validDate(y, a, b)
	switch {
	case dmyOK && mdyOK:
		p.DMY = report.Date(y, time.Month(b), a)
		p.MDY = report.Date(y, time.Month(a), b)
		if p.DMY == p.MDY {
			p.Day = p.DMY
		} else {
			p.Ambiguous = true
		}
	case dmyOK:
		p.Day = report.Date(y, time.Month(b), a)
		p.DMY = p.Day
		p.Hint = orderDMY
	case mdyOK:
		p.Day = report.Date(y, time.Month(a), b)
		p.MDY = p.Day
		p.Hint = orderMDY
	default:
		return p, false
	}
	return p, true
}

// validTime accepts h:mm, h:mm:ss, with optional fraction, AM/PM and zone.
func validTime(s string) bool {
	s = strings.TrimSpace(s)
	up := strings.ToUpper(s)
	up = strings.TrimSuffix(strings.TrimSuffix(up, "AM"), "PM")
	up = strings.TrimSpace(up)
	up = strings.TrimSuffix(up, "Z")
	if i := strings.IndexAny(up, "+-"); i > 0 {
		up = up[:i]
	}
	parts := strings.Split(up, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for i, f := range parts {
		if i == 2 {
			if j := strings.IndexByte(f, '.'); j >= 0 {
				f = f[:j]
			}
		}
		if len(f) == 0 || len(f) > 2 {
			return false
		}
		if _, err := strconv.Atoi(f); err != nil {
			return false
		}
	}
	return true
}

// amount is a parsed money cell: the value in its own currency, and the ISO
// code found in the text ("" when none).
type amount struct {
	Value    float64
	Currency string
}

var currencySymbols = []struct{ sym, code string }{
	{"US$", "USD"}, {"CA$", "CAD"}, {"C$", "CAD"}, {"A$", "AUD"}, {"AU$", "AUD"}, {"NZ$", "NZD"}, {"HK$", "HKD"}, {"S$", "SGD"}, {"R$", "BRL"},
	{"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}, {"¥", "JPY"}, {"₹", "INR"}, {"CHF", "CHF"}, {"kr", "SEK"}, {"zł", "PLN"}, {"₩", "KRW"},
}

// parseAmount reads a money cell: a plain number, or text with a currency
// code or symbol before or after, thousands separators (',', '.', ' ',
// '\”, no-break space), a decimal point or comma, a leading minus or
// parentheses for negatives. "1,234.56" and "1.234,56" both read 1234.56; a
// single comma followed by one or two digits is a decimal comma.
func parseAmount(s string) (a amount, ok bool) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 9e15 {
			return a, false
		}
		return amount{Value: v}, true
	}
	t := strings.TrimSpace(s)
	if t == "" || len(t) > 64 {
		return a, false
	}
	neg := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg = true
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	if strings.HasPrefix(t, "-") {
		neg = !neg
		t = strings.TrimSpace(t[1:])
	}
	// A currency: three letters, or a symbol, at either end.
	t, a.Currency = stripCurrency(t)
	if strings.HasPrefix(t, "-") {
		neg = !neg
		t = strings.TrimSpace(t[1:])
	}
	if strings.HasSuffix(t, "-") {
		neg = !neg
		t = strings.TrimSpace(t[:len(t)-1])
	}
	if t == "" {
		return a, false
	}
	num, good := normaliseNumber(t)
	if !good {
		return a, false
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 9e15 {
		return a, false
	}
	if neg {
		v = -v
	}
	a.Value = v
	return a, true
}

func stripCurrency(t string) (string, string) {
	for _, cs := range currencySymbols {
		if strings.HasPrefix(t, cs.sym) {
			return strings.TrimSpace(t[len(cs.sym):]), cs.code
		}
		if strings.HasSuffix(t, cs.sym) {
			return strings.TrimSpace(t[:len(t)-len(cs.sym)]), cs.code
		}
	}
	if len(t) > 3 && isUpperCode(t[:3]) && !isLetter(t[3]) {
		return strings.TrimSpace(t[3:]), t[:3]
	}
	if n := len(t); n > 3 && isUpperCode(t[n-3:]) && !isLetter(t[n-4]) {
		return strings.TrimSpace(t[:n-3]), t[n-3:]
	}
	return t, ""
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

func isUpperCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'A' && s[i] <= 'Z') {
			return false
		}
	}
	return true
}

// normaliseNumber removes thousands separators and turns a decimal comma into
// a point. It accepts digits and separators only.
func normaliseNumber(t string) (string, bool) {
	sc, ok := scanSeparators(t)
	if !ok || sc.digits == 0 {
		return "", false
	}
	decimal, ok := sc.decimal(len(t))
	if !ok || !groupsOK(t, decimal) {
		return "", false
	}
	var b [80]byte
	out := b[:0]
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case i == decimal:
			out = append(out, '.')
		case r >= '0' && r <= '9' || r == 'e' || r == 'E' || r == '+' || r == '-':
			if len(out) >= len(b) {
				return "", false
			}
			out = append(out, byte(r))
		}
		i += size
	}
	return string(out), true
}

// separators is what scanSeparators found in a number's text: the digits,
// and the count and last byte index of commas and of dots.
type separators struct {
	digits, commas, dots int
	lastComma, lastDot   int
}

// scanSeparators checks that t holds only digits, separators (',', '.',
// spaces, apostrophes) and an exponent without grouping, and counts them.
func scanSeparators(t string) (sc separators, ok bool) {
	sc.lastComma, sc.lastDot = -1, -1
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case r >= '0' && r <= '9':
			sc.digits++
		case r == ',':
			sc.commas++
			sc.lastComma = i
		case r == '.':
			sc.dots++
			sc.lastDot = i
		case r == ' ' || r == '\'' || r == '\u00a0' || r == '\u202f' || r == '’':
		case (r == 'e' || r == 'E') && i > 0 && sc.commas == 0:
			// scientific notation, only without grouping
		case (r == '+' || r == '-') && i > 0 && (t[i-1] == 'e' || t[i-1] == 'E'):
		default:
			return sc, false
		}
		i += size
	}
	return sc, true
}

// decimal returns the byte index of the decimal separator in a text of
// length n, or -1 when it has none: with commas and dots, the last kind
// (which must occur once); a single comma followed by other than three
// digits ("12,5", "12,50"; "1,234" groups thousands); a single dot.
func (sc separators) decimal(n int) (int, bool) {
	switch {
	case sc.commas > 0 && sc.dots > 0:
		if sc.lastComma > sc.lastDot {
			return sc.lastComma, sc.commas == 1
		}
		return sc.lastDot, sc.dots == 1
	case sc.commas == 1:
		if after := n - sc.lastComma - 1; after != 3 {
			return sc.lastComma, true
		}
	case sc.dots == 1:
		return sc.lastDot, true
	}
	return -1, true
}

// groupsOK checks the thousands grouping of the integer part (before the
// decimal separator at byte index decimal, or all of t when -1): with any
// grouping separator, the first group has 1 to 3 digits and every other
// group exactly 3.
func groupsOK(t string, decimal int) bool {
	if decimal >= 0 {
		t = t[:decimal]
	}
	groups, digits, grouped := 0, 0, false
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		i += size
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == 'e' || r == 'E' || r == '+' || r == '-':
			return !grouped
		default: // a grouping separator
			if digits == 0 || groups == 0 && digits > 3 || groups > 0 && digits != 3 {
				return false
			}
			groups++
			grouped = true
			digits = 0
		}
	}
	return !grouped || digits == 3
}

// parsePercent reads a percentage: "40%", "40", "0.4". fromPercentSign says the
// text carried a '%', so the value is final; otherwise whether it is a
// fraction or a percentage is decided over the whole column.
func parsePercent(s string) (v float64, fromPercentSign bool, ok bool) {
	t := strings.TrimSpace(s)
	if strings.HasSuffix(t, "%") {
		t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
		fromPercentSign = true
	}
	a, good := parseAmount(t)
	if !good || a.Currency != "" {
		return 0, false, false
	}
	return a.Value, fromPercentSign, true
}

// parseBool reads TRUE/FALSE, yes/no, y/n, 1/0.
func parseBool(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "y", "1", "x", "won", "closed", "wahr", "vrai":
		return true, true
	case "false", "no", "n", "0", "", "falsch", "faux":
		return false, true
	}
	return false, false
}
