package cli

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/salesreview/salesreview/report"
)

// stagesOf lists the won, lost and open stage names in order of first
// appearance; open stages whose deals carry probabilities are ordered by
// their mean probability, the likely funnel order.
func stagesOf(deals []report.Deal) (won, lost, open []string) {
	seen := map[string]bool{}
	probSum, probN := map[string]float64{}, map[string]float64{}
	defer func() {
		mean := func(s string) float64 {
			if probN[s] == 0 {
				return 101 // stages without probabilities go last
			}
			return probSum[s] / probN[s]
		}
		sort.SliceStable(open, func(i, j int) bool { return mean(open[i]) < mean(open[j]) })
	}()
	for _, d := range deals {
		stage := d.Stage.String()
		if d.Status == report.Open && d.HasProbability {
			probSum[stage] += d.Probability
			probN[stage]++
		}
		if stage == "" || seen[stage] {
			continue
		}
		seen[stage] = true
		switch d.Status {
		case report.Won:
			won = append(won, stage)
		case report.Lost:
			lost = append(lost, stage)
		default:
			open = append(open, stage)
		}
	}
	return won, lost, open
}

// regionsOf lists the deals' regions, sorted, without Unassigned.
func regionsOf(deals []report.Deal) []string {
	seen := map[string]bool{}
	var rs []string
	for _, d := range deals {
		region := d.Region.String()
		if region == "" || region == report.Unassigned || seen[region] {
			continue
		}
		seen[region] = true
		rs = append(rs, region)
	}
	sort.Strings(rs)
	return rs
}

// currenciesOf returns the report currency to propose (USD when the deals
// have no currency or some are in USD, else the most frequent one) and the
// others, sorted.
func currenciesOf(deals []report.Deal) (string, []string) {
	count := map[string]int{}
	for _, d := range deals {
		if d.Currency != 0 {
			count[strings.ToUpper(d.Currency.String())]++
		}
	}
	if len(count) == 0 {
		return "USD", nil
	}
	var codes []string
	for c := range count {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if count[codes[i]] != count[codes[j]] {
			return count[codes[i]] > count[codes[j]]
		}
		return codes[i] < codes[j]
	})
	report := codes[0]
	if count["USD"] > 0 {
		report = "USD"
	}
	var others []string
	for _, c := range codes {
		if c != report {
			others = append(others, c)
		}
	}
	sort.Strings(others)
	return report, others
}

// guessFiscalStart guesses the first month of the fiscal year from when won
// deals close: sales close in the last month of a quarter, and most in the
// last month of the year, so the month after the busiest quarter-end month
// starts the year.
func guessFiscalStart(deals []report.Deal) (int, string) {
	rate, n := monthlyWinRate(deals)
	if n < 100 {
		return 1, "too few won deals to guess; January is the default"
	}
	var phase [3]float64 // closes by month-in-quarter phase
	var total float64
	for m := 1; m <= 12; m++ {
		phase[m%3] += rate[m]
		total += rate[m]
	}
	best := 0
	for p := 1; p < 3; p++ {
		if phase[p] > phase[best] {
			best = p
		}
	}
	// A quarter-end spike is at least 10% above an even share.
	if phase[best] < 1.1*total/3 {
		return 1, "won deals close evenly across the months; January is the default"
	}
	end := 0
	for m := 1; m <= 12; m++ {
		if m%3 == best && (end == 0 || rate[m] > rate[end]) {
			end = m
		}
	}
	return end%12 + 1, fmt.Sprintf("guessed: won deals bunch in quarter-end months, most in %s", monthName(end))
}

// monthlyWinRate counts the won deals closing in each month (1..12) of the
// data's span, per occurrence of the month in the span, so that a month
// that appears three times does not outweigh one that appears twice; n is
// the number of won deals with a close date.
func monthlyWinRate(deals []report.Deal) (rate [13]float64, n int) {
	var byMonth [13]float64
	first, last := report.NoDay, report.NoDay
	for _, d := range deals {
		if d.Status != report.Won || !d.Close.Valid() {
			continue
		}
		byMonth[int(d.Close.Time().Month())]++
		n++
		if first == report.NoDay || d.Close < first {
			first = d.Close
		}
		last = max(last, d.Close)
	}
	if n == 0 {
		return rate, 0
	}
	var occurs [13]float64
	for t := time.Date(first.Time().Year(), first.Time().Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(last.Time()); t = t.AddDate(0, 1, 0) {
		occurs[int(t.Month())]++
	}
	for m := 1; m <= 12; m++ {
		if occurs[m] > 0 {
			rate[m] = byMonth[m] / occurs[m]
		}
	}
	return rate, n
}

func monthName(m int) string {
	return []string{"", "January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}[m]
}
