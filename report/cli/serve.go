package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesreview/salesreview/report/config"
	"github.com/salesreview/salesreview/report/english"
	"github.com/salesreview/salesreview/report/site"
)

func (e *env) serveCommand() *cobra.Command {
	s := &settings{}
	var port int
	var interval time.Duration
	cmd := &cobra.Command{
		Use:   "serve [FILES...]",
		Short: "Preview the review in a browser, rebuilding on every change",
		Long: `Serve builds the review in memory and serves it on http://127.0.0.1:PORT/
(this machine only). It watches the inputs, the configuration file, the
commentary and template folders, rebuilds when one changes, and the open page
reloads itself. A failed rebuild shows its errors in the browser and on stderr
until the next good one. Nothing is written to disk. Stop it with Ctrl-C.`,
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
			return e.withTemp(func() error { return e.serve(cmd.Context(), s, args, ln, interval) })
		},
	}
	s.addFlags(cmd.Flags(), false)
	cmd.Flags().IntVarP(&port, "port", "p", 8080, "port to listen on (0 picks a free one)")
	cmd.Flags().DurationVar(&interval, "poll", 500*time.Millisecond, "how often to look for changed files")
	return cmd
}

// server holds the site currently served and rebuilds it on change.
type server struct {
	e        *env
	s        *settings
	args     []string
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
func (e *env) serve(ctx context.Context, s *settings, args []string, ln net.Listener, interval time.Duration) error {
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
	srv := &server{e: e, s: s, args: args}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(e.stderr, "serving http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	srv.rebuild(ctx)
	if interval <= 0 {
		interval = 500 * time.Millisecond
	}
	tick := time.NewTicker(interval)
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

// watchList names every file a rebuild depends on.
func (j *job) watchList() []string {
	var ps []string
	for _, in := range j.sourceOpts.Inputs {
		ps = append(ps, in.Path)
	}
	for _, in := range j.previous {
		ps = append(ps, in.Path)
	}
	if j.cfg.Logo != "" {
		ps = append(ps, j.cfg.Resolve(j.cfg.Logo))
	}
	for _, dir := range []string{j.commentary, j.templates} {
		if dir == "" {
			continue
		}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil {
				ps = append(ps, p) // folders too: a new file changes the folder's mtime
			}
			return nil
		})
	}
	sort.Strings(ps)
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

// ServeHTTP serves the site from memory; a failed build shows its error.
func (srv *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	srv.mu.RLock()
	files, failure, builds := srv.files, srv.failure, srv.builds
	srv.mu.RUnlock()
	p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if p == "" {
		p = "index.html"
	}
	w.Header().Set("Cache-Control", "no-store")
	if files == nil && failure == "" {
		failure = "Building the review: this page shows it as soon as it is ready."
		builds = -1
	}
	if failure != "" {
		if p == "manifest.json" {
			sum := sha256.Sum256([]byte(fmt.Sprint(builds, failure)))
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, "{\"failed\":%q}\n", hex.EncodeToString(sum[:]))
			return
		}
		if strings.HasSuffix(p, ".html") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if builds < 0 {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprint(w, waitPage(failure))
			} else {
				w.WriteHeader(http.StatusInternalServerError)
				fmt.Fprint(w, errorPage(failure))
			}
			return
		}
	}
	data, ok := files[p]
	if !ok {
		if d, ok2 := files[p+"/index.html"]; ok2 {
			data, ok, p = d, true, p+"/index.html"
		}
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(p))
	if ct == "" {
		ct = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ct)
	w.Write(data)
}

// errorPage shows a failed build; it reloads itself when manifest.json
// changes, like the site's own live script.
func errorPage(msg string) string {
	return statusPage("Build failed", "The build failed", "Fix the input and save: this page reloads by itself.", msg)
}

// waitPage stands in for the site until the first build is done.
func waitPage(msg string) string {
	return statusPage("Building", "Building", msg, "")
}

func statusPage(title, heading, text, detail string) string {
	pre := ""
	if detail != "" {
		pre = "<pre>" + html.EscapeString(detail) + "</pre>"
	}
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + html.EscapeString(title) + ` - salesreview</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#222}pre{background:#fff4f4;border:1px solid #e99;padding:1rem;white-space:pre-wrap}</style></head>
<body><h1>` + html.EscapeString(heading) + `</h1><p>` + html.EscapeString(text) + `</p>` + pre + `
<script>(function(){var last=null;setInterval(function(){fetch("/manifest.json",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(last!==null&&t!==last){location.reload()}last=t}).catch(function(){})},1000)})()</script>
</body></html>
`
}
