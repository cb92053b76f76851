package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// MarkerFile is the name of the file every site salesreview writes carries in
// its root. Write replaces a non-empty folder only when it holds this marker
// (or when forced), so a mistyped output path never destroys someone's work.
const MarkerFile = ".salesreview"

// markerText is the content of MarkerFile.
const markerText = "This folder was written by salesreview. The next build replaces it as a whole.\n"

// Write puts files into the folder dir atomically: it writes them into a new
// temporary folder beside dir, syncs every file and folder to disk, and only
// then renames the temporary folder into place. If anything fails, the
// temporary folder is removed and the previous site in dir is left exactly as
// it was.
//
// When ctx ends (the build was interrupted), Write stops at the next file,
// or undoes the swap if it was under way, and returns ctx's error: the
// previous site is left byte for byte and no temporary folder stays. What a
// build killed outright left beside dir (".<dir>.tmp-*" and
// ".<dir>.old-*" folders) is removed first, and a previous site that such a
// build had moved aside is put back.
//
// Write refuses to replace a non-empty dir that lacks MarkerFile (a folder
// salesreview did not make) unless force is true; even then it does not
// delete that folder but moves it aside to "<dir>.old" ("<dir>.old2", ...).
// A previous site that carries the marker is deleted after the new one is in
// place; one that could not be deleted (a folder in it whose entries may not
// be removed) is refused before anything changes, so that a build that fails
// never replaces the site. Write adds MarkerFile when files lack it.
func Write(ctx context.Context, dir string, files []File, force bool) error {
	if dir == "" {
		return errors.New("write site: no output folder given")
	}
	dir = filepath.Clean(dir)
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return fmt.Errorf("write site %s: %w", dir, err)
		}
	}
	clearLeftovers(dir)
	ours, err := checkTarget(dir, force)
	if err != nil {
		return err
	}
	if err := writeDir(ctx, dir, files, ours); err != nil {
		return fmt.Errorf("write site %s: %w", dir, err)
	}
	return nil
}

// writeDir fills a temporary folder beside dir and swaps it into place.
func writeDir(ctx context.Context, dir string, files []File, ours bool) error {
	if ours {
		if err := checkRemovable(dir); err != nil {
			return fmt.Errorf("the previous site cannot be replaced: %w", err)
		}
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+tmpInfix)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone once renamed into place
	// MkdirTemp makes the folder private (0700); a site is for reading.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := fill(ctx, tmp, files); err != nil {
		return err
	}
	if ours {
		err = swap(ctx, dir, tmp, os.Rename)
	} else {
		err = replaceForeign(ctx, dir, tmp)
	}
	if err != nil {
		return err
	}
	syncDir(parent)
	return nil
}

// checkPath rejects file paths that could escape the site folder.
func checkPath(p string) error {
	if !fs.ValidPath(p) || p == "." || strings.Contains(p, `\`) || strings.Contains(p, ":") {
		return fmt.Errorf("unsafe output path %q", p)
	}
	return nil
}

// checkTarget reports whether dir is missing, empty or made by salesreview,
// and refuses a non-empty unmarked folder unless force.
func checkTarget(dir string, force bool) (ours bool, err error) {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("write site %s: %w", dir, err)
	}
	if !st.IsDir() {
		return false, fmt.Errorf("write site %s: exists and is not a folder", dir)
	}
	if _, err := os.Lstat(filepath.Join(dir, MarkerFile)); err == nil {
		return true, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, fmt.Errorf("write site %s: %w", dir, err)
	}
	if len(entries) == 0 {
		return true, nil
	}
	if !force {
		return false, fmt.Errorf("write site %s: the folder is not empty and was not made by salesreview (no %s file); choose another folder or use --force", dir, MarkerFile)
	}
	return false, nil
}

// fill writes files into the fresh folder root and syncs them; it stops
// with ctx's error at the first file after ctx ends.
func fill(ctx context.Context, root string, files []File) error {
	hasMarker := false
	made := map[string]bool{}
	var dirs []string
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.Path == MarkerFile {
			hasMarker = true
		}
		d := path.Dir(f.Path)
		if d != "." && !made[d] {
			if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
				return err
			}
			for x := d; x != "." && !made[x]; x = path.Dir(x) {
				made[x] = true
				dirs = append(dirs, x)
			}
		}
		if err := writeSynced(filepath.Join(root, filepath.FromSlash(f.Path)), f.Data); err != nil {
			return err
		}
	}
	if !hasMarker {
		if err := writeSynced(filepath.Join(root, MarkerFile), []byte(markerText)); err != nil {
			return err
		}
	}
	for _, d := range dirs {
		syncDir(filepath.Join(root, filepath.FromSlash(d)))
	}
	syncDir(root)
	return nil
}

// writeSynced creates name (which must not exist), writes data and syncs it.
func writeSynced(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir syncs a folder's entries to disk, best effort (not every system
// can sync a folder).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Names of what a build puts beside its target: ".<name>.tmp-*" is the new
// site (or file) being written, ".<name>.old-*" holds the previous one
// while the new one is renamed into place.
const (
	tmpInfix  = ".tmp-"
	holdInfix = ".old-"
)

// swap renames tmp (a folder or a file) to target. A target that exists is
// first kept in a hold folder beside it, by keep (a rename for a folder, a
// hard link for a file), and removed once the new one is in place. If the
// rename fails, or ctx ends before the swap is complete, the previous
// target is put back: an interrupted build never replaces the site.
func swap(ctx context.Context, target, tmp string, keep func(old, new string) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, target); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil && os.Rename(target, tmp) == nil {
			return err
		}
		return nil
	}
	hold, err := os.MkdirTemp(filepath.Dir(target), "."+filepath.Base(target)+holdInfix)
	if err != nil {
		return err
	}
	aside := filepath.Join(hold, "site")
	if err := keep(target, aside); err != nil {
		os.Remove(hold)
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		return putBack(err, target, aside, hold)
	}
	if err := ctx.Err(); err != nil && os.Rename(target, tmp) == nil {
		return putBack(err, target, aside, hold)
	}
	// hold holds only the previous site (or file), which was ours; what
	// cannot be removed now is removed by the next build.
	os.RemoveAll(hold)
	return nil
}

// putBack moves the previous target back from aside after err.
func putBack(err error, target, aside, hold string) error {
	if back := os.Rename(aside, target); back != nil {
		return fmt.Errorf("%w (and the previous one is left in %s: %v)", err, aside, back)
	}
	os.Remove(hold)
	return err
}

// replaceForeign renames tmp to dir, where a folder salesreview did not make
// stands (the user chose --force): that folder is moved aside to a free
// "<dir>.old" name and kept. If the rename fails or ctx ends meanwhile,
// the folder is moved back.
func replaceForeign(ctx context.Context, dir, tmp string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	aside := freeName(dir + ".old")
	if err := os.Rename(dir, aside); err != nil {
		return err
	}
	err := os.Rename(tmp, dir)
	if err == nil && ctx.Err() != nil && os.Rename(dir, tmp) == nil {
		err = ctx.Err()
	}
	if err != nil {
		if back := os.Rename(aside, dir); back != nil {
			return fmt.Errorf("%w (and the previous folder is left in %s: %v)", err, aside, back)
		}
	}
	return err
}

// clearLeftovers removes what builds killed outright (SIGKILL, a power
// cut) left beside target: temporary ".<name>.tmp-*" entries, and
// ".<name>.old-*" hold folders. A previous site (or file) held there while
// target is missing was moved aside by a build killed in the middle of its
// swap: it is put back first.
func clearLeftovers(target string) {
	parent, base := filepath.Dir(target), filepath.Base(target)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		p := filepath.Join(parent, n)
		switch {
		case strings.HasPrefix(n, "."+base+tmpInfix):
			os.RemoveAll(p)
		case strings.HasPrefix(n, "."+base+holdInfix):
			if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
				os.Rename(filepath.Join(p, "site"), target)
			}
			os.RemoveAll(p)
		}
	}
}

// freeName returns base, or base2, base3, ... : the first name not in use.
func freeName(base string) string {
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s%d", base, i)
	}
}

// SingleFileMark starts every one-file site Render makes: WriteSingle
// replaces an existing file only when it starts so (a file salesreview
// wrote), unless forced. An HTML comment before the doctype is allowed and
// leaves the page in standards mode.
const SingleFileMark = "<!-- Written by salesreview: the next build with this name replaces this file. -->\n"

// WriteSingle writes the one-file site (see Options.SingleFile) to name
// atomically: a temporary file beside it, synced, then renamed into place;
// an interrupted write (ctx ended) leaves the previous file as it was, as
// Write does for a folder. It refuses to overwrite a folder or anything but
// a regular file, and a file that does not start with SingleFileMark (one
// salesreview did not write) unless force. A replaced file keeps its
// permissions; a new one is readable by all (0644).
func WriteSingle(ctx context.Context, name string, data []byte, force bool) error {
	clearLeftovers(name)
	mode, err := checkSingleTarget(name, force)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := writeFile(ctx, name, data, mode); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// checkSingleTarget returns the mode the file name is to have, or why it
// must not be replaced.
func checkSingleTarget(name string, force bool) (fs.FileMode, error) {
	st, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return 0o644, nil
	}
	if err != nil {
		return 0, err
	}
	if !st.Mode().IsRegular() {
		return 0, fmt.Errorf("is %s, not a file salesreview wrote", fileKind(st.Mode()))
	}
	if !force && !startsWithMark(name) {
		return 0, errors.New("the file exists and was not written by salesreview; choose another name or use --force")
	}
	return st.Mode().Perm(), nil
}

// startsWithMark reports whether the file name starts with SingleFileMark.
func startsWithMark(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(SingleFileMark))
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == SingleFileMark
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// writeFile writes data to a temporary file beside name, syncs it, gives it
// mode and swaps it into place.
func writeFile(ctx context.Context, name string, data []byte, mode fs.FileMode) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+tmpInfix)
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // gone once renamed into place
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, mode)
	}
	if err == nil {
		err = swap(ctx, name, tmp, linkOrCopy)
	}
	if err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// linkOrCopy keeps the file old as aside: a hard link, or a copy where the
// file system has none.
func linkOrCopy(old, aside string) error {
	if os.Link(old, aside) == nil {
		return nil
	}
	data, err := os.ReadFile(old)
	if err != nil {
		return err
	}
	return writeSynced(aside, data)
}
