package site

import (
	"github.com/salesreview/salesreview/report"
)

// reviewMetricsJSON returns metrics.json: every figure of the review,
// unrounded, undefined as null (report.Review.MetricsJSON).
func reviewMetricsJSON(rev *report.Review) ([]byte, error) {
	return rev.MetricsJSON()
}

// reviewTables returns the review's CSV tables (report.Review.Tables), each
// as a File whose Path is relative to data/: "<name>.csv".
func reviewTables(rev *report.Review) []File {
	var out []File
	for _, t := range rev.Tables() {
		out = append(out, File{Path: t.Name + ".csv", Data: t.CSV()})
	}
	return out
}
