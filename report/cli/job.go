package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/config"
	"github.com/salesreview/salesreview/report/source"
)

// settings are the flags shared by build, serve and validate, merged with
// the configuration file: a flag given on the command line wins over the
// file.
type settings struct {
	configPath string
	out        string
	period     string
	changesQ   string
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
	f.StringVar(&s.changesQ, "changes-quarter", "", "the quarter whose closing pipeline the changes page explains, like FY2027-Q4 (default: the current quarter)")
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

// job is a fully resolved run: the configuration with every flag applied,
// and what to do with the site (see run).
type job struct {
	cfg         *config.Config
	cfgPath     string         // "" without a configuration file
	previous    []source.Input // the earlier snapshot, for the changes page
	sourceOpts  source.Options // the exports (Inputs) and how to read them
	reviewOpts  report.Options
	commentary  string    // folder of Markdown commentary, or ""
	templates   string    // the user's templates folder, or ""
	buildDate   time.Time // zero: no date in the footer
	maxProblems int       // problems listed before "(and N more)"
	outPath     string    // the site folder, or the file with singleFile
	singleFile  bool
	force       bool

	// Set by the verb.
	out      output    // where the site goes; nil stops after reading (validate)
	live     bool      // serve: pages reload themselves when rebuilt
	progress io.Writer // where a progress bar is drawn while reading, if a terminal
	builtin  fs.FS     // the built-in templates
	getenv   func(string) string
}

// resolve merges settings, FILES and the configuration into a job.
func (e *env) resolve(s *settings, files []string) (*job, error) {
	cfg, path, err := loadConfig(s.configPath, len(files) > 0)
	if err != nil {
		return nil, err
	}
	j := &job{cfg: cfg, cfgPath: path, sourceOpts: cfg.SourceOptions(), reviewOpts: cfg.ReviewOptions(),
		previous: cfg.PreviousInputs(), maxProblems: int(cfg.Limits.MaxProblems), builtin: e.templates, getenv: e.getenv}
	j.sourceOpts.TempDir = e.tempDir
	if err := j.setInputs(files, s.previous); err != nil {
		return nil, err
	}
	if err := j.setOptions(s); err != nil {
		return nil, err
	}
	if err := j.setPlaces(s); err != nil {
		return nil, err
	}
	j.buildDate, err = buildDate(s.buildDate, e.getenv("SOURCE_DATE_EPOCH"))
	return j, err
}

// loadConfig reads the configuration file named by -c, else ./salesreview.yaml
// when no FILES are given and it exists; without either, the defaults.
func loadConfig(path string, haveFiles bool) (*config.Config, string, error) {
	if path == "" && !haveFiles {
		if _, err := os.Stat(config.FileName); err == nil {
			path = config.FileName
		}
	}
	if path == "" {
		return &config.Config{}, "", nil
	}
	cfg, err := config.Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", usagef("configuration file %s does not exist", path)
	}
	return cfg, path, err
}

// setInputs puts FILES (with the configuration's targets file) in place of
// the configured inputs, and --previous in place of the configured snapshot.
func (j *job) setInputs(files []string, previous string) error {
	if len(files) > 0 {
		j.sourceOpts.Inputs = nil
		for _, f := range files {
			j.sourceOpts.Inputs = append(j.sourceOpts.Inputs, source.Input{Path: f})
		}
		if t := j.cfg.Targets.File; t != "" {
			j.sourceOpts.Inputs = append(j.sourceOpts.Inputs, source.Input{Path: j.cfg.Resolve(t), Role: report.TargetTable})
		}
	}
	if len(j.sourceOpts.Inputs) == 0 {
		return usagef("no input files: name them (salesreview build FILES...) or list them under inputs: in %s", config.FileName)
	}
	if previous != "" {
		j.previous = []source.Input{{Path: previous}}
	}
	return nil
}

// setOptions applies --period, --changes-quarter, --as-of, --strict and
// --max-unzip.
func (j *job) setOptions(s *settings) error {
	for _, q := range []struct {
		flag, value string
		to          *string
	}{{"--period", s.period, &j.reviewOpts.Period}, {"--changes-quarter", s.changesQ, &j.reviewOpts.ChangesQuarter}} {
		if q.value == "" {
			continue
		}
		if !config.ValidPeriod(q.value) {
			return usagef("%s %q is not a fiscal quarter like FY2027-Q3", q.flag, q.value)
		}
		*q.to = strings.ToUpper(q.value)
	}
	if s.asOf != "" {
		d, err := config.ParseDate(s.asOf)
		if err != nil {
			return usagef("--as-of %q is not a date YYYY-MM-DD", s.asOf)
		}
		j.reviewOpts.AsOf = d
	}
	j.sourceOpts.Strict = j.sourceOpts.Strict || s.strict
	if s.maxUnzip != "" {
		n, err := parseSize(s.maxUnzip)
		if err != nil {
			return usagef("--max-unzip %q: %v", s.maxUnzip, err)
		}
		j.sourceOpts.Unzip.MaxTotal = n
	}
	return nil
}

// setPlaces sets the output and the commentary and templates folders
// (flags first, then the configuration), and checks the folders exist.
func (j *job) setPlaces(s *settings) error {
	c := j.cfg
	defaultOut := "site"
	if s.singleFile {
		defaultOut = "review.html"
	}
	j.outPath = firstNonEmpty(s.out, c.Resolve(c.Output), defaultOut)
	j.singleFile, j.force = s.singleFile, s.force
	j.commentary = firstNonEmpty(s.commentary, c.Resolve(c.Commentary))
	j.templates = firstNonEmpty(s.templates, c.Resolve(c.Templates))
	for _, d := range []struct{ flag, dir string }{{"commentary", j.commentary}, {"templates", j.templates}} {
		if d.dir == "" {
			continue
		}
		if st, err := os.Stat(d.dir); err != nil || !st.IsDir() {
			return fmt.Errorf("%s folder %s: not found or not a folder", d.flag, d.dir)
		}
	}
	return nil
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
