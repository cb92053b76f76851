// Package english writes counts the way every output of salesreview writes
// them: with a comma between groups of three digits ("1,234,567"), and with
// their noun ("1 deal", "3 deals"). The site's pages and the command line
// share it, so that a count reads the same in both.
package english

import (
	"strconv"
	"strings"
)

// Count formats n with thousands separators: 1234567 -> "1,234,567".
func Count(n int) string {
	return group(strconv.Itoa(n))
}

// Number formats an integral number (a rounded amount) like Count; -0 is
// "0". Numbers past the range of int keep every digit.
func Number(v float64) string {
	s := strconv.FormatFloat(v, 'f', 0, 64)
	if s == "-0" {
		s = "0"
	}
	return group(s)
}

// Plural says a count with its noun: "1 deal", "0 deals", "1,234 deals".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Count(n) + " " + many
}

// group puts a comma between each group of three digits of an optionally
// negative string of digits.
func group(digits string) string {
	sign, s := "", digits
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	b.Grow(len(digits) + len(s)/3)
	b.WriteString(sign)
	first := len(s) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(s[:min(first, len(s))])
	for i := first; i < len(s); i += 3 {
		b.WriteByte(',')
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
