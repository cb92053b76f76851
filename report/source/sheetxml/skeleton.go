package sheetxml

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// maxSheetHead bounds the XML kept before a worksheet's <sheetData>.
const maxSheetHead = 8 << 20

// Skeleton writes a copy of the workbook for excelize to open cheaply when
// this package reads the sheet data: every part is copied as stored (still
// compressed, not inflated), except that each worksheet keeps only the XML
// before its <sheetData> followed by an empty <sheetData/>, and the
// shared-string table is left empty. Workbook properties, the sheet list and
// visibility, styles and number formats stay as they are. A worksheet whose
// sheet data cannot be found within its first 8 MiB is copied whole.
func (w *Workbook) Skeleton(out io.Writer) error {
	zw := zip.NewWriter(out)
	for _, f := range w.zr.File {
		name := strings.ReplaceAll(f.Name, "\\", "/")
		lower := strings.ToLower(name)
		switch {
		case lower == strings.ToLower(sharedStringsPart):
			if err := writePart(zw, f, []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
				`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>`)); err != nil {
				return err
			}
			continue
		case strings.HasPrefix(lower, "xl/worksheets/") && strings.HasSuffix(lower, ".xml"):
			head, ok, err := w.sheetHead(f)
			if err != nil {
				return err
			}
			if ok {
				if err := writePart(zw, f, head); err != nil {
					return err
				}
				continue
			}
		}
		if err := zw.Copy(f); err != nil {
			return &Error{Part: name, Msg: "cannot copy", Err: err}
		}
	}
	return zw.Close()
}

func writePart(zw *zip.Writer, f *zip.File, body []byte) error {
	pw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
	if err != nil {
		return err
	}
	_, err = pw.Write(body)
	return err
}

// sheetHead returns a worksheet's XML up to its <sheetData>, closed with an
// empty sheetData and the root's end tag; ok is false when no sheetData
// start tag was found in the first maxSheetHead bytes.
func (w *Workbook) sheetHead(f *zip.File) ([]byte, bool, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, false, &Error{Part: f.Name, Msg: "cannot open", Err: err}
	}
	defer rc.Close()
	var buf []byte
	chunk := make([]byte, 64<<10)
	for len(buf) < maxSheetHead {
		n, err := rc.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if head, ok := closeHead(buf); ok {
			return head, true, nil
		}
		if err == io.EOF {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, &Error{Part: f.Name, Msg: "cannot read", Err: err}
		}
	}
	return nil, false, nil
}

// closeHead finds the sheetData start tag in the XML prefix buf and returns
// the XML before it plus "<sheetData/></root>".
func closeHead(buf []byte) ([]byte, bool) {
	for off := 0; ; {
		k := bytes.Index(buf[off:], []byte("sheetData"))
		if k < 0 {
			return nil, false
		}
		k += off
		off = k + 1
		// The name must be a start tag's: "<sheetData" or "<p:sheetData",
		// followed by a space, '>' or '/'.
		start := k - 1
		for start >= 0 && buf[start] != '<' && nameByte[buf[start]] {
			start--
		}
		if start < 0 || buf[start] != '<' || k+9 >= len(buf) {
			if k+9 >= len(buf) {
				return nil, false
			}
			continue
		}
		prefix := buf[start+1 : k]
		if len(prefix) > 0 && prefix[len(prefix)-1] != ':' {
			continue
		}
		if c := buf[k+9]; c != '>' && c != '/' && !isSpace(c) {
			continue
		}
		root := rootName(buf[:start])
		if root == "" {
			return nil, false
		}
		out := append([]byte(nil), buf[:start]...)
		out = fmt.Appendf(out, "<%ssheetData/></%s>", prefix, root)
		return out, true
	}
}

// rootName returns the name of the first start tag in XML text.
func rootName(b []byte) string {
	for i := 0; i < len(b); i++ {
		if b[i] != '<' || i+1 >= len(b) {
			continue
		}
		switch b[i+1] {
		case '?', '!', '/':
			continue
		}
		e := scanName(b, i+1)
		return string(b[i+1 : e])
	}
	return ""
}
