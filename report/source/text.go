package source

import (
	"strings"
	"unsafe"
)

// The texts a record keeps (a deal's id and name, an activity's id and
// deal id) are read from cells whose strings share memory with the row
// source's buffers: a 64 KiB block of a sheet's values (sheetxml), one
// string per CSV record (encoding/csv). Keeping such a string keeps its
// whole buffer: on a million-row sheet of inline strings, every block.
// So kept texts are copied end to end into a table's textArena; a text
// read from the workbook's shared-string table is kept as it is (that
// table is one copy of each distinct text, alive while records use it).

// arenaBlock is the size of a textArena's blocks.
const arenaBlock = 64 << 10

// textArena holds copies of short strings end to end in large blocks, so
// that a million kept names cost their bytes and no allocation each. The
// bytes of a block are written once, so the strings never change.
type textArena struct {
	blk []byte
}

// clone returns a copy of s that shares no memory with s.
func (a *textArena) clone(s string) string {
	if len(s) == 0 {
		return ""
	}
	if len(s) > arenaBlock/8 {
		return strings.Clone(s)
	}
	if cap(a.blk)-len(a.blk) < len(s) {
		a.blk = make([]byte, 0, arenaBlock)
	}
	start := len(a.blk)
	a.blk = append(a.blk, s...)
	return unsafe.String(&a.blk[start], len(s))
}

// text is get for a value a record keeps: the cell's text, copied into
// the table's arena unless it comes from the shared-string table.
func (t *table) text(cells []string, field string) string {
	v, col, filled := t.getCell(cells, field)
	if v == "" || !filled && col < len(t.shared) && t.shared[col] >= 0 {
		return v
	}
	return t.texts.clone(v)
}
