package source

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// mavenRow is one row of the shared Maven sales_pipeline.csv.
type mavenRow struct {
	id, agent, product, account, stage, engage, closeDate, value string
}

func loadMaven(t testing.TB) (deals []mavenRow, region map[string]string) {
	t.Helper()
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join(mavenDir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows[1:]
	}
	for _, r := range read("sales_pipeline.csv") {
		deals = append(deals, mavenRow{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]})
	}
	region = map[string]string{}
	for _, r := range read("sales_teams.csv") {
		region[r[0]] = r[2]
	}
	return deals, region
}

func isoDay(t testing.TB, s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// usMoney formats whole dollars as "$1,054.00".
func usMoney(v string) string {
	n, _ := strconv.Atoi(v)
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return "$" + b.String() + ".00"
}

func setRow(t testing.TB, f *excelize.File, sheet string, row int, cells []any) {
	t.Helper()
	ref, _ := excelize.CoordinatesToCellName(1, row)
	if err := f.SetSheetRow(sheet, ref, &cells); err != nil {
		t.Fatal(err)
	}
}

// writeFormattedReport lays the Maven deals out as a Salesforce "Formatted
// Report" export grouped by region: title, "as of", "Filtered By:" block,
// a header with an empty column A, group rows "Central (3512)", detail rows
// with the region blank, text D/M/Y dates, "$1,054.00" amounts, subtotals,
// blank rows, the total and the footer.
func writeFormattedReport(t testing.TB, path string) {
	deals, region := loadMaven(t)
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Opportunities by Region"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	sw := newStream(t, f, sheet)
	row := 1
	put := func(cells ...any) {
		sw.set(row, cells)
		row++
	}
	put("Opportunities by Region")
	put("as of 27/11/2026 23:00")
	row++
	put("Filtered By:")
	put("    Stage equals Won, Lost, Engaging, Prospecting")
	put("    Close Date equals All Time")
	row++
	put("", "Region", "Opportunity Owner", "Opportunity ID", "Account Name", "Product", "Stage", "Created Date", "Close Date", "Amount")
	dmy := func(s string) string {
		if s == "" {
			return ""
		}
		return isoDay(t, s).Format("2/1/2006")
	}
	for _, reg := range []string{"Central", "East", "West"} {
		var rows []mavenRow
		for _, d := range deals {
			if region[d.agent] == reg {
				rows = append(rows, d)
			}
		}
		put("", fmt.Sprintf("%s (%d)", reg, len(rows)))
		sum := 0
		for _, d := range rows {
			amount := ""
			if d.value != "" {
				amount = usMoney(d.value)
				n, _ := strconv.Atoi(d.value)
				sum += n
			}
			put("", "", d.agent, d.id, d.account, d.product, d.stage, dmy(d.engage), dmy(d.closeDate), amount)
		}
		put("", "Subtotal", "", "", "", "", "", "", "", usMoney(strconv.Itoa(sum)))
		row++ // blank row between groups
	}
	put("", fmt.Sprintf("Total (%d records)", len(deals)))
	row++
	put("Confidential Information - Do Not Distribute")
	put("Copyright © 2000-2025 salesforce.com, inc. All rights reserved.")
	sw.flush()
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// writeDetailsOnlyCSV lays the deals out as a Salesforce "Details Only" CSV
// export: every field quoted, M/D/YYYY dates, an Amount Currency column, no
// region (it comes from the roster), and footer lines after a blank line.
func writeDetailsOnlyCSV(t testing.TB, path string) {
	deals, _ := loadMaven(t)
	var b strings.Builder
	q := func(fields ...string) {
		for i, f := range fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		}
		b.WriteString("\r\n")
	}
	q("Opportunity Owner", "Account Name", "Opportunity Name", "Stage", "Amount Currency", "Amount", "Probability (%)", "Created Date", "Close Date", "Opportunity ID")
	mdy := func(s string) string {
		if s == "" {
			return ""
		}
		return isoDay(t, s).Format("1/2/2006")
	}
	for _, d := range deals {
		cur, amount := "", ""
		if d.value != "" {
			cur, amount = "USD", strings.TrimPrefix(usMoney(d.value), "$")
		}
		prob := map[string]string{"Won": "100", "Lost": "0", "Engaging": "40", "Prospecting": "10"}[d.stage]
		stage := map[string]string{"Won": "Closed Won", "Lost": "Closed Lost"}[d.stage]
		if stage == "" {
			stage = d.stage
		}
		q(d.agent, d.account, d.product+" for "+d.account, stage, cur, amount, prob, mdy(d.engage), mdy(d.closeDate), d.id)
	}
	b.WriteString("\r\n")
	q("Opportunities Report")
	q("Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved.")
	q("Confidential Information - Do Not Distribute")
	q("Generated By:  Jane Doe  11/27/2026 11:00 PM")
	q("Salesforce.com")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeSerialGeneral lays the deals out with API-name headers, dates as
// Excel serial numbers in General format, numeric amounts, IsWon/IsClosed
// flags, and the roster on a second sheet.
func writeSerialGeneral(t testing.TB, path string) {
	deals, region := loadMaven(t)
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Opportunity"); err != nil {
		t.Fatal(err)
	}
	sw := newStream(t, f, "Opportunity")
	sw.set(1, []any{"Id", "OwnerName", "Account", "StageName", "IsWon", "IsClosed", "Amount", "CreatedDate", "CloseDate"})
	serial := func(s string) any {
		if s == "" {
			return nil
		}
		return isoDay(t, s).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
	}
	for i, d := range deals {
		var amount any
		if d.value != "" {
			amount, _ = strconv.Atoi(d.value)
		}
		sw.set(i+2, []any{d.id, d.agent, d.account, d.stage, d.stage == "Won", d.stage == "Won" || d.stage == "Lost", amount, serial(d.engage), serial(d.closeDate)})
	}
	sw.flush()
	if _, err := f.NewSheet("Team"); err != nil {
		t.Fatal(err)
	}
	setRow(t, f, "Team", 1, []any{"Sales Rep", "Region"})
	names := make([]string, 0, len(region))
	for n := range region {
		names = append(names, n)
	}
	for i, n := range sortStrings(names) {
		setRow(t, f, "Team", i+2, []any{n, region[n]})
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// stream writes a sheet's rows in order with excelize's StreamWriter.
type stream struct {
	t  testing.TB
	sw *excelize.StreamWriter
}

func newStream(t testing.TB, f *excelize.File, sheet string) *stream {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return &stream{t, sw}
}

func (s *stream) set(row int, cells []any) {
	ref, _ := excelize.CoordinatesToCellName(1, row)
	if err := s.sw.SetRow(ref, cells); err != nil {
		s.t.Fatal(err)
	}
}

func (s *stream) flush() {
	if err := s.sw.Flush(); err != nil {
		s.t.Fatal(err)
	}
}

func sortStrings(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func TestSalesforceFormattedReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "formatted.xlsx")
	writeFormattedReport(t, path)
	recs, err := Read(Options{Inputs: []Input{{Path: path}}})
	if err != nil {
		t.Fatal(err)
	}
	checkMaven(t, recs)
	tb := recs.Tables[0]
	// 3 group rows, 3 subtotals, 3 blank rows between groups, 1 total,
	// 1 blank, 2 footer lines, 8800 deals: 8813 rows below the header.
	want := map[string]int{"group": 3, "subtotal": 3, "blank": 4, "total": 1, "footer": 2}
	for k, v := range want {
		if tb.Skipped[k] != v {
			t.Errorf("skipped %s = %d, want %d (all: %v)", k, tb.Skipped[k], v, tb.Skipped)
		}
	}
	if tb.HeaderRow != 8 || tb.RowsRead != 8800+13 || tb.Records != 8800 {
		t.Errorf("header row %d, rows read %d, records %d; want 8, 8813, 8800", tb.HeaderRow, tb.RowsRead, tb.Records)
	}
}

func TestSalesforceDetailsOnlyCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.csv")
	writeDetailsOnlyCSV(t, path)
	recs, err := Read(Options{Inputs: []Input{{Path: path}, {Path: filepath.Join(mavenDir, "sales_teams.csv")}}})
	if err != nil {
		t.Fatal(err)
	}
	checkMaven(t, recs)
	tb := recs.Tables[0]
	if tb.Skipped["blank"] != 1 || tb.Skipped["footer"] != 5 || tb.RowsRead != 8806 {
		t.Errorf("rows read %d, skipped %v; want 8806, 1 blank and 5 footer", tb.RowsRead, tb.Skipped)
	}
	// Probability 40 stays 40 (the column has values above 1).
	for _, d := range recs.Deals {
		if d.Stage.String() == "Engaging" && d.Probability != 40 {
			t.Fatalf("probability %v, want 40", d.Probability)
		}
	}
}

func TestSerialDatesGeneralFormat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "api.xlsx")
	writeSerialGeneral(t, path)
	recs, err := Read(Options{Inputs: []Input{{Path: path}}})
	if err != nil {
		t.Fatal(err)
	}
	checkMaven(t, recs)
	// The first deal, 1C1I7A6R, was engaged 2016-10-20 and closed 2017-03-01.
	d := recs.Deals[0]
	if d.Created.String() != "2016-10-20" || d.Close.String() != "2017-03-01" {
		t.Errorf("first deal dates %s, %s", d.Created, d.Close)
	}
}
