package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesreview/salesreview/report/config"
	"github.com/salesreview/salesreview/report/english"
	"github.com/salesreview/salesreview/report/site"
)

// serveOptions are serve's own flags.
type serveOptions struct {
	interval time.Duration // how often watched files are checked
	hosts    []string      // --host: names accepted besides 127.0.0.1, localhost and [::1]
}

func (e *env) serveCommand() *cobra.Command {
	s := &settings{}
	var port int
	var opts serveOptions
	cmd := &cobra.Command{
		Use:   "serve [FILES...]",
		Short: "Preview the review in a browser, rebuilding on every change",
		Long: `Serve builds the review in memory and serves it on http://127.0.0.1:PORT/
(this machine only), and answers only requests addressed to 127.0.0.1,
localhost or [::1] on that port (a web page elsewhere cannot read the review
through a name of its own); --host adds a name, for a proxy or a tunnel. It
watches the files the build reads (inputs, configuration, commentary,
templates), rebuilds when one changes, and the open page reloads itself. A
failed rebuild shows its errors in the browser and on stderr until the next
good one. Nothing is written to disk. Stop it with Ctrl-C.`,
		Example: `  salesreview serve -c salesreview.yaml
  salesreview serve -c salesreview.yaml --port 9000
  salesreview serve pipeline.xlsx team.csv --commentary notes/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if port < 0 || port > 65535 {
				return usagef("--port %d is not a port number", port)
			}
			ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
			if err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			// One temporary folder for the run, removed when serve returns
			// (Ctrl-C ends serve through its context, see Main).
			return e.withTemp(func() error { return e.serve(cmd.Context(), s, args, ln, opts) })
		},
	}
	s.addFlags(cmd.Flags(), false)
	cmd.Flags().IntVarP(&port, "port", "p", 8080, "port to listen on (0 picks a free one)")
	cmd.Flags().DurationVar(&opts.interval, "poll", 500*time.Millisecond, "how often to look for changed files")
	cmd.Flags().StringArrayVar(&opts.hosts, "host", nil, "also answer requests for this host name (a proxy's or a tunnel's; default: only 127.0.0.1, localhost and [::1])")
	return cmd
}

// server holds the site currently served and rebuilds it on change.
type server struct {
	e        *env
	s        *settings
	args     []string
	hosts    map[string]bool // the Host headers answered, lower case
	mu       sync.RWMutex
	files    siteFS
	failure  string // the last build's error, "" when it succeeded
	watching map[string]fileStamp
	builds   int
}

// fileStamp is what the watcher compares: a file's size and mtime.
type fileStamp struct {
	size int64
	mod  time.Time
}

// serve builds, serves on ln until ctx ends, and rebuilds when a watched
// file changes (checked every interval).
func (e *env) serve(ctx context.Context, s *settings, args []string, ln net.Listener, opts serveOptions) error {
	// A usage mistake stops serve at once; input errors are shown and waited out.
	if _, err := e.resolve(s, args); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			ln.Close()
			return err
		}
	}
	// Serve at once (a "building" page until the first build is done), so
	// the address shows before a long first build.
	srv := &server{e: e, s: s, args: args, hosts: allowedHosts(ln.Addr(), opts.hosts)}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(e.stderr, "serving http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	srv.rebuild(ctx)
	tick := time.NewTicker(cmp.Or(opts.interval, 500*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			hs.Shutdown(shutdown)
			return nil
		case err := <-errc:
			return fmt.Errorf("serve: %w", err)
		case <-tick.C:
			if srv.changed() {
				srv.rebuild(ctx)
			}
		}
	}
}

// rebuild resolves the configuration again and runs the job into the
// server's memory, or records the failure (keeping the watch list current).
func (srv *server) rebuild(ctx context.Context) {
	start := time.Now()
	e := srv.e
	// The configuration file: the one named, else the one found (or that
	// may appear) in the current folder.
	watched := []string{firstNonEmpty(srv.s.configPath, config.FileName)}
	j, err := e.resolve(srv.s, srv.args)
	if err == nil {
		watched = append(watched, j.watchList()...)
		j.out, j.live = srv, true
		var sum summary
		sum, err = run(ctx, j)
		writeWarnings(e.stderr, sum.notes)
		if err == nil {
			fmt.Fprintf(e.stderr, "built %s (%s, %s) in %.1f s\n", english.Plural(sum.pages, "page", "pages"),
				english.Plural(sum.deals, "deal", "deals"), english.Plural(sum.activities, "activity", "activities"), time.Since(start).Seconds())
		}
	}
	failure := ""
	if err != nil && ctx.Err() == nil {
		failure = err.Error()
		fmt.Fprintf(e.stderr, "build failed:\n%s\n", failure)
	}
	stamps := stampAll(watched)
	srv.mu.Lock()
	defer srv.mu.Unlock()
	srv.builds++
	srv.failure = failure
	srv.watching = stamps
}

// write implements output: the rendered site replaces the one served.
func (srv *server) write(ctx context.Context, files []site.File) error {
	fs := make(siteFS, len(files))
	for _, f := range files {
		fs[f.Path] = f.Data
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	srv.files = fs
	return nil
}

// siteFS serves rendered files from memory.
type siteFS map[string][]byte

// watchList names the files a rebuild reads, and nothing more: the
// inputs, the previous snapshot and the logo; the commentary and template
// folders themselves (a file added or removed changes their time) and the
// files the build reads in them (the top level's Markdown notes; the
// templates, definitions.md and assets/style.css), never a whole tree. An
// input folder is watched with the exports at its top level.
func (j *job) watchList() []string {
	var ps []string
	for _, in := range slices.Concat(j.sourceOpts.Inputs, j.previous) {
		ps = append(ps, in.Path)
		ps = append(ps, topLevel(in.Path, ".csv", ".tsv", ".xlsx", ".xlsm")...)
	}
	if j.cfg.Logo != "" {
		ps = append(ps, j.cfg.Resolve(j.cfg.Logo))
	}
	if j.commentary != "" {
		ps = append(ps, j.commentary)
		ps = append(ps, topLevel(j.commentary, ".md")...)
	}
	if j.templates != "" {
		ps = append(ps, j.templates, filepath.Join(j.templates, "assets", "style.css"))
		ps = append(ps, topLevel(j.templates, ".html", ".md")...)
	}
	slices.Sort(ps)
	return slices.Compact(ps)
}

// topLevel lists the files directly in the folder dir whose names end in
// one of exts (none when dir is not a folder).
func topLevel(dir string, exts ...string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var ps []string
	for _, e := range entries {
		if !e.IsDir() && slices.Contains(exts, strings.ToLower(filepath.Ext(e.Name()))) {
			ps = append(ps, filepath.Join(dir, e.Name()))
		}
	}
	return ps
}

func stampAll(paths []string) map[string]fileStamp {
	m := make(map[string]fileStamp, len(paths))
	for _, p := range paths {
		m[p] = stamp(p)
	}
	return m
}

func stamp(p string) fileStamp {
	st, err := os.Stat(p)
	if err != nil {
		return fileStamp{size: -1}
	}
	return fileStamp{size: st.Size(), mod: st.ModTime()}
}

// changed reports whether a watched file changed since the last build.
func (srv *server) changed() bool {
	srv.mu.RLock()
	defer srv.mu.RUnlock()
	for p, old := range srv.watching {
		if stamp(p) != old {
			return true
		}
	}
	return false
}
