package report

import (
	"testing"
	"time"
)

// TestDateRange checks Date beyond the ±292-year reach of time.Duration:
// 9999-12-31 is 2,958,465 days after 1899-12-30 (Excel's largest serial).
func TestDateRange(t *testing.T) {
	for _, c := range []struct {
		y    int
		m    time.Month
		d    int
		want Day
	}{
		{1899, 12, 31, 1},
		{1900, 3, 1, 61},
		{9999, 12, 31, 2958465},
		{2017, 1, 32, Date(2017, 2, 1)},
	} {
		if got := Date(c.y, c.m, c.d); got != c.want {
			t.Errorf("Date(%d-%02d-%02d) = %d, want %d", c.y, c.m, c.d, got, c.want)
		}
	}
	// Far before the Duration range, Time (through AddDate) must round-trip.
	if got := Date(1600, 1, 1).Time(); !got.Equal(time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Date(1600-01-01).Time() = %v", got)
	}
}
