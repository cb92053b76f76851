package safety

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/site"
	"github.com/salesreview/salesreview/report/testsuite/pagecheck"
)

// TestCommentarySchemeLinks checks that commentary cannot link to other
// programs through URL schemes: a link whose scheme is not http, https or
// mailto is refused with the file and line, and allowed links render and
// pass the page check.
func TestCommentarySchemeLinks(t *testing.T) {
	rev, err := report.Compute(namedRecords("West", "Acme", "Ann", "Deal", "Negotiation", "Retail"), nil, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ md, want string }{
		{"[search](search-ms:query=x)", `overview.md: row 5: link "search-ms:query=x" refused`},
		{"<file:///etc/passwd>", `overview.md: row 5: link "file:///etc/passwd" refused`},
		{"[click](javascript:alert(1))", `overview.md: row 5: link "javascript:alert(1)" refused`},
		{"[y](JaVaScRiPt:alert(1))", `overview.md: row 5: link "JaVaScRiPt:alert(1)" refused`},
		{"<javascript:alert(1)>", `overview.md: row 5: link "javascript:alert(1)" refused`},
		{"[data](data:text/html,<script>alert(1)</script>)", `overview.md: row 5: link "data:text/html,<script>alert(1)</script>" refused`},
		{"[vb](vbscript:msgbox(1))", `overview.md: row 5: link "vbscript:msgbox(1)" refused`},
		{"[tel](tel:+15550100)", `overview.md: row 5: link "tel:+15550100" refused`},
		{"[share](//host/share)", `overview.md: row 5: link "//host/share" refused`},
		// Character references are decoded as the browser decodes the
		// rendered href (issue 14, item 4).
		{"[x](search-ms&#x3a;query=x)", `overview.md: row 5: link "search-ms&#x3a;query=x" (read as "search-ms:query=x") refused`},
		{"[x](vscode&#58;//file/etc/passwd)", `overview.md: row 5: link "vscode&#58;//file/etc/passwd" (read as "vscode://file/etc/passwd") refused`},
		{"[x](&#47;&#47;host/share)", `overview.md: row 5: link "&#47;&#47;host/share" (read as "//host/share") refused`},
		{"[x](&#x2F;etc/passwd)", `overview.md: row 5: link "&#x2F;etc/passwd" (read as "/etc/passwd") refused`},
		{"[x][r]\n\n[r]: smb&#58;//host/share", `overview.md: row 7: link "smb&#58;//host/share" (read as "smb://host/share") refused`},
		{"[x](ms-msdt&colon;/id)", `overview.md: row 5: link "ms-msdt&colon;/id" (read as "ms-msdt:/id") refused`},
	} {
		dir := t.TempDir()
		md := "---\npage: overview\n---\n\n" + c.md + "\n"
		if err := os.WriteFile(filepath.Join(dir, "overview.md"), []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := site.LoadCommentary(dir, rev)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one holding %q", c.md, err, c.want)
		}
	}
	dir := t.TempDir()
	md := "---\npage: overview\n---\n[ok](https://crm.example/) <https://crm.example/a> [mail](mailto:a@example.com) <a@example.com> [rel](revenue.html#x) [frag](#top)\n"
	if err := os.WriteFile(filepath.Join(dir, "overview.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	notes, _, err := site.LoadCommentary(dir, rev)
	if err != nil {
		t.Fatalf("allowed links refused: %v", err)
	}
	made, err := site.Render(rev, site.Options{Templates: templatesFS(t), Commentary: notes, BuildDate: "2024-07-01"})
	if err != nil {
		t.Fatal(err)
	}
	files := made.Files
	for _, f := range files {
		if f.Path == "index.html" {
			if !strings.Contains(string(f.Data), `href="https://crm.example/"`) || !strings.Contains(string(f.Data), `href="mailto:a@example.com"`) {
				t.Errorf("index.html lacks the allowed links")
			}
			if probs := pagecheck.Problems(f.Path, f.Data, pagecheck.Options{}); len(probs) > 0 {
				t.Error(strings.Join(probs, "\n"))
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
	f.Add("[x](search-ms&#x3a;q) [y](vscode&#58;//f) [z](&#47;&#47;h/s) [w](&#x2F;etc) [v][r]\n\n[r]: smb&#58;//h/s\n")
	f.Add("![i](&#x2F;etc/passwd) ![j](https&#58;//evil.example/x.png) [k](ms-msdt&colon;/id) [l](search-ms\\:q)\n")
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
		made, err := site.Render(rev, site.Options{Templates: templatesFS(t), Commentary: notes, BuildDate: "2024-07-01"})
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		files := made.Files
		for _, f := range files {
			if f.Path != "index.html" {
				continue
			}
			for _, p := range pagecheck.Problems(f.Path, f.Data, pagecheck.Options{}) {
				t.Errorf("%s: %s", f.Path, p)
			}
		}
	})
}
