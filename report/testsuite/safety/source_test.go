package safety

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/source"
	"github.com/salesreview/salesreview/report/testsuite/hostile"
)

// outcome is what reading one hostile file gave.
type outcome struct {
	recs *report.Records
	err  error
}

// errText returns the error's text, or "" when there was none.
func (o outcome) errText() string {
	if o.err == nil {
		return ""
	}
	return o.err.Error()
}

// problemsText lists the warnings, one a line.
func (o outcome) problemsText() string {
	if o.recs == nil {
		return ""
	}
	var b strings.Builder
	for _, p := range o.recs.Problems {
		b.WriteString(p.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

// sourceCase says what reading a hostile file must give. check returns what
// is wrong with the outcome. gap, when set, names a known shortcoming of the
// input side: a failing check is then reported as a skipped test that says
// what is missing, rather than failing the build (delete the gap once fixed).
type sourceCase struct {
	check func(o outcome) []string
	gap   string
	// kind is "error:" and the exact error text for a refused file,
	// "deals" for a file that must read, "" otherwise (the binary test
	// derives its expectations from it).
	kind string
}

// wantError wants exactly this error text (the file name is prepended).
func wantError(msg string) func(outcome) []string {
	return func(o outcome) []string {
		if o.errText() != msg {
			return []string{fmt.Sprintf("error\n  %q\nwant\n  %q", o.errText(), msg)}
		}
		if o.recs != nil && len(o.recs.Deals) > 0 {
			return []string{"records returned beside the error"}
		}
		return nil
	}
}

// wantProblem wants an error or a warning whose text holds every part.
func wantProblem(parts ...string) func(outcome) []string {
	return func(o outcome) []string {
		all := o.errText() + "\n" + o.problemsText()
		for _, line := range strings.Split(all, "\n") {
			ok := line != ""
			for _, p := range parts {
				ok = ok && strings.Contains(line, p)
			}
			if ok {
				return nil
			}
		}
		return []string{fmt.Sprintf("no error or warning holding %q; got error %q, warnings %q", parts, o.errText(), o.problemsText())}
	}
}

// wantDeals wants no error and exactly these deals, field by field.
func wantDeals(deals []hostile.Deal, dateShift int) func(outcome) []string {
	return func(o outcome) []string {
		if o.err != nil {
			return []string{"error: " + o.errText()}
		}
		var bad []string
		if len(o.recs.Deals) != len(deals) {
			bad = append(bad, fmt.Sprintf("%d deals, want %d", len(o.recs.Deals), len(deals)))
			return bad
		}
		for i, d := range deals {
			got := o.recs.Deals[i]
			want := report.Deal{ID: d.ID, Name: d.Name, Account: report.Intern(d.Account), Owner: report.Intern(d.Owner), Stage: report.Intern(d.Stage),
				Amount: report.MoneyFromFloat(d.Amount), Close: report.Day(d.Close), Region: report.Intern(d.Region)}
			g := [...]any{got.ID, got.Name, got.Account, got.Owner, got.Stage, got.Amount, got.Close.String(), got.Region}
			w := [...]any{want.ID, want.Name, want.Account, want.Owner, want.Stage, want.Amount, want.Close.String(), want.Region}
			if g != w {
				bad = append(bad, fmt.Sprintf("deal %d = %q, want %q", i, g, w))
			}
		}
		return bad
	}
}

// all combines checks.
func all(checks ...func(outcome) []string) func(outcome) []string {
	return func(o outcome) []string {
		var bad []string
		for _, c := range checks {
			bad = append(bad, c(o)...)
		}
		return bad
	}
}

// hiddenIgnored wants the hidden and very hidden sheets listed as ignored,
// with a note saying they are hidden.
func hiddenIgnored(o outcome) []string {
	if o.recs == nil {
		return []string{"no records"}
	}
	var bad []string
	for _, sheet := range []string{"Old deals", "Archive"} {
		found := false
		for _, tb := range o.recs.Tables {
			if tb.Sheet == sheet {
				found = true
				if tb.Kind != report.IgnoredTable || !strings.Contains(tb.Note, "hidden") {
					bad = append(bad, fmt.Sprintf("sheet %s taken as %q (%s), want ignored as hidden", sheet, tb.Kind, tb.Note))
				}
			}
		}
		if !found {
			bad = append(bad, "sheet "+sheet+" not listed among the tables")
		}
	}
	return bad
}

// sourceCases gives the expected outcome of every hostile case read through
// source.Read. The messages are those of report/source/zipcheck, prefixed
// with the file name.
var sourceCases = map[string]sourceCase{
	"empty":           {check: wantError("empty.xlsx: empty file (0 bytes), not a workbook"), kind: "error:" + "empty.xlsx: empty file (0 bytes), not a workbook"},
	"truncated":       {check: wantError("truncated.xlsx: truncated or corrupt workbook: the zip directory at its end is missing or damaged (was the file cut short while copying or downloading?)"), kind: "error:" + "truncated.xlsx: truncated or corrupt workbook: the zip directory at its end is missing or damaged (was the file cut short while copying or downloading?)"},
	"corrupt-entry":   {check: wantError(`corrupt-entry.xlsx: truncated or corrupt workbook: entry "xl/worksheets/sheet1.xml" is damaged: flate: corrupt input before offset 1`), kind: "error:" + `corrupt-entry.xlsx: truncated or corrupt workbook: entry "xl/worksheets/sheet1.xml" is damaged: flate: corrupt input before offset 1`},
	"password":        {check: wantError("password.xlsx: password-protected workbook: the file is encrypted; remove the password in Excel (File > Info > Protect Workbook) and save it again"), kind: "error:" + "password.xlsx: password-protected workbook: the file is encrypted; remove the password in Excel (File > Info > Protect Workbook) and save it again"},
	"legacy-xls":      {check: wantError("legacy.xlsx: legacy Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx, or export CSV"), kind: "error:" + "legacy.xlsx: legacy Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx, or export CSV"},
	"csv-as-xlsx":     {check: wantError("csv-as.xlsx: not an xlsx workbook: the file is CSV (delimited text) saved with a workbook name: rename it to .csv"), kind: "error:" + "csv-as.xlsx: not an xlsx workbook: the file is CSV (delimited text) saved with a workbook name: rename it to .csv"},
	"html-as-xlsx":    {check: wantError(`html-as.xlsx: not an xlsx workbook: the file is an HTML page saved with a workbook name (a web "Export to Excel"?): open it in Excel and save it as .xlsx, or export CSV`), kind: "error:" + `html-as.xlsx: not an xlsx workbook: the file is an HTML page saved with a workbook name (a web "Export to Excel"?): open it in Excel and save it as .xlsx, or export CSV`},
	"zip-bomb":        {check: wantError(`zip-bomb.xlsx: too large to unpack safely: entry "xl/worksheets/sheet1.xml" expands from 3.0 MiB to 1.0 GiB, more than 100 times: a zip bomb?`), kind: "error:" + `zip-bomb.xlsx: too large to unpack safely: entry "xl/worksheets/sheet1.xml" expands from 3.0 MiB to 1.0 GiB, more than 100 times: a zip bomb?`},
	"huge-styles":     {check: wantError(`huge-styles.xlsx: too large to unpack safely: entry "xl/styles.xml" unpacks to 1.0 GiB, more than the 32.0 MiB allowed for styles`), kind: "error:" + `huge-styles.xlsx: too large to unpack safely: entry "xl/styles.xml" unpacks to 1.0 GiB, more than the 32.0 MiB allowed for styles`},
	"lying-size":      {check: wantError(`lying-size.xlsx: truncated or corrupt workbook: entry "xl/worksheets/sheet1.xml" is damaged: zip: not a valid zip file`), kind: "error:" + `lying-size.xlsx: truncated or corrupt workbook: entry "xl/worksheets/sheet1.xml" is damaged: zip: not a valid zip file`},
	"many-entries":    {check: wantError("many-entries.xlsx: too large to unpack safely: the zip has 10011 entries, more than the limit of 10000"), kind: "error:" + "many-entries.xlsx: too large to unpack safely: the zip has 10011 entries, more than the limit of 10000"},
	"entry-traversal": {check: wantError(`entry-traversal.xlsx: unsafe zip entry name: entry "../../etc/passwd" escapes the archive (a .. segment)`), kind: "error:" + `entry-traversal.xlsx: unsafe zip entry name: entry "../../etc/passwd" escapes the archive (a .. segment)`},
	"entry-absolute":  {check: wantError(`entry-absolute.xlsx: unsafe zip entry name: entry "/etc/passwd" is an absolute path`), kind: "error:" + `entry-absolute.xlsx: unsafe zip entry name: entry "/etc/passwd" is an absolute path`},
	"entry-backslash": {check: wantError(`entry-backslash.xlsx: unsafe zip entry name: entry "xl\\worksheets\\sheet2.xml" contains a backslash`), kind: "error:" + `entry-backslash.xlsx: unsafe zip entry name: entry "xl\\worksheets\\sheet2.xml" contains a backslash`},
	"entry-duplicate": {check: wantError(`entry-duplicate.xlsx: unsafe zip entry name: entry "xl/worksheets/sheet1.xml" appears twice in the zip`), kind: "error:" + `entry-duplicate.xlsx: unsafe zip entry name: entry "xl/worksheets/sheet1.xml" appears twice in the zip`},
	"dtd-entity":      {check: wantError(`dtd-entity.xlsx: XML with a DTD or entity declaration: entry "xl/worksheets/sheet1.xml" holds a markup declaration (<!DOCTYPE...), which Office files never contain: refused`), kind: "error:" + `dtd-entity.xlsx: XML with a DTD or entity declaration: entry "xl/worksheets/sheet1.xml" holds a markup declaration (<!DOCTYPE...), which Office files never contain: refused`},

	"formula-no-cache": {
		check: wantError(formulaNoCacheError), kind: "error:" + formulaNoCacheError,
	},
	"formula-circular": {check: wantProblem("formula-circular.xlsx: Deals!F2: amount is a formula (=F3+1) without a cached value")},
	"hidden-sheets":    {check: all(wantDeals(hostile.BaseDeals, 0), hiddenIgnored), kind: "deals"},
	"merged-header":    {check: wantDeals(hostile.BaseDeals, 0), kind: "deals"},
	"wide-16384":       {check: wantDeals(hostile.BaseDeals, 0), kind: "deals"},
	"cols-50000":       {check: wantError(cols50000Error), kind: "error:" + cols50000Error},
	"beyond-xfd":       {check: wantError(`beyond-xfd.xlsx: Deals!XFE2: cell reference "XFE2" is past Excel's last column XFD`), kind: "error:" + `beyond-xfd.xlsx: Deals!XFE2: cell reference "XFE2" is past Excel's last column XFD`},

	"xss-names":     {check: wantDeals(hostile.XSSDeals, 0), kind: "deals"},
	"path-names":    {check: wantDeals(hostile.PathDeals, 0), kind: "deals"},
	"unicode-names": {check: wantDeals(hostile.UnicodeDeals, 0), kind: "deals"},
	"bad-sst-index": {check: wantError(`bad-sst-index.xlsx: Deals!C2: shared string index 999 does not exist (the table has 3 strings)`), kind: "error:" + `bad-sst-index.xlsx: Deals!C2: shared string index 999 does not exist (the table has 3 strings)`},

	"rows-backwards": {check: wantError(`rows-backwards.xlsx: Deals: row 3: row 3 comes after row 4; the sheet's rows are out of order`), kind: "error:" + `rows-backwards.xlsx: Deals: row 3: row 3 comes after row 4; the sheet's rows are out of order`},

	"rows-repeat": {check: wantError(`rows-repeat.xlsx: Deals: row 3: row 3 comes after row 3; the sheet's rows are out of order`), kind: "error:" + `rows-repeat.xlsx: Deals: row 3: row 3 comes after row 3; the sheet's rows are out of order`},

	"date1904":       {check: wantDeals(hostile.BaseDeals, 0), kind: "deals"},
	"spooled-sheet":  {check: wantError(spooledError), kind: "error:" + spooledError},
	"corrupt-midway": {check: wantStop("corrupt-midway.xlsx: ", "corrupt")},
	"duplicate-ids": {check: wantLines(`duplicate-ids.xlsx: Deals!A3: deal id "D1" is a duplicate of A2`, "(and 4979 more)"),
		kind: "error:" + `duplicate-ids.xlsx: Deals!A3: deal id "D1" is a duplicate of A2`},
}

// formulaNoCacheError is the error of the formula-no-cache case.
const formulaNoCacheError = "formula-no-cache.xlsx: Deals!F3: amount is a formula (=F2*2) without a cached value; open and save the workbook in Excel to compute it"

// cols50000Error is the error of the cols-50000 case.
const cols50000Error = "cols-50000.xlsx: Deals!XFE3: row 3 has 50000 cells, more than the 16384 columns (A to XFD) Excel allows"

// spooledError is the error of the spooled-sheet case: its last row.
var spooledError = fmt.Sprintf(`spooled-sheet.xlsx: Deals!F%d: amount "12,5x" is not a number`, hostile.SpooledRows+2)

// wantStop wants the run stopped with an error whose first line holds
// every part, and no records.
func wantStop(parts ...string) func(outcome) []string {
	return func(o outcome) []string {
		if o.err == nil {
			return []string{"no error: the damaged sheet was read as if it ended early"}
		}
		first := strings.SplitN(o.errText(), "\n", 2)[0]
		for _, p := range parts {
			if !strings.Contains(first, p) {
				return []string{fmt.Sprintf("error %q does not hold %q", first, p)}
			}
		}
		if o.recs != nil && len(o.recs.Deals) > 0 {
			return []string{"records returned beside the error"}
		}
		return nil
	}
}

// wantLines wants an error whose first and last lines are these.
func wantLines(first, last string) func(outcome) []string {
	return func(o outcome) []string {
		lines := strings.Split(o.errText(), "\n")
		if lines[0] != first || lines[len(lines)-1] != last {
			return []string{fmt.Sprintf("error %.300q, want first line %q and last line %q", o.errText(), first, last)}
		}
		return nil
	}
}

// TestHostileInputs reads every case of the hostile corpus with source.Read
// and checks the exact outcome: error text, warning, or values; and that
// every table accounts for all its rows.
func TestHostileInputs(t *testing.T) {
	// Anything the reader spools (excelize puts sheets over 16 MiB in a
	// temporary file) must be gone after each file, whatever the outcome.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	if _, err := hostile.Write(dir); err != nil {
		t.Fatal(err)
	}
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			sc, ok := sourceCases[c.Name]
			if !ok {
				t.Fatalf("no expected outcome for case %s", c.Name)
			}
			o := readHostile(t, filepath.Join(dir, c.File))
			bad := sc.check(o)
			bad = append(bad, rowsAccounted(o)...)
			bad = append(bad, oneLine(o)...)
			if left, err := os.ReadDir(tmp); err != nil || len(left) > 0 {
				bad = append(bad, fmt.Sprintf("left in the temporary folder: %v %v", left, err))
			}
			if len(bad) == 0 {
				if sc.gap != "" {
					t.Logf("known gap seems fixed, remove it from sourceCases: %s", sc.gap)
				}
				return
			}
			if sc.gap != "" {
				t.Skipf("GAP: %s\n%s", sc.gap, strings.Join(bad, "\n"))
			}
			t.Error(strings.Join(bad, "\n"))
		})
	}
	if len(sourceCases) != len(hostile.Cases()) {
		t.Errorf("%d expected outcomes for %d cases", len(sourceCases), len(hostile.Cases()))
	}
}

// readHostile reads one file, turning a panic into a test failure that
// names the file.
func readHostile(t *testing.T, path string) (o outcome) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("source.Read(%s) panicked: %v", filepath.Base(path), r)
		}
	}()
	recs, err := source.Read(source.Options{Inputs: []source.Input{{Path: path}}})
	return outcome{recs, err}
}

// rowsAccounted checks RowsRead = Records + sum(Skipped) for every table.
func rowsAccounted(o outcome) []string {
	if o.recs == nil {
		return nil
	}
	var bad []string
	for _, tb := range o.recs.Tables {
		n := tb.Records
		for _, k := range tb.Skipped {
			n += k
		}
		if n != tb.RowsRead {
			bad = append(bad, fmt.Sprintf("table %s: %d rows read, but %d records + %v skipped", tb.Sheet, tb.RowsRead, tb.Records, tb.Skipped))
		}
	}
	return bad
}

// oneLine checks that each problem of an error is one line.
func oneLine(o outcome) []string {
	var ps report.Problems
	if errors.As(o.err, &ps) {
		for _, p := range ps {
			if strings.ContainsAny(p.Error(), "\r\n") {
				return []string{fmt.Sprintf("problem spans lines: %q", p.Error())}
			}
		}
	}
	return nil
}
