// Package source reads CRM exports (xlsx workbooks and CSV files) into the
// typed records of package report. It is the only importer of excelize and
// encoding/csv: it finds header rows, maps the CRM's column names to fields,
// parses cells, and reports every problem with its file, sheet and cell.
package source

import (
	"errors"

	"github.com/salesreview/salesreview/report"
)

// Input is one file to read, with an optional role forcing what its tables
// hold ("deals", "activities", "roster", "accounts", "targets", "forecast";
// "" means recognise each table from its headers).
type Input struct {
	Path  string
	Role  report.TableKind
	Sheet string // read only this sheet when set
}

// Options say how to read the inputs. The zero value reads with the built-in
// aliases and defaults.
type Options struct {
	Inputs []Input
	// Columns maps a field name ("amount", "close", ...) to the header text
	// that holds it, overriding the built-in aliases.
	Columns map[string]string
	// WonStages and LostStages override the default stage names (compared
	// without regard to case and spaces).
	WonStages, LostStages []string
	// ReportCurrency is the ISO code amounts are converted to (default "USD").
	ReportCurrency string
	// Rates maps an ISO code to the number of report-currency units one unit
	// of it is worth.
	Rates map[string]float64
	// DateOrder is "DMY", "MDY" or "" (decide per column from the values).
	DateOrder string
	// CountryRegion maps a country to a region.
	CountryRegion map[string]string
	// Strict turns warnings into errors.
	Strict bool
	// Progress, when set, is called now and then with bytes read so far and
	// the total to read.
	Progress func(done, total int64)
}

// Read reads every input into records. Warnings are kept in
// Records.Problems; errors are returned as report.Problems, sorted by
// position.
func Read(opts Options) (*report.Records, error) {
	return nil, errors.New("source.Read: not implemented yet")
}
