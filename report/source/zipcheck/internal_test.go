package zipcheck

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestIdentify(t *testing.T) {
	tests := []struct {
		head string
		want string // "" for zip or compound file
	}{
		{"PK\x03\x04rest", ""},
		{"PK\x05\x06", ""},
		{"PKjunk", "truncated or corrupt workbook: the file starts like a zip but its first entry header is damaged"},
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", ""},
		{"%PDF-1.7", "not an xlsx workbook: the file is a PDF document"},
		{"\x1F\x8B\x08\x00", "not an xlsx workbook: the file is a gzip-compressed file: unpack it first"},
		{"\xFF\xFEI\x00D\x00", `not an xlsx workbook: the file is UTF-16 text (Excel's "Unicode Text" export?) saved with a workbook name: save it as CSV UTF-8 instead`},
		{"\xEF\xBB\xBFOpportunity ID;Amount\r\nD1;1,5\r\n", "not an xlsx workbook: the file is CSV (delimited text) saved with a workbook name: rename it to .csv"},
		{"ID\tAmount\nD1\t1\n", "not an xlsx workbook: the file is CSV (delimited text) saved with a workbook name: rename it to .csv"},
		{"just words\n", "not an xlsx workbook: the file is a plain text file"},
		{"  <!DOCTYPE html><html>", `not an xlsx workbook: the file is an HTML page saved with a workbook name (a web "Export to Excel"?): open it in Excel and save it as .xlsx, or export CSV`},
		{"<table><tr><td>1</td></tr></table>", `not an xlsx workbook: the file is an HTML page saved with a workbook name (a web "Export to Excel"?): open it in Excel and save it as .xlsx, or export CSV`},
		{`<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`, "not an xlsx workbook: the file is an Excel 2003 XML spreadsheet: open it in Excel and save it as .xlsx"},
		{`<?xml version="1.0"?><root/>`, "not an xlsx workbook: the file is an XML or markup file, not an xlsx workbook"},
		{"\x00\x01\x02\x03\x04", "not an xlsx workbook: the file is an unknown binary format (it starts with bytes 00 01 02 03 04)"},
		{"caf\xC3", "not an xlsx workbook: the file is a plain text file"}, // a rune cut at the end of the window
		{"caf\xC3x", "not an xlsx workbook: the file is an unknown binary format (it starts with bytes 63 61 66 c3 78)"},
	}
	for _, tt := range tests {
		f := identify([]byte(tt.head))
		got := ""
		if f.err != nil {
			got = f.err.Error()
		}
		if got != tt.want {
			t.Errorf("identify(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestUnsafeName(t *testing.T) {
	tests := map[string]string{
		"xl/workbook.xml":         "",
		"[Content_Types].xml":     "",
		"xl/worksheets/":          "",
		"":                        "has an empty name",
		"../x":                    "escapes the archive (a .. segment)",
		"xl/../../x":              "escapes the archive (a .. segment)",
		"xl/./x":                  "has a . segment",
		"xl//x":                   "has an empty path segment",
		"/abs":                    "is an absolute path",
		`C:\x`:                    "contains a backslash",
		"C:x":                     "starts with a drive letter",
		"xl/work\x00book.xml":     "contains a control character",
		`xl\worksheets\sheet.xml`: "contains a backslash",
	}
	for name, want := range tests {
		if got := unsafeName(name); got != want {
			t.Errorf("unsafeName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestXMLPrologProblem(t *testing.T) {
	const decl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	tests := []struct {
		xml   string
		whole bool
		want  string
	}{
		{decl + `<worksheet><sheetData/></worksheet>`, true, ""},
		{"\xEF\xBB\xBF" + decl + `<!-- a comment <!DOCTYPE x> --><worksheet/>`, true, ""},
		{decl + `<worksheet><c><is><t><![CDATA[<!DOCTYPE x>]]></t></is></c></worksheet>`, true, ""},
		{decl + `<!DOCTYPE worksheet [<!ENTITY e "x">]><worksheet/>`, true, "holds a markup declaration (<!DOCTYPE...), which Office files never contain: refused"},
		{decl + `<worksheet><!ENTITY e "x"></worksheet>`, true, "holds a markup declaration (<!ENTITY...), which Office files never contain: refused"},
		{decl + `<!doctype x><worksheet/>`, true, "holds a markup declaration (<!doctype...), which Office files never contain: refused"},
		{decl + strings.Repeat(" ", 100), false, "has no start tag in its first 16 KiB"},
		{decl + `<!-- never closed`, false, "has no start tag in its first 16 KiB"},
		{"", true, ""},
		{"\xFF\xFE" + utf16le(`<!DOCTYPE x><w/>`), true, "holds a markup declaration (<!DOCTYPE...), which Office files never contain: refused"},
	}
	for _, tt := range tests {
		if got := xmlPrologProblem([]byte(tt.xml), tt.whole); got != tt.want {
			t.Errorf("xmlPrologProblem(%q) = %q, want %q", tt.xml, got, tt.want)
		}
	}
}

func utf16le(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

func TestPackageKinds(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{[]string{"[Content_Types].xml", "xl/workbook.xml"}, ""},
		{[]string{"[Content_Types].xml", "xl/workbook.bin"}, "not an xlsx workbook: the file is an Excel binary workbook (.xlsb): open it in Excel and save it as .xlsx"},
		{[]string{"[Content_Types].xml", "word/document.xml"}, "not an xlsx workbook: the file is a Word document (.docx)"},
		{[]string{"mimetype", "content.xml"}, "not an xlsx workbook: the file is an OpenDocument file (.ods?): open it and save it as .xlsx"},
		{[]string{"readme.txt"}, "not an xlsx workbook: the file is a zip archive that holds no workbook (no [Content_Types].xml)"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range tt.names {
			w, _ := zw.Create(n)
			w.Write([]byte("<x/>"))
		}
		zw.Close()
		err := Check(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Limits{})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Check(zip of %v) = %q, want %q", tt.names, got, tt.want)
		}
	}
}

func TestCaseInsensitiveDuplicate(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/Workbook.xml"} {
		w, _ := zw.Create(n)
		w.Write([]byte("<x/>"))
	}
	zw.Close()
	err := Check(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Limits{})
	want := `unsafe zip entry name: entries "xl/workbook.xml" and "xl/Workbook.xml" name the same part`
	if err == nil || err.Error() != want || !errors.Is(err, ErrUnsafeName) {
		t.Errorf("Check = %v, want %q", err, want)
	}
}

func TestCFBWithoutWorkbook(t *testing.T) {
	b := make([]byte, 1024)
	copy(b, cfbMagic)
	err := Check(bytes.NewReader(b), int64(len(b)), Limits{})
	want := "not an xlsx workbook: the file is an OLE compound file (a legacy Office format) that holds no workbook"
	if err == nil || err.Error() != want {
		t.Errorf("Check = %v, want %q", err, want)
	}
}

func TestBytesText(t *testing.T) {
	for n, want := range map[uint64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1.0 KiB", 32 << 20: "32.0 MiB",
		1000 << 20: "1.0 GiB", 2 << 30: "2.0 GiB"} {
		if got := bytesText(n); got != want {
			t.Errorf("bytesText(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDescribe(t *testing.T) {
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for _, n := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(n)
		w.Write([]byte("<x/>"))
	}
	zw.Close()
	var dbuf bytes.Buffer
	zw = zip.NewWriter(&dbuf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<x/>"))
	zw.Close()
	tests := map[string]string{
		"":                            "an empty file",
		zbuf.String():                 "an xlsx workbook",
		dbuf.String():                 "a Word document (.docx)",
		"PK\x03\x04junk":              "a damaged zip file",
		"a,b\n1,2\n":                  "CSV (delimited text)",
		"<html><body>":                "an HTML page",
		"%PDF-1.4":                    "a PDF document",
		"\xFF\xFEa\x00":               "UTF-16 text",
		string(cfbMagic) + "\x00\x00": "an OLE compound file",
	}
	for in, want := range tests {
		if got := Describe(strings.NewReader(in), int64(len(in))); got != want {
			t.Errorf("Describe(%.20q) = %q, want %q", in, got, want)
		}
	}
}

func TestDeclaredEntries(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	const n = 0x10000 // more than the classic record holds: zip64
	for i := range n {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("e%d", i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	b := buf.Bytes()
	if got, ok := declaredEntries(bytes.NewReader(b), int64(len(b))); !ok || got != n {
		t.Errorf("declaredEntries(zip64 of %d) = %d, %v", n, got, ok)
	}
	err := Check(bytes.NewReader(b), int64(len(b)), Limits{})
	if want := "too large to unpack safely: the zip has 65536 entries, more than the limit of 10000"; err == nil || err.Error() != want {
		t.Errorf("Check = %v, want %q", err, want)
	}
	// A classic record that claims more entries than the zip holds is
	// refused on the claim, before archive/zip reads the directory.
	var sbuf bytes.Buffer
	zw = zip.NewWriter(&sbuf)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte("<x/>"))
	zw.Close()
	small := sbuf.Bytes()
	i := bytes.LastIndex(small, []byte("PK\x05\x06"))
	small[i+10], small[i+11] = 0x30, 0x75 // 30000
	err = Check(bytes.NewReader(small), int64(len(small)), Limits{})
	if want := "too large to unpack safely: the zip has 30000 entries, more than the limit of 10000"; err == nil || err.Error() != want {
		t.Errorf("Check(forged count) = %v, want %q", err, want)
	}
	if _, ok := declaredEntries(strings.NewReader("PK\x03\x04 no end record"), 21); ok {
		t.Error("declaredEntries found a record in a zip without one")
	}
}
