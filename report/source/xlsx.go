package source

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/salesreview/salesreview/report/source/zipcheck"
)

// This file holds everything that knows about excelize. The rest of the
// package sees a workbook as a list of sheets and each sheet as a rowSource.
// A faster reader of the sheet XML (package sheetxml) can replace
// excelize's iterator in workbook.rows: its rows must come with their own
// numbers (the table reader counts missing rows as blank), and its
// positioned errors should be returned as *cellError so that they are
// reported at their cell.

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

// zipLimits are the limits handed to zipcheck.
var zipLimits = zipcheck.Limits{MaxTotal: maxUnzipTotal, MaxEntry: maxUnzipEntry, MaxEntries: maxEntries}

// sheetInfo is a worksheet's name and whether it is hidden.
type sheetInfo struct {
	Name   string
	Hidden bool
}

// workbook is an open xlsx file.
type workbook struct {
	f        *excelize.File
	file     *os.File
	size     int64
	date1904 bool
	// formulasKnown and formulasFound cache hasFormulas.
	formulasKnown, formulasFound bool
}

// openWorkbook checks the file with zipcheck, then opens it with excelize.
// Errors are one line without the file name (the caller adds it).
func openWorkbook(path string) (*workbook, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, err
	}
	if err := zipcheck.Check(file, st.Size(), zipLimits); err != nil {
		file.Close()
		return nil, err
	}
	if _, err := file.Seek(0, 0); err != nil {
		file.Close()
		return nil, err
	}
	f, err := excelize.OpenReader(file, excelize.Options{
		UnzipSizeLimit:    maxUnzipTotal,
		UnzipXMLSizeLimit: maxXMLInMem,
	})
	if err != nil {
		file.Close()
		return nil, fmt.Errorf("cannot be opened as a workbook: %w", err)
	}
	wb := &workbook{f: f, file: file, size: st.Size()}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		wb.date1904 = *props.Date1904
	}
	return wb, nil
}

// sheets lists the worksheets in workbook order.
func (w *workbook) sheets() []sheetInfo {
	var out []sheetInfo
	for _, name := range w.f.GetSheetList() {
		visible, err := w.f.GetSheetVisible(name)
		out = append(out, sheetInfo{Name: name, Hidden: err == nil && !visible})
	}
	return out
}

// rows streams the rows of a sheet with raw cell values: numbers as stored
// (dates as serials), shared strings resolved, formulas as their cached
// value.
func (w *workbook) rows(sheet string) (rowSource, error) {
	r, err := w.f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	x := &xlsxRows{f: w.f, sheet: sheet, r: r}
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
	w.f.Pkg.Range(func(k, v any) bool {
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

// close releases the workbook and its temporary files.
func (w *workbook) close() error {
	err := w.f.Close()
	if cerr := w.file.Close(); err == nil {
		err = cerr
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

func (x *xlsxRows) Next() bool {
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

func (x *xlsxRows) Close() error { return x.r.Close() }

// formula returns the formula of a cell that read blank. It loads the sheet
// into excelize's memory, so it is called for blank value cells only, at
// most formulaChecks times per sheet, and never in workbooks over
// formulaFiles bytes.
func (x *xlsxRows) formula(row, col int) (string, bool) {
	if x.formulas >= formulaChecks {
		return "", false
	}
	x.formulas++
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return "", false
	}
	f, err := x.f.GetCellFormula(x.sheet, ref)
	if err != nil || f == "" {
		return "", false
	}
	return f, true
}
