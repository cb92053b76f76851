package site

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/slug"
	"github.com/salesreview/salesreview/report/userfile"
)

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
// HTML off) when its shape is within the bounds, checks its links and
// embeds its images.
func renderMarkdown(file string, firstLine int, body []byte) (template.HTML, report.Problems) {
	if i, why := shapeProblem(body); why != "" {
		return "", report.Problems{problemAt(file, firstLine+i, "%s", why)}
	}
	md := goldmark.New(goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.NewFootnote(extension.WithFootnoteIDPrefix("note-"+slug.Hash(file)+"-")),
	))
	doc := md.Parser().Parse(text.NewReader(body))
	c := &noteChecker{file: file, firstLine: firstLine, body: body}
	_ = ast.Walk(doc, c.visit)
	if len(c.errs) > 0 {
		return "", c.errs
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, body, doc); err != nil {
		return "", report.Problems{{Pos: report.Position{File: file}, Severity: report.Error, Msg: err.Error()}}
	}
	// goldmark runs in its safe mode (no WithUnsafe): raw HTML is omitted and
	// dangerous link targets are dropped, so its output is trusted HTML.
	return template.HTML(buf.String()), nil
}

// noteChecker checks the links and images of a parsed note, and embeds
// its local images.
type noteChecker struct {
	file      string
	firstLine int
	body      []byte
	errs      report.Problems
}

// visit checks one node of the note's tree.
func (c *noteChecker) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Link:
		c.link(n, n.Destination, util.URLEscape(n.Destination, true))
	case *ast.AutoLink:
		if n.AutoLinkType == ast.AutoLinkURL {
			c.link(n, n.URL(c.body), util.URLEscape(n.URL(c.body), false))
		}
	case *ast.Image:
		c.image(n)
	}
	return ast.WalkContinue, nil
}

// link refuses a link target unless both the text written (raw) and the
// href the browser reads (href: goldmark's rendering with its character
// references, entities and backslash escapes decoded) are allowed.
func (c *noteChecker) link(n ast.Node, raw, href []byte) {
	what := strconv.Quote(string(raw))
	switch {
	case !linkAllowed(string(raw)):
	case !linkAllowed(string(href)):
		what = readAs(raw, href)
	default:
		return
	}
	c.errs = append(c.errs,
		problemAt(c.file, c.line(n, raw), "link %s refused: links may be http, https, mailto or relative; "+
			"another scheme would hand the click to another program", what))
}

// image refuses a remote or absolute image, and embeds a local one as a
// data: URL; both the text written and the src the browser reads count.
func (c *noteChecker) image(img *ast.Image) {
	raw, src := img.Destination, util.URLEscape(img.Destination, true)
	line := c.line(img, raw)
	lower := strings.ToLower(strings.TrimSpace(string(src)))
	switch {
	case strings.HasPrefix(lower, "data:image/"):
	case leavesSite(string(raw)) || leavesSite(lower):
		what := strconv.Quote(string(raw))
		if !leavesSite(string(raw)) {
			what = readAs(raw, src)
		}
		c.errs = append(c.errs,
			problemAt(c.file, line, "image %s refused: a remote or absolute image would load from outside the site "+
				"when the page is viewed; put the image in the commentary folder", what))
	default:
		data, err := embedImage(filepath.Dir(c.file), string(src))
		if err != nil {
			c.errs = append(c.errs, problemAt(c.file, line, "image %q %v", raw, err))
			return
		}
		img.Destination = []byte(data)
	}
}

// leavesSite reports whether an image source has a scheme, or starts with
// / or \ (the disk's or the server's root, a network share).
func leavesSite(dest string) bool {
	d := strings.ToLower(strings.TrimSpace(dest))
	return remoteURLPat.MatchString(d) || strings.HasPrefix(d, "/") || strings.HasPrefix(d, `\`)
}

// readAs quotes a destination as written and as the browser reads it:
// "x&#58;y" (read as "x:y").
func readAs(raw, read []byte) string {
	return strconv.Quote(string(raw)) + " (read as " + strconv.Quote(string(read)) + ")"
}

// line is the file line of an inline node whose destination is dest.
func (c *noteChecker) line(n ast.Node, dest []byte) int {
	return c.firstLine + lineOf(c.body, n, string(dest))
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

// embedImage reads the image a note names by a path relative to its folder
// dir and returns it as a data: URL, so that the page shows it offline,
// from any folder and in the single file. Only PNG, JPEG, GIF and WebP
// files inside dir (after following symbolic links) of at most
// MaxCommentaryImageBytes are taken, read by package userfile's rule.
func embedImage(dir, dest string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", errors.New("is not a path relative to the commentary folder")
	}
	rel := filepath.FromSlash(u.Path)
	if !filepath.IsLocal(rel) {
		return "", errors.New("is outside the commentary folder")
	}
	data, err := userfile.Read(dir, rel, MaxCommentaryImageBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", errors.New("is not in the commentary folder")
	case errors.Is(err, userfile.ErrOutside):
		return "", errors.New("is outside the commentary folder (through a symbolic link)")
	case errors.Is(err, userfile.ErrNotRegular):
		return "", errors.New("is not a file")
	case errors.Is(err, userfile.ErrTooLarge):
		return "", fmt.Errorf("is larger than the limit of %d MiB for an image", MaxCommentaryImageBytes>>20)
	case err != nil:
		return "", errors.New("cannot be read: " + fileReason(err))
	}
	ext, mime, err := sniffImage(data)
	if err != nil || ext == "svg" {
		return "", errors.New("is not a PNG, JPEG, GIF or WebP image")
	}
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data), nil
}
