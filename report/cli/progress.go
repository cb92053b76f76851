package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// progressDelay is how long reading must take before a bar appears.
const progressDelay = time.Second

// progress draws a bar on stderr while inputs are read, but only when
// stderr is a terminal and reading has taken longer than progressDelay; in
// CI (no terminal) it draws nothing. The input side reports bytes read
// through update; a ticker redraws, so the elapsed time moves on between
// reports.
type progress struct {
	mu          sync.Mutex
	w           io.Writer
	start       time.Time
	done, total int64
	drawn       bool
	stop        chan struct{}
	stopped     chan struct{}
}

// newProgress starts a bar on w if w is a terminal; otherwise it returns a
// progress whose methods do nothing.
func newProgress(w io.Writer, start time.Time) *progress {
	p := &progress{w: w, start: start}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return p
	}
	p.stop, p.stopped = make(chan struct{}), make(chan struct{})
	go p.run()
	return p
}

func (p *progress) run() {
	defer close(p.stopped)
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case now := <-t.C:
			if now.Sub(p.start) < progressDelay {
				continue
			}
			p.mu.Lock()
			fmt.Fprintf(p.w, "\r%s %2.0f s ", bar(p.done, p.total, 30), now.Sub(p.start).Seconds())
			p.drawn = true
			p.mu.Unlock()
		}
	}
}

// update is the source.Options.Progress callback.
func (p *progress) update(done, total int64) {
	p.mu.Lock()
	p.done, p.total = done, total
	p.mu.Unlock()
}

// finish stops the bar and clears it, if one was drawn.
func (p *progress) finish() {
	if p.stop == nil {
		return
	}
	close(p.stop)
	<-p.stopped
	p.stop = nil
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 72))
	}
}

// bar renders "reading [#######.......]  45%  12.3 / 27.1 MB".
func bar(done, total int64, width int) string {
	if total <= 0 {
		return fmt.Sprintf("reading %.1f MB", float64(done)/1e6)
	}
	if done > total {
		done = total
	}
	fill := int(int64(width) * done / total)
	return fmt.Sprintf("reading [%s%s] %3d%%  %.1f / %.1f MB", strings.Repeat("#", fill), strings.Repeat(".", width-fill),
		done*100/total, float64(done)/1e6, float64(total)/1e6)
}
