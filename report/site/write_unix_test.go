//go:build unix

package site

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// undeletable makes the folder dir refuse the removal of its entries: for
// root (whom permissions do not stop) by the immutable attribute, else by
// taking away its write permission. It is undone when the test ends.
func undeletable(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot make a folder undeletable here (chattr +i: %v %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
}

// TestWriteRefusesUndeletablePrevious: a previous site holding a folder
// whose entries cannot be removed is not replaced: the build fails before
// anything changes (it used to swap the new site in, fail to delete the
// old one, and report the failure with the site already replaced).
func TestWriteRefusesUndeletablePrevious(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	if err := Write(context.Background(), dir, []File{{Path: "index.html", Data: []byte("previous")}, {Path: "regions/a.html", Data: []byte("a")}}, false); err != nil {
		t.Fatal(err)
	}
	undeletable(t, filepath.Join(dir, "regions"))
	before := readTree(t, dir)
	err := Write(context.Background(), dir, []File{{Path: "index.html", Data: []byte("next")}}, false)
	if err == nil || !strings.Contains(err.Error(), "the previous site cannot be replaced") || !strings.Contains(err.Error(), "regions") {
		t.Fatalf("err = %v, want a refusal naming the folder", err)
	}
	if after := readTree(t, dir); !maps.Equal(before, after) {
		t.Errorf("the previous site changed: %v", after)
	}
	if names := entries(t, parent); len(names) != 1 {
		t.Errorf("left beside the site: %v", names)
	}
}
