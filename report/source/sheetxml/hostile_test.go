package sheetxml_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/salesreview/salesreview/report/source/sheetxml"
	"github.com/salesreview/salesreview/report/source/zipcheck"
	"github.com/salesreview/salesreview/report/testsuite/hostile"
)

// TestHostileCorpus runs the safety corpus through both readers: files that
// pass zipcheck must read without a panic; where excelize reads a sheet
// without error and this package too, the rows must be identical; where
// this package reports an error, it is logged (excelize loses those rows
// silently or reports them itself).
func TestHostileCorpus(t *testing.T) {
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			data, err := c.Build()
			if err != nil {
				t.Fatal(err)
			}
			if err := zipcheck.Check(bytes.NewReader(data), int64(len(data)), zipcheck.Limits{MaxTotal: 4 << 30, MaxEntry: 2 << 30, MaxEntries: 10000}); err != nil {
				t.Skipf("refused before reading: %v", err)
			}
			w, err := sheetxml.OpenReaderAt(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Logf("sheetxml refuses the workbook: %v", err)
				return
			}
			fx, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Logf("excelize refuses the workbook: %v", err)
				return
			}
			defer fx.Close()
			for _, sheet := range fx.GetSheetList() {
				want, werr := excelizeRows(fx, sheet)
				got, gerr := ourRows(w, sheet)
				switch {
				case gerr != nil:
					t.Logf("%s: sheetxml: %v (excelize: %d rows, error %v)", sheet, gerr, len(want), werr)
				case werr != nil:
					t.Logf("%s: excelize: %v (sheetxml: %d rows)", sheet, werr, len(got))
				case !reflect.DeepEqual(got, want):
					t.Errorf("%s differs:\nexcelize %q\nsheetxml %q", sheet, want, got)
				}
			}
		})
	}
}

func excelizeRows(f *excelize.File, sheet string) ([][]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return out, err
		}
		out = append(out, append([]string(nil), cells...))
	}
	return out, rows.Error()
}

// ourRows returns the rows as excelize lists them: absent rows as empty.
func ourRows(w *sheetxml.Workbook, sheet string) ([][]string, error) {
	part, err := w.SheetPart(sheet)
	if err != nil {
		return nil, err
	}
	rows, err := w.Rows(part)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		num, cells := rows.Row()
		for len(out) < num-1 {
			out = append(out, nil)
		}
		out = append(out, append([]string(nil), cells...))
	}
	return out, rows.Err()
}
