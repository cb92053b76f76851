package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tmpEntries lists a folder.
func tmpEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestRunTempRemoved: build, validate and init leave nothing in the
// temporary folder, after a failed run as after a good one, and leave
// TMPDIR as it was; a failed build leaves no temporary folder beside the
// target.
func TestRunTempRemoved(t *testing.T) {
	templates := builtinTemplates(t)
	base := t.TempDir()
	t.Setenv("TMPDIR", base)
	t.Setenv("TMP", base)
	t.Setenv("TEMP", base)
	work := t.TempDir()
	good := filepath.Join(work, "deals.csv")
	bad := filepath.Join(work, "bad.csv")
	header := "Opportunity ID,Account Name,Stage,Close Date,Amount,Region\n"
	if err := os.WriteFile(good, []byte(header+"D1,Acme,Closed Won,2026-05-01,1000,West\nD2,Globex,Prospecting,2026-08-01,500,East\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(header+"D1,\"Acme,Closed Won,2026-05-01,1000,West\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(work, "site")
	var made []string
	onRunTemp = func(dir string) { made = append(made, dir) }
	defer func() { onRunTemp = nil }()
	for _, c := range []struct {
		args   []string
		status int
	}{
		{[]string{"build", bad, "-o", out, "--build-date", "2026-07-15"}, ExitInput},
		{[]string{"build", good, "-o", out, "--build-date", "2026-07-15"}, ExitOK},
		{[]string{"build", bad, "-o", out, "--build-date", "2026-07-15"}, ExitInput},
		{[]string{"build", good, "--single-file", "-o", filepath.Join(work, "review.html"), "--build-date", "2026-07-15"}, ExitOK},
		{[]string{"validate", good}, ExitOK},
		{[]string{"validate", bad}, ExitInput},
		{[]string{"init", good, "-o", filepath.Join(work, "salesreview.yaml")}, ExitOK},
	} {
		var stdout, stderr strings.Builder
		status := Main(c.args, &stdout, &stderr, templates)
		if status != c.status {
			t.Errorf("%s: status %d, want %d\n%s", c.args[0], status, c.status, stderr.String())
		}
		if left := tmpEntries(t, base); len(left) > 0 {
			t.Errorf("%s (status %d): left in the temporary folder: %v", c.args[0], status, left)
		}
		if len(made) != 1 || filepath.Dir(made[0]) != base {
			t.Errorf("%s: run folders made %v, want one in %s", c.args[0], made, base)
		}
		made = nil
		if got := os.Getenv("TMPDIR"); got != base {
			t.Errorf("%s: TMPDIR = %q after the run, want %q", c.args[0], got, base)
		}
	}
	for _, n := range tmpEntries(t, work) {
		if strings.Contains(n, ".tmp-") || strings.Contains(n, ".old-") {
			t.Errorf("left beside the site: %s", n)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("the good site is gone after a failed build: %v", err)
	}
}

// TestRunTempIsSourceTempDir: a job resolved during a run reads with the
// run's folder as the workbook library's temporary folder
// (source.Options.TempDir, excelize's Options.TmpDir); the process's own
// temporary folder stays as it was, and the run folder goes at the end.
func TestRunTempIsSourceTempDir(t *testing.T) {
	base := t.TempDir()
	t.Setenv("TMPDIR", base)
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: os.Getenv}
	var dir string
	err := e.withTemp(func() error {
		j, err := e.resolve(&settings{}, []string{"deals.csv"})
		if err != nil {
			return err
		}
		dir = j.sourceOpts.TempDir
		if filepath.Dir(dir) != base || !strings.HasPrefix(filepath.Base(dir), "salesreview-") {
			t.Errorf("source.Options.TempDir = %q, want a salesreview- folder in %s", dir, base)
		}
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			t.Errorf("run folder %q: %v", dir, err)
		}
		if os.TempDir() != base {
			t.Errorf("os.TempDir() = %q during the run, want %q", os.TempDir(), base)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("run folder still there: %v", err)
	}
	if e.tempDir != "" {
		t.Errorf("env.tempDir = %q after the run", e.tempDir)
	}
}
