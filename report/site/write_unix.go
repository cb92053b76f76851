//go:build unix

package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// checkRemovable makes sure the previous site in dir can be deleted once the
// new one is in place: every folder in it must let its entries be removed
// (a folder without write permission, or one marked immutable, would leave
// the build half done after the swap).
func checkRemovable(dir string) error {
	if _, err := os.Lstat(dir); err != nil {
		return nil // nothing to remove
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if err := unix.Access(p, unix.W_OK|unix.X_OK); err != nil {
			return fmt.Errorf("%s: its entries cannot be removed: %w", p, err)
		}
		return nil
	})
}
