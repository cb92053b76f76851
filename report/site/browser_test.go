package site_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/cli"
	"github.com/salesreview/salesreview/report/site"
	"github.com/salesreview/salesreview/report/source"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "save the overview screenshot to docs/screenshot-overview.png")

// chromiumPath finds Debian's Chromium. Without it the test skips, except
// in CI (CI=true), where it fails: the browser test must run there.
func chromiumPath(t *testing.T) string {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed, and CI=true: the browser test must run in CI (.ci/run installs chromium)")
	}
	t.Skip("chromium is not installed; skipping the browser test (it fails instead when CI=true)")
	return ""
}

// pageEvents records what the browser reports while it visits the pages.
type pageEvents struct {
	mu       sync.Mutex
	problems []string
}

func (e *pageEvents) add(format string, a ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.problems = append(e.problems, fmt.Sprintf(format, a...))
}

func (e *pageEvents) take() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	p := e.problems
	e.problems = nil
	return p
}

// listen runs inside chromedp's read loop: it only records.
func (e *pageEvents) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			e.add("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		e.add("exception: %s at %s:%d", msg, d.URL, d.LineNumber+1)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			e.add("log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		if u := ev.Request.URL; !strings.HasPrefix(u, "file://") {
			e.add("request left file://: %.120s", u)
		}
	case *page.EventJavascriptDialogOpening:
		e.add("dialog opened: %s %q", ev.Type, ev.Message)
	}
}

// chartInfo is what the page reports about one chart.
type chartInfo struct {
	ID     string `json:"id"`
	Width  int    `json:"w"`
	Height int    `json:"h"`
	Inked  bool   `json:"inked"`
}

// chartsJS finds every data island's chart box and reports its canvas: its
// size, and whether any pixel was drawn.
const chartsJS = `(() => {
  const out = [];
  for (const island of document.querySelectorAll('script[type="application/json"][id^="chart-"]')) {
    const box = document.getElementById(island.id.replace(/-data$/, ''));
    const c = box ? box.querySelector('canvas') : null;
    let inked = false;
    if (c && c.width > 0 && c.height > 0) {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4 * 7) { if (d[i] !== 0) { inked = true; break; } }
    }
    out.push({id: island.id, w: c ? c.width : 0, h: c ? c.height : 0, inked});
  }
  return out;
})()`

// sortCheckJS sorts the first sortable table by its first numeric column,
// both ways, and checks the order of the values.
const sortCheckJS = `(() => {
  const table = document.querySelector('table.sortable');
  const ths = Array.from(table.tHead.rows[0].cells);
  const col = ths.findIndex(th => th.classList.contains('num'));
  const values = () => Array.from(table.tBodies[0].rows).map(r => r.cells[col].getAttribute('data-v')).filter(v => v !== '').map(Number);
  const button = ths[col].querySelector('button');
  button.click();
  const up = values();
  button.click();
  const down = values();
  const sorted = (a, cmp) => a.every((v, i) => i === 0 || cmp(a[i - 1], v));
  return up.length > 1 && sorted(up, (a, b) => a <= b) && sorted(down, (a, b) => a >= b) &&
    ths[col].getAttribute('aria-sort') === 'descending';
})()`

// TestBrowser builds sites (one with hostile names in every field, one from
// the Maven CRM data), opens every page from file:// in headless Chromium and
// checks: every chart drew a canvas of non-zero size with ink on it, no
// console error or exception, no request left file://, no dialog opened.
// It saves a screenshot of the overview (to docs/ with -update-screenshot).
func TestBrowser(t *testing.T) {
	exe := chromiumPath(t)
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	hostile := site.FixtureReview(true)
	notes := []site.Note{{File: "x.md", Page: "overview", HTML: "<p>commentary</p>"}}
	sites := map[string]*report.Review{"hostile": hostile, "maven": mavenReview(t)}

	tmp := t.TempDir()
	profile := filepath.Join(tmp, "profile")
	allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-pings", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	// A guard against a hung browser, not a speed limit: on a machine shared
	// with other builds (load 30 on 2 cores) the test takes over 2 minutes.
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, allocOpts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	var events pageEvents
	if err := chromedp.Listen(bctx, events.listen); err != nil {
		t.Fatal(err)
	}
	// A dialog would stall the page: dismiss it from another goroutine (the
	// listener above records it as a failure).
	go func() {
		for _, err := range chromedp.Events(bctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			_, _ = chromedp.Call(bctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	// Self-check on a blank page: the recorder must see a console error, an
	// exception, a dialog and a request that is not file:// (to a closed
	// local port; nothing leaves the machine).
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`console.error("self-check"); setTimeout(() => { throw new Error("self-check") }); alert("self-check"); new Image().src = "http://127.0.0.1:9/self-check.png"; true`)); err != nil {
		t.Fatal(err)
	}
	// Collect until every kind arrived (the failed image load is reported
	// last), so that nothing of the self-check is blamed on a page.
	var seen []string
	missing := func() string {
		all := strings.Join(seen, "\n")
		for _, want := range []string{"console.error", "exception", "dialog opened", "request left file://", "self-check.png"} {
			if !strings.Contains(all, want) || want == "self-check.png" && !strings.Contains(all, "log error") {
				return want
			}
		}
		return ""
	}
	for deadline := time.Now().Add(10 * time.Second); missing() != "" && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		seen = append(seen, events.take()...)
	}
	if m := missing(); m != "" {
		t.Fatalf("the event recorder missed %q; it saw:\n%s", m, strings.Join(seen, "\n"))
	}

	// Each site is written to its own folder: the hostile fixture and the
	// Maven data through the package API, the sample review through the CLI
	// exactly as `make demo` builds it.
	type built struct {
		dir   string
		pages []string
	}
	builds := map[string]built{}
	for name, rev := range sites {
		opts := site.Options{Templates: site.TemplatesFS(), BuildDate: "2026-10-06", Title: "Sales review"}
		if name == "hostile" {
			opts.Commentary = notes
			opts.Title = site.HostileNames[0]
		}
		made, err := site.Render(rev, opts)
		if err != nil {
			t.Fatal(err)
		}
		files := made.Files
		dir := filepath.Join(tmp, name)
		if err := site.Write(context.Background(), dir, files, false); err != nil {
			t.Fatal(err)
		}
		builds[name] = built{dir, htmlPages(files)}
	}
	sampleDir := filepath.Join(tmp, "sample")
	var out strings.Builder
	if st := cli.Main([]string{"build", "-c", filepath.Join("..", "..", "sample", "salesreview.yaml"), "-o", sampleDir, "--build-date", "2026-11-16"}, &out, &out, site.TemplatesFS()); st != 0 {
		t.Fatalf("building the sample: exit %d\n%s", st, out.String())
	}
	builds["sample"] = built{sampleDir, htmlFiles(t, sampleDir)}

	names := make([]string, 0, len(builds))
	for n := range builds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		dir := builds[name].dir
		for _, path := range builds[name].pages {
			f := site.File{Path: path}
			url := "file://" + filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(f.Path)))
			if err := chromedp.Do(bctx, chromedp.Navigate(url)); err != nil {
				t.Fatalf("%s %s: %v", name, f.Path, err)
			}
			charts, err := chromedp.Run(bctx, chromedp.Evaluate[[]chartInfo](chartsJS))
			if err != nil {
				t.Fatalf("%s %s: %v", name, f.Path, err)
			}
			for _, c := range charts {
				if c.Width <= 0 || c.Height <= 0 || !c.Inked {
					t.Errorf("%s %s: chart %s did not draw (canvas %dx%d, ink %v)", name, f.Path, c.ID, c.Width, c.Height, c.Inked)
				}
			}
			if strings.Contains(f.Path, "index") && len(charts) == 0 {
				t.Errorf("%s %s: no charts found", name, f.Path)
			}
			if name == "sample" && f.Path == "index.html" {
				shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(tmp, "screenshot-overview.png"), shot, 0o644); err != nil {
					t.Fatal(err)
				}
				if *updateScreenshot {
					if err := os.WriteFile(filepath.Join("..", "..", "docs", "screenshot-overview.png"), shot, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			// Sorting a table must not throw.
			if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`(() => { const b = document.querySelector('table.sortable th.num button'); if (b) { b.click(); b.click(); } return true; })()`)); err != nil {
				t.Errorf("%s %s: sort: %v", name, f.Path, err)
			}
			if strings.HasPrefix(f.Path, "regions/") {
				checkPrint(t, bctx, name+" "+f.Path)
			}
			if name == "sample" && (f.Path == "index.html" || strings.HasPrefix(f.Path, "regions/")) {
				checkPDF(t, bctx, tmp, name+" "+f.Path)
			}
			if f.Path == "reps.html" {
				ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](sortCheckJS))
				if err != nil || !ok {
					t.Errorf("%s reps.html: sorting the league table by bookings does not order its rows (%v)", name, err)
				}
			}
			for _, p := range events.take() {
				t.Errorf("%s %s: %s", name, f.Path, p)
			}
		}
	}
	// The single-file site, too: inline scripts allowed by their hashes.
	made, err := site.Render(hostile, site.Options{Templates: site.TemplatesFS(), SingleFile: true})
	if err != nil {
		t.Fatal(err)
	}
	files := made.Files
	single := filepath.Join(tmp, "single.html")
	if err := site.WriteSingle(context.Background(), single, files[0].Data, false); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+filepath.ToSlash(single))); err != nil {
		t.Fatal(err)
	}
	charts, err := chromedp.Run(bctx, chromedp.Evaluate[[]chartInfo](chartsJS))
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) < 20 {
		t.Errorf("single file: %d charts", len(charts))
	}
	for _, c := range charts {
		if c.Width <= 0 || c.Height <= 0 || !c.Inked {
			t.Errorf("single file: chart %s did not draw (canvas %dx%d)", c.ID, c.Width, c.Height)
		}
	}
	for _, p := range events.take() {
		t.Errorf("single file: %s", p)
	}
	if err := ctx.Err(); errors.Is(err, context.DeadlineExceeded) {
		t.Fatal("browser test ran out of time")
	}
}

// printCheckJS reports charts that would not fit on one landscape sheet
// (A4 and Letter: about 180 mm of height inside the margins) or whose canvas
// lost its size when the page is laid out for print.
const printCheckJS = `(() => {
  window.dispatchEvent(new Event('beforeprint'));
  const mm = 96 / 25.4, bad = [];
  for (const fig of document.querySelectorAll('figure.chart')) {
    const h = fig.getBoundingClientRect().height, c = fig.querySelector('canvas');
    if (h > 180 * mm) bad.push(fig.querySelector('figcaption').textContent + ': ' + Math.round(h / mm) + ' mm tall');
    if (!c || c.width === 0 || c.height === 0) { bad.push(fig.querySelector('figcaption').textContent + ': no canvas'); continue; }
    // The browser prints right after beforeprint, before any animation
    // frame: the chart must already be painted at its print size.
    // (Read through a copy: a second read of the chart's own canvas draws
    // a console warning.)
    const copy = document.createElement('canvas');
    copy.width = c.width; copy.height = c.height;
    const cc = copy.getContext('2d', {willReadFrequently: true});
    cc.drawImage(c, 0, 0);
    const d = cc.getImageData(0, 0, c.width, c.height).data;
    let inked = false;
    for (let i = 3; i < d.length; i += 4 * 7) { if (d[i] !== 0) { inked = true; break; } }
    if (!inked) bad.push(fig.querySelector('figcaption').textContent + ': blank when printed');
  }
  if (getComputedStyle(document.querySelector('nav')).display !== 'none') bad.push('navigation printed');
  window.dispatchEvent(new Event('afterprint'));
  return bad;
})()`

// checkPrint lays the current page out for print and checks that every
// chart fits on a sheet (the print style keeps charts from being cut).
func checkPrint(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	defer chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](printCheckJS))
	if err != nil {
		t.Fatalf("%s: print check: %v", what, err)
	}
	for _, b := range bad {
		t.Errorf("%s, printed: %s", what, b)
	}
}

// checkPDF prints the current page to PDF as Chromium's print dialog
// would (landscape A4, backgrounds on) and checks that a document of a
// sensible number of sheets comes out (a page that printed one sheet per
// table row, or nothing, fails); it is kept in dir for a look.
func checkPDF(t *testing.T, ctx context.Context, dir, what string) {
	t.Helper()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFLandscape(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatalf("%s: print to PDF: %v", what, err)
	}
	sheets := strings.Count(string(pdf), "/Type /Page") - strings.Count(string(pdf), "/Type /Pages")
	if !strings.HasPrefix(string(pdf), "%PDF-") || sheets < 1 || sheets > 20 {
		t.Errorf("%s: printed %d bytes, %d sheets; want a PDF of 1 to 20 sheets", what, len(pdf), sheets)
	}
	name := strings.NewReplacer("/", "-", " ", "-").Replace(what) + ".pdf"
	if err := os.WriteFile(filepath.Join(dir, name), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	// Whether the charts show cannot be read from the PDF without a PDF
	// library (Chromium prints a canvas painted during beforeprint as
	// vector drawing, compressed): printCheckJS checks that they are painted
	// at once when the page is laid out for print.
	t.Logf("%s: printed %d sheets", what, sheets)
}

// htmlPages lists the paths of the HTML pages among files.
func htmlPages(files []site.File) []string {
	var pages []string
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			pages = append(pages, f.Path)
		}
	}
	return pages
}

// htmlFiles lists the HTML pages under dir, as slash paths relative to it.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		pages = append(pages, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	return pages
}

// mavenReview computes the review of the Maven CRM sample data.
func mavenReview(t *testing.T) *report.Review {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "maven-crm")
	recs, err := source.Read(source.Options{Inputs: []source.Input{
		{Path: filepath.Join(dir, "sales_pipeline.csv"), Role: report.DealTable},
		{Path: filepath.Join(dir, "accounts.csv"), Role: report.AccountTable},
		{Path: filepath.Join(dir, "sales_teams.csv"), Role: report.RosterTable},
	}})
	if err != nil {
		t.Fatal(err)
	}
	rev, err := report.Compute(recs, nil, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rev
}
