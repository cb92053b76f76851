package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/salesreview/salesreview/report"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		date1904 bool
		want     string // day, "dmy|mdy" when ambiguous, or "!msg"
		hint     dateOrder
	}{
		{in: "2016-10-20", want: "2016-10-20"},
		{in: "2024-01-23T17:50:51.000+0000", want: "2024-01-23"},
		{in: "2024-01-23T23:50:51.000-0200", want: "2024-01-24"}, // 01:50 UTC next day
		{in: "2024-01-23T17:50:51Z", want: "2024-01-23"},
		{in: "2024-01-23 17:50", want: "2024-01-23"},
		{in: "2024/01/23", want: "2024-01-23"},
		{in: "42663", want: "2016-10-20"},    // Maven's first engage_date as a serial
		{in: "42663.75", want: "2016-10-20"}, // a date-time serial
		{in: "1", want: "1900-01-01"},        // serial 1 in the 1900 system
		{in: "59", want: "1900-02-28"},       // the day before the phantom leap day
		{in: "61", want: "1900-03-01"},       // the day after
		{in: "60", want: "!is Excel's 1900-02-29, a day that never was"},
		{in: "0", want: "!is Excel's day 0 (1900-01-00), not a date"},
		{in: "0", date1904: true, want: "1904-01-01"},
		{in: "41201", date1904: true, want: "2016-10-20"}, // 41201 + 1462 = 42663 in the 1900 system
		{in: "23/1/2024", want: "2024-01-23", hint: orderDMY},
		{in: "1/23/2024", want: "2024-01-23", hint: orderMDY},
		{in: "1/23/24", want: "2024-01-23", hint: orderMDY},
		{in: "23.01.99", want: "1999-01-23", hint: orderDMY},
		{in: "3/4/2024", want: "2024-04-03|2024-03-04"},
		{in: "4/4/2024", want: "2024-04-04"},
		{in: "1/23/2024 5:50 PM", want: "2024-01-23", hint: orderMDY},
		{in: "23-Jan-2024", want: "2024-01-23"},
		{in: "Jan 23, 2024", want: "2024-01-23"},
		{in: "31/2/2024", want: "!is not a date"},
		{in: "13/13/2024", want: "!is not a date"},
		{in: "next week", want: "!is not a date"},
		{in: "", want: "!is blank"},
		{in: "-5", want: "!is not a date"},
		{in: "99999999", want: "!is out of the range of Excel dates"},
	}
	for _, tc := range tests {
		p, msg := parseDate(tc.in, tc.date1904)
		got := p.Day.String()
		switch {
		case msg != "":
			got = "!" + msg
		case p.Ambiguous:
			got = p.DMY.String() + "|" + p.MDY.String()
		}
		if got != tc.want || msg == "" && p.Hint != tc.hint {
			t.Errorf("parseDate(%q, %v) = %s hint %v, want %s hint %v", tc.in, tc.date1904, got, p.Hint, tc.want, tc.hint)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		cur  string
		ok   bool
	}{
		{"1054", 1054, "", true},
		{"1054.5", 1054.5, "", true},
		{"$1,054.00", 1054, "USD", true},
		{"USD 1,054.00", 1054, "USD", true},
		{"1,054.00 USD", 1054, "USD", true},
		{"EUR 1.234,56", 1234.56, "EUR", true},
		{"1.234,56 €", 1234.56, "EUR", true},
		{"1,234.56", 1234.56, "", true},
		{"1.234.567", 1234567, "", true},
		{"1 234,5", 1234.5, "", true},
		{"1'234.50", 1234.5, "", true},
		{"12,5", 12.5, "", true},
		{"1,234", 1234, "", true},
		{"(1,000.00)", -1000, "", true},
		{"($1,000.00)", -1000, "USD", true},
		{"-$5", -5, "USD", true},
		{"5-", -5, "", true},
		{"£3", 3, "GBP", true},
		{"1.5E3", 1500, "", true},
		{"12,5x", 0, "", false},
		{"abc", 0, "", false},
		{"", 0, "", false},
		{"$", 0, "", false},
		{"1,2,3.4,5", 0, "", false},
		{"1,2,3", 0, "", false},
		{"12,34,567", 0, "", false},
		{"1234,567", 0, "", false},
		{"1 000 000", 1000000, "", true},
		{"NaN", 0, "", false},
		{"Inf", 0, "", false},
	}
	for _, tc := range tests {
		a, ok := parseAmount(tc.in)
		if ok != tc.ok || ok && (a.Value != tc.want || a.Currency != tc.cur) {
			t.Errorf("parseAmount(%q) = %v %q %v, want %v %q %v", tc.in, a.Value, a.Currency, ok, tc.want, tc.cur, tc.ok)
		}
	}
}

func TestParsePercentAndBool(t *testing.T) {
	for _, tc := range []struct {
		in   string
		v    float64
		sign bool
		ok   bool
	}{{"40%", 40, true, true}, {"40", 40, false, true}, {"0.4", 0.4, false, true}, {" 12,5 % ", 12.5, true, true}, {"x%", 0, false, false}, {"$5", 0, false, false}} {
		v, sign, ok := parsePercent(tc.in)
		if v != tc.v || sign != tc.sign || ok != tc.ok {
			t.Errorf("parsePercent(%q) = %v %v %v", tc.in, v, sign, ok)
		}
	}
	for in, want := range map[string][2]bool{"TRUE": {true, true}, "false": {false, true}, "Yes": {true, true}, "no": {false, true}, "1": {true, true}, "0": {false, true}, "maybe": {false, false}} {
		v, ok := parseBool(in)
		if v != want[0] || ok != want[1] {
			t.Errorf("parseBool(%q) = %v %v", in, v, ok)
		}
	}
}

func TestPeriods(t *testing.T) {
	for in, want := range map[string]string{"FY2026-Q3": "FY2026-Q3", "FY2026 Q3": "FY2026-Q3", "2026-Q3": "FY2026-Q3", "Q3 2026": "FY2026-Q3", "Q3 FY2026": "FY2026-Q3", "FY26Q3": "FY2026-Q3", "2026-08-15": "FY2026-Q3", "Q5 2026": ""} {
		got, ok := parsePeriod(in, report.Calendar{Start: 1}, false)
		if got != want || ok != (want != "") {
			t.Errorf("parsePeriod(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	// February start: Feb 2026 .. Jan 2027 is FY2027; 2026-05-01 is its Q2;
	// 2026-01-31 is in FY2026's Q4.
	if got := periodOf(report.Date(2026, 5, 1), report.Calendar{Start: 2}); got != "FY2027-Q2" {
		t.Errorf("periodOf(2026-05-01, Feb) = %s", got)
	}
	if got := periodOf(report.Date(2026, 1, 31), report.Calendar{Start: 2}); got != "FY2026-Q4" {
		t.Errorf("periodOf(2026-01-31, Feb) = %s", got)
	}
	// Named by start: Feb 2026 .. Jan 2027 is FY2026.
	if got := periodOf(report.Date(2026, 5, 1), report.Calendar{Start: 2, NameByStart: true}); got != "FY2026-Q2" {
		t.Errorf("periodOf(2026-05-01, Feb, by start) = %s", got)
	}
}

func TestFindHeader(t *testing.T) {
	rows := [][]string{
		{"Opportunities by Region"},
		{"as of 27/11/2026"},
		{},
		{"Filtered By:"},
		{"    Stage equals Won"},
		{},
		{"", "Region", "Opportunity Owner", "Stage", "Amount"},
		{"", "Central (3512)"},
	}
	if got := findHeader(rows, nil); got != 6 {
		t.Errorf("findHeader = %d, want 6", got)
	}
	if got := findHeader([][]string{{"a", "b"}, {"Notes"}}, nil); got != -1 {
		t.Errorf("findHeader of no header = %d", got)
	}
}

func TestGroupLabelAndNames(t *testing.T) {
	for in, want := range map[string]string{"Central (3512)": "Central", "Region: East (2,291 records)": "East", "West (1 record)": "West", "Acme (UK)": "", "(12)": ""} {
		got, ok := groupLabel(in, "Region")
		if got != want || ok != (want != "") {
			t.Errorf("groupLabel(%q) = %q %v", in, got, ok)
		}
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{{"GTXPro", "GTX Pro", true}, {"technolgy", "technology", true}, {"Philipines", "Philippines", true}, {"East", "West", false}, {"Acme", "Acme", false}, {"Betatech", "Bioholding", false}} {
		if got := nearMiss(tc.a, tc.b); got != tc.want {
			t.Errorf("nearMiss(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2016-10-20", "2024-01-23T17:50:51.000+0000", "42663", "60", "3/4/2024", "23.01.99", "Jan 23, 2024", "1/23/2024 5:50 PM", "", "9999-12-31", "1e308", "31/2/2024 25:61"} {
		f.Add(s, false)
	}
	f.Add("0", true)
	f.Fuzz(func(t *testing.T, s string, date1904 bool) {
		p, msg := parseDate(s, date1904)
		if msg == "" && !p.Ambiguous && !p.Day.Valid() {
			t.Errorf("parseDate(%q) gave no day and no message", s)
		}
		if p.Ambiguous && (p.DMY == p.MDY || !p.DMY.Valid() || !p.MDY.Valid()) {
			t.Errorf("parseDate(%q) ambiguous with %v %v", s, p.DMY, p.MDY)
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1054", "$1,054.00", "EUR 1.234,56", "(1,000.00)", "12,5x", "1 234,5", "1.5E3", "-$5", "", "€", "1,2,3.4,5", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, ok := parseAmount(s)
		if ok && (a.Value != a.Value || a.Value > 9e15 || a.Value < -9e15) {
			t.Errorf("parseAmount(%q) = %v", s, a.Value)
		}
		parsePercent(s)
	})
}

func FuzzFindHeader(f *testing.F) {
	f.Add("Opportunities\nas of today\n\nFiltered By:\n,Region,Stage,Amount\n,Central (3)\n,,Won,5")
	f.Add("opportunity_id,sales_agent,deal_stage\n1,a,Won")
	f.Add("Table,Field,Description\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		var rows [][]string
		for _, line := range strings.Split(s, "\n") {
			rows = append(rows, strings.Split(line, ","))
		}
		i := findHeader(rows, nil)
		if i < -1 || i >= len(rows) {
			t.Fatalf("findHeader = %d of %d rows", i, len(rows))
		}
		if i >= 0 {
			kind, _ := recogniseKind(rows[i], nil)
			if kind != "" {
				m, _ := mapColumns(kind, rows[i], nil)
				for _, cols := range m {
					for _, c := range cols {
						if c < 0 || c >= len(rows[i]) {
							t.Fatalf("column %d out of range", c)
						}
					}
				}
			}
		}
	})
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("opportunity_id,sales_agent,deal_stage,engage_date,close_date,close_value\r\n1,Ann,Won,2016-10-20,2017-03-01,1054\r\n2,Bob,Engaging,2016-10-25,,\r\n"))
	f.Add([]byte("\xef\xbb\xbf\"Opportunity Owner\";\"Stage\";\"Close Date\";\"Amount\"\r\n\"Ann\";\"Closed Won\";\"23.01.2024\";\"1.234,56\"\r\n\r\n\"Confidential Information - Do Not Distribute\"\r\n"))
	f.Add([]byte("Subject\tDate\tType\nCall\t1/2/2024\tCall\n"))
	f.Add([]byte("Region,Period,Target\nEast,FY2026-Q3,1000\n"))
	f.Add([]byte("a,\"b\nc\",d\n\n\n1,2,3"))
	f.Add([]byte("Stage,Amount,Close Date,Account\rWon,1,2024-01-01,M\xfcller\rWon,2,2024-01-02,Müller\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "in.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		recs, err := Read(Options{Inputs: []Input{{Path: path}}})
		if err == nil {
			for _, d := range recs.Deals {
				if !utf8.ValidString(d.Name) || !utf8.ValidString(d.Account.String()) || !utf8.ValidString(d.Region.String()) {
					t.Errorf("deal %q of account %q in %q: not UTF-8", d.Name, d.Account, d.Region)
				}
			}
			for _, tb := range recs.Tables {
				sum := tb.Records
				for _, n := range tb.Skipped {
					sum += n
				}
				if tb.Kind != report.IgnoredTable && sum != tb.RowsRead {
					t.Errorf("rows read %d, records + skipped %d", tb.RowsRead, sum)
				}
			}
		} else if err.Error() == "" {
			t.Error("empty error")
		}
	})
}
