package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// release describes the archives to write.
type release struct {
	Version   string    // in the archive names: salesreview_v0.1.0_linux_amd64.tar.gz
	ModTime   time.Time // of every entry
	Documents []string  // files put beside the binary (README.md, LICENSE, ...)
}

// entry is one file of an archive.
type entry struct {
	name string // inside the archive, with the archive's folder
	mode int64  // 0755 or 0644
	data []byte
}

// Write packs every platform folder of bin into out and writes
// out/SHA256SUMS; it returns the names of the files written, sorted.
func (r release) Write(bin, out string) ([]string, error) {
	platforms, err := os.ReadDir(bin)
	if err != nil {
		return nil, err
	}
	docs, err := r.readDocuments()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	var names []string
	var sums strings.Builder
	for _, p := range platforms { // os.ReadDir sorts by name
		if !p.IsDir() {
			continue
		}
		name, data, err := r.archive(filepath.Join(bin, p.Name()), p.Name(), docs)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return nil, err
		}
		names = append(names, name)
		fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256(data), name)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s holds no GOOS-GOARCH folders", bin)
	}
	if err := os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(sums.String()), 0o644); err != nil {
		return nil, err
	}
	return append(names, "SHA256SUMS"), nil
}

// readDocuments reads the documents once, for every archive.
func (r release) readDocuments() ([]entry, error) {
	docs := make([]entry, 0, len(r.Documents))
	for _, d := range r.Documents {
		b, err := os.ReadFile(d)
		if err != nil {
			return nil, err
		}
		docs = append(docs, entry{name: filepath.Base(d), mode: 0o644, data: b})
	}
	return docs, nil
}

// archive packs the binary in dir (platform "linux-amd64") with the
// documents, and returns the archive's name and bytes.
func (r release) archive(dir, platform string, docs []entry) (string, []byte, error) {
	goos, goarch, ok := strings.Cut(platform, "-")
	if !ok {
		return "", nil, fmt.Errorf("%s: the folder name is not GOOS-GOARCH", dir)
	}
	exe := "salesreview"
	if goos == "windows" {
		exe += ".exe"
	}
	b, err := os.ReadFile(filepath.Join(dir, exe))
	if err != nil {
		return "", nil, err
	}
	base := fmt.Sprintf("salesreview_%s_%s_%s", r.Version, goos, goarch)
	entries := []entry{{name: exe, mode: 0o755, data: b}}
	entries = append(entries, docs...)
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	for i := range entries {
		entries[i].name = base + "/" + entries[i].name
	}
	var buf bytes.Buffer
	if goos == "windows" {
		err = r.writeZip(&buf, base+"/", entries)
		return base + ".zip", buf.Bytes(), err
	}
	err = r.writeTarGz(&buf, base+"/", entries)
	return base + ".tar.gz", buf.Bytes(), err
}

// writeTarGz writes a gzip-compressed ustar archive: the folder, then the
// entries, each owned by root with r.ModTime; gzip's header has no name
// and no time.
func (r release) writeTarGz(w io.Writer, folder string, entries []entry) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	header := func(name string, mode int64, typ byte, size int64) *tar.Header {
		return &tar.Header{Typeflag: typ, Name: name, Mode: mode, Size: size, ModTime: r.ModTime,
			Uname: "root", Gname: "root", Format: tar.FormatUSTAR}
	}
	if err := tw.WriteHeader(header(folder, 0o755, tar.TypeDir, 0)); err != nil {
		return err
	}
	for _, e := range entries {
		if err := tw.WriteHeader(header(e.name, e.mode, tar.TypeReg, int64(len(e.data)))); err != nil {
			return err
		}
		if _, err := tw.Write(e.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeZip writes a zip archive of the folder and the entries, deflated at
// the best compression, each with r.ModTime (in UTC) and Unix modes.
func (r release) writeZip(w io.Writer, folder string, entries []entry) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	dir := &zip.FileHeader{Name: folder, Method: zip.Store, Modified: r.ModTime}
	dir.SetMode(os.ModeDir | 0o755)
	if _, err := zw.CreateHeader(dir); err != nil {
		return err
	}
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: r.ModTime}
		h.SetMode(os.FileMode(e.mode))
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}
