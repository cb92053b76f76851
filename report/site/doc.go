// Package site turns a computed review (report.Review) into the static HTML
// site of salesreview: one page per view (overview, one per region, outlook, revenue,
// pipeline, forecast, activities, reps, changes, data quality, definitions),
// ECharts graphs, Markdown commentary, metrics.json, CSV tables and a
// manifest; and writes it to a folder atomically.
//
// It is the only package that imports html/template, go-echarts and
// goldmark.
//
// # API
//
//	notes, warnings, err := site.LoadCommentary(dir, rev) // Markdown commentary
//	made, err := site.Render(rev, site.Options{...})      // made.Files: every file, in memory, sorted by path; made.Pages
//	err = site.Write(ctx, outDir, made.Files, force)      // temp folder, sync, rename; stops when ctx ends
//
// With Options.SingleFile, Render returns one file (SingleFileName): a
// self-contained page that can be mailed; write it with WriteSingle.
//
// # Files
//
//	site.go            Options, File, Render: every file of the site, in memory
//	pages.go           sitePages, the kinds of page in navigation order; nav, notes
//	page_<kind>.go     one builder per kind of page: overview, region, outlook,
//	                   revenue, pipeline, forecast, activities, reps, changes,
//	                   quality, definitions; each fills the sections of a
//	                   pageView (page_capacity.go: the Reps page's capacity plan)
//	builder.go         the builder: links, region colours and columns, addChart,
//	                   table and listTable (a page table and its CSV)
//	tiles.go           KPI tiles and the words of a change ("up 12.4% on")
//	table.go           dataTable: columns (Label, Kind, Key, Colour) and cells;
//	                   formatted for a page, unrounded in its CSV
//	chart.go           chartSpec -> the ECharts option of a data island, one
//	                   function per kind of chart
//	format.go          how figures read: money, percent, times, days, n/a
//	view.go            the view models the templates see
//	render.go          pages and the single file through html/template, the CSP
//	commentary.go      the commentary folder, front matter, placement
//	placeholders.go    {{ bookings "West" }}: text/template with a FuncMap
//	markdown.go        goldmark, link and image rules of commentary
//	write.go           the atomic write of the folder or the single file
//
// # Adding a page
//
// Add a line to sitePages (kind, path, navigation title, builder, and when
// the review has the page), write the builder in page_<kind>.go as
// func (b *builder) <kind>(p *pageView) error, which sets p.Sections (and
// p.Title to change the heading), add templates/<kind>.html defining the
// block <kind> (usually {{template "sections" .}}) and its line in the
// "body" block of layout.html. Commentary may then name the page
// (page: <kind>). Add its golden page to TestGolden.
//
// # Adding a chart
//
// Build a dataTable whose first column holds the categories, then
//
//	b.addChart(section, chartSpec{Name: "bookings-trend", Title: ..., Label: ...,
//		Kind: lineChart, Data: t, Series: []string{regionsKey}})
//
// Series names the value columns by label ("Bookings, all history"), or by
// Key where the label changes with the data: b.bookingsColumn() is named
// "bookings", and b.regionColumns(kind) gives one column per region, in its
// colour, all named regionsKey. The chart's table (under it) and its CSV
// (data/<page>-<name>.csv) come from the same dataTable; a chart error ends
// the build with the page and chart named. report.js applies formatters by
// the name of the first series' column kind (islandFormat), never code from
// the data.
//
// # Templates
//
// Options.Templates is the templates folder: layout.html defines the blocks
// "page" (a page of the multi-file site), "single" (the one-file site),
// "head", "header", "nav", "footer", "body" (the page heading and the
// dispatch to the page's own block), "sections", "section", "notes",
// "kpis", "chart" and "table"; each page kind has its own file defining one
// block named after it ("overview", "region", "outlook", "revenue", "pipeline",
// "forecast", "activities", "reps", "changes", "quality", "definitions").
// definitions.md is the text of the Definitions page (a copy of
// docs/metrics.md; a test keeps them equal). assets/ holds report.js,
// style.css, live.js and echarts.min.js (copied by `make assets`).
// Files of Options.Override are parsed after the defaults, so a file there
// that redefines one block replaces just that block.
//
// # Safety
//
// Every user string (names of regions, accounts, reps, stages; commentary)
// reaches a page through html/template's contextual escaping. Chart options
// are built with go-echarts' typed option structs, but marshalled here with
// encoding/json (which escapes <, > and &) into
// <script type="application/json" id="chart-..."> data islands; go-echarts'
// page and snippet renderers, which insert JSON unescaped and turn "__f__"
// strings into JavaScript, are never used. The only scripts a page loads are
// the site's own files (assets/echarts.min.js, assets/report.js and, in serve
// mode, assets/live.js); report.js finds the islands, applies formatters
// chosen by name from a fixed list, and draws the charts. Each page carries a
// Content-Security-Policy meta tag allowing only those files ('self'), which
// also holds from file://. File names of region pages are slugs plus a hash
// of the name (report/slug), never raw names.
//
// # Determinism
//
// The same review and options give byte-identical files: maps are iterated in
// sorted order, sorts end on a unique key, and the only date on a page is
// Options.BuildDate.
package site
