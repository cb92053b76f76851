package site

import (
	"errors"
	"fmt"
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
// Write refuses to replace a non-empty dir that lacks MarkerFile (a folder
// salesreview did not make) unless force is true; even then it does not
// delete that folder but moves it aside to "<dir>.old" ("<dir>.old2", ...).
// A previous site that carries the marker is deleted after the new one is in
// place. Write adds MarkerFile when files lack it.
func Write(dir string, files []File, force bool) error {
	if dir == "" {
		return errors.New("write site: no output folder given")
	}
	dir = filepath.Clean(dir)
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return fmt.Errorf("write site %s: %w", dir, err)
		}
	}
	ours, err := checkTarget(dir, force)
	if err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("write site %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("write site %s: %w", dir, err)
	}
	// MkdirTemp makes the folder private (0700); a site is for reading.
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("write site %s: %w", dir, err)
	}
	if err := fill(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("write site %s: %w", dir, err)
	}
	if err := replace(dir, tmp, ours); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("write site %s: %w", dir, err)
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

// checkTarget reports whether dir exists and was made by salesreview (or is
// empty), and refuses a non-empty unmarked folder unless force.
func checkTarget(dir string, force bool) (existsAndOurs bool, err error) {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
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

// fill writes files into the fresh folder root and syncs them.
func fill(root string, files []File) error {
	hasMarker := false
	made := map[string]bool{}
	var dirs []string
	for _, f := range files {
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

// replace renames tmp to dir. An existing dir is first moved aside; when it
// is ours (marked or empty) it is deleted after the swap, otherwise it is
// kept under a free "<dir>.old" name. If the final rename fails, the
// previous dir is moved back.
func replace(dir, tmp string, ours bool) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	var aside string
	if ours {
		hold, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".old-")
		if err != nil {
			return err
		}
		aside = filepath.Join(hold, "site")
		if err := os.Rename(dir, aside); err != nil {
			os.Remove(hold)
			return err
		}
		if err := os.Rename(tmp, dir); err != nil {
			if back := os.Rename(aside, dir); back != nil {
				return fmt.Errorf("%w (and the previous site is left in %s: %v)", err, aside, back)
			}
			os.Remove(hold)
			return err
		}
		// hold holds only the previous site, which carries our marker.
		return os.RemoveAll(hold)
	}
	aside = freeName(dir + ".old")
	if err := os.Rename(dir, aside); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if back := os.Rename(aside, dir); back != nil {
			return fmt.Errorf("%w (and the previous folder is left in %s: %v)", err, aside, back)
		}
		return err
	}
	return nil
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

// WriteSingle writes the one-file site (see Options.SingleFile) to name
// atomically: a temporary file beside it, synced, then renamed into place.
// It refuses to overwrite a folder.
func WriteSingle(name string, data []byte) error {
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		return fmt.Errorf("write %s: is a folder", name)
	}
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	syncDir(dir)
	return nil
}
