package report

import "errors"

func compute(cur, prev *Records, opts Options) (*Review, error) {
	return nil, errors.New("report.Compute: not implemented yet")
}
