// Package hostile generates the hostile-input corpus of salesreview's safety
// tests: workbooks and look-alike files that are broken, malicious or merely
// awkward (zip bombs, encrypted and legacy files, CSV and HTML under an
// .xlsx name, DTDs, out-of-order rows, script-injection names, ...).
//
// Every file is built by Go code from excelize and archive/zip, never kept
// as a hand-made binary: Write puts the corpus in a folder (the tests use a
// temporary one), and testdata/hostile/gen is the command that does the same
// for a person who wants the files.
package hostile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Case is one hostile input.
type Case struct {
	// Name identifies the case in tests ("zip-bomb").
	Name string
	// File is the file name to write it under ("zip-bomb.xlsx").
	File string
	// About says what the file is and why it is hostile.
	About string
	// Build returns the file's bytes.
	Build func() ([]byte, error)
}

// Cases returns the corpus in a fixed order. Each case is built once per
// process and kept (the bombs take a moment to checksum); Build returns a
// copy of the bytes.
func Cases() []Case {
	cs := cases()
	for i := range cs {
		cs[i].Build = cached(cs[i].Name, cs[i].Build)
	}
	return cs
}

// built holds the bytes of the cases built so far, by name.
var built sync.Map

// cached returns build memoized under name.
func cached(name string, build func() ([]byte, error)) func() ([]byte, error) {
	return func() ([]byte, error) {
		if b, ok := built.Load(name); ok {
			return bytes.Clone(b.([]byte)), nil
		}
		b, err := build()
		if err != nil {
			return nil, err
		}
		built.Store(name, b)
		return bytes.Clone(b), nil
	}
}

// cases returns the corpus with builders that build afresh each time.
func cases() []Case {
	return []Case{
		{"empty", "empty.xlsx", "a file of zero bytes", func() ([]byte, error) { return []byte{}, nil }},
		{"truncated", "truncated.xlsx", "a valid workbook cut off at half its length", truncated},
		{"corrupt-entry", "corrupt-entry.xlsx", "a workbook whose sheet's compressed data is overwritten with junk", corruptEntry},
		{"password", "password.xlsx", "a password-protected workbook: an OLE compound file with EncryptionInfo and EncryptedPackage streams", encrypted},
		{"legacy-xls", "legacy.xlsx", "an Excel 97-2003 .xls file (compound file with a Workbook stream) named .xlsx", legacyXLS},
		{"csv-as-xlsx", "csv-as.xlsx", "CSV text saved with an .xlsx name", func() ([]byte, error) { return []byte(CSVText), nil }},
		{"html-as-xlsx", "html-as.xlsx", "an HTML table saved with an .xlsx name (a web 'Export to Excel')", func() ([]byte, error) { return []byte(HTMLText), nil }},
		{"zip-bomb", "zip-bomb.xlsx", "a 1 GiB worksheet that deflates to a few MB", func() ([]byte, error) { return bomb("xl/worksheets/sheet1.xml", 1<<30) }},
		{"huge-styles", "huge-styles.xlsx", "a 1 GiB styles.xml that deflates to about 1 MB", func() ([]byte, error) { return bomb("xl/styles.xml", 1<<30) }},
		{"lying-size", "lying-size.xlsx", "a sheet whose central directory claims 1 KiB but inflates to 64 MiB", lyingSize},
		{"spooled-sheet", "spooled-sheet.xlsx", "a 17 MiB deal sheet (spooled to a temporary file) whose last amount is not a number", spooledSheet},
		{"corrupt-midway", "corrupt-midway.xlsx", "a deal sheet whose compressed data turns to junk after 500 rows", corruptMidway},
		{"duplicate-ids", "duplicate-ids.xlsx", "5,000 deal rows that all carry the ID D1", duplicateIDs},
		{"many-entries", "many-entries.xlsx", "a workbook with 10,001 extra zip entries", manyEntries},
		{"entry-traversal", "entry-traversal.xlsx", "a zip entry named ../../etc/passwd", func() ([]byte, error) { return extraEntry("../../etc/passwd", "root:x:0:0") }},
		{"entry-absolute", "entry-absolute.xlsx", "a zip entry named /etc/passwd", func() ([]byte, error) { return extraEntry("/etc/passwd", "root:x:0:0") }},
		{"entry-backslash", "entry-backslash.xlsx", `a zip entry named xl\worksheets\sheet2.xml`, func() ([]byte, error) { return extraEntry(`xl\worksheets\sheet2.xml`, "<worksheet/>") }},
		{"entry-duplicate", "entry-duplicate.xlsx", "a zip holding xl/worksheets/sheet1.xml twice", duplicateEntry},
		{"dtd-entity", "dtd-entity.xlsx", "sheet XML with a DTD declaring an entity used in a cell", dtdEntity},
		{"formula-no-cache", "formula-no-cache.xlsx", "an Amount cell F3 holding a formula with no cached value", formulaNoCache},
		{"formula-circular", "formula-circular.xlsx", "Amount cells F2 and F3 that refer to each other, with no cached values", formulaCircular},
		{"hidden-sheets", "hidden-sheets.xlsx", "a visible deal sheet beside a hidden and a very hidden deal sheet", hiddenSheets},
		{"merged-header", "merged-header.xlsx", "a title merged across A1:H1 above the header, and a header cell (Notes, I2:J2) merged across two columns", mergedHeader},
		{"wide-16384", "wide-16384.xlsx", "a deal sheet whose header row fills all 16,384 columns", wide},
		{"cols-50000", "cols-50000.xlsx", "a row of 50,000 cells without references, running past column XFD", cols50000},
		{"beyond-xfd", "beyond-xfd.xlsx", "a cell at XFE2, one column past Excel's last", beyondXFD},
		{"xss-names", "xss-names.xlsx", "script-injection payloads in every text field and in the sheet name", xssNames},
		{"path-names", "path-names.xlsx", "path traversal and reserved device names as region, account and owner", pathNames},
		{"unicode-names", "unicode-names.xlsx", "right-to-left text, emoji and lookalike characters in names", unicodeNames},
		{"bad-sst-index", "bad-sst-index.xlsx", "a shared-string cell pointing at string 999 of 3", badSSTIndex},
		{"rows-backwards", "rows-backwards.xlsx", "row numbers 2, 4, 3 (jumping backwards)", func() ([]byte, error) { return rowOrder(2, 4, 3) }},
		{"rows-repeat", "rows-repeat.xlsx", "row numbers 2, 3, 3 (repeating)", func() ([]byte, error) { return rowOrder(2, 3, 3) }},
		{"date1904", "date1904.xlsx", "a workbook in the 1904 date system with close dates as serials", date1904},
	}
}

// Write builds every case into dir and returns the paths written, in the
// order of Cases.
func Write(dir string) ([]string, error) {
	var paths []string
	for _, c := range Cases() {
		b, err := c.Build()
		if err != nil {
			return nil, fmt.Errorf("hostile case %s: %w", c.Name, err)
		}
		p := filepath.Join(dir, c.File)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// Lookup returns the case of the given name.
func Lookup(name string) (Case, bool) {
	for _, c := range Cases() {
		if c.Name == name {
			return c, true
		}
	}
	return Case{}, false
}
