// Package cellref writes Excel's A1 notation: column letters and quoted
// sheet names, as in `'Sheet name'!E12`. Problems cite cells this way, so
// that a user finds them in Excel by the same reference.
package cellref

import "strings"

// Column returns the Excel column letters of a 1-based column number
// (1 -> "A", 27 -> "AA"), or "" for a number below 1.
func Column(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

// Sheet quotes a sheet name the way Excel does in references: names that
// are not plain letters, digits, dots and underscores (or that start with a
// digit) go in single quotes, with inner quotes doubled.
func Sheet(name string) string {
	plain := name != ""
	for _, r := range name {
		if !(r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127) {
			plain = false
			break
		}
	}
	if plain && !(name[0] >= '0' && name[0] <= '9') {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
