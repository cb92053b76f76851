package source

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestMessagesCapped: a message is cut to 1,000 bytes with "...", on a
// rune boundary, however many headers it would list (issue 14, item 13).
func TestMessagesCapped(t *testing.T) {
	header := []string{"Subject", "Region"}
	for i := range 300 {
		header = append(header, fmt.Sprintf("Ünknown column %d", i))
	}
	path := writeFile(t, t.TempDir(), "wide.csv", strings.Join(header, ",")+"\nx,y\n")
	recs, _ := Read(Options{Inputs: inputs(path)})
	if recs == nil || len(recs.Problems) == 0 {
		t.Fatal("no warning")
	}
	msg := recs.Problems[0].Msg
	if !strings.HasPrefix(msg, `ignored: headers not recognised: "Subject", "Region", "Ünknown column 0"`) ||
		!strings.HasSuffix(msg, "...") || len(msg) > maxMessage+3 || !utf8.ValidString(msg) {
		t.Errorf("message of %d bytes: %.120q ... %q", len(msg), msg, msg[max(0, len(msg)-20):])
	}
}

// TestCutText: the first n characters, counted as runes.
func TestCutText(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
		cut  bool
	}{
		{"", 3, "", false},
		{"abc", 3, "abc", false},
		{"abcd", 3, "abc", true},
		{"ÄÖÜß", 3, "ÄÖÜ", true},
		{"ÄÖÜ", 3, "ÄÖÜ", false},
	} {
		if got, cut := cutText(c.s, c.n); got != c.want || cut != c.cut {
			t.Errorf("cutText(%q, %d) = %q, %v; want %q, %v", c.s, c.n, got, cut, c.want, c.cut)
		}
	}
}
