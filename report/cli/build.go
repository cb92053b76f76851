package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/config"
	"github.com/salesreview/salesreview/report/source"
)

// settings are the flags shared by build and serve, merged with the
// configuration file: a flag given on the command line wins over the file.
type settings struct {
	configPath string
	out        string
	period     string
	asOf       string
	previous   string
	commentary string
	templates  string
	strict     bool
	singleFile bool
	buildDate  string
	force      bool
	maxUnzip   string
}

func (s *settings) addFlags(f *pflag.FlagSet, withOutput bool) {
	f.StringVarP(&s.configPath, "config", "c", "", "configuration file (default ./"+config.FileName+" when no FILES are given and it exists)")
	f.StringVar(&s.period, "period", "", "review period, a fiscal quarter like FY2027-Q3 (default: the last complete quarter)")
	f.StringVar(&s.asOf, "as-of", "", "report date YYYY-MM-DD (default: the newest date in the data)")
	f.StringVar(&s.previous, "previous", "", "an earlier snapshot of the pipeline export, for the changes page")
	f.StringVar(&s.commentary, "commentary", "", "folder of Markdown commentary")
	f.StringVar(&s.templates, "templates", "", "folder of templates overriding the built-in ones")
	f.BoolVar(&s.strict, "strict", false, "treat input warnings as errors")
	f.StringVar(&s.buildDate, "build-date", "", "date shown in the footer, YYYY-MM-DD or RFC 3339 (default: $SOURCE_DATE_EPOCH, else none)")
	f.StringVar(&s.maxUnzip, "max-unzip", "", maxUnzipHelp)
	if withOutput {
		f.StringVarP(&s.out, "out", "o", "", "folder to write the site into (default \"site\"; with --single-file the file, default \"review.html\")")
		f.BoolVar(&s.singleFile, "single-file", false, "write one self-contained HTML file instead of a folder")
		f.BoolVar(&s.force, "force", false, "replace an output folder or file that salesreview did not write (never one it reads)")
	}
}

// job is a fully resolved build: the configuration with every flag applied.
type job struct {
	cfg         *config.Config
	cfgPath     string // "" without a configuration file
	inputs      []source.Input
	previous    []source.Input
	out         string
	commentary  string
	templates   string
	singleFile  bool
	force       bool
	buildDate   time.Time // zero: no date in the footer
	maxProblems int       // problems listed before "(and N more)"
	sourceOpts  source.Options
	reviewOpts  report.Options
	watchedDirs []string // folders whose files serve watches
}

// resolve merges settings, FILES and the configuration into a job.
func (e *env) resolve(s *settings, files []string) (*job, error) {
	j := &job{}
	path := s.configPath
	if path == "" && len(files) == 0 {
		if _, err := os.Stat(config.FileName); err == nil {
			path = config.FileName
		}
	}
	if path != "" {
		cfg, err := config.Load(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, usagef("configuration file %s does not exist", path)
			}
			return nil, err
		}
		j.cfg, j.cfgPath = cfg, path
	} else {
		j.cfg = &config.Config{}
	}
	c := j.cfg
	j.sourceOpts = c.SourceOptions()
	j.sourceOpts.TempDir = e.tempDir
	j.reviewOpts = c.ReviewOptions()
	if len(files) > 0 {
		j.sourceOpts.Inputs = nil
		for _, f := range files {
			j.sourceOpts.Inputs = append(j.sourceOpts.Inputs, source.Input{Path: f})
		}
		if c.Targets.File != "" {
			j.sourceOpts.Inputs = append(j.sourceOpts.Inputs, source.Input{Path: c.Resolve(c.Targets.File), Role: report.TargetTable})
		}
	}
	if len(j.sourceOpts.Inputs) == 0 {
		return nil, usagef("no input files: name them (salesreview build FILES...) or list them under inputs: in %s", config.FileName)
	}
	j.inputs = j.sourceOpts.Inputs
	j.previous = c.PreviousInputs()
	if s.previous != "" {
		j.previous = []source.Input{{Path: s.previous}}
	}
	if s.period != "" {
		if !config.ValidPeriod(s.period) {
			return nil, usagef("--period %q is not a fiscal quarter like FY2027-Q3", s.period)
		}
		j.reviewOpts.Period = strings.ToUpper(s.period)
	}
	if s.asOf != "" {
		d, err := config.ParseDate(s.asOf)
		if err != nil {
			return nil, usagef("--as-of %q is not a date YYYY-MM-DD", s.asOf)
		}
		j.reviewOpts.AsOf = d
	}
	if s.strict {
		j.sourceOpts.Strict = true
	}
	if s.maxUnzip != "" {
		n, err := parseSize(s.maxUnzip)
		if err != nil {
			return nil, usagef("--max-unzip %q: %v", s.maxUnzip, err)
		}
		j.sourceOpts.Unzip.MaxTotal = n
	}
	defaultOut := "site"
	if s.singleFile {
		defaultOut = "review.html"
	}
	j.out = firstNonEmpty(s.out, c.Resolve(c.Output), defaultOut)
	j.commentary = firstNonEmpty(s.commentary, c.Resolve(c.Commentary))
	j.templates = firstNonEmpty(s.templates, c.Resolve(c.Templates))
	for _, d := range []struct{ flag, dir string }{{"commentary", j.commentary}, {"templates", j.templates}} {
		if d.dir == "" {
			continue
		}
		if st, err := os.Stat(d.dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("%s folder %s: not found or not a folder", d.flag, d.dir)
		}
		j.watchedDirs = append(j.watchedDirs, d.dir)
	}
	j.singleFile, j.force = s.singleFile, s.force
	j.maxProblems = int(c.Limits.MaxProblems)
	bd, err := buildDate(s.buildDate, e.getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return nil, err
	}
	j.buildDate = bd
	return j, nil
}

// buildDate picks the footer date: the flag, else SOURCE_DATE_EPOCH, else none.
func buildDate(flag, epoch string) (time.Time, error) {
	if flag != "" {
		for _, layout := range []string{"2006-01-02", time.RFC3339} {
			if t, err := time.Parse(layout, flag); err == nil {
				return t.UTC(), nil
			}
		}
		return time.Time{}, usagef("--build-date %q is not YYYY-MM-DD or RFC 3339", flag)
	}
	if epoch != "" {
		n, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, usagef("SOURCE_DATE_EPOCH %q is not a number of seconds", epoch)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// readAll reads the current inputs and the previous snapshot, adding the
// configuration's inline targets to the current records.
func (j *job) readAll(progress func(done, total int64)) (cur, prev *report.Records, err error) {
	opts := j.sourceOpts
	opts.Progress = progress
	cur, err = source.Read(opts)
	if err != nil {
		return nil, nil, j.limit(err)
	}
	for _, t := range j.cfg.InlineTargets() {
		t.Src = report.Ref{Table: -1}
		cur.Targets = append(cur.Targets, t)
	}
	if len(j.previous) > 0 {
		popts := j.sourceOpts
		popts.Inputs = j.previous
		popts.Progress = nil
		prev, err = source.Read(popts)
		if err != nil {
			return nil, nil, fmt.Errorf("previous snapshot:\n%w", j.limit(err))
		}
	}
	return cur, prev, nil
}

func (e *env) buildCommand() *cobra.Command {
	s := &settings{}
	cmd := &cobra.Command{
		Use:   "build [FILES...]",
		Short: "Build the review site from CRM exports",
		Long: `Build reads the exports (FILES, or the inputs of the configuration file),
computes every figure of the review and writes the static site into the output
folder (default site/), atomically: a failed build leaves the old site as it was.

With -c the inputs, previous snapshot, commentary and templates come from the
configuration file; flags given on the command line win over it. Without -c
and without FILES, ./salesreview.yaml is used when it exists.

The footer date comes from --build-date or SOURCE_DATE_EPOCH, never the clock,
so the same inputs give a byte-identical site.`,
		Example: `  salesreview build -c salesreview.yaml
  salesreview build pipeline.xlsx activities.csv team.xlsx -o review
  salesreview build -c salesreview.yaml --period FY2027-Q2 --previous pipeline-july.xlsx
  salesreview build -c salesreview.yaml --strict --build-date 2026-10-31
  salesreview build -c salesreview.yaml --single-file -o review.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withTemp(func() error {
				j, err := e.resolve(s, args)
				if err != nil {
					return err
				}
				if err := j.checkNotInput(); err != nil {
					return err
				}
				return e.build(cmd.Context(), j)
			})
		},
	}
	s.addFlags(cmd.Flags(), true)
	return cmd
}

// build runs a job and writes the site, then prints the summary line.
func (e *env) build(ctx context.Context, j *job) error {
	start := time.Now()
	mem := limitMemory(e.getenv)
	defer mem.restore()
	bar := newProgress(e.stderr, start)
	both, err := interruptible(ctx, func() ([2]*report.Records, error) {
		cur, prev, err := j.readAll(bar.update)
		return [2]*report.Records{cur, prev}, err
	})
	bar.finish()
	if err != nil {
		return err
	}
	mem.fit()
	e.warn(both[0])
	res, err := interruptible(ctx, func() (*result, error) { return e.render(j, both[0], both[1], false) })
	if err != nil {
		return err
	}
	if err := res.write(ctx, j); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "built %s from %s (%s deals, %s activities) in %.1f s -> %s\n",
		plural(res.pages, "page"), res.inputs, thousands(res.deals), thousands(res.activities),
		time.Since(start).Seconds(), displayOut(j))
	return nil
}

func displayOut(j *job) string {
	if j.singleFile {
		return j.out
	}
	return filepath.ToSlash(j.out) + "/"
}

// warn summarises the input's warnings on stderr.
func (e *env) warn(recs *report.Records) {
	writeWarnings(e.stderr, recs.Problems)
}

// maxWarningsShown is how many warnings the summary on stderr lists.
const maxWarningsShown = 5

func writeWarnings(w io.Writer, ps []report.Problem) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(w, "%s (all on the data-quality page; --strict makes them errors):\n", plural(len(ps), "warning"))
	for i, p := range ps {
		if i == maxWarningsShown {
			fmt.Fprintf(w, "  (and %d more)\n", len(ps)-maxWarningsShown)
			break
		}
		fmt.Fprintf(w, "  %s\n", p.Error())
	}
}

// inputCount says "2 workbooks", "1 file" or "3 files (2 workbooks, 1 CSV)".
func inputCount(recs *report.Records) string {
	var books, others int
	seen := map[string]bool{}
	for _, f := range recs.Files {
		if seen[f.Path] {
			continue // a workbook read for several sheets counts once
		}
		seen[f.Path] = true
		if strings.EqualFold(filepath.Ext(f.Path), ".xlsx") || strings.EqualFold(filepath.Ext(f.Path), ".xlsm") {
			books++
		} else {
			others++
		}
	}
	switch {
	case others == 0:
		return plural(books, "workbook")
	case books == 0:
		return plural(others, "file")
	}
	return fmt.Sprintf("%s (%s, %d CSV)", plural(books+others, "file"), plural(books, "workbook"), others)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(n) + " " + word + "s"
}

// thousands formats n with comma separators: 1000000 -> "1,000,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// problemList is a list of input problems shown at most max at a time.
type problemList struct {
	ps  report.Problems
	max int
}

// limit makes a report.Problems error list at most j.maxProblems problems
// (report.MaxShown by default); other errors pass unchanged.
func (j *job) limit(err error) error {
	var ps report.Problems
	if !errors.As(err, &ps) {
		return err
	}
	max := j.maxProblems
	if max <= 0 {
		max = report.MaxShown
	}
	return problemList{ps: ps, max: max}
}

// Error lists the problems one a line, then "(and N more)".
func (l problemList) Error() string {
	var b strings.Builder
	for i, p := range l.ps {
		if i == l.max {
			fmt.Fprintf(&b, "\n(and %d more)", len(l.ps)-l.max)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns the whole list.
func (l problemList) Unwrap() error { return l.ps }

// maxUnzipHelp describes --max-unzip, a flag of build, serve and validate.
const maxUnzipHelp = "largest size a workbook may unpack to, like 8GiB (default 4GiB; zip bombs are refused)"

// parseSize reads a byte size such as 512MiB, 8GiB, 2GB or 1048576.
func parseSize(text string) (int64, error) {
	t := strings.TrimSpace(text)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1}} {
		if strings.HasSuffix(strings.ToUpper(t), strings.ToUpper(u.suffix)) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, errors.New("not a size like 8GiB")
	}
	return n * mult, nil
}
