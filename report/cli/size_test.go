package cli

import "testing"

// TestParseSize: sizes worked out by hand (1 GiB = 1,073,741,824 bytes).
func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"1048576", 1048576},
		{"512MiB", 512 << 20},
		{"8GiB", 8 << 30},
		{"8 gib", 8 << 30},
		{"2GB", 2_000_000_000},
		{"1KiB", 1024},
		{"10B", 10},
	} {
		if got, err := parseSize(c.in); err != nil || got != c.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "lots", "-1GiB", "0", "1.5GiB", "99999999999TiB"} {
		if got, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", bad, got)
		}
	}
}
