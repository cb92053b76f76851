package site

import (
	"math"
	"strconv"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/english"
)

// NA is how the site shows an undefined figure (a ratio with a zero
// denominator, a growth without a base, an attainment without a target).
const NA = "n/a"

// formatter formats figures the way every page shows them: money rounded to
// the whole unit with thousands separators and the currency code, ratios as
// percentages with one decimal. Rounding happens here and only here.
type formatter struct {
	currency string
}

// money formats m as "1,234,567 USD" (rounded half away from zero to the
// whole unit).
func (f formatter) money(m report.Money) string {
	return f.moneyFloat(m.Float())
}

// moneyFloat formats a major-unit amount like money.
func (f formatter) moneyFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return NA
	}
	s := english.Number(math.Round(v))
	if f.currency != "" {
		s += " " + f.currency
	}
	return s
}

// percent formats a ratio (0.124) as "12.4%"; nil, NaN and infinities are NA.
func percent(r *float64) string {
	if r == nil || math.IsNaN(*r) || math.IsInf(*r, 0) {
		return NA
	}
	return strconv.FormatFloat(roundHalfAway(*r*100, 1), 'f', 1, 64) + "%"
}

// signedPercent formats a change ratio as "+12.4%" or "-3.0%"; undefined is NA.
func signedPercent(r *float64) string {
	s := percent(r)
	if s == NA || strings.HasPrefix(s, "-") {
		return s
	}
	if s == "0.0%" {
		return s
	}
	return "+" + s
}

// times formats a ratio as a multiple: "3.2x"; undefined is NA.
func times(r *float64) string {
	if r == nil || math.IsNaN(*r) || math.IsInf(*r, 0) {
		return NA
	}
	return strconv.FormatFloat(roundHalfAway(*r, 1), 'f', 1, 64) + "x"
}

// number formats a count with thousands separators.
func number(n int) string {
	return english.Count(n)
}

// decimal formats an optional float with one decimal; nil is NA.
func decimal(v *float64) string {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return NA
	}
	return strconv.FormatFloat(roundHalfAway(*v, 1), 'f', 1, 64)
}

// days formats an optional number of days as "42 days" (rounded); nil is NA.
func days(v *float64) string {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return NA
	}
	n := math.Round(*v)
	if n == 1 {
		return "1 day"
	}
	return english.Number(n) + " days"
}

// roundHalfAway rounds v to the given number of decimals, halves away from
// zero, so 12.35 -> 12.4 and -12.35 -> -12.4 whatever the binary noise.
func roundHalfAway(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	// Nudge by a relative epsilon so that 0.1235*100 = 12.349999... rounds up.
	x := v * p
	x += math.Copysign(1e-9*math.Max(1, math.Abs(x)), x)
	return math.Round(x) / p
}
