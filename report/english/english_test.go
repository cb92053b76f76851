package english

import (
	"math"
	"testing"
)

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 12345: "12,345", 123456: "123,456",
		1234567: "1,234,567", -1: "-1", -999: "-999", -1000: "-1,000", -1234567: "-1,234,567",
		math.MaxInt64: "9,223,372,036,854,775,807", math.MinInt64: "-9,223,372,036,854,775,808"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {math.Copysign(0, -1), "0"}, {-0.2, "0"}, {1, "1"}, {-1, "-1"}, {1000, "1,000"}, {-1234567, "-1,234,567"},
		{1e21, "1,000,000,000,000,000,000,000"}, {9007199254740993, "9,007,199,254,740,992"}} {
		if got := Number(tt.v); got != tt.want {
			t.Errorf("Number(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 deals"}, {1, "1 deal"}, {2, "2 deals"}, {1234, "1,234 deals"}, {-1, "-1 deals"}} {
		if got := Plural(tt.n, "deal", "deals"); got != tt.want {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
