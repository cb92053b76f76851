//go:build unix

package site

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/salesreview/salesreview/report"
)

// TestCommentaryFilesRefused: a commentary file is read only when it is a
// regular file inside the folder after following links (issue 14, item 2):
// a link to /etc/passwd or /proc/self/environ would publish it, and a FIFO
// would hang the build. Each is an error naming the file.
func TestCommentaryFilesRefused(t *testing.T) {
	rev := fixtureReview(false)
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("SECRET-TOKEN\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, want string
		make       func(path string) error
	}{
		{"a.md", "a.md: is a link to a file outside its folder", func(p string) error { return os.Symlink("/etc/passwd", p) }},
		{"b.md", "b.md: is a link to a file outside its folder", func(p string) error { return os.Symlink("/proc/self/environ", p) }},
		{"c.md", "c.md: is not a regular file (a named pipe)", func(p string) error { return syscall.Mkfifo(p, 0o644) }},
		{"d.md", "d.md: is a link to a file outside its folder", func(p string) error { return os.Symlink(outside, p) }},
		{"e.md", "e.md: is a link to a file outside its folder", func(p string) error { return os.Symlink("/dev/zero", p) }},
		{"f.md", "f.md: is not a regular file (a folder)", func(p string) error { return os.Symlink(".", p) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeNotes(t, map[string]string{"ok.md": "fine\n"})
			if err := tc.make(filepath.Join(dir, tc.name)); err != nil {
				t.Fatal(err)
			}
			err := loadWithin(t, dir, rev)
			if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, tc.want)) {
				t.Errorf("err = %v, want one holding %q", err, tc.want)
			}
		})
	}
	// A link to a file inside the folder is fine.
	dir := writeNotes(t, map[string]string{"real.txt": "---\npage: revenue\n---\nlinked note\n"})
	if err := os.Symlink("real.txt", filepath.Join(dir, "alias.md")); err != nil {
		t.Fatal(err)
	}
	notes, _, err := LoadCommentary(dir, rev)
	if err != nil || len(notes) != 1 || !strings.Contains(string(notes[0].HTML), "linked note") {
		t.Errorf("link inside the folder: notes %v, err %v", notes, err)
	}
}

// loadWithin loads commentary, failing the test instead of hanging when
// the load does not return (a FIFO opened for reading waits for a writer).
func loadWithin(t *testing.T, dir string, rev *report.Review) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, _, err := LoadCommentary(dir, rev)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("LoadCommentary did not return in 20 s (blocked on a FIFO?)")
		return nil
	}
}
