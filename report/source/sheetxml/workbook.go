// Package sheetxml streams the cell values of xlsx worksheets fast and in
// bounded memory. It reads only the sheet data and the shared-string table
// with a hand-written byte scanner over the decompressed zip entry; everything
// else about a workbook (properties, sheet list and visibility, the 1904 flag,
// styles and number formats) is left to excelize.
//
// It returns exactly the raw values excelize's Rows and
// Columns(Options{RawCellValue: true}) return -- shared and inline strings
// resolved, numbers, dates, booleans and errors as their stored text, a
// formula's cached value, trailing empty cells trimmed -- and reports as
// errors what excelize silently loses: a shared-string index that does not
// exist, rows or cells out of order, references past XFD or row 1,048,576,
// document type and entity declarations, malformed XML and truncated or
// corrupt entries.
package sheetxml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"unsafe"

	kflate "github.com/klauspost/compress/flate"
)

// sharedStringsPart is where excelize reads the shared-string table.
const sharedStringsPart = "xl/sharedStrings.xml"

// Workbook is an open xlsx zip with its shared-string table loaded.
type Workbook struct {
	zr    *zip.Reader
	file  *os.File // nil when opened from a ReaderAt
	parts map[string]*zip.File

	arena []byte   // every shared string, decoded, end to end
	offs  []uint32 // string i is arena[offs[i]:offs[i+1]]
}

// Open opens the xlsx workbook at path and loads its shared strings.
func Open(name string) (*Workbook, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	w, err := OpenReaderAt(f, st.Size())
	if err != nil {
		f.Close()
		return nil, err
	}
	w.file = f
	return w, nil
}

// OpenReaderAt opens an xlsx workbook of the given size and loads its shared
// strings.
func OpenReaderAt(r io.ReaderAt, size int64) (*Workbook, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("not a readable xlsx zip: %w", err)
	}
	// klauspost/compress inflates about a third faster than the standard
	// library (a million-row sheet: 0.7 s instead of 1.0 s); archive/zip
	// still checks each entry's size and checksum.
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return kflate.NewReader(r) })
	w := &Workbook{zr: zr, parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, "\\", "/")
		if strings.EqualFold(name, sharedStringsPart) {
			name = sharedStringsPart
		}
		w.parts[name] = f
	}
	if err := w.loadSharedStrings(); err != nil {
		return nil, err
	}
	return w, nil
}

// Close closes the file opened by Open.
func (w *Workbook) Close() error {
	if w.file == nil {
		return nil
	}
	err := w.file.Close()
	w.file = nil
	return err
}

// SharedStrings returns the number of entries in the shared-string table.
func (w *Workbook) SharedStrings() int { return len(w.offs) - 1 }

// sharedString returns entry i, aliasing the arena (never modified).
func (w *Workbook) sharedString(i int) string {
	a, b := w.offs[i], w.offs[i+1]
	if a == b {
		return ""
	}
	return unsafe.String(&w.arena[a], int(b-a))
}

func (w *Workbook) open(part string) (io.ReadCloser, *zip.File, error) {
	f, ok := w.parts[part]
	if !ok {
		return nil, nil, &Error{Part: part, Msg: "no such part in the workbook"}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, &Error{Part: part, Kind: KindRead, Msg: "cannot open", Err: err}
	}
	return rc, f, nil
}

// loadSharedStrings reads xl/sharedStrings.xml, when present, into the
// arena.
func (w *Workbook) loadSharedStrings() error {
	w.offs = []uint32{0}
	f, ok := w.parts[sharedStringsPart]
	if !ok {
		return nil
	}
	rc, _, err := w.open(sharedStringsPart)
	if err != nil {
		return err
	}
	defer rc.Close()
	if n := f.UncompressedSize64; n < 1<<30 {
		w.arena = make([]byte, 0, n/2)
		w.offs = make([]uint32, 1, n/32+1)
	}
	l := &sstLoader{w: w, s: newScanner(rc)}
	if err := l.load(); err != nil {
		return w.sharedStringsError(err)
	}
	return nil
}

// sharedStringsError words an error met while loading the shared strings.
func (w *Workbook) sharedStringsError(err error) error {
	if se, ok := err.(*syntaxError); ok {
		return &Error{Part: sharedStringsPart, Kind: se.kind, Msg: fmt.Sprintf("string %d: %s", len(w.offs)-1, se.msg)}
	}
	if err == io.ErrUnexpectedEOF || err == errTooLarge {
		return &Error{Part: sharedStringsPart, Kind: KindTruncated, Msg: "truncated", Err: err}
	}
	return &Error{Part: sharedStringsPart, Kind: KindRead, Msg: "cannot read", Err: err}
}

// sstLoader reads the shared-string table into its workbook's arena.
type sstLoader struct {
	w             *Workbook
	s             *scanner
	inSST, closed bool   // inside <sst>; </sst> seen
	t, runs, run  []byte // scratch for one string item
}

// load reads the table to its end, one piece of markup at a time.
func (l *sstLoader) load() error {
	s := l.s
	for s.pos < s.end || !s.eof {
		err := l.step()
		if err == errShort {
			if err = s.more(); err != nil {
				if err == io.ErrUnexpectedEOF && s.pos == s.end {
					break // the stream ended between two pieces of markup
				}
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
	}
	if err := s.drain(); err != nil {
		return err
	}
	if l.inSST && !l.closed {
		return io.ErrUnexpectedEOF
	}
	return nil
}

// step reads the next piece of markup: a string item, another element,
// </sst>, or anything else (skipped).
func (l *sstLoader) step() error {
	s := l.s
	b := s.buf[:s.end]
	i, kind, err := s.markupFrom(b, s.pos)
	if err != nil {
		if err == errEnd {
			return nil
		}
		return err
	}
	switch kind {
	case mkStart:
		return l.element(b, i)
	case mkEnd:
		name, next, err := endTag(b, i)
		if err != nil {
			return err
		}
		if string(local(name)) == "sst" {
			l.closed = true
		}
		s.pos = next
		return nil
	}
	next, err := skipMarkup(b, i, kind)
	if err != nil {
		return err
	}
	s.pos = next
	return nil
}

// element reads the element whose start tag is at b[i]: <sst>, a string
// item <si>, or another element (skipped).
func (l *sstLoader) element(b []byte, i int) error {
	s := l.s
	name, self, next, err := s.startTag(b, i)
	if err != nil {
		return err
	}
	ln := local(name)
	switch {
	case !l.inSST:
		l.inSST = string(ln) == "sst"
	case string(ln) != "si":
		if !self {
			if next, err = s.skipElement(b, next, name); err != nil {
				return err
			}
		}
	default:
		l.t, l.runs = l.t[:0], l.runs[:0]
		if !self {
			if next, err = s.parseRich(b, next, name, &l.t, &l.runs, &l.run); err != nil {
				return err
			}
		}
		w := l.w
		w.arena = appendRich(w.arena, l.t, l.runs, &l.run)
		if len(w.arena) > 1<<32-1 {
			return errTooLarge
		}
		w.offs = append(w.offs, uint32(len(w.arena)))
	}
	s.pos = next
	return nil
}

// appendRich appends the value of a string item as excelize's
// xlsxSI.String makes it: the direct text, then the runs' text, with _xHHHH_
// escapes decoded over the whole; scratch is reused.
func appendRich(dst, t, runs []byte, scratch *[]byte) []byte {
	switch {
	case len(runs) == 0:
		return appendBstr(dst, t)
	case len(t) == 0:
		return appendBstr(dst, runs)
	}
	*scratch = append(append((*scratch)[:0], t...), runs...)
	return appendBstr(dst, *scratch)
}

// parseRich reads the content of a string item (<si> or <is>) whose start
// tag ends at i: the direct <t> into *t, the <t> of each run <r> appended to
// *runs, phonetic runs and properties ignored, as excelize's xlsxSI.String.
func (s *scanner) parseRich(b []byte, i int, name []byte, t, runs, run *[]byte) (int, error) {
	for {
		en, self, end, next, err := s.nextChild(b, i, name)
		if err != nil {
			return 0, err
		}
		if end {
			return next, nil
		}
		i = next
		if self {
			if string(local(en)) == "t" {
				*t = (*t)[:0]
			}
			continue
		}
		switch string(local(en)) {
		case "t":
			if *t, i, err = s.appendContent((*t)[:0], b, i, en); err != nil {
				return 0, err
			}
		case "r":
			*run = (*run)[:0]
			if i, err = s.parseRun(b, i, en, run); err != nil {
				return 0, err
			}
			*runs = append(*runs, *run...)
		default:
			if i, err = s.skipElement(b, i, en); err != nil {
				return 0, err
			}
		}
	}
}

// parseRun reads a rich-text run <r>, keeping the text of its last <t>.
func (s *scanner) parseRun(b []byte, i int, name []byte, run *[]byte) (int, error) {
	for {
		en, self, end, next, err := s.nextChild(b, i, name)
		if err != nil {
			return 0, err
		}
		if end {
			return next, nil
		}
		i = next
		if self {
			if string(local(en)) == "t" {
				*run = (*run)[:0]
			}
			continue
		}
		if string(local(en)) == "t" {
			if *run, i, err = s.appendContent((*run)[:0], b, i, en); err != nil {
				return 0, err
			}
			continue
		}
		if i, err = s.skipElement(b, i, en); err != nil {
			return 0, err
		}
	}
}

// SheetPart returns the zip entry holding the worksheet named sheet
// (compared without regard to case, as excelize does), resolved through the
// workbook and its relationships.
func (w *Workbook) SheetPart(sheet string) (string, error) {
	wbPart := w.workbookPart()
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := w.decodeSmall(wbPart, &wb); err != nil {
		return "", err
	}
	var rels relationships
	relsPart := path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels")
	if err := w.decodeSmall(relsPart, &rels); err != nil {
		return "", err
	}
	for _, sh := range wb.Sheets {
		if !strings.EqualFold(sh.Name, sheet) {
			continue
		}
		for _, r := range rels.Rel {
			if r.ID == sh.RID {
				return w.relTarget(wbPart, r.Target, sheet)
			}
		}
	}
	return "", &Error{Part: wbPart, Msg: fmt.Sprintf("no sheet named %q", sheet)}
}

// relationships is a relationships part (.rels).
type relationships struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// workbookPart is the workbook's main part, as the package's
// relationships name it (xl/workbook.xml when they do not).
func (w *Workbook) workbookPart() string {
	wbPart := "xl/workbook.xml"
	var rels relationships
	if err := w.decodeSmall("_rels/.rels", &rels); err == nil {
		for _, r := range rels.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPart = strings.TrimPrefix(path.Clean("/"+r.Target), "/")
			}
		}
	}
	return wbPart
}

// relTarget resolves the target of a relationship of the workbook part
// wbPart to the part of sheet, which must exist.
func (w *Workbook) relTarget(wbPart, target, sheet string) (string, error) {
	target = strings.ReplaceAll(target, "\\", "/")
	var p string
	if strings.HasPrefix(target, "/") {
		p = strings.TrimPrefix(path.Clean(target), "/")
	} else {
		p = strings.TrimPrefix(path.Clean(path.Dir(wbPart)+"/"+target), "/")
	}
	if _, ok := w.parts[p]; !ok {
		return "", &Error{Part: p, Msg: fmt.Sprintf("sheet %q: no such part in the workbook", sheet)}
	}
	return p, nil
}

// decodeSmall decodes a small metadata part (a few kilobytes) with
// encoding/xml.
func (w *Workbook) decodeSmall(part string, v any) error {
	rc, f, err := w.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	if f.UncompressedSize64 > 64<<20 {
		return &Error{Part: part, Msg: "too large"}
	}
	data, err := io.ReadAll(rc)
	if err != nil {
		return &Error{Part: part, Msg: "cannot read", Err: err}
	}
	if bytes.Contains(data, []byte("<!DOCTYPE")) || bytes.Contains(data, []byte("<!ENTITY")) {
		return &Error{Part: part, Msg: "document type or entity declaration refused"}
	}
	if err := xml.Unmarshal(data, v); err != nil && !errors.Is(err, io.EOF) {
		return &Error{Part: part, Msg: "malformed XML", Err: err}
	}
	return nil
}
