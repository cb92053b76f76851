package cli

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
)

// allowedHosts lists the Host headers serve answers: 127.0.0.1, localhost
// and [::1] on the port it listens on, and each --host name (with or
// without the port). A page of another site that rebinds its own name to
// 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
func allowedHosts(addr net.Addr, extra []string) map[string]bool {
	_, port, _ := net.SplitHostPort(addr.String())
	hosts := map[string]bool{"127.0.0.1:" + port: true, "localhost:" + port: true, "[::1]:" + port: true}
	for _, h := range extra {
		h = strings.ToLower(h)
		hosts[h] = true // as given: a proxy in front may send it without a port
		if _, _, err := net.SplitHostPort(h); err != nil {
			hosts[net.JoinHostPort(strings.Trim(h, "[]"), port)] = true
		}
	}
	return hosts
}

// Content-Security-Policy headers of serve's answers: the site's pages load
// only their own files (and poll manifest.json, to reload); the status
// pages run their own inline script and style, allowed by hash. No page
// may be framed by another.
var (
	sitePolicy   = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	statusPolicy = "default-src 'none'; script-src " + hashSource(statusScript) + "; style-src " + hashSource(statusStyle) +
		"; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

// hashSource is the CSP source allowing one inline script or style.
func hashSource(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// ServeHTTP serves the site from memory; a failed build shows its error.
func (srv *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", sitePolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	switch {
	case !srv.hosts[strings.ToLower(r.Host)]:
		http.Error(w, fmt.Sprintf("salesreview serve answers only requests for 127.0.0.1, localhost or [::1], not %q (--host adds a name)", r.Host), http.StatusMisdirectedRequest)
		return
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
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
	if files == nil && failure == "" {
		failure = "Building the review: this page shows it as soon as it is ready."
		builds = -1
	}
	if failure != "" && serveStatus(w, p, failure, builds) {
		return
	}
	serveFile(w, r, files, p)
}

// serveStatus answers for a site that is not there (building, or its
// build failed): manifest.json changes with each build, so that the page
// reloads; a page shows why. It reports whether it answered.
func serveStatus(w http.ResponseWriter, p, failure string, builds int) bool {
	switch {
	case p == "manifest.json":
		sum := sha256.Sum256([]byte(fmt.Sprint(builds, failure)))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, "{\"failed\":%q}\n", hex.EncodeToString(sum[:]))
	case strings.HasSuffix(p, ".html"):
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", statusPolicy)
		if builds < 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, waitPage(failure))
		} else {
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, errorPage(failure))
		}
	default:
		return false
	}
	return true
}

// serveFile answers with the file p of the site (or p/index.html).
func serveFile(w http.ResponseWriter, r *http.Request, files siteFS, p string) {
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

// The inline style and script of the status pages (allowed by their hashes
// in statusPolicy).
const (
	statusStyle  = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#222}pre{background:#fff4f4;border:1px solid #e99;padding:1rem;white-space:pre-wrap}`
	statusScript = `(function(){var last=null;setInterval(function(){fetch("/manifest.json",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(last!==null&&t!==last){location.reload()}last=t}).catch(function(){})},1000)})()`
)

func statusPage(title, heading, text, detail string) string {
	pre := ""
	if detail != "" {
		pre = "<pre>" + html.EscapeString(detail) + "</pre>"
	}
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + html.EscapeString(title) + ` - salesreview</title>
<style>` + statusStyle + `</style></head>
<body><h1>` + html.EscapeString(heading) + `</h1><p>` + html.EscapeString(text) + `</p>` + pre + `
<script>` + statusScript + `</script>
</body></html>
`
}
