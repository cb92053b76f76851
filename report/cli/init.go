package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/config"
	"github.com/salesreview/salesreview/report/source"
)

func (e *env) initCommand() *cobra.Command {
	var out string
	var force bool
	var dateOrder string
	cmd := &cobra.Command{
		Use:   "init FILES...",
		Short: "Write a starter salesreview.yaml from your exports",
		Long: `Init reads the exports and writes a commented starter configuration: the
tables it recognised and their roles, the column mapping it used, the stages,
regions and currencies found in the data, and a guess at the fiscal year start,
so that you only correct it. Lines marked CHECK are guesses.

Paths in the file are written relative to the file itself.`,
		Example: `  salesreview init exports/*.xlsx
  salesreview init pipeline.csv team.csv -o review/salesreview.yaml
  salesreview init --date-order DMY pipeline.csv   # when dates like 03/04/2026 are ambiguous`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("init needs the export files to read")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withTemp(func() error {
				return e.initConfig(args, out, force, dateOrder)
			})
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "output", "o", config.FileName, "configuration file to write")
	f.BoolVar(&force, "force", false, "replace an existing configuration file")
	f.StringVar(&dateOrder, "date-order", "", "DMY or MDY, for text dates the values do not settle")
	return cmd
}

func (e *env) initConfig(files []string, out string, force bool, dateOrder string) error {
	dateOrder = strings.ToUpper(dateOrder)
	if dateOrder != "" && dateOrder != "DMY" && dateOrder != "MDY" {
		return usagef("--date-order %q is not DMY or MDY", dateOrder)
	}
	if !force {
		if _, err := os.Stat(out); err == nil {
			return fmt.Errorf("%s exists: use --force to replace it", out)
		}
	}
	var inputs []source.Input
	for _, f := range files {
		inputs = append(inputs, source.Input{Path: f})
	}
	opts := source.Options{Inputs: inputs, DateOrder: dateOrder, TempDir: e.tempDir}
	recs, err := source.Read(opts)
	if err != nil {
		// Amounts in currencies without a rate: read again with placeholder
		// rates, to write the rest of the file; the rates stay to be given.
		missing := missingRates(err)
		if len(missing) == 0 {
			return (&job{}).limit(err)
		}
		opts.Rates = map[string]float64{}
		for _, c := range missing {
			opts.Rates[c] = 1
		}
		if recs, err = source.Read(opts); err != nil {
			return (&job{}).limit(err)
		}
	}
	text, err := starterConfig(recs, files, out, dateOrder)
	if err != nil {
		return err
	}
	// The file must load once the placeholder rates are given: check it
	// before writing.
	if _, err := config.Parse(out, bytes.ReplaceAll(text, []byte(": 0  # CHECK"), []byte(": 1  # CHECK"))); err != nil {
		return fmt.Errorf("init wrote a configuration that does not load (a bug): %w", err)
	}
	if err := os.WriteFile(out, text, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	writeWarnings(e.stderr, recs.Problems)
	fmt.Fprintf(e.stderr, "wrote %s: check the lines marked CHECK, then run: salesreview build -c %s\n", out, out)
	return nil
}

// starterConfig writes the commented configuration for recs, read from
// files, to be saved at out.
func starterConfig(recs *report.Records, files []string, out, dateOrder string) ([]byte, error) {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# salesreview configuration, written by `salesreview init` from %s.\n", plural(len(files), "file"))
	w("# Lines marked CHECK are guesses. Every key is described in the README\n")
	w("# (\"Configuration reference\"). Paths are relative to this file.\n\n")
	w("title: Sales review\n\n")

	rels, err := relativePaths(files, out)
	if err != nil {
		return nil, err
	}
	w("# The tables found, and what each was taken as.\n")
	w("inputs:\n")
	var ignored []string
	kept := 0
	for _, t := range recs.Tables {
		rel := rels[t.File]
		if rel == "" {
			rel = t.File
		}
		where := oneLine(t.File)
		if t.Sheet != "" {
			where += " sheet " + oneLine(t.Sheet)
		}
		if t.Kind == report.IgnoredTable || t.Kind == "" {
			note := t.Note
			if note == "" {
				note = "not a table salesreview reads"
			}
			ignored = append(ignored, fmt.Sprintf("#   %s: %s", where, oneLine(note)))
			continue
		}
		kept++
		w("  - path: %s\n", yamlString(rel))
		if t.Sheet != "" {
			w("    sheet: %s\n", yamlString(t.Sheet))
		}
		w("    role: %s  # %s rows, header on row %d\n", t.Kind, thousands(t.Records), t.HeaderRow)
	}
	if kept == 0 {
		return nil, errors.New("init: no table in the files looks like deals, activities, a roster, accounts, targets or forecast calls")
	}
	if len(ignored) > 0 {
		w("# Not read:\n%s\n", strings.Join(ignored, "\n"))
	}
	w("\n# An earlier export of the same pipeline, for the changes page:\n# previous: pipeline-last-quarter.xlsx\n\n")

	w("# The column mapping used (field: header). The built-in aliases found these;\n")
	w("# uncomment a line and change the header to map a field yourself.\n")
	w("# columns:\n")
	seen := map[string]bool{}
	for _, t := range recs.Tables {
		if t.Kind == report.IgnoredTable {
			continue
		}
		for _, c := range t.Columns {
			line := fmt.Sprintf("#   %s: %s", c.Field, yamlString(c.Header))
			if seen[line] {
				continue
			}
			seen[line] = true
			w("%-44s # %s, %s\n", line, oneLine(t.File), t.Kind)
		}
	}
	w("\n")

	won, lost, open := stagesOf(recs.Deals)
	w("stages:\n")
	w("  won: %s\n", yamlList(won))
	w("  lost: %s\n", yamlList(lost))
	w("  # Open stages in funnel order, as first seen in the data: CHECK the order.\n")
	w("  order: %s\n", yamlList(open))
	w("  # Default probability (0..100) of deals at a stage whose export has none:\n")
	w("  # probabilities:\n")
	for _, s := range open {
		w("  #   %s: 50\n", yamlString(s))
	}
	w("\n")

	start, why := guessFiscalStart(recs.Deals)
	w("fiscal_year:\n")
	w("  start: %s  # CHECK: %s\n", monthName(start), why)
	w("  naming: end  # FY2027 is the fiscal year that ends in 2027\n\n")

	cur, others := currenciesOf(recs.Deals)
	w("currency:\n")
	w("  report: %s\n", cur)
	if len(others) > 0 {
		w("  # CHECK: the data holds other currencies. Give what one unit of each is\n")
		w("  # worth in %s; build stops at the placeholder 0 until you do.\n", cur)
		w("  rates:\n")
		for _, c := range others {
			w("    %s: 0  # CHECK\n", c)
		}
	} else {
		w("  # rates: {EUR: 1.08}\n")
	}
	w("\n")
	w("amounts:\n  mode: TCV  # CHECK: TCV (whole contract), ACV (per year) or MRR (per month)\n  default_term: 12\n\n")

	regions := regionsOf(recs.Deals)
	w("regions:\n")
	if len(regions) > 0 {
		w("  order: %s\n", yamlList(regions))
	} else {
		w("  # order: [North, South]\n")
	}
	w("  # colours:\n")
	for i, r := range regions {
		w("  #   %s: %q\n", yamlString(r), palette[i%len(palette)])
	}
	w("  # countries: {Germany: EMEA}  # country -> region, for deals without a region\n\n")

	if dateOrder != "" {
		w("date_order: %s\n\n", dateOrder)
	} else {
		w("# date_order: DMY  # only when text dates like 03/04/2026 are ambiguous\n\n")
	}
	w("# targets:\n#   file: targets.xlsx  # or inline:\n#   inline:\n#     - {region: West, period: FY2027-Q1, amount: 1000000}\n\n")
	w("# period: FY2027-Q1   # default: the last complete quarter before as_of\n")
	w("# as_of: 2026-04-30   # default: the newest date in the data\n")
	w("# commentary: commentary\n")
	w("# output: site\n")
	return b.Bytes(), nil
}

// palette proposes region colours (ECharts' default palette).
var palette = []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

// relativePaths maps each file's base name to its path relative to out's folder.
func relativePaths(files []string, out string) (map[string]string, error) {
	dir, err := filepath.Abs(filepath.Dir(out))
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		// Relative to the file when close to it; else absolute.
		rel, err := filepath.Rel(dir, abs)
		if err != nil || strings.HasPrefix(rel, ".."+string(filepath.Separator)+"..") {
			rel = abs
		}
		m[filepath.Base(f)] = filepath.ToSlash(rel)
	}
	return m, nil
}

// stagesOf lists the won, lost and open stage names in order of first
// appearance; open stages whose deals carry probabilities are ordered by
// their mean probability, the likely funnel order.
func stagesOf(deals []report.Deal) (won, lost, open []string) {
	seen := map[string]bool{}
	probSum, probN := map[string]float64{}, map[string]float64{}
	defer func() {
		mean := func(s string) float64 {
			if probN[s] == 0 {
				return 101 // stages without probabilities go last
			}
			return probSum[s] / probN[s]
		}
		sort.SliceStable(open, func(i, j int) bool { return mean(open[i]) < mean(open[j]) })
	}()
	for _, d := range deals {
		stage := d.Stage.String()
		if d.Status == report.Open && d.HasProbability {
			probSum[stage] += d.Probability
			probN[stage]++
		}
		if stage == "" || seen[stage] {
			continue
		}
		seen[stage] = true
		switch d.Status {
		case report.Won:
			won = append(won, stage)
		case report.Lost:
			lost = append(lost, stage)
		default:
			open = append(open, stage)
		}
	}
	return won, lost, open
}

// regionsOf lists the deals' regions, sorted, without Unassigned.
func regionsOf(deals []report.Deal) []string {
	seen := map[string]bool{}
	var rs []string
	for _, d := range deals {
		region := d.Region.String()
		if region == "" || region == report.Unassigned || seen[region] {
			continue
		}
		seen[region] = true
		rs = append(rs, region)
	}
	sort.Strings(rs)
	return rs
}

// currenciesOf returns the report currency to propose (USD when the deals
// have no currency or some are in USD, else the most frequent one) and the
// others, sorted.
func currenciesOf(deals []report.Deal) (string, []string) {
	count := map[string]int{}
	for _, d := range deals {
		if d.Currency != 0 {
			count[strings.ToUpper(d.Currency.String())]++
		}
	}
	if len(count) == 0 {
		return "USD", nil
	}
	var codes []string
	for c := range count {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if count[codes[i]] != count[codes[j]] {
			return count[codes[i]] > count[codes[j]]
		}
		return codes[i] < codes[j]
	})
	report := codes[0]
	if count["USD"] > 0 {
		report = "USD"
	}
	var others []string
	for _, c := range codes {
		if c != report {
			others = append(others, c)
		}
	}
	sort.Strings(others)
	return report, others
}

var noRate = regexp.MustCompile(`currency "([A-Za-z]{3})" has no rate`)

// missingRates returns the currencies that input errors say lack a rate,
// when those are the only errors; nil otherwise.
func missingRates(err error) []string {
	var ps report.Problems
	if !errors.As(err, &ps) {
		return nil
	}
	seen := map[string]bool{}
	var codes []string
	for _, p := range ps {
		m := noRate.FindStringSubmatch(p.Msg)
		if m == nil {
			if strings.HasSuffix(p.Msg, "errors were not kept") {
				continue
			}
			return nil
		}
		if c := strings.ToUpper(m[1]); !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	sort.Strings(codes)
	return codes
}

// guessFiscalStart guesses the first month of the fiscal year from when won
// deals close: sales close in the last month of a quarter, and most in the
// last month of the year, so the month after the busiest quarter-end month
// starts the year.
func guessFiscalStart(deals []report.Deal) (int, string) {
	var byMonth [13]float64
	n := 0
	first, last := report.NoDay, report.NoDay
	for _, d := range deals {
		if d.Status == report.Won && d.Close.Valid() {
			byMonth[int(d.Close.Time().Month())]++
			n++
			if first == report.NoDay || d.Close < first {
				first = d.Close
			}
			if d.Close > last {
				last = d.Close
			}
		}
	}
	if n < 100 {
		return 1, "too few won deals to guess; January is the default"
	}
	// Average per occurrence of each month in the data's span, so that a
	// month that appears three times does not outweigh one that appears twice.
	var occurs [13]float64
	for t := time.Date(first.Time().Year(), first.Time().Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(last.Time()); t = t.AddDate(0, 1, 0) {
		occurs[int(t.Month())]++
	}
	var rate [13]float64
	for m := 1; m <= 12; m++ {
		if occurs[m] > 0 {
			rate[m] = byMonth[m] / occurs[m]
		}
	}
	var phase [3]float64 // closes by month-in-quarter phase
	var total float64
	for m := 1; m <= 12; m++ {
		phase[m%3] += rate[m]
		total += rate[m]
	}
	best := 0
	for p := 1; p < 3; p++ {
		if phase[p] > phase[best] {
			best = p
		}
	}
	// A quarter-end spike is at least 10% above an even share.
	if phase[best] < 1.1*total/3 {
		return 1, "won deals close evenly across the months; January is the default"
	}
	end := 0
	for m := 1; m <= 12; m++ {
		if m%3 == best && (end == 0 || rate[m] > rate[end]) {
			end = m
		}
	}
	return end%12 + 1, fmt.Sprintf("guessed: won deals bunch in quarter-end months, most in %s", monthName(end))
}

func monthName(m int) string {
	return []string{"", "January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}[m]
}

var plainYAML = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 _./()&+-]*$`)

// yamlString writes s as a YAML scalar: plain when that is safe, else a
// double-quoted (JSON) string.
func yamlString(s string) string {
	l := strings.ToLower(s)
	switch l {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~":
		return strconvQuote(s)
	}
	if plainYAML.MatchString(s) && !strings.HasSuffix(s, " ") && !looksNumeric(s) {
		return s
	}
	return strconvQuote(s)
}

func looksNumeric(s string) bool {
	return regexp.MustCompile(`^[0-9.+-]`).MatchString(s) && regexp.MustCompile(`^[0-9._+-eE:]+$`).MatchString(s)
}

// strconvQuote writes s as a JSON string, which YAML reads as a
// double-quoted scalar (without escaping <, > and &, which YAML does not need).
func strconvQuote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

func yamlList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = yamlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
