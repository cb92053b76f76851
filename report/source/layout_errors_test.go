package source

import (
	"testing"

	"github.com/salesreview/salesreview/report"
)

// okDeals is a clean deal sheet to sit beside the table under test.
var okDeals = deals("Deals", []any{"D1", "Acme", "Closed Won", "2024-03-01", 10, "East"})

func TestLayoutAndTableErrors(t *testing.T) {
	formatted := func(rows ...[]any) sheet {
		head := [][]any{
			{"Opportunities by Region"},
			{"as of 27/11/2026 23:00"},
			nil,
			{"Filtered By:"},
			{"    Stage equals Closed Won"},
			nil,
			{"", "Region", "Opportunity Owner", "Opportunity ID", "Account Name", "Stage", "Close Date", "Amount"},
		}
		return sheet{name: "Opportunities by Region", rows: append(head, rows...)}
	}
	tests := []struct {
		name   string
		sheets []sheet
		want   string
	}{
		{
			name: "formatted report: bad amount under a group",
			sheets: []sheet{formatted(
				[]any{"", "Central (2)"},
				[]any{"", "", "Ann", "D1", "Acme", "Closed Won", "23/1/2024", "$1,054.00"},
				[]any{"", "", "Ann", "D2", "Acme", "Closed Won", "24/1/2024", "$1,0x4.00"},
				[]any{"", "Subtotal", "", "", "", "", "", "$1,054.00"},
				nil,
				[]any{"", "Total (2 records)"},
				nil,
				[]any{"Confidential Information - Do Not Distribute"},
			)},
			want: `pipeline.xlsx: 'Opportunities by Region'!H10: amount "$1,0x4.00" is not a number`,
		},
		{
			name: "formatted report: D/M/Y settled, then an M/D/Y date",
			sheets: []sheet{formatted(
				[]any{"", "East (2)"},
				[]any{"", "", "Ann", "D1", "Acme", "Closed Won", "23/1/2024", "$1.00"},
				[]any{"", "", "Ann", "D2", "Acme", "Closed Won", "1/23/2024", "$1.00"},
			)},
			want: `pipeline.xlsx: 'Opportunities by Region'!G10: close date "1/23/2024" does not fit the column's day-first (D/M/Y) order (settled by "23/1/2024" at G9)`,
		},
		{
			name: "serial dates: text in a date column",
			sheets: []sheet{{name: "Opportunity", rows: [][]any{
				{"Id", "StageName", "IsWon", "IsClosed", "Amount", "CloseDate", "Region"},
				{"1", "Closed Won", true, true, 5, 45000, "East"},
				{"2", "Closed Won", "perhaps", true, 5, 45000, "East"},
				{"3", "Closed Won", true, true, 5, "TBD", "East"},
			}}},
			want: `pipeline.xlsx: Opportunity!C3: won flag "perhaps" is not TRUE or FALSE` + "\n" +
				`pipeline.xlsx: Opportunity!F4: close date "TBD" is not a date`,
		},
		{
			name: "activities: bad date",
			sheets: []sheet{okDeals, {name: "Tasks", rows: [][]any{
				{"Subject", "Type", "Date", "Assigned"},
				{"Call Ann", "Call", "2024-13-45", "Bob"},
			}}},
			want: `pipeline.xlsx: Tasks!C2: date "2024-13-45" is not a date`,
		},
		{
			name:   "roster: blank owner",
			sheets: []sheet{okDeals, {name: "Team", rows: [][]any{{"Sales Rep", "Region"}, {"Ann", "East"}, {nil, "West"}}}},
			want:   `pipeline.xlsx: Team!A3: owner is blank`,
		},
		{
			name:   "targets: bad period and amount",
			sheets: []sheet{okDeals, {name: "Quota", rows: [][]any{{"Region", "Quarter", "Quota"}, {"East", "Q5 2026", 100}, {"West", "FY2026-Q1", "lots"}}}},
			want: `pipeline.xlsx: Quota!B2: period "Q5 2026" is not a fiscal quarter like FY2026-Q3` + "\n" +
				`pipeline.xlsx: Quota!C3: target "lots" is not a number`,
		},
		{
			name: "forecast: bad commit",
			sheets: []sheet{okDeals, {name: "Calls", rows: [][]any{
				{"Region", "Period", "Submitted Date", "Commit", "Best Case"},
				{"East", "FY2026-Q1", "2026-02-01", "1,2,3", 5},
			}}},
			want: `pipeline.xlsx: Calls!D2: commit "1,2,3" is not a number`,
		},
		{
			name: "accounts: blank name",
			sheets: []sheet{okDeals, {name: "Accounts", rows: [][]any{
				{"Company", "Industry"}, {"Acme", "Retail"}, {nil, "Retail"},
			}}},
			want: `pipeline.xlsx: Accounts!A3: account name is blank`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := buildXLSX(t, t.TempDir(), "pipeline.xlsx", workbookOpts{}, tc.sheets...)
			got := readErr(t, Options{Inputs: inputs(path)})
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestDetailsOnlyCSVErrors(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "report.csv", `"Opportunity Owner","Account Name","Stage","Amount Currency","Amount","Close Date","Opportunity ID","Region"`+"\r\n"+
		`"Ann","Acme","Closed Won","USD","1,054.00","1/23/2024","D1","East"`+"\r\n"+
		`"Ann","Acme","Closed Won","US Dollar","5.00","1/24/2024","D2","East"`+"\r\n"+
		`"Ann","Acme","Closed Won","USD","5.00","13/13/2024","D3","East"`+"\r\n"+
		"\r\n"+
		`"Confidential Information - Do Not Distribute"`+"\r\n")
	got := readErr(t, Options{Inputs: []Input{{Path: path}}})
	want := `report.csv: D3: currency "US Dollar" is not a three-letter ISO code` + "\n" +
		`report.csv: F4: close date "13/13/2024" is not a date`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestGroupVariants(t *testing.T) {
	header := []any{"", "Region", "Opportunity Owner", "Opportunity ID", "Stage", "Close Date", "Amount"}
	// An id that looks like a group label is never taken for one.
	idLikeLabel := []any{"", "", "Bob", "javascript:alert(1)", "Closed Lost", "23/1/2024", "$0.00"}
	detail := func(id, amount string) []any {
		return []any{"", "", "Ann", id, "Closed Won", "23/1/2024", amount}
	}
	tests := []struct {
		name string
		rows [][]any
	}{
		{"label in the empty column A", [][]any{
			{"Report"}, nil, header,
			{"Central (2)"}, detail("D1", "$1,000.00"), detail("D2", "$2,000.00"), {"", "Subtotal", "", "", "", "", "$3,000.00"},
			{"East (1)"}, detail("D3", "$4,000.00"),
			{"Total (3 records)"},
		}},
		{"label on the first detail row", [][]any{
			header,
			{"", "Central (2)", "Ann", "D1", "Closed Won", "23/1/2024", "$1,000.00"}, detail("D2", "$2,000.00"), idLikeLabel,
			{"", "East (1)", "Ann", "D3", "Closed Won", "23/1/2024", "$4,000.00"},
			{"", "Total", "", "", "", "", "$7,000.00"},
		}},
		{"footer without a blank line", [][]any{
			header,
			{"", "Central (2)"}, detail("D1", "$1,000.00"), detail("D2", "$2,000.00"),
			{"", "East (1)"}, detail("D3", "$4,000.00"),
			{"Opportunities Report"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := buildXLSX(t, t.TempDir(), "groups.xlsx", workbookOpts{}, sheet{name: "R", rows: tc.rows})
			recs := readOK(t, Options{Inputs: inputs(path)})
			if recs.Deals[0].ID != "D1" {
				t.Errorf("first deal id %q", recs.Deals[0].ID)
			}
			// Central: D1 1,000 + D2 2,000 = 3,000 dollars; East: D3 4,000.
			got := tallyRegions(recs.Deals)
			if got["Central"].won != report.Cents(300000) || got["East"].won != report.Cents(400000) || len(got) != 2 {
				t.Errorf("regions %+v", got)
			}
			for _, d := range recs.Deals {
				if d.Owner.String() == "Bob" && d.ID != "javascript:alert(1)" {
					t.Errorf("id %q", d.ID)
				}
			}
		})
	}
}
