package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// ourScripts are the only script files a page may load.
var ourScripts = map[string]bool{"assets/echarts.min.js": true, "assets/report.js": true, "assets/live.js": true}

// checkPage parses a page and returns what breaks the rules of issue 6:
// scripts other than ours and JSON data islands, inline event handlers,
// javascript: (or any scheme) URLs, elements that load or run things, links
// that leave the site or point at files that do not exist, a missing
// Content-Security-Policy. exists reports whether a site path exists; nil
// skips the link check (single file).
func checkPage(pagePath string, data []byte, exists func(string) bool) []string {
	var bad []string
	add := func(format string, a ...any) { bad = append(bad, fmt.Sprintf(format, a...)) }
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return []string{"parse: " + err.Error()}
	}
	csp := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				attrs[key] = a.Val
				if strings.HasPrefix(key, "on") {
					add("<%s> has an event handler attribute %s=%q", n.Data, a.Key, a.Val)
				}
				if key == "style" {
					add("<%s> has a style attribute (blocked by the CSP)", n.Data)
				}
				if key == "href" || key == "src" || key == "action" || key == "formaction" || key == "xlink:href" || key == "srcset" || key == "poster" || key == "data" {
					checkURL(pagePath, n.Data, key, a.Val, exists, add)
				}
			}
			switch n.Data {
			case "script":
				text := textOf(n)
				switch {
				case attrs["src"] != "":
					if !ourScripts[path.Clean(path.Join(path.Dir(pagePath), attrs["src"]))] {
						add("script src %q is not one of ours", attrs["src"])
					}
					if strings.TrimSpace(text) != "" {
						add("script with src has content")
					}
				case attrs["type"] == "application/json":
					if !strings.HasPrefix(attrs["id"], "chart-") {
						add("data island id %q", attrs["id"])
					}
					if strings.ContainsAny(text, "<>") {
						add("data island %s holds unescaped < or >", attrs["id"])
					}
					var v any
					if err := json.Unmarshal([]byte(text), &v); err != nil {
						add("data island %s: %v", attrs["id"], err)
					}
				default:
					add("inline script %.60q", text)
				}
			case "iframe", "object", "embed", "base", "form", "frame", "link":
				if n.Data == "link" && attrs["rel"] == "stylesheet" && path.Clean(path.Join(path.Dir(pagePath), attrs["href"])) == "assets/style.css" {
					break
				}
				add("element <%s> %v", n.Data, n.Attr)
			case "img":
				add("element <img> %v (the fixture has no logo and commentary has no images)", n.Attr)
			case "meta":
				if strings.EqualFold(attrs["http-equiv"], "content-security-policy") {
					csp = attrs["content"] == cspPages || attrs["content"] == cspLive || strings.HasPrefix(attrs["content"], "default-src 'none'; script-src 'sha256-")
				}
				if strings.EqualFold(attrs["http-equiv"], "refresh") {
					add("meta refresh")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !csp {
		add("no (or a wrong) Content-Security-Policy meta tag")
	}
	return bad
}

// checkURL checks one URL attribute: relative, no scheme, inside the site,
// and (with exists) pointing at a file of the site.
func checkURL(pagePath, elem, key, val string, exists func(string) bool, add func(string, ...any)) {
	v := strings.TrimSpace(strings.ToLower(val))
	if strings.HasPrefix(v, "#") {
		return
	}
	if elem == "img" && strings.HasPrefix(v, "data:image/") {
		return
	}
	u, err := url.Parse(val)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(val, "/") || strings.HasPrefix(val, `\`) {
		add("<%s %s=%q> is not a relative link", elem, key, val)
		return
	}
	target := path.Clean(path.Join(path.Dir(pagePath), u.Path))
	if strings.HasPrefix(target, "../") || target == ".." {
		add("<%s %s=%q> leaves the site", elem, key, val)
		return
	}
	if exists != nil && !exists(target) {
		add("<%s %s=%q> points at %s, which the site does not have", elem, key, val, target)
	}
}

// textOf is the text content of a node.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// visibleText is the text of a page outside scripts.
func visibleText(data []byte) string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// TestCheckPageCatches makes sure the page check itself finds what it must.
func TestCheckPageCatches(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="` + cspPages + `"></head><body>
<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><a href="https://example.org/">y</a>
<script src="evil.js"></script><script type="application/json" id="chart-x">{"a":"</b>"}</script><a href="nope.html">z</a></body></html>`
	bad := strings.Join(checkPage("index.html", []byte(page), func(string) bool { return false }), "\n")
	for _, want := range []string{"inline script", "event handler", `"javascript:alert(1)"> is not a relative link`, "https://example.org/", "evil.js", "unescaped", "nope.html", "<img>"} {
		if !strings.Contains(bad, want) {
			t.Errorf("check missed %q; found:\n%s", want, bad)
		}
	}
	if got := checkPage("index.html", []byte("<html></html>"), nil); len(got) != 1 || !strings.Contains(got[0], "Content-Security-Policy") {
		t.Errorf("missing CSP not found: %v", got)
	}
}
