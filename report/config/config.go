// Package config reads salesreview.yaml, the one configuration file of a
// review: which exports to read and what they hold, how their columns and
// stages map to the fields of METRICS.md, the fiscal calendar, currencies,
// regions, targets, thresholds and the look of the site.
//
// Decoding is strict: an unknown key, a value of the wrong type or a bad
// value is an error naming the file and line ("salesreview.yaml:12: ...").
// Paths in the file are relative to the file itself.
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/userfile"
)

// FileName is the conventional name of the configuration file.
const FileName = "salesreview.yaml"

// Config is the decoded salesreview.yaml. Every key is documented in the
// README's "Configuration reference".
type Config struct {
	// Title heads every page of the site.
	Title string `yaml:"title"`
	// Logo is an image file shown beside the title.
	Logo string `yaml:"logo"`
	// Inputs are the exports to read. A list entry is a path, or a mapping
	// with path, role and sheet.
	Inputs Inputs `yaml:"inputs"`
	// Previous is an earlier snapshot of the same pipeline, for the changes
	// page. A path or a list like Inputs.
	Previous Inputs `yaml:"previous"`
	// Columns maps a field name (amount, close, ...) to the header holding it.
	Columns map[string]string `yaml:"columns"`
	// Stages maps stage names to outcomes, order and default probabilities.
	Stages Stages `yaml:"stages"`
	// FiscalYear sets the fiscal calendar.
	FiscalYear FiscalYear `yaml:"fiscal_year"`
	// Currency sets the report currency and exchange rates.
	Currency Currency `yaml:"currency"`
	// Amounts says what a deal's amount means.
	Amounts Amounts `yaml:"amounts"`
	// Regions sets region order, colours and the country -> region map.
	Regions Regions `yaml:"regions"`
	// Targets are bookings targets, from a file or inline.
	Targets Targets `yaml:"targets"`
	// Period is the review period, e.g. FY2027-Q3; empty means the last
	// complete quarter before the report date.
	Period Period `yaml:"period"`
	// ChangesQuarter is the quarter whose closing pipeline the changes page
	// explains, e.g. FY2027-Q4; empty means the current quarter.
	ChangesQuarter Period `yaml:"changes_quarter"`
	// AsOf is the report date; empty means the newest date in the data.
	AsOf Date `yaml:"as_of"`
	// DateOrder is how text dates like 03/04/2026 read: DMY, MDY or empty
	// (decided per column from the values).
	DateOrder DateOrder `yaml:"date_order"`
	// Thresholds tune the deal-risk flags.
	Thresholds Thresholds `yaml:"thresholds"`
	// Limits bound how much is shown.
	Limits Limits `yaml:"limits"`
	// Capacity tunes the capacity plan of the outlook.
	Capacity Capacity `yaml:"capacity"`
	// Commentary is the folder of Markdown commentary.
	Commentary string `yaml:"commentary"`
	// Templates is a folder of templates overriding the built-in ones.
	Templates string `yaml:"templates"`
	// Output is the folder the site is written to (default "site").
	Output string `yaml:"output"`
	// Strict turns input warnings into errors.
	Strict bool `yaml:"strict"`

	// Path is the file the configuration was read from ("" when built in
	// code); relative paths above are resolved against its folder.
	Path string `yaml:"-"`
}

// Input is one export to read.
type Input struct {
	// Path of the file, relative to the configuration file.
	Path string `yaml:"path"`
	// Role forces what the file's tables hold: deals, activities, roster,
	// accounts, targets or forecast. Empty means recognise from headers.
	Role Role `yaml:"role"`
	// Sheet reads only this sheet of a workbook.
	Sheet string `yaml:"sheet"`
}

// UnmarshalYAML accepts a plain path as well as a mapping.
func (in *Input) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		in.Path = n.Value
		if in.Path == "" {
			return lineErr(n, "input path is empty")
		}
		return nil
	}
	type plain Input
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	if p.Path == "" {
		return lineErr(n, "input has no path")
	}
	*in = Input(p)
	return nil
}

// Inputs is a list of inputs; a single path or mapping is a list of one.
type Inputs []Input

// UnmarshalYAML accepts a sequence, or one entry alone.
func (ins *Inputs) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.SequenceNode {
		var list []Input
		if err := n.Decode(&list); err != nil {
			return err
		}
		*ins = list
		return nil
	}
	var one Input
	if err := n.Decode(&one); err != nil {
		return err
	}
	*ins = Inputs{one}
	return nil
}

// Role is the kind of table an input holds.
type Role string

// Roles lists the valid roles.
var Roles = []string{"deals", "activities", "roster", "accounts", "targets", "forecast"}

// UnmarshalYAML checks the role is one of Roles.
func (r *Role) UnmarshalYAML(n *yaml.Node) error {
	v := strings.ToLower(strings.TrimSpace(n.Value))
	if n.Kind != yaml.ScalarNode || !contains(Roles, v) {
		return lineErr(n, "role %q is not one of %s", n.Value, strings.Join(Roles, ", "))
	}
	*r = Role(v)
	return nil
}

// Stages maps the CRM's stage names to outcomes and order.
type Stages struct {
	// Won and Lost list the stages that mean won and lost (compared without
	// regard to case and spaces). Empty keeps the defaults of METRICS.md.
	Won  []string `yaml:"won"`
	Lost []string `yaml:"lost"`
	// Order is the funnel order of the open stages, first to last.
	Order []string `yaml:"order"`
	// Probabilities gives a stage's default probability (0..100) for deals
	// whose export has none.
	Probabilities map[string]Percent `yaml:"probabilities"`
}

// FiscalYear sets the fiscal calendar.
type FiscalYear struct {
	// Start is the first month of the fiscal year: 1..12 or a month name.
	Start Month `yaml:"start"`
	// Naming is "end" (default: FY2027 ends in 2027) or "start" (FY2026
	// starts in 2026).
	Naming Naming `yaml:"naming"`
}

// Currency sets the report currency and exchange rates.
type Currency struct {
	// Report is the ISO code amounts are shown in (default USD).
	Report CurrencyCode `yaml:"report"`
	// Rates maps an ISO code to how many report-currency units one unit of
	// it is worth.
	Rates map[CurrencyCode]Rate `yaml:"rates"`
}

// Amounts says what a deal's amount means.
type Amounts struct {
	// Mode is TCV (default), ACV or MRR.
	Mode AmountMode `yaml:"mode"`
	// DefaultTerm is the contract length in months for deals without one
	// (1..120, default 12).
	DefaultTerm Term `yaml:"default_term"`
}

// Regions sets how regions are ordered, coloured and derived.
type Regions struct {
	// Order lists regions in display order; others follow alphabetically.
	Order []string `yaml:"order"`
	// Colours maps a region to a CSS colour (#rrggbb).
	Colours map[string]Colour `yaml:"colours"`
	// Countries maps a country to a region, for deals without one.
	Countries map[string]string `yaml:"countries"`
}

// Targets are bookings targets.
type Targets struct {
	// File is a workbook or CSV of targets (region or owner, period, amount).
	File string `yaml:"file"`
	// Inline lists targets in the configuration itself.
	Inline []Target `yaml:"inline"`
}

// Target is one inline bookings target, for a region or an owner.
type Target struct {
	Region string  `yaml:"region"`
	Owner  string  `yaml:"owner"`
	Period Period  `yaml:"period"`
	Amount float64 `yaml:"amount"`
}

// UnmarshalYAML checks the target names exactly one of region and owner, a
// period and an amount from 0 to report.MaxAmount.
func (t *Target) UnmarshalYAML(n *yaml.Node) error {
	type plain Target
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	switch {
	case (p.Region == "") == (p.Owner == ""):
		return lineErr(n, "a target needs exactly one of region and owner")
	case p.Period == "":
		return lineErr(n, "a target needs a period")
	case p.Amount < 0:
		return lineErr(n, "target amount %v is negative", p.Amount)
	case p.Amount > report.MaxAmount:
		return lineErr(n, "target amount %v is more than a trillion, the largest amount a record may hold", p.Amount)
	}
	*t = Target(p)
	return nil
}

// Thresholds tune the deal-risk flags of METRICS.md.
type Thresholds struct {
	// StaleDays: an open deal with no linked activity for this many days is
	// stale (default 30).
	StaleDays Days `yaml:"stale_days"`
	// SlipPeriods: an open deal whose close moved this many fiscal quarters
	// later or more between the snapshots is slipping (default 2).
	SlipPeriods Count `yaml:"slip_periods"`
	// ForecastWeek, 1..14, makes forecast accuracy use the last call
	// submitted by the end of that week of the quarter (default: the last
	// call before the quarter ends).
	ForecastWeek Week `yaml:"forecast_week"`
	// Outsized: an open deal above this multiple of its region's median
	// open amount is outsized (default 5).
	Outsized Multiple `yaml:"outsized"`
	// Discount: a discount above this percentage flags the deal (default 20).
	Discount Percent `yaml:"discount"`
}

// Capacity tunes the capacity plan (the hires that would close next
// fiscal year's gap).
type Capacity struct {
	// Attrition is the share of the team expected to leave in a year, as a
	// percentage (default 0).
	Attrition Percent `yaml:"attrition"`
}

// Limits bound what is shown.
type Limits struct {
	// MaxProblems is how many problems an error lists before "(and N
	// more)" (default 20).
	MaxProblems Count `yaml:"max_problems"`
	// MaxListed is how many deals each per-deal list of metrics.json
	// holds (default 1000; the CSV tables and the pages keep every row).
	MaxListed Count `yaml:"max_listed"`
}

// Limits of the files a configuration names (see package userfile).
const (
	// MaxFileBytes bounds the configuration file itself.
	MaxFileBytes = 1 << 20
	// MaxLogoBytes bounds the logo.
	MaxLogoBytes = 2 << 20
)

// Load reads and checks the configuration file at path. The file is read
// by package userfile's rule: a regular file inside its folder after
// following links, of at most MaxFileBytes (so that -c /dev/zero, a FIFO or
// a link to /proc/self/environ is an error naming the file).
func Load(path string) (*Config, error) {
	data, err := userfile.ReadFile(path, MaxFileBytes)
	if err != nil {
		return nil, fmt.Errorf("configuration file %w", err)
	}
	c, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Parse decodes configuration data read from name (used in messages and to
// resolve relative paths). Every problem is reported with its line, all at
// once (see checker).
func Parse(name string, data []byte) (*Config, error) {
	c := &Config{Path: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, newError(name, []problem{syntaxProblem(err)})
	}
	if len(doc.Content) == 0 {
		return c, nil // an empty file is the defaults
	}
	ch := &checker{}
	ch.value(doc.Content[0], reflect.TypeFor[Config]())
	if len(ch.problems) > 0 {
		return nil, newError(name, ch.problems)
	}
	if err := doc.Content[0].Decode(c); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err) // the checker lets nothing through that fails here
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return c, nil
}

// check finds problems that involve more than one key.
func (c *Config) check() error {
	ps := c.checkHome()
	if len(c.Targets.Inline) > 0 && c.Targets.File != "" {
		ps = append(ps, problem{msg: "targets: give either file or inline, not both"})
	}
	for _, s := range c.Stages.Won {
		if containsFold(c.Stages.Lost, s) {
			ps = append(ps, problem{msg: fmt.Sprintf("stages: %q is both won and lost", s)})
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return newError(c.Path, ps)
}

// Resolve returns the path p of the configuration as it is opened: "~"
// and "~/..." in the user's home folder, a relative path against the
// configuration file's folder (when there is a file), anything else as it
// is. (Parse refuses "~user" and a "~" it cannot expand.)
func (c *Config) Resolve(p string) string {
	if rest, ok := homeRelative(p); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	if p == "" || filepath.IsAbs(p) || c.Path == "" {
		return p
	}
	return filepath.Join(filepath.Dir(c.Path), p)
}

// homeRelative reports whether p is "~" or starts with "~/", and what
// follows.
func homeRelative(p string) (string, bool) {
	if p == "~" {
		return "", true
	}
	if len(p) > 1 && p[0] == '~' && os.IsPathSeparator(p[1]) {
		return p[2:], true
	}
	return "", false
}

// paths lists the paths of the configuration, each with its key.
func (c *Config) paths() [][2]string {
	ps := [][2]string{{"logo", c.Logo}, {"targets: file", c.Targets.File}, {"commentary", c.Commentary},
		{"templates", c.Templates}, {"output", c.Output}}
	for _, in := range c.Inputs {
		ps = append(ps, [2]string{"inputs", in.Path})
	}
	for _, in := range c.Previous {
		ps = append(ps, [2]string{"previous", in.Path})
	}
	return ps
}

// checkHome refuses a path starting with "~" that Resolve cannot expand:
// another user's home ("~bob/site"), or "~/" without a home folder. Such a
// path would otherwise make a folder named "~".
func (c *Config) checkHome() []problem {
	var ps []problem
	for _, kp := range c.paths() {
		key, p := kp[0], kp[1]
		if !strings.HasPrefix(p, "~") {
			continue
		}
		if _, ok := homeRelative(p); !ok {
			ps = append(ps, problem{msg: fmt.Sprintf("%s %q: only ~/ (your home folder) is expanded, not another user's; give the full path", key, p)})
		} else if _, err := os.UserHomeDir(); err != nil {
			ps = append(ps, problem{msg: fmt.Sprintf("%s %q: ~ cannot be expanded (%v); give the full path", key, p, err)})
		}
	}
	return ps
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}
