package site

import (
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
	if err := Write(dir, []File{{Path: "index.html", Data: []byte("one")}, {Path: "regions/a.html", Data: []byte("a")}}, false); err != nil {
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
	if err := Write(dir, []File{{Path: "index.html", Data: []byte("two")}}, false); err != nil {
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
	err := Write(dir, []File{{Path: "index.html", Data: []byte("x")}}, false)
	if err == nil || !strings.Contains(err.Error(), "not made by salesreview") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err = %v", err)
	}
	if got := readTree(t, dir); len(got) != 1 || got["thesis.tex"] != "years of work" {
		t.Fatalf("folder changed: %v", got)
	}
	// With force the folder is replaced, but not deleted: it is moved aside.
	if err := Write(dir, []File{{Path: "index.html", Data: []byte("x")}}, true); err != nil {
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
	if err := Write(empty, []File{{Path: "index.html", Data: []byte("x")}}, false); err != nil {
		t.Fatal(err)
	}
	// A file is never replaced by a folder.
	file := filepath.Join(parent, "file")
	if err := os.WriteFile(file, []byte("f"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(file, nil, true); err == nil {
		t.Error("a file was replaced")
	}
}

// TestWriteFailureKeepsPreviousSite makes a build fail half-way (a file and
// a folder of the same name) and checks that the previous site is intact
// and no temporary folder is left.
func TestWriteFailureKeepsPreviousSite(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	if err := Write(dir, []File{{Path: "index.html", Data: []byte("good")}}, false); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dir)
	err := Write(dir, []File{{Path: "a", Data: []byte("file")}, {Path: "a/b.html", Data: []byte("x")}, {Path: "index.html", Data: []byte("bad")}}, false)
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
		if err := Write(dir, []File{{Path: p, Data: []byte("x")}}, false); err == nil {
			t.Errorf("path %q accepted", p)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("site folder made for unsafe paths: %v", err)
	}
}

func TestWriteRenderedSite(t *testing.T) {
	files, err := Render(fixtureReview(true), Options{Templates: templatesFS()})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out", "site")
	if err := Write(dir, files, false); err != nil {
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
	dir := t.TempDir()
	name := filepath.Join(dir, "review.html")
	if err := WriteSingle(name, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteSingle(name, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != "two" {
		t.Errorf("got %q", b)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("left: %v", names)
	}
	if err := WriteSingle(dir, []byte("x")); err == nil {
		t.Error("a folder was overwritten")
	}
}
