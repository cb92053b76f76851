package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestPublishingExamples checks the CI examples are valid YAML that install
// a pinned salesreview release (no Node.js, nothing cached that a user must
// clean), build with --strict and publish the site.
func TestPublishingExamples(t *testing.T) {
	for name, want := range map[string][]string{
		"github-pages.yml": {"actions/deploy-pages", "releases/download/${SALESREVIEW_VERSION}", "sha256sum --check"},
		"gitlab-pages.yml": {"public", `go install "github.com/salesreview/salesreview@$SALESREVIEW_VERSION"`},
	} {
		data, err := os.ReadFile(filepath.Join("../../examples", name))
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		text := string(data)
		for _, want := range append(want, "salesreview build -c salesreview.yaml --strict", "SOURCE_DATE_EPOCH", "SALESREVIEW_VERSION: v0.1.0") {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not contain %q", name, want)
			}
		}
		for _, bad := range []string{"npm", "setup-node", "nodejs", "\ncache:", "  cache:\n", "actions/cache"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s contains %q: the examples install a released salesreview and cache nothing", name, bad)
			}
		}
	}
}
