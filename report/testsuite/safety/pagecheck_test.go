package safety

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

// ownScripts are the only script files a page may load, relative to the
// site root.
var ownScripts = map[string]bool{"assets/echarts.min.js": true, "assets/report.js": true, "assets/live.js": true}

// urlAttrs are the attributes that hold a URL a browser may load or follow.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"srcset": true, "poster": true, "data": true, "background": true, "ping": true, "cite": true, "manifest": true,
	"codebase": true, "archive": true, "longdesc": true, "usemap": true, "icon": true, "dynsrc": true, "lowsrc": true}

// pageProblems parses an output page and lists what breaks the promise "no
// execution of data" (docs/security.md): an inline event handler; a URL
// with a scheme (javascript:, data: except images, any remote URL) or one
// that leaves the site; a <script> other than the site's own files and
// application/json data islands (which must hold valid JSON with < and >
// escaped); elements that load or run things (iframe, object, embed, base,
// form, meta refresh); and a missing or permissive Content-Security-Policy
// meta tag. The check is independent of package site's own tests.
//
// inline, when not nil, allows an inline script whose body it accepts
// (the single-file page inlines the site's own scripts) provided the CSP
// lists the body's SHA-256.
func pageProblems(pagePath string, data []byte, inline func(body string) bool) []string {
	var bad []string
	add := func(format string, a ...any) { bad = append(bad, fmt.Sprintf(format, a...)) }
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	csp := ""
	var inlined []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				attrs[key] = a.Val
				if strings.HasPrefix(key, "on") {
					add("<%s> has an inline event handler %s=%q", n.Data, a.Key, a.Val)
				}
				if urlAttrs[key] {
					if why := badURL(pagePath, n.Data, a.Val); why != "" {
						add("<%s %s=%q> %s", n.Data, a.Key, a.Val, why)
					}
				}
				if key == "style" && strings.Contains(strings.ToLower(a.Val), "url(") {
					add("<%s> has a style attribute with url()", n.Data)
				}
			}
			switch n.Data {
			case "script":
				body := nodeText(n)
				switch {
				case attrs["src"] != "":
					target := path.Clean(path.Join(path.Dir(pagePath), attrs["src"]))
					if !ownScripts[target] {
						add("<script src=%q> is not one of the site's own scripts", attrs["src"])
					}
					if strings.TrimSpace(body) != "" {
						add("<script src=%q> also has inline content", attrs["src"])
					}
				case strings.EqualFold(attrs["type"], "application/json"):
					if strings.ContainsAny(body, "<>") {
						add("data island %q holds an unescaped < or >", attrs["id"])
					}
					var v any
					if err := json.Unmarshal([]byte(body), &v); err != nil {
						add("data island %q is not JSON: %v", attrs["id"], err)
					}
				case inline != nil && attrs["type"] == "" && inline(body):
					inlined = append(inlined, body)
				default:
					add("inline <script> %.80q", body)
				}
			case "iframe", "frame", "object", "embed", "applet", "base", "form", "portal":
				add("element <%s> %v", n.Data, n.Attr)
			case "meta":
				switch strings.ToLower(attrs["http-equiv"]) {
				case "content-security-policy":
					csp = attrs["content"]
				case "refresh":
					add("<meta http-equiv=refresh>")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if why := cspProblem(csp); why != "" {
		add("%s", why)
	}
	for _, body := range inlined {
		sum := sha256.Sum256([]byte(body))
		if !strings.Contains(csp, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") {
			add("inline script %.40q is not allowed by hash in the CSP", body)
		}
	}
	return bad
}

// cspProblem says what is wrong with a page's Content-Security-Policy: it
// must exist, default to 'none', and allow scripts only from the site
// itself (or by hash, in the single-file page), never inline or eval.
func cspProblem(csp string) string {
	if csp == "" {
		return "no Content-Security-Policy meta tag"
	}
	dirs := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
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
	for _, s := range strings.Fields(script) {
		if s != "'self'" && !strings.HasPrefix(s, "'sha256-") {
			return fmt.Sprintf("CSP %q allows scripts from %s", csp, s)
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
// relative links inside the site, fragments, data: images on <img>, and
// http, https and mailto links on <a> (which the reader follows by choice).
func badURL(pagePath, elem, val string) string {
	// Browsers drop ASCII whitespace and control characters anywhere in a
	// scheme ("java\tscript:"), so compare without them.
	squeezed := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(val))
	switch {
	case squeezed == "" || strings.HasPrefix(squeezed, "#"):
		return ""
	case elem == "img" && strings.HasPrefix(squeezed, "data:image/"):
		return ""
	case strings.HasPrefix(squeezed, "//"), strings.HasPrefix(squeezed, `\`), strings.HasPrefix(squeezed, "/"):
		return "is not a relative link"
	case (elem == "a" || elem == "area") && (strings.HasPrefix(squeezed, "https://") || strings.HasPrefix(squeezed, "http://") ||
		strings.HasPrefix(squeezed, "mailto:")):
		// A link a reader follows by choice, as commentary may hold:
		// navigation, not a resource the page loads.
		return ""
	case schemeRE.MatchString(squeezed) && (elem == "a" || elem == "area"):
		return "has a scheme (" + otherProgram + ")"
	case schemeRE.MatchString(squeezed):
		return "has a scheme"
	}
	// Without a scheme, a browser reads the URL as a relative path even
	// where Go's parser refuses it (":" or "a:b/c" with a colon first).
	p := strings.TrimSpace(val)
	if u, err := url.Parse(p); err == nil {
		if u.Scheme != "" || u.Host != "" {
			return "has a scheme"
		}
		p = u.Path
	}
	target := path.Clean(path.Join(path.Dir(pagePath), p))
	if target == ".." || strings.HasPrefix(target, "../") {
		return "leaves the site"
	}
	return ""
}

// nodeText is the text content of a node.
func nodeText(n *html.Node) string {
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

// pageText is the text a reader sees: every text node outside <script>,
// <style> and <template>, one per line, plus attribute values a reader
// sees (title, alt, aria-label).
func pageText(data []byte) string {
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
