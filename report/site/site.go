package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/output"
)

// Options say how to render a review.
type Options struct {
	// Title is the site title shown on every page ("Sales review" when "").
	Title string
	// Logo is an optional PNG, JPEG, GIF, WebP or SVG image shown beside
	// the title; it is written to assets/logo.<ext>.
	Logo []byte
	// Templates holds the default templates: the repository's templates
	// folder as its root (*.html page templates, definitions.md and
	// assets/ with echarts.min.js, report.js, style.css and live.js). The
	// binary embeds it; pass fs.Sub(embedded, "templates").
	Templates fs.FS
	// Override is the user's --templates folder, or nil. Its *.html files
	// are parsed after the defaults, so a file that redefines one block
	// ({{define "footer"}}...{{end}}) replaces only that block; an
	// assets/style.css in it replaces the default style sheet.
	Override fs.FS
	// Commentary is the Markdown commentary, from LoadCommentary.
	Commentary []Note
	// BuildDate is the date shown in every footer (from --build-date or
	// SOURCE_DATE_EPOCH); the clock is never read. "" shows no date.
	BuildDate string
	// SingleFile makes Render return one self-contained HTML file
	// (SingleFileName) holding every page as a section, with ECharts, the
	// script and the style inlined.
	SingleFile bool
	// RegionColours maps a region to a CSS colour "#rrggbb" (or "#rgb");
	// regions not listed take colours from a fixed palette in region order.
	// A region keeps its colour on every page.
	RegionColours map[string]string
	// Inputs lists the input files and their SHA-256, for manifest.json.
	Inputs []report.InputFile
	// Live adds assets/live.js (serve mode): it polls manifest.json once a
	// second and reloads the page when the site was rebuilt.
	Live bool
}

// File is one output file: a slash-separated path relative to the site root
// and its bytes.
type File struct {
	Path string
	Data []byte
}

// Rendered is what Render made.
type Rendered struct {
	// Files is every file of the site, in memory, sorted by path: with
	// Options.SingleFile, the one file SingleFileName.
	Files []File
	// Pages lists the site paths of the pages, in the order of the
	// navigation; with Options.SingleFile each is a section of the one file.
	Pages []string
}

// SingleFileName is the Path of the one file Render returns with
// Options.SingleFile.
const SingleFileName = "review.html"

// Render builds every file of the site in memory, sorted by path: the pages,
// assets/ (echarts.min.js, report.js, style.css), data/*.csv (one CSV per
// chart with the numbers it draws, unrounded, plus the review's tables),
// metrics.json, manifest.json (SHA-256 of every output file and input) and
// the marker file. It reads nothing but opts.Templates and opts.Override.
func Render(rev *report.Review, opts Options) (Rendered, error) {
	if rev == nil {
		return Rendered{}, errors.New("render site: no review")
	}
	if opts.Templates == nil {
		return Rendered{}, errors.New("render site: no templates")
	}
	tmpl, err := parseTemplates(opts.Templates, opts.Override)
	if err != nil {
		return Rendered{}, err
	}
	assets, err := loadAssets(opts)
	if err != nil {
		return Rendered{}, err
	}
	b := newBuilder(rev, opts)
	var tables []output.Table
	if !opts.SingleFile {
		tables = output.Tables(rev)
		for _, t := range tables {
			b.reviewCSV[t.Name+".csv"] = true
		}
	}
	pages, err := b.pages()
	if err != nil {
		return Rendered{}, err
	}
	made := Rendered{Pages: make([]string, len(pages))}
	for i, p := range pages {
		made.Pages[i] = p.Path
	}
	if opts.SingleFile {
		data, err := renderSingle(tmpl, b, pages, assets)
		if err != nil {
			return Rendered{}, err
		}
		made.Files = []File{{Path: SingleFileName, Data: append([]byte(SingleFileMark), data...)}}
		return made, nil
	}

	made.Files, err = siteFiles(tmpl, b, pages, assets, tables)
	if err != nil {
		return Rendered{}, err
	}
	return made, nil
}

// siteFiles renders the pages of the multi-file site and gathers every file
// beside them: assets, chart CSVs, metrics.json, the review's tables, the
// marker and manifest.json.
func siteFiles(tmpl *template.Template, b *builder, pages []*pageView, assets *assetSet, tables []output.Table) ([]File, error) {
	out := newFileSet()
	for _, a := range assets.files() {
		out.add(a.Path, a.Data)
	}
	for _, p := range pages {
		data, err := renderPage(tmpl, b, p, assets)
		if err != nil {
			return nil, err
		}
		out.add(p.Path, data)
	}
	for _, c := range b.csvs {
		out.add(c.Path, c.Data)
	}
	metrics, err := output.MetricsJSON(b.rev)
	if err != nil {
		return nil, fmt.Errorf("render site: metrics.json: %w", err)
	}
	out.add("metrics.json", metrics)
	for _, t := range tables {
		out.add("data/"+t.Name+".csv", t.CSV())
	}
	out.add(MarkerFile, []byte(markerText))
	manifest, err := makeManifest(out.list(), b.opts)
	if err != nil {
		return nil, err
	}
	out.add("manifest.json", manifest)
	return out.list(), nil
}

// fileSet collects output files; a path added twice keeps the first data
// (so a chart CSV can never be replaced by a later one of the same name).
type fileSet struct {
	byPath map[string][]byte
}

func newFileSet() *fileSet { return &fileSet{byPath: map[string][]byte{}} }

func (s *fileSet) add(p string, data []byte) {
	if _, ok := s.byPath[p]; !ok {
		s.byPath[p] = data
	}
}

func (s *fileSet) list() []File {
	files := make([]File, 0, len(s.byPath))
	for p, d := range s.byPath {
		files = append(files, File{Path: p, Data: d})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}

// parseTemplates parses *.html of base, then of override.
func parseTemplates(base, override fs.FS) (*template.Template, error) {
	t := template.New("site").Funcs(templateFuncs)
	for _, src := range []struct {
		fsys fs.FS
		name string
	}{{base, "templates"}, {override, "--templates folder"}} {
		if src.fsys == nil {
			continue
		}
		names, err := fs.Glob(src.fsys, "*.html")
		if err != nil {
			return nil, fmt.Errorf("render site: %s: %w", src.name, err)
		}
		sort.Strings(names)
		for _, n := range names {
			text, err := fs.ReadFile(src.fsys, n)
			if err != nil {
				return nil, fmt.Errorf("render site: %s: %w", src.name, err)
			}
			if _, err := t.New(n).Parse(string(text)); err != nil {
				return nil, fmt.Errorf("render site: %s: %w", src.name, err)
			}
		}
	}
	for _, need := range []string{"page", "single"} {
		if t.Lookup(need) == nil {
			return nil, fmt.Errorf("render site: templates: no %q template defined", need)
		}
	}
	return t, nil
}

// templateFuncs are the few helpers templates may call.
var templateFuncs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
}

// assetSet holds the static files every site carries.
type assetSet struct {
	echarts, script, style, live []byte
	logo                         []byte
	logoPath                     string // "assets/logo.png", or ""
	logoMIME                     string
}

func (a *assetSet) files() []File {
	fs := []File{
		{Path: "assets/echarts.min.js", Data: a.echarts},
		{Path: "assets/report.js", Data: a.script},
		{Path: "assets/style.css", Data: a.style},
	}
	if a.live != nil {
		fs = append(fs, File{Path: "assets/live.js", Data: a.live})
	}
	if a.logoPath != "" {
		fs = append(fs, File{Path: a.logoPath, Data: a.logo})
	}
	return fs
}

// loadAssets reads the static files from the templates (style.css may be
// overridden) and checks the logo.
func loadAssets(opts Options) (*assetSet, error) {
	read := func(name string, overridable bool) ([]byte, error) {
		if overridable && opts.Override != nil {
			if b, err := fs.ReadFile(opts.Override, name); err == nil {
				return b, nil
			}
		}
		b, err := fs.ReadFile(opts.Templates, name)
		if err != nil {
			if name == "assets/echarts.min.js" {
				return nil, fmt.Errorf("render site: templates: %w (run `make assets` before building the binary)", err)
			}
			return nil, fmt.Errorf("render site: templates: %w", err)
		}
		return b, nil
	}
	a := &assetSet{}
	var err error
	if a.echarts, err = read("assets/echarts.min.js", false); err != nil {
		return nil, err
	}
	if a.script, err = read("assets/report.js", false); err != nil {
		return nil, err
	}
	if a.style, err = read("assets/style.css", true); err != nil {
		return nil, err
	}
	if opts.Live {
		if a.live, err = read("assets/live.js", false); err != nil {
			return nil, err
		}
	}
	if len(opts.Logo) > 0 {
		ext, mime, err := sniffImage(opts.Logo)
		if err != nil {
			return nil, fmt.Errorf("render site: logo: %w", err)
		}
		a.logo, a.logoPath, a.logoMIME = opts.Logo, "assets/logo."+ext, mime
	}
	return a, nil
}

// sniffImage returns the extension and MIME type of an image, or an error
// for anything else.
func sniffImage(b []byte) (ext, mime string, err error) {
	switch ct := http.DetectContentType(b); ct {
	case "image/png":
		return "png", ct, nil
	case "image/jpeg":
		return "jpg", ct, nil
	case "image/gif":
		return "gif", ct, nil
	case "image/webp":
		return "webp", ct, nil
	}
	head := bytes.TrimSpace(b[:min(len(b), 512)])
	if bytes.HasPrefix(head, []byte("<svg")) || bytes.HasPrefix(head, []byte("<?xml")) && bytes.Contains(b[:min(len(b), 2048)], []byte("<svg")) {
		return "svg", "image/svg+xml", nil
	}
	return "", "", errors.New("not a PNG, JPEG, GIF, WebP or SVG image")
}

// manifest is the content of manifest.json.
type manifest struct {
	Generator string         `json:"generator"`
	BuildDate string         `json:"build_date,omitempty"`
	Files     []manifestFile `json:"files"`
	Inputs    []manifestFile `json:"inputs"`
}

type manifestFile struct {
	Path   string `json:"path"`
	Bytes  int    `json:"bytes,omitempty"`
	SHA256 string `json:"sha256"`
}

// makeManifest lists every file and input with its SHA-256, sorted by path.
func makeManifest(files []File, opts Options) ([]byte, error) {
	m := manifest{Generator: "salesreview", BuildDate: opts.BuildDate, Files: []manifestFile{}, Inputs: []manifestFile{}}
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		m.Files = append(m.Files, manifestFile{Path: f.Path, Bytes: len(f.Data), SHA256: hex.EncodeToString(sum[:])})
	}
	for _, in := range opts.Inputs {
		m.Inputs = append(m.Inputs, manifestFile{Path: in.Path, SHA256: in.SHA256})
	}
	sort.SliceStable(m.Inputs, func(i, j int) bool {
		if m.Inputs[i].Path != m.Inputs[j].Path {
			return m.Inputs[i].Path < m.Inputs[j].Path
		}
		return m.Inputs[i].SHA256 < m.Inputs[j].SHA256
	})
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("render site: manifest.json: %w", err)
	}
	return append(b, '\n'), nil
}

// colourPat is the accepted form of a region colour.
var colourPat = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// palette colours regions without a configured colour, in region order.
var palette = []string{"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
	"#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#8cd17d"}

// unassignedColour is the grey of the Unassigned region.
const unassignedColour = "#9d9d9d"

// regionColours gives every region of the review one colour for all pages.
func regionColours(regions []string, configured map[string]string) map[string]string {
	out := make(map[string]string, len(regions))
	next := 0
	for _, r := range regions {
		if c, ok := configured[r]; ok && colourPat.MatchString(c) {
			out[r] = strings.ToLower(c)
			continue
		}
		if r == report.Unassigned {
			out[r] = unassignedColour
			continue
		}
		out[r] = palette[next%len(palette)]
		next++
	}
	return out
}

// relTo returns the relative link from the page at from to the site path to.
func relTo(from, to string) string {
	depth := strings.Count(from, "/")
	return strings.Repeat("../", depth) + to
}

// pageID turns a page path into a fragment id for the single-file site.
func pageID(p string) string {
	return "p-" + strings.NewReplacer("/", "-", ".", "-").Replace(strings.TrimSuffix(p, path.Ext(p)))
}
