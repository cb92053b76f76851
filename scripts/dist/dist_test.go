package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var commitTime = time.Date(2026, 12, 5, 20, 10, 49, 0, time.UTC)

// fakeBuild writes a bin folder with small fake binaries for three
// platforms, and two documents, with file times and modes that must not
// reach the archives.
func fakeBuild(t *testing.T, stamp time.Time) (bin string, docs []string) {
	t.Helper()
	dir := t.TempDir()
	bin = filepath.Join(dir, "bin")
	for _, p := range []string{"windows-arm64", "linux-amd64", "darwin-arm64"} {
		exe := "salesreview"
		if strings.HasPrefix(p, "windows") {
			exe += ".exe"
		}
		write(t, filepath.Join(bin, p, exe), "binary for "+p, 0o700, stamp)
	}
	for _, d := range []string{"README.md", "LICENSE"} {
		docs = append(docs, write(t, filepath.Join(dir, d), "text of "+d, 0o600, stamp))
	}
	return bin, docs
}

func write(t *testing.T, path, text string, mode os.FileMode, stamp time.Time) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, stamp, stamp); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReproducible packs two builds whose files differ only in file times
// and modes, and wants the same bytes.
func TestReproducible(t *testing.T) {
	r := release{Version: "v0.1.0", ModTime: commitTime}
	var outs [2]string
	for i, stamp := range []time.Time{time.Now(), time.Unix(1e9, 0)} {
		bin, docs := fakeBuild(t, stamp)
		r.Documents = docs
		outs[i] = t.TempDir()
		names, err := r.Write(bin, outs[i])
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"salesreview_v0.1.0_darwin_arm64.tar.gz", "salesreview_v0.1.0_linux_amd64.tar.gz",
			"salesreview_v0.1.0_windows_arm64.zip", "SHA256SUMS"}
		if fmt.Sprint(names) != fmt.Sprint(want) {
			t.Fatalf("wrote %v, want %v", names, want)
		}
	}
	for _, name := range []string{"salesreview_v0.1.0_linux_amd64.tar.gz", "salesreview_v0.1.0_windows_arm64.zip", "SHA256SUMS"} {
		a, b := read(t, outs[0], name), read(t, outs[1], name)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	sums := string(read(t, outs[0], "SHA256SUMS"))
	zipSum := fmt.Sprintf("%x  salesreview_v0.1.0_windows_arm64.zip\n", sha256.Sum256(read(t, outs[0], "salesreview_v0.1.0_windows_arm64.zip")))
	if strings.Count(sums, "\n") != 3 || !strings.HasSuffix(sums, zipSum) {
		t.Errorf("SHA256SUMS is\n%s\nwant three lines ending in\n%s", sums, zipSum)
	}
}

func read(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTarGz checks what a tar.gz holds: the folder, then the entries in
// order, owned by root, with the commit's time and fixed modes, and a gzip
// header without name or time.
func TestTarGz(t *testing.T) {
	bin, docs := fakeBuild(t, time.Now())
	out := t.TempDir()
	if _, err := (release{Version: "v0.1.0", ModTime: commitTime, Documents: docs}).Write(bin, out); err != nil {
		t.Fatal(err)
	}
	gz, err := gzip.NewReader(bytes.NewReader(read(t, out, "salesreview_v0.1.0_linux_amd64.tar.gz")))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header has name %q and time %v, want neither", gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	var got []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(tr)
		got = append(got, fmt.Sprintf("%s %o %d:%d %s:%s %s %q", h.Name, h.Mode, h.Uid, h.Gid, h.Uname, h.Gname,
			h.ModTime.UTC().Format(time.RFC3339), body))
	}
	want := []string{
		`salesreview_v0.1.0_linux_amd64/ 755 0:0 root:root 2026-12-05T20:10:49Z ""`,
		`salesreview_v0.1.0_linux_amd64/LICENSE 644 0:0 root:root 2026-12-05T20:10:49Z "text of LICENSE"`,
		`salesreview_v0.1.0_linux_amd64/README.md 644 0:0 root:root 2026-12-05T20:10:49Z "text of README.md"`,
		`salesreview_v0.1.0_linux_amd64/salesreview 755 0:0 root:root 2026-12-05T20:10:49Z "binary for linux-amd64"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the archive holds\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestZip checks the Windows archive: the same layout, with Unix modes and
// the commit's time.
func TestZip(t *testing.T) {
	bin, docs := fakeBuild(t, time.Now())
	out := t.TempDir()
	if _, err := (release{Version: "v0.1.0", ModTime: commitTime, Documents: docs}).Write(bin, out); err != nil {
		t.Fatal(err)
	}
	data := read(t, out, "salesreview_v0.1.0_windows_arm64.zip")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		got = append(got, fmt.Sprintf("%s %v %s %q", f.Name, f.Mode(), f.Modified.UTC().Format(time.RFC3339), body))
	}
	want := []string{
		`salesreview_v0.1.0_windows_arm64/ drwxr-xr-x 2026-12-05T20:10:49Z ""`,
		`salesreview_v0.1.0_windows_arm64/LICENSE -rw-r--r-- 2026-12-05T20:10:49Z "text of LICENSE"`,
		`salesreview_v0.1.0_windows_arm64/README.md -rw-r--r-- 2026-12-05T20:10:49Z "text of README.md"`,
		`salesreview_v0.1.0_windows_arm64/salesreview.exe -rwxr-xr-x 2026-12-05T20:10:49Z "binary for windows-arm64"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the archive holds\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBadBinFolder wants an error, not an empty release, for a bin folder
// without platforms or with a misnamed one.
func TestBadBinFolder(t *testing.T) {
	r := release{Version: "v0.1.0", ModTime: commitTime}
	if _, err := r.Write(t.TempDir(), t.TempDir()); err == nil || !strings.Contains(err.Error(), "no GOOS-GOARCH folders") {
		t.Errorf("empty bin folder: got %v", err)
	}
	bin := t.TempDir()
	write(t, filepath.Join(bin, "linux", "salesreview"), "x", 0o755, commitTime)
	if _, err := r.Write(bin, t.TempDir()); err == nil || !strings.Contains(err.Error(), "not GOOS-GOARCH") {
		t.Errorf("misnamed platform folder: got %v", err)
	}
}
