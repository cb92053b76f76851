package site

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/slug"
)

// Note is one commentary file, rendered: where it goes and its HTML.
type Note struct {
	File   string // path of the Markdown file
	Page   string // the page kind: overview, region, revenue, pipeline, forecast, activities, reps, changes, quality, definitions
	Region string // the region of a region note
	Period string // the period named in the front matter, or ""
	// HTML is goldmark's safe rendering (raw HTML omitted, dangerous URLs
	// dropped) of the Markdown with its placeholders filled in.
	HTML template.HTML
}

// Limits of a commentary folder.
const (
	MaxCommentaryBytes      = 256 << 10 // per file
	MaxCommentaryFiles      = 1000
	MaxCommentaryImageBytes = 2 << 20 // per image a note shows
)

// frontMatter is the YAML head of a commentary file.
type frontMatter struct {
	Page   string `yaml:"page"`
	Region string `yaml:"region"`
	Period string `yaml:"period"`
}

// LoadCommentary reads the Markdown files (*.md) of dir, sorted by name.
// Each may start with front matter between "---" lines:
//
//	---
//	page: region        # overview (default), region, revenue, pipeline, ...
//	region: West        # for page: region (page may then be left out)
//	period: FY2026-Q3   # optional: show only when this is the review period
//	---
//
// Placeholders quote computed figures formatted as the pages format them:
// {{ bookings }}, {{ bookings "West" }}, {{ growth "West" "qoq" }},
// {{ growth "yoy" }}, {{ winrate }}, {{ attainment "West" }}, and likewise
// coverage, required_coverage, target, arr, pipeline, weighted_pipeline,
// activities, won_deals; and {{ period }}, {{ previous_period }},
// {{ year_ago_period }}, {{ current_period }}, {{ as_of }}. Figures are
// those of the review quarter, except coverage and required_coverage: they
// are of the current quarter ({{ current_period }}, the first quarter not
// complete on the as-of date), since a complete quarter has no coverage.
// An unknown placeholder, an unknown
// region in a placeholder, bad front matter, a remote image (it would load
// from the network when the page is viewed), a link with a scheme other
// than http, https or mailto (it would hand the click to another program),
// a local image that cannot be embedded (see embedImage) or a file over
// MaxCommentaryBytes is an error naming the file and line. Local images
// are embedded in the page as data: URLs. A note for a
// region or period absent from the data is a warning, and the note is left
// out; so is a note for another period than the review's.
func LoadCommentary(dir string, rev *report.Review) ([]Note, []report.Problem, error) {
	if rev == nil {
		return nil, nil, errors.New("commentary: no review")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("commentary: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".md") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) > MaxCommentaryFiles {
		return nil, nil, fmt.Errorf("commentary: %s: %d Markdown files, more than the limit of %d", dir, len(names), MaxCommentaryFiles)
	}
	var notes []Note
	var warns []report.Problem
	var errs report.Problems
	for _, n := range names {
		p := filepath.Join(dir, n)
		src, err := readCapped(p, MaxCommentaryBytes)
		if err != nil {
			errs = append(errs, report.Problem{Pos: report.Position{File: p}, Severity: report.Error, Msg: err.Error()})
			continue
		}
		note, w, perrs := parseNote(p, src, rev)
		warns = append(warns, w...)
		errs = append(errs, perrs...)
		if note != nil && len(perrs) == 0 {
			notes = append(notes, *note)
		}
	}
	if len(errs) > 0 {
		report.SortProblems(errs)
		return nil, warns, errs
	}
	report.SortProblems(warns)
	return notes, warns, nil
}

// readCapped reads a file of at most limit bytes.
func readCapped(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("larger than the limit of %d KiB for a commentary file", limit>>10)
	}
	return b, nil
}

// embedImage reads the image a note names by a path relative to its folder
// dir and returns it as a data: URL, so that the page shows it offline,
// from any folder and in the single file. Only PNG, JPEG, GIF and WebP
// files inside dir (after following symbolic links) of at most
// MaxCommentaryImageBytes are taken.
func embedImage(dir, dest string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", errors.New("is not a path relative to the commentary folder")
	}
	rel := filepath.FromSlash(u.Path)
	if !filepath.IsLocal(rel) {
		return "", errors.New("is outside the commentary folder")
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("cannot be read: %w", err)
	}
	real, err := filepath.EvalSymlinks(filepath.Join(dir, rel))
	if errors.Is(err, fs.ErrNotExist) {
		return "", errors.New("is not in the commentary folder")
	}
	if err != nil {
		return "", fmt.Errorf("cannot be read: %w", err)
	}
	if r, err := filepath.Rel(realDir, real); err != nil || !filepath.IsLocal(r) {
		return "", errors.New("is outside the commentary folder (through a symbolic link)")
	}
	st, err := os.Stat(real)
	if err != nil || !st.Mode().IsRegular() {
		return "", errors.New("is not a file")
	}
	if st.Size() > MaxCommentaryImageBytes {
		return "", fmt.Errorf("is larger than the limit of %d MiB for an image", MaxCommentaryImageBytes>>20)
	}
	data, err := readCapped(real, MaxCommentaryImageBytes)
	if err != nil {
		return "", fmt.Errorf("cannot be read: %w", err)
	}
	ext, mime, err := sniffImage(data)
	if err != nil || ext == "svg" {
		return "", errors.New("is not a PNG, JPEG, GIF or WebP image")
	}
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data), nil
}

// parseNote parses one commentary file. file is used in messages.
func parseNote(file string, src []byte, rev *report.Review) (*Note, []report.Problem, report.Problems) {
	errAt := func(line int, format string, a ...any) report.Problems {
		return report.Problems{{Pos: report.Position{File: file, Row: line}, Severity: report.Error, Msg: fmt.Sprintf(format, a...)}}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	var fm frontMatter
	body, firstLine := src, 1
	if bytes.HasPrefix(src, []byte("---\n")) {
		rest := src[4:]
		end := bytes.Index(rest, []byte("\n---"))
		if end < 0 && bytes.HasPrefix(rest, []byte("---")) {
			end = -1 // empty front matter "---\n---"
			rest = append([]byte("\n"), rest...)
			end = 0
		}
		if end < 0 {
			return nil, nil, errAt(1, "front matter is not closed by a --- line")
		}
		head := rest[:end]
		after := rest[end+4:]
		if i := bytes.IndexByte(after, '\n'); i >= 0 {
			if strings.TrimSpace(string(after[:i])) != "" {
				return nil, nil, errAt(2+bytes.Count(head, []byte("\n")), "front matter must end with a line of three dashes")
			}
			after = after[i+1:]
		} else {
			after = nil
		}
		dec := yaml.NewDecoder(bytes.NewReader(head))
		dec.KnownFields(true)
		if err := dec.Decode(&fm); err != nil && !errors.Is(err, io.EOF) {
			return nil, nil, errAt(2+yamlLine(err), "front matter: %s", yamlMessage(err))
		}
		firstLine = 1 + 1 + bytes.Count(head, []byte("\n")) + 1 + 1
		if len(head) == 0 {
			firstLine = 3
		}
		body = after
	}
	fm.Page = strings.ToLower(strings.TrimSpace(fm.Page))
	if fm.Page == "" {
		fm.Page = "overview"
		if fm.Region != "" {
			fm.Page = "region"
		}
	}
	if !isPageKind(fm.Page) {
		return nil, nil, errAt(1, "front matter: unknown page %q (want %s)", fm.Page, pageKindNames())
	}
	if fm.Page == "region" && fm.Region == "" {
		return nil, nil, errAt(1, "front matter: page: region needs a region")
	}
	if fm.Page != "region" && fm.Region != "" {
		return nil, nil, errAt(1, "front matter: region is only for page: region")
	}
	var warns []report.Problem
	warn := func(format string, a ...any) {
		warns = append(warns, report.Problem{Pos: report.Position{File: file, Row: 1}, Severity: report.Warning, Msg: fmt.Sprintf(format, a...)})
	}
	show := true
	if fm.Region != "" && rev.Scope(fm.Region) == nil {
		warn("region %q is not in the data; the note is not shown", fm.Region)
		show = false
	}
	if fm.Period != "" {
		known := false
		for _, q := range rev.Quarters {
			if q.Name == fm.Period {
				known = true
			}
		}
		switch {
		case !known:
			warn("period %q is not in the data; the note is not shown", fm.Period)
			show = false
		case fm.Period != rev.Period.Name:
			warn("period %q is not the review period %s; the note is not shown", fm.Period, rev.Period.Name)
			show = false
		}
	}
	filled, perrs := fillPlaceholders(file, firstLine, body, rev)
	if len(perrs) > 0 {
		return nil, warns, perrs
	}
	html, ierrs := renderMarkdown(file, firstLine, filled)
	if len(ierrs) > 0 {
		return nil, warns, ierrs
	}
	if !show {
		return nil, warns, nil
	}
	return &Note{File: file, Page: fm.Page, Region: fm.Region, Period: fm.Period, HTML: html}, warns, nil
}

var yamlLinePat = regexp.MustCompile(`line (\d+)`)

// yamlLine returns the 0-based line a YAML error names, or 0.
func yamlLine(err error) int {
	if m := yamlLinePat.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return max(0, n-1)
	}
	return 0
}

// yamlMessage strips the "yaml: " prefixes of a YAML error.
func yamlMessage(err error) string {
	s := strings.ReplaceAll(err.Error(), "yaml: unmarshal errors:\n  ", "")
	return strings.TrimPrefix(s, "yaml: ")
}

// placeholderPat finds {{ ... }} on one line.
var placeholderPat = regexp.MustCompile(`\{\{(.*?)\}\}`)

// fillPlaceholders replaces every placeholder of body; firstLine is the
// file line of body's first line.
func fillPlaceholders(file string, firstLine int, body []byte, rev *report.Review) ([]byte, report.Problems) {
	var errs report.Problems
	f := formatter{currency: rev.Currency}
	lines := bytes.Split(body, []byte("\n"))
	for i, line := range lines {
		ln := firstLine + i
		if !bytes.Contains(line, []byte("{{")) && !bytes.Contains(line, []byte("}}")) {
			continue
		}
		out := placeholderPat.ReplaceAllFunc(line, func(m []byte) []byte {
			v, err := placeholderValue(string(m[2:len(m)-2]), rev, f)
			if err != nil {
				errs = append(errs, report.Problem{Pos: report.Position{File: file, Row: ln}, Severity: report.Error,
					Msg: fmt.Sprintf("%s in %s", err, m)})
				return m
			}
			return []byte(v)
		})
		rest := placeholderPat.ReplaceAll(line, nil)
		if bytes.Contains(rest, []byte("{{")) || bytes.Contains(rest, []byte("}}")) {
			errs = append(errs, report.Problem{Pos: report.Position{File: file, Row: ln}, Severity: report.Error,
				Msg: "unbalanced {{ or }}: a placeholder must open and close on one line"})
		}
		lines[i] = out
	}
	return bytes.Join(lines, []byte("\n")), errs
}

// placeholderNames lists the placeholders, for error messages.
const placeholderNames = "bookings, growth, winrate, attainment, coverage, required_coverage, target, arr, pipeline, weighted_pipeline, activities, won_deals, period, previous_period, year_ago_period, current_period, as_of"

// placeholderValue evaluates one placeholder's inner text.
func placeholderValue(inner string, rev *report.Review, f formatter) (string, error) {
	words, err := splitArgs(inner)
	if err != nil {
		return "", err
	}
	if len(words) == 0 {
		return "", errors.New("empty placeholder")
	}
	name, args := words[0].text, words[1:]
	if words[0].quoted {
		return "", fmt.Errorf("a placeholder starts with a name (%s)", placeholderNames)
	}
	for _, a := range args {
		if !a.quoted {
			return "", fmt.Errorf("argument %s must be in double quotes", a.text)
		}
	}
	switch name {
	case "period", "previous_period", "year_ago_period", "current_period", "as_of":
		if len(args) != 0 {
			return "", fmt.Errorf("%s takes no arguments", name)
		}
		switch name {
		case "period":
			return rev.Period.Name, nil
		case "previous_period":
			return rev.PrevPeriod.Name, nil
		case "year_ago_period":
			return rev.YearAgoPeriod.Name, nil
		case "current_period":
			return rev.CurrentPeriod.Name, nil
		}
		return rev.AsOf.String(), nil
	}
	scopeOf := func(region string) (*report.Scope, error) {
		if region == "" {
			return &rev.Total, nil
		}
		s := rev.Scope(region)
		if s == nil {
			return nil, fmt.Errorf("unknown region %q", region)
		}
		return s, nil
	}
	if name == "growth" {
		var region, kind string
		switch len(args) {
		case 1:
			kind = args[0].text
		case 2:
			region, kind = args[0].text, args[1].text
		default:
			return "", errors.New(`growth takes an optional region and "qoq" or "yoy"`)
		}
		s, err := scopeOf(region)
		if err != nil {
			return "", err
		}
		switch strings.ToLower(kind) {
		case "qoq":
			return signedPercent(ratioPtr(s.KPIs.Current.GrowthQoQ)), nil
		case "yoy":
			return signedPercent(ratioPtr(s.KPIs.Current.GrowthYoY)), nil
		}
		return "", fmt.Errorf(`growth kind %q is not "qoq" or "yoy"`, kind)
	}
	region := ""
	switch len(args) {
	case 0:
	case 1:
		region = args[0].text
	default:
		return "", fmt.Errorf("%s takes at most one argument, a region", name)
	}
	var s *report.Scope
	get := func() (*report.KPI, error) {
		var err error
		s, err = scopeOf(region)
		if err != nil {
			return nil, err
		}
		return &s.KPIs.Current, nil
	}
	switch name {
	case "bookings", "winrate", "attainment", "coverage", "required_coverage", "target", "arr", "pipeline", "weighted_pipeline", "activities", "won_deals":
	default:
		return "", fmt.Errorf("unknown placeholder %q (known: %s)", name, placeholderNames)
	}
	k, err := get()
	if err != nil {
		return "", err
	}
	switch name {
	case "bookings":
		return f.money(k.Bookings), nil
	case "winrate":
		return percent(ratioPtr(k.WinRate)), nil
	case "attainment":
		return percent(ratioPtr(k.Attainment)), nil
	case "coverage": // the current quarter's, as the tiles show it
		return coverageText(s.Coverage), nil
	case "required_coverage":
		return times(ratioPtr(s.Coverage.Required)), nil
	case "target":
		if !k.HasTarget {
			return NA, nil
		}
		return f.money(k.Target), nil
	case "arr":
		return f.moneyFloat(k.ARR), nil
	case "pipeline":
		return f.money(s.OpenPipeline), nil
	case "weighted_pipeline":
		return f.moneyFloat(s.WeightedPipeline), nil
	case "activities":
		return number(k.Activities.Total), nil
	}
	return number(k.WonDeals), nil // won_deals
}

// arg is one word of a placeholder: a bare name or a quoted string.
type arg struct {
	text   string
	quoted bool
}

// splitArgs splits a placeholder's inner text into words.
func splitArgs(s string) ([]arg, error) {
	var out []arg
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			return out, nil
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, errors.New("unclosed quote")
			}
			out = append(out, arg{text: s[1 : 1+end], quoted: true})
			s = s[2+end:]
			continue
		}
		end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
		if end < 0 {
			end = len(s)
		}
		w := s[:end]
		for _, r := range w {
			if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return nil, fmt.Errorf("unknown placeholder %q (known: %s)", strings.TrimSpace(s), placeholderNames)
			}
		}
		out = append(out, arg{text: w})
		s = s[end:]
	}
}

// remoteURLPat matches URLs with a scheme, and protocol-relative ones.
var remoteURLPat = regexp.MustCompile(`^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|[/\\]{2})`)

// linkAllowed reports whether a link target may be followed from a page:
// http, https, mailto, or relative (a path, ?query or #fragment). The
// target is read as browsers read it: tabs and line ends removed, leading
// and trailing control characters and spaces ignored, case ignored. A
// protocol-relative target (//host, \\host) is refused: from a file:// page
// it names a network share.
func linkAllowed(dest string) bool {
	d := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, dest)
	d = strings.ToLower(strings.TrimFunc(d, func(r rune) bool { return r <= ' ' }))
	// A path from the root ("/x") or a network path ("//host") leaves the
	// site: from file:// it is the disk's root, on a host the server's.
	if len(d) >= 1 && (d[0] == '/' || d[0] == '\\') {
		return false
	}
	scheme := schemePat.FindString(d)
	switch scheme {
	case "", "http:", "https:", "mailto:":
		return true
	}
	return false
}

// schemePat matches the scheme of a URL.
var schemePat = regexp.MustCompile(`^[a-z][a-z0-9+.\-]*:`)

// renderMarkdown renders body (GFM tables, strikethrough, footnotes; raw
// HTML off), checks its links and embeds its images.
func renderMarkdown(file string, firstLine int, body []byte) (template.HTML, report.Problems) {
	md := goldmark.New(goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.NewFootnote(extension.WithFootnoteIDPrefix("note-"+slug.Hash(file)+"-")),
	))
	doc := md.Parser().Parse(text.NewReader(body))
	var errs report.Problems
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var link string
		switch l := n.(type) {
		case *ast.Link:
			link = string(l.Destination)
		case *ast.AutoLink:
			if l.AutoLinkType == ast.AutoLinkURL {
				link = string(l.URL(body))
			}
		}
		if link != "" && !linkAllowed(link) {
			errs = append(errs, report.Problem{Pos: report.Position{File: file, Row: firstLine + lineOf(body, n, link)}, Severity: report.Error,
				Msg: fmt.Sprintf("link %q refused: links may be http, https, mailto or relative; another scheme would hand the click to another program", link)})
			return ast.WalkContinue, nil
		}
		img, ok := n.(*ast.Image)
		if !ok {
			return ast.WalkContinue, nil
		}
		dest := string(img.Destination)
		line := firstLine + lineOf(body, img, dest)
		lower := strings.ToLower(strings.TrimSpace(dest))
		switch {
		case strings.HasPrefix(lower, "data:image/"):
		case remoteURLPat.MatchString(lower) || strings.HasPrefix(lower, "/") || strings.HasPrefix(lower, `\`):
			errs = append(errs, report.Problem{Pos: report.Position{File: file, Row: line}, Severity: report.Error,
				Msg: fmt.Sprintf("image %q refused: a remote or absolute image would load from outside the site when the page is viewed; use a data: URL", dest)})
		default:
			data, err := embedImage(filepath.Dir(file), dest)
			if err != nil {
				errs = append(errs, report.Problem{Pos: report.Position{File: file, Row: line}, Severity: report.Error,
					Msg: fmt.Sprintf("image %q %v", dest, err)})
				break
			}
			img.Destination = []byte(data)
		}
		return ast.WalkContinue, nil
	})
	if len(errs) > 0 {
		return "", errs
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, body, doc); err != nil {
		return "", report.Problems{{Pos: report.Position{File: file}, Severity: report.Error, Msg: err.Error()}}
	}
	// goldmark runs in its safe mode (no WithUnsafe): raw HTML is omitted and
	// dangerous link targets are dropped, so its output is trusted HTML.
	return template.HTML(buf.String()), nil
}

// lineOf returns the 0-based line of body where an inline node's text sits:
// the first line of its block at or after which dest occurs.
func lineOf(body []byte, n ast.Node, dest string) int {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			start := p.Lines().At(0).Start
			off := start
			if i := bytes.Index(body[start:], []byte(dest)); i >= 0 {
				off = start + i
			}
			return bytes.Count(body[:off], []byte("\n"))
		}
	}
	return 0
}
