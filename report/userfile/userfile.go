// Package userfile reads the files a user names: commentary, the
// configuration, a logo, templates. A file is read only when, after
// following symbolic links, it is a regular file inside its folder and no
// larger than a bound, so that a link to /etc/passwd or /proc/self/environ
// cannot publish it, a FIFO cannot hang the build and /dev/zero cannot
// exhaust memory: each is an error naming the file instead.
package userfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Read reads the file at the slash- or OS-separated path rel inside the
// folder dir. It fails when rel leaves dir (an absolute path, "..", or a
// symbolic link that resolves outside dir), when the file is not a regular
// file, or when it is larger than limit bytes.
func Read(dir, rel string, limit int64) ([]byte, error) {
	rel = filepath.FromSlash(rel)
	if !filepath.IsLocal(rel) {
		return nil, refuse(rel, ErrOutside, "is outside the folder "+dir)
	}
	name := filepath.Join(dir, rel)
	real, err := resolveInside(dir, name)
	if err != nil {
		return nil, err
	}
	return readRegular(name, real, limit)
}

// ReadFile reads the file path names, which must be a regular file inside
// its own folder after following links (a link to a file elsewhere is
// refused), of at most limit bytes.
func ReadFile(path string, limit int64) ([]byte, error) {
	real, err := resolveInside(filepath.Dir(path), path)
	if err != nil {
		return nil, err
	}
	return readRegular(path, real, limit)
}

// resolveInside returns the real path of name, which must lie inside dir
// after both are resolved.
func resolveInside(dir, name string) (string, error) {
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", failed(name, err)
	}
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return "", failed(name, err)
	}
	if r, err := filepath.Rel(realDir, real); err != nil || !filepath.IsLocal(r) {
		return "", refuse(name, ErrOutside, "is a link to a file outside its folder "+dir)
	}
	return real, nil
}

// readRegular opens real without blocking (a FIFO must not hang the
// build), checks on the open file that it is a regular file, and reads at
// most limit bytes; name is the path the user gave, for messages.
func readRegular(name, real string, limit int64) ([]byte, error) {
	st, err := os.Stat(real)
	if err != nil {
		return nil, failed(name, err)
	}
	if !st.Mode().IsRegular() {
		return nil, refuse(name, ErrNotRegular, "is not a regular file ("+kind(st.Mode())+")")
	}
	f, err := openNonBlocking(real)
	if err != nil {
		return nil, failed(name, err)
	}
	defer f.Close()
	st, err = f.Stat()
	if err != nil {
		return nil, failed(name, err)
	}
	if !st.Mode().IsRegular() {
		return nil, refuse(name, ErrNotRegular, "is not a regular file ("+kind(st.Mode())+")")
	}
	if st.Size() > limit {
		return nil, refuse(name, ErrTooLarge, "is larger than the limit of "+size(limit))
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, failed(name, err)
	}
	switch {
	case int64(len(b)) > limit:
		return nil, refuse(name, ErrTooLarge, "is larger than the limit of "+size(limit))
	case int64(len(b)) > st.Size():
		// A file of /proc or /sys says it is empty and holds data, and
		// a file being written grows while it is read.
		return nil, refuse(name, ErrNotRegular,
			fmt.Sprintf("holds more than its size of %d bytes (a system file, or one being written)", st.Size()))
	}
	return b, nil
}

// Why a file is refused; an *Error wraps one of them.
var (
	ErrOutside    = errors.New("outside its folder")    // by its path, or through a symbolic link
	ErrNotRegular = errors.New("not a regular file")    // a folder, FIFO, device, socket, or a system file
	ErrTooLarge   = errors.New("larger than its limit") // the bound given to Read, ReadFile or FS
)

// Error is a file that is refused or cannot be read: Path as the caller
// named it, and why (Reason, without the path). Err is ErrOutside,
// ErrNotRegular, ErrTooLarge or the system's error (fs.ErrNotExist, ...),
// for errors.Is.
type Error struct {
	Path   string
	Reason string
	Err    error
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason }
func (e *Error) Unwrap() error { return e.Err }

// refuse is the error of a file the rule refuses.
func refuse(path string, why error, reason string) error {
	return &Error{Path: path, Reason: reason, Err: why}
}

// failed is the error of a file the system could not open or read.
func failed(path string, err error) error {
	err = unwrapPath(err)
	return &Error{Path: path, Reason: err.Error(), Err: err}
}

// unwrapPath drops the *fs.PathError wrapper, whose path the caller
// already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return "mode " + m.String()
	}
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// FS returns a read-only file system of the folder dir in which every file
// is read by Read's rule with the bound limit: html/template's ParseFS,
// fs.Glob and fs.ReadFile work on it, and a link out of the folder, a FIFO
// or an oversized file is an error naming it.
func FS(dir string, limit int64) fs.FS { return dirFS{dir: dir, limit: limit} }

type dirFS struct {
	dir   string
	limit int64
}

// ReadFile implements fs.ReadFileFS.
func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	return Read(d.dir, name, d.limit)
}

// ReadDir implements fs.ReadDirFS; entries are sorted by name.
func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	p := filepath.Join(d.dir, filepath.FromSlash(name))
	if _, err := resolveInside(d.dir, p); err != nil {
		return nil, err
	}
	es, err := os.ReadDir(p)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return es, nil
}

// Open implements fs.FS: a folder lists its entries, a file is read whole
// by Read's rule.
func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	p := filepath.Join(d.dir, filepath.FromSlash(name))
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		es, err := d.ReadDir(name)
		if err != nil {
			return nil, err
		}
		return &dirFile{info: st, entries: es}, nil
	}
	b, err := d.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return &memFile{info: st, r: strings.NewReader(string(b))}, nil
}

type memFile struct {
	info fs.FileInfo
	r    *strings.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

type dirFile struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (f *dirFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: f.info.Name(), Err: errors.New("is a directory")}
}
func (f *dirFile) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (f *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := f.entries[f.off:]
	if n <= 0 {
		f.off = len(f.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	f.off += n
	return rest[:n], nil
}

var _ fs.ReadDirFile = (*dirFile)(nil)
