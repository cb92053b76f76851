package sheetxml

import (
	"archive/zip"
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// row is one non-empty row as a reader returned it.
type row struct {
	Num   int
	Cells []string
}

// readExcelize reads every non-empty row of sheet with excelize's streaming
// reader and raw cell values: the reference.
func readExcelize(t testing.TB, data []byte, sheet string) ([]row, error) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("excelize open: %w", err)
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	var out []row
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return out, err
		}
		if len(cells) > 0 {
			out = append(out, row{n, append([]string(nil), cells...)})
		}
	}
	if err := rows.Error(); err != nil {
		return out, err
	}
	return out, rows.Close()
}

// readOurs reads every non-empty row of sheet with this package.
func readOurs(t testing.TB, data []byte, sheet string) ([]row, error) {
	t.Helper()
	w, err := OpenReaderAt(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	defer w.Close()
	part, err := w.SheetPart(sheet)
	if err != nil {
		return nil, err
	}
	rows, err := w.Rows(part)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []row
	for rows.Next() {
		num, cells := rows.Row()
		if len(cells) != len(rows.Styles()) {
			t.Fatalf("row %d: %d cells but %d styles", num, len(cells), len(rows.Styles()))
		}
		checkShared(t, w, num, cells, rows.SharedIndexes())
		if len(cells) > 0 {
			out = append(out, row{num, append([]string(nil), cells...)})
		}
	}
	return out, rows.Err()
}

// checkShared requires one shared-string index per cell, each naming the
// cell's own text.
func checkShared(t testing.TB, w *Workbook, num int, cells []string, shared []int32) {
	t.Helper()
	if len(shared) != len(cells) {
		t.Fatalf("row %d: %d cells but %d shared-string indexes", num, len(cells), len(shared))
	}
	for i, k := range shared {
		if k < -1 || k >= int32(w.SharedStrings()) || k >= 0 && w.sharedString(int(k)) != cells[i] {
			t.Fatalf("row %d cell %d: shared-string index %d for %q", num, i, k, cells[i])
		}
	}
}

// sameRows requires both readers to return identical rows without errors.
func sameRows(t testing.TB, data []byte, sheet string) []row {
	t.Helper()
	want, werr := readExcelize(t, data, sheet)
	got, gerr := readOurs(t, data, sheet)
	if werr != nil || gerr != nil {
		t.Fatalf("errors: excelize %v, sheetxml %v", werr, gerr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("sheet %q differs:\nexcelize %+v\nsheetxml %+v", sheet, want, got)
	}
	return got
}

// rawWorkbook builds an xlsx zip around one worksheet's XML and an optional
// shared-strings XML (both given whole), so tests can write XML that no
// library would.
func rawWorkbook(t testing.TB, sheetXML, sstXML string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	sstType, sstRel := "", ""
	if sstXML != "" {
		sstType = `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		sstRel = `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+sstType+`</Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+sstRel+`</Relationships>`)
	add("xl/worksheets/sheet1.xml", sheetXML)
	if sstXML != "" {
		add("xl/sharedStrings.xml", sstXML)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheet wraps sheetData content in a worksheet document.
func sheet(data string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>` + data + `</sheetData><pageMargins left="0.7"/></worksheet>`
}

// sst wraps string items in a shared-string table.
func sst(items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="` + fmt.Sprint(len(items)) + `">` + strings.Join(items, "") + `</sst>`
}
