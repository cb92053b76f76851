package zipcheck_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report/source/zipcheck"
	"github.com/salesreview/salesreview/report/testsuite/hostile"
)

// FuzzCheck feeds Check arbitrary bytes: it must not panic, must return a
// one-line error of one of its kinds or nil, and must say the same twice.
func FuzzCheck(f *testing.F) {
	for _, c := range hostile.Cases() {
		switch c.Name {
		case "zip-bomb", "huge-styles", "lying-size", "many-entries", "wide-16384", "spooled-sheet", "duplicate-ids":
			continue // megabytes: too slow to mutate
		}
		b, err := c.Build()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	kinds := []error{zipcheck.ErrEmpty, zipcheck.ErrCorrupt, zipcheck.ErrEncrypted, zipcheck.ErrLegacyXLS,
		zipcheck.ErrWrongFormat, zipcheck.ErrTooLarge, zipcheck.ErrUnsafeName, zipcheck.ErrDTD}
	lim := zipcheck.Limits{MaxTotal: 64 << 20, MaxEntry: 32 << 20, MaxEntries: 1000}
	f.Fuzz(func(t *testing.T, b []byte) {
		err := zipcheck.Check(bytes.NewReader(b), int64(len(b)), lim)
		if err == nil {
			return
		}
		if strings.ContainsAny(err.Error(), "\n\r") {
			t.Errorf("multi-line error: %q", err)
		}
		known := false
		for _, k := range kinds {
			known = known || errors.Is(err, k)
		}
		if !known {
			t.Errorf("error of no known kind: %v", err)
		}
		if err2 := zipcheck.Check(bytes.NewReader(b), int64(len(b)), lim); err2 == nil || err2.Error() != err.Error() {
			t.Errorf("second Check = %v, first %v", err2, err)
		}
	})
}
