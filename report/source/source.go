// Package source reads CRM exports (xlsx workbooks and CSV files) into the
// typed records of package report. It is the only importer of excelize and
// encoding/csv: it finds header rows, maps the CRM's column names to fields,
// parses cells, and reports every problem with its file, sheet and cell.
package source

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/source/zipcheck"
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
	// FiscalYearStart is the first month (1..12) of the fiscal year, used to
	// name the period of a target given by date; 0 means January.
	FiscalYearStart int
	// FiscalYearNamedByStart names a fiscal year by the calendar year it
	// starts in (default: the year it ends in), as report.Calendar does.
	FiscalYearNamedByStart bool
	// Strict turns warnings into errors.
	Strict bool
	// Unzip bounds what a workbook may unpack to; zero fields take
	// zipcheck's defaults (which any real export fits, a full
	// 1,048,576-row sheet included).
	Unzip zipcheck.Limits
	// TempDir is the folder excelize spools large workbook parts to (and
	// removes them from when the workbook is closed); "" means the
	// system's temporary folder.
	TempDir string
	// Progress, when set, is called now and then with bytes read so far and
	// the total to read.
	Progress func(done, total int64)
}

// Default stage names (METRICS.md), compared after normKey.
var (
	defaultWon  = []string{"Closed Won", "Won", "closedwon"}
	defaultLost = []string{"Closed Lost", "Lost", "closedlost"}
)

// maxErrors bounds the errors kept in memory; the rest are counted.
const maxErrors = 10000

// Read reads every input into records. Warnings are kept in
// Records.Problems; errors are returned as report.Problems, sorted by
// position. With an error, the records returned (when not nil) hold only
// what WriteSummary needs: the tables read, the files and the warnings; no
// deals or other records.
func Read(opts Options) (*report.Records, error) {
	r := newReader(opts)
	if len(opts.Inputs) == 0 {
		return nil, report.Problems{{Severity: report.Error, Msg: "no input files given"}}
	}
	if err := r.checkOptions(); err != nil {
		return nil, err
	}
	opts.Inputs = expandDirs(opts.Inputs)
	var total int64
	for _, in := range opts.Inputs {
		if st, err := os.Stat(in.Path); err == nil {
			total += st.Size()
		}
	}
	r.total = total
	r.readAll(opts.Inputs)
	if len(r.errs) == 0 {
		r.finish()
	}
	return r.result()
}

// reader holds the state of one Read.
type reader struct {
	opts      Options
	recs      *report.Records
	errs      []report.Problem
	dropped   int
	won, lost map[string]bool
	currency  string
	rates     map[string]float64
	order     dateOrder
	date1904  bool // of the workbook being read
	// products named by product-list tables, and by deals (first position).
	productList  map[string]string
	dealProducts map[string]report.Position
	productTable string
	// Progress: the bytes of every input, and the state shared by the
	// readers of one Read (nil until readAll sets it).
	total    int64
	progress *progress
	// fileBytes counts the bytes read of the current file (CSV only).
	fileBytes *atomic.Int64
	// dealProductOrder and productOrder list the keys of dealProducts and
	// productList in the order they were first added, so that partial
	// results merge as one reader would have filled them.
	dealProductOrder, productOrder []string
	// dealCountries holds the country column of deals, by deal index.
	dealCountries []string
}

func newReader(opts Options) *reader {
	r := &reader{
		opts:         opts,
		recs:         &report.Records{},
		won:          map[string]bool{},
		lost:         map[string]bool{},
		currency:     strings.ToUpper(strings.TrimSpace(opts.ReportCurrency)),
		rates:        map[string]float64{},
		productList:  map[string]string{},
		dealProducts: map[string]report.Position{},
	}
	if r.currency == "" {
		r.currency = "USD"
	}
	won, lost := opts.WonStages, opts.LostStages
	if len(won) == 0 {
		won = defaultWon
	}
	if len(lost) == 0 {
		lost = defaultLost
	}
	for _, s := range won {
		r.won[normKey(s)] = true
	}
	for _, s := range lost {
		r.lost[normKey(s)] = true
	}
	for k, v := range opts.Rates {
		r.rates[strings.ToUpper(strings.TrimSpace(k))] = v
	}
	return r
}

func (r *reader) checkOptions() error {
	var ps report.Problems
	switch strings.ToUpper(r.opts.DateOrder) {
	case "":
	case "DMY", "D/M/Y":
		r.order = orderDMY
	case "MDY", "M/D/Y":
		r.order = orderMDY
	default:
		ps = append(ps, report.Problem{Severity: report.Error, Msg: fmt.Sprintf("date order %q is not DMY or MDY", r.opts.DateOrder)})
	}
	for _, k := range sortedKeys(r.opts.Rates) {
		if v := r.opts.Rates[k]; !(v > 0) || v > 1e9 {
			ps = append(ps, report.Problem{Severity: report.Error, Msg: fmt.Sprintf("rate for %q is %v; it must be a positive number", k, v)})
		}
	}
	for _, f := range sortedKeys(r.opts.Columns) {
		if !knownField(f) {
			ps = append(ps, report.Problem{Severity: report.Error, Msg: fmt.Sprintf("column mapping names an unknown field %q; fields are %s", f, strings.Join(allFields(), ", "))})
		}
	}
	if m := r.opts.FiscalYearStart; m < 0 || m > 12 {
		ps = append(ps, report.Problem{Severity: report.Error, Msg: fmt.Sprintf("fiscal year start %d is not a month 1..12", m)})
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// calendar is the fiscal calendar periods are named in.
func (r *reader) calendar() report.Calendar {
	start := r.opts.FiscalYearStart
	if start < 1 || start > 12 {
		start = 1
	}
	return report.Calendar{Start: start, NameByStart: r.opts.FiscalYearNamedByStart}
}

// tick reports progress, when asked for.
func (r *reader) tick() {
	if r.opts.Progress == nil || r.progress == nil {
		return
	}
	r.progress.report()
}

// progress is the state of progress reporting shared by the readers of the
// files of one Read, which run in several goroutines: the bytes of the files
// done, and a counter of bytes read for each file being read (CSV only).
type progress struct {
	fn      func(done, total int64)
	total   int64
	mu      sync.Mutex
	done    int64
	reading map[*atomic.Int64]bool
}

// report calls the Progress function with the bytes done so far; calls are
// serialised.
func (p *progress) report() {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := p.done
	for c := range p.reading {
		n += c.Load()
	}
	p.fn(min(n, p.total), p.total)
}

// start registers the byte counter of a file being read.
func (p *progress) start(c *atomic.Int64) {
	p.mu.Lock()
	p.reading[c] = true
	p.mu.Unlock()
}

// finish replaces a file's counter (nil when it had none) by its size.
func (p *progress) finish(c *atomic.Int64, size int64) {
	p.mu.Lock()
	delete(p.reading, c)
	p.done += size
	p.mu.Unlock()
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// readAll reads the inputs, several at a time (at most GOMAXPROCS), each
// into a reader of its own, and merges those in input order: records,
// tables, files, warnings and errors come out as if the files had been read
// one after another.
func (r *reader) readAll(inputs []Input) {
	r.progress = &progress{fn: r.opts.Progress, total: r.total, reading: map[*atomic.Int64]bool{}}
	parts := make([]*reader, len(inputs))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, in := range inputs {
		g.Go(func() error {
			parts[i] = r.readPart(in)
			return nil
		})
	}
	_ = g.Wait() // readPart reports its problems in its part
	r.merge(parts)
}

// readPart reads one input into a new reader sharing r's settings. A
// panic while reading it (a bug here or in a library) becomes an error
// naming the file, and the other inputs are read as usual.
func (r *reader) readPart(in Input) (p *reader) {
	p = &reader{
		opts:         r.opts,
		recs:         &report.Records{},
		won:          r.won,
		lost:         r.lost,
		currency:     r.currency,
		rates:        r.rates,
		order:        r.order,
		productList:  map[string]string{},
		dealProducts: map[string]report.Position{},
		total:        r.total,
		progress:     r.progress,
	}
	defer func() {
		if v := recover(); v != nil {
			p.errorAt(report.Position{File: filepath.Base(in.Path)}, fmt.Sprintf("cannot be read: internal error: %v (this is a bug in salesreview; please report it)", v))
		}
	}()
	defer p.doneReading(in.Path)
	p.readFile(in)
	return p
}

// doneReading counts a file read (or given up) as done for progress.
func (r *reader) doneReading(path string) {
	var size int64
	if st, err := os.Stat(path); err == nil {
		size = st.Size()
	}
	r.progress.finish(r.fileBytes, size)
	r.fileBytes = nil
	r.tick()
}

// merge appends the partial results of readAll, in input order.
func (r *reader) merge(parts []*reader) {
	recs := r.recs
	var nDeals, nActs int
	for _, p := range parts {
		nDeals += len(p.recs.Deals)
		nActs += len(p.recs.Activities)
	}
	for _, p := range parts {
		pr := p.recs
		shiftTables(pr, int32(len(recs.Tables)))
		dealBase := len(recs.Deals)
		recs.Deals = appendAll(recs.Deals, pr.Deals, nDeals)
		recs.Activities = appendAll(recs.Activities, pr.Activities, nActs)
		recs.Roster = append(recs.Roster, pr.Roster...)
		recs.Accounts = append(recs.Accounts, pr.Accounts...)
		recs.Targets = append(recs.Targets, pr.Targets...)
		recs.Forecasts = append(recs.Forecasts, pr.Forecasts...)
		recs.Tables = append(recs.Tables, pr.Tables...)
		recs.Problems = append(recs.Problems, pr.Problems...)
		recs.Files = append(recs.Files, pr.Files...)
		r.mergeState(p, dealBase)
	}
}

// shiftTables adds base to the table index of every record's source, for
// records whose tables are appended after base others.
func shiftTables(recs *report.Records, base int32) {
	if base == 0 {
		return
	}
	for i := range recs.Deals {
		recs.Deals[i].Src.Table += base
	}
	for i := range recs.Activities {
		recs.Activities[i].Src.Table += base
	}
	for i := range recs.Roster {
		recs.Roster[i].Src.Table += base
	}
	for i := range recs.Accounts {
		recs.Accounts[i].Src.Table += base
	}
	for i := range recs.Targets {
		recs.Targets[i].Src.Table += base
	}
	for i := range recs.Forecasts {
		recs.Forecasts[i].Src.Table += base
	}
}

// mergeState takes over a part's errors, the deals' countries (its deals
// start at dealBase) and the products named.
func (r *reader) mergeState(p *reader, dealBase int) {
	for _, e := range p.errs {
		r.errorAt(e.Pos, e.Msg)
	}
	r.dropped += p.dropped
	for i, c := range p.dealCountries {
		if c != "" {
			r.setDealCountry(dealBase+i, c)
		}
	}
	for _, k := range p.dealProductOrder {
		r.addDealProduct(k, p.dealProducts[k])
	}
	for _, k := range p.productOrder {
		r.addProduct(k, p.productList[k])
	}
	if p.productTable != "" {
		r.productTable = p.productTable
	}
}

// appendAll appends src to dst; when dst is empty it takes src itself
// (when it holds every element to come, total) rather than copy it, so that
// a million deals are not held twice.
func appendAll[T any](dst, src []T, total int) []T {
	if len(dst) == 0 && len(src) == total {
		return src
	}
	if len(src) == 0 {
		return dst
	}
	if dst == nil {
		dst = make([]T, 0, total)
	}
	return append(dst, src...)
}

// addDealProduct keeps the first position of a product named by a deal
// (at most 10,000 products).
func (r *reader) addDealProduct(name string, pos report.Position) {
	if _, seen := r.dealProducts[name]; !seen && len(r.dealProducts) < 10000 {
		name = strings.Clone(name) // not a view into a row buffer
		r.dealProducts[name] = pos
		r.dealProductOrder = append(r.dealProductOrder, name)
	}
}

// addProduct keeps a product of a product list with its file (a later list
// naming it again takes its place) until 10,000 products are kept.
func (r *reader) addProduct(name, file string) {
	if len(r.productList) >= 10000 {
		return
	}
	if _, seen := r.productList[name]; !seen {
		r.productOrder = append(r.productOrder, name)
	}
	r.productList[name] = file
}

// errorAt records an error.
func (r *reader) errorAt(pos report.Position, msg string) {
	if len(r.errs) >= maxErrors {
		r.dropped++
		return
	}
	r.errs = append(r.errs, report.Problem{Pos: pos, Severity: report.Error, Msg: capMessage(msg)})
}

// warnAt records a warning.
func (r *reader) warnAt(pos report.Position, msg string) {
	r.recs.Problems = append(r.recs.Problems, report.Problem{Pos: pos, Severity: report.Warning, Msg: capMessage(msg)})
}

// maxMessage bounds a problem's message in bytes: values in messages are
// quoted short already (quoteText), but a list of headers, sheets or a
// library's error may run long.
const maxMessage = 1000

// capMessage cuts a message longer than maxMessage bytes, with "...".
func capMessage(msg string) string {
	if len(msg) <= maxMessage {
		return msg
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "..."
}

// result returns the records, or the errors (with warnings made errors
// under Strict).
func (r *reader) result() (*report.Records, error) {
	warnings := r.recs.Problems
	if r.opts.Strict {
		for _, w := range r.recs.Problems {
			r.errorAt(w.Pos, w.Msg)
		}
		warnings = nil
	}
	if len(r.errs) > 0 {
		ps := report.Problems(r.errs)
		report.SortProblems(ps)
		if r.dropped > 0 {
			ps = append(ps, report.Problem{Severity: report.Error, Msg: fmt.Sprintf("%d more errors were not kept", r.dropped)})
		}
		report.SortProblems(warnings)
		return &report.Records{Tables: r.recs.Tables, Files: r.recs.Files, Problems: warnings}, ps
	}
	report.SortProblems(r.recs.Problems)
	return r.recs, nil
}

// expandDirs replaces an input that is a directory by the workbooks and CSV
// files directly in it, in name order.
func expandDirs(inputs []Input) []Input {
	var out []Input
	for _, in := range inputs {
		st, err := os.Stat(in.Path)
		if err != nil || !st.IsDir() {
			out = append(out, in)
			continue
		}
		entries, err := os.ReadDir(in.Path)
		if err != nil {
			out = append(out, in)
			continue
		}
		n := len(out)
		for _, e := range entries {
			switch strings.ToLower(filepath.Ext(e.Name())) {
			case ".csv", ".tsv", ".xlsx", ".xlsm":
				if !e.IsDir() && !strings.HasPrefix(e.Name(), "~$") && !strings.HasPrefix(e.Name(), ".") {
					out = append(out, Input{Path: filepath.Join(in.Path, e.Name()), Role: in.Role, Sheet: in.Sheet})
				}
			}
		}
		if len(out) == n {
			out = append(out, in) // reported as a directory without inputs
		}
	}
	return out
}

func oneLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return s
}

func isDashboardName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"pivot", "dashboard", "chart"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// addIgnored records a table that was not read, with the reason.
func (r *reader) addIgnored(file, sheet, note string) {
	r.recs.Tables = append(r.recs.Tables, report.Table{File: file, Sheet: sheet, Kind: report.IgnoredTable, Note: note, Skipped: map[string]int{}})
}
