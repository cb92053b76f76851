package cli

import (
	"fmt"
	"os"
	"sync"
)

// runTemp is the one temporary folder of a run: the workbook library
// spools large parts there (source.Options.TempDir, which becomes
// excelize's Options.TmpDir), and it is removed when the run ends. The
// process's own temporary folder (TMPDIR) is left as it is.
type runTemp struct {
	dir  string
	once sync.Once
}

// onRunTemp, when set (by tests), is told each run folder made.
var onRunTemp func(dir string)

// newRunTemp makes a private temporary folder inside the system's.
func newRunTemp() (*runTemp, error) {
	dir, err := os.MkdirTemp("", "salesreview-")
	if err != nil {
		return nil, fmt.Errorf("temporary folder: %w", err)
	}
	if onRunTemp != nil {
		onRunTemp(dir)
	}
	return &runTemp{dir: dir}, nil
}

// remove deletes the folder; it may be called more than once.
func (rt *runTemp) remove() {
	rt.once.Do(func() { os.RemoveAll(rt.dir) })
}

// withTemp runs fn with a per-run temporary folder (e.tempDir, which the
// jobs resolved meanwhile read into) that is removed when fn returns,
// whatever the outcome (an interrupted run returns too: see Main).
func (e *env) withTemp(fn func() error) error {
	rt, err := newRunTemp()
	if err != nil {
		return err
	}
	defer rt.remove()
	e.tempDir = rt.dir
	defer func() { e.tempDir = "" }()
	return fn()
}
