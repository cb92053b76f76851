package cli

import (
	"runtime/debug"
	"testing"
)

// TestVersionOf checks the version line for each way the binary can be
// built: make (link-time values), go build in a checkout (vcs settings and
// Go's tag or pseudo-version), go install of a tag or of a commit (module
// version only), and a build Go knows nothing about.
func TestVersionOf(t *testing.T) {
	const rev = "c6e95f2bfc3ca4ef67e4c4e957c25d70e8811e30"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-12-05T20:10:49Z"}, {Key: "vcs.modified", Value: modified}}
	}
	info := func(version string, settings []debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/salesreview/salesreview", Version: version}, Settings: settings}
	}
	tests := []struct {
		name                    string
		linkVersion, linkCommit string
		bi                      *debug.BuildInfo
		want                    string
	}{
		{"make at the tag", "v0.1.0", "c6e95f2bfc3c", info("(devel)", nil),
			"salesreview v0.1.0 (commit c6e95f2bfc3c, go1.26.8, linux/amd64)"},
		{"make after the tag, modified", "v0.1.0-3-gc6e95f2-dirty", "c6e95f2bfc3c-dirty", info("(devel)", nil),
			"salesreview v0.1.0-3-gc6e95f2-dirty (commit c6e95f2bfc3c-dirty, go1.26.8, linux/amd64)"},
		{"link-time values win over build information", "v0.1.0", "c6e95f2bfc3c", info("v9.9.9", vcs("true")),
			"salesreview v0.1.0 (commit c6e95f2bfc3c, go1.26.8, linux/amd64)"},
		{"go build at the tag", "", "", info("v0.1.0", vcs("false")),
			"salesreview v0.1.0 (commit c6e95f2bfc3c, go1.26.8, linux/amd64)"},
		{"go build at the tag, modified", "", "", info("v0.1.0+dirty", vcs("true")),
			"salesreview v0.1.0+dirty (commit c6e95f2bfc3c-dirty, go1.26.8, linux/amd64)"},
		{"go build after the tag", "", "", info("v0.1.1-0.20261205201049-c6e95f2bfc3c", vcs("false")),
			"salesreview v0.1.1-0.20261205201049-c6e95f2bfc3c (commit c6e95f2bfc3c, go1.26.8, linux/amd64)"},
		{"go build without vcs stamping", "", "", info("(devel)", nil),
			"salesreview devel (go1.26.8, linux/amd64)"},
		{"go build before any tag: the commit without a version", "", "", info("(devel)", vcs("false")),
			"salesreview devel (commit c6e95f2bfc3c, go1.26.8, linux/amd64)"},
		{"go install of a tag", "", "", info("v0.1.0", nil),
			"salesreview v0.1.0 (go1.26.8, linux/amd64)"},
		{"go install of a commit", "", "", info("v0.0.0-20261205201049-c6e95f2bfc3c", nil),
			"salesreview v0.0.0-20261205201049-c6e95f2bfc3c (commit c6e95f2bfc3c, go1.26.8, linux/amd64)"},
		{"go install of a commit after a pre-release", "", "", info("v0.2.0-rc.1.0.20261205201049-c6e95f2bfc3c", nil),
			"salesreview v0.2.0-rc.1.0.20261205201049-c6e95f2bfc3c (commit c6e95f2bfc3c, go1.26.8, linux/amd64)"},
		{"pseudo-version of a modified tree", "", "", info("v0.1.1-0.20261205201049-c6e95f2bfc3c+dirty", nil),
			"salesreview v0.1.1-0.20261205201049-c6e95f2bfc3c+dirty (commit c6e95f2bfc3c-dirty, go1.26.8, linux/amd64)"},
		{"a pre-release tag is not a pseudo-version", "", "", info("v0.2.0-rc.1", nil),
			"salesreview v0.2.0-rc.1 (go1.26.8, linux/amd64)"},
		{"no build information", "", "", nil,
			"salesreview devel (go1.26.8, linux/amd64)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := versionOf(tt.linkVersion, tt.linkCommit, tt.bi, "go1.26.8", "linux/amd64").String()
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
