package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/salesreview/salesreview/report"
)

// sheet is a worksheet to build: its name, rows, and whether it is hidden.
type sheet struct {
	name   string
	rows   [][]any
	hidden bool
}

// workbookOpts tweak a built workbook.
type workbookOpts struct {
	date1904 bool
	// formulas maps a cell ("E2") to a formula set without a cached value.
	formulas map[string]string
}

// buildXLSX writes a workbook built in memory with excelize to dir/name.
func buildXLSX(t testing.TB, dir, name string, o workbookOpts, sheets ...sheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			if row == nil {
				continue
			}
			setRow(t, f, s.name, r+1, row)
		}
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				t.Fatal(err)
			}
		}
		if i == 0 {
			for cell, formula := range o.formulas {
				if err := f.SetCellFormula(s.name, cell, formula); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if o.date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var dealHeader = []any{"Opportunity ID", "Account Name", "Stage", "Close Date", "Amount", "Region"}

// deals returns a sheet of deal rows under dealHeader.
func deals(name string, rows ...[]any) sheet {
	return sheet{name: name, rows: append([][]any{dealHeader}, rows...)}
}

func readErr(t *testing.T, opts Options) string {
	t.Helper()
	recs, err := Read(opts)
	if err == nil {
		t.Fatalf("no error; records %v, warnings %v", recs, recs.Problems)
	}
	if recs != nil && len(recs.Deals)+len(recs.Activities)+len(recs.Roster)+len(recs.Accounts)+len(recs.Targets)+len(recs.Forecasts) > 0 {
		t.Errorf("records returned beside the error: %v", recs)
	}
	if _, ok := err.(report.Problems); !ok {
		t.Fatalf("error is %T, want report.Problems", err)
	}
	return err.Error()
}

func readOK(t *testing.T, opts Options) *report.Records {
	t.Helper()
	recs, err := Read(opts)
	if err != nil {
		t.Fatalf("error:\n%v", err)
	}
	return recs
}

func inputs(paths ...string) []Input {
	in := make([]Input, len(paths))
	for i, p := range paths {
		in[i] = Input{Path: p}
	}
	return in
}

func TestCellErrors(t *testing.T) {
	won := func(id, amount any) []any { return []any{id, "Acme", "Closed Won", "2024-03-01", amount, "East"} }
	tests := []struct {
		name   string
		sheets []sheet
		o      workbookOpts
		opts   Options
		want   string
	}{
		{
			name: "amount not a number",
			sheets: []sheet{deals("Opportunities", won("D1", 100), won("D2", 200), won("D3", 300), won("D4", 400), won("D5", 500),
				won("D6", 600), won("D7", 700), won("D8", 800), won("D9", 900), won("D10", 1000), won("D11", "12,5x"))},
			want: `pipeline.xlsx: Opportunities!E12: amount "12,5x" is not a number`,
		},
		{
			name:   "sheet name needing quotes",
			sheets: []sheet{deals("Open Deals", won("D1", "abc"))},
			want:   `pipeline.xlsx: 'Open Deals'!E2: amount "abc" is not a number`,
		},
		{
			name:   "missing required column lists the headers",
			sheets: []sheet{{name: "Opportunities", rows: [][]any{{"Opportunity ID", "Stage", "Amount"}, {"D1", "Won", 5}}}},
			want:   `pipeline.xlsx: Opportunities: row 1: deals table has no column for close; headers found: "Opportunity ID", "Stage", "Amount"`,
		},
		{
			name: "currency without a rate",
			sheets: []sheet{{name: "Opportunities", rows: [][]any{{"Opportunity ID", "Stage", "Close Date", "Amount", "Amount Currency"},
				{"D1", "Won", "2024-01-02", 10, "GBP"}, {"D2", "Won", "2024-01-02", 10, "EUR"}}}},
			opts: Options{Rates: map[string]float64{"GBP": 1.25}},
			want: `pipeline.xlsx: Opportunities!E3: currency "EUR" has no rate to USD; add it to the rates in the configuration`,
		},
		{
			name: "currency symbol without a rate",
			sheets: []sheet{{name: "Opportunities", rows: [][]any{{"Opportunity ID", "Stage", "Close Date", "Amount"},
				{"D1", "Won", "2024-01-02", "€1.234,56"}}}},
			opts: Options{ReportCurrency: "GBP"},
			want: `pipeline.xlsx: Opportunities!D2: currency "EUR" has no rate to GBP; add it to the rates in the configuration`,
		},
		{
			// Money holds millionths in an int64: one amount may be at most a
			// trillion (report.MaxAmount), after conversion.
			name: "amount above a trillion after conversion",
			sheets: []sheet{{name: "Opportunities", rows: [][]any{{"Opportunity ID", "Stage", "Close Date", "Amount", "Amount Currency"},
				{"D1", "Won", "2024-01-02", "1000000000000", "USD"}, {"D2", "Won", "2024-01-02", "900000000000", "GBP"}}}},
			opts: Options{Rates: map[string]float64{"GBP": 1.25}},
			want: `pipeline.xlsx: Opportunities!D3: amount "900000000000" is more than a trillion USD, the largest amount a record may hold`,
		},
		{
			name:   "duplicate deal id names both cells",
			sheets: []sheet{deals("Opportunities", won("D1", 1), won("D2", 2), won("D1", 3))},
			want:   `pipeline.xlsx: Opportunities!A4: deal id "D1" is a duplicate of A2`,
		},
		{
			name: "ambiguous date column",
			sheets: []sheet{deals("Opportunities", []any{"D1", "Acme", "Won", "3/4/2024", 1, "East"},
				[]any{"D2", "Acme", "Won", "5/6/2024", 1, "East"})},
			want: `pipeline.xlsx: Opportunities!D2: dates in column "Close Date" are ambiguous: "3/4/2024" and the column's other dates read as both D/M/Y and M/D/Y; set the date order (DMY or MDY) in the configuration`,
		},
		{
			name: "date against the column's order",
			sheets: []sheet{deals("Opportunities", []any{"D1", "Acme", "Won", "13/4/2024", 1, "East"},
				[]any{"D2", "Acme", "Won", "4/13/2024", 1, "East"})},
			want: `pipeline.xlsx: Opportunities!D3: close date "4/13/2024" does not fit the column's day-first (D/M/Y) order (settled by "13/4/2024" at D2)`,
		},
		{
			name:   "date that is no date",
			sheets: []sheet{deals("Opportunities", []any{"D1", "Acme", "Won", "next week", 1, "East"})},
			want:   `pipeline.xlsx: Opportunities!D2: close date "next week" is not a date`,
		},
		{
			name:   "Excel's 1900-02-29",
			sheets: []sheet{deals("Opportunities", []any{"D1", "Acme", "Won", 60, 1, "East"})},
			want:   `pipeline.xlsx: Opportunities!D2: close date "60" is Excel's 1900-02-29, a day that never was`,
		},
		{
			name:   "formula without cached value",
			sheets: []sheet{deals("Opportunities", []any{"D1", "Acme", "Won", "2024-01-02", nil, "East"})},
			o:      workbookOpts{formulas: map[string]string{"E2": "B7*2"}},
			want:   `pipeline.xlsx: Opportunities!E2: amount is a formula (=B7*2) without a cached value; open and save the workbook in Excel to compute it`,
		},
		{
			name:   "won deal without amount",
			sheets: []sheet{deals("Opportunities", []any{"D1", "Acme", "Won", "2024-01-02", nil, "East"})},
			want:   `pipeline.xlsx: Opportunities!E2: amount is blank on a won deal`,
		},
		{
			name:   "lost deal without close date",
			sheets: []sheet{deals("Opportunities", []any{"D1", "Acme", "Closed Lost", nil, 5, "East"})},
			want:   `pipeline.xlsx: Opportunities!D2: close date is blank on a lost deal`,
		},
		{
			name: "bad status and flag",
			sheets: []sheet{{name: "Deals", rows: [][]any{{"Deal - Title", "Deal - Status", "Deal - Value", "Deal - Won time"},
				{"A", "maybe", 1, "2024-01-01"}}}},
			want: `pipeline.xlsx: Deals!B2: status "maybe" is not won, lost or open`,
		},
		{
			name: "probability out of range",
			sheets: []sheet{{name: "Opportunities", rows: [][]any{{"Opportunity ID", "Stage", "Close Date", "Amount", "Probability (%)"},
				{"D1", "Prospecting", "2024-01-02", 10, 150}}}},
			want: `pipeline.xlsx: Opportunities!E2: probability 150 is not between 0 and 100`,
		},
		{
			name:   "strict turns warnings into errors",
			sheets: []sheet{{name: "Opportunities", rows: [][]any{{"Opportunity ID", "Account", "Stage", "Close Date", "Amount"}, {"D1", "A", "Won", "2024-01-02", 10}}}},
			opts:   Options{Strict: true},
			want:   `pipeline.xlsx: Opportunities: row 2: 1 deals have no region (no region column, owner not in a roster, account without region, no country mapping) and count as Unassigned`,
		},
		{
			name:   "only unknown tables",
			sheets: []sheet{{name: "Notes", rows: [][]any{{"Hello", "World"}, {"a", "b"}}}},
			want:   `no deal or activity table found (read: pipeline.xlsx Notes: ignored, no header row of known column names in the first 40 rows)`,
		},
		{
			name:   "configured column missing",
			sheets: []sheet{deals("Opportunities", won("D1", 1))},
			opts:   Options{Columns: map[string]string{"amount": "Net Value"}},
			want:   `pipeline.xlsx: Opportunities: row 1: column "Net Value" configured for amount is not among the headers "Opportunity ID", "Account Name", "Stage", "Close Date", "Amount", "Region"`,
		},
		{
			name:   "unknown field in the column mapping",
			sheets: []sheet{deals("Opportunities", won("D1", 1))},
			opts:   Options{Columns: map[string]string{"amout": "Amount"}},
			want:   `column mapping names an unknown field "amout"; fields are account, activity_type, amount, amount_converted, best_case, close, commit, country, created, currency, date, deal_id, discount, done, fiscal_period, forecast_category, hired, id, is_closed, is_won, manager, market, name, owner, period, pipeline, probability, product, region, service_start, stage, status, subject, submitted, target, term_months, type`,
		},
		{
			name:   "bad date order option",
			sheets: []sheet{deals("Opportunities", won("D1", 1))},
			opts:   Options{DateOrder: "YMD"},
			want:   `date order "YMD" is not DMY or MDY`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := buildXLSX(t, t.TempDir(), "pipeline.xlsx", tc.o, tc.sheets...)
			tc.opts.Inputs = inputs(path)
			got := readErr(t, tc.opts)
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, file, content, want string
	}{
		{"missing file", "", "", "nope.csv: no such file"},
		{"unknown extension", "deals.json", "{}", `deals.json: is not a workbook or CSV file (extension ".json"; expected .xlsx or .csv)`},
		{"utf-16 CSV", "deals.csv", "\xff\xfeI\x00d\x00", "deals.csv: is UTF-16 text; save the CSV as UTF-8"},
		{"bad quote", "deals.csv", "Opportunity ID,Stage,Close Date,Amount\r\nD1,Won,2024-01-01,\"5\"x\"\r\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "nope.csv")
			if tc.file != "" {
				path = writeFile(t, dir, tc.file, tc.content)
			}
			recs, err := Read(Options{Inputs: inputs(path)})
			if tc.want == "" {
				if err == nil {
					t.Logf("read %v", recs)
				}
				return
			}
			if err == nil || err.Error() != tc.want {
				t.Errorf("got %v, want %s", err, tc.want)
			}
		})
	}
}

func TestTooManyErrorsSummarised(t *testing.T) {
	rows := [][]any{dealHeader}
	for i := 0; i < 25; i++ {
		rows = append(rows, []any{i, "A", "Won", "2024-01-01", "x", "East"})
	}
	path := buildXLSX(t, t.TempDir(), "p.xlsx", workbookOpts{}, sheet{name: "S", rows: rows})
	got := readErr(t, Options{Inputs: inputs(path)})
	// report.Problems prints 20 problems, then "(and 5 more)".
	if n := strings.Count(got, `amount "x" is not a number`); n != 20 || !strings.HasSuffix(got, "(and 5 more)") || !strings.HasPrefix(got, `p.xlsx: S!E2: amount "x" is not a number`) {
		t.Errorf("got:\n%s", got)
	}
}

func TestFormats(t *testing.T) {
	dir := t.TempDir()
	t.Run("HubSpot with ISO date-times and internal stages", func(t *testing.T) {
		path := writeFile(t, dir, "hubspot.csv", "\ufeffDeal Name,Deal Stage,Amount,Close Date,Create Date,Deal owner,Pipeline,Region\r\n"+
			"Big,closedwon,1500.5,2024-01-23T17:50:51.000+0000,2023-12-01T09:00:00Z,Ann,Sales Pipeline,East\r\n"+
			"Small,closedlost,200,2024-01-31T23:30:00-0500,2023-12-02,Bob,Sales Pipeline,West\r\n"+
			"Open,appointmentscheduled,300,2024-06-30,2024-01-05 10:00:00,Ann,Sales Pipeline,East\r\n")
		var calls [][2]int64
		recs := readOK(t, Options{Inputs: inputs(path), Progress: func(done, total int64) { calls = append(calls, [2]int64{done, total}) }})
		if n := len(calls); n == 0 || calls[n-1][0] != calls[n-1][1] || calls[n-1][1] == 0 {
			t.Errorf("progress calls %v", calls)
		}
		d := recs.Deals
		if len(d) != 3 || d[0].Status != report.Won || d[1].Status != report.Lost || d[2].Status != report.Open {
			t.Fatalf("deals %+v", d)
		}
		// 1500.5 dollars = report.Cents(150050); 2024-01-31 23:30 at -05:00 is 2024-02-01 04:30 UTC.
		if d[0].Amount != report.Cents(150050) || d[0].Close.String() != "2024-01-23" || d[1].Close.String() != "2024-02-01" || d[0].Created.String() != "2023-12-01" {
			t.Errorf("deal 0 %+v, deal 1 close %s", d[0], d[1].Close)
		}
	})
	t.Run("Pipedrive with currencies", func(t *testing.T) {
		path := buildXLSX(t, dir, "pipedrive.xlsx", workbookOpts{}, sheet{name: "Deals", rows: [][]any{
			{"Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Status", "Deal - Won time", "Deal - Expected close date", "Deal - Owner", "Deal - Organization", "Deal - ID"},
			{"A", 1000, "EUR", "won", "2024-02-10 10:00:00", "2024-03-01", "Ann", "Acme", 1},
			{"B", "2.500,00", "EUR", "open", nil, "2024-03-01", "Ann", "Acme", 2},
			{"C", 400, "USD", "lost", nil, "2024-03-01", "Bob", "Beta", 3},
			{"D", 999, "USD", "deleted", nil, "2024-03-01", "Bob", "Beta", 4},
		}})
		recs := readOK(t, Options{Inputs: inputs(path), Rates: map[string]float64{"EUR": 1.1}, CountryRegion: map[string]string{}})
		d := recs.Deals
		if len(d) != 3 || recs.Tables[0].Skipped["deleted"] != 1 {
			t.Fatalf("deals %d, skipped %v", len(d), recs.Tables[0].Skipped)
		}
		// 1000 EUR x 1.1 = 1100 USD; 2500 EUR x 1.1 = 2750 USD.
		if d[0].Amount != report.Cents(110000) || d[0].Currency.String() != "EUR" || d[1].Amount != report.Cents(275000) || d[2].Amount != report.Cents(40000) || d[2].Currency.String() != "USD" {
			t.Errorf("amounts %d %s, %d, %d %s", d[0].Amount, d[0].Currency, d[1].Amount, d[2].Amount, d[2].Currency)
		}
		// Won time is the close date of the won deal; the open one falls back to the expected close date.
		if d[0].Close.String() != "2024-02-10" || d[1].Close.String() != "2024-03-01" || d[0].Status != report.Won || d[2].Status != report.Lost {
			t.Errorf("close %s %s status %v %v", d[0].Close, d[1].Close, d[0].Status, d[2].Status)
		}
	})
	t.Run("Pipedrive activities with deal columns", func(t *testing.T) {
		path := writeFile(t, dir, "acts.csv", "Activity - Subject,Activity - Type,Activity - Due date,Activity - Done,Activity - Assigned to user,Deal - ID,Deal - Stage,Deal - Value\n"+
			"Intro,call,2024-01-02,Done,Ann,7,Proposal,100\n")
		path2 := writeFile(t, dir, "deals7.csv", "Deal - ID,Deal - Stage,Deal - Value,Deal - Expected close date,Deal - Region\n7,Proposal,100,2024-03-01,East\n")
		recs := readOK(t, Options{Inputs: inputs(path, path2)})
		if len(recs.Activities) != 1 || recs.Activities[0].Type.String() != "call" || recs.Activities[0].DealID != "7" || recs.Tables[0].Kind != report.ActivityTable {
			t.Errorf("activities %+v, tables %+v", recs.Activities, recs.Tables)
		}
	})
	t.Run("converted amount preferred", func(t *testing.T) {
		path := writeFile(t, dir, "conv.csv", "Opportunity ID,Stage,Close Date,Amount Currency,Amount,Amount (Converted),Region\n"+
			"1,Closed Won,2024-01-01,EUR,\"1.000,00\",USD 1.234,East\n")
		recs := readOK(t, Options{Inputs: inputs(path)})
		// "USD 1.234": a single dot is a decimal point, so 1.234 dollars, held
		// exactly (1,234,000 millionths), not rounded to 1.23.
		if d := recs.Deals[0]; d.Amount != 1_234_000 || d.Currency.String() != "EUR" {
			t.Errorf("deal %+v", d)
		}
	})
	t.Run("semicolon CSV, European numbers, D.M.Y dates, percent fractions", func(t *testing.T) {
		path := writeFile(t, dir, "eu.csv", "Opportunity ID;Stage;Close Date;Amount;Probability (%);Region\r\n"+
			"1;Closed Won;23.01.2024;1.234,56;1;Nord\r\n"+
			"2;Negotiation;05.02.2024;(1.000,00);0,4;Nord\r\n")
		recs := readOK(t, Options{Inputs: inputs(path)})
		d := recs.Deals
		// 23.01.2024 settles day-first, so 05.02.2024 is 5 February.
		if d[0].Amount != report.Cents(123456) || d[1].Amount != report.Cents(-100000) || d[1].Close.String() != "2024-02-05" || d[1].Probability != 40 || d[0].Probability != 100 {
			t.Errorf("deals %+v", d)
		}
	})
	t.Run("Windows-1252 CSV", func(t *testing.T) {
		path := writeFile(t, dir, "ansi.csv", "Opportunity ID,Account Name,Stage,Close Date,Amount,Region\r\n1,Soci\xe9t\xe9 G\xe9n\xe9rale,Won,2024-01-01,5,Nord\r\n")
		recs := readOK(t, Options{Inputs: inputs(path)})
		if got := recs.Deals[0].Account.String(); got != "Société Générale" {
			t.Errorf("account %q", got)
		}
		if len(recs.Problems) == 0 || !strings.Contains(recs.Problems[0].Error(), "ansi.csv: is not UTF-8; read as Windows-1252") {
			t.Errorf("warnings %v", recs.Problems)
		}
	})
	t.Run("tab CSV with D/M/Y settled late", func(t *testing.T) {
		path := writeFile(t, dir, "tab.csv", "Opportunity ID\tStage\tClose Date\tAmount\tRegion\n"+
			"1\tWon\t3/4/24\t1\tA\n"+
			"2\tWon\t25/4/24\t1\tA\n")
		recs := readOK(t, Options{Inputs: inputs(path)})
		if got := recs.Deals[0].Close.String(); got != "2024-04-03" {
			t.Errorf("close %s, want 2024-04-03", got)
		}
	})
	t.Run("configured date order and column", func(t *testing.T) {
		path := writeFile(t, dir, "cfg.csv", "Ref,Stage,Booked,Net Value,Region\n1,Won,3/4/2024,\"1,000\",A\n")
		recs := readOK(t, Options{Inputs: inputs(path), DateOrder: "MDY",
			Columns: map[string]string{"id": "Ref", "close": "Booked", "amount": "Net Value"}})
		if d := recs.Deals[0]; d.Close.String() != "2024-03-04" || d.Amount != report.Cents(100000) || d.ID != "1" {
			t.Errorf("deal %+v", d)
		}
	})
	t.Run("1904 date system and flags", func(t *testing.T) {
		path := buildXLSX(t, dir, "mac.xlsx", workbookOpts{date1904: true}, sheet{name: "Opps", rows: [][]any{
			{"Id", "StageName", "IsWon", "IsClosed", "CloseDate", "Amount", "Region"},
			{"1", "Negotiation", true, true, 0, 5, "A"},
			{"2", "Closed", false, true, 1462.75, 5, "A"},
			{"3", "Closed", "FALSE", "FALSE", 7305, 5, "A"},
		}})
		recs := readOK(t, Options{Inputs: inputs(path)})
		d := recs.Deals
		// 1904 system: serial 0 is 1904-01-01, 1462 is 1908-01-02, 7305 is 1924-01-01.
		if d[0].Close.String() != "1904-01-01" || d[1].Close.String() != "1908-01-02" || d[2].Close.String() != "1924-01-01" {
			t.Errorf("dates %s %s %s", d[0].Close, d[1].Close, d[2].Close)
		}
		if d[0].Status != report.Won || d[1].Status != report.Lost || d[2].Status != report.Open {
			t.Errorf("statuses %v %v %v", d[0].Status, d[1].Status, d[2].Status)
		}
	})
	t.Run("custom stages", func(t *testing.T) {
		path := writeFile(t, dir, "st.csv", "Id,Stage,Close Date,Amount,Region\n1,Signed,2024-01-01,1,A\n2,Dead,2024-01-01,1,A\n3,Won,2024-01-01,1,A\n")
		recs := readOK(t, Options{Inputs: inputs(path), WonStages: []string{"signed"}, LostStages: []string{"DEAD"}})
		d := recs.Deals
		if d[0].Status != report.Won || d[1].Status != report.Lost || d[2].Status != report.Open {
			t.Errorf("statuses %v %v %v", d[0].Status, d[1].Status, d[2].Status)
		}
	})
}

func TestTablesAndJoins(t *testing.T) {
	dir := t.TempDir()
	path := buildXLSX(t, dir, "crm.xlsx", workbookOpts{},
		sheet{name: "Deals", rows: [][]any{
			{"Opportunity ID", "Opportunity Owner", "Account Name", "Stage", "Close Date", "Amount", "Billing Country"},
			{"1", "Ann", "Acme", "Closed Won", "2024-01-10", 100, nil},
			{"2", "zed", "Beta", "Closed Won", "2024-01-10", 100, nil},
			{"3", "zed", "Gamma", "Closed Won", "2024-01-10", 100, "France"},
			{"4", "zed", "Delta", "Closed Won", "2024-01-10", 100, nil},
			{"5", "ANN ", "GTXPro", "Closed Won", "2024-01-10", 100, nil},
		}},
		sheet{name: "Team", rows: [][]any{{"Sales Rep", "Region", "Manager", "Hire Date"}, {"Ann", "East", "Meg", "2022-05-01"}}},
		sheet{name: "Accounts", rows: [][]any{
			{"Account Name", "Industry", "Region", "Billing Country"},
			{"Acme", "Retail", "West", "US"}, {"Beta", "Technolgy", "North", nil}, {"Gamma", "Retail", nil, nil}, {"GTX Pro", "Retail", nil, nil},
		}},
		sheet{name: "Targets", rows: [][]any{{"Region", "Period", "Target"}, {"East", "FY2024 Q1", "$1,000"}, {"West", "Q2 2024", 500}}},
		sheet{name: "Forecast", rows: [][]any{{"Region", "Period", "Submitted Date", "Commit", "Best Case"}, {"East", "FY2024-Q1", "2024-02-15", 900, 1200}}},
		sheet{name: "Activities", rows: [][]any{
			{"Subject", "Task/Event", "Type", "Date", "Assigned", "Related To", "Opportunity ID"},
			{"Intro", "Task", "Call", "2024-01-02", "Ann", "Acme", "1"},
			{"Follow up", "Task", "Email", "2024-01-03", "Ann", "Acme", "1"},
			{"Demo", "Event", "", "2024-01-04", "Ann", "Acme", "1"},
			{"Misc", "Task", "Other", "2024-01-05", "Ann", "Acme", ""},
		}},
		sheet{name: "Hidden", hidden: true, rows: [][]any{dealHeader}},
		sheet{name: "Pivot", rows: [][]any{{"Row Labels", "Sum of Amount"}, {"East", 5}}},
	)
	recs := readOK(t, Options{Inputs: inputs(path), CountryRegion: map[string]string{"france": "EMEA"}})
	regions := []string{}
	markets := []string{}
	for _, d := range recs.Deals {
		regions = append(regions, d.Region.String())
		markets = append(markets, d.Market.String())
	}
	// Ann -> roster East; zed/Beta -> account North; zed/Gamma -> country
	// France -> EMEA; zed/Delta -> Unassigned; "ANN " folds to Ann -> East.
	if got := strings.Join(regions, ","); got != "East,North,EMEA,Unassigned,East" {
		t.Errorf("regions %s", got)
	}
	if got := strings.Join(markets, ","); got != "Retail,Technolgy,Retail,," {
		t.Errorf("markets %s", got)
	}
	if len(recs.Roster) != 1 || recs.Roster[0].Hired.String() != "2022-05-01" || recs.Roster[0].Manager.String() != "Meg" {
		t.Errorf("roster %+v", recs.Roster)
	}
	if len(recs.Targets) != 2 || recs.Targets[0].Period != "FY2024-Q1" || recs.Targets[0].Amount != report.Cents(100000) || recs.Targets[1].Period != "FY2024-Q2" {
		t.Errorf("targets %+v", recs.Targets)
	}
	if f := recs.Forecasts; len(f) != 1 || f[0].Commit != report.Cents(90000) || f[0].BestCase != report.Cents(120000) || !f[0].HasBest || f[0].Submitted.String() != "2024-02-15" {
		t.Errorf("forecasts %+v", f)
	}
	var types []string
	for _, a := range recs.Activities {
		types = append(types, a.Type.String())
	}
	if got := strings.Join(types, ","); got != "call,email,meeting,other" {
		t.Errorf("activity types %s", got)
	}
	if recs.Activities[0].DealID != "1" || recs.Activities[0].Account.String() != "Acme" || recs.Activities[0].Region.String() != "" {
		t.Errorf("activity %+v", recs.Activities[0])
	}
	var kinds []string
	for _, tb := range recs.Tables {
		kinds = append(kinds, tb.Sheet+"="+string(tb.Kind))
	}
	if got := strings.Join(kinds, " "); got != "Deals=deals Team=roster Accounts=accounts Targets=targets Forecast=forecast Activities=activities Hidden=ignored Pivot=ignored" {
		t.Errorf("kinds %s", got)
	}
	var warnings []string
	for _, p := range recs.Problems {
		warnings = append(warnings, p.Error())
	}
	want := []string{
		`crm.xlsx: Accounts!B3: industry "Technolgy" looks like a misspelling of "technology"; it is kept as written`,
		`crm.xlsx: Deals!C6: account "GTXPro" is not in the account table; "GTX Pro" is close but is not taken for it`,
		`crm.xlsx: Deals!C5: 1 account names are not in the account table: "Delta"`,
		`crm.xlsx: Deals!B3: owner "zed" (3 deals) is not in the roster`,
		`crm.xlsx: Deals: row 5: 1 deals have no region (no region column, owner not in a roster, account without region, no country mapping) and count as Unassigned`,
	}
	report.SortProblems(recs.Problems)
	got := strings.Join(warnings, "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing warning %s\nin:\n%s", w, got)
		}
	}
	if len(recs.Files) != 1 || len(recs.Files[0].SHA256) != 64 {
		t.Errorf("files %+v", recs.Files)
	}
	var sb strings.Builder
	if err := WriteSummary(&sb, recs); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"crm.xlsx Deals: deals (deal table: has a stage or status column and an amount or close date column)\n  header row 1; 5 rows read, 5 records\n  A    \"Opportunity ID\" -> id\n",
		"crm.xlsx Hidden: ignored: hidden sheet\n",
		"crm.xlsx Pivot: ignored: pivot, chart or dashboard sheet (by its name)\n",
	} {
		if !strings.Contains(sb.String(), s) {
			t.Errorf("summary lacks %q:\n%s", s, sb.String())
		}
	}
}
