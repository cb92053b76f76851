// Package cli is the salesreview command line: the verbs build, validate,
// init, serve and version, wired with cobra (for per-verb --help with
// examples, shell completion and POSIX flags), and the exit statuses of
// DESIGN.md: 0 success, 1 bad input or failed build, 2 bad usage.
//
// main.go only calls Main; every verb lives here so that the testscript
// tests run exactly what users run.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/config"
)

// Exit statuses.
const (
	ExitOK    = 0 // success
	ExitInput = 1 // bad input or failed build
	ExitUsage = 2 // bad usage: unknown verb or flag, missing arguments
)

// usageError is a mistake in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// env is what every verb needs from the outside world.
type env struct {
	stdout, stderr io.Writer
	templates      fs.FS // the built-in templates folder (its root holds the templates)
	getenv         func(string) string
	tempDir        string // the run's temporary folder, set by withTemp
}

// Main runs the salesreview command line with args (without the program
// name), writing to stdout and stderr, and returns the exit status.
// templates is the built-in templates folder embedded by main.go.
//
// SIGINT and SIGTERM (Ctrl-C, a CI job cancelled) do not end the process
// at once: they cancel the context of the verb, which stops at a safe
// point (a build stops before its site is swapped in, or undoes the swap),
// cleans up as it returns, and Main says "interrupted", status 1.
func Main(args []string, stdout, stderr io.Writer, templates fs.FS) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return mainContext(ctx, args, stdout, stderr, templates)
}

// mainContext is Main under the context ctx.
func mainContext(ctx context.Context, args []string, stdout, stderr io.Writer, templates fs.FS) (status int) {
	// A panic is a bug in salesreview, never the user's fault: say so in one
	// line instead of a stack trace.
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "salesreview: %v\n", internalError(r))
			status = ExitInput
		}
	}()
	e := &env{stdout: stdout, stderr: stderr, templates: templates, getenv: os.Getenv}
	root := e.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)

	var running bool // set once a verb's own code starts: errors before are usage errors
	for _, c := range root.Commands() {
		wrapRun(c, &running)
	}
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "salesreview: interrupted")
		return ExitInput
	}
	var ue usageError
	if !running || errors.As(err, &ue) {
		fmt.Fprintf(stderr, "salesreview: %v\n", err)
		name := "salesreview"
		if cmd != nil {
			name = cmd.CommandPath()
		}
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", name)
		return ExitUsage
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintln(stderr, withPrefix(err, msg))
	}
	return ExitInput
}

// withPrefix prefixes an error with "salesreview: ", except lists of input
// problems and configuration errors, which start with their position
// ("pipeline.xlsx: Opportunities!E12: ...", "salesreview.yaml:3: ...") one
// a line, so that each line stays grep-able and editors can jump to it.
func withPrefix(err error, msg string) string {
	var ps report.Problems
	var ce *config.Error
	if errors.As(err, &ps) || errors.As(err, &ce) || strings.Contains(msg, "\n") {
		return msg
	}
	return "salesreview: " + msg
}

// wrapRun marks when c's RunE starts, so Main can tell usage errors (flags,
// arguments, unknown verbs, all caught by cobra before) from run errors.
func wrapRun(c *cobra.Command, running *bool) {
	if c.RunE != nil {
		run := c.RunE
		c.RunE = func(cmd *cobra.Command, args []string) error {
			*running = true
			return run(cmd, args)
		}
	}
	for _, sub := range c.Commands() {
		wrapRun(sub, running)
	}
}

func (e *env) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "salesreview",
		Short: "Turn CRM exports into a static site for quarterly sales reviews",
		Long: `salesreview reads CRM exports (Excel workbooks and CSV files from Salesforce,
HubSpot, Pipedrive or anything with a header row) and writes a static HTML site
for a quarterly sales review: revenue, pipeline, forecast and activity trends
per region, as interactive charts with the numbers one click away, plus your
Markdown commentary. The site opens offline from file:// and prints.

Exit status: 0 success, 1 bad input or failed build, 2 bad usage.`,
		Example: `  salesreview init exports/*.xlsx           # write a starter salesreview.yaml
  salesreview validate exports/*.xlsx       # check the exports, cell by cell
  salesreview build -c salesreview.yaml     # write the site into site/
  salesreview serve -c salesreview.yaml     # preview, rebuilding on every change`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	// No verb is bad usage: the list of verbs on stderr, status 2.
	root.RunE = func(cmd *cobra.Command, args []string) error {
		fmt.Fprint(e.stderr, cmd.UsageString())
		return usagef("no command given")
	}
	root.AddCommand(e.buildCommand(), e.validateCommand(), e.initCommand(), e.serveCommand(), e.versionCommand())
	addVersionFlag(root)
	return root
}

// internalError describes a panic: a bug in salesreview, never the user's
// fault, in one line instead of a stack trace.
func internalError(r any) error {
	return fmt.Errorf("internal error: %v (this is a bug in salesreview; please report it with the command that caused it)", r)
}

// interruptible runs f on a goroutine of its own and returns what f
// returns, or ctx's error as soon as ctx ends: reading and computing do not
// look at ctx, and an interrupted build must stop at once rather than after
// reading a million rows. f is then left to finish alone (the process is
// about to end, or serve to rebuild). A panic in f is returned as an error.
func interruptible[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: internalError(r)}
			}
		}()
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
