package cli

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/english"
)

// placeholderRate is the rate init writes for a currency the data holds
// without one: build stops at it until the user gives the real rate.
const placeholderRate = "0"

// starter is the commented starter configuration init writes for what it
// read. It is built as a yaml.Node, so that every name from the data is
// quoted as YAML needs (the file is valid by construction); the keys to
// check carry a CHECK comment, and suggestions are commented out.
type starter struct {
	recs      *report.Records
	files     []string // the exports named
	out       string   // where the file goes; its paths are relative to it
	dateOrder string   // --date-order, or ""
}

// text encodes the configuration, with rate as the value of every currency
// rate left to the user.
func (st *starter) text(rate string) ([]byte, error) {
	top := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	top.add("title", text("Sales review"), "")
	inputs, err := st.inputs()
	if err != nil {
		return nil, err
	}
	ignored := st.ignored()
	top.add("inputs", inputs, "\nThe tables found, and what each was taken as.").FootComment = ignored
	deals := st.recs.Deals
	gap := "\n" // a blank line before the comment (a foot comment brings its own)
	if ignored != "" {
		gap = ""
	}
	top.add("stages", stages(deals), gap+previousHelp+"\n\n"+st.columns())
	top.add("fiscal_year", fiscalYear(deals), "")
	top.add("currency", currency(deals, rate), "")
	top.add("amounts", amounts(), "")
	var tail []string // sections left to the user, commented out
	if r, help := regions(deals); r != nil {
		top.add("regions", r, "")
	} else {
		tail = append(tail, help)
	}
	if st.dateOrder != "" {
		top.add("date_order", text(st.dateOrder), "")
	} else {
		tail = append(tail, "date_order: DMY # only when text dates like 03/04/2026 are ambiguous")
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{&top.Node},
		HeadComment: fmt.Sprintf(headerHelp, english.Plural(len(st.files), "file", "files")),
		FootComment: strings.Join(append(tail, tailHelp), "\n\n")}
	return encodeYAML(doc)
}

// The fixed comments of the starter configuration.
const (
	headerHelp = "salesreview configuration, written by `salesreview init` from %s.\n" +
		"Lines marked CHECK are guesses. Every key is described in the README\n" +
		"(\"Configuration reference\"). Paths are relative to this file."
	previousHelp = "An earlier export of the same pipeline, for the changes page:\nprevious: pipeline-last-quarter.xlsx"
	tailHelp     = "targets:\n  file: targets.xlsx # or inline:\n  inline:\n    - {region: West, period: FY2027-Q1, amount: 1000000}\n\n" +
		"period: FY2027-Q1 # default: the last complete quarter before as_of\n" +
		"as_of: 2026-04-30 # default: the newest date in the data\n" +
		"commentary: commentary\noutput: site"
)

// inputs lists the tables taken as something, with their role.
func (st *starter) inputs() (*yaml.Node, error) {
	rels, err := relativePaths(st.files, st.out)
	if err != nil {
		return nil, err
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, t := range st.recs.Tables {
		if t.Kind == report.IgnoredTable || t.Kind == "" {
			continue
		}
		in := &mapping{yaml.Node{Kind: yaml.MappingNode}}
		in.add("path", text(cmp.Or(rels[t.File], t.File)), "")
		if t.Sheet != "" {
			in.add("sheet", text(t.Sheet), "")
		}
		rows := fmt.Sprintf("%s, header on row %d", english.Plural(t.Records, "row", "rows"), t.HeaderRow)
		in.add("role", commented(text(string(t.Kind)), rows), "")
		seq.Content = append(seq.Content, &in.Node)
	}
	if len(seq.Content) == 0 {
		return nil, errors.New("init: no table in the files looks like deals, activities, a roster, accounts, targets or forecast calls")
	}
	return seq, nil
}

// ignored lists the tables not read, and why ("" when none).
func (st *starter) ignored() string {
	var lines []string
	for _, t := range st.recs.Tables {
		if t.Kind != report.IgnoredTable && t.Kind != "" {
			continue
		}
		where := t.File
		if t.Sheet != "" {
			where += " sheet " + t.Sheet
		}
		lines = append(lines, "  "+where+": "+cmp.Or(t.Note, "not a table salesreview reads"))
	}
	if len(lines) == 0 {
		return ""
	}
	return "Not read:\n" + strings.Join(lines, "\n")
}

// columns shows the column mapping used, commented out.
func (st *starter) columns() string {
	cols := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	seen := map[[2]string]bool{}
	for _, t := range st.recs.Tables {
		if t.Kind == report.IgnoredTable {
			continue
		}
		for _, c := range t.Columns {
			if key := [2]string{c.Field, c.Header}; !seen[key] {
				seen[key] = true
				cols.add(c.Field, commented(text(c.Header), t.File+", "+string(t.Kind)), "")
			}
		}
	}
	return "The column mapping used (field: header). The built-in aliases found these;\n" +
		"uncomment a line and change the header to map a field yourself.\n" + snippet("columns", &cols.Node)
}

// stages proposes the won, lost and open stages found, and default
// probabilities to fill in.
func stages(deals []report.Deal) *yaml.Node {
	won, lost, open := stagesOf(deals)
	m := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	m.add("won", list(won), "")
	m.add("lost", list(lost), "")
	order := m.add("order", list(open), "Open stages in funnel order, as first seen in the data: CHECK the order.")
	probs := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	for _, s := range open {
		probs.add(s, integer(50), "")
	}
	order.FootComment = "Default probability (0..100) of deals at a stage whose export has none:\n" + snippet("probabilities", &probs.Node)
	return &m.Node
}

// fiscalYear proposes the guessed start of the fiscal year.
func fiscalYear(deals []report.Deal) *yaml.Node {
	start, why := guessFiscalStart(deals)
	m := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	m.add("start", commented(text(monthName(start)), "CHECK: "+why), "")
	m.add("naming", commented(text("end"), "FY2027 is the fiscal year that ends in 2027"), "")
	return &m.Node
}

// currency proposes the report currency and the rates to give.
func currency(deals []report.Deal, rate string) *yaml.Node {
	cur, others := currenciesOf(deals)
	m := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	report := m.add("report", text(cur), "")
	if len(others) == 0 {
		report.FootComment = "rates: {EUR: 1.08}"
		return &m.Node
	}
	rates := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	for _, c := range others {
		rates.add(c, commented(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: rate}, "CHECK"), "")
	}
	m.add("rates", &rates.Node, "CHECK: the data holds other currencies. Give what one unit of each is\n"+
		"worth in "+cur+"; build stops at the placeholder "+placeholderRate+" until you do.")
	return &m.Node
}

// amounts says what an amount is taken to mean.
func amounts() *yaml.Node {
	m := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	m.add("mode", commented(text("TCV"), "CHECK: TCV (whole contract), ACV (per year) or MRR (per month)"), "")
	m.add("default_term", integer(12), "")
	return &m.Node
}

// regions proposes the regions found in order, with colours to choose
// commented out; without regions it returns nil and the section as a
// comment for the end of the file.
func regions(deals []report.Deal) (*yaml.Node, string) {
	names := regionsOf(deals)
	const countries = "countries: {Germany: EMEA} # country -> region, for deals without a region"
	if len(names) == 0 {
		return nil, "regions:\n  order: [North, South]\n  " + countries
	}
	colours := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	for i, r := range names {
		colours.add(r, text(palette[i%len(palette)]), "")
	}
	m := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	m.add("order", list(names), "").FootComment = snippet("colours", &colours.Node) + "\n" + countries
	return &m.Node, ""
}

// palette proposes region colours (ECharts' default palette).
var palette = []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

// relativePaths maps each file's base name to its path relative to out's folder.
func relativePaths(files []string, out string) (map[string]string, error) {
	dir, err := filepath.Abs(filepath.Dir(out))
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		// Relative to the file when close to it; else absolute.
		rel, err := filepath.Rel(dir, abs)
		if err != nil || strings.HasPrefix(rel, ".."+string(filepath.Separator)+"..") {
			rel = abs
		}
		m[filepath.Base(f)] = filepath.ToSlash(rel)
	}
	return m, nil
}

// mapping builds a YAML mapping pair by pair.
type mapping struct{ yaml.Node }

// add appends key: value, with head as the comment above the key ("" for
// none, a leading newline for a blank line before it). It returns the key
// node, whose FootComment goes below the pair.
func (m *mapping) add(key string, value *yaml.Node, head string) *yaml.Node {
	k := text(key)
	k.HeadComment = head
	m.Content = append(m.Content, k, value)
	return k
}

// text is a YAML string, quoted when it needs to be.
func text(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// integer is a YAML whole number.
func integer(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}
}

// list is a flow sequence of strings: [a, b].
func list(ss []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range ss {
		n.Content = append(n.Content, text(s))
	}
	return n
}

// commented gives n a comment at the end of its line.
func commented(n *yaml.Node, comment string) *yaml.Node {
	n.LineComment = comment
	return n
}

// snippet is key: value as YAML text, for a suggestion commented out (so
// that it is valid YAML once uncommented).
func snippet(key string, value *yaml.Node) string {
	m := &mapping{yaml.Node{Kind: yaml.MappingNode}}
	m.add(key, value, "")
	b, err := encodeYAML(&m.Node)
	if err != nil {
		return key + ": (" + err.Error() + ")"
	}
	return strings.TrimSuffix(string(b), "\n")
}

// encodeYAML writes n as YAML indented by two spaces.
func encodeYAML(n *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, fmt.Errorf("init: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("init: %w", err)
	}
	return b.Bytes(), nil
}
