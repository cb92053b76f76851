package safety

import (
	"strings"
	"testing"
)

// TestPageProblemsCatches makes sure the page check finds every kind of
// breach it is meant to find, so that a clean result means something.
func TestPageProblemsCatches(t *testing.T) {
	const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'">`
	tests := map[string]string{
		`<script>alert(1)</script>`:                                         "inline <script>",
		`<img src=x onerror=alert(1)>`:                                      "inline event handler",
		`<a href="javascript:alert(1)">x</a>`:                               "has a scheme",
		`<a href="java&#9;script:alert(1)">x</a>`:                           "has a scheme",
		`<a href=" JavaScript:alert(1)">x</a>`:                              "has a scheme",
		`<img src="https://example.org/x.png">`:                             "has a scheme",
		`<a href="ms-msdt:/id PCWDiagnostic">x</a>`:                         "a link to another program",
		`<a href="https://example.org/">x</a> <img src=x onerror=alert(1)>`: "inline event handler",
		`<a href="//example.org/">x</a>`:                                    "not a relative link",
		`<a href="../../etc/passwd">x</a>`:                                  "leaves the site",
		`<iframe src="x.html"></iframe>`:                                    "element <iframe>",
		`<script src="evil.js"></script>`:                                   "not one of the site's own scripts",
		`<script type="application/json" id="c">{"a":"</b>"}</script>`:      "unescaped < or >",
		`<script type="application/json" id="c">{"a":</script>`:             "is not JSON",
		`<script type="module">import x from "y"</script>`:                  "inline <script>",
		`<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`: "has a scheme",
		`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`:   "meta http-equiv=refresh",
		`<object data="x.swf"></object>`:                                    "element <object>",
	}
	for page, want := range tests {
		got := strings.Join(pageProblems("index.html", []byte("<!DOCTYPE html><html><head>"+csp+"</head><body>"+page+"</body></html>"), nil), "\n")
		if !strings.Contains(got, want) {
			t.Errorf("page %s: problems %q, want one holding %q", page, got, want)
		}
	}
	for csp, want := range map[string]string{
		"": "no Content-Security-Policy",
		"default-src 'none'; script-src 'self' 'unsafe-inline'": "allows scripts from 'unsafe-inline'",
		"default-src *; script-src 'self'":                      "default-src is not 'none'",
		"default-src 'none'":                                    "has no script-src",
	} {
		if got := cspProblem(csp); !strings.Contains(got, want) {
			t.Errorf("cspProblem(%q) = %q, want %q", csp, got, want)
		}
	}
	ok := "<!DOCTYPE html><html><head>" + csp + `</head><body><script src="assets/report.js"></script>` +
		`<script type="application/json" id="chart-a">{"a":"\u003c/b\u003e"}</script><a href="regions/x-1.html#t">x</a><img src="data:image/png;base64,AA=="></body></html>`
	if got := pageProblems("index.html", []byte(ok), nil); len(got) > 0 {
		t.Errorf("clean page: %q", got)
	}
}
