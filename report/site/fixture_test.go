package site

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/salesreview/salesreview/report"
)

// hostileNames reach every user-text field of the hostile fixture.
var hostileNames = []string{
	`</script><script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`__f__alert(1)__f__`,
	`{{.}}`,
	`../../x`,
	`CON`,
}

// templatesFS is the repository's templates folder.
func templatesFS() fs.FS {
	return os.DirFS(filepath.Join("..", "..", "templates"))
}

func r(v float64) report.Ratio { return report.Ratio{Value: v, OK: true} }

var undef = report.Ratio{}

// usd returns whole dollars as Money.
func usd(d int64) report.Money { return report.Cents(d * 100) }

// quarters FY2025-Q1 .. FY2026-Q3 (calendar fiscal year).
func fixtureQuarters() []report.Quarter {
	var qs []report.Quarter
	for y := 2025; y <= 2026; y++ {
		for q := 1; q <= 4; q++ {
			if y == 2026 && q == 4 {
				break
			}
			qs = append(qs, report.Quarter{Name: qname(y, q), FiscalYear: y, Q: q})
		}
	}
	return qs
}

func qname(y, q int) string {
	return "FY" + itoa(y) + "-Q" + itoa(q)
}

func itoa(n int) string {
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	if s == "" {
		return "0"
	}
	return s
}

// fixtureReview is a small hand-made review. With hostile set, every name
// (regions, accounts, markets, reps, stages, deals, files, sheets,
// messages) is one of hostileNames.
func fixtureReview(hostile bool) *report.Review {
	if hostile {
		return fixtureNamed(hostileNames)
	}
	return fixtureNamed(nil)
}

// fixtureNamed is fixtureReview with every name taken from names in turn
// (nil: plain names). With six names or more, four more regions are named.
func fixtureNamed(names []string) *report.Review {
	name := func(plain string, i int) string {
		if names != nil {
			return names[i%len(names)]
		}
		return plain
	}
	regions := []string{name("West", 0), name("East", 1), report.Unassigned}
	if len(names) >= 6 {
		regions = append([]string{names[2], names[3], names[4], names[5]}, regions...)
	}
	qs := fixtureQuarters()
	period := qs[len(qs)-1]
	rev := &report.Review{
		Schema: report.SchemaVersion, Currency: "USD", AsOf: report.Date(2026, 10, 5), FiscalYearStart: 1, AmountMode: report.ModeTCV,
		Period: period, PrevPeriod: qs[len(qs)-2], YearAgoPeriod: qs[len(qs)-5], Quarters: qs, Regions: regions,
		CurrentPeriod: report.Quarter{Name: "FY2026-Q4", FiscalYear: 2026, Q: 4},
		Stages:        []string{name("Prospecting", 0), name("Engaging", 1)},
	}
	trend := func(scale int64) []report.QuarterFigures {
		var t []report.QuarterFigures
		for i, q := range qs {
			b := usd(scale * int64(10+i))
			f := report.QuarterFigures{Period: q.Name, Bookings: b, WonDeals: 2 + i, LostDeals: 1, WinRate: r(float64(2+i) / float64(3+i)),
				WinRateValue: r(0.5), AvgDealSize: r(b.Float() / float64(2+i)), CycleMedian: r(40 + float64(i)), CycleMean: r(45), CycleDeals: 2,
				Created: usd(scale * 20), CreatedDeals: 4, Recognised: float64(scale * 3), Target: usd(scale * 12), HasTarget: true,
				Attainment: r(float64(10+i) / 12), Activities: report.ActivityCounts{Call: 5, Email: 3, Meeting: 2, Total: 10}}
			if i > 0 {
				f.GrowthQoQ = r(float64(10+i)/float64(9+i) - 1)
			}
			if i > 3 {
				f.GrowthYoY = r(float64(10+i)/float64(6+i) - 1)
			}
			t = append(t, f)
		}
		return t
	}
	kpi := func(tr []report.QuarterFigures, i int, scale int64) report.KPI {
		q := tr[i]
		return report.KPI{Period: q.Period, Bookings: q.Bookings, WonDeals: q.WonDeals, LostDeals: q.LostDeals, Target: q.Target, HasTarget: true,
			Attainment: q.Attainment, WinRate: q.WinRate, WinRateValue: q.WinRateValue, ARR: float64(scale * 36), Activities: q.Activities,
			GrowthQoQ: q.GrowthQoQ, GrowthYoY: q.GrowthYoY,
			Coverage: report.Coverage{Period: q.Period, OpenPipeline: usd(scale * 30), Target: q.Target, HasTarget: true, Booked: q.Bookings,
				Remaining: q.Target - q.Bookings, Ratio: r(2.5), Required: r(2), TrailingWinRate: r(0.5)}}
	}
	scope := func(region string, scale int64, idx int) report.Scope {
		tr := trend(scale)
		n := len(tr)
		s := report.Scope{Region: region, Trend: tr,
			KPIs:          report.KPIs{Current: kpi(tr, n-1, scale), Previous: kpi(tr, n-2, scale), YearAgo: kpi(tr, n-5, scale)},
			Concentration: report.Concentration{Clients: 3, ClientsAll: 5, AvgPerClient: r(1000), AvgPerClientAll: r(2000), Top10Share: r(1), Top10ShareAll: r(0.9)},
			TopClients: []report.ClientRevenue{
				{Account: name("Acme", idx), Market: name("Software", idx+1), Region: region, Bookings: usd(scale * 9), BookingsAll: usd(scale * 40), WonDeals: 1, WonDealsAll: 4, ShareAll: r(0.6), CumShareAll: r(0.6)},
				{Account: name("Globex", idx+2), Market: name("Retail", idx+3), Region: region, Bookings: usd(scale * 4), BookingsAll: usd(scale * 20), WonDeals: 1, WonDealsAll: 2, ShareAll: r(0.4), CumShareAll: r(1)},
			},
			OpenPipeline: usd(scale * 30), WeightedPipeline: float64(scale) * 12.5, OpenDeals: 3,
			PipelineByStage: []report.StageAmount{{Stage: rev.Stages[0], Deals: 2, Amount: usd(scale * 20), Weighted: float64(scale) * 4}, {Stage: rev.Stages[1], Deals: 1, Amount: usd(scale * 10), Weighted: float64(scale) * 8.5}},
			Funnel:          []report.FunnelStage{{Stage: rev.Stages[0], Deals: 10, Amount: usd(scale * 50)}, {Stage: rev.Stages[1], Deals: 6, Amount: usd(scale * 30), Conversion: r(0.6)}},
			Forecast:        report.ForecastRollup{Period: period.Name, Closed: usd(scale * 16), Commit: usd(scale * 5), BestCase: usd(scale * 4), Pipeline: usd(scale * 3), Omitted: usd(scale), CommitTotal: usd(scale * 21), BestCaseTotal: usd(scale * 25), PipelineTotal: usd(scale * 28)},
			Activities:      report.ScopeActivities{Counts: report.ActivityCounts{Call: 50, Email: 30, Meeting: 20, Total: 100}, PerWonDeal: r(4.5)},
			Reps:            []string{name("Ann", idx)},
			// Bookings 15 -> 16 (x scale): Acme 8 -> 9, Globex 5 -> 4, Ann 15 -> 16.
			Movers: report.Movers{Change: usd(scale),
				ClientUp:   &report.Mover{Name: name("Acme", idx), Previous: usd(scale * 8), Current: usd(scale * 9), Change: usd(scale)},
				ClientDown: &report.Mover{Name: name("Globex", idx+2), Previous: usd(scale * 5), Current: usd(scale * 4), Change: -usd(scale)},
				RepUp:      &report.Mover{Name: name("Ann", idx), Previous: usd(scale * 15), Current: usd(scale * 16), Change: usd(scale)}},
		}
		// Coverage of the current quarter FY2026-Q4 (the one holding the as-of date).
		s.Coverage = s.KPIs.Current.Coverage
		s.Coverage.Period, s.Coverage.Booked, s.Coverage.Remaining = rev.CurrentPeriod.Name, 0, s.Coverage.Target
		return s
	}
	for i, reg := range regions {
		rev.ByRegion = append(rev.ByRegion, scope(reg, int64(1000*(i+1)), i))
	}
	rev.Total = scope("", 3000, 0)
	// Undefined figures must show n/a.
	rev.ByRegion[len(regions)-1].KPIs.Current.GrowthQoQ = undef
	rev.ByRegion[len(regions)-1].KPIs.Current.Attainment = undef
	rev.ByRegion[len(regions)-1].KPIs.Current.HasTarget = false
	rev.ByRegion[0].KPIs.Current.Coverage.TargetMet = true
	rev.ByRegion[0].KPIs.Current.Coverage.Ratio = undef
	rev.ByRegion[0].Coverage.TargetMet = true
	rev.ByRegion[0].Coverage.Ratio = undef

	for i, s := range rev.ByRegion {
		rev.Revenue.Clients = append(rev.Revenue.Clients, s.TopClients...)
		rev.Revenue.MarketsRegions = append(rev.Revenue.MarketsRegions, report.MarketRevenue{Market: s.TopClients[0].Market, Region: s.Region, Bookings: usd(100), BookingsAll: usd(int64(1000 * (i + 1))), WonDeals: 1, WonDealsAll: 2, Clients: 1})
	}
	rev.Revenue.Markets = []report.MarketRevenue{{Market: name("Software", 1), Bookings: usd(5000), BookingsAll: usd(9000), WonDeals: 2, WonDealsAll: 5, Clients: 3}, {Market: "", Bookings: usd(100), BookingsAll: usd(200), WonDeals: 1, WonDealsAll: 1, Clients: 1}}
	for m := 1; m <= 9; m++ {
		am := report.ARRMonth{Month: "2026-0" + itoa(m), Recognised: float64(1000 * m), ARR: float64(12000 * m)}
		for range regions {
			am.ByRegion = append(am.ByRegion, float64(12000*m/len(regions)))
		}
		rev.Revenue.ARRByMonth = append(rev.Revenue.ARRByMonth, am)
	}
	sched := report.Schedule{Window: period.Name}
	for i := 0; i < 20; i++ {
		sched.Quarters = append(sched.Quarters, "Q"+itoa(i+1))
	}
	for _, reg := range append(append([]string(nil), regions...), "") {
		row := report.ScheduleRow{Region: reg, TCV: 12000, FirstYearValue: 4000, Deals: 2}
		for i := 0; i < 20; i++ {
			if i < 12 {
				row.Amounts = append(row.Amounts, 1000)
			} else {
				row.Amounts = append(row.Amounts, 0)
			}
		}
		sched.Rows = append(sched.Rows, row)
	}
	rev.Revenue.Schedule = sched
	deal := report.DealRef{ID: name("D-1", 2), Name: name("Big deal", 0), Account: name("Acme", 1), Region: regions[0], Owner: name("Ann", 3), Stage: rev.Stages[0],
		Amount: usd(5000), Close: report.Date(2026, 9, 1), Pos: report.Position{File: name("pipeline.xlsx", 4), Sheet: name("Deals", 0), Row: 7, Col: 3}}
	for _, reg := range append(append([]string(nil), regions...), "") {
		rev.Pipeline.Coverage = append(rev.Pipeline.Coverage, report.Coverage{Region: reg, Period: period.Name, OpenPipeline: usd(3000), Target: usd(5000), HasTarget: true, Booked: usd(2000), Remaining: usd(3000), Ratio: r(1), Required: r(2), TrailingWinRate: r(0.5)})
	}
	rev.Pipeline.PastDue = []report.PastDue{{Deal: deal, DaysLate: 34}}
	rev.Pipeline.Risks = []report.RiskFlag{{Deal: deal, Rule: report.RulePastDue, Detail: "close 2026-09-01 before 2026-10-05"}, {Deal: deal, Rule: report.RuleOutsized, Detail: name("amount above 5x median", 0)}}
	for _, reg := range regions {
		for _, q := range qs[len(qs)-4:] {
			rev.Forecast.Accuracy = append(rev.Forecast.Accuracy, report.ForecastAccuracy{Region: reg, Period: q.Name, HasCall: true, Submitted: report.Date(2026, 3, 1), Forecast: usd(900), Actual: usd(1000), Accuracy: r(0.9), Bias: r(-0.1)})
		}
	}
	rev.Forecast.Accuracy[0].Accuracy, rev.Forecast.Accuracy[0].Bias, rev.Forecast.Accuracy[0].HasCall = undef, undef, false
	ac := report.ActivityCounts{Call: 5, Email: 3, Meeting: 2, Other: 1, Total: 11}
	rev.Activities = report.Activities{Counts: report.ActivityCounts{Call: 50, Email: 30, Meeting: 20, Other: 2, Total: 102}, PerWonDeal: r(3.25), Unassigned: 4,
		Effectiveness: []report.Effectiveness{{Type: "meeting", With: 4, Without: 6, WonWith: 3, WonWithout: 2, WinRateWith: r(0.75), WinRateWithout: r(1.0 / 3)}, {Type: "call", WinRateWithout: undef, WinRateWith: r(0.5), With: 2}},
		Efficiency:    []report.Efficiency{{Type: "call", Activities: 50, Bookings: usd(10000), PerActivity: r(200)}, {Type: "other", PerActivity: undef}}}
	for _, reg := range regions {
		rev.Activities.ByRegion = append(rev.Activities.ByRegion, report.ActivityRow{Key: reg, Counts: ac})
	}
	for i := 0; i < 3; i++ {
		rev.Activities.ByOwner = append(rev.Activities.ByOwner, report.ActivityRow{Key: name("Ann", i), Counts: ac})
	}
	for w := 1; w <= 30; w++ {
		rev.Activities.ByWeek = append(rev.Activities.ByWeek, report.ActivityRow{Key: "2026-W" + pad2(w), Counts: report.ActivityCounts{Call: w % 7, Email: w % 5, Meeting: w % 3, Total: w%7 + w%5 + w%3}, Change: r(0.1)})
	}
	for m := 1; m <= 9; m++ {
		rev.Activities.ByMonth = append(rev.Activities.ByMonth, report.ActivityRow{Key: "2026-0" + itoa(m), Counts: ac, Change: r(0)})
	}
	// The as-of date cuts the last week and month.
	rev.Activities.ByWeek[29].Partial, rev.Activities.ByWeek[29].Change = true, undef
	rev.Activities.ByMonth[8].Partial, rev.Activities.ByMonth[8].Change = true, undef
	for i, reg := range regions {
		rev.Reps.Rows = append(rev.Reps.Rows, report.Rep{Owner: name("Ann", i), Region: reg, Manager: name("Boss", i+1), Hired: report.Date(2025, 2, 1),
			Period: report.RepFigures{Bookings: usd(int64(1000 * (i + 1))), WonDeals: 2, LostDeals: 1, WinRate: r(2.0 / 3), AvgDealSize: r(500), CycleMedian: r(30), Attainment: undef, Activities: ac, PerWonDeal: r(5.5)},
			All:    report.RepFigures{Bookings: usd(int64(5000 * (i + 1)))}, DaysToFirstWin: r(40)})
	}
	rev.Reps.Cohorts = []report.RampCohort{{Cohort: "FY2025-H1", Reps: 2, Curve: []report.Ratio{r(0), r(500), r(1500), undef}, CurveReps: []int{2, 2, 2, 1}, MedianDaysToFirstWin: r(40), RepsWithWin: 2}}
	rev.Changes = &report.Changes{OldAsOf: report.Date(2026, 9, 1), NewAsOf: report.Date(2026, 10, 5), OldOpenTotal: usd(10000), NewOpenTotal: usd(11000),
		Steps: []report.WaterfallStep{{Category: report.ChangeNew, Deals: 2, Amount: usd(3000)}, {Category: report.ChangeWon, Deals: 1, Amount: usd(-1500)}, {Category: report.ChangeLost, Deals: 1, Amount: usd(-500)}, {Category: report.ChangeUnchanged, Deals: 4, Amount: 0}},
		Deals: []report.DealChange{{ID: name("D-2", 1), Name: name("New deal", 2), Account: name("Acme", 3), Region: regions[0], Category: report.ChangeNew, NewStatus: "open", NewStage: rev.Stages[0], NewAmount: usd(3000), NewClose: report.Date(2026, 12, 1), Delta: usd(3000)},
			{ID: name("D-3", 4), Account: name("Globex", 5), Region: regions[1], Category: report.ChangeWon, OldStatus: "open", NewStatus: "won", OldAmount: usd(1500), NewAmount: usd(1500), Delta: usd(-1500)},
			{ID: "D-4", Account: "Initech", Region: regions[1], Category: report.ChangeLost, OldStatus: "open", NewStatus: "lost", OldAmount: usd(500), NewAmount: usd(500), Delta: usd(-500)}}}
	// The pipeline closing in FY2026-Q4: 4,000 + 3,000 new - 1,500 pushed - 1,500 won = 4,000.
	q4 := report.Quarter{Name: "FY2026-Q4", FiscalYear: 2026, Q: 4, Start: report.Date(2026, 10, 1), End: report.Date(2026, 12, 31)}
	rev.Changes.Quarter = report.QuarterChanges{Quarter: q4, OldOpenTotal: usd(4000), NewOpenTotal: usd(4000),
		Steps: []report.WaterfallStep{{Category: report.ChangeNew, Deals: 1, Amount: usd(3000)}, {Category: report.ChangePushed, Deals: 1, Amount: usd(-1500)},
			{Category: report.ChangeWon, Deals: 1, Amount: usd(-1500)}, {Category: report.ChangeUnchanged, Deals: 2, Amount: 0}},
		Deals: []report.DealChange{rev.Changes.Deals[0],
			{ID: "D-5", Account: "Umbrella", Region: regions[0], Category: report.ChangePushed, OldStatus: "open", NewStatus: "open", OldAmount: usd(1500), NewAmount: usd(1500),
				OldClose: report.Date(2026, 11, 1), NewClose: report.Date(2027, 2, 1), Delta: usd(-1500)},
			rev.Changes.Deals[1]}}
	rev.Quality = report.Quality{Counts: report.QualityCounts{DealsWithoutCreated: 1, ActivitiesUnassigned: 4, OpenPastDue: 1},
		Problems: []report.Problem{{Pos: report.Position{File: name("pipeline.xlsx", 0), Sheet: name("Deals", 1), Row: 12, Col: 5}, Msg: `amount "12,5x" is not a number: ` + name("x", 2)},
			{Pos: report.Position{File: "activities.csv", Row: 3}, Msg: "date missing"}},
		Tables: []report.Table{{File: name("pipeline.xlsx", 3), Sheet: name("Deals", 4), Kind: report.DealTable, HeaderRow: 1, RowsRead: 20, Records: 17, Skipped: map[string]int{"blank": 2, "total": 1}},
			{File: "activities.csv", Kind: report.ActivityTable, HeaderRow: 1, RowsRead: 10, Records: 9, Skipped: map[string]int{"blank": 1}}}}
	rev.Outlook = fixtureOutlook(rev)
	return rev
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

func sha(d []byte) string {
	s := sha256.Sum256(d)
	return hex.EncodeToString(s[:])
}
