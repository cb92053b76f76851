package sheetxml

import (
	"bytes"
	"fmt"
	"testing"
)

// TestRowsHint: the hint is the last row of <dimension>, 0 without one,
// and never more rows than the sheet's XML could hold.
func TestRowsHint(t *testing.T) {
	rows := `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`
	doc := func(dimension string) string {
		return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + dimension + `<sheetData>` + rows + `</sheetData></worksheet>`
	}
	size := len(doc(`<dimension ref="A1:C3"/>`))
	tests := []struct {
		name, dimension string
		want            int
	}{
		{"range", `<dimension ref="A1:C3"/>`, 3},
		{"one cell", `<dimension ref="B7"/>`, min(7, size/minRowBytes)},
		{"absolute", `<dimension ref="$A$1:$C$3"/>`, 3},
		{"none", ``, 0},
		{"unreadable", `<dimension ref="nonsense"/>`, 0},
		{"past Excel's last row", `<dimension ref="A1:C1048577"/>`, 0},
		// A file may claim what it likes: the hint stays within what
		// its XML can hold.
		{"lie", `<dimension ref="A1:C1048576"/>`, size / minRowBytes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := rawWorkbook(t, doc(tt.dimension), "")
			r := openData(t, data)
			n := 0
			for r.Next() {
				n++
			}
			if err := r.Err(); err != nil || n != 3 {
				t.Fatalf("%d rows, %v", n, err)
			}
			if got := r.RowsHint(); got != tt.want {
				t.Errorf("RowsHint() = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestSharedIndexes: a shared-string cell gives its index in the table;
// inline strings, numbers and the empty cells before a value give -1.
func TestSharedIndexes(t *testing.T) {
	data := rawWorkbook(t, sheet(`<row r="1"><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>x</t></is></c><c r="D1"><v>7</v></c><c r="E1" t="s"><v>0</v></c></row>`),
		sst(`<si><t>zero</t></si>`, `<si><t>one</t></si>`))
	r := openData(t, data)
	if !r.Next() {
		t.Fatal(r.Err())
	}
	_, cells := r.Row()
	got := fmt.Sprint(cells, r.SharedIndexes())
	if want := "[ one x 7 zero] [-1 1 -1 -1 0]"; got != want {
		t.Errorf("cells and indexes %s, want %s", got, want)
	}
}

// openData opens the rows of the sheet "Data" of a workbook, closed with
// the test.
func openData(t *testing.T, data []byte) *Rows {
	t.Helper()
	w, err := OpenReaderAt(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	part, err := w.SheetPart("Data")
	if err != nil {
		t.Fatal(err)
	}
	r, err := w.Rows(part)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}
