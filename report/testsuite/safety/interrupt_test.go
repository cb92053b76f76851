//go:build unix

package safety

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/salesreview/salesreview/bench/benchdata"
)

// interruptRun is one build of the binary, stopped by a signal.
type interruptRun struct {
	status int            // exit status, -1 when the signal ended the process
	sig    syscall.Signal // the signal sent
	stderr string
}

// TestBinaryInterruptedBuild sends SIGTERM, SIGINT and SIGKILL at random
// times to builds of a 10,000-deal export that replace a previous site (a
// CI job cancelled, Ctrl-C, a kill -9): half of them anywhere in the build,
// half while the site is written and swapped in (after its temporary
// folder appears), where the issue found the site broken. It checks the
// promise of docs/security.md: an interrupted build exits with status 1 and
// "interrupted", and leaves the previous site byte for byte; a build that
// finished before the signal leaves the new site whole; no temporary or
// moved-aside folder stays beside the site, and the run's temporary folder
// is gone. After a SIGKILL, which nothing can catch, the next build puts
// things right: it removes the leftovers and writes its site.
func TestBinaryInterruptedBuild(t *testing.T) {
	in := t.TempDir()
	var sets [2][]string
	for i := range sets {
		deals, acts, err := benchdata.Write(filepath.Join(in, string(rune('a'+i))), 10000, uint64(i+1))
		if err != nil {
			t.Fatal(err)
		}
		sets[i] = []string{deals, acts}
	}
	work, tmp := t.TempDir(), t.TempDir()
	start := func(set int, out string) (*exec.Cmd, *bytes.Buffer) {
		args := append([]string{"build", "-o", out, "--build-date", "2026-01-01"}, sets[set]...)
		cmd := exec.Command(binary(t), args...)
		cmd.Dir, cmd.Env = work, append(os.Environ(), "TMPDIR="+tmp)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &stderr
	}
	// The two sites, built whole, and how long a build and its writing take.
	var want [2]map[string]string
	est := &buildTimes{}
	for i := range sets {
		cmd, stderr := start(i, "site")
		if err := est.signal(cmd, work, nil, 0); err != nil {
			t.Fatalf("build %d: %v\n%s", i, err, stderr)
		}
		want[i] = treeHash(t, filepath.Join(work, "site"))
	}
	cur := 1
	rounds := 30
	if testing.Short() {
		rounds = 6
	}
	rng := rand.New(rand.NewPCG(14, 1))
	var interrupted, finished, killed int
	defer func() {
		t.Logf("%d rounds: %d interrupted, %d finished before the signal, %d killed; a build took %v, its writing %v",
			rounds, interrupted, finished, killed, est.build, est.write)
	}()
	signals := []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGKILL}
	for round := range rounds {
		next := 1 - cur
		cmd, stderr := start(next, "site")
		r := interruptRun{sig: signals[round%len(signals)]}
		err := est.signal(cmd, work, rng, r.sig)
		r.stderr = stderr.String()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			r.status = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if r.sig == syscall.SIGKILL && r.status != 0 {
			// The next build must clear what the killed one left.
			cmd, stderr = start(next, "site")
			if err := cmd.Wait(); err != nil {
				t.Fatalf("round %d: the build after a SIGKILL failed: %v\n%s", round, err, stderr)
			}
			r = interruptRun{sig: r.sig}
			killed++
			clearFolder(t, tmp) // a killed run cannot remove its own temporary folder
		}
		got := treeHash(t, filepath.Join(work, "site"))
		switch {
		case r.status == 0:
			if !equalMaps(got, want[next]) {
				t.Errorf("round %d (%v): exit status 0, but the site is not the new one whole (%d files)", round, r.sig, len(got))
			}
			cur = next
			if r.sig != syscall.SIGKILL {
				finished++
			}
		case r.status == 1:
			interrupted++
			if !strings.Contains(r.stderr, "salesreview: interrupted\n") {
				t.Errorf("round %d (%v): exit status 1 without saying interrupted:\n%s", round, r.sig, r.stderr)
			}
			if !equalMaps(got, want[cur]) {
				t.Errorf("round %d (%v): interrupted, but the previous site changed (%d files)", round, r.sig, len(got))
			}
		case r.status == -1:
			// The signal came after salesreview stopped catching signals,
			// as it returned: either site is whole.
			if equalMaps(got, want[next]) {
				cur = next
			} else if !equalMaps(got, want[cur]) {
				t.Errorf("round %d (%v): ended by the signal with a site that is neither the previous nor the new one", round, r.sig)
			}
		default:
			t.Errorf("round %d (%v): exit status %d:\n%s", round, r.sig, r.status, r.stderr)
		}
		if left := entries(t, work); strings.Join(left, ",") != "site" {
			t.Errorf("round %d (%v): left beside the site: %v", round, r.sig, left)
		}
		if left := entries(t, tmp); len(left) > 0 {
			t.Errorf("round %d (%v): left in the temporary folder: %v", round, r.sig, left)
			clearFolder(t, tmp)
		}
		if t.Failed() {
			return
		}
	}
	if interrupted == 0 {
		t.Errorf("no build was interrupted: the signals all came too late to test anything")
	}
}

// buildTimes estimates how long a build takes, and how long from the
// moment its temporary folder appears to its end; the estimates follow
// the machine's load as the test runs.
type buildTimes struct {
	build, write time.Duration
	calls        int
}

// signal waits for the build cmd writing into work to end, and sends it
// sig on the way (none when rng is nil): on odd calls at a random time in
// the build, on even calls at a random time after its temporary folder
// appears. A build that ends before its signal updates the estimates.
func (est *buildTimes) signal(cmd *exec.Cmd, work string, rng *rand.Rand, sig syscall.Signal) error {
	began := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	est.calls++
	var appeared, fireAt time.Time
	if rng != nil && est.calls%2 == 1 {
		fireAt = began.Add(time.Duration(rng.Int64N(int64(est.build)*12/10 + 1)))
	}
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			est.build = mean(est.build, time.Since(began))
			if !appeared.IsZero() {
				est.write = mean(est.write, time.Since(appeared))
			}
			return err
		case now := <-tick.C:
			if appeared.IsZero() && hasTemp(work) {
				appeared = now
				if rng != nil && fireAt.IsZero() {
					fireAt = now.Add(time.Duration(rng.Int64N(int64(est.write)*13/10 + 1)))
				}
			}
			if !fireAt.IsZero() && now.After(fireAt) {
				_ = cmd.Process.Signal(sig) // fails when the build has just ended: fine
				return <-done
			}
		}
	}
}

// mean averages an estimate with a new measurement (the first one stands).
func mean(est, d time.Duration) time.Duration {
	if est == 0 {
		return d
	}
	return (est + d) / 2
}

// hasTemp reports whether a build's temporary folder is in work.
func hasTemp(work string) bool {
	es, _ := os.ReadDir(work)
	for _, e := range es {
		if strings.Contains(e.Name(), ".tmp-") {
			return true
		}
	}
	return false
}

// clearFolder empties dir.
func clearFolder(t *testing.T, dir string) {
	t.Helper()
	for _, n := range entries(t, dir) {
		if err := os.RemoveAll(filepath.Join(dir, n)); err != nil {
			t.Fatal(err)
		}
	}
}
