package cli

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/site"
	"github.com/salesreview/salesreview/report/source"
	"github.com/salesreview/salesreview/report/userfile"
)

// summary is what a run did, for the verb to report.
type summary struct {
	// cur and prev are what was read: tables, files and problems (their
	// deals and activities are released once the review is computed).
	cur, prev         *report.Records
	deals, activities int              // records read
	warnings          []report.Problem // the inputs' warnings, once read without errors
	notes             []report.Problem // the commentary's warnings
	pages             int              // pages made
}

// run is the pipeline of build, serve and validate: read the exports,
// compute the review, render the site in memory, and hand it to the job's
// output (a folder, a file, or serve's memory). validate has no output and
// stops after reading. When ctx ends the run stops at once and returns
// ctx's error; a site half written is never left (see site.Write).
func run(ctx context.Context, j *job) (sum summary, err error) {
	defer catchPanic(&err) // a bug fails this run, not serve
	mem := limitMemory(j.getenv)
	defer mem.restore()

	sum.cur, sum.prev, err = j.read(ctx)
	if err != nil || j.out == nil {
		return sum, err
	}
	mem.fit()
	sum.warnings, sum.deals, sum.activities = sum.cur.Problems, len(sum.cur.Deals), len(sum.cur.Activities)
	rev, err := j.compute(ctx, sum.cur, sum.prev)
	if err != nil {
		return sum, err
	}
	opts, notes, err := j.siteOptions(rev, sum.cur.Files)
	sum.notes = notes
	if err != nil {
		return sum, err
	}
	made, err := interruptible(ctx, func() (site.Rendered, error) { return site.Render(rev, opts) })
	if err != nil {
		return sum, err
	}
	sum.pages = len(made.Pages)
	return sum, j.out.write(ctx, made.Files)
}

// read reads the exports, drawing a progress bar meanwhile, then the
// previous snapshot.
func (j *job) read(ctx context.Context) (cur, prev *report.Records, err error) {
	bar := newProgress(j.progress, time.Now())
	opts := j.sourceOpts
	opts.Progress = bar.update
	cur, err = interruptible(ctx, func() (*report.Records, error) { return source.Read(opts) })
	bar.finish()
	if err != nil || len(j.previous) == 0 {
		return cur, nil, j.limit(err)
	}
	opts.Inputs, opts.Progress = j.previous, nil
	prev, err = interruptible(ctx, func() (*report.Records, error) { return source.Read(opts) })
	if err != nil {
		return cur, prev, fmt.Errorf("previous snapshot:\n%w", j.limit(err))
	}
	return cur, prev, nil
}

// compute adds the configuration's inline targets to the records, computes
// the review and releases the records.
func (j *job) compute(ctx context.Context, cur, prev *report.Records) (*report.Review, error) {
	for _, t := range j.cfg.InlineTargets() {
		t.Src = report.Ref{Table: -1}
		cur.Targets = append(cur.Targets, t)
	}
	rev, err := interruptible(ctx, func() (*report.Review, error) { return report.Compute(cur, prev, j.reviewOpts) })
	if err != nil {
		return nil, fmt.Errorf("compute the review: %w", err)
	}
	release(cur, prev)
	return rev, nil
}

// release drops the deals and activities of records whose review is
// computed, so that the site of a million-row export is rendered without
// them in memory.
func release(recs ...*report.Records) {
	for _, r := range recs {
		if r != nil {
			r.Deals, r.Activities = nil, nil
		}
	}
}

// maxTemplateBytes bounds each file of a --templates folder (a template or
// the style sheet that replaces the built-in one).
const maxTemplateBytes = 4 << 20

// siteOptions gathers what the site is made of besides the review: the
// configuration's title, logo and colours, the templates, the commentary
// with its warnings (--strict makes them errors), the build date, and the
// files read, for the manifest.
func (j *job) siteOptions(rev *report.Review, inputs []report.InputFile) (site.Options, []report.Problem, error) {
	opts, err := j.cfg.SiteOptions()
	if err != nil {
		return opts, nil, err
	}
	opts.Templates, opts.SingleFile, opts.Live, opts.Inputs = j.builtin, j.singleFile && !j.live, j.live, j.manifestInputs(inputs)
	if !j.buildDate.IsZero() {
		opts.BuildDate = j.buildDate.Format("2006-01-02")
	}
	if j.templates != "" {
		opts.Override = userfile.FS(j.templates, maxTemplateBytes)
	}
	if j.commentary == "" {
		return opts, nil, nil
	}
	loaded, warnings, err := site.LoadCommentary(j.commentary, rev)
	if err == nil && j.sourceOpts.Strict && len(warnings) > 0 {
		err = asErrors(warnings)
	}
	if err != nil {
		return opts, nil, j.limit(err)
	}
	opts.Commentary = loaded
	return opts, warnings, nil
}

// manifestInputs gives the files read with their paths relative to the
// configuration file's folder (the current folder without one), never
// absolute: manifest.json is published with the site, and a path of the
// machine that built it is nobody's business.
func (j *job) manifestInputs(files []report.InputFile) []report.InputFile {
	base, err := filepath.Abs(filepath.Dir(cmp.Or(j.cfgPath, "salesreview.yaml")))
	out := make([]report.InputFile, len(files))
	for i, f := range files {
		out[i] = f
		abs, aerr := filepath.Abs(f.Path)
		rel, rerr := filepath.Rel(base, abs)
		if err != nil || aerr != nil || rerr != nil {
			rel = filepath.Base(f.Path) // on another volume
		}
		out[i].Path = filepath.ToSlash(rel)
	}
	return out
}

// catchPanic turns a panic into the error of the function that defers it.
func catchPanic(err *error) {
	if r := recover(); r != nil {
		*err = internalError(r)
	}
}
