package site

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// entries lists the names in dir.
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
	return names
}

func TestWriteNewAndReplace(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	if err := Write(context.Background(), dir, []File{{Path: "index.html", Data: []byte("one")}, {Path: "regions/a.html", Data: []byte("a")}}, false); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	if got["index.html"] != "one" || got["regions/a.html"] != "a" || got[MarkerFile] == "" {
		t.Fatalf("first write: %v", got)
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm()&0o055 != 0o055 {
		t.Errorf("site folder is not readable by others: %v %v", st.Mode(), err)
	}
	// A second build replaces the whole site: files it lacks are gone.
	if err := Write(context.Background(), dir, []File{{Path: "index.html", Data: []byte("two")}}, false); err != nil {
		t.Fatal(err)
	}
	got = readTree(t, dir)
	if got["index.html"] != "two" || got["regions/a.html"] != "" || len(got) != 2 {
		t.Fatalf("second write: %v", got)
	}
	if names := entries(t, parent); len(names) != 1 || names[0] != "site" {
		t.Errorf("left beside the site: %v", names)
	}
}

func TestWriteRefusesForeignFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "thesis.tex"), []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(context.Background(), dir, []File{{Path: "index.html", Data: []byte("x")}}, false)
	if err == nil || !strings.Contains(err.Error(), "not made by salesreview") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err = %v", err)
	}
	if got := readTree(t, dir); len(got) != 1 || got["thesis.tex"] != "years of work" {
		t.Fatalf("folder changed: %v", got)
	}
	// With force the folder is replaced, but not deleted: it is moved aside.
	if err := Write(context.Background(), dir, []File{{Path: "index.html", Data: []byte("x")}}, true); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dir+".old"); got["thesis.tex"] != "years of work" {
		t.Fatalf("old folder not kept: %v", got)
	}
	if got := readTree(t, dir); got["index.html"] != "x" {
		t.Fatalf("new site: %v", got)
	}
	// An empty folder may be used without force.
	empty := filepath.Join(parent, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), empty, []File{{Path: "index.html", Data: []byte("x")}}, false); err != nil {
		t.Fatal(err)
	}
	// A file is never replaced by a folder.
	file := filepath.Join(parent, "file")
	if err := os.WriteFile(file, []byte("f"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), file, nil, true); err == nil {
		t.Error("a file was replaced")
	}
}

// TestWriteFailureKeepsPreviousSite makes a build fail half-way (a file and
// a folder of the same name) and checks that the previous site is intact
// and no temporary folder is left.
func TestWriteFailureKeepsPreviousSite(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	if err := Write(context.Background(), dir, []File{{Path: "index.html", Data: []byte("good")}}, false); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dir)
	err := Write(context.Background(), dir, []File{{Path: "a", Data: []byte("file")}, {Path: "a/b.html", Data: []byte("x")}, {Path: "index.html", Data: []byte("bad")}}, false)
	if err == nil {
		t.Fatal("conflicting paths were written")
	}
	after := readTree(t, dir)
	if len(after) != len(before) || after["index.html"] != "good" {
		t.Fatalf("previous site changed: %v", after)
	}
	if names := entries(t, parent); len(names) != 1 {
		t.Errorf("left beside the site: %v", names)
	}
}

func TestWriteRejectsUnsafePaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	for _, p := range []string{"../x", "/etc/passwd", "a/../../x", `a\b`, "", ".", "C:x"} {
		if err := Write(context.Background(), dir, []File{{Path: p, Data: []byte("x")}}, false); err == nil {
			t.Errorf("path %q accepted", p)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("site folder made for unsafe paths: %v", err)
	}
}

func TestWriteRenderedSite(t *testing.T) {
	made, err := Render(fixtureReview(true), Options{Templates: templatesFS()})
	if err != nil {
		t.Fatal(err)
	}
	files := made.Files
	dir := filepath.Join(t.TempDir(), "out", "site")
	if err := Write(context.Background(), dir, files, false); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	if len(got) != len(files) {
		t.Errorf("%d files on disk, %d rendered", len(got), len(files))
	}
	for _, f := range files {
		if got[f.Path] != string(f.Data) {
			t.Errorf("%s differs on disk", f.Path)
		}
	}
}

func TestWriteSingle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	name := filepath.Join(dir, "review.html")
	one, two := SingleFileMark+"one", SingleFileMark+"two"
	if err := WriteSingle(ctx, name, []byte(one), false); err != nil {
		t.Fatal(err)
	}
	if err := WriteSingle(ctx, name, []byte(two), false); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != two {
		t.Errorf("got %q", b)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("left: %v", names)
	}
	if err := WriteSingle(ctx, dir, []byte("x"), true); err == nil {
		t.Error("a folder was overwritten")
	}
}

// TestWriteSingleRefusesForeignFile: a file salesreview did not write is
// kept unless forced; a file it wrote keeps its permissions when replaced.
func TestWriteSingleRefusesForeignFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("my notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := WriteSingle(ctx, notes, []byte(SingleFileMark+"site"), false)
	if err == nil || !strings.Contains(err.Error(), "not written by salesreview") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("err = %v, want a refusal naming --force", err)
	}
	if b, _ := os.ReadFile(notes); string(b) != "my notes" {
		t.Errorf("the file changed: %q", b)
	}
	// A marked file with private permissions is replaced and stays private.
	if err := WriteSingle(ctx, notes, []byte(SingleFileMark+"site"), true); err != nil {
		t.Fatal(err)
	}
	if err := WriteSingle(ctx, notes, []byte(SingleFileMark+"again"), false); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(notes)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode after replacing = %v, %v; want 0600 kept", st.Mode(), err)
	}
	// A link or a special file is never written through.
	link := filepath.Join(dir, "link.html")
	if err := os.Symlink(notes, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteSingle(ctx, link, []byte(SingleFileMark+"x"), false); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("write over a link: %v", err)
	}
}

// interruptAfter is a context whose Err reports cancellation from its
// n-th call on: it stops a write at each of the points where Write asks.
type interruptAfter struct {
	context.Context
	n, calls int
}

func (c *interruptAfter) Err() error {
	c.calls++
	if c.calls > c.n {
		return context.Canceled
	}
	return nil
}

// TestWriteInterrupted interrupts Write and WriteSingle at every point
// where they look at the context, from before the first file to after the
// swap: each time either the call fails with context.Canceled and the
// previous site (or file) is there byte for byte, or it succeeds and the
// new one is there whole; nothing else is left beside it.
func TestWriteInterrupted(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	prev := []File{{Path: "index.html", Data: []byte("previous")}, {Path: "regions/a.html", Data: []byte("a")}}
	next := []File{{Path: "index.html", Data: []byte("next")}, {Path: "regions/b.html", Data: []byte("b")}, {Path: "x.csv", Data: []byte("1")}}
	finished := false
	for n := 0; !finished; n++ {
		if err := Write(context.Background(), dir, prev, false); err != nil {
			t.Fatal(err)
		}
		before := readTree(t, dir)
		err := Write(&interruptAfter{Context: context.Background(), n: n}, dir, next, false)
		after := readTree(t, dir)
		switch {
		case err == nil:
			finished = true
			if after["index.html"] != "next" || len(after) != 4 {
				t.Errorf("stop %d: finished, but the site is %v", n, after)
			}
		case !errors.Is(err, context.Canceled):
			t.Fatalf("stop %d: %v", n, err)
		case !maps.Equal(before, after):
			t.Errorf("stop %d: interrupted, and the previous site changed to %v", n, after)
		}
		if names := entries(t, parent); len(names) != 1 {
			t.Errorf("stop %d: left beside the site: %v", n, names)
		}
	}
	name := filepath.Join(parent, "review.html")
	finished = false
	for n := 0; !finished; n++ {
		if err := WriteSingle(context.Background(), name, []byte(SingleFileMark+"previous"), false); err != nil {
			t.Fatal(err)
		}
		err := WriteSingle(&interruptAfter{Context: context.Background(), n: n}, name, []byte(SingleFileMark+"next"), false)
		got, _ := os.ReadFile(name)
		switch {
		case err == nil:
			finished = true
			if string(got) != SingleFileMark+"next" {
				t.Errorf("stop %d: finished, but the file holds %q", n, got)
			}
		case !errors.Is(err, context.Canceled):
			t.Fatalf("stop %d: %v", n, err)
		case string(got) != SingleFileMark+"previous":
			t.Errorf("stop %d: interrupted, and the file changed to %q", n, got)
		}
		if names := entries(t, parent); len(names) != 2 {
			t.Errorf("stop %d: left beside the file: %v", n, names)
		}
	}
}

// TestWriteClearsLeftovers: what a build killed outright left beside the
// site is removed by the next write, and a previous site it had moved
// aside is put back first (so a build that then fails keeps it).
func TestWriteClearsLeftovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	mk := func(p, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Killed between moving the previous site aside and renaming the new one.
	mk(filepath.Join(parent, ".site.old-123", "site", "index.html"), "previous")
	mk(filepath.Join(parent, ".site.old-123", "site", MarkerFile), markerText)
	mk(filepath.Join(parent, ".site.tmp-456", "index.html"), "half")
	mk(filepath.Join(parent, ".site.tmp-789", "index.html"), "other")
	mk(filepath.Join(parent, ".other.tmp-1", "keep"), "not ours")
	err := Write(context.Background(), dir, []File{{Path: "a", Data: []byte("f")}, {Path: "a/b", Data: []byte("x")}}, false)
	if err == nil {
		t.Fatal("conflicting paths were written")
	}
	if got := readTree(t, dir); got["index.html"] != "previous" {
		t.Errorf("previous site not put back: %v", got)
	}
	if got := strings.Join(entries(t, parent), " "); got != ".other.tmp-1 site" {
		t.Errorf("left %q", got)
	}
	// A file's leftovers too.
	name := filepath.Join(parent, "review.html")
	mk(filepath.Join(parent, ".review.html.tmp-1"), "half")
	mk(filepath.Join(parent, ".review.html.old-2", "site"), SingleFileMark+"previous")
	if err := WriteSingle(context.Background(), name, []byte(SingleFileMark+"new"), false); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(entries(t, parent), " "); got != ".other.tmp-1 review.html site" {
		t.Errorf("left %q", got)
	}
}
