package report

import (
	"strings"
	"sync"
	"sync/atomic"
)

// Sym is an interned name: the region, account, owner, stage, market,
// currency, forecast category or type of a record. Equal texts get equal
// Syms, so the review groups records by comparing and indexing small
// integers instead of hashing strings, and a million deals hold four bytes
// per name rather than a sixteen-byte string header. The zero Sym is "".
//
// Syms are numbered by one table shared by the whole process (as the
// standard library's unique package does for its handles): two exports
// read separately, such as a pipeline and its earlier snapshot, agree on
// the Sym of every name. The table only grows; it holds each distinct
// name once.
type Sym uint32

// Intern returns the Sym of s, adding s to the table the first time.
func Intern(s string) Sym {
	if s == "" {
		return 0
	}
	if y, ok := syms.lookup(s); ok {
		return y
	}
	return syms.add(s)
}

// String returns the text y was interned from. Syms come from Intern
// only: any other number panics.
func (y Sym) String() string {
	if y == 0 {
		return ""
	}
	return (*syms.dir.Load())[y>>symChunkBits][y&(symChunkSize-1)]
}

// MarshalText writes the text of y, so Syms read as names in JSON.
func (y Sym) MarshalText() ([]byte, error) { return []byte(y.String()), nil }

// Texts are kept in chunks of symChunkSize; a chunk never moves once made,
// and the directory of chunks is replaced, never changed, so String reads
// without a lock.
const (
	symChunkBits = 12
	symChunkSize = 1 << symChunkBits
)

// symTable is the process's table of interned names.
type symTable struct {
	mu    sync.RWMutex
	index map[string]Sym
	n     uint32 // Syms handed out, the zero Sym included
	dir   atomic.Pointer[[]*[symChunkSize]string]
}

var syms = newSymTable()

func newSymTable() *symTable {
	t := &symTable{index: map[string]Sym{}, n: 1}
	dir := []*[symChunkSize]string{new([symChunkSize]string)}
	t.dir.Store(&dir)
	return t
}

func (t *symTable) lookup(s string) (Sym, bool) {
	t.mu.RLock()
	y, ok := t.index[s]
	t.mu.RUnlock()
	return y, ok
}

func (t *symTable) add(s string) Sym {
	t.mu.Lock()
	defer t.mu.Unlock()
	if y, ok := t.index[s]; ok {
		return y
	}
	if t.n == 1<<32-1 {
		panic("report: more than 4 billion distinct names interned")
	}
	s = strings.Clone(s) // not a view into a buffer of the reader
	y := Sym(t.n)
	dir := *t.dir.Load()
	if int(y>>symChunkBits) == len(dir) {
		grown := append(dir[:len(dir):len(dir)], new([symChunkSize]string))
		dir = grown
		t.dir.Store(&grown)
	}
	dir[y>>symChunkBits][y&(symChunkSize-1)] = s
	t.index[s] = y
	t.n++
	return y
}

// symIndex maps Syms to small dense numbers by a slice indexed by the Sym,
// so a look-up is an array access rather than a hash of a string.
type symIndex struct {
	idx []int32 // number + 1; 0: none
}

// get returns the number of y, or -1 and false.
func (m *symIndex) get(y Sym) (int32, bool) {
	if int(y) < len(m.idx) {
		if v := m.idx[y]; v > 0 {
			return v - 1, true
		}
	}
	return -1, false
}

// set gives y the number v (v >= 0).
func (m *symIndex) set(y Sym, v int32) {
	if int(y) >= len(m.idx) {
		m.idx = append(m.idx, make([]int32, int(y)+1-len(m.idx))...)
	}
	m.idx[y] = v + 1
}

// symNumbers numbers distinct Syms in order of first appearance.
type symNumbers struct {
	symIndex
	syms []Sym
}

// id returns the number of y, giving it the next one the first time.
func (n *symNumbers) id(y Sym) int32 {
	if i, ok := n.get(y); ok {
		return i
	}
	i := int32(len(n.syms))
	n.set(y, i)
	n.syms = append(n.syms, y)
	return i
}
