package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"html"
	"io"
	"strings"

	"github.com/salesreview/salesreview/report/cellref"
	"github.com/xuri/excelize/v2"
)

// Headers is the header row of every deal sheet in the corpus: Salesforce
// report labels, in columns A to H (Amount is F, Close Date is G).
var Headers = []string{"Opportunity ID", "Opportunity Name", "Account Name", "Opportunity Owner", "Stage", "Amount", "Close Date", "Region"}

// Deal is one row of a corpus deal sheet.
type Deal struct {
	ID, Name, Account, Owner, Stage string
	Amount                          float64
	Close                           int // Excel serial in the 1900 system
	Region                          string
}

// BaseDeals are the rows of the plain deal sheet. Close serials: 45292 is
// 2024-01-01, 45300 is 2024-01-09, 45350 is 2024-02-28.
var BaseDeals = []Deal{
	{"D1", "Alpha deal", "Acme", "Ann", "Closed Won", 1000, 45292, "West"},
	{"D2", "Beta deal", "Globex", "Bob", "Closed Lost", 2500, 45300, "East"},
	{"D3", "Gamma deal", "Initech", "Cy", "Prospecting", 400, 45350, "West"},
}

// Payloads are script-injection strings; each must reach a page as text.
var Payloads = []string{
	`</script><script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`__f__alert(1)__f__`,
	`{{.}}`,
	`x__f__`,
	`javascript:alert(1)`,
	`<svg onload=alert(1)>`,
	`'-alert(1)-'`,
	"${alert(1)}`",
}

// XSSSheetName is the deal sheet's name in the xss-names case (Excel
// allows 31 characters and forbids only : \ / ? * [ ]).
const XSSSheetName = `"><img src=x onerror=alert(1)>`

// XSSDeals puts a payload in every text field but the stage (which must
// stay a known stage for the row to be a deal).
var XSSDeals = []Deal{
	{Payloads[0], Payloads[1], Payloads[2], Payloads[3], "Closed Won", 100, 45292, Payloads[4]},
	{Payloads[5], Payloads[6], Payloads[7], Payloads[8], "Closed Won", 200, 45292, Payloads[0]},
	{Payloads[2], Payloads[3], Payloads[0], Payloads[1], "Prospecting", 300, 45292, Payloads[2]},
}

// PathDeals use path traversal and reserved device names.
var PathDeals = []Deal{
	{"P1", "../../etc/passwd", "CON", "NUL", "Closed Won", 100, 45292, "../../etc/passwd"},
	{"P2", "COM1", "con.txt", "LPT1", "Closed Won", 200, 45292, ".."},
	{"P3", `C:\Windows\win.ini`, "/etc/shadow", "AUX", "Closed Won", 300, 45292, "PRN"},
}

// UnicodeDeals use right-to-left text, a bidi override, emoji and
// lookalike characters ("Αcme" starts with a Greek capital alpha).
var UnicodeDeals = []Deal{
	{"U1", "עסקה גדולה", "شركة الأفق", "Zoë 🚀", "Closed Won", 100, 45292, "מרכז"},
	{"U2", "Deal \u202Egnp.exe", "Αcme", "Ann", "Closed Won", 200, 45292, "West"},
	{"U3", "🎉🎉", "Acme", "Аnn", "Closed Won", 300, 45292, "Wеst"},
}

// CSVText is the content of the csv-as-xlsx case.
const CSVText = "Opportunity ID,Opportunity Name,Amount\r\nD1,Alpha deal,1000\r\n"

// HTMLText is the content of the html-as-xlsx case.
const HTMLText = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n<head><meta charset=\"utf-8\"></head>\n" +
	"<body><table><tr><th>Opportunity ID</th><th>Amount</th></tr><tr><td>D1</td><td>1000</td></tr></table></body></html>\n"

// book builds a workbook with excelize: setup fills it, the bytes are
// returned.
func book(setup func(f *excelize.File) error) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := setup(f); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeDeals writes Headers in row top and the deals under it, close dates
// as serials in a date format. A nil amount cell is left empty when skip
// says so.
func writeDeals(f *excelize.File, sheet string, top int, deals []Deal, skipAmount func(i int) bool) error {
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	cell := func(col, row int) string {
		n, _ := excelize.CoordinatesToCellName(col, row)
		return n
	}
	hdr := make([]any, len(Headers))
	for i, h := range Headers {
		hdr[i] = h
	}
	if err := f.SetSheetRow(sheet, cell(1, top), &hdr); err != nil {
		return err
	}
	for i, d := range deals {
		r := top + 1 + i
		var amount any = d.Amount
		if skipAmount != nil && skipAmount(i) {
			amount = nil
		}
		row := []any{d.ID, d.Name, d.Account, d.Owner, d.Stage, amount, d.Close, d.Region}
		if err := f.SetSheetRow(sheet, cell(1, r), &row); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell(7, r), cell(7, r), dateStyle); err != nil {
			return err
		}
	}
	return nil
}

// dealBook is a workbook with one sheet, Deals, holding deals.
func dealBook(deals []Deal) ([]byte, error) {
	return book(func(f *excelize.File) error {
		if err := f.SetSheetName("Sheet1", "Deals"); err != nil {
			return err
		}
		return writeDeals(f, "Deals", 1, deals, nil)
	})
}

// Base returns the plain deal workbook the damaged cases start from.
func Base() ([]byte, error) { return dealBook(BaseDeals) }

func truncated() ([]byte, error) {
	b, err := Base()
	return b[:len(b)/2], err
}

// rezip copies the zip src, letting edit replace entries (returning true
// when it wrote the entry itself) and extra append entries at the end.
func rezip(src []byte, edit func(w *zip.Writer, f *zip.File) (bool, error), extra func(w *zip.Writer) error) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if edit != nil {
			done, err := edit(zw, f)
			if err != nil {
				return nil, err
			}
			if done {
				continue
			}
		}
		if err := zw.Copy(f); err != nil {
			return nil, err
		}
	}
	if extra != nil {
		if err := extra(zw); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// replaceEntry returns base with the entry name's content replaced (or
// added) as the raw deflate stream comp that inflates to size bytes with
// checksum crc.
func replaceEntry(base []byte, name string, comp []byte, size uint64, crc uint32) ([]byte, error) {
	found := false
	write := func(w *zip.Writer) error {
		fw, err := w.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(len(comp)), UncompressedSize64: size})
		if err != nil {
			return err
		}
		_, err = fw.Write(comp)
		return err
	}
	return rezip(base, func(w *zip.Writer, f *zip.File) (bool, error) {
		if f.Name != name {
			return false, nil
		}
		found = true
		return true, write(w)
	}, func(w *zip.Writer) error {
		if found {
			return nil
		}
		return write(w)
	})
}

func corruptEntry() ([]byte, error) {
	b, err := Base()
	if err != nil {
		return nil, err
	}
	// 0xFF starts a deflate block of the reserved type 3: the first read
	// of the entry fails.
	junk := bytes.Repeat([]byte{0xFF}, 512)
	return replaceEntry(b, "xl/worksheets/sheet1.xml", junk, 4096, 0)
}

// deflateRepeat returns a raw deflate stream of head, then chunk n times,
// then tail, built without inflating it in memory: each piece is
// compressed by a fresh compressor and sync-flushed, so the pieces end on
// byte boundaries and reference nothing before them, and the compressed
// chunk is repeated as is. It also returns the size and CRC-32 of the
// inflated stream.
func deflateRepeat(head, chunk, tail []byte, n int) (comp []byte, size uint64, crc uint32, err error) {
	piece := func(b []byte, final bool) ([]byte, error) {
		var buf bytes.Buffer
		w, err := flate.NewWriter(&buf, flate.BestCompression)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
		if final {
			err = w.Close()
		} else {
			err = w.Flush()
		}
		return buf.Bytes(), err
	}
	h, err := piece(head, false)
	if err != nil {
		return nil, 0, 0, err
	}
	c, err := piece(chunk, false)
	if err != nil {
		return nil, 0, 0, err
	}
	t, err := piece(tail, true)
	if err != nil {
		return nil, 0, 0, err
	}
	comp = append(comp, h...)
	crc = crc32.Update(0, crc32.IEEETable, head)
	for range n {
		comp = append(comp, c...)
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	comp = append(comp, t...)
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	size = uint64(len(head) + n*len(chunk) + len(tail))
	return comp, size, crc, nil
}

const mainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// bombParts returns the head, repeated chunk (1 MiB) and tail of a part of
// about size bytes: rows of a sheet, or cell formats of styles.xml.
func bombParts(name string, size int) (head, chunk, tail []byte, n int) {
	var unit string
	if strings.HasSuffix(name, "styles.xml") {
		head = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<styleSheet " + mainNS + `><cellXfs count="1">`)
		unit = `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`
		tail = []byte(`</cellXfs></styleSheet>`)
	} else {
		head = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<worksheet " + mainNS + `><sheetData>`)
		unit = `<row><c t="inlineStr"><is><t>x</t></is></c></row>`
		tail = []byte(`</sheetData></worksheet>`)
	}
	chunk = bytes.Repeat([]byte(unit), (1<<20)/len(unit))
	return head, chunk, tail, size / len(chunk)
}

// bomb returns the base workbook with the part name replaced by about size
// bytes of XML that deflate at close to the format's limit.
func bomb(name string, size int) ([]byte, error) {
	b, err := Base()
	if err != nil {
		return nil, err
	}
	head, chunk, tail, n := bombParts(name, size)
	comp, us, crc, err := deflateRepeat(head, chunk, tail, n)
	if err != nil {
		return nil, err
	}
	return replaceEntry(b, name, comp, us, crc)
}

// SpooledRows is the number of deal rows of the spooled-sheet case before
// its last row; the last row, SpooledRows+2, has the amount "12,5x".
var SpooledRows = 17 * spooledPerChunk

// spooledPerChunk is how many rows one 1 MiB chunk of the spooled sheet
// holds.
var spooledPerChunk = (1 << 20) / len(spooledRow())

// spooledRow is one row of the spooled sheet: deal D1 without its ID (IDs
// are optional) and without cell references.
func spooledRow() string {
	d := BaseDeals[0]
	return fmt.Sprintf(`<row><c t="inlineStr"><is><t></t></is></c><c t="inlineStr"><is><t>%s</t></is></c><c t="inlineStr"><is><t>%s</t></is></c>`+
		`<c t="inlineStr"><is><t>%s</t></is></c><c t="inlineStr"><is><t>%s</t></is></c><c><v>%s</v></c><c s="1"><v>%d</v></c><c t="inlineStr"><is><t>%s</t></is></c></row>`,
		d.Name, d.Account, d.Owner, d.Stage, "%s", d.Close, d.Region)
}

// spooledSheet is a deal sheet of 17 MiB, more than the 16 MiB from which
// the workbook library spools a sheet to a temporary file; its last row
// has an amount that is not a number, so reading it fails after the
// temporary file was made, which checks that the failure path removes it.
func spooledSheet() ([]byte, error) {
	b, err := Base()
	if err != nil {
		return nil, err
	}
	var hdr strings.Builder
	hdr.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<worksheet " + mainNS + `><sheetData><row>`)
	for _, h := range Headers {
		hdr.WriteString(`<c t="inlineStr"><is><t>` + html.EscapeString(h) + `</t></is></c>`)
	}
	hdr.WriteString(`</row>`)
	chunk := []byte(strings.Repeat(fmt.Sprintf(spooledRow(), "1000"), spooledPerChunk))
	tail := fmt.Sprintf(spooledRow(), `12,5x`)
	tail = strings.Replace(tail, `<c><v>12,5x</v></c>`, `<c t="inlineStr"><is><t>12,5x</t></is></c>`, 1) + `</sheetData></worksheet>`
	comp, size, crc, err := deflateRepeat([]byte(hdr.String()), chunk, []byte(tail), 17)
	if err != nil {
		return nil, err
	}
	return replaceEntry(b, "xl/worksheets/sheet1.xml", comp, size, crc)
}

// corruptMidway is a deal sheet whose first 500 rows inflate correctly and
// whose compressed data then turns to junk: the reader fails after some
// rows, which must stop the run rather than end the sheet early.
func corruptMidway() ([]byte, error) {
	b, err := Base()
	if err != nil {
		return nil, err
	}
	var x strings.Builder
	x.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<worksheet " + mainNS + `><sheetData>` + headerRow())
	for r := 2; r <= 501; r++ {
		d := BaseDeals[0]
		d.ID = fmt.Sprintf("M%d", r)
		x.WriteString(dealRow(r, d, 0, ""))
	}
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(w, x.String()); err != nil {
		return nil, err
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	comp := append(buf.Bytes(), bytes.Repeat([]byte{0xFF}, 64)...)
	return replaceEntry(b, "xl/worksheets/sheet1.xml", comp, 10<<20, 0)
}

// duplicateIDs is a deal sheet of 5,000 rows that all carry the ID D1.
func duplicateIDs() ([]byte, error) { return DuplicateIDs(5000) }

// DuplicateIDs returns a workbook whose deal sheet has n rows that all
// carry the ID D1 (for benchmarks of duplicate detection).
func DuplicateIDs(n int) ([]byte, error) {
	var rows strings.Builder
	rows.WriteString(headerRow())
	for r := 2; r <= n+1; r++ {
		rows.WriteString(dealRow(r, BaseDeals[0], 0, ""))
	}
	return rawBook([]rawSheet{{name: "Deals", rows: rows.String()}}, nil, false)
}

func lyingSize() ([]byte, error) {
	b, err := Base()
	if err != nil {
		return nil, err
	}
	head, chunk, tail, n := bombParts("xl/worksheets/sheet1.xml", 64<<20)
	comp, _, _, err := deflateRepeat(head, chunk, tail, n)
	if err != nil {
		return nil, err
	}
	return replaceEntry(b, "xl/worksheets/sheet1.xml", comp, 1024, 0)
}

func manyEntries() ([]byte, error) {
	b, err := Base()
	if err != nil {
		return nil, err
	}
	return rezip(b, nil, func(w *zip.Writer) error {
		for i := range 10001 {
			if _, err := w.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("customXml/item%d.bin", i), Method: zip.Store}); err != nil {
				return err
			}
		}
		return nil
	})
}

// extraEntry returns the base workbook with one more entry.
func extraEntry(name, content string) ([]byte, error) {
	b, err := Base()
	if err != nil {
		return nil, err
	}
	return rezip(b, nil, func(w *zip.Writer) error {
		fw, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		_, err = io.WriteString(fw, content)
		return err
	})
}

func duplicateEntry() ([]byte, error) {
	return extraEntry("xl/worksheets/sheet1.xml", "<worksheet "+mainNS+"><sheetData/></worksheet>")
}

func formulaNoCache() ([]byte, error) {
	return book(func(f *excelize.File) error {
		if err := f.SetSheetName("Sheet1", "Deals"); err != nil {
			return err
		}
		if err := writeDeals(f, "Deals", 1, BaseDeals, func(i int) bool { return i == 1 }); err != nil {
			return err
		}
		return f.SetCellFormula("Deals", "F3", "F2*2")
	})
}

func formulaCircular() ([]byte, error) {
	return book(func(f *excelize.File) error {
		if err := f.SetSheetName("Sheet1", "Deals"); err != nil {
			return err
		}
		if err := writeDeals(f, "Deals", 1, BaseDeals, func(i int) bool { return i < 2 }); err != nil {
			return err
		}
		if err := f.SetCellFormula("Deals", "F2", "F3+1"); err != nil {
			return err
		}
		return f.SetCellFormula("Deals", "F3", "F2+1")
	})
}

// HiddenDeals and VeryHiddenDeals are on the hidden and very hidden sheets
// of the hidden-sheets case; only BaseDeals, on the visible sheet, count.
var (
	HiddenDeals     = []Deal{{"H1", "Hidden deal", "Acme", "Ann", "Closed Won", 7000, 45292, "West"}}
	VeryHiddenDeals = []Deal{{"V1", "Very hidden deal", "Acme", "Ann", "Closed Won", 9000, 45292, "West"}}
)

func hiddenSheets() ([]byte, error) {
	return book(func(f *excelize.File) error {
		if err := f.SetSheetName("Sheet1", "Deals"); err != nil {
			return err
		}
		if err := writeDeals(f, "Deals", 1, BaseDeals, nil); err != nil {
			return err
		}
		for _, s := range []struct {
			name  string
			deals []Deal
			very  bool
		}{{"Old deals", HiddenDeals, false}, {"Archive", VeryHiddenDeals, true}} {
			if _, err := f.NewSheet(s.name); err != nil {
				return err
			}
			if err := writeDeals(f, s.name, 1, s.deals, nil); err != nil {
				return err
			}
			if err := f.SetSheetVisible(s.name, false, s.very); err != nil {
				return err
			}
		}
		return nil
	})
}

func mergedHeader() ([]byte, error) {
	return book(func(f *excelize.File) error {
		if err := f.SetSheetName("Sheet1", "Deals"); err != nil {
			return err
		}
		if err := f.SetCellValue("Deals", "A1", "Q1 pipeline review"); err != nil {
			return err
		}
		if err := f.MergeCell("Deals", "A1", "H1"); err != nil {
			return err
		}
		if err := writeDeals(f, "Deals", 2, BaseDeals, nil); err != nil {
			return err
		}
		if err := f.SetCellValue("Deals", "I2", "Notes"); err != nil {
			return err
		}
		return f.MergeCell("Deals", "I2", "J2")
	})
}

func wide() ([]byte, error) {
	return book(func(f *excelize.File) error {
		if err := f.SetSheetName("Sheet1", "Deals"); err != nil {
			return err
		}
		if err := writeDeals(f, "Deals", 1, BaseDeals, nil); err != nil {
			return err
		}
		extra := make([]any, excelize.MaxColumns-len(Headers))
		for i := range extra {
			extra[i] = fmt.Sprintf("Note %d", i+1)
		}
		return f.SetSheetRow("Deals", "I1", &extra)
	})
}

// rawSheet is a worksheet written as XML by hand.
type rawSheet struct {
	name, state string // state: "", "hidden" or "veryHidden"
	prolog      string // inserted between the XML declaration and the root
	rows        string // the content of <sheetData>
}

// rawBook writes a minimal xlsx package by hand, for the cases excelize
// will not write: sst is the shared-string table (none when nil).
func rawBook(sheets []rawSheet, sst []string, date1904 bool) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, content string) error {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, content)
		return err
	}
	const decl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	var ct, wb, rels strings.Builder
	ct.WriteString(decl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	wb.WriteString(decl + `<workbook ` + mainNS + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	if date1904 {
		wb.WriteString(`<workbookPr date1904="1"/>`)
	}
	wb.WriteString(`<sheets>`)
	rels.WriteString(decl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		state := ""
		if s.state != "" {
			state = fmt.Sprintf(` state="%s"`, s.state)
		}
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, html.EscapeString(s.name), n, state, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
		if err := add(fmt.Sprintf("xl/worksheets/sheet%d.xml", n),
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+s.prolog+`<worksheet `+mainNS+`><sheetData>`+s.rows+`</sheetData></worksheet>`); err != nil {
			return nil, err
		}
	}
	if sst != nil {
		ct.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
		rels.WriteString(`<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`)
		var s strings.Builder
		fmt.Fprintf(&s, decl+`<sst %s count="%d" uniqueCount="%d">`, mainNS, len(sst), len(sst))
		for _, v := range sst {
			fmt.Fprintf(&s, `<si><t>%s</t></si>`, html.EscapeString(v))
		}
		s.WriteString(`</sst>`)
		if err := add("xl/sharedStrings.xml", s.String()); err != nil {
			return nil, err
		}
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	styles := decl + `<styleSheet ` + mainNS + `>` +
		`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
		`<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
		`</styleSheet>`
	for _, p := range []struct{ name, content string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", decl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", styles},
	} {
		if err := add(p.name, p.content); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// inline returns an inline-string cell.
func inline(ref, s string) string {
	return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, html.EscapeString(s))
}

// headerRow is row 1 of a raw deal sheet.
func headerRow() string {
	var b strings.Builder
	b.WriteString(`<row r="1">`)
	for i, h := range Headers {
		b.WriteString(inline(cellref.Column(i+1)+"1", h))
	}
	b.WriteString(`</row>`)
	return b.String()
}

// dealRow is deal d as row r of a raw deal sheet, its close date shifted
// by dateShift days (-1462 for the 1904 system). The account cell is
// written as raw XML when account is not "".
func dealRow(r int, d Deal, dateShift int, account string) string {
	ref := func(col int) string { return fmt.Sprintf("%s%d", cellref.Column(col), r) }
	if account == "" {
		account = inline(ref(3), d.Account)
	}
	return fmt.Sprintf(`<row r="%d">%s%s%s%s%s<c r="%s"><v>%g</v></c><c r="%s" s="1"><v>%d</v></c>%s</row>`, r,
		inline(ref(1), d.ID), inline(ref(2), d.Name), account, inline(ref(4), d.Owner), inline(ref(5), d.Stage),
		ref(6), d.Amount, ref(7), d.Close+dateShift, inline(ref(8), d.Region))
}

func dtdEntity() ([]byte, error) {
	rows := headerRow() + dealRow(2, BaseDeals[0], 0, `<c r="C2" t="inlineStr"><is><t>&boom;</t></is></c>`)
	return rawBook([]rawSheet{{name: "Deals", prolog: `<!DOCTYPE worksheet [<!ENTITY boom "Evil Corp">]>` + "\n", rows: rows}}, nil, false)
}

func cols50000() ([]byte, error) {
	var b strings.Builder
	b.WriteString(headerRow() + dealRow(2, BaseDeals[0], 0, "") + `<row r="3">`)
	for range 50000 {
		b.WriteString(`<c><v>1</v></c>`)
	}
	b.WriteString(`</row>`)
	return rawBook([]rawSheet{{name: "Deals", rows: b.String()}}, nil, false)
}

func beyondXFD() ([]byte, error) {
	rows := headerRow() + strings.Replace(dealRow(2, BaseDeals[0], 0, ""), "</row>", `<c r="XFE2"><v>1</v></c></row>`, 1)
	return rawBook([]rawSheet{{name: "Deals", rows: rows}}, nil, false)
}

func badSSTIndex() ([]byte, error) {
	// Row 2's account is shared string 999 of a table of three.
	rows := headerRow() + dealRow(2, BaseDeals[0], 0, `<c r="C2" t="s"><v>999</v></c>`) +
		dealRow(3, BaseDeals[1], 0, `<c r="C3" t="s"><v>1</v></c>`)
	return rawBook([]rawSheet{{name: "Deals", rows: rows}}, []string{"Acme", "Globex", "Initech"}, false)
}

// rowOrder writes the three base deals as rows with the given numbers.
func rowOrder(nums ...int) ([]byte, error) {
	rows := headerRow()
	for i, n := range nums {
		rows += dealRow(n, BaseDeals[i%len(BaseDeals)], 0, "")
	}
	return rawBook([]rawSheet{{name: "Deals", rows: rows}}, nil, false)
}

// Date1904Shift is the difference between a date's 1900-system serial and
// its 1904-system serial (1904-01-01 is 1462 in the 1900 system).
const Date1904Shift = 1462

func date1904() ([]byte, error) {
	rows := headerRow()
	for i, d := range BaseDeals {
		rows += dealRow(i+2, d, -Date1904Shift, "")
	}
	return rawBook([]rawSheet{{name: "Deals", rows: rows}}, nil, true)
}

func xssNames() ([]byte, error) {
	return book(func(f *excelize.File) error {
		if err := f.SetSheetName("Sheet1", XSSSheetName); err != nil {
			return err
		}
		return writeDeals(f, XSSSheetName, 1, XSSDeals, nil)
	})
}

func pathNames() ([]byte, error)    { return dealBook(PathDeals) }
func unicodeNames() ([]byte, error) { return dealBook(UnicodeDeals) }
