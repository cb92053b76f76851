package site

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/testsuite/pagecheck"
)

// FuzzRenderNames renders a review whose names are the fuzzed text and
// checks every page: it parses, runs no script but ours and JSON islands,
// has no handlers or javascript: URLs, links only inside the site, and
// shows the name as text. The seeds run in the normal tests.
func FuzzRenderNames(f *testing.F) {
	for _, s := range hostileNames {
		f.Add(s)
	}
	for _, s := range []string{"West", "x__f__", "</style><style>", "'; alert(1); '", "\u2028\u2029", "<!--", "]]>", "javascript:alert(1)",
		"שלום", "🚀", "NUL", "a\x00b", "a\r\nb", "\\..\\..\\x", "%2e%2e%2f", "{{ bookings }}", "&lt;script&gt;"} {
		f.Add(s)
	}
	// Render the pages only (Render adds assets, exports and the manifest,
	// which do not depend on names in ways pages do); parse once.
	opts := Options{Templates: templatesFS()}
	tmpl, err := parseTemplates(opts.Templates, nil)
	if err != nil {
		f.Fatal(err)
	}
	assets, err := loadAssets(opts)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name string) {
		second := name + " 2"
		if name == report.Unassigned || second == report.Unassigned {
			t.Skip()
		}
		b := newBuilder(fixtureNamed([]string{name, second}), opts)
		pages, err := b.pages()
		if err != nil {
			t.Fatal(err)
		}
		site := map[string][]byte{}
		for _, p := range pages {
			data, err := renderPage(tmpl, b, p, assets)
			if err != nil {
				t.Fatal(err)
			}
			site[p.Path] = data
		}
		for _, c := range b.csvs {
			site[c.Path] = c.Data
		}
		for _, a := range []string{"assets/echarts.min.js", "assets/report.js", "assets/style.css"} {
			site[a] = nil
		}
		exists := func(p string) bool { _, ok := site[p]; return ok || strings.HasPrefix(p, "data/") }
		for p, data := range site {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			for _, bad := range pagecheck.Problems(p, data, pagecheck.Options{Exists: exists}) {
				t.Errorf("%s: %s", p, bad)
			}
		}
		// The name is shown as text where it is plain printable text (the
		// HTML parser rewrites NUL, CR and invalid UTF-8 by design).
		if utf8.ValidString(name) && strings.TrimSpace(name) == name && name != "" && !strings.ContainsFunc(name, func(r rune) bool {
			return unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r)
		}) {
			if !strings.Contains(pagecheck.PageText(site["index.html"]), name) {
				t.Errorf("name %q not shown as text on the overview", name)
			}
		}
	})
}
