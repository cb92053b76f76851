package cli

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/salesreview/salesreview/report/config"
	"github.com/salesreview/salesreview/report/source"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const serveDeals = "Opportunity ID,Account Name,Opportunity Owner,Region,Stage,Amount,Close Date,Created Date\n" +
	"D1,Acme,Ann,West,Closed Won,1000,2026-03-10,2026-01-05\n" +
	"D2,Globex,Bob,East,Closed Lost,2000,2026-04-12,2026-02-01\n" +
	"D3,Acme,Ann,West,Proposal,3000,2026-09-01,2026-03-01\n"

// TestServe builds in memory, serves, rebuilds when the input changes (the
// page's manifest.json changes, which is what the live script polls), shows
// a failed build in the browser, and recovers.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	deals := filepath.Join(dir, "deals.csv")
	write := func(name, data string, age time.Duration) {
		t.Helper()
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		// Distinct mtimes, whatever the file system's resolution.
		mt := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(age)
		if err := os.Chtimes(name, mt, mt); err != nil {
			t.Fatal(err)
		}
	}
	write(deals, serveDeals, 0)
	cfg := filepath.Join(dir, "salesreview.yaml")
	write(cfg, "title: Served\ninputs: [deals.csv]\n", 0)

	var stderr syncBuffer
	e := &env{stdout: io.Discard, stderr: &stderr, templates: builtinTemplates(t), getenv: func(string) string { return "" }}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- e.serve(ctx, &settings{configPath: cfg}, nil, ln, serveOptions{interval: 10 * time.Millisecond})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v", err)
		}
	}()

	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// waitUntil polls until ok holds (rebuilds are asynchronous, and one
	// change may be seen as two); it gives up after a generous deadline.
	waitUntil := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			if ok() {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("waited in vain for %s; stderr:\n%s", what, stderr.String())
	}

	// Until the first build is done, a page that waits for it (503).
	waitUntil("the first build", func() bool {
		code, page := get("/")
		if code == http.StatusServiceUnavailable && !strings.Contains(page, "Building the review") {
			t.Fatalf("waiting page: %s", page)
		}
		return code == http.StatusOK
	})
	code, page := get("/")
	if code != http.StatusOK || !strings.Contains(page, "Served") {
		t.Fatalf("GET / = %d\n%s\nstderr:\n%s", code, page, stderr.String())
	}
	if !strings.Contains(page, "live.js") {
		t.Errorf("served page does not load the live-reload script")
	}
	if !strings.Contains(stderr.String(), "serving http://127.0.0.1:") {
		t.Errorf("no address on stderr: %s", stderr.String())
	}
	_, m1 := get("/manifest.json")

	// An input changes: the site is rebuilt, with a new manifest.
	write(deals, strings.Replace(serveDeals, "1000", "1500", 1), time.Hour)
	waitUntil("a rebuild", func() bool {
		code, m := get("/manifest.json")
		return code == http.StatusOK && m != m1 && strings.Contains(m, "files")
	})

	// The input breaks: the page shows the error, escaped.
	write(deals, serveDeals+"D4,<b>Initech</b>,Ann,West,Closed Won,12x5,2026-05-01,2026-01-01\n", 2*time.Hour)
	waitUntil("the error page", func() bool {
		code, page := get("/index.html")
		return code == http.StatusInternalServerError && strings.Contains(page, `amount &#34;12x5&#34; is not a number`)
	})
	// It is fixed again: the site comes back.
	write(deals, serveDeals, 3*time.Hour)
	waitUntil("the site to come back", func() bool {
		code, _ := get("/")
		return code == http.StatusOK
	})

	// The configuration changes: rebuilt with the new title.
	write(cfg, "title: Served again\ninputs: [deals.csv]\n", 4*time.Hour)
	waitUntil("the new title", func() bool {
		_, page := get("/")
		return strings.Contains(page, "Served again")
	})
	// A commentary folder appears in the configuration, then a note in it.
	notes := filepath.Join(dir, "notes")
	if err := os.Mkdir(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	write(cfg, "title: Served again\ninputs: [deals.csv]\ncommentary: notes\n", 5*time.Hour)
	write(filepath.Join(notes, "overview.md"), "---\npage: overview\n---\nA note on {{ period }}.\n", 6*time.Hour)
	waitUntil("the commentary", func() bool {
		_, page := get("/")
		return strings.Contains(page, "A note on FY")
	})

	if code, _ := get("/no/such/page.html"); code != http.StatusNotFound {
		t.Errorf("missing page = %d, want 404", code)
	}
	if code, _ := get("/../../etc/passwd"); code != http.StatusNotFound {
		t.Errorf("path outside the site = %d, want 404", code)
	}
	resp, err := http.Post(base+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST = %d, want 405", resp.StatusCode)
	}
}

// TestServeUsageError: a usage mistake stops serve at once.
func TestServeUsageError(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	err = e.serve(context.Background(), &settings{period: "Q3"}, []string{"x.csv"}, ln, serveOptions{interval: time.Millisecond})
	if _, ok := err.(usageError); !ok {
		t.Fatalf("serve with a bad --period returned %v, want a usage error", err)
	}
}

// startServe serves the configuration cfg with opts until the test ends,
// and returns the server's address (host:port) once the first build is
// done or has failed.
func startServe(t *testing.T, cfg string, opts serveOptions) string {
	t.Helper()
	e := &env{stdout: io.Discard, stderr: io.Discard, templates: builtinTemplates(t), getenv: func(string) string { return "" }}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.serve(ctx, &settings{configPath: cfg}, nil, ln, opts) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v", err)
		}
	})
	addr := ln.Addr().String()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if code, _, _ := getHost(t, addr, addr, "/"); code != http.StatusServiceUnavailable {
			return addr
		}
	}
	t.Fatal("the first build did not end")
	return ""
}

// getHost requests path from addr with the Host header host.
func getHost(t *testing.T, addr, host, path string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://"+addr+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// TestServeHosts: serve answers requests for 127.0.0.1, localhost and
// [::1] on its port, and names given with --host; any other Host (a page
// elsewhere whose name was rebound to 127.0.0.1) gets 421 and nothing of
// the review. Every answer carries a Content-Security-Policy with
// frame-ancestors 'none', and nosniff.
func TestServeHosts(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "deals.csv"), []byte(serveDeals), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "salesreview.yaml")
	if err := os.WriteFile(cfg, []byte("title: Hosted\ninputs: [deals.csv]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := startServe(t, cfg, serveOptions{interval: time.Hour, hosts: []string{"Review.Test"}})
	_, port, _ := net.SplitHostPort(addr)
	for host, want := range map[string]int{
		"127.0.0.1:" + port:            http.StatusOK,
		"localhost:" + port:            http.StatusOK,
		"LOCALHOST:" + port:            http.StatusOK,
		"[::1]:" + port:                http.StatusOK,
		"review.test":                  http.StatusOK,
		"review.test:" + port:          http.StatusOK,
		"attacker.example:" + port:     http.StatusMisdirectedRequest,
		"localhost.attacker.example":   http.StatusMisdirectedRequest,
		"localhost:1":                  http.StatusMisdirectedRequest,
		"127.0.0.1":                    http.StatusMisdirectedRequest,
		"other.review.test:" + port:    http.StatusMisdirectedRequest,
		"review.test.attacker.example": http.StatusMisdirectedRequest,
	} {
		for _, path := range []string{"/", "/metrics.json"} {
			code, h, body := getHost(t, addr, host, path)
			if code != want {
				t.Errorf("Host %s %s: status %d, want %d", host, path, code, want)
			}
			if want != http.StatusOK && (strings.Contains(body, "Hosted") || strings.Contains(body, "bookings")) {
				t.Errorf("Host %s %s: the review answered", host, path)
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || !strings.HasPrefix(csp, "default-src 'none'") {
				t.Errorf("Host %s %s: Content-Security-Policy %q", host, path, csp)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("Host %s %s: no nosniff", host, path)
			}
		}
	}
}

// TestServeStatusPagePolicy: the status pages' inline script and style are
// exactly those their Content-Security-Policy allows by hash.
func TestServeStatusPagePolicy(t *testing.T) {
	page := errorPage("<b>bad</b>")
	for _, tag := range []string{"script", "style"} {
		_, rest, _ := strings.Cut(page, "<"+tag+">")
		body, _, _ := strings.Cut(rest, "</"+tag+">")
		if !strings.Contains(statusPolicy, tag+"-src "+hashSource(body)+";") {
			t.Errorf("the %s of the status page is not allowed by %q", tag, statusPolicy)
		}
	}
	if strings.Contains(page, "<b>") || !strings.Contains(statusPolicy, "frame-ancestors 'none'") {
		t.Errorf("status page or policy: %s", page)
	}
}

// TestWatchList: serve watches the files a build reads and the folders
// that hold them, never the whole tree of a folder.
func TestWatchList(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"in/deals.csv", "in/notes.txt", "in/old/deals.csv", "notes/overview.md", "notes/draft.txt",
		"notes/big/1.md", "notes/big/2.png", "tpl/footer.html", "tpl/definitions.md", "tpl/assets/style.css", "tpl/assets/x.js", "logo.png"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := &config.Config{Logo: filepath.Join(dir, "logo.png")}
	j := &job{cfg: cfg, commentary: filepath.Join(dir, "notes"), templates: filepath.Join(dir, "tpl")}
	j.sourceOpts.Inputs = []source.Input{{Path: filepath.Join(dir, "in")}}
	var got []string
	for _, p := range j.watchList() {
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel))
	}
	want := "in in/deals.csv logo.png notes notes/overview.md tpl tpl/assets/style.css tpl/definitions.md tpl/footer.html"
	if strings.Join(got, " ") != want {
		t.Errorf("watched %v\nwant     %s", got, want)
	}
}
