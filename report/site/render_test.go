package site

import (
	"testing"
)

func TestRenderSmoke(t *testing.T) {
	for _, hostile := range []bool{false, true} {
		files, err := Render(fixtureReview(hostile), Options{Templates: templatesFS(), BuildDate: "2026-10-06"})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			t.Logf("%s %d", f.Path, len(f.Data))
		}
	}
}
