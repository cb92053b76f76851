package sheetxml

import (
	"bytes"
	"io"
	"unsafe"
)

const (
	// MaxRows is Excel's (and excelize's) last row number.
	MaxRows = 1048576
	// MaxCols is Excel's last column number (XFD).
	MaxCols = 16384
	// blockSize is the size of the blocks the returned values live in.
	blockSize = 64 << 10
)

// Rows iterates over the rows of one worksheet, in document order. Rows
// that are absent from the XML are not returned: Row's number says where
// each row belongs.
type Rows struct {
	wb   *Workbook
	part string
	rc   io.ReadCloser
	pipe *pipeReader // inflates ahead in a goroutine, for large sheets
	prod *producer   // parses ahead in a goroutine, for large sheets
	s    *scanner

	state  int // stHeader, stData, stDone
	err    error
	num    int // current row number
	prev   int // previous row number (0 before the first)
	cells  []string
	styles []int
	shared []int32 // per cell: its index in the shared-string table, -1 when it is none

	blk            []byte // current value block; only appended to
	v, t, runs, rs []byte // scratch for one cell
	attrv          []byte
	errRow, errCol int // position of the cell being parsed, for errors
	overflow       int // last non-empty column past XFD in the current row
	dimRows        int // the last row <dimension> names; 0: none
}

const (
	stHeader = iota
	stData
	stDone
)

// Rows opens the worksheet stored in part (see SheetPart) for streaming.
func (w *Workbook) Rows(part string) (*Rows, error) {
	rc, _, err := w.open(part)
	if err != nil {
		return nil, err
	}
	r := &Rows{wb: w, part: part, rc: rc}
	if f := w.parts[part]; f.UncompressedSize64 > 4*pipeChunk {
		r.pipe = newPipeReader(rc)
		r.s = newScanner(r.pipe)
		r.prod = newProducer(r)
	} else {
		r.s = newScanner(rc)
	}
	return r, nil
}

// Close releases the decompressor. It returns the iteration's error, if any.
func (r *Rows) Close() error {
	err := r.err
	if r.prod != nil {
		r.prod.stop()
		err = r.prod.err
	}
	if r.pipe != nil {
		r.pipe.stop()
		r.pipe = nil
	}
	if r.rc != nil {
		r.rc.Close()
		r.rc = nil
	}
	return err
}

// Err returns the error that ended the iteration, nil at the sheet's end.
func (r *Rows) Err() error {
	if r.prod != nil {
		return r.prod.err
	}
	return r.err
}

// Row returns the current row's 1-based number and its cell values, one per
// column from A up to the last non-empty cell. The slice is reused by the
// next call to Next; the strings themselves stay valid (they share memory
// with the workbook's string table or with blocks never written again).
func (r *Rows) Row() (num int, cells []string) {
	if r.prod != nil {
		return r.prod.row()
	}
	return r.num, r.cells
}

// Styles returns the style index (the c element's s attribute, 0 when absent)
// of each cell Row returned, aligned with it. The slice is reused by Next.
func (r *Rows) Styles() []int {
	if r.prod != nil {
		return r.prod.rowStyles()
	}
	return r.styles
}

// SharedIndexes returns, for each cell Row returned, its index in the
// workbook's shared-string table, or -1 for a cell that is not a shared
// string. Equal indexes mean equal text, so a caller can remember what it
// made of a text by its index instead of hashing the text again. The
// slice is reused by Next.
func (r *Rows) SharedIndexes() []int32 {
	if r.prod != nil {
		return r.prod.rowShared()
	}
	return r.shared
}

// Next advances to the next row and says whether there is one. At the end of
// the sheet data, or on an error (see Err), it returns false.
func (r *Rows) Next() bool {
	if r.prod != nil {
		return r.prod.next()
	}
	return r.step()
}

// step parses the next row into r.num, r.cells and r.styles.
func (r *Rows) step() bool {
	if r.state == stDone || r.err != nil {
		return false
	}
	for {
		var err error
		if r.state == stHeader {
			err = r.header()
		} else {
			var ok bool
			ok, err = r.data()
			if err == nil && ok {
				return true
			}
		}
		switch {
		case err == errShort:
			if err = r.s.more(); err != nil {
				if err == io.ErrUnexpectedEOF && r.state == stHeader && r.s.pos == r.s.end {
					r.state = stDone // a worksheet without sheet data: no rows
					return false
				}
				r.fail(err)
				return false
			}
		case err != nil:
			r.fail(err)
			return false
		case r.state == stDone:
			if err = r.s.drain(); err != nil {
				r.fail(err)
			}
			return false
		}
	}
}

func (r *Rows) fail(err error) {
	if r.err != nil {
		return
	}
	e := &Error{Part: r.part, Row: r.errRow, Col: r.errCol}
	switch err := err.(type) {
	case *syntaxError:
		e.Msg, e.Kind = err.msg, err.kind
		if e.Kind == KindRowOrder {
			e.Prev = r.prev
		}
	case *Error:
		r.err = err
		return
	default:
		switch err {
		case io.ErrUnexpectedEOF:
			e.Msg, e.Kind = "truncated: the XML ends inside the sheet data", KindTruncated
		case errTooLarge:
			e.Msg, e.Kind = err.Error(), KindTruncated
		default:
			e.Msg, e.Err, e.Kind = "cannot read", err, KindRead
		}
	}
	r.err = e
	r.state = stDone
}

// header skips everything before <sheetData>, one piece of markup per call.
func (r *Rows) header() error {
	s := r.s
	b := s.buf[:s.end]
	i := s.pos
	if i == 0 && len(b) >= 2 && (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0xFF && b[1] == 0xFE) {
		return synErr("UTF-16 worksheet XML is not supported")
	}
	if i == 0 && bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		i = 3
	}
	i, kind, err := s.markupFrom(b, i)
	if err != nil {
		if err == errEnd {
			r.state = stDone // no sheet data at all: no rows
			return nil
		}
		return err
	}
	next, err := r.headerMarkup(b, i, kind)
	if err != nil {
		return err
	}
	s.pos = next
	return nil
}

// headerMarkup steps over the markup of the given kind at b[i] before the
// sheet data, noting <dimension> and <sheetData>, refusing an XML
// declaration of another encoding than UTF-8; it returns the index after.
func (r *Rows) headerMarkup(b []byte, i, kind int) (int, error) {
	switch kind {
	case mkStart:
		name, self, next, err := r.s.startTag(b, i)
		if err != nil {
			return 0, err
		}
		switch string(local(name)) {
		case "sheetData":
			r.state = stData
			if self {
				r.state = stDone
			}
		case "dimension":
			r.dimRows = dimensionRows(r.s.attrs)
		}
		return next, nil
	case mkEnd:
		_, next, err := endTag(b, i)
		return next, err
	}
	next, err := skipMarkup(b, i, kind)
	if err == nil && kind == mkPI {
		err = checkDecl(b[i:next])
	}
	return next, err
}

// dimensionRows returns the last row of the range a <dimension ref="A1:I500">
// element gives (500), or 0 when it gives none that reads.
func dimensionRows(attrs []attr) int {
	for _, a := range attrs {
		if string(a.name) != "ref" {
			continue
		}
		ref := a.val
		if i := bytes.IndexByte(ref, ':'); i >= 0 {
			ref = ref[i+1:]
		}
		if _, row, ok := parseRef(ref); ok && row <= MaxRows {
			return row
		}
	}
	return 0
}

// RowsHint returns the last row number the sheet's <dimension> element
// claims, or 0 when it has none; it is known once Next has been called.
// It is what the file says, not a count, so it is capped at one row per
// minRowBytes of the sheet's XML: use it only to reserve memory.
func (r *Rows) RowsHint() int {
	return int(min(uint64(r.dimRows), r.wb.parts[r.part].UncompressedSize64/minRowBytes))
}

// minRowBytes is less than the XML of any row with a value:
// <row r="1"><c r="A1"><v>1</v></c></row> is 38 bytes.
const minRowBytes = 32

// checkDecl refuses an XML declaration naming an encoding other than UTF-8.
func checkDecl(pi []byte) error {
	if !bytes.HasPrefix(pi, []byte("<?xml ")) {
		return nil
	}
	k := bytes.Index(pi, []byte("encoding"))
	if k < 0 {
		return nil
	}
	rest := bytes.TrimLeft(pi[k+len("encoding"):], " \t\r\n=")
	if len(rest) == 0 {
		return nil
	}
	q := rest[0]
	e := bytes.IndexByte(rest[1:], q)
	if e < 0 {
		return nil
	}
	enc := rest[1 : 1+e]
	if !bytes.EqualFold(enc, []byte("utf-8")) && !bytes.EqualFold(enc, []byte("utf8")) {
		return synErr("encoding %q is not supported (only UTF-8)", enc)
	}
	return nil
}

// data parses the next row; ok says a row was read, state stDone the end.
func (r *Rows) data() (ok bool, err error) {
	s := r.s
	b := s.buf[:s.end]
	i := s.pos
	for {
		k := indexRel(b, i, '<')
		if k < 0 {
			s.pos = len(b)
			return false, errShort
		}
		i += k
		kind, err := classify(b, i)
		if err != nil {
			return false, err
		}
		switch kind {
		case mkStart:
			name, self, next, err := s.startTag(b, i)
			if err != nil {
				return false, err
			}
			if string(local(name)) != "row" {
				return false, synErr("unexpected <%s> in sheetData", name)
			}
			next, err = r.row(b, name, self, next)
			if err != nil {
				return false, err
			}
			s.pos = next
			return true, nil
		case mkEnd:
			name, next, err := endTag(b, i)
			if err != nil {
				return false, err
			}
			if string(local(name)) != "sheetData" {
				return false, synErr("unexpected </%s> in sheetData", name)
			}
			s.pos = next
			r.state = stDone
			return false, nil
		default:
			next, err := skipMarkup(b, i, kind)
			if err != nil {
				return false, err
			}
			i = next
			s.pos = next
		}
	}
}

// row parses one row whose start tag (attributes in s.attrs) ends at i.
func (r *Rows) row(b, name []byte, self bool, i int) (int, error) {
	s := r.s
	num := r.prev + 1
	r.errRow, r.errCol = 0, 0
	for _, a := range s.attrs {
		if len(a.name) == 1 && a.name[0] == 'r' {
			v, err := r.attrValue(a.val)
			if err != nil {
				return 0, err
			}
			n, ok := atoi(v)
			if !ok || n < 1 {
				r.errRow = r.prev + 1
				return 0, kindErr(KindReference, "row number %q is not a positive integer", v)
			}
			num = n
		}
	}
	r.errRow = num
	if num > MaxRows {
		return 0, kindErr(KindLimit, "row number %d is past Excel's last row %d", num, MaxRows)
	}
	if num <= r.prev {
		if num == r.prev {
			return 0, kindErr(KindRowOrder, "row %d appears twice", num)
		}
		return 0, kindErr(KindRowOrder, "row %d comes after row %d", num, r.prev)
	}
	r.cells, r.styles, r.shared, r.overflow = r.cells[:0], r.styles[:0], r.shared[:0], 0
	if !self {
		var err error
		if i, err = r.rowContent(b, name, num, i); err != nil {
			r.cells, r.styles, r.shared = r.cells[:0], r.styles[:0], r.shared[:0]
			return 0, err
		}
	}
	if r.overflow > 0 {
		r.errCol = MaxCols + 1
		return 0, kindErr(KindLimit, "row %d has %d cells, more than the %d columns (A to XFD) Excel allows", num, r.overflow, MaxCols)
	}
	r.num, r.prev = num, num
	r.errRow, r.errCol = 0, 0
	return i, nil
}

func (r *Rows) attrValue(v []byte) ([]byte, error) {
	if bytes.IndexByte(v, '&') < 0 {
		return v, nil
	}
	var err error
	r.attrv, err = decodeAttr(r.attrv[:0], v)
	return r.attrv, err
}

// rowContent parses the cells of row num up to its end tag.
func (r *Rows) rowContent(b, name []byte, num, i int) (int, error) {
	s := r.s
	col := 0
	for {
		en, self, end, next, err := s.nextChild(b, i, name)
		if err != nil {
			return 0, err
		}
		if end {
			return next, nil
		}
		i = next
		if string(local(en)) != "c" {
			if !self {
				if i, err = s.skipElement(b, i, en); err != nil {
					return 0, err
				}
			}
			continue
		}
		if i, col, err = r.cell(b, en, self, num, col, i); err != nil {
			return 0, err
		}
	}
}

// cell types, from the t attribute.
const (
	tNumber = iota // n, absent, or anything unknown
	tShared
	tInline
	tOther // str, b, d, e: the stored text as is
)

// cell parses one c element of row num after column prev; its start tag
// (attributes in s.attrs) ends at i. It returns the index after the
// element and the cell's column.
func (r *Rows) cell(b, name []byte, self bool, num, prev, i int) (int, int, error) {
	c, err := r.cellAttrs(num, prev)
	if err != nil {
		return 0, 0, err
	}
	if self {
		return i, c.col, nil
	}
	hasF, hasIS := false, false
	if i, hasF, hasIS, err = r.cellContent(b, name, i); err != nil {
		return 0, 0, err
	}
	val, shared, err := r.cellValue(c.typ, hasIS)
	if err != nil {
		return 0, 0, err
	}
	if c.col > MaxCols {
		// A cell without a reference past XFD: counted, as excelize would
		// return it, and reported at the row's end.
		if val != "" || hasF {
			r.overflow = c.col
		}
		return i, c.col, nil
	}
	if val != "" || hasF {
		r.addCell(c.col, val, c.style, shared)
	}
	return i, c.col, nil
}

// cellHead is what a c element's attributes say: its column (after prev
// when it has no reference), style index and type.
type cellHead struct {
	col, style, typ int
}

// cellAttrs reads the attributes of a c element of row num after column
// prev: r (the reference), s (the style) and t (the type).
func (r *Rows) cellAttrs(num, prev int) (c cellHead, err error) {
	c.col = prev + 1
	r.errCol = c.col
	for _, a := range r.s.attrs {
		if len(a.name) != 1 || a.name[0] != 'r' && a.name[0] != 's' && a.name[0] != 't' {
			continue
		}
		var v []byte
		if v, err = r.attrValue(a.val); err != nil {
			return c, err
		}
		switch a.name[0] {
		case 'r':
			if c.col, err = r.cellColumn(v, num, prev); err != nil {
				return c, err
			}
		case 's':
			n, ok := atoi(v)
			if !ok {
				return c, synErr("style index %q is not a number", v)
			}
			c.style = n
		case 't':
			c.typ = cellType(v)
		}
	}
	return c, nil
}

// cellColumn reads a cell reference v of row num after column prev and
// returns its column.
func (r *Rows) cellColumn(v []byte, num, prev int) (int, error) {
	c, row, ok := parseRef(v)
	switch {
	case !ok:
		return 0, kindErr(KindReference, "cell reference %q is not a cell name", v)
	case c > MaxCols:
		r.errCol = MaxCols + 1
		return 0, kindErr(KindLimit, "cell reference %q is past Excel's last column XFD", v)
	}
	r.errCol = c
	switch {
	case row > MaxRows:
		return 0, kindErr(KindLimit, "cell reference %q is past Excel's last row %d", v, MaxRows)
	case row != num:
		return 0, kindErr(KindReference, "cell reference %q is not in row %d", v, num)
	case c <= prev:
		return 0, kindErr(KindReference, "cell %s comes after %s in its row", v, CellName(prev, num))
	}
	return c, nil
}

// cellType reads a c element's t attribute.
func cellType(v []byte) int {
	switch string(v) {
	case "s":
		return tShared
	case "inlineStr":
		return tInline
	case "str", "b", "d", "e":
		return tOther
	}
	return tNumber
}

// cellContent reads the children of a c element whose start tag (named
// name) ends at i: the value <v> into r.v, an inline string <is> into r.t
// and r.runs; it says whether there was a formula <f> and an <is>.
func (r *Rows) cellContent(b, name []byte, i int) (next int, hasF, hasIS bool, err error) {
	s := r.s
	r.v, r.t, r.runs = r.v[:0], r.t[:0], r.runs[:0]
	for {
		en, eself, end, next, err := s.nextChild(b, i, name)
		if err != nil || end {
			return next, hasF, hasIS, err
		}
		i = next
		switch string(local(en)) {
		case "v":
			r.v = r.v[:0]
			if !eself {
				r.v, i, err = s.appendContent(r.v, b, i, en)
			}
		case "is":
			hasIS = true
			r.t, r.runs = r.t[:0], r.runs[:0]
			if !eself {
				i, err = s.parseRich(b, i, en, &r.t, &r.runs, &r.rs)
			}
		default: // <f> and anything unknown
			hasF = hasF || string(local(en)) == "f"
			if !eself {
				i, err = s.skipElement(b, i, en)
			}
		}
		if err != nil {
			return 0, false, false, err
		}
	}
}

// cellValue is the value of the cell just read (of type typ; hasIS says it
// had an inline string), with its shared-string index, -1 for none.
func (r *Rows) cellValue(typ int, hasIS bool) (string, int32, error) {
	switch {
	case typ == tShared:
		if len(r.v) == 0 {
			return "", -1, nil
		}
		n, ok := atoi(bytes.TrimSpace(r.v))
		if !ok {
			return "", -1, kindErr(KindSharedString, "shared string index %q is not a number", r.v)
		}
		if n >= r.wb.SharedStrings() {
			return "", -1, kindErr(KindSharedString, "shared string index %d does not exist (the table has %d strings)", n, r.wb.SharedStrings())
		}
		return r.wb.sharedString(n), int32(n), nil
	case typ == tInline && hasIS:
		r.rs = appendRich(r.rs[:0], r.t, r.runs, &r.v)
		return r.keep(r.rs), -1, nil
	}
	return r.keep(r.v), -1, nil
}

// addCell appends a cell's value at column col to the row, after blank
// cells for the columns skipped.
func (r *Rows) addCell(col int, val string, style int, shared int32) {
	for len(r.cells) < col-1 {
		r.cells = append(r.cells, "")
		r.styles = append(r.styles, 0)
		r.shared = append(r.shared, -1)
	}
	r.cells = append(r.cells, val)
	r.styles = append(r.styles, style)
	r.shared = append(r.shared, shared)
}

// keep copies v into the current block and returns it as a string. Bytes of
// a block are written once, so the strings never change.
func (r *Rows) keep(v []byte) string {
	if len(v) == 0 {
		return ""
	}
	if cap(r.blk)-len(r.blk) < len(v) {
		r.blk = make([]byte, 0, max(blockSize, len(v)))
	}
	start := len(r.blk)
	r.blk = append(r.blk, v...)
	return unsafe.String(&r.blk[start], len(v))
}

// atoi parses a non-negative decimal integer of at most 9 digits.
func atoi(v []byte) (int, bool) {
	if len(v) == 0 || len(v) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseRef parses a cell name like "C12" or "$C$12" (letters in any case).
func parseRef(v []byte) (col, row int, ok bool) {
	i := 0
	if i < len(v) && v[i] == '$' {
		i++
	}
	start := i
	for i < len(v) {
		c := v[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		if col <= MaxCols {
			col = col*26 + int(c-'a'+1)
		}
		i++
	}
	if i == start {
		return 0, 0, false
	}
	if i < len(v) && v[i] == '$' {
		i++
	}
	if i == len(v) || len(v)-i > 9 {
		return 0, 0, false
	}
	for ; i < len(v); i++ {
		c := v[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	if row < 1 {
		return 0, 0, false
	}
	return col, row, true
}
