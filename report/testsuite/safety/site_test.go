package safety

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/site"
	"github.com/salesreview/salesreview/report/source"
	"github.com/salesreview/salesreview/report/testsuite/hostile"
	"github.com/salesreview/salesreview/report/testsuite/pagecheck"
)

// hostileFields names each user-text field that reaches a page and the
// hostile values the fixture puts in it.
var hostileFields = map[string][]string{
	"region":  {hostile.Payloads[0], hostile.Payloads[1], hostile.Payloads[2]},
	"account": {hostile.Payloads[3], hostile.Payloads[4], hostile.Payloads[5]},
	"owner":   {hostile.Payloads[6], hostile.Payloads[7], hostile.Payloads[8]},
	"deal":    {hostile.Payloads[1], hostile.Payloads[0], "../../etc/passwd"},
	"stage":   {hostile.Payloads[2], `"><img src=x onerror=alert(2)>`, "CON"},
	"market":  {hostile.Payloads[5], hostile.Payloads[0], "NUL"},
}

// writeHostileWorkbook writes a deal workbook whose every text field holds
// a hostile name: three won deals closing in 2024-Q1 and three open deals
// (with hostile stage names) closing in 2024-Q2, so that the review of
// 2024-Q2 has bookings, pipeline, accounts, reps and markets.
func writeHostileWorkbook(t testing.TB, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := hostile.XSSSheetName
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{{"Opportunity ID", "Opportunity Name", "Account Name", "Opportunity Owner", "Stage", "Amount", "Close Date", "Created Date", "Region", "Industry"}}
	// Close serials: 45310 = 2024-01-19 (Q1), 45400 = 2024-04-18 (Q2),
	// 45473 = 2024-06-30 (last day of Q2); created 45260 = 2023-11-30.
	for i := range 3 {
		rows = append(rows, []any{"W" + string(rune('1'+i)), hostileFields["deal"][i], hostileFields["account"][i], hostileFields["owner"][i],
			"Closed Won", 1000 * (i + 1), 45310, 45260, hostileFields["region"][i], hostileFields["market"][i]})
	}
	for i := range 3 {
		rows = append(rows, []any{"O" + string(rune('1'+i)), hostileFields["deal"][i], hostileFields["account"][i], hostileFields["owner"][i],
			hostileFields["stage"][i], 500 * (i + 1), 45400 + 30*i, 45260, hostileFields["region"][i], hostileFields["market"][i]})
	}
	rows = append(rows, []any{"Z1", "Last", hostileFields["account"][0], hostileFields["owner"][0], "Closed Lost", 10, 45473, 45260, hostileFields["region"][0], hostileFields["market"][0]})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// hostileCommentary is Markdown that tries every way into a page. Links
// with a scheme are refused by LoadCommentary (TestCommentarySchemeLinks),
// so they are not here.
const hostileCommentary = `---
page: overview
---
# Review </script><script>alert(1)</script>

<script>alert("raw html")</script>
<img src=x onerror=alert(1)>
<iframe src="https://evil.example/"></iframe>

[spaced](java	script:alert(1)) <ms-msdt:/id PCWDiagnostic>

"><svg onload=alert(1)> __f__alert(1)__f__ ${alert(1)}

| a | b |
|---|---|
| <b onmouseover=alert(1)>x</b> | [y](#x"onmouseover="alert(1)) |
`

// templatesFS loads the repository's templates into memory once.
var templatesFS = func() func(t testing.TB) fs.FS {
	var cached fstest.MapFS
	return func(t testing.TB) fs.FS {
		t.Helper()
		if cached != nil {
			return cached
		}
		root := filepath.Join("..", "..", "..", "templates")
		m := fstest.MapFS{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		cached = m
		return m
	}
}()

// hostileSite reads the hostile workbook, computes the review, loads the
// hostile commentary and renders the site.
func hostileSite(t *testing.T, single bool) ([]site.File, *report.Review) {
	t.Helper()
	return hostileSiteIn(t, t.TempDir(), single)
}

// hostileSiteIn is hostileSite with its inputs written into dir.
func hostileSiteIn(t *testing.T, dir string, single bool) ([]site.File, *report.Review) {
	t.Helper()
	book := filepath.Join(dir, "hostile.xlsx")
	writeHostileWorkbook(t, book)
	recs, err := source.Read(source.Options{Inputs: []source.Input{{Path: book}}})
	if err != nil {
		t.Fatalf("source.Read: %v", err)
	}
	rev, err := report.Compute(recs, nil, report.Options{})
	if err != nil {
		t.Fatalf("report.Compute: %v", err)
	}
	notes := filepath.Join(dir, "commentary")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notes, "overview.md"), []byte(hostileCommentary), 0o644); err != nil {
		t.Fatal(err)
	}
	loaded, _, err := site.LoadCommentary(notes, rev)
	if err != nil {
		t.Fatalf("LoadCommentary: %v", err)
	}
	made, err := site.Render(rev, site.Options{Templates: templatesFS(t), Commentary: loaded, BuildDate: "2024-07-01",
		SingleFile: single, Inputs: recs.Files})
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	files := made.Files
	return files, rev
}

// safePath matches the output paths a site may have: lower-case slugs,
// digits, dots, dashes and underscores in folders and names.
var safePath = regexp.MustCompile(`^[a-z0-9_][a-z0-9_.-]*(/[a-z0-9_][a-z0-9_.-]*)*$`)

// TestHostileSite builds a site whose every name is hostile and checks
// every page: no script but the site's own, no inline handler, no
// javascript: URL, a CSP, every hostile name shown as text, and only
// slug file names.
func TestHostileSite(t *testing.T) {
	files, rev := hostileSite(t, false)
	if len(rev.ByRegion) < 3 {
		t.Fatalf("review has %d regions, want the 3 hostile ones", len(rev.ByRegion))
	}
	var text strings.Builder
	pages := 0
	paths := map[string]bool{}
	for _, f := range files {
		paths[f.Path] = true
	}
	exists := func(p string) bool { return paths[p] }
	for _, f := range files {
		if f.Path != site.MarkerFile && (!safePath.MatchString(f.Path) || strings.Contains(f.Path, "..")) {
			t.Errorf("output file %q: not a safe path", f.Path)
		}
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		pages++
		for _, p := range pagecheck.Problems(f.Path, f.Data, pagecheck.Options{Exists: exists}) {
			t.Errorf("%s: %s", f.Path, p)
		}
		text.WriteString(pagecheck.PageText(f.Data))
	}
	if pages < 10 {
		t.Errorf("%d pages, want at least 10", pages)
	}
	shown := text.String()
	for field, names := range hostileFields {
		for _, n := range names {
			if field == "deal" {
				continue // deal names show only in lists of particular deals; checked below
			}
			if !strings.Contains(shown, n) {
				t.Errorf("%s %q is not shown as text on any page", field, n)
			}
		}
	}
	// goldmark's safe mode omits raw HTML, tags and all; the plain text
	// around it stays.
	for _, want := range []string{"${alert(1)}", "alert(1)__f__"} {
		if !strings.Contains(shown, want) {
			t.Errorf("commentary text %q is not shown as text", want)
		}
	}
	for _, leak := range []string{`alert("raw html")`} {
		if strings.Contains(shown, leak) {
			t.Errorf("raw HTML of the commentary shows as %q", leak)
		}
	}
}

// TestHostileSiteIndexShowsRegions checks that the overview names every
// hostile region as text.
func TestHostileSiteIndexShowsRegions(t *testing.T) {
	files, _ := hostileSite(t, false)
	for _, f := range files {
		if f.Path != "index.html" {
			continue
		}
		text := pagecheck.PageText(f.Data)
		for _, n := range hostileFields["region"] {
			if !strings.Contains(text, n) {
				t.Errorf("index.html does not show region %q as text", n)
			}
		}
		return
	}
	t.Fatal("no index.html")
}

// TestHostileSingleFile checks the mailable single-file page the same way.
func TestHostileSingleFile(t *testing.T) {
	files, _ := hostileSite(t, true)
	if len(files) != 1 {
		t.Fatalf("%d files, want 1", len(files))
	}
	// The single file inlines the site's own scripts, byte for byte (give
	// or take surrounding white space), allowed by their hashes in the CSP.
	fsys := templatesFS(t)
	own := map[string]bool{}
	for _, name := range []string{"assets/echarts.min.js", "assets/report.js"} {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		own[strings.TrimSpace(string(b))] = true
	}
	isOwn := func(body string) bool { return own[strings.TrimSpace(body)] }
	for _, p := range pagecheck.Problems(files[0].Path, files[0].Data, pagecheck.Options{Inline: isOwn}) {
		t.Errorf("%s: %s", files[0].Path, p)
	}
}

// TestHostileSiteDeterministic renders the hostile site twice: same bytes.
func TestHostileSiteDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, _ := hostileSiteIn(t, dir, false)
	b, _ := hostileSiteIn(t, dir, false)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two builds", a[i].Path)
		}
	}
}
