package sheetxml

import "sync"

// batchRows is the number of rows the parsing goroutine hands over at once.
const batchRows = 512

// batch is a run of parsed rows. Row i's cells are flat[bounds[i]:bounds[i+1]].
type batch struct {
	nums   []int
	bounds []int
	flat   []string
	styles []int
	shared []int32
	err    error // the parse error that ended the sheet, on the last batch
}

// producer parses a sheet in its own goroutine, a few batches ahead of the
// caller, so that parsing overlaps with whatever the caller does with the
// rows. Only the goroutine touches the Rows' parser state; the caller sees
// batches.
type producer struct {
	full  chan *batch
	free  chan *batch
	done  chan struct{}
	exit  chan struct{}
	once  sync.Once
	cur   *batch
	i     int
	ended bool
	err   error // the caller's copy of the final error
}

func newProducer(r *Rows) *producer {
	p := &producer{full: make(chan *batch, 2), free: make(chan *batch, 4), done: make(chan struct{}), exit: make(chan struct{})}
	for i := 0; i < 4; i++ {
		p.free <- &batch{}
	}
	go p.run(r)
	return p
}

func (p *producer) run(r *Rows) {
	defer close(p.exit)
	defer close(p.full)
	for {
		var b *batch
		select {
		case b = <-p.free:
		case <-p.done:
			return
		}
		b.nums, b.bounds, b.flat, b.styles, b.shared, b.err = b.nums[:0], b.bounds[:0], b.flat[:0], b.styles[:0], b.shared[:0], nil
		more := true
		for len(b.nums) < batchRows {
			if more = r.step(); !more {
				break
			}
			b.nums = append(b.nums, r.num)
			b.bounds = append(b.bounds, len(b.flat))
			b.flat = append(b.flat, r.cells...)
			b.styles = append(b.styles, r.styles...)
			b.shared = append(b.shared, r.shared...)
		}
		b.bounds = append(b.bounds, len(b.flat))
		if !more {
			b.err = r.err
		}
		select {
		case p.full <- b:
		case <-p.done:
			return
		}
		if !more {
			return
		}
	}
}

// next moves to the next row, receiving the next batch when needed.
func (p *producer) next() bool {
	if p.cur != nil {
		p.i++
		if p.i < len(p.cur.nums) {
			return true
		}
		if p.cur.err != nil {
			p.err = p.cur.err
		}
		p.free <- p.cur
		p.cur = nil
	}
	for !p.ended {
		b, ok := <-p.full
		if !ok {
			p.ended = true
			break
		}
		if len(b.nums) > 0 {
			p.cur, p.i = b, 0
			return true
		}
		if b.err != nil {
			p.err = b.err
		}
		p.free <- b
	}
	return false
}

func (p *producer) row() (int, []string) {
	if p.cur == nil {
		return 0, nil
	}
	b := p.cur
	return b.nums[p.i], b.flat[b.bounds[p.i]:b.bounds[p.i+1]:b.bounds[p.i+1]]
}

func (p *producer) rowStyles() []int {
	if p.cur == nil {
		return nil
	}
	b := p.cur
	return b.styles[b.bounds[p.i]:b.bounds[p.i+1]:b.bounds[p.i+1]]
}

func (p *producer) rowShared() []int32 {
	if p.cur == nil {
		return nil
	}
	b := p.cur
	return b.shared[b.bounds[p.i]:b.bounds[p.i+1]:b.bounds[p.i+1]]
}

// stop ends the goroutine and waits for it.
func (p *producer) stop() {
	p.once.Do(func() { close(p.done) })
	<-p.exit
}
