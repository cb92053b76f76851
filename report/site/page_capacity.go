package site

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/english"
)

// capacity is the Reps page's section of the capacity plan: what the
// current reps are expected to book next fiscal year, against its target,
// and the hires by start month that would close the gap.
func (b *builder) capacity() *section {
	c := &b.rev.Outlook.Capacity
	sec := &section{Title: "Capacity plan " + c.FiscalYear}
	if !c.OK {
		sec.Title = "Capacity plan"
		sec.Empty = "No capacity plan: " + c.Reason + "."
		return sec
	}
	sec.Intro = "Each current rep is expected to book, in each month of " + c.FiscalYear +
		", what reps booked in the same month since hire (the ramp curve below; a ramped rep's monthly rate past it). " +
		"The Definitions page says how."
	sec.Highlights = b.capacitySentences(c)
	hires := b.hiresTable(c)
	if len(hires.Rows) > 0 {
		sec.Tables = append(sec.Tables, b.table("hires", "Hires needed to close the gap, by start month", hires, false, 0))
	}
	sec.Tables = append(sec.Tables, b.table("capacity", "Expected bookings and target, "+c.FiscalYear, b.capacityTable(c), true, 0))
	curve := &dataTable{Columns: []column{col("Month since hire", textCol), col("Bookings per rep", moneyCol), col("Reps", countCol)}}
	for k, v := range c.Curve {
		curve.Rows = append(curve.Rows, []cell{txt(strconv.Itoa(k)), rat(v), cnt(c.CurveReps[k])})
	}
	if len(curve.Rows) > 0 {
		b.addChart(sec, chartSpec{Name: "capacity-ramp", Title: "Ramp curve of the plan: bookings per rep by month since hire",
			Label: "Bar chart of the average bookings per rep in each month since hire", Kind: barChart, Data: curve,
			Series: []string{"Bookings per rep"}, Colours: []string{projectedColour}})
	}
	reps := &dataTable{Columns: []column{col("Rep", textCol), col("Region", textCol), col("Hired", textCol),
		col("Month since hire at the start", countCol), col("Expected "+c.FiscalYear, moneyCol)}}
	for _, r := range c.Reps {
		month := cell{}
		if r.MonthAtStart >= 0 {
			month = cnt(r.MonthAtStart)
		}
		reps.Rows = append(reps.Rows, []cell{txt(r.Owner), b.regionLink(r.Region), txt(r.Hired.String()), month, num(r.Expected)})
	}
	sec.Tables = append(sec.Tables, b.listTable("capacity_plan_reps", "capacity-reps", "Current reps", reps, true, maxReps))
	return sec
}

// capacitySentences say what the team is expected to book, the gap to the
// target and the hires that close it, and who is left out of the curve.
func (b *builder) capacitySentences(c *report.CapacityPlan) []string {
	total := c.Scopes[0]
	s := fmt.Sprintf("The %s are expected to book %s in %s", english.Plural(len(c.Reps), "current rep", "current reps"),
		b.f.moneyFloat(total.ExpectedYear), c.FiscalYear)
	if c.AttritionRate > 0 {
		v := c.AttritionRate
		s += fmt.Sprintf(", %s of the team leaving in a year", percent(&v))
	}
	out := []string{s + "."}
	if total.HasTarget {
		out = append(out, b.gapSentence(c, total))
		if short := b.shortRegions(c); short != "" {
			out = append(out, short)
		} else if total.Gap.Value <= 0 {
			out = append(out, "No region falls short of its target: no hire is needed.")
		}
	} else {
		out = append(out, "There is no target for "+c.FiscalYear+" to compare with.")
	}
	if c.LeftCensored > 0 {
		out = append(out, fmt.Sprintf("%s hired before the data begins (%s) %s left out of the ramp curve; their tenure is known, "+
			"so they count at the ramped rate of %s a month.", english.Plural(c.LeftCensored, "rep", "reps"), c.DataBegins,
			map[bool]string{true: "is", false: "are"}[c.LeftCensored == 1], b.f.moneyFloat(c.RampedMonthly.Value)))
	}
	return out
}

// gapSentence compares the expected bookings with the target over the plan
// quarters, and names the hires that close the gap.
func (b *builder) gapSentence(c *report.CapacityPlan, sc report.CapacityScope) string {
	over := c.FiscalYear
	if sc.PlanQuarters < 4 {
		var qs []string
		for _, q := range sc.Quarters {
			if q.HasTarget {
				qs = append(qs, q.Quarter)
			}
		}
		over = "the quarters of " + c.FiscalYear + " with a target (" + strings.Join(qs, ", ") + ")"
	}
	s := fmt.Sprintf("Over %s they are expected to book %s against a target of %s", over, b.f.moneyFloat(sc.Expected),
		b.f.money(sc.Target))
	if sc.Gap.Value <= 0 {
		return s + fmt.Sprintf(": %s above it in total.", b.f.moneyFloat(-sc.Gap.Value))
	}
	s += fmt.Sprintf(": a gap of %s", b.f.moneyFloat(sc.Gap.Value))
	var ways []string
	for _, h := range sc.Hires {
		if h.Hires.OK && len(ways) < 2 {
			ways = append(ways, fmt.Sprintf("%s starting in %s", english.Plural(int(h.Hires.Value), "hire", "hires"), h.Start))
		}
	}
	if len(ways) == 0 {
		return s + "; no hire starting now would book in time to close it."
	}
	return s + "; closing it takes " + strings.Join(ways, ", or ") + "."
}

// shortRegions names the regions expected to fall short of their target
// and the hires that close each one's gap starting the month after the
// as-of date: regions above their target do not lend their surplus.
func (b *builder) shortRegions(c *report.CapacityPlan) string {
	var gap float64
	var parts []string
	hires, start := 0, ""
	for _, sc := range c.Scopes[1:] {
		if !sc.Gap.OK || sc.Gap.Value <= 0 {
			continue
		}
		gap += sc.Gap.Value
		part := sc.Region + " " + b.f.moneyFloat(sc.Gap.Value)
		if len(sc.Hires) > 0 && sc.Hires[0].Hires.OK {
			n := int(sc.Hires[0].Hires.Value)
			hires, start = hires+n, sc.Hires[0].Start
			part += " (" + english.Plural(n, "hire", "hires") + ")"
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return ""
	}
	s := fmt.Sprintf("By region, %s short of %s target by %s in all: %s", english.Plural(len(parts), "region falls", "regions fall"),
		map[bool]string{true: "its", false: "their"}[len(parts) == 1], b.f.moneyFloat(gap), strings.Join(parts, ", "))
	if start == "" {
		return s + "."
	}
	return s + fmt.Sprintf("; %s starting in %s close %s.", english.Plural(hires, "hire", "hires"), start,
		map[bool]string{true: "it", false: "them"}[len(parts) == 1])
}

// capacityTable has a row per region (and a foot for all regions): reps,
// target, expected bookings and gap.
func (b *builder) capacityTable(c *report.CapacityPlan) *dataTable {
	t := &dataTable{Columns: []column{col("Region", textCol), col("Reps", countCol), col("Quarters with a target", countCol),
		col("Target", moneyCol), col("Expected", moneyCol), col("Gap", moneyCol), col("Expected, whole year", moneyCol)}}
	for i, sc := range c.Scopes {
		row := []cell{txt("All regions"), cnt(sc.Reps), cnt(sc.PlanQuarters), optMoney(sc.Target, sc.HasTarget), num(sc.Expected),
			rat(sc.Gap), num(sc.ExpectedYear)}
		if i == 0 {
			t.Foot = row
			continue
		}
		row[0] = b.regionLink(sc.Region)
		t.Rows = append(t.Rows, row)
	}
	return t
}

// hiresTable has a row per start month and a column per scope: the hires
// needed to close its gap.
func (b *builder) hiresTable(c *report.CapacityPlan) *dataTable {
	t := &dataTable{Columns: []column{col("Start month", textCol), col("All regions", countCol)}}
	for _, sc := range c.Scopes[1:] {
		t.Columns = append(t.Columns, column{Label: sc.Region, Kind: countCol, Key: regionsKey, Colour: b.colour(sc.Region)})
	}
	months := map[string]int{}
	for _, sc := range c.Scopes {
		for _, h := range sc.Hires {
			if _, ok := months[h.Start]; !ok {
				months[h.Start] = len(t.Rows)
				t.Rows = append(t.Rows, append([]cell{txt(h.Start)}, make([]cell, len(c.Scopes))...))
			}
			x := rat(h.Hires)
			if !h.Hires.OK && sc.HasTarget {
				x.Note = "too late"
			}
			t.Rows[months[h.Start]][1+scopeIndex(c, sc.Region)] = x
		}
	}
	return t
}

// scopeIndex returns the position of a region's scope in the plan.
func scopeIndex(c *report.CapacityPlan, region string) int {
	for i, sc := range c.Scopes {
		if sc.Region == region {
			return i
		}
	}
	return 0
}
