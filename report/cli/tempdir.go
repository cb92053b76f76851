package cli

import (
	"fmt"
	"os"
	"sync"
)

// tempVars are the variables os.TempDir reads (TMPDIR on Unix, TMP and
// TEMP on Windows); excelize spools large parts there.
var tempVars = []string{"TMPDIR", "TMP", "TEMP"}

// runTemp is the one temporary folder of a run: every temporary file of
// the process goes there, and it is removed when the run ends.
type runTemp struct {
	dir  string
	prev map[string]*string // the temp variables before, nil when unset
	once sync.Once
}

// onRunTemp, when set (by tests), is told each run folder made.
var onRunTemp func(dir string)

// newRunTemp makes a private temporary folder and points the process's
// temporary folder at it.
func newRunTemp() (*runTemp, error) {
	dir, err := os.MkdirTemp("", "salesreview-")
	if err != nil {
		return nil, fmt.Errorf("temporary folder: %w", err)
	}
	if onRunTemp != nil {
		onRunTemp(dir)
	}
	rt := &runTemp{dir: dir, prev: map[string]*string{}}
	for _, k := range tempVars {
		if v, ok := os.LookupEnv(k); ok {
			rt.prev[k] = &v
		} else {
			rt.prev[k] = nil
		}
		if err := os.Setenv(k, dir); err != nil {
			rt.remove()
			return nil, fmt.Errorf("temporary folder: %w", err)
		}
	}
	return rt, nil
}

// remove deletes the folder and restores the temp variables; it may be
// called more than once.
func (rt *runTemp) remove() {
	rt.once.Do(func() {
		for k, v := range rt.prev {
			if v == nil {
				os.Unsetenv(k)
			} else {
				os.Setenv(k, *v)
			}
		}
		os.RemoveAll(rt.dir)
	})
}

// withTemp runs fn with a per-run temporary folder that is removed when fn
// returns, whatever the outcome (an interrupted run returns too: see Main).
func withTemp(fn func() error) error {
	rt, err := newRunTemp()
	if err != nil {
		return err
	}
	defer rt.remove()
	return fn()
}
