package output

import (
	"fmt"
	"math"
	"strconv"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/cellref"
)

// MetricsJSON returns metrics.json: the whole review as JSON, keys from the
// json tags of the review's types, written sorted, one space of indent per
// level. Money is in major units as an exact decimal (1234.50, 31.6575), ratios and
// floats unrounded, dates "YYYY-MM-DD", positions "file: Sheet!E12", and
// every undefined figure null (never NaN or infinity); empty lists are [],
// never null. <, >, &, U+2028 and U+2029 are escaped, so the file can be
// pasted into a page. See docs/metrics-schema.md.
func MetricsJSON(rev *report.Review) ([]byte, error) {
	b, err := json.Marshal(rev, json.WithMarshalers(marshalers), json.Deterministic(true),
		jsontext.AllowInvalidUTF8(true), jsontext.EscapeForHTML(true), jsontext.EscapeForJS(true))
	if err != nil {
		return nil, fmt.Errorf("metrics.json: %w", err)
	}
	v := jsontext.Value(b)
	if err := v.Format(jsontext.ReorderRawObjects(true), jsontext.WithIndent(" "), jsontext.SpaceAfterColon(true),
		jsontext.EscapeForHTML(true), jsontext.EscapeForJS(true)); err != nil {
		return nil, fmt.Errorf("metrics.json: %w", err)
	}
	return append(v, '\n'), nil
}

// marshalers write the review's value types: Money as an exact decimal,
// Ratio, Day and floats as null when undefined, Position and Severity as
// their text, and Problem with its position spelled out.
var marshalers = json.JoinMarshalers(
	json.MarshalToFunc(func(enc *jsontext.Encoder, m report.Money) error {
		return enc.WriteValue(appendMoney(nil, m))
	}),
	json.MarshalToFunc(func(enc *jsontext.Encoder, r report.Ratio) error {
		if !r.OK {
			return enc.WriteToken(jsontext.Null)
		}
		return writeFloat(enc, r.Value)
	}),
	json.MarshalToFunc(writeFloat),
	json.MarshalToFunc(func(enc *jsontext.Encoder, d report.Day) error {
		if !d.Valid() {
			return enc.WriteToken(jsontext.Null)
		}
		return enc.WriteToken(jsontext.String(d.String()))
	}),
	json.MarshalToFunc(func(enc *jsontext.Encoder, p report.Position) error {
		return enc.WriteToken(jsontext.String(p.String()))
	}),
	json.MarshalToFunc(func(enc *jsontext.Encoder, s report.Severity) error {
		return enc.WriteToken(jsontext.String(s.String()))
	}),
	json.MarshalToFunc(func(enc *jsontext.Encoder, p report.Problem) error {
		return json.MarshalEncode(enc, problem{Position: p.Pos.String(), File: p.Pos.File, Sheet: p.Pos.Sheet, Row: p.Pos.Row,
			Column: cellref.Column(p.Pos.Col), Severity: p.Severity.String(), Message: p.Msg})
	}),
)

// writeFloat writes f, or null for NaN and infinities, which JSON cannot hold.
func writeFloat(enc *jsontext.Encoder, f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return enc.WriteToken(jsontext.Null)
	}
	return enc.WriteToken(jsontext.Float(f))
}

// problem is a data problem in metrics.json: its position, and the parts
// of the position on their own.
type problem struct {
	Position string `json:"position"`
	File     string `json:"file"`
	Sheet    string `json:"sheet"`
	Row      int    `json:"row"`
	Column   string `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
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
