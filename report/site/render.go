package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"strings"
)

// cspPages is the Content-Security-Policy of the pages of the multi-file
// site: only the site's own scripts, style sheet and images. 'self' also
// matches the site's files when a page is opened from file://.
const cspPages = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"

// cspLive adds the polling of manifest.json in serve mode.
const cspLive = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'"

// renderPage renders one page of the multi-file site.
func renderPage(t *template.Template, b *builder, p *pageView, a *assetSet) ([]byte, error) {
	b.cur = p.Path
	p.Head = headView{CSP: cspPages, Style: relTo(p.Path, "assets/style.css"),
		Scripts: []string{relTo(p.Path, "assets/echarts.min.js"), relTo(p.Path, "assets/report.js")}}
	if a.live != nil {
		p.Head.CSP = cspLive
		p.Head.Scripts = append(p.Head.Scripts, relTo(p.Path, "assets/live.js"))
	}
	if a.logoPath != "" {
		p.Head.Logo = template.URL(relTo(p.Path, a.logoPath))
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "page", p); err != nil {
		return nil, fmt.Errorf("render site: %s: %w", p.Path, err)
	}
	return buf.Bytes(), nil
}

// singleView is what the "single" template renders: every page as a section.
type singleView struct {
	Site  *siteView
	Head  headView
	Nav   []navItem
	Pages []*pageView
}

// renderSingle renders the one-file site: every page a section, the style,
// ECharts and report.js inlined, and a CSP that allows exactly those inline
// scripts and style by their SHA-256.
func renderSingle(t *template.Template, b *builder, pages []*pageView, a *assetSet) ([]byte, error) {
	scripts := [][]byte{a.echarts, a.script}
	var hashes []string
	var inline []template.JS
	for _, s := range scripts {
		if bytes.Contains(bytes.ToLower(s), []byte("</script")) || bytes.Contains(s, []byte("<!--")) {
			return nil, errors.New("render site: a script contains </script or <!-- and cannot be inlined")
		}
		sum := sha256.Sum256(s)
		hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
		// The scripts are the site's own files, not data.
		inline = append(inline, template.JS(s))
	}
	if bytes.Contains(bytes.ToLower(a.style), []byte("</style")) {
		return nil, errors.New("render site: the style sheet contains </style and cannot be inlined")
	}
	ssum := sha256.Sum256(a.style)
	csp := "default-src 'none'; script-src " + strings.Join(hashes, " ") + "; style-src 'sha256-" +
		base64.StdEncoding.EncodeToString(ssum[:]) + "'; img-src data:; base-uri 'none'; form-action 'none'"
	v := &singleView{Site: b.site, Pages: pages,
		Head: headView{CSP: csp, InlineStyle: template.CSS(a.style), InlineScripts: inline}}
	if a.logoPath != "" {
		v.Head.Logo = template.URL("data:" + a.logoMIME + ";base64," + base64.StdEncoding.EncodeToString(a.logo))
	}
	if len(pages) > 0 {
		v.Nav = pages[0].Nav
		for i := range v.Nav {
			v.Nav[i].Current = false
		}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "single", v); err != nil {
		return nil, fmt.Errorf("render site: single file: %w", err)
	}
	return buf.Bytes(), nil
}
