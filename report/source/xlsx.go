package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/salesreview/salesreview/report/source/sheetxml"
	"github.com/salesreview/salesreview/report/source/zipcheck"
)

// This file holds everything that knows about excelize. The rest of the
// package sees a workbook as a list of sheets and each sheet as a rowSource.
// Sheet data is read by package sheetxml, a streaming byte scanner checked
// against excelize (its rows come with their own numbers: the table reader
// counts missing rows as blank; its positioned errors become *cellError).
// excelize opens a skeleton of the workbook -- every part but the sheet data
// and the shared strings, which it would otherwise inflate in full at open --
// for the sheet list, visibility and workbook properties, and the whole
// workbook only for formula look-ups on error paths. When sheetxml cannot
// open a file, excelize reads all of it as before and words the error.

// Limits on what a workbook may unpack to (zip bombs are refused by
// zipcheck before excelize sees the file; excelize's own limits back that).
const (
	maxUnzipTotal = 4 << 30  // all parts of a workbook, bytes
	maxUnzipEntry = 2 << 30  // one part, bytes
	maxXMLInMem   = 16 << 20 // parts larger than this are spooled to a temp file
	maxEntries    = 10000    // parts in the zip
	maxColumns    = 16384    // columns A..XFD
	formulaChecks = 20       // formula look-ups per sheet (blank value cells only)
	formulaFiles  = 16 << 20 // formulas are looked up only in workbooks up to this size
)

// zipLimits are the limits handed to zipcheck: lim's fields where set,
// else ours.
func zipLimits(lim zipcheck.Limits) zipcheck.Limits {
	if lim.MaxTotal == 0 {
		lim.MaxTotal = maxUnzipTotal
	}
	if lim.MaxEntry == 0 {
		lim.MaxEntry = min(maxUnzipEntry, lim.MaxTotal)
	}
	if lim.MaxEntries == 0 {
		lim.MaxEntries = maxEntries
	}
	return lim
}

// sheetInfo is a worksheet's name and whether it is hidden.
type sheetInfo struct {
	Name   string
	Hidden bool
}

// workbook is an open xlsx file.
type workbook struct {
	f    *excelize.File     // the skeleton, or the whole workbook when sx is nil
	sx   *sheetxml.Workbook // sheet data; nil when excelize reads everything
	xo   excelize.Options   // how excelize opens it (limits, temporary folder)
	file *os.File           // open for reading, closed by whoever opened it
	size int64
	// sheetList is read when the workbook is opened.
	sheetList []sheetInfo
	date1904  bool
	// formulasKnown and formulasFound cache hasFormulas.
	formulasKnown, formulasFound bool
	// whole is the whole workbook, opened for formula look-ups only.
	whole    *excelize.File
	wholeErr error
}

// internalError words a panic inside the workbook readers (excelize,
// sheetxml) as an error; the caller adds the file name.
func internalError(v any) error {
	return fmt.Errorf("cannot be read: internal error in the workbook reader: %v", v)
}

// openWorkbook checks the open file with zipcheck, then opens it with
// excelize (which spools large parts to tmpDir, "" for the system's
// temporary folder) and lists its sheets. The caller closes the file, after
// the workbook. Errors are one line without the file name (the caller adds
// it); a panic inside the readers is one of them.
func openWorkbook(file *os.File, lim zipcheck.Limits, tmpDir string) (wb *workbook, err error) {
	defer func() {
		if v := recover(); v != nil {
			wb, err = nil, internalError(v)
		}
	}()
	st, err := file.Stat()
	if err != nil {
		return nil, err
	}
	lim = zipLimits(lim)
	if err := zipcheck.Check(file, st.Size(), lim); err != nil {
		return nil, err
	}
	xo := excelizeOptions
	xo.UnzipSizeLimit = max(xo.UnzipSizeLimit, lim.MaxTotal)
	xo.TmpDir = tmpDir
	sx, f := openSkeleton(file, st.Size(), xo)
	if f == nil {
		f, err = excelize.OpenReader(io.NewSectionReader(file, 0, st.Size()), xo)
		if err != nil {
			return nil, fmt.Errorf("cannot be opened as a workbook: %w", err)
		}
	}
	wb = &workbook{f: f, sx: sx, xo: xo, file: file, size: st.Size()}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		wb.date1904 = *props.Date1904
	}
	for _, name := range f.GetSheetList() {
		visible, err := f.GetSheetVisible(name)
		wb.sheetList = append(wb.sheetList, sheetInfo{Name: name, Hidden: err == nil && !visible})
	}
	return wb, nil
}

// sheets lists the worksheets in workbook order.
func (w *workbook) sheets() []sheetInfo { return w.sheetList }

// rows streams the rows of a sheet with raw cell values: numbers as stored
// (dates as serials), shared strings resolved, formulas as their cached
// value.
func (w *workbook) rows(sheet string) (src rowSource, err error) {
	defer func() {
		if v := recover(); v != nil {
			src, err = nil, internalError(v)
		}
	}()
	if w.sx != nil {
		if part, err := w.sx.SheetPart(sheet); err == nil {
			r, err := w.sx.Rows(part)
			if err != nil {
				return nil, err
			}
			x := &sheetRows{w: w, sheet: sheet, r: r}
			if w.size > formulaFiles {
				x.formulas = formulaChecks // looking up a formula would load the whole sheet
			}
			return x, nil
		}
		// A sheet sheetxml cannot place: excelize reads it (or words the
		// error) from the whole workbook.
		whole, err := w.wholeWorkbook()
		if err != nil {
			return nil, err
		}
		return excelizeRows(w, whole, sheet)
	}
	return excelizeRows(w, w.f, sheet)
}

// excelizeRows streams a sheet with excelize's iterator.
func excelizeRows(w *workbook, f *excelize.File, sheet string) (rowSource, error) {
	r, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	x := &xlsxRows{f: f, sheet: sheet, r: r}
	if w.size > formulaFiles || !w.hasFormulas() {
		x.formulas = formulaChecks // looking up a formula would load the whole sheet
	}
	return x, nil
}

// hasFormulas reports whether any worksheet part holds a formula element.
// It is asked once per workbook, and only of workbooks small enough for
// formula look-ups, whose parts excelize keeps in memory.
func (w *workbook) hasFormulas() bool {
	if w.formulasKnown {
		return w.formulasFound
	}
	w.formulasKnown = true
	book := w.formulaBook()
	if book == nil {
		return false
	}
	book.Pkg.Range(func(k, v any) bool {
		name, _ := k.(string)
		data, _ := v.([]byte)
		if !strings.HasPrefix(name, "xl/worksheets/") || !strings.HasSuffix(name, ".xml") {
			return true
		}
		if bytes.Contains(data, []byte("<f>")) || bytes.Contains(data, []byte("<f ")) || bytes.Contains(data, []byte(":f>")) || bytes.Contains(data, []byte(":f ")) || bytes.Contains(data, []byte("<f/>")) {
			w.formulasFound = true
			return false
		}
		return true
	})
	return w.formulasFound
}

// close releases the workbook and its temporary files (not the file,
// which its opener closes).
func (w *workbook) close() (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = internalError(v)
		}
	}()
	err = w.f.Close()
	if w.whole != nil {
		if cerr := w.whole.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// xlsxRows adapts excelize's streaming iterator to rowSource.
type xlsxRows struct {
	f        *excelize.File
	sheet    string
	r        *excelize.Rows
	num      int
	cells    []string
	err      error
	formulas int
}

var rawValues = excelize.Options{RawCellValue: true}

func (x *xlsxRows) Next() (ok bool) {
	defer func() {
		if v := recover(); v != nil {
			x.err, ok = internalError(v), false
		}
	}()
	if x.err != nil || !x.r.Next() {
		return false
	}
	x.num++
	cells, err := x.r.Columns(rawValues)
	if err != nil {
		x.err = &cellError{Row: x.num, Msg: err.Error()}
		return false
	}
	if len(cells) > maxColumns {
		x.err = &cellError{Row: x.num, Col: maxColumns + 1, Msg: fmt.Sprintf("row %d has %d cells, more than the %d columns (A to XFD) Excel allows", x.num, len(cells), maxColumns)}
		return false
	}
	x.cells = cells
	return true
}

func (x *xlsxRows) Row() (int, []string) { return x.num, x.cells }

func (x *xlsxRows) Err() error {
	if x.err != nil {
		return x.err
	}
	return x.r.Error()
}

func (x *xlsxRows) Close() (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = internalError(v)
		}
	}()
	return x.r.Close()
}

// formula returns the formula of a cell that read blank. It loads the sheet
// into excelize's memory, so it is called for blank value cells only, at
// most formulaChecks times per sheet, and never in workbooks over
// formulaFiles bytes.
func (x *xlsxRows) formula(row, col int) (formula string, ok bool) {
	return lookUpFormula(&x.formulas, &x.err, func() *excelize.File { return x.f }, x.sheet, row, col)
}

// lookUpFormula returns the formula of the cell at row, col of sheet in the
// workbook that book returns (nil: none), counting the look-up in *used and
// refusing it once *used reaches formulaChecks; a panic inside becomes *errp.
func lookUpFormula(used *int, errp *error, book func() *excelize.File, sheet string, row, col int) (formula string, ok bool) {
	defer func() {
		if v := recover(); v != nil {
			*errp, formula, ok = internalError(v), "", false
		}
	}()
	if *used >= formulaChecks {
		return "", false
	}
	*used++
	f := book()
	ref, err := excelize.CoordinatesToCellName(col, row)
	if f == nil || err != nil {
		return "", false
	}
	formula, err = f.GetCellFormula(sheet, ref)
	if err != nil || formula == "" {
		return "", false
	}
	return formula, true
}

var excelizeOptions = excelize.Options{
	UnzipSizeLimit:    maxUnzipTotal,
	UnzipXMLSizeLimit: maxXMLInMem,
}

// openSkeleton opens the sheet data with sheetxml and the rest of the
// workbook, without its sheet data, with excelize. It returns nils when
// either fails, so that excelize opens the whole file and words the error.
func openSkeleton(file *os.File, size int64, xo excelize.Options) (*sheetxml.Workbook, *excelize.File) {
	sx, err := sheetxml.OpenReaderAt(file, size)
	if err != nil {
		return nil, nil
	}
	var skel bytes.Buffer
	if err := sx.Skeleton(&skel); err != nil {
		return nil, nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(skel.Bytes()), xo)
	if err != nil {
		return nil, nil
	}
	return sx, f
}

// wholeWorkbook opens the whole file with excelize, once.
func (w *workbook) wholeWorkbook() (*excelize.File, error) {
	if w.sx == nil {
		return w.f, nil
	}
	if w.whole == nil && w.wholeErr == nil {
		w.whole, w.wholeErr = excelize.OpenReader(io.NewSectionReader(w.file, 0, w.size), w.xo)
	}
	return w.whole, w.wholeErr
}

// formulaBook is the excelize workbook that holds the sheets' formulas (nil
// when it cannot be opened).
func (w *workbook) formulaBook() *excelize.File {
	f, err := w.wholeWorkbook()
	if err != nil {
		return nil
	}
	return f
}

// sheetRows adapts sheetxml's iterator to rowSource. Rows absent from the
// XML are not returned (the table reader counts the gap as blank rows).
type sheetRows struct {
	w        *workbook
	sheet    string
	r        *sheetxml.Rows
	num      int
	cells    []string
	formulas int
	err      error // a panic inside the reader, as an error
}

func (x *sheetRows) Next() (ok bool) {
	defer func() {
		if v := recover(); v != nil {
			x.err, ok = internalError(v), false
		}
	}()
	if x.err != nil || !x.r.Next() {
		return false
	}
	x.num, x.cells = x.r.Row()
	return true
}

func (x *sheetRows) Row() (int, []string) { return x.num, x.cells }

// SharedIndexes returns the shared-string index of each cell of the current
// row (see sheetxml.Rows.SharedIndexes).
func (x *sheetRows) SharedIndexes() []int32 { return x.r.SharedIndexes() }

// RowsHint returns the number of rows the sheet claims to hold (see
// sheetxml.Rows.RowsHint).
func (x *sheetRows) RowsHint() int { return x.r.RowsHint() }

// Err returns sheetxml's error, at its cell or row when it has one; rows
// out of order are worded as the table reader words them.
func (x *sheetRows) Err() error {
	if x.err != nil {
		return x.err
	}
	err := x.r.Err()
	var e *sheetxml.Error
	if !errors.As(err, &e) || e.Row == 0 {
		return err
	}
	if e.Kind == sheetxml.KindRowOrder {
		return &cellError{Row: e.Row, Msg: fmt.Sprintf("row %d comes after row %d; the sheet's rows are out of order", e.Row, e.Prev)}
	}
	return &cellError{Row: e.Row, Col: e.Col, Msg: e.Msg}
}

// Close releases the sheet; its error was reported by Err already.
func (x *sheetRows) Close() (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = internalError(v)
		}
	}()
	x.r.Close()
	return nil
}

// formula returns the formula of a cell that read blank, from the whole
// workbook (opened with excelize on the first look-up): at most
// formulaChecks times per sheet, never in workbooks over formulaFiles bytes
// or without any formula.
func (x *sheetRows) formula(row, col int) (formula string, ok bool) {
	return lookUpFormula(&x.formulas, &x.err, func() *excelize.File {
		if !x.w.hasFormulas() {
			x.formulas = formulaChecks
			return nil
		}
		return x.w.formulaBook()
	}, x.sheet, row, col)
}
