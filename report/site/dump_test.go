package site

import (
	"context"
	"os"
	"testing"
)

// TestDumpSite writes the fixture site to $SALESREVIEW_DUMP (for looking at
// it in a browser); it does nothing without that variable.
func TestDumpSite(t *testing.T) {
	dir := os.Getenv("SALESREVIEW_DUMP")
	if dir == "" {
		t.Skip("set SALESREVIEW_DUMP to a folder to write the fixture site there")
	}
	made, err := Render(fixtureReview(os.Getenv("SALESREVIEW_HOSTILE") != ""), Options{Templates: templatesFS(), BuildDate: "2026-10-06", Title: "Acme sales review"})
	if err != nil {
		t.Fatal(err)
	}
	files := made.Files
	if err := Write(context.Background(), dir, files, true); err != nil {
		t.Fatal(err)
	}
}
