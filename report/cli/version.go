package cli

import (
	"fmt"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Version and Commit are set at link time by `make build` and `make dist`
// (-ldflags "-X github.com/salesreview/salesreview/report/cli.Version=v0.1.0
// -X github.com/salesreview/salesreview/report/cli.Commit=0123456789ab"; the
// commit may end in "-dirty"). A binary built by `go install` or `go build`
// has neither, and takes both from the build information Go records: the
// module version, vcs.revision and vcs.modified.
var Version, Commit string

// buildVersion is what `salesreview version` says about the binary.
type buildVersion struct {
	version  string // a tag, a pseudo-version or "devel"
	commit   string // 12 hex digits, "-dirty" when built from a modified tree; "" when unknown
	goVer    string // the Go release it was built with
	platform string // GOOS/GOARCH
}

// String is the version line: "salesreview v0.1.0 (commit 0123456789ab,
// go1.26.8, linux/amd64)"; the commit is left out when unknown.
func (v buildVersion) String() string {
	fields := []string{v.goVer, v.platform}
	if v.commit != "" {
		fields = append([]string{"commit " + v.commit}, fields...)
	}
	return fmt.Sprintf("salesreview %s (%s)", v.version, strings.Join(fields, ", "))
}

// currentVersion describes the running binary.
func currentVersion() buildVersion {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(Version, Commit, bi, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
}

// pseudoRevision finds the commit in a pseudo-version
// (v0.0.0-20261205201049-c6e95f2bfc3c, v0.1.1-0.20261205201049-c6e95f2bfc3c+dirty).
var pseudoRevision = regexp.MustCompile(`^v\d+\.\d+\.\d+-(?:[0-9A-Za-z.]+\.)?(?:0\.)?\d{14}-([0-9a-f]{12})(\+dirty)?$`)

// versionOf works out the version from the link-time values (which win)
// and the build information bi (nil when there is none).
func versionOf(linkVersion, linkCommit string, bi *debug.BuildInfo, goVer, platform string) buildVersion {
	v := buildVersion{version: linkVersion, commit: linkCommit, goVer: goVer, platform: platform}
	if bi == nil {
		bi = &debug.BuildInfo{}
	}
	if v.version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v.version = bi.Main.Version
	}
	if v.commit == "" {
		v.commit = vcsCommit(bi)
	}
	if m := pseudoRevision.FindStringSubmatch(v.version); v.commit == "" && m != nil {
		v.commit = m[1]
		if m[2] != "" {
			v.commit += "-dirty"
		}
	}
	if v.version == "" {
		v.version = "devel"
	}
	return v
}

// vcsCommit is the revision Go stamped into the binary (go build in a
// checkout), shortened to 12 digits, or "".
func vcsCommit(bi *debug.BuildInfo) string {
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return ""
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-dirty"
	}
	return rev
}

func (e *env) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, the commit and the Go version of salesreview",
		Long: `Print the version of salesreview (its release tag, else the commit's
pseudo-version, else "devel"), the commit it was built from ("-dirty" when the
checkout had uncommitted changes; left out when Go did not record it, as in a
binary installed with go install from a tag), the Go release it was built with
and its platform. salesreview --version prints the same line.`,
		Example: "  salesreview version\n  salesreview --version",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(e.stdout, currentVersion())
			return nil
		},
	}
}

// addVersionFlag gives root a --version flag (and -v) printing the same
// line as the version command.
func addVersionFlag(root *cobra.Command) {
	root.Version = currentVersion().String()
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().BoolP("version", "v", false, "print the version, the commit and the Go version")
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd.Name(), args[0])
	}
	return nil
}
