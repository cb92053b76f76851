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
// CI (no terminal) it draws nothing.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	start time.Time
	drawn bool
	last  time.Time
}

func newProgress(w io.Writer, start time.Time) *progress {
	p := &progress{w: w, start: start}
	if f, ok := w.(*os.File); ok {
		p.tty = term.IsTerminal(int(f.Fd()))
	}
	return p
}

// update is the source.Options.Progress callback.
func (p *progress) update(done, total int64) {
	if p == nil || !p.tty {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	p.drawn = true
	fmt.Fprintf(p.w, "\r%s", bar(done, total, 30))
}

// done clears the bar, if one was drawn.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 70))
		p.drawn = false
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
