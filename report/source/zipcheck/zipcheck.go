// Package zipcheck inspects a file before a workbook library opens it: it
// says what the file really is (an xlsx zip, a legacy .xls, a
// password-protected workbook, CSV or HTML saved under an .xlsx name, an empty
// or truncated file) and checks an xlsx zip's entries against size and count
// limits, so that a zip bomb is refused before anything is unpacked.
//
// Every error Check returns is one line without the file name (the caller
// adds it) and wraps one of the Err values below, so callers and tests can
// tell the cases apart with errors.Is.
//
// Sizes are taken from the zip's central directory. That is enough: Go's
// archive/zip, which the workbook library reads through, refuses an entry
// whose data inflates to more than its declared size, so a faked size only
// makes the read fail, never run long.
package zipcheck

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
)

// The kinds of problem Check reports. Each error Check returns wraps one.
var (
	// ErrEmpty: the file has no bytes.
	ErrEmpty = errors.New("empty file (0 bytes), not a workbook")
	// ErrCorrupt: a zip that cannot be read (cut short, damaged).
	ErrCorrupt = errors.New("truncated or corrupt workbook")
	// ErrEncrypted: a password-protected (encrypted) Office file.
	ErrEncrypted = errors.New("password-protected workbook")
	// ErrLegacyXLS: an Excel 97-2003 .xls workbook.
	ErrLegacyXLS = errors.New("legacy Excel 97-2003 workbook (.xls)")
	// ErrWrongFormat: some other kind of file under a workbook's name (CSV,
	// HTML, a Word document, ...).
	ErrWrongFormat = errors.New("not an xlsx workbook")
	// ErrTooLarge: the zip would unpack to more than the limits allow.
	ErrTooLarge = errors.New("too large to unpack safely")
	// ErrUnsafeName: a zip entry name that escapes the archive or repeats.
	ErrUnsafeName = errors.New("unsafe zip entry name")
	// ErrDTD: an XML part with a DTD or entity declaration.
	ErrDTD = errors.New("XML with a DTD or entity declaration")
)

// Limits bound what a workbook may unpack to. Zero fields take the defaults
// (see Defaults); a negative field means no limit.
type Limits struct {
	MaxTotal   int64 // total uncompressed bytes of all entries
	MaxEntry   int64 // uncompressed bytes of one entry
	MaxEntries int   // number of entries

	// MaxPart bounds one entry that the workbook library holds in memory
	// whole: every part except worksheets (xl/worksheets/sheet*.xml) and
	// the shared strings (xl/sharedStrings.xml), which it spools to a
	// temporary file and streams.
	MaxPart int64
	// MaxStyles bounds xl/styles.xml, which the library decodes whole into
	// Go structs several times its size.
	MaxStyles int64
	// MaxRatio bounds how many times an entry (and the whole zip) may
	// expand, once it is larger than RatioFloor bytes.
	MaxRatio int64
}

// RatioFloor is the uncompressed size from which MaxRatio applies: smaller
// entries may compress very well (a styles part of repeated formats) and
// cannot do harm.
const RatioFloor = 64 << 20

// The defaults, chosen so that any real export fits:
//
//   - A worksheet of 1,048,576 rows (Excel's maximum) and 20 columns is about
//     1 GiB of XML; 2 GiB per entry and 4 GiB in total leave room for wide
//     sheets and a shared-strings part beside them.
//   - Real workbooks have tens to a few thousand parts (sheets, their rels,
//     drawings, charts); 10,000 is far above that and bounds the central
//     directory the reader keeps in memory.
//   - Parts held in memory whole (workbook, rels, drawings, pivot caches)
//     are capped at 256 MiB; styles.xml at 32 MiB: Excel allows at most
//     64,000 cell formats, about 10 MB of XML, and real files have a few MB
//     at most, while a 1 GiB styles.xml exhausts memory when decoded.
//   - Worksheet XML written by Excel or excelize deflates 7 to 21 times (21
//     for a sheet of one repeated string; 7 for real CRM data); zip bombs
//     deflate hundreds to a thousand times, so more than 100 times is
//     refused above RatioFloor.
const (
	DefaultMaxTotal   = 4 << 30
	DefaultMaxEntry   = 2 << 30
	DefaultMaxEntries = 10000
	DefaultMaxPart    = 256 << 20
	DefaultMaxStyles  = 32 << 20
	DefaultMaxRatio   = 100
)

// Defaults returns the default limits.
func Defaults() Limits {
	return Limits{
		MaxTotal:   DefaultMaxTotal,
		MaxEntry:   DefaultMaxEntry,
		MaxEntries: DefaultMaxEntries,
		MaxPart:    DefaultMaxPart,
		MaxStyles:  DefaultMaxStyles,
		MaxRatio:   DefaultMaxRatio,
	}
}

// WithDefaults returns l with every zero field set to its default.
func (l Limits) WithDefaults() Limits {
	d := Defaults()
	if l.MaxTotal == 0 {
		l.MaxTotal = d.MaxTotal
	}
	if l.MaxEntry == 0 {
		l.MaxEntry = d.MaxEntry
	}
	if l.MaxEntries == 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxPart == 0 {
		l.MaxPart = d.MaxPart
	}
	if l.MaxStyles == 0 {
		l.MaxStyles = d.MaxStyles
	}
	if l.MaxRatio == 0 {
		l.MaxRatio = d.MaxRatio
	}
	return l
}

// Check reports, as an error with a one-line message, why the file of the
// given size cannot be read as an xlsx workbook within lim; nil when it can.
func Check(r io.ReaderAt, size int64, lim Limits) error {
	if size <= 0 {
		return ErrEmpty
	}
	head := make([]byte, min(size, sniffLen))
	if n, err := r.ReadAt(head, 0); n < len(head) {
		return fmt.Errorf("%w: cannot read the first bytes: %v", ErrCorrupt, err)
	}
	switch f := identify(head); f.kind {
	case kindZip:
		return checkZip(r, size, lim.WithDefaults())
	case kindCFB:
		return checkCFB(r, size)
	default:
		return f.err
	}
}

// CheckFile opens the file at path and checks it with Check.
func CheckFile(path string, lim Limits) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	return Check(f, st.Size(), lim)
}

// checkZip checks a file that starts like a zip.
func checkZip(r io.ReaderAt, size int64, lim Limits) error {
	if n, ok := declaredEntries(r, size); ok && lim.MaxEntries >= 0 && n > uint64(lim.MaxEntries) {
		return fmt.Errorf("%w: the zip has %d entries, more than the limit of %d", ErrTooLarge, n, lim.MaxEntries)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		if errors.Is(err, zip.ErrFormat) {
			return fmt.Errorf("%w: the zip directory at its end is missing or damaged (was the file cut short while copying or downloading?)", ErrCorrupt)
		}
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if err := checkEntries(zr.File, size, lim); err != nil {
		return err
	}
	if err := checkPackage(zr.File); err != nil {
		return err
	}
	return checkXMLParts(zr.File)
}
