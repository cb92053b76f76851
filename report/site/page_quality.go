package site

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/cellref"
)

// maxProblems is how many problems the data-quality page lists.
const maxProblems = 500

// quality builds the Data quality page: counts of doubtful records, the
// rows read from each sheet, and every warning.
func (b *builder) quality(p *pageView) error {
	q := &b.rev.Quality
	head := &section{Title: "Summary", KPIs: []kpiTile{
		{Label: "Warnings", Value: number(len(q.Problems))},
		{Label: "Won deals without created date", Value: number(q.Counts.DealsWithoutCreated),
			Note: "left out of the sales cycle"},
		{Label: "Activities without region", Value: number(q.Counts.ActivitiesUnassigned),
			Note: "counted under " + report.Unassigned},
		{Label: "Open deals past due", Value: number(q.Counts.OpenPastDue)},
		{Label: "Won deals with zero amount", Value: number(q.Counts.ZeroAmountWon)},
	}}
	if n := q.Counts.ActivitiesAfterAsOf; n > 0 {
		head.KPIs = append(head.KPIs, kpiTile{Label: "Activities after the as-of date", Value: number(n),
			Note: "planned tasks, left out"})
	}
	tables := &section{Title: "Rows read", Intro: "For each sheet: rows read = records + rows skipped by reason."}
	tables.Tables = append(tables.Tables,
		b.listTable("input_tables", "tables", "Tables read", inputTables(q.Tables), false, 1000))
	p.Sections = []*section{head, tables, b.warnings(q.Problems)}
	return nil
}

// inputTables accounts for the rows of each sheet read.
func inputTables(tables []report.Table) *dataTable {
	t := &dataTable{Columns: []column{col("File", textCol), col("Sheet", textCol), col("Kind", textCol),
		col("Header row", countCol), col("Rows read", countCol), col("Records", countCol), col("Skipped", countCol),
		col("Skipped by reason", textCol), col("Accounted for", textCol), col("Note", textCol)}}
	for _, s := range tables {
		reasons := make([]string, 0, len(s.Skipped))
		for r := range s.Skipped {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		skipped := 0
		var parts []string
		for _, r := range reasons {
			skipped += s.Skipped[r]
			parts = append(parts, r+": "+number(s.Skipped[r]))
		}
		ok := "yes"
		if s.RowsRead != s.Records+skipped {
			ok = fmt.Sprintf("no: %s rows unaccounted", number(s.RowsRead-s.Records-skipped))
		}
		hr := cnt(s.HeaderRow)
		if s.HeaderRow == 0 {
			hr = cell{}
		}
		t.Rows = append(t.Rows,
			[]cell{txt(s.File), txt(s.Sheet), txt(string(s.Kind)), hr, cnt(s.RowsRead), cnt(s.Records), cnt(skipped),
				txt(strings.Join(parts, ", ")), txt(ok), txt(s.Note)})
	}
	return t
}

// warnings is the section of every warning with its place.
func (b *builder) warnings(problems []report.Problem) *section {
	t := &dataTable{Columns: []column{col("Where", textCol), col("File", textCol), col("Sheet", textCol),
		col("Cell", textCol), col("Severity", textCol), col("Problem", textCol)}}
	for _, pr := range problems {
		c := ""
		if pr.Pos.Row > 0 {
			c = cellref.Column(pr.Pos.Col) + strconv.Itoa(pr.Pos.Row)
			if pr.Pos.Col == 0 {
				c = "row " + strconv.Itoa(pr.Pos.Row)
			}
		}
		t.Rows = append(t.Rows,
			[]cell{txt(pr.Pos.String()), txt(pr.Pos.File), txt(pr.Pos.Sheet), txt(c), txt(pr.Severity.String()), txt(pr.Msg)})
	}
	sec := &section{Title: "Warnings", Intro: "Every warning with its file, sheet and cell."}
	if len(t.Rows) == 0 {
		sec.Empty = "No warnings."
		return sec
	}
	sec.Tables = append(sec.Tables, b.listTable("data_problems", "problems", "Warnings", t, true, maxProblems))
	return sec
}
