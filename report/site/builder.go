package site

import (
	"fmt"
	"path"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/slug"
)

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
	err       error  // the first error of addChart
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
	b.site = &siteView{Title: title, Period: rev.Period.Name, PrevName: rev.PrevPeriod.Name,
		YearAgo: rev.YearAgoPeriod.Name,
		AsOf:    rev.AsOf.String(), BuildDate: opts.BuildDate, Currency: cur, Single: opts.SingleFile}
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

// regionColumns are one column per region of the review, in region order,
// each in its region's colour; a chart names them all regionsKey.
func (b *builder) regionColumns(kind colKind) []column {
	out := make([]column, len(b.rev.Regions))
	for i, r := range b.rev.Regions {
		out[i] = column{Label: r, Kind: kind, Key: regionsKey, Colour: b.colour(r)}
	}
	return out
}

// bookingsColumn is the column of bookings in the review quarter, which
// charts name "bookings".
func (b *builder) bookingsColumn() column {
	return column{Label: "Bookings " + b.rev.Period.Name, Kind: moneyCol, Key: "bookings"}
}

// regionColourList lists the colours of regions, aligned with them.
func (b *builder) regionColourList(regions []string) []string {
	out := make([]string, len(regions))
	for i, r := range regions {
		out[i] = b.colour(r)
	}
	return out
}

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
	return &chartView{ID: id, Title: s.Title, Label: s.Label, Note: s.Note, Tall: s.Tall, JSON: js, CSV: b.link(csvPath), Table: tv}, nil
}

// addChart adds the chart of spec to section s; the first error is kept in
// b.err (and ends the build after the page), so that a page builds its
// sections without checking each chart.
func (b *builder) addChart(s *section, spec chartSpec) {
	if b.err != nil {
		return
	}
	v, err := b.chart(spec)
	if err != nil {
		b.err = err
		return
	}
	s.Charts = append(s.Charts, v)
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
