package zipcheck

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// sniffLen is how many leading bytes identify reads.
const sniffLen = 4096

type kind int

const (
	kindOther kind = iota
	kindZip
	kindCFB
)

// format is what the first bytes say a file is; err explains it when it is
// not a zip or a compound file.
type format struct {
	kind kind
	name string // what the file is, for Describe
	err  error
}

var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// identify tells from a file's first bytes what it is.
func identify(head []byte) format {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")),
		bytes.HasPrefix(head, []byte("PK\x07\x08")):
		return format{kind: kindZip}
	case bytes.HasPrefix(head, []byte("PK")):
		return format{name: "a damaged zip file", err: fmt.Errorf("%w: the file starts like a zip but its first entry header is damaged", ErrCorrupt)}
	case bytes.HasPrefix(head, cfbMagic):
		return format{kind: kindCFB}
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return wrong("a PDF document", "")
	case bytes.HasPrefix(head, []byte{0x1F, 0x8B}):
		return wrong("a gzip-compressed file", ": unpack it first")
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return wrong("UTF-16 text", ` (Excel's "Unicode Text" export?) saved with a workbook name: save it as CSV UTF-8 instead`)
	case bytes.HasPrefix(head, []byte("{\\rtf")):
		return wrong("an RTF document", "")
	}
	text := bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	if !isText(text) {
		n := min(len(head), 8)
		return wrong("an unknown binary format", fmt.Sprintf(" (it starts with bytes % x)", head[:n]))
	}
	lower := bytes.ToLower(bytes.TrimLeft(text, " \t\r\n"))
	switch {
	case bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return wrong("an Excel 2003 XML spreadsheet", ": open it in Excel and save it as .xlsx")
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.HasPrefix(lower, []byte("<table")), bytes.Contains(lower, []byte("<html")):
		return wrong("an HTML page", ` saved with a workbook name (a web "Export to Excel"?): open it in Excel and save it as .xlsx, or export CSV`)
	case bytes.HasPrefix(lower, []byte("<?xml")), bytes.HasPrefix(lower, []byte("<")):
		return wrong("an XML or markup file", ", not an xlsx workbook")
	case bytes.ContainsAny(text, ",;\t"):
		return wrong("CSV (delimited text)", " saved with a workbook name: rename it to .csv")
	default:
		return wrong("a plain text file", "")
	}
}

// wrong is the format of a file that is not a workbook: name says what it
// is ("an HTML page"), advice what to do (appended to the message).
func wrong(name, advice string) format {
	return format{name: name, err: &wrongFormat{name, advice}}
}

// wrongFormat is the error of a file that is not a workbook; it wraps
// ErrWrongFormat.
type wrongFormat struct{ name, advice string }

func (e *wrongFormat) Error() string {
	return ErrWrongFormat.Error() + ": the file is " + e.name + e.advice
}

func (e *wrongFormat) Unwrap() error { return ErrWrongFormat }

// isText reports whether b looks like UTF-8 text: valid UTF-8 (a rune cut at
// the end is fine) without NUL or other control bytes except tab, CR, LF and
// form feed.
func isText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:])
		}
		i += n
	}
	return true
}
