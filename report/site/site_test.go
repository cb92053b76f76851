package site

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/slug"
	"github.com/salesreview/salesreview/report/testsuite/pagecheck"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func render(t testing.TB, rev *report.Review, opts Options) map[string][]byte {
	t.Helper()
	if opts.Templates == nil {
		opts.Templates = templatesFS()
	}
	made, err := Render(rev, opts)
	if err != nil {
		t.Fatal(err)
	}
	files := made.Files
	out := map[string][]byte{}
	for i, f := range files {
		if i > 0 && files[i-1].Path >= f.Path {
			t.Fatalf("files not sorted by path: %q before %q", files[i-1].Path, f.Path)
		}
		out[f.Path] = f.Data
	}
	return out
}

// TestGolden compares one page of each kind with testdata/golden
// (go test -run TestGolden -update rewrites them).
func TestGolden(t *testing.T) {
	site := render(t, fixtureReview(false), Options{Title: "Acme sales review", BuildDate: "2026-10-06"})
	pages := map[string]string{
		"overview.html":      "index.html",
		"region.html":        "regions/" + slug.Make("West") + ".html",
		"revenue.html":       "revenue.html",
		"pipeline.html":      "pipeline.html",
		"forecast.html":      "forecast.html",
		"activities.html":    "activities.html",
		"reps.html":          "reps.html",
		"outlook.html":       "outlook.html",
		"changes.html":       "changes.html",
		"quality.html":       "quality.html",
		"definitions.html":   "definitions.html",
		"revenue-pareto.csv": "data/revenue-pareto.csv",
	}
	for golden, p := range pages {
		got, ok := site[p]
		if !ok {
			t.Errorf("no %s in the site", p)
			continue
		}
		name := filepath.Join("testdata", "golden", golden)
		if *update {
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGolden -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test -run TestGolden -update and review the diff)\n%s", p, name, firstDiff(want, got))
		}
	}
}

// firstDiff shows the first differing line.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\nwant: " + w + "\ngot:  " + g
		}
	}
	return ""
}

// TestDeterministic builds the site twice and compares every byte.
func TestDeterministic(t *testing.T) {
	for _, hostile := range []bool{false, true} {
		for _, single := range []bool{false, true} {
			opts := Options{BuildDate: "2026-10-06", SingleFile: single, Inputs: []report.InputFile{{Path: "b.xlsx", SHA256: "bb"}, {Path: "a.csv", SHA256: "aa"}}}
			a := render(t, fixtureReview(hostile), opts)
			b := render(t, fixtureReview(hostile), opts)
			if len(a) != len(b) {
				t.Fatalf("hostile=%v single=%v: %d files, then %d", hostile, single, len(a), len(b))
			}
			for p, d := range a {
				if !bytes.Equal(d, b[p]) {
					t.Errorf("hostile=%v single=%v: %s differs between two builds", hostile, single, p)
				}
			}
		}
	}
}

// TestSiteFiles checks the file list: pages, assets, CSVs, metrics,
// manifest, marker; region pages named by slug.
func TestSiteFiles(t *testing.T) {
	site := render(t, fixtureReview(false), Options{BuildDate: "2026-10-06"})
	for _, p := range []string{"index.html", "outlook.html", "revenue.html", "pipeline.html", "forecast.html", "activities.html", "reps.html", "changes.html",
		"quality.html", "definitions.html", "assets/echarts.min.js", "assets/report.js", "assets/style.css", "metrics.json", "manifest.json", MarkerFile,
		"regions/" + slug.Make("West") + ".html", "regions/" + slug.Make("East") + ".html", "regions/" + slug.Make(report.Unassigned) + ".html"} {
		if _, ok := site[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	if _, ok := site["assets/live.js"]; ok {
		t.Error("live.js without Live")
	}
	rev := fixtureReview(false)
	rev.Changes = nil
	if _, ok := render(t, rev, Options{})["changes.html"]; ok {
		t.Error("changes.html without an earlier snapshot")
	}
	live := render(t, fixtureReview(false), Options{Live: true})
	if !bytes.Contains(live["index.html"], []byte(`src="assets/live.js"`)) || !bytes.Contains(live["regions/"+slug.Make("West")+".html"], []byte(`src="../assets/live.js"`)) {
		t.Error("Live pages do not load live.js")
	}
}

// TestManifest checks that manifest.json lists every other file and input
// with its SHA-256.
func TestManifest(t *testing.T) {
	site := render(t, fixtureReview(false), Options{Inputs: []report.InputFile{{Path: "z.xlsx", SHA256: "00ff"}, {Path: "a.csv", SHA256: "11ee"}}})
	m := string(site["manifest.json"])
	for p, d := range site {
		if p == "manifest.json" {
			continue
		}
		if !strings.Contains(m, `"path": "`+p+`"`) || !strings.Contains(m, sha(d)) {
			t.Errorf("manifest lacks %s", p)
		}
	}
	if strings.Index(m, `"a.csv"`) > strings.Index(m, `"z.xlsx"`) || !strings.Contains(m, "00ff") {
		t.Error("inputs missing or not sorted")
	}
}

// TestHostileNames renders a review whose every name is hostile and checks
// each page: it parses, runs no script but ours, has no handlers or
// javascript: URLs, links only to files of the site, and shows the names
// as text.
func TestHostileNames(t *testing.T) {
	// The title, build date and region colour keys are user text too.
	site := render(t, fixtureReview(true), Options{Title: hostileNames[0], BuildDate: hostileNames[1],
		RegionColours: map[string]string{hostileNames[0]: hostileNames[1]}})
	exists := func(p string) bool { _, ok := site[p]; return ok }
	var all strings.Builder
	for p, d := range site {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, bad := range pagecheck.Problems(p, d, pagecheck.Options{Exists: exists}) {
			t.Errorf("%s: %s", p, bad)
		}
		all.WriteString(pagecheck.PageText(d))
		if strings.Contains(p, "..") || strings.ContainsAny(strings.TrimSuffix(p, ".html"), `<>"{}.:\`) {
			t.Errorf("unsafe file name %q", p)
		}
	}
	for _, n := range hostileNames {
		if !strings.Contains(all.String(), n) {
			t.Errorf("name %q is not shown as text on any page", n)
		}
	}
}

// TestPagesSafe runs the page check on the plain fixture too, so every
// relative link is checked from every depth.
func TestPagesSafe(t *testing.T) {
	for _, live := range []bool{false, true} {
		site := render(t, fixtureReview(false), Options{Live: live})
		exists := func(p string) bool { _, ok := site[p]; return ok }
		for p, d := range site {
			if strings.HasSuffix(p, ".html") {
				for _, bad := range pagecheck.Problems(p, d, pagecheck.Options{Exists: exists}) {
					t.Errorf("live=%v %s: %s", live, p, bad)
				}
			}
		}
	}
}

// TestSingleFile checks the one-file site: one file, every page a section,
// scripts inline and allowed by hash, nothing else loaded.
func TestSingleFile(t *testing.T) {
	site := render(t, fixtureReview(true), Options{SingleFile: true, BuildDate: "2026-10-06"})
	if len(site) != 1 {
		t.Fatalf("%d files, want 1", len(site))
	}
	d := site[SingleFileName]
	if d == nil {
		t.Fatalf("no %s", SingleFileName)
	}
	// The inlined scripts are the site's own, listed by hash in the CSP.
	own := map[string]bool{}
	for _, name := range []string{"assets/echarts.min.js", "assets/report.js"} {
		b, err := fs.ReadFile(templatesFS(), name)
		if err != nil {
			t.Fatal(err)
		}
		own[string(b)] = true
	}
	for _, bad := range pagecheck.Problems("review.html", d, pagecheck.Options{Inline: func(body string) bool { return own[body] }}) {
		t.Error(bad)
	}
	for _, id := range []string{`id="p-index"`, `id="p-revenue"`, `id="p-quality"`, `id="p-regions-` + slug.Make(hostileNames[0])} {
		if !bytes.Contains(d, []byte(id)) {
			t.Errorf("no section %s", id)
		}
	}
	if bytes.Contains(d, []byte(`src="assets/`)) || bytes.Contains(d, []byte(`href="assets/`)) {
		t.Error("single file refers to assets/")
	}
	if bytes.Count(d, []byte("<script>")) != 2 {
		t.Errorf("%d inline scripts, want 2 (echarts and report.js)", bytes.Count(d, []byte("<script>")))
	}
}

// TestOverride checks that a user's template file redefining one block
// replaces only that block, and that a user's style.css replaces ours.
func TestOverride(t *testing.T) {
	user := fstest.MapFS{
		"footer.html":      {Data: []byte(`{{define "footer"}}<footer>Confidential · {{.Site.Period}}</footer>{{end}}`)},
		"assets/style.css": {Data: []byte("body{color:red}")},
	}
	site := render(t, fixtureReview(false), Options{Override: user})
	idx := string(site["index.html"])
	if !strings.Contains(idx, "<footer>Confidential · FY2026-Q3</footer>") {
		t.Error("footer not overridden")
	}
	if !strings.Contains(idx, `<header class="site">`) {
		t.Error("header lost")
	}
	if string(site["assets/style.css"]) != "body{color:red}" {
		t.Error("style.css not overridden")
	}
	bad := fstest.MapFS{"x.html": {Data: []byte(`{{define "footer"}}{{.Nope`)}}
	if _, err := Render(fixtureReview(false), Options{Templates: templatesFS(), Override: bad}); err == nil || !strings.Contains(err.Error(), "--templates") {
		t.Errorf("bad override: err = %v", err)
	}
}

// TestFooterDate checks that the footer shows BuildDate and nothing else
// date-like from the clock.
func TestFooterDate(t *testing.T) {
	site := render(t, fixtureReview(false), Options{BuildDate: "1999-12-31"})
	if !strings.Contains(string(site["index.html"]), "built 1999-12-31") {
		t.Error("no build date in the footer")
	}
	site = render(t, fixtureReview(false), Options{})
	if strings.Contains(string(site["index.html"]), " built ") {
		t.Error("a build date without BuildDate")
	}
}

// TestUndefinedIsNA checks that undefined figures show as n/a and never as
// 0, NaN or infinity.
func TestUndefinedIsNA(t *testing.T) {
	site := render(t, fixtureReview(false), Options{})
	un := string(site["regions/"+slug.Make(report.Unassigned)+".html"])
	// The Unassigned scope has undefined growth vs the previous quarter and
	// attainment: the tiles show n/a.
	if !strings.Contains(un, `<div class="kpi-value">n/a</div>`) {
		t.Error("undefined attainment not shown as n/a")
	}
	if !strings.Contains(un, `<span class="v">n/a</span> vs FY2026-Q2`) {
		t.Error("undefined growth not shown as n/a")
	}
	for p, d := range site {
		if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".csv") {
			for _, bad := range []string{"NaN", "Inf", "+Inf"} {
				if bytes.Contains(d, []byte(bad)) {
					t.Errorf("%s contains %s", p, bad)
				}
			}
		}
	}
	ov := string(site["index.html"])
	if !strings.Contains(ov, "target met") {
		t.Error("met target not said in words")
	}
}

// TestRegionColours checks that a region keeps its colour on every page
// and that configured colours are used.
func TestRegionColours(t *testing.T) {
	rev := fixtureReview(false)
	site := render(t, rev, Options{RegionColours: map[string]string{"East": "#112233", "West": "red;x"}})
	for p, d := range site {
		if strings.HasSuffix(p, ".html") && bytes.Contains(d, []byte(`>East</a>`)) && !bytes.Contains(d, []byte(`data-colour="#112233"`)) {
			t.Errorf("%s: East without its colour", p)
		}
	}
	ov := string(site["index.html"])
	if !strings.Contains(ov, `"#112233"`) || !strings.Contains(ov, `data-colour="`+palette[0]+`"`) {
		t.Error("configured colour not in the charts, or an invalid colour not replaced by the palette")
	}
	if strings.Contains(ov, "red;x") {
		t.Error("invalid colour used")
	}
}

// TestLogo checks that a logo is written to assets/ and shown, inlined in
// the single file, and that anything but an image is refused.
func TestLogo(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	site := render(t, fixtureReview(false), Options{Logo: png})
	if !bytes.Equal(site["assets/logo.png"], png) {
		t.Error("no assets/logo.png")
	}
	if !strings.Contains(string(site["regions/"+slug.Make("West")+".html"]), `<img class="logo" src="../assets/logo.png" alt="">`) {
		t.Error("region page does not show the logo")
	}
	single := render(t, fixtureReview(false), Options{Logo: png, SingleFile: true})
	if !strings.Contains(string(single[SingleFileName]), `src="data:image/png;base64,`) {
		t.Error("single file does not inline the logo")
	}
	if _, err := Render(fixtureReview(false), Options{Templates: templatesFS(), Logo: []byte("<html><script>alert(1)</script>")}); err == nil {
		t.Error("HTML accepted as a logo")
	}
}

// TestRenderPages: Render says which pages it made: in the multi-file site
// exactly its HTML files, in navigation order (the overview first); in the
// one-file site the same pages, each a section of the file.
func TestRenderPages(t *testing.T) {
	made, err := Render(fixtureReview(true), Options{Templates: templatesFS()})
	if err != nil {
		t.Fatal(err)
	}
	var html []string
	for _, f := range made.Files {
		if strings.HasSuffix(f.Path, ".html") {
			html = append(html, f.Path)
		}
	}
	pages := slices.Sorted(slices.Values(made.Pages))
	if !slices.Equal(pages, html) || made.Pages[0] != "index.html" {
		t.Errorf("Pages = %v, HTML files %v", made.Pages, html)
	}
	single, err := Render(fixtureReview(true), Options{Templates: templatesFS(), SingleFile: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(single.Pages, made.Pages) || len(single.Files) != 1 {
		t.Errorf("single file: Pages = %v, %d files", single.Pages, len(single.Files))
	}
	if n := strings.Count(string(single.Files[0].Data), `<section class="page"`); n != len(single.Pages) {
		t.Errorf("single file: %d sections, %d pages", n, len(single.Pages))
	}
}
