package site

import "html/template"

// pageView is one page as the templates see it.
type pageView struct {
	Kind     string // overview, region, revenue, pipeline, forecast, activities, reps, changes, quality, definitions
	Path     string // e.g. "index.html", "regions/west-1a2b3c4d.html"
	ID       string // fragment id of the page's section in the single-file site
	Title    string // page heading
	Region   string // the region of a region page
	Colour   string // the region's colour on a region page
	Site     *siteView
	Nav      []navItem
	Head     headView
	Sections []*section
	Notes    []template.HTML
}

// siteView is what every page shows of the site as a whole.
type siteView struct {
	Title     string
	Period    string
	PrevName  string
	YearAgo   string
	AsOf      string
	BuildDate string
	Currency  string
	Single    bool
}

// headView holds the links a page's head needs, relative to the page.
type headView struct {
	CSP     string
	Style   string
	Scripts []string
	// Logo is a relative link, or a data: URL in the single file; built
	// here from our own checked image, never from user text.
	Logo template.URL
	// Inline assets of the single-file site.
	InlineStyle   template.CSS
	InlineScripts []template.JS
}

// navItem is one entry of the navigation.
type navItem struct {
	Label   string
	Href    string
	Current bool
	Region  bool // a region page (listed in the regions group)
	Colour  string
}

// section is a part of a page: a heading and its blocks, in this order.
type section struct {
	Title      string
	Intro      string
	KPIs       []kpiTile
	Highlights []string
	Charts     []*chartView
	Tables     []*tableView
	HTML       template.HTML // rendered Markdown (definitions)
	Empty      string        // shown when the section has no data
}

// kpiTile is one headline figure with its changes.
type kpiTile struct {
	Label   string
	Value   string
	Note    string
	Changes []kpiChange
}

// kpiChange is a tile's change against an earlier period.
type kpiChange struct {
	Label string // "vs FY2026-Q2"
	Value string // "+12.4%", "+3.1 pts", "n/a"
	Dir   string // "up", "down", "flat" or "" (undefined)
}
