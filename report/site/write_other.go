//go:build !unix

package site

// checkRemovable is a no-op where access rights cannot be asked: a
// previous site that cannot be deleted is left for the next build.
func checkRemovable(dir string) error { return nil }
