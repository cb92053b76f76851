package zipcheck_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesreview/salesreview/report/source/zipcheck"
	"github.com/salesreview/salesreview/report/testsuite/hostile"
)

// TestHostileCorpus runs Check on every case of the hostile corpus and
// asserts the exact one-line message.
func TestHostileCorpus(t *testing.T) {
	want := map[string]struct {
		kind error
		msg  string
	}{
		"empty":           {zipcheck.ErrEmpty, "empty file (0 bytes), not a workbook"},
		"truncated":       {zipcheck.ErrCorrupt, "truncated or corrupt workbook: the zip directory at its end is missing or damaged (was the file cut short while copying or downloading?)"},
		"corrupt-entry":   {zipcheck.ErrCorrupt, `truncated or corrupt workbook: entry "xl/worksheets/sheet1.xml" is damaged: flate: corrupt input before offset 1`},
		"password":        {zipcheck.ErrEncrypted, "password-protected workbook: the file is encrypted; remove the password in Excel (File > Info > Protect Workbook) and save it again"},
		"legacy-xls":      {zipcheck.ErrLegacyXLS, "legacy Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx, or export CSV"},
		"csv-as-xlsx":     {zipcheck.ErrWrongFormat, "not an xlsx workbook: the file is CSV (delimited text) saved with a workbook name: rename it to .csv"},
		"html-as-xlsx":    {zipcheck.ErrWrongFormat, `not an xlsx workbook: the file is an HTML page saved with a workbook name (a web "Export to Excel"?): open it in Excel and save it as .xlsx, or export CSV`},
		"zip-bomb":        {zipcheck.ErrTooLarge, `too large to unpack safely: entry "xl/worksheets/sheet1.xml" expands from 3.0 MiB to 1.0 GiB, more than 100 times: a zip bomb?`},
		"huge-styles":     {zipcheck.ErrTooLarge, `too large to unpack safely: entry "xl/styles.xml" unpacks to 1.0 GiB, more than the 32.0 MiB allowed for styles`},
		"lying-size":      {zipcheck.ErrCorrupt, `truncated or corrupt workbook: entry "xl/worksheets/sheet1.xml" is damaged: zip: not a valid zip file`},
		"many-entries":    {zipcheck.ErrTooLarge, "too large to unpack safely: the zip has 10011 entries, more than the limit of 10000"},
		"entry-traversal": {zipcheck.ErrUnsafeName, `unsafe zip entry name: entry "../../etc/passwd" escapes the archive (a .. segment)`},
		"entry-absolute":  {zipcheck.ErrUnsafeName, `unsafe zip entry name: entry "/etc/passwd" is an absolute path`},
		"entry-backslash": {zipcheck.ErrUnsafeName, `unsafe zip entry name: entry "xl\\worksheets\\sheet2.xml" contains a backslash`},
		"entry-duplicate": {zipcheck.ErrUnsafeName, `unsafe zip entry name: entry "xl/worksheets/sheet1.xml" appears twice in the zip`},
		"dtd-entity":      {zipcheck.ErrDTD, `XML with a DTD or entity declaration: entry "xl/worksheets/sheet1.xml" holds a markup declaration (<!DOCTYPE...), which Office files never contain: refused`},
	}
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			b, err := c.Build()
			if err != nil {
				t.Fatal(err)
			}
			got := zipcheck.Check(bytes.NewReader(b), int64(len(b)), zipcheck.Limits{})
			w, ok := want[c.Name]
			if !ok {
				// Every other case is a well-formed workbook whose
				// problems are in its cells: Check must let it through.
				if got != nil {
					t.Fatalf("Check = %v, want nil", got)
				}
				return
			}
			if got == nil {
				t.Fatalf("Check = nil, want %q", w.msg)
			}
			if got.Error() != w.msg {
				t.Errorf("Check =\n%s\nwant\n%s", got, w.msg)
			}
			if !errors.Is(got, w.kind) {
				t.Errorf("Check = %v, not an instance of %v", got, w.kind)
			}
		})
	}
}

// TestRealWorkbooks checks that real exports pass with the defaults.
func TestRealWorkbooks(t *testing.T) {
	files, err := filepath.Glob("../../../testdata/maven-crm/excel-saved/*.xlsx")
	if err != nil || len(files) == 0 {
		t.Fatalf("no workbooks found: %v", err)
	}
	for _, f := range files {
		if err := zipcheck.CheckFile(f, zipcheck.Limits{}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestLimitsOverride checks that each limit can be raised or lowered.
func TestLimitsOverride(t *testing.T) {
	build := func(name string) []byte {
		c, _ := hostile.Lookup(name)
		b, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	bomb := build("zip-bomb")
	check := func(b []byte, lim zipcheck.Limits) error {
		return zipcheck.Check(bytes.NewReader(b), int64(len(b)), lim)
	}
	// No ratio limit: the 1 GiB sheet is within the 2 GiB per entry.
	if err := check(bomb, zipcheck.Limits{MaxRatio: -1}); err != nil {
		t.Errorf("bomb without a ratio limit: %v", err)
	}
	if err := check(bomb, zipcheck.Limits{MaxRatio: -1, MaxEntry: 512 << 20}); err == nil ||
		err.Error() != `too large to unpack safely: entry "xl/worksheets/sheet1.xml" unpacks to 1.0 GiB, more than the 512.0 MiB allowed for one entry` {
		t.Errorf("bomb with 512 MiB per entry: %v", err)
	}
	if err := check(bomb, zipcheck.Limits{MaxRatio: -1, MaxTotal: 1 << 29}); err == nil ||
		err.Error() != "too large to unpack safely: the zip unpacks to more than the 512.0 MiB allowed in total" {
		t.Errorf("bomb with 512 MiB in total: %v", err)
	}
	if err := check(build("huge-styles"), zipcheck.Limits{MaxRatio: -1, MaxStyles: 2 << 30}); err == nil ||
		err.Error() != `too large to unpack safely: entry "xl/styles.xml" unpacks to 1.0 GiB, more than the 256.0 MiB allowed for a part read into memory` {
		t.Errorf("styles with 2 GiB for styles: %v", err)
	}
	if err := check(build("many-entries"), zipcheck.Limits{MaxEntries: 20000}); err != nil {
		t.Errorf("many entries with a limit of 20,000: %v", err)
	}
	base, _ := hostile.Base()
	if err := check(base, zipcheck.Limits{MaxEntries: 3}); err == nil {
		t.Error("base workbook with at most 3 entries: no error")
	}
}

func TestDefaults(t *testing.T) {
	d := zipcheck.Limits{}.WithDefaults()
	if d != zipcheck.Defaults() {
		t.Errorf("zero limits with defaults = %+v, want %+v", d, zipcheck.Defaults())
	}
	l := zipcheck.Limits{MaxTotal: 1, MaxRatio: -1}.WithDefaults()
	if l.MaxTotal != 1 || l.MaxRatio != -1 || l.MaxEntry != zipcheck.DefaultMaxEntry {
		t.Errorf("WithDefaults overrode set fields: %+v", l)
	}
}

func TestCheckFileMissing(t *testing.T) {
	if err := zipcheck.CheckFile(filepath.Join(t.TempDir(), "none.xlsx"), zipcheck.Limits{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("CheckFile(missing) = %v, want a not-exist error", err)
	}
}

// TestDescribeHostile names what the corpus's look-alike files are.
func TestDescribeHostile(t *testing.T) {
	for name, want := range map[string]string{
		"password": "a password-protected workbook", "legacy-xls": "a legacy Excel 97-2003 workbook (.xls)",
		"csv-as-xlsx": "CSV (delimited text)", "html-as-xlsx": "an HTML page", "truncated": "a damaged zip file",
		"empty": "an empty file", "xss-names": "an xlsx workbook",
	} {
		c, _ := hostile.Lookup(name)
		b, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		if got := zipcheck.Describe(bytes.NewReader(b), int64(len(b))); got != want {
			t.Errorf("Describe(%s) = %q, want %q", name, got, want)
		}
	}
}
