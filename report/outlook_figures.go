package report

// Pacing compares a scope's bookings so far in the current quarter with
// each of the four quarters before it at the same day of the quarter.
type Pacing struct {
	// Day is the as-of date's day of the quarter (1 = its first day).
	Day int `json:"day"`
	// Quarters holds the current quarter first (cumulated up to Day), then
	// those of the four before it that lie wholly inside the data (they
	// start on or after the month of the earliest won or lost deal), most
	// recent first.
	Quarters []PacingQuarter `json:"quarters"`
	// Share is the current quarter's bookings by Day over its target;
	// EarlierLow and EarlierHigh are the lowest and highest share of the
	// earlier quarters with a target by the same day (EarlierWithTarget of
	// them); all undefined without targets.
	Share             Ratio `json:"share"`
	EarlierLow        Ratio `json:"earlier_low"`
	EarlierHigh       Ratio `json:"earlier_high"`
	EarlierWithTarget int   `json:"earlier_with_target"`
}

// PacingQuarter is one quarter's cumulative bookings by day of the quarter.
type PacingQuarter struct {
	Quarter   string `json:"quarter"`
	Days      int    `json:"days"` // days in the quarter
	Target    Money  `json:"target"`
	HasTarget bool   `json:"has_target"`
	// Cumulative[i] is the won amount with close on days 1..i+1 of the
	// quarter; for the current quarter it stops at the as-of date.
	Cumulative []Money `json:"cumulative"`
	// AtDay is the cumulative bookings by Pacing.Day (by the quarter's last
	// day when it is shorter); ShareAtDay = AtDay / Target.
	AtDay      Money `json:"at_day"`
	ShareAtDay Ratio `json:"share_at_day"`
}

// pacings returns every scope's pacing (index nr: the total).
func (in *outlookInput) pacings() []Pacing {
	const back = 4
	// The current quarter, then those of the four before it that lie wholly
	// inside the data: a quarter before it would show bookings never exported.
	qs := []Quarter{in.cal.Quarter(in.qLive)}
	for j := 1; j <= back; j++ {
		if q := in.cal.Quarter(in.qLive - j); in.begins.Valid() && q.Start >= in.begins {
			qs = append(qs, q)
		}
	}
	oldest := qs[len(qs)-1].Start
	daily := make([][][]Money, in.nr+1) // scope, quarter j, day
	for s := range daily {
		daily[s] = make([][]Money, len(qs))
		for j, q := range qs {
			daily[s][j] = make([]Money, int(q.End-q.Start)+1)
		}
	}
	for i := range in.deals {
		d := &in.deals[i]
		if d.status != Won || d.close > in.asOf || d.close < oldest {
			continue
		}
		j := in.qLive - in.cal.QuarterIndex(d.close)
		day := int(d.close - qs[j].Start)
		daily[d.region][j][day] += d.amount
		daily[in.nr][j][day] += d.amount
	}
	out := make([]Pacing, in.nr+1)
	for s := range out {
		out[s] = in.pacing(s, qs, daily[s])
	}
	return out
}

// pacing cumulates one scope's daily bookings.
func (in *outlookInput) pacing(s int, qs []Quarter, daily [][]Money) Pacing {
	p := Pacing{Day: in.t}
	for j, q := range qs {
		pq := PacingQuarter{Quarter: q.Name, Days: len(daily[j])}
		pq.Target, pq.HasTarget = in.target(s, in.qLive-j)
		n := len(daily[j])
		if j == 0 {
			n = in.t
		}
		pq.Cumulative = make([]Money, n)
		var sum Money
		for day := range n {
			sum += daily[j][day]
			pq.Cumulative[day] = sum
		}
		pq.AtDay = pq.Cumulative[min(in.t, n)-1]
		if pq.HasTarget {
			pq.ShareAtDay = Div(float64(pq.AtDay), float64(pq.Target))
		}
		if j == 0 {
			p.Share = pq.ShareAtDay
		} else if pq.ShareAtDay.OK {
			p.EarlierWithTarget++
			if !p.EarlierLow.OK || pq.ShareAtDay.Value < p.EarlierLow.Value {
				p.EarlierLow = pq.ShareAtDay
			}
			if !p.EarlierHigh.OK || pq.ShareAtDay.Value > p.EarlierHigh.Value {
				p.EarlierHigh = pq.ShareAtDay
			}
		}
		p.Quarters = append(p.Quarters, pq)
	}
	return p
}

// trailingWinRates returns every scope's win rate by value over the four
// quarters before the current one (index nr: the total).
func (in *outlookInput) trailingWinRates() []Ratio {
	from, to := in.cal.Quarter(in.qLive-4).Start, in.cal.Quarter(in.qLive).Start-1
	won, lost := make([]Money, in.nr+1), make([]Money, in.nr+1)
	for i := range in.deals {
		d := &in.deals[i]
		if d.status == Open || d.close < from || d.close > to {
			continue
		}
		acc := lost
		if d.status == Won {
			acc = won
		}
		acc[d.region] += d.amount
		acc[in.nr] += d.amount
	}
	out := make([]Ratio, in.nr+1)
	for s := range out {
		out[s] = Div(float64(won[s]), float64(won[s]+lost[s]))
	}
	return out
}

// quarterFigures is where scope s stands on the as-of date in the current
// quarter (h = 0) or the next (h = 1).
func (in *outlookInput) quarterFigures(as *anchorSet, proj Projection, winRate Ratio, s, h int) OutlookQuarter {
	qi := in.qLive + h
	oq := OutlookQuarter{Quarter: in.cal.Quarter(qi).Name, TrailingWinRate: winRate, Projection: proj}
	if winRate.OK {
		oq.Required = Div(1, winRate.Value)
	}
	if h == 0 {
		oq.Booked = scopeSum(as.at(in.qLive).booked, s)
	}
	oq.Target, oq.HasTarget = in.target(s, qi)
	if oq.HasTarget {
		oq.Gap = oq.Target - oq.Booked
		oq.TargetMet = oq.Gap <= 0
	}
	var weighted float64
	oq.OpenInQuarter, weighted, oq.OpenKnown = in.pipelineIn(s, qi, in.asOf)
	if oq.OpenKnown {
		oq.Weighted = Defined(oq.Booked.Float() + weighted)
		if oq.HasTarget && !oq.TargetMet {
			oq.Coverage = Div(float64(oq.OpenInQuarter), float64(oq.Gap))
		}
	}
	oq.Call = in.call(s, qi, in.asOf)
	return oq
}
