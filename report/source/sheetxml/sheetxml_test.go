package sheetxml

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestSameAsExcelizeRawXML runs both readers over hand-written sheet XML
// that exercises every kind of cell and text encoding, and requires the
// same rows.
func TestSameAsExcelizeRawXML(t *testing.T) {
	strs := sst(
		`<si><t>plain</t></si>`,
		`<si><t xml:space="preserve">  padded  </t></si>`,
		`<si><r><rPr><b/></rPr><t>rich </t></r><r><t>text</t></r></si>`,
		`<si><t>base</t><rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/></si>`,
		`<si><t>a &amp; b &lt;c&gt; &#123; &#x1F600; &quot;q&apos;</t></si>`,
		`<si><t>line1&#13;&#10;line2
line3</t></si>`,
		`<si><t>esc _x0041_ _x005F_x0041_ _xD800_ _x12_</t></si>`,
		`<si><t/></si>`,
		`<si><t><![CDATA[<cdata> & ]]></t></si>`,
		`<si><!-- note --><t>after comment</t></si>`,
		`<si><t>head</t><r><t>+run</t></r></si>`,
	)
	cases := map[string]string{
		"shared": `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>
<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2" t="s"><v>6</v></c><c r="D2" t="s"><v>7</v></c><c r="E2" t="s"><v>8</v></c><c r="F2" t="s"><v>9</v></c><c r="G2" t="s"><v>10</v></c></row>`,
		"inline":              `<row r="1"><c r="A1" t="inlineStr"><is><t>inline</t></is></c><c r="B1" t="inlineStr"><is><r><t>ri</t></r><r><rPr/><t xml:space="preserve"> ch</t></r></is></c><c r="C1" t="inlineStr"><is><t>x &amp; &#x263A; _x0042_</t></is></c><c r="D1" t="inlineStr"><v>v only</v></c></row>`,
		"numbers":             `<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="n"><v>-1.5E-3</v></c><c r="C1" s="3"><v>45292.5</v></c><c r="D1"><v>0.1000000000000000055511</v></c><c r="E1"><v> 7 </v></c></row>`,
		"booleans and errors": `<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" t="d"><v>2024-01-23T17:50:51Z</v></c></row>`,
		"formulas": `<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C1" t="str"><f>""</f><v></v></c><c r="D1"><f>NOW()</f></c><c r="E1" t="b"><f>TRUE()</f><v>1</v></c></row>
<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">A1+1</f><v>3</v></c></row><row r="3"><c r="A3"><f t="shared" si="0"/><v>4</v></c></row>`,
		"sparse":           `<row r="2" spans="1:30"><c r="C2"><v>1</v></c><c r="AD2"><v>2</v></c></row><row r="7"/><row r="9"><c r="B9" s="1"/><c r="E9" t="s"/></row><row r="12"><c r="XFD12"><v>last</v></c></row>`,
		"no refs":          `<row><c><v>1</v></c><c/><c><v>3</v></c></row><row><c t="inlineStr"><is><t>two</t></is></c></row><row r="5"><c><v>5</v></c></row><row><c><v>6</v></c></row>`,
		"trailing empties": `<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="2"/><c r="C1" t="inlineStr"><is><t></t></is></c><c r="D1"><v></v></c></row>`,
		"markup noise":     `<!-- before --><row r="1"><?pi x?><c r="A1"><!-- c --><v>1<!-- inside -->2</v></c><c r="B1" t="str"><v><![CDATA[a<b]]>&amp;c</v></c><extLst><ext uri="x"><y>9</y></ext></extLst></row>`,
		"whitespace":       "<row r=\"1\"  >\n  <c r=\"A1\"\tt=\"inlineStr\" >\n<is>\n<t>a\r\nb\rc</t>\n</is>\n</c >\n</row >",
		"case and dollars": `<row r="1"><c r="$A$1"><v>1</v></c><c r="b1"><v>2</v></c></row>`,
		"empty sheetData":  ``,
	}
	prefixed := `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>pre</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			sameRows(t, rawWorkbook(t, sheet(data), strs), "Data")
		})
	}
	t.Run("prefixed", func(t *testing.T) {
		got := sameRows(t, rawWorkbook(t, prefixed, ""), "Data")
		if len(got) != 1 || got[0].Cells[0] != "pre" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("self-closing sheetData", func(t *testing.T) {
		sameRows(t, rawWorkbook(t, `<worksheet><sheetData/></worksheet>`, ""), "data")
	})
	t.Run("no sheetData", func(t *testing.T) {
		sameRows(t, rawWorkbook(t, `<worksheet/>`, ""), "Data")
	})
}

// TestValues checks decoded values against literals worked out by hand, so
// the differential test is not the only judge.
func TestValues(t *testing.T) {
	strs := sst(`<si><r><t>rich </t></r><r><t>text</t></r><rPh><t>X</t></rPh></si>`,
		`<si><t>a &amp; &#123;&#x1F600; _x005F_x0041_ _x0041_</t></si>`)
	data := rawWorkbook(t, sheet(`<row r="3"><c r="B3" t="s"><v>0</v></c><c r="D3" t="s"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c><c r="F3" t="b"><v>1</v></c><c r="G3"><f>X</f></c></row>`), strs)
	got, err := readOurs(t, data, "Data")
	if err != nil {
		t.Fatal(err)
	}
	want := []row{{3, []string{"", "rich text", "", "a & {\U0001F600 _x0041_ A", "#N/A", "1", ""}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

// TestErrors checks what excelize silently loses and this reader reports.
func TestErrors(t *testing.T) {
	strs := sst(`<si><t>only</t></si>`)
	cases := []struct{ name, sheet, sst, want string }{
		{"shared index missing", sheet(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>5</v></c></row>`), strs,
			"xl/worksheets/sheet1.xml: B1: shared string index 5 does not exist (the table has 1 strings)"},
		{"shared index not a number", sheet(`<row r="1"><c r="A1" t="s"><v>x</v></c></row>`), strs,
			`xl/worksheets/sheet1.xml: A1: shared string index "x" is not a number`},
		{"row repeats", sheet(`<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>`), "",
			"xl/worksheets/sheet1.xml: row 1: row 1 appears twice"},
		{"row backwards", sheet(`<row r="5"/><row r="3"/>`), "",
			"xl/worksheets/sheet1.xml: row 3: row 3 comes after row 5"},
		{"row past limit", sheet(`<row r="1048577"/>`), "",
			"xl/worksheets/sheet1.xml: row 1048577: row number 1048577 is past Excel's last row 1048576"},
		{"row number junk", sheet(`<row r="1x"/>`), "",
			`xl/worksheets/sheet1.xml: row 1: row number "1x" is not a positive integer`},
		{"column past XFD", sheet(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), "",
			`xl/worksheets/sheet1.xml: XFE1: cell reference "XFE1" is past Excel's last column XFD`},
		{"cell out of order", sheet(`<row r="1"><c r="C1"><v>1</v></c><c r="B1"><v>2</v></c></row>`), "",
			"xl/worksheets/sheet1.xml: B1: cell B1 comes after C1 in its row"},
		{"cell in wrong row", sheet(`<row r="2"><c r="A3"><v>1</v></c></row>`), "",
			`xl/worksheets/sheet1.xml: A2: cell reference "A3" is not in row 2`},
		{"bad reference", sheet(`<row r="2"><c r="A-1"><v>1</v></c></row>`), "",
			`xl/worksheets/sheet1.xml: A2: cell reference "A-1" is not a cell name`},
		{"doctype", `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY big "xxxxxxxx">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&big;</t></is></c></row></sheetData></worksheet>`, "",
			`xl/worksheets/sheet1.xml: document type or entity declaration "<!DOCTYPE worksheet ..." refused`},
		{"unknown entity", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>a &nbsp; b</t></is></c></row>`), "",
			`xl/worksheets/sheet1.xml: A1: invalid character entity "&nbsp;"`},
		{"bad char ref", sheet(`<row r="1"><c r="A1"><v>&#0;</v></c></row>`), "",
			"xl/worksheets/sheet1.xml: A1: illegal character code U+0000"},
		{"invalid utf8", sheet("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>\xff</v></c></row>"), "",
			"xl/worksheets/sheet1.xml: A1: invalid UTF-8"},
		{"truncated XML", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`, "",
			"xl/worksheets/sheet1.xml: A2: truncated: the XML ends inside the sheet data"},
		{"mismatched tags", sheet(`<row r="1"><c r="A1"><v>1</f></c></row>`), "",
			"xl/worksheets/sheet1.xml: A1: element <v> closed by </f>"},
		{"utf-16", `<?xml version="1.0" encoding="UTF-16"?><worksheet/>`, "",
			`xl/worksheets/sheet1.xml: encoding "UTF-16" is not supported (only UTF-8)`},
		{"bad shared strings", sheet(``), `<sst><si><t>a &bogus; b</t></si></sst>`,
			`xl/sharedStrings.xml: string 0: invalid character entity "&bogus;"`},
		{"truncated shared strings", sheet(``), `<sst><si><t>a</t></si><si><t>b`,
			"xl/sharedStrings.xml: truncated: unexpected EOF"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readOurs(t, rawWorkbook(t, c.sheet, c.sst), "Data")
			if err == nil || err.Error() != c.want {
				t.Fatalf("error\n got %v\nwant %s", err, c.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not *Error", err)
			}
		})
	}
}

// TestExcelizeLosesSilently documents why the errors above exist: excelize
// returns these sheets without any error.
func TestExcelizeLosesSilently(t *testing.T) {
	strs := sst(`<si><t>only</t></si>`)
	for name, data := range map[string][]byte{
		"missing shared string": rawWorkbook(t, sheet(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>5</v></c></row>`), strs),
		"truncated":             rawWorkbook(t, `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`, ""),
		"bad entity":            rawWorkbook(t, sheet(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="str"><v>&nbsp;</v></c></row>`), ""),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := readExcelize(t, data, "Data"); err != nil {
				t.Skipf("excelize now reports it: %v", err)
			}
			if _, err := readOurs(t, data, "Data"); err == nil {
				t.Fatal("sheetxml reported no error either")
			}
		})
	}
}

// TestCorruptEntry flips bytes of a stored sheet entry's compressed data:
// the reader must return an error, never a silent short read.
func TestCorruptEntry(t *testing.T) {
	var sb strings.Builder
	for r := 1; r <= 3000; r++ {
		fmt.Fprintf(&sb, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>name %d</t></is></c></row>`, r, r, r*7919%10007, r, r)
	}
	data := rawWorkbook(t, sheet(sb.String()), "")
	if _, err := readOurs(t, data, "Data"); err != nil {
		t.Fatal(err)
	}
	// The sheet is the largest entry: corrupt bytes in its middle.
	idx := bytes.Index(data, []byte("xl/worksheets/sheet1.xml"))
	failures := 0
	for _, off := range []int{200, 900, 2000, 4000} {
		bad := append([]byte(nil), data...)
		bad[idx+30+off] ^= 0x55
		if _, err := readOurs(t, bad, "Data"); err != nil {
			failures++
		}
	}
	if failures != 4 {
		t.Fatalf("%d of 4 corruptions reported", failures)
	}
	// Truncating the file breaks the zip directory itself.
	if _, err := readOurs(t, data[:len(data)/2], "Data"); err == nil {
		t.Fatal("truncated file read without error")
	}
}

// TestExcelizeWorkbooks writes varied workbooks with excelize itself and
// reads them back with both readers.
func TestExcelizeWorkbooks(t *testing.T) {
	for _, opt := range []string{"plain", "1904", "stream"} {
		t.Run(opt, func(t *testing.T) {
			sameRows(t, variedWorkbook(t, opt), "Deals")
		})
	}
}

// variedWorkbook builds a workbook with shared and rich strings, numbers,
// dates, booleans, errors, formulas, sparse rows and columns.
func variedWorkbook(t testing.TB, opt string) []byte {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Deals"); err != nil {
		t.Fatal(err)
	}
	if opt == "1904" {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	values := []any{"Acme & Co", 1234.5, -0.001, 1e21, true, false, "", " spaced ", "line\nbreak", "tab\there",
		"<script>", "__f__", "_x0041_", "é ü 日本 😀", 42, int64(-7), time.Date(2024, 2, 29, 13, 30, 0, 0, time.UTC), "=not a formula"}
	if opt == "stream" {
		sw, err := f.NewStreamWriter("Deals")
		if err != nil {
			t.Fatal(err)
		}
		for r := 1; r <= 40; r += 1 + r%3 {
			var cells []any
			for c := 0; c < 1+r%7; c++ {
				v := values[(r*3+c)%len(values)]
				if c == 2 {
					v = excelize.Cell{Formula: "1+1", Value: 2}
				}
				cells = append(cells, v)
			}
			cell, _ := excelize.CoordinatesToCellName(1+r%4, r)
			if err := sw.SetRow(cell, cells); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	} else {
		for r := 1; r <= 60; r++ {
			if r%9 == 0 {
				continue
			}
			for c := 1; c <= 12; c++ {
				if (r+c)%5 == 0 {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c, r)
				v := values[(r*7+c)%len(values)]
				if err := f.SetCellValue("Deals", cell, v); err != nil {
					t.Fatal(err)
				}
				if c == 4 {
					_ = f.SetCellStyle("Deals", cell, cell, dateStyle)
				}
			}
		}
		_ = f.SetCellFormula("Deals", "N2", "SUM(B2:B9)")
		_ = f.SetCellFormula("Deals", "N3", `IF(A1="x","y","")`)
		_ = f.SetCellRichText("Deals", "O4", []excelize.RichTextRun{{Text: "bold ", Font: &excelize.Font{Bold: true}}, {Text: "plain"}})
		_ = f.SetCellValue("Deals", "ZZ70", "far")
		_ = f.SetCellValue("Deals", "A100", "after gap")
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMavenCRM reads the real Excel-saved files with both readers.
func TestMavenCRM(t *testing.T) {
	paths, _ := filepath.Glob("../../../testdata/maven-crm/excel-saved/*.xlsx")
	if len(paths) == 0 {
		t.Fatal("no testdata/maven-crm/excel-saved/*.xlsx")
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			sheets := f.GetSheetList()
			f.Close()
			total := 0
			for _, sh := range sheets {
				total += len(sameRows(t, data, sh))
			}
			if strings.HasPrefix(filepath.Base(p), "sales_pipeline") && total != 8801 {
				t.Fatalf("sales_pipeline: %d rows, want 8,800 deals and a header", total)
			}
		})
	}
}

// FuzzDifferential writes random cell contents with excelize and requires
// both readers to return the same rows.
func FuzzDifferential(f *testing.F) {
	f.Add("Acme & Co", 3.25, int16(5), true, uint8(3))
	f.Add("_x0041_ <b>", -1e300, int16(-1), false, uint8(200))
	f.Add("line\r\nbreak\ttab", 0.0, int16(16000), true, uint8(17))
	f.Add("😀 \x01 \uFFFE", 1e-7, int16(0), false, uint8(64))
	f.Fuzz(func(t *testing.T, s string, x float64, col int16, b bool, shape uint8) {
		fx := excelize.NewFile()
		defer fx.Close()
		c := 1 + int(uint16(col))%excelize.MaxColumns
		rows := 1 + int(shape%8)
		for r := 1; r <= rows; r++ {
			cc := 1 + (c+r*int(shape))%excelize.MaxColumns
			set := func(col int, v any) {
				name, _ := excelize.CoordinatesToCellName(col, r+int(shape)*r)
				if err := fx.SetCellValue("Sheet1", name, v); err != nil {
					t.Skip(err)
				}
			}
			switch (int(shape) + r) % 5 {
			case 0:
				set(cc, s)
			case 1:
				set(cc, x)
			case 2:
				set(cc, b)
			case 3:
				name, _ := excelize.CoordinatesToCellName(cc, r+int(shape)*r)
				_ = fx.SetCellRichText("Sheet1", name, []excelize.RichTextRun{{Text: s}, {Text: s + "2"}})
			default:
				set(cc, s)
				set(1, x)
			}
		}
		var buf bytes.Buffer
		if err := fx.Write(&buf); err != nil {
			t.Skip(err)
		}
		sameRows(t, buf.Bytes(), "Sheet1")
	})
}

// TestSharedStringsCutBetweenItems: a table that stops between two items
// (no </sst>) is truncated, not short.
func TestSharedStringsCutBetweenItems(t *testing.T) {
	_, err := readOurs(t, rawWorkbook(t, sheet(``), `<sst><si><t>a</t></si>`), "Data")
	if err == nil || err.Error() != "xl/sharedStrings.xml: truncated: unexpected EOF" {
		t.Fatalf("got %v", err)
	}
}

// TestLargeSheetPipelined reads a sheet large enough to be inflated in a
// goroutine: whole, closed half-way, and corrupted.
func TestLargeSheetPipelined(t *testing.T) {
	var sb strings.Builder
	for r := 1; r <= 40000; r++ {
		fmt.Fprintf(&sb, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>name %d &amp; co</t></is></c></row>`, r, r, r*7919%10007, r, r)
	}
	data := rawWorkbook(t, sheet(sb.String()), "")
	got, err := readOurs(t, data, "Data")
	if err != nil || len(got) != 40000 || got[39999].Cells[1] != "name 40000 & co" {
		t.Fatalf("%d rows, err %v", len(got), err)
	}
	w, err := OpenReaderAt(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := w.Rows("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	if rows.pipe == nil {
		t.Fatal("sheet not inflated in a goroutine")
	}
	for i := 0; i < 100 && rows.Next(); i++ {
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	idx := bytes.Index(data, []byte("xl/worksheets/sheet1.xml"))
	bad := append([]byte(nil), data...)
	bad[idx+30+len(bad[idx:])/2] ^= 0x55
	if _, err := readOurs(t, bad, "Data"); err == nil {
		t.Fatal("corrupt sheet read without error")
	}
}

// TestSkeleton opens the skeleton of a workbook with excelize: same sheets,
// visibility, workbook properties and styles, no rows.
func TestSkeleton(t *testing.T) {
	data := variedWorkbook(t, "1904")
	fx, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fx.NewSheet("Hidden one"); err != nil {
		t.Fatal(err)
	}
	_ = fx.SetCellValue("Hidden one", "A1", "x")
	_ = fx.SetSheetVisible("Hidden one", false)
	var buf bytes.Buffer
	if err := fx.Write(&buf); err != nil {
		t.Fatal(err)
	}
	fx.Close()
	data = buf.Bytes()
	w, err := OpenReaderAt(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var skel bytes.Buffer
	if err := w.Skeleton(&skel); err != nil {
		t.Fatal(err)
	}
	if skel.Len() >= len(data) {
		t.Fatalf("skeleton %d bytes, workbook %d", skel.Len(), len(data))
	}
	full, _ := excelize.OpenReader(bytes.NewReader(data))
	sk, err := excelize.OpenReader(bytes.NewReader(skel.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := full.GetSheetList(), sk.GetSheetList(); !reflect.DeepEqual(a, b) {
		t.Fatalf("sheets %q vs %q", a, b)
	}
	for _, name := range full.GetSheetList() {
		v1, _ := full.GetSheetVisible(name)
		v2, _ := sk.GetSheetVisible(name)
		if v1 != v2 {
			t.Fatalf("%s visible %v vs %v", name, v1, v2)
		}
		rows, err := sk.GetRows(name)
		if err != nil || len(rows) != 0 {
			t.Fatalf("%s: skeleton rows %d, %v", name, len(rows), err)
		}
	}
	p1, _ := full.GetWorkbookProps()
	p2, _ := sk.GetWorkbookProps()
	if p1.Date1904 == nil || p2.Date1904 == nil || *p1.Date1904 != *p2.Date1904 || !*p2.Date1904 {
		t.Fatalf("1904 flag lost")
	}
	s1, _ := full.GetStyle(1)
	s2, err := sk.GetStyle(1)
	if err != nil || !reflect.DeepEqual(s1, s2) {
		t.Fatalf("style 1 differs: %v", err)
	}
	// A prefixed worksheet keeps a well-formed skeleton.
	pre := rawWorkbook(t, `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`, "")
	w2, _ := OpenReaderAt(bytes.NewReader(pre), int64(len(pre)))
	skel.Reset()
	if err := w2.Skeleton(&skel); err != nil {
		t.Fatal(err)
	}
	sk2, err := excelize.OpenReader(bytes.NewReader(skel.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if rows, err := sk2.GetRows("Data"); err != nil || len(rows) != 0 {
		t.Fatalf("prefixed skeleton: %v %v", rows, err)
	}
}

func TestCloseHead(t *testing.T) {
	for in, want := range map[string]string{
		`<?xml version="1.0"?><worksheet a="1"><dimension ref="A1"/><sheetData><row>`: `<?xml version="1.0"?><worksheet a="1"><dimension ref="A1"/><sheetData/></worksheet>`,
		`<x:worksheet><x:sheetDataX/><x:sheetData>`:                                   `<x:worksheet><x:sheetDataX/><x:sheetData/></x:worksheet>`,
		`<worksheet><sheetData/></worksheet>`:                                         `<worksheet><sheetData/></worksheet>`,
		`<worksheet><!-- sheetData --><sheetData >`:                                   `<worksheet><!-- sheetData --><sheetData/></worksheet>`,
		`<worksheet><sheetDat`:                                                        ``,
	} {
		got, ok := closeHead([]byte(in))
		if string(got) != want || ok != (want != "") {
			t.Errorf("closeHead(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// TestErrorKinds checks the classification callers use to word messages.
func TestErrorKinds(t *testing.T) {
	strs := sst(`<si><t>only</t></si>`)
	for _, c := range []struct {
		sheet     string
		kind      Kind
		row, prev int
	}{
		{sheet(`<row r="5"/><row r="3"/>`), KindRowOrder, 3, 5},
		{sheet(`<row r="2"/><row r="2"/>`), KindRowOrder, 2, 2},
		{sheet(`<row r="1"><c r="A1" t="s"><v>7</v></c></row>`), KindSharedString, 1, 0},
		{sheet(`<row r="2"><c r="XFE2"><v>1</v></c></row>`), KindLimit, 2, 0},
		{sheet(`<row r="2"><c r="A2"><v>&bad;</v></c></row>`), KindXML, 2, 0},
		{`<worksheet><sheetData><row r="1">`, KindTruncated, 1, 0},
	} {
		_, err := readOurs(t, rawWorkbook(t, c.sheet, strs), "Data")
		var e *Error
		if !errors.As(err, &e) || e.Kind != c.kind || e.Row != c.row || e.Prev != c.prev {
			t.Errorf("%s: got %#v", c.sheet, err)
		}
	}
}

// FuzzRawSheet feeds arbitrary sheet and shared-string XML to the reader:
// it must never panic, and what it returns must be well formed (rows in
// increasing order, within Excel's limits).
func FuzzRawSheet(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>a</t></r></is></c></row>`, `<si><t>x</t></si>`)
	f.Add(`<row r="2"><c r="B2"><v>&#x1F600;&amp;</v></c></row><row r="9"/>`, `<si><r><t>a</t></r><rPh><t>b</t></rPh></si>`)
	f.Add(`<row><c><f>1</f></c><c t="e"><v>#N/A</v></c></row><!-- x --><?pi?>`, `<si><t><![CDATA[z]]></t></si>`)
	f.Add(`<row r="1"><c r="XFD1" s="3"><v>1</v></c></row><row r="1048576"/>`, ``)
	f.Fuzz(func(t *testing.T, rows, strs string) {
		data := rawWorkbook(t, sheet(rows), sst(strs))
		w, err := OpenReaderAt(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		r, err := w.Rows("xl/worksheets/sheet1.xml")
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		prev := 0
		for r.Next() {
			num, cells := r.Row()
			if num <= prev || num > MaxRows || len(cells) > MaxCols || len(cells) != len(r.Styles()) {
				t.Fatalf("row %d after %d with %d cells, %d styles", num, prev, len(cells), len(r.Styles()))
			}
			checkShared(t, w, num, cells, r.SharedIndexes())
			prev = num
		}
		if err := r.Err(); err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not *Error", err)
			}
		}
	})
}

// TestPastXFDWithoutReferences: cells without references running past XFD
// are an error naming the row's length when one holds a value, and ignored
// (as excelize ignores them) when all are empty.
func TestPastXFDWithoutReferences(t *testing.T) {
	empty := `<row r="1"><c><v>1</v></c>` + strings.Repeat(`<c/>`, MaxCols+5) + `</row>`
	sameRows(t, rawWorkbook(t, sheet(empty), ""), "Data")
	full := `<row r="3">` + strings.Repeat(`<c><v>1</v></c>`, MaxCols+2) + `</row>`
	_, err := readOurs(t, rawWorkbook(t, sheet(full), ""), "Data")
	want := "xl/worksheets/sheet1.xml: XFE3: row 3 has 16386 cells, more than the 16384 columns (A to XFD) Excel allows"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}
