package config

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/salesreview/salesreview/report"
)

// scalar returns n's text, or an error when n is a list or mapping.
func scalar(n *yaml.Node, want string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", lineErr(n, "found %s, want %s", kindWords(n.Kind), want)
	}
	return strings.TrimSpace(n.Value), nil
}

// Month is a month of the year, 1..12 (0 when not set).
type Month int

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

// UnmarshalYAML accepts 1..12, a month name or its first three letters.
func (m *Month) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "a month")
	if err != nil {
		return err
	}
	if i, err := strconv.Atoi(s); err == nil && i >= 1 && i <= 12 {
		*m = Month(i)
		return nil
	}
	l := strings.ToLower(s)
	for i, name := range monthNames {
		if len(l) >= 3 && strings.HasPrefix(name, l) {
			*m = Month(i + 1)
			return nil
		}
	}
	return lineErr(n, "fiscal year start %q is not a month (1..12 or a name like February)", s)
}

// Naming says which calendar year names a fiscal year.
type Naming string

// UnmarshalYAML accepts "end" or "start".
func (v *Naming) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "end or start")
	if err != nil {
		return err
	}
	s = strings.ToLower(s)
	if s != "end" && s != "start" {
		return lineErr(n, "fiscal year naming %q is not end or start", n.Value)
	}
	*v = Naming(s)
	return nil
}

// CurrencyCode is an upper-case ISO 4217 code.
type CurrencyCode string

var isoCode = regexp.MustCompile(`^[A-Za-z]{3}$`)

// UnmarshalYAML accepts three letters, in any case.
func (c *CurrencyCode) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "a currency code")
	if err != nil {
		return err
	}
	if !isoCode.MatchString(s) {
		return lineErr(n, "currency %q is not a three-letter ISO code like USD", s)
	}
	*c = CurrencyCode(strings.ToUpper(s))
	return nil
}

// Rate is a positive exchange rate.
type Rate float64

// UnmarshalYAML accepts a positive number.
func (r *Rate) UnmarshalYAML(n *yaml.Node) error {
	f, err := number(n, "exchange rate")
	if err != nil {
		return err
	}
	if !(f > 0) {
		return lineErr(n, "exchange rate %s is not positive", n.Value)
	}
	*r = Rate(f)
	return nil
}

// AmountMode is TCV, ACV or MRR.
type AmountMode string

// UnmarshalYAML accepts TCV, ACV or MRR, in any case.
func (m *AmountMode) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "TCV, ACV or MRR")
	if err != nil {
		return err
	}
	s = strings.ToUpper(s)
	if s != "TCV" && s != "ACV" && s != "MRR" {
		return lineErr(n, "amount mode %q is not TCV, ACV or MRR", n.Value)
	}
	*m = AmountMode(s)
	return nil
}

// Term is a contract length in months, 1..120.
type Term int

// UnmarshalYAML accepts a whole number 1..120.
func (t *Term) UnmarshalYAML(n *yaml.Node) error {
	i, err := whole(n, "default term")
	if err != nil {
		return err
	}
	if i < 1 || i > 120 {
		return lineErr(n, "default term %d is not between 1 and 120 months", i)
	}
	*t = Term(i)
	return nil
}

// Colour is a CSS colour #rrggbb (or #rgb).
type Colour string

var hexColour = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// UnmarshalYAML accepts #rgb or #rrggbb.
func (c *Colour) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "a colour")
	if err != nil {
		return err
	}
	if !hexColour.MatchString(s) {
		return lineErr(n, "colour %q is not #rrggbb", s)
	}
	*c = Colour(strings.ToLower(s))
	return nil
}

// Period is a fiscal quarter name, FY2027-Q3.
type Period string

var periodName = regexp.MustCompile(`^(?i)FY\d{4}-Q[1-4]$`)

// ValidPeriod reports whether s names a fiscal quarter like FY2027-Q3.
func ValidPeriod(s string) bool { return periodName.MatchString(s) }

// UnmarshalYAML accepts FY2027-Q3 (in any case).
func (p *Period) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "a period")
	if err != nil {
		return err
	}
	if s == "" {
		*p = ""
		return nil
	}
	if !ValidPeriod(s) {
		return lineErr(n, "period %q is not a fiscal quarter like FY2027-Q3", s)
	}
	*p = Period(strings.ToUpper(s))
	return nil
}

// Date is a calendar day written YYYY-MM-DD.
type Date report.Day

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (report.Day, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return report.NoDay, err
	}
	return report.DayOf(t), nil
}

// UnmarshalYAML accepts YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "a date")
	if err != nil {
		return err
	}
	day, err := ParseDate(s)
	if err != nil {
		return lineErr(n, "date %q is not YYYY-MM-DD", s)
	}
	*d = Date(day)
	return nil
}

// Day returns d as a report.Day.
func (d Date) Day() report.Day { return report.Day(d) }

// DateOrder is DMY or MDY.
type DateOrder string

// UnmarshalYAML accepts DMY or MDY.
func (o *DateOrder) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "DMY or MDY")
	if err != nil {
		return err
	}
	s = strings.ToUpper(s)
	if s != "DMY" && s != "MDY" {
		return lineErr(n, "date order %q is not DMY or MDY", n.Value)
	}
	*o = DateOrder(s)
	return nil
}

// Percent is a percentage 0..100.
type Percent float64

// UnmarshalYAML accepts 0..100, optionally with a % sign.
func (p *Percent) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && strings.HasSuffix(strings.TrimSpace(n.Value), "%") {
		c := *n
		c.Value = strings.TrimSuffix(strings.TrimSpace(n.Value), "%")
		c.Tag = ""
		n = &c
	}
	f, err := number(n, "percentage")
	if err != nil {
		return err
	}
	if f < 0 || f > 100 {
		return lineErr(n, "percentage %s is not between 0 and 100", n.Value)
	}
	*p = Percent(f)
	return nil
}

// Days is a non-negative number of days.
type Days int

// UnmarshalYAML accepts a whole number >= 0.
func (d *Days) UnmarshalYAML(n *yaml.Node) error {
	i, err := whole(n, "number of days")
	if err != nil {
		return err
	}
	if i < 0 {
		return lineErr(n, "number of days %d is negative", i)
	}
	*d = Days(i)
	return nil
}

// Multiple is a factor above 1.
type Multiple float64

// UnmarshalYAML accepts a number > 1.
func (m *Multiple) UnmarshalYAML(n *yaml.Node) error {
	f, err := number(n, "factor")
	if err != nil {
		return err
	}
	if !(f > 1) {
		return lineErr(n, "factor %s is not above 1", n.Value)
	}
	*m = Multiple(f)
	return nil
}

// Count is a positive whole number.
type Count int

// UnmarshalYAML accepts a whole number >= 1.
func (c *Count) UnmarshalYAML(n *yaml.Node) error {
	i, err := whole(n, "count")
	if err != nil {
		return err
	}
	if i < 1 {
		return lineErr(n, "%d is not a positive number", i)
	}
	*c = Count(i)
	return nil
}

func number(n *yaml.Node, what string) (float64, error) {
	s, err := scalar(n, "a number")
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err != nil {
		return 0, lineErr(n, "%s %q is not a number", what, s)
	}
	return f, nil
}

func whole(n *yaml.Node, what string) (int, error) {
	s, err := scalar(n, "a whole number")
	if err != nil {
		return 0, err
	}
	i, err := strconv.Atoi(strings.ReplaceAll(s, "_", ""))
	if err != nil {
		return 0, lineErr(n, "%s %q is not a whole number", what, s)
	}
	return i, nil
}

// Week is a week of a quarter, 1..14.
type Week int

// UnmarshalYAML accepts a whole number 1..14.
func (w *Week) UnmarshalYAML(n *yaml.Node) error {
	i, err := whole(n, "week")
	if err != nil {
		return err
	}
	if i < 1 || i > 14 {
		return lineErr(n, "week %d is not between 1 and 14", i)
	}
	*w = Week(i)
	return nil
}
