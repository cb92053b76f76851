package config

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// problem is one thing wrong in the file, at a line (0 when it involves
// several keys).
type problem struct {
	line int
	msg  string
}

// Error makes a problem an error, for UnmarshalYAML methods.
func (p *problem) Error() string { return fmt.Sprintf("line %d: %s", p.line, p.msg) }

// lineErr is a problem at n's line, returned by the UnmarshalYAML methods
// of the configuration's value types.
func lineErr(n *yaml.Node, format string, args ...any) error {
	return &problem{line: n.Line, msg: fmt.Sprintf(format, args...)}
}

// Error is a configuration error: every problem of a file, one a line as
// "file:line: message" (or "file: message" for a problem of several
// keys), sorted by line.
type Error struct {
	File     string
	problems []problem
}

// Error returns the "file:line: message" lines.
func (e *Error) Error() string {
	lines := make([]string, len(e.problems))
	for i, p := range e.problems {
		if p.line > 0 {
			lines[i] = fmt.Sprintf("%s:%d: %s", e.File, p.line, p.msg)
		} else {
			lines[i] = fmt.Sprintf("%s: %s", e.File, p.msg)
		}
	}
	return strings.Join(lines, "\n")
}

// newError sorts the problems of the file name by line.
func newError(name string, ps []problem) *Error {
	slices.SortStableFunc(ps, func(a, b problem) int { return a.line - b.line })
	return &Error{File: name, problems: ps}
}

// syntaxProblem places a syntax error of the YAML parser, whose message is
// the only place that holds its line ("yaml: line 2: mapping values are
// not allowed in this context").
func syntaxProblem(err error) problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if line, err := strconv.Atoi(num); err == nil {
				return problem{line: line, msg: text}
			}
		}
	}
	return problem{msg: msg}
}

// checker walks a document beside the Go type it is to be decoded into,
// and collects every problem with the line of its node: unknown keys, keys
// given twice, a list or mapping where a value belongs, and values that
// their type refuses (its UnmarshalYAML, or yaml.v3's decoding for plain
// types). A document it finds no problem in decodes without error.
type checker struct {
	problems []problem
}

var (
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	inputType       = reflect.TypeFor[Input]()
	inputsType      = reflect.TypeFor[Inputs]()
)

func (c *checker) add(n *yaml.Node, format string, args ...any) {
	c.problems = append(c.problems, problem{line: n.Line, msg: fmt.Sprintf(format, args...)})
}

// value checks the node n, to be decoded into a value of type t.
func (c *checker) value(n *yaml.Node, t reflect.Type) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch {
	case n.ShortTag() == "!!null":
		return // empty: the default
	case t == inputsType && n.Kind != yaml.SequenceNode:
		t = inputType // one input alone
	}
	if t == inputType && n.Kind == yaml.ScalarNode {
		c.leaf(n, t) // a plain path
		return
	}
	before := len(c.problems)
	switch t.Kind() {
	case reflect.Struct:
		c.fields(n, t)
	case reflect.Slice:
		c.items(n, t)
	case reflect.Map:
		c.entries(n, t)
	default:
		c.leaf(n, t)
		return
	}
	// A structure with checks of its own (Input, Target) runs them once
	// its parts are right.
	if len(c.problems) == before && t.Kind() == reflect.Struct && reflect.PointerTo(t).Implements(unmarshalerType) {
		c.leaf(n, t)
	}
}

// fields checks a mapping to be decoded into the struct type t.
func (c *checker) fields(n *yaml.Node, t reflect.Type) {
	c.pairs(n, func(k, v *yaml.Node) {
		if f, known := fieldByKey(t, k.Value); known {
			c.value(v, f.Type)
		} else {
			c.add(k, "unknown key %q (see the configuration reference in the README)", k.Value)
		}
	})
}

// pairs checks that n is a mapping whose keys are each given once, and
// calls each for every key: value pair (the first of a key given twice).
func (c *checker) pairs(n *yaml.Node, each func(k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		c.add(n, "found %s, want a mapping", kindWords(n.Kind))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			c.add(k, "key %q given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		each(k, v)
	}
}

// fieldByKey finds the field of struct type t whose yaml tag is key.
func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name == key && name != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// items checks a list to be decoded into the slice type t.
func (c *checker) items(n *yaml.Node, t reflect.Type) {
	if n.Kind != yaml.SequenceNode {
		c.add(n, "found %s, want a list", kindWords(n.Kind))
		return
	}
	for _, item := range n.Content {
		c.value(item, t.Elem())
	}
}

// entries checks a mapping to be decoded into the map type t.
func (c *checker) entries(n *yaml.Node, t reflect.Type) {
	c.pairs(n, func(k, v *yaml.Node) {
		c.leaf(k, t.Key())
		c.value(v, t.Elem())
	})
}

// leaf decodes the node n into a value of type t, to see whether t
// accepts it. A type of the configuration says what is wrong itself
// (lineErr); for a plain type (text, a number, true or false) the problem
// is said from the node's kind and the type.
func (c *checker) leaf(n *yaml.Node, t reflect.Type) {
	custom := reflect.PointerTo(t).Implements(unmarshalerType)
	if n.Kind != yaml.ScalarNode && !custom {
		c.add(n, "found %s, want %s", kindWords(n.Kind), typeWords(t))
		return
	}
	err := n.Decode(reflect.New(t).Interface())
	var p *problem
	switch {
	case err == nil:
	case errors.As(err, &p):
		c.problems = append(c.problems, *p)
	case custom:
		c.add(n, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
	default:
		c.add(n, "%q is %s, want %s", n.Value, tagWords(n.ShortTag()), typeWords(t))
	}
}

// kindWords names a node's kind.
func kindWords(k yaml.Kind) string {
	switch k {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return "a value"
}

// tagWords names what a scalar was read as.
func tagWords(tag string) string {
	switch tag {
	case "!!str":
		return "text"
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "true/false"
	case "!!timestamp":
		return "a date"
	}
	return strings.TrimPrefix(tag, "!!")
}

// typeWords names a Go type in the words of the README.
func typeWords(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list"
	}
	return "a mapping"
}
