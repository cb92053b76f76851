package site

import (
	"math"
	"strconv"

	"github.com/salesreview/salesreview/report"
)

// relChange is cur/prev - 1 as a Ratio (undefined when prev is 0).
func relChange(cur, prev float64) report.Ratio {
	if prev == 0 {
		return report.Ratio{}
	}
	return report.Defined(cur/prev - 1)
}

// dir says whether a change is up, down or flat ("" when undefined).
func dir(r report.Ratio) string {
	if !r.OK {
		return ""
	}
	switch v := roundHalfAway(r.Value*100, 1); {
	case v > 0:
		return "up"
	case v < 0:
		return "down"
	}
	return "flat"
}

// changeWords says a change in words: "up 12.4%", "down 3.0%", "flat", "no comparison".
func changeWords(r report.Ratio) string {
	switch dir(r) {
	case "up":
		return "up " + percent(ptrAbs(r.Value)) + " on"
	case "down":
		return "down " + percent(ptrAbs(r.Value)) + " on"
	case "flat":
		return "flat on"
	}
	return "no comparison with"
}

func ptrAbs(v float64) *float64 { a := math.Abs(v); return &a }

// ratioPtr converts a Ratio for the formatting helpers.
func ratioPtr(r report.Ratio) *float64 {
	if !r.OK {
		return nil
	}
	v := r.Value
	return &v
}

// relTileChange is a change shown as a relative percentage.
func relTileChange(label string, r report.Ratio) kpiChange {
	return kpiChange{Label: label, Value: signedPercent(ratioPtr(r)), Dir: dir(r)}
}

// ptsTileChange is the difference of two ratios, in percentage points.
func ptsTileChange(label string, cur, prev report.Ratio) kpiChange {
	if !cur.OK || !prev.OK {
		return kpiChange{Label: label, Value: NA}
	}
	d := report.Defined(cur.Value - prev.Value)
	v := roundHalfAway(d.Value*100, 1)
	s := strconv.FormatFloat(v, 'f', 1, 64) + " pts"
	if v > 0 {
		s = "+" + s
	} else if v == 0 {
		s = "0.0 pts"
	}
	return kpiChange{Label: label, Value: s, Dir: dir(d)}
}

// coverageText formats a coverage: "target met", "3.2x" or n/a.
func coverageText(c report.Coverage) string {
	if c.TargetMet {
		return "target met"
	}
	return times(ratioPtr(c.Ratio))
}

// coverageCell is a coverage table cell (with "target met" in words).
func coverageCell(c report.Coverage) cell {
	x := rat(c.Ratio)
	if c.TargetMet {
		x.Note = "target met"
	}
	return x
}

// coverageTile is the coverage tile of a scope: coverage of the current
// quarter (coverage is for a current or future period; the review quarter
// is over), against the required coverage. It has no change against earlier
// quarters: their coverage would need the pipeline as it stood then.
func (b *builder) coverageTile(cv report.Coverage) kpiTile {
	t := kpiTile{Label: "Coverage " + cv.Period, Value: coverageText(cv)}
	switch {
	case !cv.HasTarget:
		t.Note = "no target for " + cv.Period
	case cv.Required.OK:
		t.Note = "required " + times(ratioPtr(cv.Required))
	default:
		t.Note = "required n/a (no closed deals in the four quarters before)"
	}
	t.Changes = []kpiChange{{Label: "vs earlier quarters: needs the pipeline as it stood then", Value: NA}}
	return t
}

// kpiTiles are the headline tiles of a scope.
func (b *builder) kpiTiles(s *report.Scope) []kpiTile {
	return []kpiTile{b.bookingsTile(s.KPIs), b.attainmentTile(s.KPIs), b.coverageTile(s.Coverage),
		b.winRateTile(s.KPIs), b.arrTile(s.KPIs), b.activitiesTile(s.KPIs)}
}

// vsPrev and vsYearAgo label the changes of a tile.
func (b *builder) vsPrev() string    { return "vs " + b.rev.PrevPeriod.Name }
func (b *builder) vsYearAgo() string { return "vs " + b.rev.YearAgoPeriod.Name }

func (b *builder) bookingsTile(k report.KPIs) kpiTile {
	c := k.Current
	return kpiTile{Label: "Bookings", Value: b.f.money(c.Bookings), Note: number(c.WonDeals) + " won deals",
		Changes: []kpiChange{relTileChange(b.vsPrev(), c.GrowthQoQ), relTileChange(b.vsYearAgo(), c.GrowthYoY)}}
}

func (b *builder) attainmentTile(k report.KPIs) kpiTile {
	c := k.Current
	t := kpiTile{Label: "Attainment", Value: percent(ratioPtr(c.Attainment)), Note: "no target",
		Changes: []kpiChange{ptsTileChange(b.vsPrev(), c.Attainment, k.Previous.Attainment),
			ptsTileChange(b.vsYearAgo(), c.Attainment, k.YearAgo.Attainment)}}
	if c.HasTarget {
		t.Note = "target " + b.f.money(c.Target)
	}
	return t
}

func (b *builder) winRateTile(k report.KPIs) kpiTile {
	c := k.Current
	return kpiTile{Label: "Win rate", Value: percent(ratioPtr(c.WinRate)),
		Note: number(c.WonDeals) + " won, " + number(c.LostDeals) + " lost",
		Changes: []kpiChange{ptsTileChange(b.vsPrev(), c.WinRate, k.Previous.WinRate),
			ptsTileChange(b.vsYearAgo(), c.WinRate, k.YearAgo.WinRate)}}
}

func (b *builder) arrTile(k report.KPIs) kpiTile {
	c := k.Current
	return kpiTile{Label: "ARR", Value: b.f.moneyFloat(c.ARR), Note: "end of " + c.Period,
		Changes: []kpiChange{relTileChange(b.vsPrev(), relChange(c.ARR, k.Previous.ARR)),
			relTileChange(b.vsYearAgo(), relChange(c.ARR, k.YearAgo.ARR))}}
}

func (b *builder) activitiesTile(k report.KPIs) kpiTile {
	c, total := k.Current.Activities, func(a report.ActivityCounts) float64 { return float64(a.Total) }
	return kpiTile{Label: "Activities", Value: number(c.Total), Note: activityNote(c),
		Changes: []kpiChange{relTileChange(b.vsPrev(), relChange(total(c), total(k.Previous.Activities))),
			relTileChange(b.vsYearAgo(), relChange(total(c), total(k.YearAgo.Activities)))}}
}

// activityNote says how many calls, meetings and emails a count holds.
func activityNote(c report.ActivityCounts) string {
	return number(c.Call) + " calls, " + number(c.Meeting) + " meetings, " + number(c.Email) + " emails"
}

// moneyRatio formats a money average held in a Ratio (major units).
func (b *builder) moneyRatio(r report.Ratio) string {
	if !r.OK {
		return NA
	}
	return b.f.moneyFloat(r.Value)
}
