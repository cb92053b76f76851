package site

import (
	"html/template"
	"sort"
	"strings"

	"github.com/salesreview/salesreview/report"
)

// pageKind is one kind of page of the site.
type pageKind struct {
	// Kind names the page's template block (templates/<kind>.html, reached
	// from the "body" block of layout.html) and the page a commentary file
	// asks for (page: <kind>).
	Kind  string
	Path  string // site path; "" for the region pages (regions/<slug>.html)
	Title string // navigation label; "" for the region pages (the region's name)
	// build fills the page's title and sections (page_<kind>.go).
	build func(b *builder, p *pageView) error
	// shown says whether the review has the page; nil means always.
	shown func(rev *report.Review) bool
}

// sitePages lists every kind of page in navigation order; the region kind
// stands for one page per region. To add a page, add a line here, its
// builder in page_<kind>.go and its block in templates/<kind>.html with a
// line in layout.html's "body".
var sitePages = []pageKind{
	{Kind: "overview", Path: "index.html", Title: "Overview", build: (*builder).overview},
	{Kind: "region", build: (*builder).region},
	{Kind: "outlook", Path: "outlook.html", Title: "Outlook", build: (*builder).outlook},
	{Kind: "revenue", Path: "revenue.html", Title: "Revenue", build: (*builder).revenue},
	{Kind: "pipeline", Path: "pipeline.html", Title: "Pipeline", build: (*builder).pipeline},
	{Kind: "forecast", Path: "forecast.html", Title: "Forecast", build: (*builder).forecast},
	{Kind: "activities", Path: "activities.html", Title: "Activities", build: (*builder).activities},
	{Kind: "reps", Path: "reps.html", Title: "Reps", build: (*builder).reps},
	{Kind: "changes", Path: "changes.html", Title: "Changes", build: (*builder).changes,
		shown: func(rev *report.Review) bool { return rev.Changes != nil }},
	{Kind: "quality", Path: "quality.html", Title: "Data quality", build: (*builder).quality},
	{Kind: "definitions", Path: "definitions.html", Title: "Definitions", build: (*builder).definitions},
}

// pageKindNames lists the kinds of page in navigation order, for messages:
// "overview, region, ... or definitions".
func pageKindNames() string {
	names := make([]string, len(sitePages))
	for i, k := range sitePages {
		names[i] = k.Kind
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// isPageKind reports whether kind names a kind of page.
func isPageKind(kind string) bool {
	for _, k := range sitePages {
		if k.Kind == kind {
			return true
		}
	}
	return false
}

// page is a page to build: its kind and its view.
type page struct {
	kind *pageKind
	view *pageView
}

// pages builds every page, in navigation order.
func (b *builder) pages() ([]*pageView, error) {
	list := b.pageList()
	var out []*pageView
	for _, pg := range list {
		p := pg.view
		b.cur = p.Path
		p.Nav = b.nav(list, p.Path)
		p.Notes = b.notesFor(p.Kind, p.Region)
		if err := pg.kind.build(b, p); err != nil {
			return nil, err
		}
		if b.err != nil {
			return nil, b.err
		}
		out = append(out, p)
	}
	return out, nil
}

// pageList lists the pages the review has, each with its path and title.
func (b *builder) pageList() []page {
	var out []page
	for i := range sitePages {
		k := &sitePages[i]
		if k.shown != nil && !k.shown(b.rev) {
			continue
		}
		if k.Kind != "region" {
			out = append(out, page{k, &pageView{Kind: k.Kind, Path: k.Path, ID: pageID(k.Path), Title: k.Title, Site: b.site}})
			continue
		}
		for _, r := range b.rev.Regions {
			p := b.regionURL[r]
			out = append(out, page{k, &pageView{Kind: k.Kind, Path: p, ID: pageID(p), Title: r, Site: b.site, Region: r,
				Colour: b.colour(r)}})
		}
	}
	return out
}

// nav is the navigation of the page at path cur.
func (b *builder) nav(list []page, cur string) []navItem {
	out := make([]navItem, len(list))
	for i, n := range list {
		v := n.view
		out[i] = navItem{Label: n.kind.Title, Href: b.link(v.Path), Current: v.Path == cur}
		if n.kind.Kind == "region" {
			out[i].Label, out[i].Region, out[i].Colour = v.Region, true, v.Colour
		}
	}
	return out
}

// notesFor returns the commentary of a page (and region), in file order.
func (b *builder) notesFor(kind, region string) []template.HTML {
	var out []template.HTML
	notes := append([]Note(nil), b.opts.Commentary...)
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].File < notes[j].File })
	for _, n := range notes {
		if n.Page == kind && n.Region == region {
			out = append(out, n.HTML)
		}
	}
	return out
}
