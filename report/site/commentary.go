package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/userfile"
)

// Note is one commentary file, rendered: where it goes and its HTML.
type Note struct {
	File   string // path of the Markdown file
	Page   string // the page kind (sitePages): overview, region, revenue, pipeline, ...
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

// LoadCommentary reads the Markdown files (*.md) of dir, sorted by name,
// each only when it is a regular file inside dir after following links, of
// at most MaxCommentaryBytes (package userfile): a link to /etc/passwd, a
// FIFO or a device is an error naming the file.
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
	names, err := commentaryFiles(dir)
	if err != nil {
		return nil, nil, err
	}
	ph := newPlaceholders(rev)
	var notes []Note
	var warns []report.Problem
	var errs report.Problems
	total := 0
	for _, n := range names {
		p := filepath.Join(dir, n)
		src, err := userfile.Read(dir, n, MaxCommentaryBytes)
		if err != nil {
			errs = append(errs, report.Problem{Pos: report.Position{File: p}, Severity: report.Error, Msg: fileReason(err)})
			continue
		}
		if total += len(src); total > MaxCommentaryTotal {
			return nil, nil, fmt.Errorf("commentary: %s: more than %d MiB of Markdown in all with %s, "+
				"the limit of a commentary folder", dir, MaxCommentaryTotal>>20, n)
		}
		note, w, perrs := parseNote(p, src, rev, ph)
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

// commentaryFiles lists the names of the Markdown files of dir, sorted.
func commentaryFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("commentary: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".md") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) > MaxCommentaryFiles {
		return nil,
			fmt.Errorf("commentary: %s: %d Markdown files, more than the limit of %d", dir, len(names), MaxCommentaryFiles)
	}
	return names, nil
}

// fileReason says why a file could not be read, without its path (the
// problem names the file).
func fileReason(err error) string {
	var e *userfile.Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return err.Error()
}

// problemAt is an error of file at line.
func problemAt(file string, line int, format string, a ...any) report.Problem {
	return report.Problem{Pos: report.Position{File: file, Row: line}, Severity: report.Error,
		Msg: fmt.Sprintf(format, a...)}
}

// parseNote parses one commentary file. file is used in messages.
func parseNote(file string, src []byte, rev *report.Review, ph *placeholders) (
	*Note, []report.Problem, report.Problems) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	fm, body, firstLine, perr := splitFrontMatter(file, src)
	if perr != nil {
		return nil, nil, report.Problems{*perr}
	}
	if perr := fm.check(file); perr != nil {
		return nil, nil, report.Problems{*perr}
	}
	warns := fm.warnings(file, rev)
	filled, perrs := fillPlaceholders(file, firstLine, body, ph)
	if len(perrs) > 0 {
		return nil, warns, perrs
	}
	html, ierrs := renderMarkdown(file, firstLine, filled)
	if len(ierrs) > 0 {
		return nil, warns, ierrs
	}
	if len(warns) > 0 { // the note is for a region or period the review does not show
		return nil, warns, nil
	}
	return &Note{File: file, Page: fm.Page, Region: fm.Region, Period: fm.Period, HTML: html}, nil, nil
}

// splitFrontMatter parses the front matter of a commentary file, if any,
// and returns it with the body after it and the file line where the body
// starts.
func splitFrontMatter(file string, src []byte) (fm frontMatter, body []byte, firstLine int, perr *report.Problem) {
	fail := func(line int, format string, a ...any) (frontMatter, []byte, int, *report.Problem) {
		p := problemAt(file, line, format, a...)
		return frontMatter{}, nil, 0, &p
	}
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return fm, src, 1, nil
	}
	rest := src[4:]
	end := bytes.Index(rest, []byte("\n---"))
	if end < 0 && bytes.HasPrefix(rest, []byte("---")) { // empty front matter "---\n---"
		rest, end = append([]byte("\n"), rest...), 0
	}
	if end < 0 {
		return fail(1, "front matter is not closed by a --- line")
	}
	head, after := rest[:end], rest[end+4:]
	if i := bytes.IndexByte(after, '\n'); i < 0 {
		after = nil
	} else if strings.TrimSpace(string(after[:i])) != "" {
		return fail(2+bytes.Count(head, []byte("\n")), "front matter must end with a line of three dashes")
	} else {
		after = after[i+1:]
	}
	dec := yaml.NewDecoder(bytes.NewReader(head))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil && !errors.Is(err, io.EOF) {
		return fail(2+yamlLine(err), "front matter: %s", yamlMessage(err))
	}
	firstLine = 1 + 1 + bytes.Count(head, []byte("\n")) + 1 + 1
	if len(head) == 0 {
		firstLine = 3
	}
	return fm, after, firstLine, nil
}

// check completes the page of the front matter (overview by default,
// region when a region is named) and checks it.
func (fm *frontMatter) check(file string) *report.Problem {
	fm.Page = strings.ToLower(strings.TrimSpace(fm.Page))
	if fm.Page == "" {
		fm.Page = "overview"
		if fm.Region != "" {
			fm.Page = "region"
		}
	}
	var p report.Problem
	switch {
	case !isPageKind(fm.Page):
		p = problemAt(file, 1, "front matter: unknown page %q (want %s)", fm.Page, pageKindNames())
	case fm.Page == "region" && fm.Region == "":
		p = problemAt(file, 1, "front matter: page: region needs a region")
	case fm.Page != "region" && fm.Region != "":
		p = problemAt(file, 1, "front matter: region is only for page: region")
	default:
		return nil
	}
	return &p
}

// warnings say why a note is not shown: its region or period is not in
// the data, or its period is not the review's.
func (fm *frontMatter) warnings(file string, rev *report.Review) []report.Problem {
	var warns []report.Problem
	warn := func(format string, a ...any) {
		warns = append(warns,
			report.Problem{Pos: report.Position{File: file, Row: 1}, Severity: report.Warning, Msg: fmt.Sprintf(format, a...)})
	}
	if fm.Region != "" && rev.Scope(fm.Region) == nil {
		warn("region %q is not in the data; the note is not shown", fm.Region)
	}
	if fm.Period == "" {
		return warns
	}
	known := false
	for _, q := range rev.Quarters {
		known = known || q.Name == fm.Period
	}
	switch {
	case !known:
		warn("period %q is not in the data; the note is not shown", fm.Period)
	case fm.Period != rev.Period.Name:
		warn("period %q is not the review period %s; the note is not shown", fm.Period, rev.Period.Name)
	}
	return warns
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

// fillPlaceholders replaces every placeholder of body; firstLine is the
// file line of body's first line.
func fillPlaceholders(file string, firstLine int, body []byte, ph *placeholders) ([]byte, report.Problems) {
	var errs report.Problems
	lines := strings.Split(string(body), "\n")
	for i, line := range lines {
		filled, problems := ph.fillLine(line)
		for _, msg := range problems {
			errs = append(errs, problemAt(file, firstLine+i, "%s", msg))
		}
		lines[i] = filled
	}
	return []byte(strings.Join(lines, "\n")), errs
}
