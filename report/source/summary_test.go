package source

import (
	"strings"
	"testing"
)

func TestWriteSummaryExact(t *testing.T) {
	dir := t.TempDir()
	path := buildXLSX(t, dir, "crm.xlsx", workbookOpts{},
		sheet{name: "Open Deals", rows: [][]any{
			{"Report"},
			{"", "Region", "Opportunity ID", "Stage", "Close Date", "Amount"},
			{"", "East (2)"},
			{"", "", "D1", "Closed Won", "2024-01-02", "$10.00"},
			{"", "", "D2", "Prospecting", nil, nil},
			{"", "Subtotal", "", "", "", "$10.00"},
			nil,
			{"", "Total (2 records)"},
			{"Confidential Information - Do Not Distribute"},
		}},
		sheet{name: "Team", hidden: true, rows: [][]any{{"Sales Rep", "Region"}}},
	)
	recs := readOK(t, Options{Inputs: inputs(path)})
	var b strings.Builder
	if err := WriteSummary(&b, recs); err != nil {
		t.Fatal(err)
	}
	want := `crm.xlsx 'Open Deals': deals (deal table: has a stage or status column and an amount or close date column)
  header row 2; 7 rows read, 2 records, skipped 1 blank, 1 footer, 1 group, 1 subtotal, 1 total
  B    "Region" -> region
  C    "Opportunity ID" -> id
  D    "Stage" -> stage
  E    "Close Date" -> close
  F    "Amount" -> amount
crm.xlsx Team: ignored: hidden sheet
1 files: 2 deals, 0 activities, 0 roster entries, 0 accounts, 0 targets, 0 forecast calls
3 warnings:
  crm.xlsx: 'Open Deals': row 2: deal table has no account column: revenue per client and the account join are not available
  crm.xlsx: 'Open Deals'!E5: 1 open deals have no close date
  crm.xlsx: 'Open Deals'!F5: 1 open deals have no amount
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
