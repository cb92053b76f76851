package hostile

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

// TestCasesAreDeterministic builds every case twice: the corpus must not
// depend on the clock or on map order.
func TestCasesAreDeterministic(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range cases() {
		switch c.Name {
		case "zip-bomb", "huge-styles":
			// The same construction at 4 MiB: checksumming 1 GiB four
			// times would only make the test slow.
			name := map[string]string{"zip-bomb": "xl/worksheets/sheet1.xml", "huge-styles": "xl/styles.xml"}[c.Name]
			c.Build = func() ([]byte, error) { return bomb(name, 4<<20) }
		}
		if seen[c.Name] || seen[c.File] {
			t.Errorf("case %s: duplicate name or file", c.Name)
		}
		seen[c.Name], seen[c.File] = true, true
		a, err := c.Build()
		if err != nil {
			t.Fatalf("case %s: %v", c.Name, err)
		}
		b, err := c.Build()
		if err != nil {
			t.Fatalf("case %s: %v", c.Name, err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("case %s: two builds differ", c.Name)
		}
	}
}

// TestCachedCopies checks that Build hands out copies: a caller that
// changes its bytes does not change the corpus.
func TestCachedCopies(t *testing.T) {
	c, _ := Lookup("truncated")
	a, _ := c.Build()
	a[0] = 'X'
	b, _ := c.Build()
	if b[0] != 'P' {
		t.Errorf("second Build starts with %q, want P", b[0])
	}
}

// TestCompoundFiles checks that the hand-written compound files are real
// ones: a CFB reader lists the streams Excel would write.
func TestCompoundFiles(t *testing.T) {
	for name, want := range map[string][]string{
		"password":   {"EncryptedPackage", "EncryptionInfo"},
		"legacy-xls": {"Workbook"},
	} {
		c, _ := Lookup(name)
		b, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		doc, err := mscfb.New(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got []string
		for e, err := doc.Next(); err == nil; e, err = doc.Next() {
			got = append(got, e.Name)
			if e.Size < 4096 {
				t.Errorf("%s: stream %s has %d bytes, want >= 4096", name, e.Name, e.Size)
			}
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: streams %v, want %v", name, got, want)
		}
	}
}

// TestWellFormedCasesOpen checks that the cases meant to be valid
// workbooks are: excelize opens them and reads the deal sheet's header.
func TestWellFormedCasesOpen(t *testing.T) {
	for _, name := range []string{"formula-no-cache", "formula-circular", "hidden-sheets", "merged-header",
		"wide-16384", "xss-names", "path-names", "unicode-names", "rows-backwards", "date1904", "bad-sst-index"} {
		c, _ := Lookup(name)
		b, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sheet := f.GetSheetList()[0]
		col := "A1"
		if name == "merged-header" {
			col = "A2"
		}
		if v, err := f.GetCellValue(sheet, col); err != nil || v != Headers[0] {
			t.Errorf("%s: %s!%s = %q, %v; want %q", name, sheet, col, v, err, Headers[0])
		}
		f.Close()
	}
}

var noCache = regexp.MustCompile(`<c r="F3"[^>]*><f>[^<]+</f></c>`)

// TestFormulaCasesHaveNoCachedValue checks the premise of the formula cases.
func TestFormulaCasesHaveNoCachedValue(t *testing.T) {
	for _, name := range []string{"formula-no-cache", "formula-circular"} {
		c, _ := Lookup(name)
		b, _ := c.Build()
		sheet := entry(t, b, "xl/worksheets/sheet1.xml")
		if !noCache.MatchString(sheet) {
			t.Errorf("%s: F3 is not a formula without a cached value: %s", name, sheet)
		}
	}
}

// TestBombSizes checks the premise of the size cases: what the central
// directory declares.
func TestBombSizes(t *testing.T) {
	for name, part := range map[string]string{"zip-bomb": "xl/worksheets/sheet1.xml", "huge-styles": "xl/styles.xml"} {
		c, _ := Lookup(name)
		b, _ := c.Build()
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Name == part && (f.UncompressedSize64 < 1<<30-(1<<20) || f.UncompressedSize64 > 1<<30+(1<<20)) {
				t.Errorf("%s: %s declares %d bytes, want about 1 GiB", name, part, f.UncompressedSize64)
			}
		}
		if len(b) > 8<<20 {
			t.Errorf("%s: %d bytes, want a few MB", name, len(b))
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	paths, err := Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(Cases()) {
		t.Fatalf("wrote %d files, want %d", len(paths), len(Cases()))
	}
	if _, err := os.Stat(filepath.Join(dir, "zip-bomb.xlsx")); err != nil {
		t.Error(err)
	}
}

func entry(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			var buf bytes.Buffer
			buf.ReadFrom(rc)
			rc.Close()
			return buf.String()
		}
	}
	t.Fatalf("no entry %s", name)
	return ""
}
