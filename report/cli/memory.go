package cli

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The Go runtime lets the heap grow to twice what was live after the last
// collection. A review holds its records (120 bytes a deal, 56 an
// activity) while it computes, so a million-row build would peak at
// twice that. salesreview instead sets a soft memory limit (the one
// GOMEMLIMIT sets), which makes the collector run more often as the limit
// nears: a few more collections, each of which costs tens of
// milliseconds, in exchange for about half the peak memory.
const (
	// baseMemoryLimit is the limit a build starts with.
	baseMemoryLimit = 384 << 20
	// memoryHeadroom is added to the heap live after reading, with half
	// of it again, once the records are in memory; so an export too large
	// for the base limit still leaves the review room to work in and the
	// collector is never made to run back to back.
	memoryHeadroom = 64 << 20
)

// memoryLimit is the soft memory limit of one build. The zero value (what
// limitMemory returns when GOMEMLIMIT is set) changes nothing.
type memoryLimit struct {
	set bool
}

// The limit is the process's: builds running at once (tests and
// benchmarks run Main in one process, serve may rebuild beside a build)
// share it, the first sets it and the last puts the old one back.
var (
	memMu    sync.Mutex
	memUsers int
	memPrev  int64
)

// limitMemory sets baseMemoryLimit, unless the user has set GOMEMLIMIT.
func limitMemory(getenv func(string) string) *memoryLimit {
	if getenv("GOMEMLIMIT") != "" {
		return &memoryLimit{}
	}
	memMu.Lock()
	defer memMu.Unlock()
	if memUsers == 0 {
		memPrev = debug.SetMemoryLimit(baseMemoryLimit)
	}
	memUsers++
	return &memoryLimit{set: true}
}

// fit raises the limit, once the records are read, to what is live plus
// half again plus memoryHeadroom, when that is above the limit.
func (m *memoryLimit) fit() {
	if !m.set {
		return
	}
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := s[0].Value.Uint64()
	if live > math.MaxInt64/2 {
		return
	}
	want := int64(live)*3/2 + memoryHeadroom
	memMu.Lock()
	defer memMu.Unlock()
	if want > debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(want)
	}
}

// restore puts back the limit there was before the first of the builds
// running at once.
func (m *memoryLimit) restore() {
	if !m.set {
		return
	}
	m.set = false
	memMu.Lock()
	defer memMu.Unlock()
	memUsers--
	if memUsers == 0 {
		debug.SetMemoryLimit(memPrev)
	}
}
