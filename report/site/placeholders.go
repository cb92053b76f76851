package site

import (
	"errors"
	"fmt"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/salesreview/salesreview/report"
)

// Commentary placeholders are text/template actions on one line, {{ name }}
// or {{ name "argument" ... }}, whose names are the functions of
// placeholderFuncs. Each line is parsed by text/template's parser; any
// other action (fields, variables, pipelines, if, range, define, trim
// markers, comments) is refused with the file and line before anything
// runs, and each placeholder is then executed by text/template.

// placeholderError is why a placeholder has no value; text/template's
// execution error wraps it.
type placeholderError string

func (e placeholderError) Error() string { return string(e) }

// placeholderFunc is one placeholder: its name and its text/template
// function, which takes quoted arguments and returns the text or a
// placeholderError.
type placeholderFunc struct {
	name string
	fn   func(args ...string) (string, error)
}

// scopeFigure is a placeholder that quotes a figure of the company or, with
// a region argument, of one region.
type scopeFigure struct {
	name  string
	value func(f formatter, s *report.Scope) string
}

// scopeFigures are the figures of the review quarter, except coverage and
// required_coverage: those are of the current quarter, as the tiles show
// them (a complete quarter has no coverage).
var scopeFigures = []scopeFigure{
	{"bookings", func(f formatter, s *report.Scope) string { return f.money(s.KPIs.Current.Bookings) }},
	{"winrate", func(f formatter, s *report.Scope) string { return percent(ratioPtr(s.KPIs.Current.WinRate)) }},
	{"attainment", func(f formatter, s *report.Scope) string { return percent(ratioPtr(s.KPIs.Current.Attainment)) }},
	{"coverage", func(f formatter, s *report.Scope) string { return coverageText(s.Coverage) }},
	{"required_coverage", func(f formatter, s *report.Scope) string { return times(ratioPtr(s.Coverage.Required)) }},
	{"target", func(f formatter, s *report.Scope) string {
		if !s.KPIs.Current.HasTarget {
			return NA
		}
		return f.money(s.KPIs.Current.Target)
	}},
	{"arr", func(f formatter, s *report.Scope) string { return f.moneyFloat(s.KPIs.Current.ARR) }},
	{"pipeline", func(f formatter, s *report.Scope) string { return f.money(s.OpenPipeline) }},
	{"weighted_pipeline", func(f formatter, s *report.Scope) string { return f.moneyFloat(s.WeightedPipeline) }},
	{"activities", func(f formatter, s *report.Scope) string { return number(s.KPIs.Current.Activities.Total) }},
	{"won_deals", func(f formatter, s *report.Scope) string { return number(s.KPIs.Current.WonDeals) }},
}

// placeholderFuncs are the placeholders of a review, in the order messages
// list them.
func placeholderFuncs(rev *report.Review) []placeholderFunc {
	f := formatter{currency: rev.Currency}
	scope := func(region string) (*report.Scope, error) {
		if region == "" {
			return &rev.Total, nil
		}
		if s := rev.Scope(region); s != nil {
			return s, nil
		}
		return nil, placeholderError(fmt.Sprintf("unknown region %q", region))
	}
	out := []placeholderFunc{scopeFigurePlaceholder(scopeFigures[0], f, scope), {"growth", growthPlaceholder(scope)}}
	for _, fig := range scopeFigures[1:] {
		out = append(out, scopeFigurePlaceholder(fig, f, scope))
	}
	for _, p := range []struct{ name, value string }{{"period", rev.Period.Name},
		{"previous_period", rev.PrevPeriod.Name}, {"year_ago_period", rev.YearAgoPeriod.Name},
		{"current_period", rev.CurrentPeriod.Name}, {"as_of", rev.AsOf.String()}} {
		out = append(out, placeholderFunc{p.name, func(args ...string) (string, error) {
			if len(args) != 0 {
				return "", placeholderError(p.name + " takes no arguments")
			}
			return p.value, nil
		}})
	}
	return out
}

// scopeFigurePlaceholder is the placeholder of a figure: {{ bookings }} or
// {{ bookings "West" }}.
func scopeFigurePlaceholder(fig scopeFigure, f formatter, scope func(string) (*report.Scope, error)) placeholderFunc {
	return placeholderFunc{fig.name, func(args ...string) (string, error) {
		if len(args) > 1 {
			return "", placeholderError(fig.name + " takes at most one argument, a region")
		}
		s, err := scope(strings.Join(args, ""))
		if err != nil {
			return "", err
		}
		return fig.value(f, s), nil
	}}
}

// growthPlaceholder is {{ growth "qoq" }} or {{ growth "West" "yoy" }}:
// bookings growth on the previous quarter or the year-ago quarter.
func growthPlaceholder(scope func(string) (*report.Scope, error)) func(args ...string) (string, error) {
	return func(args ...string) (string, error) {
		if len(args) != 1 && len(args) != 2 {
			return "", placeholderError(`growth takes an optional region and "qoq" or "yoy"`)
		}
		s, err := scope(strings.Join(args[:len(args)-1], ""))
		if err != nil {
			return "", err
		}
		switch kind := args[len(args)-1]; strings.ToLower(kind) {
		case "qoq":
			return signedPercent(ratioPtr(s.KPIs.Current.GrowthQoQ)), nil
		case "yoy":
			return signedPercent(ratioPtr(s.KPIs.Current.GrowthYoY)), nil
		default:
			return "", placeholderError(fmt.Sprintf(`growth kind %q is not "qoq" or "yoy"`, kind))
		}
	}
}

// placeholders fills in the placeholders of a commentary file.
type placeholders struct {
	funcs template.FuncMap
	names string // "bookings, growth, ...", for messages
}

func newPlaceholders(rev *report.Review) *placeholders {
	p := &placeholders{funcs: template.FuncMap{}}
	var names []string
	for _, f := range placeholderFuncs(rev) {
		p.funcs[f.name] = f.fn
		names = append(names, f.name)
	}
	p.names = strings.Join(names, ", ")
	return p
}

// lineName names the template of a line in text/template's messages.
const lineName = "placeholder"

// fillLine fills in the placeholders of one line; each problem is a message
// for the line.
func (p *placeholders) fillLine(line string) (string, []string) {
	if !strings.Contains(line, "{{") && !strings.Contains(line, "}}") {
		return line, nil
	}
	tr := parse.New(lineName)
	tr.Mode = parse.SkipFuncCheck | parse.ParseComments
	set := map[string]*parse.Tree{}
	if _, err := tr.Parse(line, "{{", "}}", set); err != nil {
		return line, []string{parseProblem(line, err)}
	}
	var out strings.Builder
	var problems []string
	for name := range set {
		if name != lineName {
			problems = append(problems, fmt.Sprintf("{{define}} and {{block}} are not placeholders (known: %s)", p.names))
		}
	}
	for _, n := range tr.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			if strings.Contains(string(n.Text), "}}") {
				problems = append(problems, unbalanced)
			}
			out.Write(n.Text)
		case *parse.ActionNode:
			src := actionSource(line, n)
			v, err := p.run(n, src)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s in %s", err, src))
				v = src
			}
			out.WriteString(v)
		default: // a comment, if, range, with, template, break or continue
			problems = append(problems, fmt.Sprintf("unknown placeholder (known: %s) in %s", p.names, n))
		}
	}
	return out.String(), problems
}

// unbalanced is the problem of a line with a {{ or }} that does not pair.
const unbalanced = "unbalanced {{ or }}: a placeholder must open and close on one line"

// parseProblem says why text/template could not parse a line.
func parseProblem(line string, err error) string {
	if strings.LastIndex(line, "{{") > strings.LastIndex(line, "}}") {
		return unbalanced
	}
	msg := strings.TrimPrefix(err.Error(), "template: "+lineName+":1: ")
	return fmt.Sprintf("placeholder cannot be read: %s in %s", msg,
		strings.TrimSpace(line[max(0, strings.Index(line, "{{")):]))
}

// run checks that an action is a placeholder, {{ name "argument" ... }},
// and executes it with text/template.
func (p *placeholders) run(a *parse.ActionNode, src string) (string, error) {
	inner := strings.TrimSpace(src[2 : len(src)-2])
	if len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) != 1 || strings.HasPrefix(src, "{{- ") || strings.HasSuffix(src, " -}}") {
		return "", fmt.Errorf("unknown placeholder %q (known: %s)", inner, p.names)
	}
	args := a.Pipe.Cmds[0].Args
	switch first := args[0].(type) {
	case *parse.StringNode:
		return "", fmt.Errorf("a placeholder starts with a name (%s)", p.names)
	case *parse.IdentifierNode:
		if p.funcs[first.Ident] == nil {
			return "", fmt.Errorf("unknown placeholder %q (known: %s)", first.Ident, p.names)
		}
	default:
		return "", fmt.Errorf("unknown placeholder %q (known: %s)", inner, p.names)
	}
	for _, arg := range args[1:] {
		if s, ok := arg.(*parse.StringNode); !ok || !strings.HasPrefix(s.Quoted, `"`) {
			return "", fmt.Errorf("argument %s must be in double quotes", arg)
		}
	}
	t, err := template.New(lineName).Funcs(p.funcs).Parse(src)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	if err := t.Execute(&out, nil); err != nil {
		var pe placeholderError
		if errors.As(err, &pe) {
			return "", pe
		}
		return "", err
	}
	return out.String(), nil
}

// actionSource returns the text of an action in its line, from its {{ to
// its }}.
func actionSource(line string, a *parse.ActionNode) string {
	start := max(0, strings.LastIndex(line[:a.Pos], "{{"))
	from := int(a.Pos)
	if cmds := a.Pipe.Cmds; len(cmds) > 0 && len(cmds[len(cmds)-1].Args) > 0 {
		args := cmds[len(cmds)-1].Args
		last := args[len(args)-1]
		from = max(from, int(last.Position())+len(last.String()))
	}
	if from > len(line) {
		from = int(a.Pos)
	}
	end := strings.Index(line[from:], "}}")
	if end < 0 {
		return line[start:]
	}
	return line[start : from+end+2]
}
