package pagecheck

import (
	"strings"
	"testing"
)

// csp is a policy of the kind the site writes.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"

func page(body string) []byte {
	return []byte(`<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="` + csp + `"></head><body>` +
		body + `</body></html>`)
}

// TestProblemsCatches makes sure the check finds every kind of breach it is
// meant to find, so that a clean result means something.
func TestProblemsCatches(t *testing.T) {
	tests := map[string]string{
		`<script>alert(1)</script>`:                                          "inline <script>",
		`<img src=x onerror=alert(1)>`:                                       "inline event handler",
		`<a href="javascript:alert(1)">x</a>`:                                "has a scheme",
		`<a href="java&#9;script:alert(1)">x</a>`:                            "has a scheme",
		`<a href=" JavaScript:alert(1)">x</a>`:                               "has a scheme",
		`<img src="https://example.org/x.png">`:                              "has a scheme",
		`<a href="ms-msdt:/id PCWDiagnostic">x</a>`:                          "a link to another program",
		`<a href="https://example.org/">x</a> <img src=x onerror=alert(1)>`:  "inline event handler",
		`<a href="//example.org/">x</a>`:                                     "not a relative link",
		`<a href="/etc/passwd">x</a>`:                                        "not a relative link",
		`<a href="../../etc/passwd">x</a>`:                                   "leaves the site",
		`<iframe src="x.html"></iframe>`:                                     "element <iframe>",
		`<script src="evil.js"></script>`:                                    "not one of the site's own scripts",
		`<script src="assets/report.js">alert(1)</script>`:                   "also has inline content",
		`<script type="application/json" id="chart-c">{"a":"</b>"}</script>`: "unescaped < or >",
		`<script type="application/json" id="chart-c">{"a":</script>`:        "is not JSON",
		`<script type="application/json" id="x">{}</script>`:                 `data island id "x"`,
		`<script type="module">import x from "y"</script>`:                   "inline <script>",
		`<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`:  "has a scheme",
		`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`:    "meta http-equiv=refresh",
		`<object data="x.swf"></object>`:                                     "element <object>",
		`<link rel="stylesheet" href="evil.css">`:                            "not the site's style sheet",
		`<link rel="preload" href="assets/style.css">`:                       "not the site's style sheet",
		`<div style="background:url(https://example.org/x)">x</div>`:         "style attribute with url()",
	}
	for body, want := range tests {
		got := strings.Join(Problems("index.html", page(body), Options{}), "\n")
		if !strings.Contains(got, want) {
			t.Errorf("page %s: problems %q, want one holding %q", body, got, want)
		}
	}
	exists := func(p string) bool { return p == "index.html" || p == "regions/x-1.html" }
	for _, body := range []string{`<a href="nope.html">x</a>`, `<a href="regions/../nope.html#t">x</a>`} {
		if got := strings.Join(Problems("index.html", page(body), Options{Exists: exists}), "\n"); !strings.Contains(got, "which the site does not have") {
			t.Errorf("page %s: missing file not found: %q", body, got)
		}
	}
}

// TestCSPProblem checks the policy rules one by one.
func TestCSPProblem(t *testing.T) {
	for policy, want := range map[string]string{
		"": "no Content-Security-Policy",
		"default-src 'none'; script-src 'self' 'unsafe-inline'":                                    "allows scripts from 'unsafe-inline'",
		"default-src *; script-src 'self'":                                                         "default-src is not 'none'",
		"default-src 'none'":                                                                       "has no script-src",
		"default-src 'none'; script-src 'self'; style-src 'unsafe-inline'":                         "allows styles from 'unsafe-inline'",
		"default-src 'none'; script-src 'self'; img-src *":                                         "allows images from *",
		"default-src 'none'; script-src 'self'; form-action 'none'":                                "base-uri is not 'none'",
		"default-src 'none'; script-src 'self'; base-uri 'none'":                                   "form-action is not 'none'",
		"default-src 'none'; script-src 'sha256-AA=='; style-src 'sha256-BB=='; img-src data:":     "base-uri",
		"default-src 'none'; script-src 'self' 'unsafe-eval'; base-uri 'none'; form-action 'none'": "allows scripts from 'unsafe-eval'",
	} {
		if got := CSPProblem(policy); !strings.Contains(got, want) {
			t.Errorf("CSPProblem(%q) = %q, want %q", policy, got, want)
		}
	}
	if got := CSPProblem(csp); got != "" {
		t.Errorf("the site's policy: %q", got)
	}
}

// TestCleanPage: what the site writes passes.
func TestCleanPage(t *testing.T) {
	body := `<link rel="stylesheet" href="../assets/style.css"><script src="../assets/report.js" defer></script>` +
		`<script type="application/json" id="chart-a">{"a":"\u003c/b\u003e"}</script><a href="x-1.html#t">x</a>` +
		`<a href="https://crm.example/">crm</a><a href="mailto:a@example.com">mail</a><img src="data:image/png;base64,AA==">`
	exists := func(p string) bool { return p == "regions/x-1.html" || strings.HasPrefix(p, "assets/") }
	if got := Problems("regions/y.html", page(body), Options{Exists: exists}); len(got) > 0 {
		t.Errorf("clean page: %q", got)
	}
}

// TestInline: an inline script passes only when accepted and listed by hash.
func TestInline(t *testing.T) {
	// SHA-256 of "own()", base64.
	const hash = "'sha256-1yruO3ZUqBddjC8oRrsLLZ/oiHYCAveB39McCaLvqnk='"
	doc := func(policy string) []byte {
		return []byte(`<html><head><meta http-equiv="Content-Security-Policy" content="` + policy + `"></head><body>` +
			`<script>own()</script></body></html>`)
	}
	own := Options{Inline: func(body string) bool { return body == "own()" }}
	listed := "default-src 'none'; script-src " + hash + "; base-uri 'none'; form-action 'none'"
	if got := Problems("review.html", doc(listed), own); len(got) > 0 {
		t.Errorf("own script listed by hash: %q", got)
	}
	unlisted := "default-src 'none'; script-src 'sha256-AA=='; base-uri 'none'; form-action 'none'"
	if got := strings.Join(Problems("review.html", doc(unlisted), own), "\n"); !strings.Contains(got, "not allowed by hash") {
		t.Errorf("own script not listed: %q", got)
	}
	if got := strings.Join(Problems("review.html", doc(listed), Options{}), "\n"); !strings.Contains(got, "inline <script>") {
		t.Errorf("inline script without Inline: %q", got)
	}
}

// TestPageText: text nodes and what a reader sees of attributes, never
// scripts or styles.
func TestPageText(t *testing.T) {
	got := PageText([]byte(`<p title="T">a<b>b</b></p><script>s()</script><style>x{}</style><img alt="A"><template>t</template>`))
	for _, want := range []string{"a\n", "b\n", "T\n", "A\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("PageText lacks %q: %q", want, got)
		}
	}
	for _, not := range []string{"s()", "x{}", "t\n"} {
		if strings.Contains(got, not) {
			t.Errorf("PageText holds %q: %q", not, got)
		}
	}
}
