package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/salesreview/salesreview/report/source"
)

func (e *env) validateCommand() *cobra.Command {
	s := &settings{}
	cmd := &cobra.Command{
		Use:   "validate [FILES...]",
		Short: "Check exports and show how each table was read",
		Long: `Validate reads the exports (FILES, or the inputs of the configuration file)
and prints, per file and sheet, what the table was taken as, how many rows were
read, which header each field was mapped to, and every problem with its file,
sheet and cell. It writes nothing.

Exit status 1 when an input has errors (or warnings, with --strict), else 0.`,
		Example: `  salesreview validate pipeline.xlsx team.csv
  salesreview validate -c salesreview.yaml
  salesreview validate --strict exports/*.xlsx`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withTemp(func() error { return e.validate(cmd.Context(), s, args) })
		},
	}
	f := cmd.Flags()
	f.StringVarP(&s.configPath, "config", "c", "", "configuration file (default ./salesreview.yaml when no FILES are given and it exists)")
	f.BoolVar(&s.strict, "strict", false, "treat warnings as errors")
	f.StringVar(&s.maxUnzip, "max-unzip", "", maxUnzipHelp)
	return cmd
}

// validate runs the job's reading only, and prints what was read.
func (e *env) validate(ctx context.Context, s *settings, args []string) error {
	j, err := e.resolve(s, args)
	if err != nil {
		return err
	}
	j.progress = e.stderr
	sum, err := run(ctx, j) // no output: the run stops after reading
	if sum.cur != nil {
		if werr := source.WriteSummary(e.stdout, sum.cur); werr != nil {
			return werr
		}
	}
	if sum.prev != nil {
		fmt.Fprintln(e.stdout, "previous snapshot:")
		if werr := source.WriteSummary(e.stdout, sum.prev); werr != nil {
			return werr
		}
	}
	return err
}
