package source

import "testing"

// TestFieldNumber: every row field is numbered by its place, other fields
// are not numbered.
func TestFieldNumber(t *testing.T) {
	for i, f := range rowFields {
		if got := fieldNumber(f); got != i {
			t.Errorf("fieldNumber(%q) = %d, want %d", f, got, i)
		}
	}
	for _, f := range []string{fManager, fHired, fPeriod, fTarget, fSubmitted, fCommit, fBestCase, "", "nonsense"} {
		if got := fieldNumber(f); got != -1 {
			t.Errorf("fieldNumber(%q) = %d, want -1", f, got)
		}
	}
}
