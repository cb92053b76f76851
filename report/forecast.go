package report

import "fmt"

// forecastPart is the forecast family: forecast accuracy per region and
// quarter, up to the review quarter.
func forecastPart(ix *index) (part, error) {
	var found findings
	calls := ix.lastCalls(&found)
	var rows []ForecastAccuracy
	for r := range ix.nr {
		for qi := ix.firstQ(); qi <= ix.periodQ; qi++ {
			actual := ix.flowAt(r, qi).bookings
			call := calls[callKey{r, qi}]
			if call == nil && actual == 0 {
				continue
			}
			fa := ForecastAccuracy{Region: ix.regions[r], Period: ix.cal.Quarter(qi).Name, Actual: actual}
			if call != nil {
				fa.HasCall, fa.Submitted, fa.Forecast = true, call.Submitted, call.Commit
				diff := float64(fa.Forecast) - float64(actual)
				fa.Accuracy = Div(float64(actual)-abs(diff), float64(actual))
				fa.Bias = Div(diff, float64(actual))
			}
			rows = append(rows, fa)
		}
	}
	return part{fill: func(rev *Review) { rev.Forecast.Accuracy = rows }, found: found}, nil
}

// callKey is a region's scope index and a calendar quarter index.
type callKey struct{ region, q int }

// lastCalls returns, per region and quarter, the forecast call submitted
// last on or before the quarter's cutoff: its last day, or the last day of
// week Options.ForecastCutoffWeek. Calls whose period or region is not
// known are problems.
func (ix *index) lastCalls(found *findings) map[callKey]*ForecastCall {
	calls := map[callKey]*ForecastCall{}
	for i := range ix.cur.Forecasts {
		f := &ix.cur.Forecasts[i]
		q, err := ix.cal.ParseQuarter(f.Period)
		if err != nil {
			found.add(kForecast, ix.cur, f.Src, "period", func() string { return fmt.Sprintf("forecast call ignored: %v", err) })
			continue
		}
		r, ok := ix.regionOf.get(f.Region)
		if !ok {
			found.add(kForecast, ix.cur, f.Src, "region", func() string {
				return fmt.Sprintf("forecast call ignored: region %q has no deals, roster entries or targets", f.Region)
			})
			continue
		}
		qq := ix.cal.Quarter(q)
		cutoff := qq.End
		if w := ix.opts.ForecastCutoffWeek; w >= 1 && w <= 14 {
			cutoff = min(qq.End, qq.Start+Day(7*w-1))
		}
		if !f.Submitted.Valid() || f.Submitted > cutoff {
			continue
		}
		k := callKey{int(r), q}
		if old := calls[k]; old == nil || f.Submitted >= old.Submitted {
			calls[k] = f
		}
	}
	return calls
}
