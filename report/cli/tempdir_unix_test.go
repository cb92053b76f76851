//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptSignal sends the process SIGINT while a guard is active:
// the guard cleans up, says "interrupted" and exits with status 1 (here a
// recorded exit instead of the process's).
func TestInterruptSignal(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	work := t.TempDir()
	rt, err := newRunTemp()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	e := &env{stderr: &stderr}
	exited := make(chan int, 1)
	g := e.guardInterrupts(rt, func(status int) { exited <- status })
	defer g.stop()
	g.setTarget(filepath.Join(work, "site"))
	if err := os.MkdirAll(filepath.Join(work, ".site.tmp-9", "regions"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case status := <-exited:
		if status != ExitInput {
			t.Errorf("status %d, want %d", status, ExitInput)
		}
	case <-time.After(10 * time.Second): // a safety net, not a measurement
		t.Fatal("the guard did not act on SIGINT")
	}
	if got := stderr.String(); got != "salesreview: interrupted\n" {
		t.Errorf("stderr %q", got)
	}
	if _, err := os.Stat(rt.dir); !os.IsNotExist(err) {
		t.Errorf("run folder still there: %v", err)
	}
	if left := strings.Join(tmpEntries(t, work), " "); left != "" {
		t.Errorf("left beside the target: %s", left)
	}
}
