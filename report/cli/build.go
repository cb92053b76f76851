package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesreview/salesreview/report/english"
)

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
			return e.withTemp(func() error { return e.build(cmd.Context(), s, args) })
		},
	}
	s.addFlags(cmd.Flags(), true)
	return cmd
}

// build resolves the job, runs it into the output folder or file, and
// prints the warnings and the summary line.
func (e *env) build(ctx context.Context, s *settings, args []string) error {
	start := time.Now()
	j, err := e.resolve(s, args)
	if err != nil {
		return err
	}
	if err := j.checkNotInput(); err != nil {
		return err
	}
	j.out, j.progress = j.siteOutput(), e.stderr
	sum, err := run(ctx, j)
	writeWarnings(e.stderr, sum.warnings)
	writeWarnings(e.stderr, sum.notes)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "built %s from %s (%s, %s) in %.1f s -> %s\n",
		english.Plural(sum.pages, "page", "pages"), inputCount(sum.cur.Files), english.Plural(sum.deals, "deal", "deals"),
		english.Plural(sum.activities, "activity", "activities"), time.Since(start).Seconds(), j.out)
	return nil
}
