package source

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/source/zipcheck"
)

// readFile reads one input file: its hash, then its tables. The file is
// opened once; its hash is taken from that open file before it is read
// and again after, so that the hash the manifest shows is of the bytes
// the figures come from, and a file rewritten while it was read (an
// export still being written) stops the run instead of mixing versions.
func (r *reader) readFile(in Input) {
	base := filepath.Base(in.Path)
	filePos := report.Position{File: base}
	f, err := openInput(in.Path)
	if err != nil {
		r.errorAt(filePos, describeOpenError(err))
		return
	}
	defer f.Close()
	before, err := fingerprint(f)
	if err != nil {
		r.errorAt(filePos, describeOpenError(err))
		return
	}
	r.recs.Files = append(r.recs.Files, report.InputFile{Path: in.Path, SHA256: before.sum})
	switch in.Role {
	case "", report.DealTable, report.ActivityTable, report.RosterTable, report.AccountTable, report.TargetTable, report.ForecastTable:
	default:
		r.errorAt(filePos, fmt.Sprintf("role %q is not deals, activities, roster, accounts, targets or forecast", string(in.Role)))
		return
	}
	tables := len(r.recs.Tables)
	switch ext := strings.ToLower(filepath.Ext(in.Path)); ext {
	case ".csv", ".tsv", ".txt":
		r.readCSV(f, in, base)
	case ".xlsx", ".xlsm", ".xltx", ".xltm", ".xls":
		r.readWorkbook(f, in, base)
	default:
		r.errorAt(filePos, fmt.Sprintf("is not a workbook or CSV file (extension %q; expected .xlsx or .csv)", ext))
		return
	}
	r.checkUnchanged(f, filePos, before)
	r.checkRecords(filePos, r.recs.Tables[tables:])
}

// openInput opens an input file; a folder (one without inputs, or
// expandDirs would have listed them) is an error.
func openInput(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		err = errors.New("is a directory without .csv or .xlsx files")
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// stamp is what says an open file is the same as before: its size,
// modification time and SHA-256.
type stamp struct {
	size int64
	mod  int64 // nanoseconds since 1970
	sum  string
}

// fingerprint takes f's stamp, reading it through without moving its
// offset.
func fingerprint(f *os.File) (stamp, error) {
	st, err := f.Stat()
	if err != nil {
		return stamp{}, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, 1<<62)); err != nil {
		return stamp{}, err
	}
	return stamp{size: st.Size(), mod: st.ModTime().UnixNano(), sum: hex.EncodeToString(h.Sum(nil))}, nil
}

// checkUnchanged reports a file that changed while it was read.
func (r *reader) checkUnchanged(f *os.File, filePos report.Position, before stamp) {
	after, err := fingerprint(f)
	if err != nil {
		r.errorAt(filePos, "cannot be read again to check it did not change: "+describeOpenError(err))
		return
	}
	if after != before {
		r.errorAt(filePos, "changed while it was read (is it still being written?): its figures could mix two versions; build again once the file is complete")
	}
}

// checkRecords warns about an input whose tables (those read from it)
// hold no records: a table of records with none (and no errors, which say
// why already), or no such table at all (every sheet ignored, or an empty
// file), unless it is a product list, which holds no records by design,
// or a warning about the file already says why.
func (r *reader) checkRecords(filePos report.Position, tables []report.Table) {
	used := false
	var notes []string
	for _, t := range tables {
		switch {
		case t.Kind != report.IgnoredTable:
			used = true
			if t.Records == 0 && t.Skipped[skipError] == 0 {
				r.warnAt(report.Position{File: t.File, Sheet: t.Sheet, Row: t.HeaderRow}, noRecordsMsg(t))
			}
		case strings.HasPrefix(t.Note, "a product list"):
			used = true
		default:
			notes = append(notes, describeTable(t))
		}
	}
	if used {
		return
	}
	for _, w := range r.recs.Problems {
		if w.Pos.File == filePos.File {
			return
		}
	}
	msg := "holds no records"
	if len(notes) > 0 {
		msg += " (" + strings.Join(notes, "; ") + ")"
	}
	r.warnAt(filePos, msg)
}

// noRecordsMsg says why a table of records has none.
func noRecordsMsg(t report.Table) string {
	if t.RowsRead == 0 {
		return fmt.Sprintf("the %s table has no rows below its header: no records", t.Kind)
	}
	return fmt.Sprintf("the %s table has no records: its %d rows below the header are %s", t.Kind, t.RowsRead, skippedList(t.Skipped))
}

// readCSV reads a CSV file as one table. The decoding of its text (see
// textDecoder) is said in a warning.
func (r *reader) readCSV(f *os.File, in Input, base string) {
	filePos := report.Position{File: base}
	r.fileBytes = new(atomic.Int64)
	r.progress.start(r.fileBytes)
	src, err := newCSVRows(&countingReader{r: f, n: r.fileBytes})
	if err != nil {
		msg := err.Error()
		if errors.Is(err, errBinary) {
			msg = describeBinary(f, msg)
		}
		r.errorAt(filePos, msg)
		return
	}
	r.readTable(base, "", src, in.Role)
	if msg, line := src.text.encodingWarning(); msg != "" {
		r.warnAt(report.Position{File: base, Row: line}, msg)
	}
}

// describeBinary says what a binary file given as CSV is, when zipcheck
// can tell ("is an xlsx workbook, not CSV text: name it .xlsx"); else msg.
func describeBinary(f *os.File, msg string) string {
	st, err := f.Stat()
	if err != nil {
		return msg
	}
	what := zipcheck.Describe(f, st.Size())
	switch what {
	case "an unknown binary format", "an unreadable file", "a file of unknown format":
		return msg
	case "an xlsx workbook":
		return "is an xlsx workbook, not CSV text: give it an .xlsx name"
	}
	return "is " + what + ", not CSV text"
}

func describeOpenError(err error) string {
	if os.IsNotExist(err) {
		return "no such file"
	}
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// readWorkbook reads every visible sheet of a workbook (or the one named).
func (r *reader) readWorkbook(f *os.File, in Input, base string) {
	filePos := report.Position{File: base}
	wb, err := openWorkbook(f, r.opts.Unzip, r.opts.TempDir)
	if err != nil {
		r.errorAt(filePos, oneLine(err.Error()))
		return
	}
	defer wb.close()
	found := false
	for _, sh := range wb.sheets() {
		if in.Sheet != "" && sh.Name != in.Sheet {
			continue
		}
		found = true
		r.readSheet(wb, sh, in, base)
	}
	if in.Sheet != "" && !found {
		r.errorAt(filePos, fmt.Sprintf("has no sheet %q", in.Sheet))
	}
}

// readSheet reads one sheet of a workbook as a table, unless it is hidden
// or named like a dashboard (and not named by the input).
func (r *reader) readSheet(wb *workbook, sh sheetInfo, in Input, base string) {
	sheetPos := report.Position{File: base, Sheet: sh.Name}
	if sh.Hidden && in.Sheet == "" {
		r.addIgnored(base, sh.Name, "hidden sheet")
		return
	}
	if isDashboardName(sh.Name) && in.Role == "" {
		r.addIgnored(base, sh.Name, "pivot, chart or dashboard sheet (by its name)")
		return
	}
	src, err := wb.rows(sh.Name)
	if err != nil {
		r.errorAt(sheetPos, oneLine(err.Error()))
		return
	}
	r.date1904 = wb.date1904
	r.readTable(base, sh.Name, src, in.Role)
	r.date1904 = false
	if err := src.Close(); err != nil {
		r.errorAt(sheetPos, oneLine(err.Error()))
	}
}
