package report

import "cmp"

// Mover is a client or a rep whose bookings in a scope changed between the
// previous quarter (Review.PrevPeriod) and the review quarter.
type Mover struct {
	Name     string `json:"name"`
	Previous Money  `json:"previous"` // bookings in the previous quarter
	Current  Money  `json:"current"`  // bookings in the review quarter
	Change   Money  `json:"change"`   // Current - Previous
}

// Movers say who moved a scope's bookings against the previous quarter: the
// client (account) and the rep (owner) whose bookings rose most and those
// whose bookings fell most. Each is nil when nobody's bookings moved that
// way; deals without an owner have no rep. Ties go to the name first in
// byte order.
type Movers struct {
	Change     Money  `json:"change"` // the scope's bookings in the review quarter minus the previous quarter's
	ClientUp   *Mover `json:"client_up"`
	ClientDown *Mover `json:"client_down"`
	RepUp      *Mover `json:"rep_up"`
	RepDown    *Mover `json:"rep_down"`
}

// moverKey is a (scope, client or rep number) pair.
type moverKey struct {
	scope int32
	who   int32
}

// moversPart is the movers family: every scope's movers.
func moversPart(ix *index) (part, error) {
	prev := ix.cal.Quarter(ix.periodQ - 1)
	clients, reps := map[moverKey]*Mover{}, map[moverKey]*Mover{}
	change := make([]Money, ix.nr+1)
	for i := range ix.deals {
		di := &ix.deals[i]
		d := &ix.cur.Deals[i]
		if !di.won {
			continue
		}
		inPrev := d.Close >= prev.Start && d.Close <= prev.End
		if !di.wonInP && !inPrev {
			continue
		}
		for _, s := range [2]int32{di.region, int32(ix.nr)} {
			change[s] += signed(d.Amount, inPrev)
			if di.account >= 0 {
				moverOf(clients, moverKey{s, di.account}, d.Account).add(d.Amount, inPrev)
			}
			if di.owner >= 0 {
				moverOf(reps, moverKey{s, di.owner}, d.Owner).add(d.Amount, inPrev)
			}
		}
	}
	movers := make([]Movers, ix.nr+1)
	for s := range movers {
		movers[s].Change = change[s]
	}
	for k, m := range clients {
		ms := &movers[k.scope]
		ms.ClientUp, ms.ClientDown = rank(ms.ClientUp, m, 1), rank(ms.ClientDown, m, -1)
	}
	for k, m := range reps {
		ms := &movers[k.scope]
		ms.RepUp, ms.RepDown = rank(ms.RepUp, m, 1), rank(ms.RepDown, m, -1)
	}
	return part{fill: func(rev *Review) {
		for s := range movers {
			rev.scopeAt(s).Movers = movers[s]
		}
	}}, nil
}

// moverOf returns the mover of key k in m, making it the first time.
func moverOf(m map[moverKey]*Mover, k moverKey, name Sym) *Mover {
	mv := m[k]
	if mv == nil {
		mv = &Mover{Name: name.String()}
		m[k] = mv
	}
	return mv
}

// add adds a won deal of the review quarter, or of the previous one.
func (m *Mover) add(amount Money, inPrev bool) {
	if inPrev {
		m.Previous += amount
	} else {
		m.Current += amount
	}
	m.Change += signed(amount, inPrev)
}

// signed is the amount as a change: negative in the previous quarter.
func signed(amount Money, inPrev bool) Money {
	if inPrev {
		return -amount
	}
	return amount
}

// rank returns whichever of best and m moved more in direction sign (1:
// up, -1: down), nil when neither moved that way; ties go to the first name.
func rank(best, m *Mover, sign Money) *Mover {
	if m.Change*sign <= 0 {
		return best
	}
	if best == nil {
		return m
	}
	if c := cmp.Compare(m.Change*sign, best.Change*sign); c > 0 || c == 0 && m.Name < best.Name {
		return m
	}
	return best
}
