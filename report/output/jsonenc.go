package output

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/cellref"
)

// MetricsJSON returns metrics.json: the whole review as JSON with sorted
// keys (snake_case field names), money in major units as exact decimal
// numbers (two to six decimals, e.g. 1234.50, 31.6575), ratios unrounded, dates as
// "YYYY-MM-DD", positions as "file: Sheet!E12", and every undefined figure
// as null (never NaN or infinity). See docs/metrics-schema.md.
func MetricsJSON(r *report.Review) ([]byte, error) {
	e := &jsonEncoder{}
	e.value(reflect.ValueOf(r), 0)
	e.b = append(e.b, '\n')
	return e.b, nil
}

var (
	moneyType    = reflect.TypeFor[report.Money]()
	dayType      = reflect.TypeFor[report.Day]()
	ratioType    = reflect.TypeFor[report.Ratio]()
	positionType = reflect.TypeFor[report.Position]()
	severityType = reflect.TypeFor[report.Severity]()
	problemType  = reflect.TypeFor[report.Problem]()
)

// jsonField is an exported field of a struct type and its JSON key.
type jsonField struct {
	key   string
	index int
}

// jsonFields caches each struct type's fields sorted by key.
var jsonFields sync.Map // reflect.Type -> []jsonField

func fieldsOf(t reflect.Type) []jsonField {
	if fs, ok := jsonFields.Load(t); ok {
		return fs.([]jsonField)
	}
	var fs []jsonField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Tag.Get("json")
		if name == "-" {
			continue
		}
		if name == "" {
			name = snake(f.Name)
		}
		fs = append(fs, jsonField{name, i})
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].key < fs[j].key })
	jsonFields.Store(t, fs)
	return fs
}

// jsonEncoder writes the review as indented JSON (one space per level)
// with sorted keys straight into a buffer: no intermediate maps, so a
// review of a million deals is written in one pass.
type jsonEncoder struct {
	b []byte
}

func (e *jsonEncoder) newline(depth int) {
	e.b = append(e.b, '\n')
	for i := 0; i < depth; i++ {
		e.b = append(e.b, ' ')
	}
}

// object writes {"k": v, ...} with n keys in the order given.
func (e *jsonEncoder) object(depth, n int, key func(i int) string, val func(i int)) {
	if n == 0 {
		e.b = append(e.b, "{}"...)
		return
	}
	e.b = append(e.b, '{')
	for i := 0; i < n; i++ {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.newline(depth + 1)
		e.b = appendJSONString(e.b, key(i))
		e.b = append(e.b, ": "...)
		val(i)
	}
	e.newline(depth)
	e.b = append(e.b, '}')
}

var problemKeys = []string{"column", "file", "message", "position", "row", "severity", "sheet"}

func (e *jsonEncoder) value(v reflect.Value, depth int) {
	switch v.Type() {
	case moneyType:
		e.b = appendMoney(e.b, report.Money(v.Int()))
		return
	case dayType:
		if d := report.Day(v.Int()); d.Valid() {
			e.b = appendJSONString(e.b, d.String())
		} else {
			e.b = append(e.b, "null"...)
		}
		return
	case ratioType:
		if r := v.Interface().(report.Ratio); r.OK {
			e.b = appendJSONFloat(e.b, r.Value)
		} else {
			e.b = append(e.b, "null"...)
		}
		return
	case positionType:
		e.b = appendJSONString(e.b, v.Interface().(report.Position).String())
		return
	case severityType:
		e.b = appendJSONString(e.b, report.Severity(v.Uint()).String())
		return
	case problemType:
		p := v.Interface().(report.Problem)
		e.object(depth, len(problemKeys), func(i int) string { return problemKeys[i] }, func(i int) {
			switch problemKeys[i] {
			case "column":
				e.b = appendJSONString(e.b, cellref.Column(p.Pos.Col))
			case "file":
				e.b = appendJSONString(e.b, p.Pos.File)
			case "message":
				e.b = appendJSONString(e.b, p.Msg)
			case "position":
				e.b = appendJSONString(e.b, p.Pos.String())
			case "row":
				e.b = strconv.AppendInt(e.b, int64(p.Pos.Row), 10)
			case "severity":
				e.b = appendJSONString(e.b, p.Severity.String())
			case "sheet":
				e.b = appendJSONString(e.b, p.Pos.Sheet)
			}
		})
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			e.b = append(e.b, "null"...)
			return
		}
		e.value(v.Elem(), depth)
	case reflect.Struct:
		fs := fieldsOf(v.Type())
		e.object(depth, len(fs), func(i int) string { return fs[i].key }, func(i int) { e.value(v.Field(fs[i].index), depth+1) })
	case reflect.Slice, reflect.Array:
		n := v.Len()
		if n == 0 {
			e.b = append(e.b, "[]"...)
			return
		}
		e.b = append(e.b, '[')
		for i := 0; i < n; i++ {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.newline(depth + 1)
			e.value(v.Index(i), depth+1)
		}
		e.newline(depth)
		e.b = append(e.b, ']')
	case reflect.Map:
		keys := v.MapKeys()
		names := make([]string, len(keys))
		order := make([]int, len(keys))
		for i, k := range keys {
			names[i] = fmt.Sprint(k.Interface())
			order[i] = i
		}
		sort.Slice(order, func(i, j int) bool { return names[order[i]] < names[order[j]] })
		e.object(depth, len(keys), func(i int) string { return names[order[i]] },
			func(i int) { e.value(v.MapIndex(keys[order[i]]), depth+1) })
	case reflect.Float32, reflect.Float64:
		e.b = appendJSONFloat(e.b, v.Float())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.b = strconv.AppendInt(e.b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.b = strconv.AppendUint(e.b, v.Uint(), 10)
	case reflect.Bool:
		e.b = strconv.AppendBool(e.b, v.Bool())
	case reflect.String:
		e.b = appendJSONString(e.b, v.String())
	default:
		e.b = append(e.b, "null"...)
	}
}

// appendMoney writes m in major units as its exact decimal, with at least
// two decimals and at most six, without trailing zeros past the second:
// 1249.75, 0.00, 31.6575, -0.000001.
func appendMoney(b []byte, m report.Money) []byte {
	u := uint64(m)
	if m < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/report.MoneyUnit, 10)
	var frac [6]byte // the millionths, then trailing zeros past two cut
	f := u % report.MoneyUnit
	for i := len(frac) - 1; i >= 0; i-- {
		frac[i] = byte('0' + f%10)
		f /= 10
	}
	n := len(frac)
	for n > 2 && frac[n-1] == '0' {
		n--
	}
	return append(append(b, '.'), frac[:n]...)
}

// appendJSONFloat writes f as encoding/json does; NaN and infinities, which
// JSON cannot hold, as null.
func appendJSONFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 -> e-9, as encoding/json
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendJSONString writes s as a JSON string, escaping as encoding/json
// does with HTML escaping on: quotes, backslashes, control characters, <,
// >, &, U+2028 and U+2029; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
