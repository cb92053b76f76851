package safety

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// repoRoot is the module root, relative to this package.
var repoRoot = filepath.Join("..", "..", "..")

// TestNoUnsafeAPIs scans the program's Go files (tests excluded) for the
// APIs that would run data as code: goldmark's unsafe mode, go-echarts'
// page and snippet renderers (which insert option JSON unescaped and turn
// "__f__" strings into JavaScript), its JavaScript function options, and
// ECharts' dataView (which renders data as HTML).
func TestNoUnsafeAPIs(t *testing.T) {
	banned := map[string]*regexp.Regexp{
		"goldmark unsafe mode":         regexp.MustCompile(`\bWithUnsafe\s*\(`),
		"go-echarts snippet renderer":  regexp.MustCompile(`\bRenderSnippet\s*\(`),
		"go-echarts page":              regexp.MustCompile(`\bcomponents\.NewPage\s*\(`),
		"go-echarts JavaScript option": regexp.MustCompile(`\bopts\.FuncOpts\s*\(|\bopts\.FuncStripCommentsOpts\s*\(|\btypes\.FuncStr\b`),
		"ECharts dataView":             regexp.MustCompile(`\bToolBoxFeatureDataView\b|"dataView"`),
		"html/template bypass of data": regexp.MustCompile(`\btemplate\.(JS|JSStr|HTMLAttr|URL|Srcset|CSS)\s*\(`),
	}
	err := filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "node_modules", "testdata", ".git", "bench":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repoRoot, p)
		rel = filepath.ToSlash(rel)
		for i, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "//") || reviewedBypass[rel+": "+strings.TrimSpace(line)] {
				continue
			}
			for what, re := range banned {
				if re.MatchString(line) {
					t.Errorf("%s:%d: %s: %s (if it is safe, say why in reviewedBypass in report/testsuite/safety/static_test.go)", rel, i+1, what, strings.TrimSpace(line))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// reviewedBypass lists the html/template bypasses that were reviewed, by
// file and exact line. A new bypass fails TestNoUnsafeAPIs until someone
// reviews it and adds it here with the reason.
var reviewedBypass = map[string]bool{
	// Chart data islands: encoding/json with SetEscapeHTML(true) escapes <,
	// > and &, so no data can end the <script type="application/json">.
	`report/site/chart.go: return template.JS(bytes.TrimRight(b.Bytes(), "\n")), nil`: true,
	// The user's logo: a path the site chose, or a data: URL of an image
	// whose MIME type the site checked.
	`report/site/render.go: p.Head.Logo = template.URL(relTo(p.Path, a.logoPath))`:                                                     true,
	`report/site/render.go: v.Head.Logo = template.URL("data:" + a.logoMIME + ";base64," + base64.StdEncoding.EncodeToString(a.logo))`: true,
	// The single-file page inlines the site's own script and style files
	// (allowed by hash in its CSP); no data goes into them.
	`report/site/render.go: inline = append(inline, template.JS(s))`:                                              true,
	`report/site/render.go: Head: headView{CSP: csp, InlineStyle: template.CSS(a.style), InlineScripts: inline}}`: true,
}

// TestSiteScriptRunsNoData checks the site's own script: no eval, no
// Function constructor, no HTML built from strings; tooltips forced to
// rich text (drawn on the canvas, never parsed as HTML); title links
// dropped.
func TestSiteScriptRunsNoData(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "templates", "assets", "report.js"))
	if err != nil {
		t.Fatal(err)
	}
	js := string(b)
	for _, bad := range []string{"eval(", "new Function", "Function(", "innerHTML", "outerHTML", "insertAdjacentHTML",
		"document.write", "setTimeout('", `setTimeout("`, "javascript:"} {
		if strings.Contains(js, bad) {
			t.Errorf("report.js uses %s", bad)
		}
	}
	for _, must := range []string{"renderMode = 'richText'", "delete t.link"} {
		if !strings.Contains(js, must) {
			t.Errorf("report.js lacks %q", must)
		}
	}
}

// TestEChartsPinned checks that the committed ECharts build is the file
// whose SHA-256 `make update-echarts` recorded in echarts.min.js.sha256, that
// it is 5.5.1 or later (earlier versions run HTML in tooltips of data), and
// that its Apache-2.0 LICENSE and NOTICE lie beside it.
func TestEChartsPinned(t *testing.T) {
	assets := filepath.Join(repoRoot, "templates", "assets")
	min, err := os.ReadFile(filepath.Join(assets, "echarts.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	record, err := os.ReadFile(filepath.Join(assets, "echarts.min.js.sha256"))
	if err != nil {
		t.Fatal(err)
	}
	want, name, ok := strings.Cut(strings.TrimSpace(string(record)), "  ")
	if !ok || name != "echarts.min.js" || len(want) != 64 {
		t.Fatalf("echarts.min.js.sha256 is %q, want \"<64 hex digits>  echarts.min.js\" (make update-echarts writes it)", record)
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(min)); got != want {
		t.Errorf("templates/assets/echarts.min.js has SHA-256 %s, the record says %s: "+
			"replace ECharts only with `make update-echarts`", got, want)
	}
	m := regexp.MustCompile(`version="(\d+\.\d+\.\d+)"`).FindSubmatch(min)
	if m == nil {
		t.Fatal("templates/assets/echarts.min.js does not say its version")
	}
	if !atLeast(string(m[1]), 5, 5, 1) {
		t.Errorf("echarts %s is committed, want 5.5.1 or later", m[1])
	}
	for file, must := range map[string]string{"echarts.LICENSE": "Apache License", "echarts.NOTICE": "Apache ECharts"} {
		b, err := os.ReadFile(filepath.Join(assets, file))
		if err != nil {
			t.Error(err)
		} else if !strings.Contains(string(b), must) {
			t.Errorf("templates/assets/%s does not mention %q", file, must)
		}
	}
}

// atLeast reports whether the version "x.y.z" is at least maj.min.patch.
func atLeast(v string, maj, min, patch int) bool {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) != 3 {
		return false
	}
	var n [3]int
	for i, p := range parts {
		x, err := strconv.Atoi(strings.SplitN(p, "-", 2)[0])
		if err != nil {
			return false
		}
		n[i] = x
	}
	want := [3]int{maj, min, patch}
	for i := range n {
		if n[i] != want[i] {
			return n[i] > want[i]
		}
	}
	return true
}
