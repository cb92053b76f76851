package source

import (
	"strings"
	"unicode/utf8"
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

// maxCellText is how many characters of a cell the records keep: ample
// for any id, name or date (Excel itself allows 32,767 in a cell), while a
// 40 MB cell would be repeated on every page, list and table that shows
// it.
const maxCellText = 1000

// longCells is the warning about cells cut to maxCellText characters.
const longCells = "%d cells are longer than 1,000 characters (the first here); only their first 1,000 characters are kept"

// capCells cuts the values of mapped columns longer than maxCellText
// characters to their first maxCellText, counting them for one warning
// that names the first such cell.
func (t *table) capCells(num int, cells []string) {
	for c, v := range cells {
		if len(v) <= maxCellText || c >= len(t.mapped) || !t.mapped[c] {
			continue
		}
		if cut, ok := cutText(v, maxCellText); ok {
			cells[c] = cut
			t.shared = nil // the cell no longer holds its shared string
			t.count(longCells, t.pos(num, c))
		}
	}
}

// cutText returns the first n characters of s and true, or s and false
// when it has no more than n.
func cutText(s string, n int) (string, bool) {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(s) {
			return s, false
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i >= len(s) {
		return s, false
	}
	return s[:i], true
}
