package zipcheck

import (
	"archive/zip"
	"errors"
	"io"
)

// Describe says in a few words what a file is, for messages about a file
// given under the wrong name (an xlsx workbook named .csv, say): "an empty
// file", "an xlsx workbook", "a password-protected workbook", "a legacy
// Excel 97-2003 workbook (.xls)", "CSV (delimited text)", "an HTML page",
// "UTF-16 text", "a PDF document", "a Word document (.docx)", ... It reads
// the first bytes and, for a zip, the central directory; it never unpacks.
func Describe(r io.ReaderAt, size int64) string {
	if size <= 0 {
		return "an empty file"
	}
	head := make([]byte, min(size, sniffLen))
	if n, _ := r.ReadAt(head, 0); n < len(head) {
		return "an unreadable file"
	}
	f := identify(head)
	switch f.kind {
	case kindCFB:
		err := checkCFB(r, size)
		switch {
		case errors.Is(err, ErrEncrypted):
			return "a password-protected workbook"
		case errors.Is(err, ErrLegacyXLS):
			return "a legacy Excel 97-2003 workbook (.xls)"
		}
		return describeErr(err)
	case kindZip:
		zr, err := zip.NewReader(r, size)
		if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
			return "a damaged zip file"
		}
		if err := checkPackage(zr.File); err != nil {
			return describeErr(err)
		}
		return "an xlsx workbook"
	}
	return f.name
}

// describeErr returns the name carried by a wrong-format error.
func describeErr(err error) string {
	var we *wrongFormat
	if errors.As(err, &we) {
		return we.name
	}
	return "a file of unknown format"
}
