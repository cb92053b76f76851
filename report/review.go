package report

import "errors"

// Options say how to compute the review. The zero value uses the defaults of
// METRICS.md.
type Options struct {
	FiscalYearStart int    // month 1..12; 0 means 1
	Period          string // review period, e.g. "FY2026-Q3"; "" means the last complete quarter before AsOf
	AsOf            Day    // NoDay means the newest date in the data
	AmountMode      string // "TCV" (default), "ACV" or "MRR"
	DefaultTerm     int    // months; 0 means 12
	Currency        string // report currency code, e.g. "USD"
}

// Review holds every number the site shows, unrounded.
type Review struct {
	Schema int
}

// Compute turns the records of the current export (and optionally an earlier
// snapshot of the same pipeline) into the review.
func Compute(cur, prev *Records, opts Options) (*Review, error) {
	return nil, errors.New("report.Compute: not implemented yet")
}
