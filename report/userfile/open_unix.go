//go:build unix

package userfile

import (
	"os"
	"syscall"
)

// openNonBlocking opens name for reading without waiting for a writer, so
// that a FIFO swapped in after the check cannot hang the build.
func openNonBlocking(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
