package site

import (
	"fmt"
	"html/template"
	"path"
	"sort"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/slug"
)

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

// builder turns a review into page views.
type builder struct {
	rev       *report.Review
	opts      Options
	f         formatter
	colours   map[string]string
	regionURL map[string]string // region -> site path of its page
	site      *siteView
	csvs      []File
	csvSeen   map[string]bool
	reviewCSV map[string]bool // "<name>.csv" of the review's own tables
	ids       map[string]bool
	cur       string // path of the page being built
	window    []int  // indexes into rev.Quarters of the trend window
}

// trendQuarters is how many quarters trend charts show (ending with the review quarter).
const trendQuarters = 8

func newBuilder(rev *report.Review, opts Options) *builder {
	cur := rev.Currency
	b := &builder{
		rev:       rev,
		opts:      opts,
		f:         formatter{currency: cur},
		colours:   regionColours(rev.Regions, opts.RegionColours),
		regionURL: map[string]string{},
		csvSeen:   map[string]bool{},
		reviewCSV: map[string]bool{},
		ids:       map[string]bool{},
	}
	title := opts.Title
	if title == "" {
		title = "Sales review"
	}
	b.site = &siteView{Title: title, Period: rev.Period.Name, PrevName: rev.PrevPeriod.Name, YearAgo: rev.YearAgoPeriod.Name,
		AsOf: rev.AsOf.String(), BuildDate: opts.BuildDate, Currency: cur, Single: opts.SingleFile}
	for _, r := range rev.Regions {
		b.regionURL[r] = "regions/" + slug.Make(r) + ".html"
	}
	end := len(rev.Quarters) - 1
	for i, q := range rev.Quarters {
		if q.Name == rev.Period.Name {
			end = i
		}
	}
	for i := max(0, end-trendQuarters+1); i <= end && i < len(rev.Quarters); i++ {
		b.window = append(b.window, i)
	}
	return b
}

// link returns the href from the current page to the site path to: a
// relative link, or in the single-file site a fragment (pages) or "" (files
// that exist only in the multi-file site).
func (b *builder) link(to string) string {
	if b.opts.SingleFile {
		if strings.HasSuffix(to, ".html") {
			return "#" + pageID(to)
		}
		return ""
	}
	return relTo(b.cur, to)
}

// regionLink is a table cell naming a region and linking to its page.
func (b *builder) regionLink(r string) cell {
	if u, ok := b.regionURL[r]; ok {
		return link(r, b.link(u))
	}
	return txt(r)
}

// colour returns a region's colour.
func (b *builder) colour(r string) string { return b.colours[r] }

// pageKey is the stable key of a page path, used in chart ids and CSV names.
func pageKey(p string) string {
	p = strings.TrimSuffix(p, path.Ext(p))
	if p == "index" {
		return "overview"
	}
	return strings.ReplaceAll(p, "/", "-")
}

// chart turns a spec into a view: the island JSON, the table under the
// chart and the CSV with every row.
func (b *builder) chart(s chartSpec) (*chartView, error) {
	name := pageKey(b.cur) + "-" + idPart(s.Name)
	id := "chart-" + name
	if b.ids[id] {
		return nil, fmt.Errorf("render site: chart id %q used twice", id)
	}
	b.ids[id] = true
	opt, format, err := buildOption(&s)
	if err != nil {
		return nil, fmt.Errorf("render site: %s: %w", b.cur, err)
	}
	js, err := marshalIsland(island{Option: opt, Format: format, Currency: b.rev.Currency})
	if err != nil {
		return nil, fmt.Errorf("render site: %s: chart %q: %w", b.cur, s.Name, err)
	}
	csvPath := b.addCSV(name, s.Data)
	tv := b.f.view(s.Data, s.Title, 0)
	tv.CSV = b.link(csvPath)
	tv.InChart = true
	return &chartView{ID: id, Title: s.Title, Label: s.Label, Tall: s.Tall, JSON: js, CSV: b.link(csvPath), Table: tv}, nil
}

// table turns a data table into a page table with its CSV.
func (b *builder) table(name, caption string, t *dataTable, sortable bool, limit int) *tableView {
	csvPath := b.addCSV(pageKey(b.cur)+"-"+idPart(name), t)
	tv := b.f.view(t, caption, limit)
	tv.CSV = b.link(csvPath)
	tv.Sortable = sortable
	return tv
}

// listTable is like table, but links the review's own CSV table of that
// name (data/<name>.csv, every row, the machine-readable contract) instead
// of writing another copy; without such a table it writes its own.
func (b *builder) listTable(reviewTable, name, caption string, t *dataTable, sortable bool, limit int) *tableView {
	if !b.reviewCSV[reviewTable+".csv"] {
		return b.table(name, caption, t, sortable, limit)
	}
	tv := b.f.view(t, caption, limit)
	tv.CSV = b.link("data/" + reviewTable + ".csv")
	tv.Sortable = sortable
	return tv
}

// listed returns how many of a list's n rows its page needs formatted: when
// data/<reviewTable>.csv carries every row, only those the page shows
// (limit as for listTable, 0 meaning maxRows); else all of them, for the
// page's own CSV. The caller sets the dataTable's Total to n, so that the
// caption still says how many there are: a million past-due deals or
// changed deals are not formatted for fifty rows.
func (b *builder) listed(reviewTable string, n, limit int) int {
	if !b.reviewCSV[reviewTable+".csv"] {
		return n
	}
	if limit <= 0 {
		limit = maxRows
	}
	return min(n, limit)
}

// addCSV stores a table as data/<name>.csv and returns its site path.
func (b *builder) addCSV(name string, t *dataTable) string {
	p := "data/" + name + ".csv"
	if !b.csvSeen[p] {
		b.csvSeen[p] = true
		b.csvs = append(b.csvs, File{Path: p, Data: t.csv(b.rev.Currency)})
	}
	return p
}

// idPart is the readable slug of a name, never empty: used in ids.
func idPart(name string) string {
	if s := slug.Readable(name); s != "" {
		return s
	}
	return slug.Hash(name)
}

// pages builds every page, in navigation order.
func (b *builder) pages() ([]*pageView, error) {
	type def struct {
		kind, path, title string
		build             func(p *pageView) error
	}
	defs := []def{{"overview", "index.html", "Overview", b.overview}}
	for _, r := range b.rev.Regions {
		r := r
		defs = append(defs, def{"region", b.regionURL[r], r, func(p *pageView) error { return b.region(p, r) }})
	}
	defs = append(defs,
		def{"revenue", "revenue.html", "Revenue", b.revenue},
		def{"pipeline", "pipeline.html", "Pipeline", b.pipeline},
		def{"forecast", "forecast.html", "Forecast", b.forecast},
		def{"activities", "activities.html", "Activities", b.activities},
		def{"reps", "reps.html", "Reps", b.reps},
	)
	if b.rev.Changes != nil {
		defs = append(defs, def{"changes", "changes.html", "Changes", b.changes})
	}
	defs = append(defs,
		def{"quality", "quality.html", "Data quality", b.quality},
		def{"definitions", "definitions.html", "Definitions", b.definitions},
	)
	var pages []*pageView
	for _, d := range defs {
		b.cur = d.path
		p := &pageView{Kind: d.kind, Path: d.path, ID: pageID(d.path), Title: d.title, Site: b.site}
		if d.kind == "region" {
			p.Region = d.title
			p.Colour = b.colour(d.title)
		}
		for _, n := range defs {
			p.Nav = append(p.Nav, navItem{Label: n.title, Href: b.link(n.path), Current: n.path == d.path,
				Region: n.kind == "region", Colour: b.colourIf(n.kind == "region", n.title)})
		}
		p.Notes = b.notesFor(d.kind, p.Region)
		if err := d.build(p); err != nil {
			return nil, err
		}
		pages = append(pages, p)
	}
	return pages, nil
}

func (b *builder) colourIf(ok bool, r string) string {
	if ok {
		return b.colour(r)
	}
	return ""
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
