package source

import (
	"strings"
	"testing"
)

// TestCSVUnclosedQuote: a quoted field that is never closed is an error at
// the cell where the quote opened, not a field that swallows the rest of
// the file.
func TestCSVUnclosedQuote(t *testing.T) {
	header := "Opportunity ID,Account Name,Stage,Close Date,Amount,Region\n"
	cases := []struct{ name, data, want string }{
		{"open-b2.csv", header + "D1,\"Acme,Won,2024-01-01,1000,West\nD2,Globex,Won,2024-01-02,5,East\n",
			"open-b2.csv: B2: quoted field is never closed"},
		// The quote opens on line 3, in the last field, after a good row.
		{"open-f3.csv", header + "D1,Acme,Won,2024-01-01,1000,West\nD2,Globex,Won,2024-01-02,5,\"East\n",
			"open-f3.csv: F3: quoted field is never closed"},
		// A doubled quote does not close the field.
		{"doubled.csv", header + "D1,\"Acme \"\"Big\"\",Won,2024-01-01,1000,West\n",
			"doubled.csv: B2: quoted field is never closed"},
		// Semicolons, CRLF, a multi-line field before the open one.
		{"semi.csv", strings.ReplaceAll(header, ",", ";") + "D1;\"Acme\r\nCorp\";Won;2024-01-01;1000;West\r\nD2;Globex;\"Won;2024-01-02;5;East\r\n",
			"semi.csv: C4: quoted field is never closed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), c.name, c.data)
			got := readErr(t, Options{Inputs: inputs(p)})
			if !strings.Contains(got, c.want) {
				t.Errorf("error\n  %s\nwant it to hold\n  %s", got, c.want)
			}
		})
	}
}

// TestCSVQuotesKept: quotes that LazyQuotes accepts still read as text, and
// a quoted last field closed at the end of the file (no line end) is closed.
func TestCSVQuotesKept(t *testing.T) {
	header := "Opportunity ID,Account Name,Stage,Close Date,Amount,Region\n"
	data := header +
		"D1,Acme 5\" Ltd,Won,2024-01-01,1000,West\n" + // bare quote in an unquoted field
		"D2,\"Globex \"\"G\"\" Inc\",Won,2024-01-02,5,East\n" + // doubled quotes
		"D3,\"Initech \"x\" Co\",Won,2024-01-03,7,\"North\"" // bare quote inside a quoted field; no final newline
	p := writeFile(t, t.TempDir(), "quotes.csv", data)
	recs := readOK(t, Options{Inputs: inputs(p)})
	var got []string
	for _, d := range recs.Deals {
		got = append(got, d.ID+"|"+d.Account.String()+"|"+d.Region.String())
	}
	want := []string{`D1|Acme 5" Ltd|West`, `D2|Globex "G" Inc|East`, `D3|Initech "x" Co|North`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("deals\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
