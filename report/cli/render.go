package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/site"
	"github.com/salesreview/salesreview/report/userfile"
)

// maxTemplateBytes bounds each file of a --templates folder (a template or
// the style sheet that replaces the built-in one).
const maxTemplateBytes = 4 << 20

// result is a rendered site, in memory, and what it was made from.
type result struct {
	files             []site.File
	pages             int
	deals, activities int    // records read
	inputs            string // "2 workbooks", ...
}

// render computes the review and renders the site in memory. live adds the
// reload script serve uses. It consumes cur and prev: once the review is
// computed their deals and activities are released, so that the site of a
// million-row export is rendered without the records still in memory.
func (e *env) render(j *job, cur, prev *report.Records, live bool) (*result, error) {
	rev, err := report.Compute(cur, prev, j.reviewOpts)
	if err != nil {
		return nil, fmt.Errorf("compute the review: %w", err)
	}
	res := &result{deals: len(cur.Deals), activities: len(cur.Activities), inputs: inputCount(cur)}
	for _, r := range []*report.Records{cur, prev} {
		if r != nil {
			r.Deals, r.Activities = nil, nil
		}
	}
	opts, err := j.cfg.SiteOptions()
	if err != nil {
		return nil, err
	}
	opts.Templates = e.templates
	opts.SingleFile = j.singleFile && !live
	opts.Inputs = cur.Files
	opts.Live = live
	if !j.buildDate.IsZero() {
		opts.BuildDate = j.buildDate.Format("2006-01-02")
	}
	if j.templates != "" {
		opts.Override = userfile.FS(j.templates, maxTemplateBytes)
	}
	if j.commentary != "" {
		notes, warnings, err := site.LoadCommentary(j.commentary, rev)
		if err != nil {
			return nil, j.limit(err)
		}
		if j.sourceOpts.Strict && len(warnings) > 0 {
			for i := range warnings {
				warnings[i].Severity = report.Error
			}
			return nil, j.limit(report.Problems(warnings))
		}
		writeWarnings(e.stderr, warnings)
		opts.Commentary = notes
	}
	files, err := site.Render(rev, opts)
	if err != nil {
		return nil, err
	}
	res.files = files
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			res.pages++
		}
	}
	if opts.SingleFile {
		res.pages = countSections(files)
	}
	return res, nil
}

// countSections counts the pages held as sections of a single-file site.
func countSections(files []site.File) int {
	n := 0
	for _, f := range files {
		n += strings.Count(string(f.Data), `<section class="page"`)
	}
	if n == 0 {
		n = 1
	}
	return n
}

// write puts the rendered site where the job says.
func (r *result) write(ctx context.Context, j *job) error {
	if j.singleFile {
		if len(r.files) != 1 {
			return fmt.Errorf("single-file site: render returned %d files", len(r.files))
		}
		return site.WriteSingle(ctx, j.out, r.files[0].Data, j.force)
	}
	return site.Write(ctx, j.out, r.files, j.force)
}

// siteFS serves rendered files from memory.
type siteFS map[string][]byte

func newSiteFS(files []site.File) siteFS {
	m := make(siteFS, len(files))
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}
