package safety

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/site"
	"github.com/salesreview/salesreview/report/slug"
	"github.com/salesreview/salesreview/report/testsuite/hostile"
	"github.com/salesreview/salesreview/report/testsuite/pagecheck"
)

// namedRecords returns deals whose region, account, owner, deal name,
// stage (of the open deals) and market are the given names: three won
// deals closing in 2024-Q1, two open ones closing in 2024-Q2 and a lost one
// on 2024-06-30, so that the 2024-Q2 review shows every kind of name.
func namedRecords(region, account, owner, deal, stage, market string) *report.Records {
	recs := &report.Records{}
	add := func(id string, status report.Status, st string, amount float64, created, close report.Day) {
		recs.Deals = append(recs.Deals, report.Deal{ID: id, Name: deal, Account: report.Intern(account), Region: report.Intern(region), Market: report.Intern(market),
			Owner: report.Intern(owner), Stage: report.Intern(st), Status: status, Amount: report.MoneyFromFloat(amount), HasAmount: true,
			Created: created, Close: close, Src: report.Ref{Row: int32(len(recs.Deals) + 2)}})
	}
	created := report.Date(2023, 11, 30)
	add("W1", report.Won, "Closed Won", 1000, created, report.Date(2024, 1, 19))
	add("W2", report.Won, "Closed Won", 2000, created, report.Date(2024, 2, 19))
	add("W3", report.Won, "Closed Won", 3000, created, report.Date(2024, 4, 19))
	add("O1", report.Open, stage, 500, created, report.Date(2024, 5, 18))
	add("O2", report.Open, stage, 700, created, report.Date(2024, 9, 18))
	add("L1", report.Lost, "Closed Lost", 10, created, report.Date(2024, 6, 30))
	return recs
}

// plainName reports whether a name should show on a page exactly as
// given: valid UTF-8, no control or format characters, no surrounding
// space, and not empty. Other names are still checked for page safety.
func plainName(s string) bool {
	if s == "" || !utf8.ValidString(s) || strings.TrimSpace(s) != s {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.In(r, unicode.Cf) || r == utf8.RuneError || unicode.IsSpace(r) && r != ' ' {
			return false
		}
	}
	return true
}

// FuzzRenderNames renders a site whose names are arbitrary strings: every
// page must parse and pass the page check, and plain names must show as
// text (the region on the overview, the account and owner somewhere).
func FuzzRenderNames(f *testing.F) {
	p := hostile.Payloads
	f.Add(p[0], p[1], p[2], p[3], p[4], p[5])
	f.Add(p[6], p[7], p[8], p[0], p[1], p[2])
	f.Add("West", "Acme", "Ann", "Big deal", "Negotiation", "Retail")
	f.Add("../../etc/passwd", "CON", "NUL", "COM1", "..", "/etc/shadow")
	f.Add("מרכז", "شركة الأفق", "Zoë 🚀", "Deal \u202Egnp.exe", "Αcme", "Wеst")
	f.Add("", " ", "\x00", "\xff\xfe", "\r\n", "<!--")
	f.Add("</style><style>*{x:y}", "]]><!--", "\u2028\u2029", "&amp;&lt;", `\u003c/script\u003e`, "{{template \"x\"}}")
	f.Fuzz(func(t *testing.T, region, account, owner, deal, stage, market string) {
		if len(region)+len(account)+len(owner)+len(deal)+len(stage)+len(market) > 4096 {
			t.Skip("names longer than any export's")
		}
		rev, err := report.Compute(namedRecords(region, account, owner, deal, stage, market), nil, report.Options{})
		if err != nil {
			return // refusing odd names is allowed; rendering them unsafely is not
		}
		made, err := site.Render(rev, site.Options{Templates: templatesFS(t), BuildDate: "2024-07-01"})
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		files := made.Files
		var shown strings.Builder
		index := ""
		for _, f := range files {
			if f.Path != site.MarkerFile && (!safePath.MatchString(f.Path) || strings.Contains(f.Path, "..")) {
				t.Errorf("output file %q: not a safe path", f.Path)
			}
			if !strings.HasSuffix(f.Path, ".html") {
				continue
			}
			for _, p := range pagecheck.Problems(f.Path, f.Data, pagecheck.Options{}) {
				t.Errorf("%s: %s", f.Path, p)
			}
			text := pagecheck.PageText(f.Data)
			if f.Path == "index.html" {
				index = text
			}
			shown.WriteString(text)
		}
		if plainName(region) && !strings.Contains(index, region) {
			t.Errorf("index.html does not show region %q as text", region)
		}
		for _, n := range []string{account, owner} {
			if plainName(n) && !strings.Contains(shown.String(), n) {
				t.Errorf("no page shows %q as text", n)
			}
		}
	})
}

// TestNamedRecordsRender makes sure the fuzz target's fixture computes and
// renders (so the fuzzer exercises the pages, not an early return), and
// that a hostile region gets a page of its own under a slug name.
func TestNamedRecordsRender(t *testing.T) {
	p := hostile.Payloads
	rev, err := report.Compute(namedRecords(p[0], p[1], p[2], p[3], p[4], p[5]), nil, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	made, err := site.Render(rev, site.Options{Templates: templatesFS(t), BuildDate: "2024-07-01"})
	if err != nil {
		t.Fatal(err)
	}
	files := made.Files
	regionPage := false
	for _, f := range files {
		if strings.Contains(f.Path, slug.Make(p[0])) {
			regionPage = true
		}
	}
	if !regionPage {
		t.Errorf("no file named after slug.Make(%q) = %q", p[0], slug.Make(p[0]))
	}
}
