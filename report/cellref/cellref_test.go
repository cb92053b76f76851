package cellref

import "testing"

func TestColumn(t *testing.T) {
	for n, want := range map[int]string{0: "", 1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		if got := Column(n); got != want {
			t.Errorf("Column(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestSheet(t *testing.T) {
	for name, want := range map[string]string{
		"Opportunities": "Opportunities",
		"Q3_2026.v2":    "Q3_2026.v2",
		"Deals 2026":    "'Deals 2026'",
		"2026":          "'2026'",
		"Bob's deals":   "'Bob''s deals'",
		"":              "''",
		"Über":          "Über",
	} {
		if got := Sheet(name); got != want {
			t.Errorf("Sheet(%q) = %q, want %q", name, got, want)
		}
	}
}
