package cli

import (
	"runtime/debug"
	"testing"
)

// TestMemoryLimit: a build sets the base soft limit and puts the old one
// back; with GOMEMLIMIT set by the user it leaves the limit alone.
func TestMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	m := limitMemory(func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got != baseMemoryLimit {
		t.Errorf("limit during the build = %d, want %d", got, baseMemoryLimit)
	}
	m.fit() // this test's heap is far below the base: no change
	if got := debug.SetMemoryLimit(-1); got != baseMemoryLimit {
		t.Errorf("limit after fit = %d, want %d", got, baseMemoryLimit)
	}
	m.restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after the build = %d, want %d", got, before)
	}

	user := limitMemory(func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	})
	user.fit()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("GOMEMLIMIT set: limit = %d, want it untouched (%d)", got, before)
	}
	user.restore()
}

// TestMemoryLimitShared: builds that overlap share the limit; the old one
// comes back when the last of them ends, whatever the order.
func TestMemoryLimitShared(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	none := func(string) string { return "" }
	a := limitMemory(none)
	b := limitMemory(none)
	a.restore()
	if got := debug.SetMemoryLimit(-1); got != baseMemoryLimit {
		t.Errorf("limit while b runs = %d, want %d", got, baseMemoryLimit)
	}
	b.restore()
	b.restore() // a second restore changes nothing
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after both = %d, want %d", got, before)
	}
}
