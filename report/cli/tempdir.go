package cli

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
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

// interruptGuard cleans up on SIGINT or SIGTERM, says "interrupted" and
// exits with status 1: it removes the run's temporary folder and, once a
// target is set, the temporary build folders (".<name>.tmp-*", made by
// site.Write and site.WriteSingle) that appeared beside the target during
// the run; a previous site moved aside (".<name>.old-*") and not yet
// replaced is moved back.
type interruptGuard struct {
	e    *env
	rt   *runTemp
	sigs chan os.Signal
	done chan struct{}
	exit func(int)

	mu     sync.Mutex
	target string          // the site folder or single file, "" for none
	before map[string]bool // the entries beside the target at the start
}

// guardInterrupts starts an interruptGuard for rt that ends the process
// with exit; stop ends the guard.
func (e *env) guardInterrupts(rt *runTemp, exit func(int)) *interruptGuard {
	g := &interruptGuard{e: e, rt: rt, sigs: make(chan os.Signal, 1), done: make(chan struct{}), exit: exit}
	signal.Notify(g.sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-g.sigs:
			g.clean()
			fmt.Fprintln(e.stderr, "salesreview: interrupted")
			g.exit(ExitInput)
		case <-g.done:
		}
	}()
	return g
}

// stop ends the guard (the default signal handling returns).
func (g *interruptGuard) stop() {
	signal.Stop(g.sigs)
	close(g.done)
}

// setTarget records the build's output and what lies beside it now.
func (g *interruptGuard) setTarget(target string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.target = filepath.Clean(target)
	g.before = map[string]bool{}
	for _, name := range g.leftovers() {
		g.before[name] = true
	}
}

// leftovers lists the temporary and moved-aside entries beside the target.
func (g *interruptGuard) leftovers() []string {
	if g.target == "" {
		return nil
	}
	base := filepath.Base(g.target)
	entries, err := os.ReadDir(filepath.Dir(g.target))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, "."+base+".tmp-") || strings.HasPrefix(n, "."+base+".old-") {
			out = append(out, n)
		}
	}
	return out
}

// clean removes the run's temporary folder and the build's leftovers.
func (g *interruptGuard) clean() {
	g.rt.remove()
	g.mu.Lock()
	defer g.mu.Unlock()
	parent := filepath.Dir(g.target)
	for _, n := range g.leftovers() {
		if g.before[n] {
			continue
		}
		p := filepath.Join(parent, n)
		if strings.HasPrefix(n, "."+filepath.Base(g.target)+".old-") {
			// site.Write moved the previous site aside: put it back when
			// the new one is not in place yet, else drop it as Write would.
			if _, err := os.Lstat(g.target); err != nil {
				if os.Rename(filepath.Join(p, "site"), g.target) != nil {
					continue // keep it rather than lose it
				}
			}
		}
		os.RemoveAll(p)
	}
}

// withTemp runs fn with a per-run temporary folder that is removed on
// return and on SIGINT/SIGTERM; fn may name a build target to clean up on
// interruption through the guard.
func (e *env) withTemp(fn func(g *interruptGuard) error) error {
	rt, err := newRunTemp()
	if err != nil {
		return err
	}
	defer rt.remove()
	g := e.guardInterrupts(rt, os.Exit)
	defer g.stop()
	return fn(g)
}
