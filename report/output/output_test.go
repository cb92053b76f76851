package output

import (
	"bytes"
	"iter"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/salesreview/salesreview/report"
)

func TestCSVQuoting(t *testing.T) {
	rows := [][]string{{`x,y`, `say "hi"`}, {"line\nbreak", " pad"}, {"=1+2", ""}}
	tb := Table{Header: []string{"a", "b"}, Rows: slices.Values(rows)}
	want := "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line\nbreak\",\" pad\"\n'=1+2,\n"
	if got := string(tb.CSV()); got != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", got, want)
	}
}

// TestCSVFormulaEscaping: text a spreadsheet would run gets a leading
// apostrophe; numbers, negative ones included, stay numbers.
func TestCSVFormulaEscaping(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("x")`: `'=HYPERLINK("x")`, "+cmd": "'+cmd", "-2+3+cmd": "'-2+3+cmd", "@SUM(1)": "'@SUM(1)",
		"\t=1": "'\t=1", "\r=1": "'\r=1", "-": "'-", "-.": "'-.", "-1e": "'-1e", "-Inf": "'-Inf", "+NaN": "'+NaN",
		"-0x1F": "'-0x1F",
		"-12.5": "-12.5", "+3": "+3", "-1e-05": "-1e-05", "-0.10": "-0.10", "-.5": "-.5", "-3.": "-3.", "-1E+7": "-1E+7",
		"12.5": "12.5", "Acme": "Acme", "a=b": "a=b", "": "", "'=x": "'=x",
	} {
		if got := FormulaSafe(in); got != want {
			t.Errorf("FormulaSafe(%q) = %q, want %q", in, got, want)
		}
	}
	// In a table: the name is protected (and quoted, holding a quote), the
	// negative delta and the header stay as they are.
	rows := [][]string{{`=HYPERLINK("x")`, "-12.50"}, {"-deal", "-3"}}
	tb := Table{Header: []string{"name", "delta"}, Rows: slices.Values(rows)}
	want := "name,delta\n\"'=HYPERLINK(\"\"x\"\")\",-12.50\n'-deal,-3\n"
	if got := string(tb.CSV()); got != want {
		t.Errorf("CSV:\n%q\nwant:\n%q", got, want)
	}
}

// TestMoney: money is written in major units as the exact decimal of its
// millionths, with two to six decimals, to the ends of int64.
func TestMoney(t *testing.T) {
	for m, want := range map[report.Money]string{0: "0.00", 1: "0.000001", -1: "-0.000001", 10_000: "0.01",
		-10_000: "-0.01", 990_000: "0.99", -1_000_000: "-1.00", 1_234_560_000: "1234.56", 31_657_500: "31.6575",
		10_854_000: "10.854", 100_000: "0.10",
		-9223372036854775807: "-9223372036854.775807", 9223372036854775807: "9223372036854.775807"} {
		if got := string(appendMoney(nil, m)); got != want {
			t.Errorf("%d: %s, want %s", m, got, want)
		}
	}
}

// TestPlainDecimals: float cells of the CSV tables are plain decimals,
// never exponent notation (strconv 'g' would write 4.706093e+06 and
// -1.5354351097797068e-05), and still round-trip exactly.
func TestPlainDecimals(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{ff(4706093), "4706093"},                                                  // weighted pipeline of 4,706,093.00
		{ff(47993169.075), "47993169.075"},                                        // 4.7993169075e+07
		{ff(1054.0 / 12), "87.83333333333333"},                                    // monthly value of 1,054.00 over 12 months
		{ff(1025620), "1025620"},                                                  // ramp average 1.02562e+06
		{fr(report.Defined(-1.5354351097797068e-05)), "-0.000015354351097797068"}, // bias
		{fr(report.Defined(5.055799868450152e-05)), "0.00005055799868450152"},     // client share
		{fr(report.Defined(0.25)), "0.25"},
		{fr(report.Ratio{}), ""}, // undefined
		{ff(math.NaN()), ""},     // never NaN
		{ff(math.Inf(1)), ""},    // never infinity
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
		v, err := strconv.ParseFloat(tt.want, 64)
		if tt.want != "" && (err != nil || strconv.FormatFloat(v, 'f', -1, 64) != tt.want) {
			t.Errorf("%q does not round-trip", tt.want)
		}
	}
}

// TestCSVSized: a streamed table that says how many rows it has is written
// exactly as one that does not (the count only sizes the buffer), and a
// wrong count changes nothing either.
func TestCSVSized(t *testing.T) {
	rows := func(n int) iter.Seq[[]string] {
		return func(yield func([]string) bool) {
			for i := range n {
				if !yield([]string{strconv.Itoa(i), "name, with comma", "=1+1"}) {
					return
				}
			}
		}
	}
	for _, n := range []int{0, 1, csvSample, csvSample + 1, 3000} {
		want := Table{Header: []string{"i", "name", "formula"}, Rows: rows(n)}.CSV()
		for _, claimed := range []int{n, n / 2, 10 * n} {
			got := Table{Header: []string{"i", "name", "formula"}, Rows: rows(n), Len: claimed}.CSV()
			if !bytes.Equal(got, want) {
				t.Fatalf("%d rows, Len %d: CSV differs", n, claimed)
			}
		}
		if lines := bytes.Count(want, []byte("\n")); lines != n+1 {
			t.Errorf("%d rows: %d lines", n, lines)
		}
	}
}
