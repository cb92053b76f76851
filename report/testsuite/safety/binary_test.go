package safety

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/salesreview/salesreview/report/site"
	"github.com/salesreview/salesreview/report/testsuite/hostile"
	"github.com/salesreview/salesreview/report/testsuite/pagecheck"
)

// binary builds the salesreview command once per test run and returns its
// path; it skips the test when there is no go command.
var binary = func() func(t *testing.T) string {
	var (
		once sync.Once
		path string
		err  error
	)
	return func(t *testing.T) string {
		t.Helper()
		goCmd, lookErr := exec.LookPath("go")
		if lookErr != nil {
			t.Skip("no go command to build the binary with")
		}
		once.Do(func() {
			dir, mkErr := os.MkdirTemp("", "salesreview-bin-")
			if mkErr != nil {
				err = mkErr
				return
			}
			binDir = dir
			path = filepath.Join(dir, "salesreview")
			out, buildErr := exec.Command(goCmd, "build", "-o", path, "github.com/salesreview/salesreview").CombinedOutput()
			if buildErr != nil {
				err = errors.New(string(out))
			}
		})
		if err != nil {
			t.Fatalf("building salesreview: %v", err)
		}
		return path
	}
}()

// binDir is the folder of the built binary, removed by TestMain.
var binDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// run is one run of the binary.
type run struct {
	code           int
	stdout, stderr string
}

// runBinary runs salesreview with args in dir, with a minute's timeout.
func runBinary(t *testing.T, dir string, args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := run{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		t.Fatalf("salesreview %v: %v", args, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("salesreview %v: still running after a minute", args)
	}
	for _, s := range []string{"panic:", "goroutine ", "runtime error", ".go:", "internal error"} {
		if strings.Contains(r.stderr, s) || strings.Contains(r.stdout, s) {
			t.Errorf("salesreview %v: output holds %q (a crash?):\n%s%s", args, s, r.stdout, r.stderr)
		}
	}
	return r
}

// treeHash returns path -> SHA-256 of every file under dir ("" when dir
// does not exist).
func treeHash(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel+"/"] = "dir"
			return nil
		}
		b, err := os.ReadFile(p)
		sum := sha256.Sum256(b)
		out[rel] = hex.EncodeToString(sum[:])
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// entries lists the names in dir, sorted.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// TestBinaryHostileInputs runs `salesreview build` and `salesreview
// validate` on every hostile file: never a crash; a refused file gives its
// exact one-line error, exit status 1 and no output folder; an accepted one
// gives exit status 0 and a complete site whose pages pass the page check;
// and nothing but the site is left beside it (no temporary folder).
func TestBinaryHostileInputs(t *testing.T) {
	corpus := t.TempDir()
	if _, err := hostile.Write(corpus); err != nil {
		t.Fatal(err)
	}
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			work := t.TempDir()
			in := filepath.Join(corpus, c.File)
			r := runBinary(t, work, "build", in, "-o", "out", "--build-date", "2024-07-01")
			refused := refusedCases[c.Name]
			switch {
			case refused != "":
				if r.code != 1 {
					t.Errorf("exit status %d, want 1; stderr:\n%s", r.code, r.stderr)
				}
				if !strings.Contains(r.stderr, refused+"\n") {
					t.Errorf("stderr does not hold the line\n  %s\ngot:\n%s", refused, r.stderr)
				}
			case mustBuild[c.Name] && r.code != 0:
				t.Errorf("exit status %d, want 0; stderr:\n%s", r.code, r.stderr)
			case r.code != 0 && r.code != 1:
				t.Errorf("exit status %d, want 0 or 1; stderr:\n%s", r.code, r.stderr)
			}
			left := entries(t, work)
			if r.code != 0 {
				if len(left) != 0 {
					t.Errorf("failed build left %v in its folder", left)
				}
			} else {
				if strings.Join(left, ",") != "out" {
					t.Errorf("build left %v beside the site, want only out", left)
				}
				checkBuiltSite(t, filepath.Join(work, "out"))
			}
			if c.Name == "spooled-sheet" {
				return // a 17 MiB sheet: building it once is enough
			}
			v := runBinary(t, work, "validate", in)
			if v.code != r.code {
				t.Errorf("validate exit status %d, build %d; validate stderr:\n%s", v.code, r.code, v.stderr)
			}
		})
	}
}

// refusedCases are the files the binary must refuse, with the exact line it
// prints (the file's base name and zipcheck's message).
var refusedCases = map[string]string{}

// mustBuild are the files that must build.
var mustBuild = map[string]bool{}

func init() {
	for name, sc := range sourceCases {
		if sc.gap != "" {
			continue
		}
		switch {
		case strings.HasPrefix(sc.kind, "error:"):
			refusedCases[name] = strings.TrimPrefix(sc.kind, "error:")
		case sc.kind == "deals":
			mustBuild[name] = true
		}
	}
}

// checkBuiltSite checks a site written by the binary: the marker, the
// manifest and the pages, each passing the page check.
func checkBuiltSite(t *testing.T, dir string) {
	t.Helper()
	for _, name := range []string{"index.html", "manifest.json", site.MarkerFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("site lacks %s: %v", name, err)
		}
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !safePath.MatchString(rel) {
			t.Errorf("site file %q: not a safe path", rel)
		}
		data, err := os.ReadFile(p)
		for _, prob := range pagecheck.Problems(rel, data, pagecheck.Options{}) {
			t.Errorf("%s: %s", rel, prob)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBinaryKeepsPreviousSite checks "nothing lost": a failed build leaves
// the previous site byte for byte; a folder salesreview did not make is
// refused and left alone; and so is a file in the output's place.
func TestBinaryKeepsPreviousSite(t *testing.T) {
	corpus := t.TempDir()
	if _, err := hostile.Write(corpus); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	if r := runBinary(t, work, "build", filepath.Join(corpus, "xss-names.xlsx"), "-o", "out", "--build-date", "2024-07-01"); r.code != 0 {
		t.Fatalf("first build: exit status %d:\n%s", r.code, r.stderr)
	}
	before := treeHash(t, filepath.Join(work, "out"))
	for _, bad := range []string{"zip-bomb.xlsx", "password.xlsx", "truncated.xlsx", "dtd-entity.xlsx"} {
		if r := runBinary(t, work, "build", filepath.Join(corpus, bad), "-o", "out", "--build-date", "2024-07-01"); r.code != 1 {
			t.Errorf("build of %s: exit status %d, want 1", bad, r.code)
		}
		after := treeHash(t, filepath.Join(work, "out"))
		if !equalMaps(before, after) {
			t.Errorf("failed build of %s changed the previous site", bad)
		}
		if got := entries(t, work); strings.Join(got, ",") != "out" {
			t.Errorf("failed build of %s left %v", bad, got)
		}
	}

	// A folder with a file of the user's, not made by salesreview.
	mine := filepath.Join(work, "mine")
	if err := os.Mkdir(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "precious.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBinary(t, work, "build", filepath.Join(corpus, "xss-names.xlsx"), "-o", "mine", "--build-date", "2024-07-01")
	if r.code != 1 {
		t.Errorf("build into a folder salesreview did not make: exit status %d, want 1", r.code)
	}
	if got := treeHash(t, mine); len(got) != 2 || got["precious.txt"] == "" {
		t.Errorf("the user's folder changed: %v", got)
	}

	// A file where the site would go.
	file := filepath.Join(work, "afile")
	if err := os.WriteFile(file, []byte("keep me too"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runBinary(t, work, "build", filepath.Join(corpus, "xss-names.xlsx"), "-o", "afile", "--build-date", "2024-07-01"); r.code != 1 {
		t.Errorf("build onto a file: exit status %d, want 1", r.code)
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "keep me too" {
		t.Errorf("the file in the output's place changed: %q, %v", b, err)
	}
	if got := entries(t, work); strings.Join(got, ",") != "afile,mine,out" {
		t.Errorf("builds left %v", got)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
