//go:build unix

package userfile

import (
	"errors"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRead(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "notes")
	write(t, filepath.Join(dir, "a.md"), "hello")
	write(t, filepath.Join(dir, "sub", "b.md"), "inner")
	write(t, filepath.Join(root, "secret.txt"), "secret")
	write(t, filepath.Join(dir, "big.md"), strings.Repeat("x", 2048))
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(dir, "out.md")))
	must(os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.md")))
	must(os.Symlink("a.md", filepath.Join(dir, "alias.md")))
	must(os.Symlink("/dev/zero", filepath.Join(dir, "zero.md")))
	must(syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o644))
	must(os.Mkdir(filepath.Join(dir, "folder.md"), 0o755))

	for _, tc := range []struct {
		rel, want, err string
	}{
		{rel: "a.md", want: "hello"},
		{rel: "sub/b.md", want: "inner"},
		{rel: "alias.md", want: "hello"},
		{rel: "out.md", err: "outside its folder"},
		{rel: "passwd.md", err: "outside its folder"},
		{rel: "zero.md", err: "outside its folder"},
		{rel: "fifo.md", err: "is not a regular file (a named pipe)"},
		{rel: "folder.md", err: "is not a regular file (a folder)"},
		{rel: "big.md", err: "is larger than the limit of 1 KiB"},
		{rel: "../secret.txt", err: "is outside the folder"},
		{rel: "/etc/passwd", err: "is outside the folder"},
		{rel: "missing.md", err: "no such file"},
	} {
		got, err := Read(dir, tc.rel, 1024)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("Read(%q): %v", tc.rel, err)
		case tc.err == "" && string(got) != tc.want:
			t.Errorf("Read(%q) = %q, want %q", tc.rel, got, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("Read(%q) error = %v, want one containing %q", tc.rel, err, tc.err)
		}
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "salesreview.yaml"), "title: x\n")
	if b, err := ReadFile(filepath.Join(dir, "salesreview.yaml"), 100); err != nil || string(b) != "title: x\n" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	for path, want := range map[string]string{
		"/dev/zero":                   "is not a regular file (a device)",
		"/proc/self/environ":          "larger than the limit",
		filepath.Join(dir, "missing"): "no such file",
	} {
		_, err := ReadFile(path, 0)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
			t.Errorf("ReadFile(%q) error = %v, want one naming the file and containing %q", path, err, want)
		}
	}
	// /proc/self/environ named directly is inside its folder and says it
	// is empty: what it holds beyond that is refused.
	if _, err := ReadFile("/proc/self/environ", 1<<20); err == nil || !strings.Contains(err.Error(), "holds more than its size of 0 bytes") {
		t.Errorf("ReadFile(/proc/self/environ) error = %v", err)
	}
	link := filepath.Join(dir, "env.yaml")
	if err := os.Symlink("/proc/self/environ", link); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(link, 1<<20); err == nil || !strings.Contains(err.Error(), "outside its folder") {
		t.Errorf("ReadFile(link to environ) error = %v", err)
	}
}

func TestFSParsesTemplates(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "footer.html"), `{{define "footer"}}mine{{end}}`)
	tmpl, err := template.ParseFS(FS(dir, 1<<10), "*.html")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, "footer", nil); err != nil || b.String() != "mine" {
		t.Errorf("footer = %q, %v", b.String(), err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "leak.html")); err != nil {
		t.Fatal(err)
	}
	if _, err := template.ParseFS(FS(dir, 1<<10), "*.html"); err == nil || !strings.Contains(err.Error(), "outside its folder") {
		t.Errorf("ParseFS with a link out = %v, want a refusal", err)
	}
}

// TestErrorKinds: callers tell why a file was refused with errors.Is, and
// word it themselves with the Reason of an *Error.
func TestErrorKinds(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "big.md"), strings.Repeat("x", 2048))
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rel    string
		is     error
		reason string
	}{
		{"passwd.md", ErrOutside, "is a link to a file outside its folder " + dir},
		{"../x.md", ErrOutside, "is outside the folder " + dir},
		{"fifo.md", ErrNotRegular, "is not a regular file (a named pipe)"},
		{"big.md", ErrTooLarge, "is larger than the limit of 1 KiB"},
		{"missing.md", fs.ErrNotExist, "no such file or directory"},
	} {
		_, err := Read(dir, tc.rel, 1024)
		var e *Error
		if !errors.Is(err, tc.is) || !errors.As(err, &e) || e.Reason != tc.reason || err.Error() != e.Path+": "+tc.reason {
			t.Errorf("Read(%q) = %v (%#v), want errors.Is %v and reason %q", tc.rel, err, e, tc.is, tc.reason)
		}
	}
}
