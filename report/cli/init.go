package cli

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

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

// initConfig reads the exports and writes the starter configuration out.
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
	opts := source.Options{DateOrder: dateOrder, TempDir: e.tempDir}
	for _, f := range files {
		opts.Inputs = append(opts.Inputs, source.Input{Path: f})
	}
	recs, err := readForInit(opts)
	if err != nil {
		return err
	}
	st := &starter{recs: recs, files: files, out: out, dateOrder: dateOrder}
	text, err := st.text(placeholderRate)
	if err != nil {
		return err
	}
	// The file must load once the placeholder rates are given: check it
	// before writing.
	if given, err := st.text("1"); err != nil {
		return err
	} else if _, err := config.Parse(out, given); err != nil {
		return fmt.Errorf("init wrote a configuration that does not load (a bug): %w", err)
	}
	if err := os.WriteFile(out, text, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	writeWarnings(e.stderr, recs.Problems)
	fmt.Fprintf(e.stderr, "wrote %s: check the lines marked CHECK, then run: salesreview build -c %s\n", out, out)
	return nil
}

// readForInit reads the exports. Amounts in currencies without a rate are
// read again with placeholder rates, so that the rest of the file can be
// written; the rates stay for the user to give.
func readForInit(opts source.Options) (*report.Records, error) {
	recs, err := source.Read(opts)
	if err == nil {
		return recs, nil
	}
	missing := missingRates(err)
	if len(missing) == 0 {
		return nil, (&job{}).limit(err)
	}
	opts.Rates = map[string]float64{}
	for _, c := range missing {
		opts.Rates[c] = 1
	}
	if recs, err = source.Read(opts); err != nil {
		return nil, (&job{}).limit(err)
	}
	return recs, nil
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
