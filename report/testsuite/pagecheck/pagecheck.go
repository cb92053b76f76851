// Package pagecheck is the page check of salesreview's tests: it parses an
// output page with golang.org/x/net/html and lists what breaks the promise
// "no execution of data" of docs/security.md. Package site's own tests and
// the cross-cutting safety tests (report/testsuite/safety) share it. It
// knows nothing of package site: it checks pages as a browser would read
// them.
package pagecheck

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Options say what a page may hold beyond the rules.
type Options struct {
	// Exists reports whether a site path exists: every relative link must
	// then point at a file of the site. Nil skips that check (a single
	// page, or a site checked page by page).
	Exists func(sitePath string) bool
	// Inline accepts an inline script whose body it returns true for (the
	// single-file page inlines the site's own scripts); the CSP must list
	// the body's SHA-256. Nil refuses every inline script.
	Inline func(body string) bool
}

// ownScripts are the only script files a page may load, relative to the
// site root.
var ownScripts = map[string]bool{"assets/echarts.min.js": true, "assets/report.js": true, "assets/live.js": true}

// ownStyle is the only style sheet a page may load.
const ownStyle = "assets/style.css"

// urlAttrs are the attributes that hold a URL a browser may load or follow.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"srcset": true, "poster": true, "data": true, "background": true, "ping": true, "cite": true, "manifest": true,
	"codebase": true, "archive": true, "longdesc": true, "usemap": true, "icon": true, "dynsrc": true, "lowsrc": true}

// Problems parses the page at the site path pagePath and lists what breaks
// the rules: an inline event handler; a style attribute with url(); a URL
// with a scheme (javascript:, data: except images, any remote URL but a
// link a reader follows) or one that leaves the site; a <script> other
// than the site's own files and application/json data islands (valid
// JSON, < and > escaped, ids "chart-..."); elements that load or run
// things (iframe, object, embed, base, form, meta refresh, a <link> other
// than the site's style sheet); and a missing or permissive
// Content-Security-Policy meta tag.
func Problems(pagePath string, data []byte, opts Options) []string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	c := &checker{page: pagePath, opts: opts}
	c.walk(doc)
	if why := CSPProblem(c.csp); why != "" {
		c.add("%s", why)
	}
	for _, body := range c.inlined {
		sum := sha256.Sum256([]byte(body))
		if !strings.Contains(c.csp, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") {
			c.add("inline script %.40q is not allowed by hash in the CSP", body)
		}
	}
	return c.bad
}

// checker walks one page.
type checker struct {
	page    string
	opts    Options
	bad     []string
	csp     string
	inlined []string
}

func (c *checker) add(format string, a ...any) { c.bad = append(c.bad, fmt.Sprintf(format, a...)) }

func (c *checker) walk(n *html.Node) {
	if n.Type == html.ElementNode {
		c.element(n, c.attributes(n))
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.walk(ch)
	}
}

// attributes checks the attributes of an element and returns them by
// lower-case name (namespace:name for namespaced ones).
func (c *checker) attributes(n *html.Node) map[string]string {
	attrs := map[string]string{}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		attrs[key] = a.Val
		if strings.HasPrefix(key, "on") {
			c.add("<%s> has an inline event handler %s=%q", n.Data, a.Key, a.Val)
		}
		if urlAttrs[key] {
			if why := c.badURL(n.Data, a.Val); why != "" {
				c.add("<%s %s=%q> %s", n.Data, a.Key, a.Val, why)
			}
		}
		if key == "style" && strings.Contains(strings.ToLower(a.Val), "url(") {
			c.add("<%s> has a style attribute with url()", n.Data)
		}
	}
	return attrs
}

// element checks what an element is.
func (c *checker) element(n *html.Node, attrs map[string]string) {
	switch n.Data {
	case "script":
		c.script(attrs, Text(n))
	case "iframe", "frame", "object", "embed", "applet", "base", "form", "portal":
		c.add("element <%s> %v", n.Data, n.Attr)
	case "link":
		if attrs["rel"] != "stylesheet" || path.Clean(path.Join(path.Dir(c.page), attrs["href"])) != ownStyle {
			c.add("element <link> %v is not the site's style sheet", n.Attr)
		}
	case "meta":
		switch strings.ToLower(attrs["http-equiv"]) {
		case "content-security-policy":
			c.csp = attrs["content"]
		case "refresh":
			c.add("<meta http-equiv=refresh>")
		}
	}
}

// script checks a <script> element with its attributes and body.
func (c *checker) script(attrs map[string]string, body string) {
	switch {
	case attrs["src"] != "":
		if !ownScripts[path.Clean(path.Join(path.Dir(c.page), attrs["src"]))] {
			c.add("<script src=%q> is not one of the site's own scripts", attrs["src"])
		}
		if strings.TrimSpace(body) != "" {
			c.add("<script src=%q> also has inline content", attrs["src"])
		}
	case strings.EqualFold(attrs["type"], "application/json"):
		if !strings.HasPrefix(attrs["id"], "chart-") {
			c.add("data island id %q does not start with chart-", attrs["id"])
		}
		if strings.ContainsAny(body, "<>") {
			c.add("data island %q holds an unescaped < or >", attrs["id"])
		}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			c.add("data island %q is not JSON: %v", attrs["id"], err)
		}
	case c.opts.Inline != nil && attrs["type"] == "" && c.opts.Inline(body):
		c.inlined = append(c.inlined, body)
	default:
		c.add("inline <script> %.80q", body)
	}
}

// CSPProblem says what is wrong with a page's Content-Security-Policy: it
// must exist, default to 'none', allow scripts and styles only from the
// site itself (or by hash, in the single-file page) and images only from
// the site or data: URLs, never inline or eval, and forbid <base> and
// forms.
func CSPProblem(csp string) string {
	if csp == "" {
		return "no Content-Security-Policy meta tag"
	}
	dirs := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		if f := strings.Fields(d); len(f) > 0 {
			dirs[strings.ToLower(f[0])] = strings.Join(f[1:], " ")
		}
	}
	if dirs["default-src"] != "'none'" {
		return fmt.Sprintf("CSP %q: default-src is not 'none'", csp)
	}
	script, ok := dirs["script-src"]
	if !ok {
		return fmt.Sprintf("CSP %q has no script-src", csp)
	}
	for _, check := range []struct{ dir, value string }{{"script-src", script}, {"style-src", dirs["style-src"]}} {
		for _, s := range strings.Fields(check.value) {
			if s != "'self'" && !strings.HasPrefix(s, "'sha256-") {
				return fmt.Sprintf("CSP %q allows %s from %s", csp, strings.TrimSuffix(check.dir, "-src")+"s", s)
			}
		}
	}
	for _, s := range strings.Fields(dirs["img-src"]) {
		if s != "'self'" && s != "data:" {
			return fmt.Sprintf("CSP %q allows images from %s", csp, s)
		}
	}
	for _, d := range []string{"base-uri", "form-action"} {
		if dirs[d] != "'none'" {
			return fmt.Sprintf("CSP %q: %s is not 'none'", csp, d)
		}
	}
	return ""
}

// otherProgram marks a link whose scheme hands it to another program
// (ms-msdt:, search-ms:, file:, ...).
const otherProgram = "a link to another program"

// schemeRE matches a URL that starts with a scheme.
var schemeRE = regexp.MustCompile(`^[a-z][a-z0-9+.-]*:`)

// badURL says why a URL on a page is not allowed, or "" when it is: only
// relative links inside the site (to files it has, with Exists),
// fragments, data: images on <img>, and http, https and mailto links on
// <a> (which the reader follows by choice).
func (c *checker) badURL(elem, val string) string {
	// Browsers drop ASCII whitespace and control characters anywhere in a
	// scheme ("java\tscript:"), so compare without them.
	squeezed := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(val))
	link := elem == "a" || elem == "area"
	switch {
	case squeezed == "" || strings.HasPrefix(squeezed, "#"):
		return ""
	case elem == "img" && strings.HasPrefix(squeezed, "data:image/"):
		return ""
	case strings.HasPrefix(squeezed, "//"), strings.HasPrefix(squeezed, `\`), strings.HasPrefix(squeezed, "/"):
		return "is not a relative link"
	case link && (strings.HasPrefix(squeezed, "https://") || strings.HasPrefix(squeezed, "http://") ||
		strings.HasPrefix(squeezed, "mailto:")):
		// A link a reader follows by choice, as commentary may hold:
		// navigation, not a resource the page loads.
		return ""
	case schemeRE.MatchString(squeezed) && link:
		return "has a scheme (" + otherProgram + ")"
	case schemeRE.MatchString(squeezed):
		return "has a scheme"
	}
	return c.badPath(val)
}

// badPath says why a URL without a scheme is not allowed: it leaves the
// site, or (with Exists) names no file of the site.
func (c *checker) badPath(val string) string {
	// Without a scheme, a browser reads the URL as a relative path even
	// where Go's parser refuses it (":" or "a:b/c" with a colon first).
	p := strings.TrimSpace(val)
	if u, err := url.Parse(p); err == nil {
		if u.Scheme != "" || u.Host != "" {
			return "has a scheme"
		}
		p = u.Path
	}
	target := path.Clean(path.Join(path.Dir(c.page), p))
	if target == ".." || strings.HasPrefix(target, "../") {
		return "leaves the site"
	}
	if c.opts.Exists != nil && !c.opts.Exists(target) {
		return "points at " + target + ", which the site does not have"
	}
	return ""
}

// Text is the text content of a node.
func Text(n *html.Node) string {
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

// PageText is the text a reader sees on a page: every text node outside
// <script>, <style> and <template>, one per line, and the attribute values
// a reader sees (title, alt, aria-label).
func PageText(data []byte) string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "template":
				return
			}
			for _, a := range n.Attr {
				if a.Key == "title" || a.Key == "alt" || a.Key == "aria-label" {
					b.WriteString(a.Val)
					b.WriteByte('\n')
				}
			}
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
