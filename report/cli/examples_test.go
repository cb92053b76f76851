package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestPublishingExamples checks the CI examples are valid YAML that build
// with --strict and publish the site.
func TestPublishingExamples(t *testing.T) {
	for name, publish := range map[string]string{
		"github-pages.yml": "actions/deploy-pages",
		"gitlab-pages.yml": "public",
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
		for _, want := range []string{"salesreview build -c salesreview.yaml --strict", "SOURCE_DATE_EPOCH", "make -C .salesreview build", publish} {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not contain %q", name, want)
			}
		}
	}
}
