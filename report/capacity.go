package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// minRampReps is how many reps a month of the capacity plan's ramp curve
// needs; the curve stops at the first month fewer reps had reached.
const minRampReps = 5

// CapacityPlan is what the current team is expected to book in the next
// fiscal year from the ramp the review measures, against that year's
// target, and the hires by start month that would close the gap.
type CapacityPlan struct {
	// OK is false when there is no plan; Reason says why.
	OK     bool   `json:"ok"`
	Reason string `json:"reason"`
	// FiscalYear is the next fiscal year, e.g. "FY2028", from Start to End.
	FiscalYear    string  `json:"fiscal_year"`
	Start         Day     `json:"start"`
	End           Day     `json:"end"`
	AttritionRate float64 `json:"attrition_rate"` // a year, 0..1
	// DataBegins is as in Reps; LeftCensored counts the current reps hired
	// before it (in no ramp curve; their tenure is known, so they are
	// expected to book at the ramped rate).
	DataBegins   Day `json:"data_begins"`
	LeftCensored int `json:"left_censored"`
	// Curve[k] is the average bookings per rep in month k since hire
	// (month 0 = the hire month, major units), over the reps hired since the
	// data began that had completed month k (CurveReps[k] of them, at least
	// minRampReps).
	Curve     []Ratio `json:"curve"`
	CurveReps []int   `json:"curve_reps"`
	// RampedMonthly is the bookings per rep per month past the curve: of
	// the current reps past it (or without hire date) over the last twelve
	// complete months (RampedRepMonths rep-months), major units.
	RampedMonthly   Ratio           `json:"ramped_monthly"`
	RampedRepMonths int             `json:"ramped_rep_months"`
	Reps            []CapacityRep   `json:"reps"`   // the current reps, by owner
	Scopes          []CapacityScope `json:"scopes"` // the total first, then the regions
}

// CapacityRep is one current rep's expected bookings in the next fiscal year.
type CapacityRep struct {
	Owner        string `json:"owner"`
	Region       string `json:"region"`
	Hired        Day    `json:"hired"`
	LeftCensored bool   `json:"left_censored"`
	// MonthAtStart is the rep's month since hire in the year's first month
	// (-1 without hire date: the rep counts as ramped).
	MonthAtStart int `json:"month_at_start"`
	// Expected is the rep's expected bookings in the year, major units,
	// with the attrition rate applied from the as-of month.
	Expected float64 `json:"expected"`
}

// CapacityScope is the capacity plan of the total or of one region.
type CapacityScope struct {
	Region   string            `json:"region"` // "" for the total
	Reps     int               `json:"reps"`
	Quarters []CapacityQuarter `json:"quarters"` // the year's four
	// PlanQuarters counts the quarters with a target: the plan compares
	// the target with the expected bookings over those.
	PlanQuarters int     `json:"plan_quarters"`
	Target       Money   `json:"target"`
	HasTarget    bool    `json:"has_target"`
	Expected     float64 `json:"expected"` // over the plan quarters (the whole year without target), major units
	ExpectedYear float64 `json:"expected_year"`
	// Gap = Target - Expected (undefined without target); negative when
	// the team is expected to beat the target.
	Gap   Ratio        `json:"gap"`
	Hires []HireOption `json:"hires"`
}

// CapacityQuarter is one quarter of the next fiscal year.
type CapacityQuarter struct {
	Quarter   string  `json:"quarter"`
	Target    Money   `json:"target"`
	HasTarget bool    `json:"has_target"`
	Expected  float64 `json:"expected"` // from the current reps, major units
}

// HireOption is what one hire starting in a month adds, and how many it
// takes to close the gap.
type HireOption struct {
	Start string `json:"start"` // the start month, e.g. "2027-01"
	// PerHire is one such hire's expected bookings in the plan quarters
	// (major units, with the attrition rate).
	PerHire float64 `json:"per_hire"`
	// Hires is the number of such hires that closes the gap (0 without a
	// gap), rounded up; undefined without target, or when a hire starting
	// then is expected to book nothing in the plan quarters.
	Hires Ratio `json:"hires"`
}

// capacityRep is a current rep as the plan sees it.
type capacityRep struct {
	owner  Sym
	region int // -1: Unassigned / not a region of the review
	hired  Day
	hm     int // hire month index
}

// capacityPlan makes the plan of the next fiscal year.
func (in *outlookInput) capacityPlan() CapacityPlan {
	qy := (floorDiv(in.qLive, 4) + 1) * 4
	first, last := in.cal.Quarter(qy), in.cal.Quarter(qy+3)
	plan := CapacityPlan{FiscalYear: strings.SplitN(first.Name, "-", 2)[0], Start: first.Start, End: last.End,
		AttritionRate: min(1, max(0, in.opts.AttritionRate)), DataBegins: in.begins}
	reps := in.currentReps(&plan)
	if len(reps) == 0 {
		plan.Reason = "no current rep in the roster: the capacity plan needs the team table"
		return plan
	}
	booked := in.monthlyBookings()
	lastFull := monthIndex(in.asOf) - 1
	if in.asOf == monthStart(monthIndex(in.asOf)+1)-1 {
		lastFull++ // the as-of date ends its month
	}
	plan.measureRamp(reps, booked, lastFull, monthIndex(in.begins))
	if !plan.RampedMonthly.OK {
		plan.Reason = "no bookings of current reps in the last twelve months: nothing to measure the ramp on"
		return plan
	}
	plan.OK = true
	fy0 := monthIndex(first.Start)
	for _, r := range reps {
		cr := CapacityRep{Owner: r.owner.String(), Region: Unassigned, Hired: r.hired, LeftCensored: r.hired.Valid() && r.hired < in.begins,
			MonthAtStart: -1}
		if r.region >= 0 {
			cr.Region = in.regions[r.region]
		}
		if r.hired.Valid() {
			cr.MonthAtStart = fy0 - r.hm
		}
		for m := fy0; m < fy0+12; m++ {
			cr.Expected += plan.repMonth(r, m, monthIndex(in.asOf))
		}
		plan.Reps = append(plan.Reps, cr)
	}
	for _, s := range in.scopeOrder() {
		plan.Scopes = append(plan.Scopes, in.capacityScope(&plan, reps, s, qy))
	}
	return plan
}

// currentReps returns the roster's reps hired on or before the as-of date
// (or without hire date), by owner, and counts the left-censored ones.
func (in *outlookInput) currentReps(plan *CapacityPlan) []capacityRep {
	seen := map[Sym]bool{}
	var reps []capacityRep
	for _, e := range in.cur.Roster {
		if e.Owner == 0 || seen[e.Owner] || e.Hired > in.asOf {
			continue
		}
		seen[e.Owner] = true
		r := capacityRep{owner: e.Owner, region: -1, hired: e.Hired}
		if e.Region != 0 {
			r.region = int(in.regionIndex(e.Region))
		}
		if e.Hired.Valid() {
			r.hm = monthIndex(e.Hired)
			if e.Hired < in.begins {
				plan.LeftCensored++
			}
		}
		reps = append(reps, r)
	}
	slices.SortFunc(reps, func(a, b capacityRep) int { return strings.Compare(a.owner.String(), b.owner.String()) })
	return reps
}

// monthlyBookings returns each owner's won amount by month, closes on or
// before the as-of date only.
func (in *outlookInput) monthlyBookings() map[Sym]map[int]Money {
	out := map[Sym]map[int]Money{}
	for i := range in.deals {
		d := &in.deals[i]
		if d.status != Won || d.close > in.asOf {
			continue
		}
		o := in.cur.Deals[d.src].Owner
		if out[o] == nil {
			out[o] = map[int]Money{}
		}
		out[o][monthIndex(d.close)] += d.amount
	}
	return out
}

// measureRamp measures the curve over the reps hired since the data
// began, month by month while minRampReps had completed the month, and the
// ramped rate of the current reps past it over the last twelve complete
// months.
func (plan *CapacityPlan) measureRamp(reps []capacityRep, booked map[Sym]map[int]Money, lastFull, firstMonth int) {
	for k := 0; ; k++ {
		var sum Money
		n := 0
		for _, r := range reps {
			if r.hired.Valid() && r.hired >= plan.DataBegins && r.hm+k <= lastFull {
				sum += booked[r.owner][r.hm+k]
				n++
			}
		}
		if n < minRampReps {
			break
		}
		plan.Curve = append(plan.Curve, avgMoney(sum, n))
		plan.CurveReps = append(plan.CurveReps, n)
	}
	var sum Money
	for m := max(lastFull-11, firstMonth); m <= lastFull; m++ {
		for _, r := range reps {
			if !r.hired.Valid() || m-r.hm >= len(plan.Curve) {
				sum += booked[r.owner][m]
				plan.RampedRepMonths++
			}
		}
	}
	plan.RampedMonthly = avgMoney(sum, plan.RampedRepMonths)
	if !plan.RampedMonthly.OK && len(plan.Curve) > 0 {
		// Nobody is past the curve yet: its last three months stand in.
		var s float64
		tail := plan.Curve[max(0, len(plan.Curve)-3):]
		for _, c := range tail {
			s += c.Value
		}
		plan.RampedMonthly = Defined(s / float64(len(tail)))
	}
}

// rate is the expected bookings of a rep in month k since hire.
func (plan *CapacityPlan) rate(k int) float64 {
	switch {
	case k < 0:
		return 0
	case k < len(plan.Curve):
		return plan.Curve[k].Value
	}
	return plan.RampedMonthly.Value
}

// survival is the share of a team still there after the given months.
func (plan *CapacityPlan) survival(months int) float64 {
	return math.Pow(1-plan.AttritionRate, float64(max(0, months))/12)
}

// repMonth is a current rep's expected bookings in month m, with the
// attrition from the as-of month.
func (plan *CapacityPlan) repMonth(r capacityRep, m, asOfMonth int) float64 {
	k := len(plan.Curve) // without hire date: ramped
	if r.hired.Valid() {
		k = m - r.hm
	}
	return plan.rate(k) * plan.survival(m-asOfMonth)
}

// capacityScope compares one scope's expected bookings with its target
// over the quarters of the year that have one.
func (in *outlookInput) capacityScope(plan *CapacityPlan, reps []capacityRep, s, qy int) CapacityScope {
	cs := CapacityScope{Region: in.scopeName(s)}
	asOfMonth := monthIndex(in.asOf)
	var planMonths []int
	for j := range 4 {
		q := in.cal.Quarter(qy + j)
		cq := CapacityQuarter{Quarter: q.Name}
		cq.Target, cq.HasTarget = in.target(s, qy+j)
		m0 := monthIndex(q.Start)
		for _, r := range reps {
			if s == in.nr || r.region == s {
				for m := m0; m < m0+3; m++ {
					cq.Expected += plan.repMonth(r, m, asOfMonth)
				}
			}
		}
		cs.ExpectedYear += cq.Expected
		if cq.HasTarget {
			cs.PlanQuarters++
			cs.Target += cq.Target
			cs.Expected += cq.Expected
			planMonths = append(planMonths, m0, m0+1, m0+2)
		}
		cs.Quarters = append(cs.Quarters, cq)
	}
	for _, r := range reps {
		if s == in.nr || r.region == s {
			cs.Reps++
		}
	}
	cs.HasTarget = cs.PlanQuarters > 0
	if !cs.HasTarget {
		cs.Expected = cs.ExpectedYear
		return cs
	}
	cs.Gap = Defined(cs.Target.Float() - cs.Expected)
	for start := asOfMonth + 1; start <= planMonths[len(planMonths)-1]; start++ {
		h := HireOption{Start: monthName(start)}
		for _, m := range planMonths {
			if m >= start {
				h.PerHire += plan.rate(m-start) * plan.survival(m-start)
			}
		}
		switch {
		case cs.Gap.Value <= 0:
			h.Hires = Defined(0)
		case h.PerHire > 0:
			h.Hires = Defined(math.Ceil(cs.Gap.Value / h.PerHire))
		}
		cs.Hires = append(cs.Hires, h)
	}
	return cs
}

// String describes the plan in a line, for logs and tests.
func (plan *CapacityPlan) String() string {
	if !plan.OK {
		return "no capacity plan: " + plan.Reason
	}
	return fmt.Sprintf("%s: %d reps, ramp curve of %d months, ramped %.0f a month", plan.FiscalYear, len(plan.Reps), len(plan.Curve), plan.RampedMonthly.Value)
}
