package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildInterrupted: a build whose context ends (what SIGINT and
// SIGTERM do, see Main) says "interrupted", exits with status 1, leaves the
// previous site as it was and nothing beside it, and removes its
// temporary folder. (The signals themselves, at random times, are sent by
// report/testsuite/safety TestBinaryInterruptedBuild.)
func TestBuildInterrupted(t *testing.T) {
	templates := builtinTemplates(t)
	base := t.TempDir()
	t.Setenv("TMPDIR", base)
	work := t.TempDir()
	deals := filepath.Join(work, "deals.csv")
	if err := os.WriteFile(deals, []byte(serveDeals), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(work, "site")
	args := []string{"build", deals, "-o", out, "--build-date", "2026-07-15"}
	if status := Main(args, &strings.Builder{}, &strings.Builder{}, templates); status != ExitOK {
		t.Fatalf("first build: status %d", status)
	}
	before := tmpEntries(t, out)
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr strings.Builder
	single := append(args[:len(args):len(args)], "--single-file", "-o", filepath.Join(work, "review.html"))
	for _, a := range [][]string{args, single} {
		stderr.Reset()
		if status := mainContext(ctx, a, &strings.Builder{}, &stderr, templates); status != ExitInput {
			t.Errorf("%v: status %d, want %d", a, status, ExitInput)
		}
		if stderr.String() != "salesreview: interrupted\n" {
			t.Errorf("%v: stderr %q", a, stderr.String())
		}
	}
	if got := tmpEntries(t, out); strings.Join(got, " ") != strings.Join(before, " ") {
		t.Errorf("site holds %v after the interrupted build, %v before", got, before)
	}
	if again, _ := os.ReadFile(filepath.Join(out, "index.html")); string(again) != string(index) {
		t.Error("index.html changed")
	}
	if left := tmpEntries(t, work); strings.Join(left, " ") != "deals.csv site" {
		t.Errorf("left beside the site: %v", left)
	}
	if left := tmpEntries(t, base); len(left) > 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}
