package source

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/cellref"
)

// Skip reasons, the keys of report.Table.Skipped.
const (
	skipBlank    = "blank"
	skipGroup    = "group"
	skipSubtotal = "subtotal"
	skipTotal    = "total"
	skipFooter   = "footer"
	skipRepeat   = "header repeat"
	skipError    = "error"
	skipNote     = "note"
	skipDeleted  = "deleted"
)

// table is the state of reading one sheet or CSV file.
type table struct {
	r        *reader
	idx      int // in r.recs.Tables
	file     string
	sheet    string
	kind     report.TableKind
	m        mapping
	cols     *[len(rowFields)][]int // m of the row fields, by fieldNumber
	header   []string
	required []string
	fill     []string // group values filled down, by column
	mapped   []bool   // columns mapped to some field
	src      rowSource

	last         int    // number of the last row read
	cur          int    // number of the row being read
	pendingGroup string // a group label waiting for its column
	afterTotal   bool
	afterBlank   bool
	sawData      bool

	dates map[int]*dateColumn

	start   int // index of this table's first record in its kind's slice
	probIdx []int32
	probMax float64

	// Counts behind the table's summary warnings, with the first row.
	counts map[string]*tally

	// Per-row work done once per distinct value (see intern, remember): the
	// Syms of the names of the table (region, owner, stage, account, ...),
	// up to maxNames of them, and what a stage, forecast category or
	// activity type text was read as, up to maxMemo.
	syms       map[string]report.Sym
	shared     []int32      // shared-string index of each cell of the row being read; nil when unknown
	sharedSyms []report.Sym // the Sym of a shared string read as a name, by its index (0: not yet)
	stages     map[string]report.Status
	categories map[string]report.Sym
	actTypes   map[string]report.ActivityType

	// texts holds the copies of the ids and names the records keep.
	texts textArena
}

// maxMemo bounds each of a table's memo maps, so a column of distinct
// values costs a bounded amount of memory.
const maxMemo = 1 << 14

// maxNames bounds the table's own map of names to Syms. Names are
// interned in the process's table anyway; this map spares each row the
// lock of that table, and costs about 40 bytes a name.
const maxNames = 1 << 20

// intern returns the Sym of s.
func (t *table) intern(s string) report.Sym {
	if s == "" {
		return 0
	}
	if v, ok := t.syms[s]; ok {
		return v
	}
	v := report.Intern(s)
	if t.syms == nil {
		t.syms = map[string]report.Sym{}
	}
	if len(t.syms) < maxNames {
		t.syms[v.String()] = v // the table's copy: no row buffer is held
	}
	return v
}

// remember keeps what a text was read as in *m, for the next rows.
func remember[V any](m *map[string]V, s string, v V) {
	if *m == nil {
		*m = map[string]V{}
	}
	if len(*m) < maxMemo {
		(*m)[strings.Clone(s)] = v // the key must not keep a row buffer
	}
}

// activityType is activityType(s), remembered per distinct s.
func (t *table) activityType(s string) report.ActivityType {
	if v, ok := t.actTypes[s]; ok {
		return v
	}
	v := activityType(s)
	remember(&t.actTypes, s, v)
	return v
}

// category is canonicalCategory(s), interned and remembered per distinct s.
func (t *table) category(s string) report.Sym {
	if v, ok := t.categories[s]; ok {
		return v
	}
	v := t.intern(canonicalCategory(s))
	remember(&t.categories, s, v)
	return v
}

// reserve makes room for n more records of the table's kind, so that a
// million rows are not copied each time the slice outgrows itself.
func (t *table) reserve(n int) {
	if n <= 0 {
		return
	}
	switch t.kind {
	case report.DealTable:
		t.r.recs.Deals = slices.Grow(t.r.recs.Deals, n)
	case report.ActivityTable:
		t.r.recs.Activities = slices.Grow(t.r.recs.Activities, n)
	}
}

// getSym is get with the value interned. A value read from a shared
// string is interned once per string of the table, found again by its
// index: no hashing, trimming or comparing of the text on later rows.
func (t *table) getSym(cells []string, field string) (report.Sym, int) {
	v, col, filled := t.getCell(cells, field)
	if v == "" || filled || col >= len(t.shared) || t.shared[col] < 0 {
		return t.intern(v), col
	}
	k := int(t.shared[col])
	if k < len(t.sharedSyms) && t.sharedSyms[k] != 0 {
		return t.sharedSyms[k], col
	}
	y := t.intern(v)
	if k >= len(t.sharedSyms) {
		t.sharedSyms = append(t.sharedSyms, make([]report.Sym, max(k+1, 2*len(t.sharedSyms))-len(t.sharedSyms))...)
	}
	t.sharedSyms[k] = y
	return y, col
}

// sym is getSym without the column.
func (t *table) sym(cells []string, field string) report.Sym {
	v, _ := t.getSym(cells, field)
	return v
}

// tally counts rows with a condition worth one summary warning.
type tally struct {
	n   int
	pos report.Position
}

// dateColumn is what is known about a text date column's day/month order.
type dateColumn struct {
	order     dateOrder
	evidence  string // the value and cell that settled the order
	pending   []pendingDate
	firstText string // the text of the first pending date, for the message
}

// pendingDate is a record whose date waits for its column's order.
type pendingDate struct {
	rec      int32
	row      int32
	field    string
	dmy, mdy report.Day
}

// readTable reads one table (sheet or CSV) from src: it finds the header
// row among the top rows, decides what the table holds, maps its columns,
// and reads every row below the header into records.
func (r *reader) readTable(file, sheet string, src rowSource, role report.TableKind) {
	tablePos := report.Position{File: file, Sheet: sheet}
	top, err := bufferTop(src)
	if err != nil {
		r.sourceError(tablePos, err)
		return
	}
	hi := findHeader(rowCells(top), r.configuredHeaders())
	if hi < 0 {
		r.noHeader(tablePos, rowCells(top), role)
		return
	}
	header, headerRow := top[hi].cells, top[hi].num
	kind, note := r.tableKind(tablePos, header, headerRow, role)
	if kind == "" {
		return
	}
	r.recs.Tables = append(r.recs.Tables, report.Table{File: file, Sheet: sheet, Kind: kind, Note: note, HeaderRow: headerRow, Skipped: map[string]int{}})
	if kind == report.IgnoredTable {
		if strings.HasPrefix(note, "a product list") {
			r.collectProducts(file, sheet, header, top[hi+1:], src)
		}
		return
	}
	t := r.newTable(len(r.recs.Tables)-1, src, header, headerRow)
	if t == nil {
		return
	}
	t.readRows(top[hi+1:])
	if err := src.Err(); err != nil {
		r.sourceError(tablePos, err)
	}
	t.finish()
}

// bufferTop reads the rows the header is searched among, copying their
// cells (the source reuses its slices).
func bufferTop(src rowSource) ([]bufRow, error) {
	var top []bufRow
	for len(top) < headerScanRows && src.Next() {
		num, cells := src.Row()
		top = append(top, bufRow{num, append([]string(nil), cells...)})
	}
	return top, src.Err()
}

// rowCells returns the cells of each buffered row.
func rowCells(rows []bufRow) [][]string {
	cells := make([][]string, len(rows))
	for i, b := range rows {
		cells[i] = b.cells
	}
	return cells
}

// configuredHeaders are the headers the configuration's column mapping
// names, folded with normKey: they count as known for finding the header.
func (r *reader) configuredHeaders() map[string]bool {
	extra := map[string]bool{}
	for _, h := range r.opts.Columns {
		extra[normKey(h)] = true
	}
	return extra
}

// noHeader records a table without a header row: ignored (blank, a pivot
// table, or unknown columns, with a warning), or an error when the
// configuration gave it a role.
func (r *reader) noHeader(tablePos report.Position, top [][]string, role report.TableKind) {
	file, sheet := tablePos.File, tablePos.Sheet
	switch {
	case allBlank(top):
		r.addIgnored(file, sheet, "empty")
	case pivotLike(top):
		r.addIgnored(file, sheet, "a pivot table or report summary, not records")
	case role != "":
		r.errorAt(tablePos, fmt.Sprintf("no header row found in the first %d rows (role %s)", headerScanRows, role))
	default:
		r.addIgnored(file, sheet, fmt.Sprintf("no header row of known column names in the first %d rows", headerScanRows))
		r.warnAt(tablePos, fmt.Sprintf("ignored: no header row of known column names in the first %d rows", headerScanRows))
	}
}

// tableKind is the role given, else what the headers say the table holds,
// with the reason; a table of unknown headers is recorded as ignored, with
// a warning, and its kind is "".
func (r *reader) tableKind(tablePos report.Position, header []string, headerRow int, role report.TableKind) (report.TableKind, string) {
	if role != "" {
		return role, "role given in the configuration"
	}
	kind, note := recogniseKind(header, r.opts.Columns)
	if kind == "" {
		note = "headers not recognised: " + listHeaders(header)
		r.addIgnored(tablePos.File, tablePos.Sheet, note)
		hdrPos := tablePos
		hdrPos.Row = headerRow
		r.warnAt(hdrPos, "ignored: "+note)
	}
	return kind, note
}

// newTable maps the columns of table tidx (just added to the records) to
// its fields and prepares to read its rows; it returns nil, after
// reporting why, when a configured or required column is missing.
func (r *reader) newTable(tidx int, src rowSource, header []string, headerRow int) *table {
	tb := &r.recs.Tables[tidx]
	kind := tb.Kind
	m, missingOverrides := mapColumns(kind, header, r.opts.Columns)
	hdrPos := report.Position{File: tb.File, Sheet: tb.Sheet, Row: headerRow}
	for _, f := range missingOverrides {
		r.errorAt(hdrPos, fmt.Sprintf("column %q configured for %s is not among the headers %s", r.opts.Columns[f], f, listHeaders(header)))
	}
	if len(missingOverrides) > 0 {
		return nil
	}
	t := &table{r: r, idx: tidx, file: tb.File, sheet: tb.Sheet, kind: kind, m: m, cols: rowColumns(m), header: header, src: src,
		fill: make([]string, len(header)), mapped: make([]bool, len(header)), dates: map[int]*dateColumn{}, counts: map[string]*tally{}}
	t.required = requiredFields(kind, m)
	if missing := t.missingRequired(); len(missing) > 0 {
		r.errorAt(hdrPos, fmt.Sprintf("%s table has no column for %s; headers found: %s", kind, strings.Join(missing, ", "), listHeaders(header)))
		return nil
	}
	t.listColumns(tb)
	t.start = t.recordCount()
	if h, ok := src.(rowsHinter); ok {
		t.reserve(h.RowsHint() - headerRow)
	}
	if _, ok := m[fAccount]; !ok && kind == report.DealTable {
		r.warnAt(hdrPos, "deal table has no account column: revenue per client and the account join are not available")
	}
	if r.order != orderUnknown {
		for _, cols := range m {
			for _, c := range cols {
				t.dates[c] = &dateColumn{order: r.order, evidence: "the configured date order"}
			}
		}
	}
	t.last = headerRow
	return t
}

// missingRequired lists the required fields without a column.
func (t *table) missingRequired() []string {
	var missing []string
	for _, f := range t.required {
		if _, ok := t.m[f]; !ok {
			missing = append(missing, f)
		}
	}
	return missing
}

// listColumns records the column mapping in tb, in column order, and
// marks the mapped columns.
func (t *table) listColumns(tb *report.Table) {
	for _, f := range sortedKeys(t.m) {
		for _, c := range t.m[f] {
			tb.Columns = append(tb.Columns, report.ColumnMapping{Field: f, Header: strings.TrimSpace(t.header[c]), Column: c + 1})
			t.mapped[c] = true
		}
	}
	sort.SliceStable(tb.Columns, func(i, j int) bool { return tb.Columns[i].Column < tb.Columns[j].Column })
}

// readRows reads the buffered rows below the header, then the rest of the
// source.
func (t *table) readRows(buffered []bufRow) {
	for _, b := range buffered {
		t.row(b.num, b.cells)
	}
	sh, _ := t.src.(sharedIndexer)
	for t.src.Next() {
		if sh != nil {
			t.shared = sh.SharedIndexes()
		}
		t.row(t.src.Row())
	}
	t.shared = nil
}

// sourceError reports a row source's error, at its cell when it has one.
func (r *reader) sourceError(tablePos report.Position, err error) {
	var ce *cellError
	if errors.As(err, &ce) {
		pos := tablePos
		pos.Row, pos.Col = ce.Row, ce.Col
		r.errorAt(pos, oneLine(ce.Msg))
		return
	}
	r.errorAt(tablePos, oneLine(err.Error()))
}

func allBlank(rows [][]string) bool {
	for _, row := range rows {
		for _, c := range row {
			if strings.TrimSpace(c) != "" {
				return false
			}
		}
	}
	return true
}

func pivotLike(rows [][]string) bool {
	for _, row := range rows {
		for _, c := range row {
			t := strings.ToLower(strings.TrimSpace(c))
			if t == "row labels" || t == "grand total" || t == "column labels" || strings.HasPrefix(t, "sum of ") || strings.HasPrefix(t, "count of ") {
				return true
			}
		}
	}
	return false
}

// listHeaders quotes the non-blank headers, comma separated.
func listHeaders(header []string) string {
	var parts []string
	for _, h := range header {
		if h = strings.TrimSpace(h); h != "" {
			parts = append(parts, quoteText(h))
		}
	}
	if len(parts) == 0 {
		return "(none)"
	}
	return strings.Join(parts, ", ")
}

// collectProducts keeps the product names of a product list, for the
// near-miss check against the deals' product column.
func (r *reader) collectProducts(file, sheet string, header []string, buffered []bufRow, src rowSource) {
	col := -1
	for i, h := range header {
		if normKey(h) == "product" || normKey(h) == "productname" {
			col = i
			break
		}
	}
	if col < 0 {
		return
	}
	r.productTable = file
	add := func(cells []string) {
		if col < len(cells) {
			if v := strings.TrimSpace(cells[col]); v != "" {
				r.addProduct(strings.Clone(v), file)
			}
		}
	}
	for _, b := range buffered {
		add(b.cells)
	}
	for src.Next() {
		_, cells := src.Row()
		add(cells)
	}
}

// bufRow is a row kept while the header is searched for.
type bufRow struct {
	num   int
	cells []string
}

func (t *table) recordCount() int {
	recs := t.r.recs
	switch t.kind {
	case report.DealTable:
		return len(recs.Deals)
	case report.ActivityTable:
		return len(recs.Activities)
	case report.RosterTable:
		return len(recs.Roster)
	case report.AccountTable:
		return len(recs.Accounts)
	case report.TargetTable:
		return len(recs.Targets)
	case report.ForecastTable:
		return len(recs.Forecasts)
	}
	return 0
}

func (t *table) pos(row, col int) report.Position {
	return report.Position{File: t.file, Sheet: t.sheet, Row: row, Col: col + 1}
}

// get returns a field's value in a row (trimmed; group values filled down)
// and its 0-based column; the column is -1 when the field is not mapped.
func (t *table) get(cells []string, field string) (string, int) {
	v, col, _ := t.getCell(cells, field)
	return v, col
}

// getCell is get, and says whether the value was filled down from a group
// heading rather than read from the cell.
func (t *table) getCell(cells []string, field string) (v string, col int, filled bool) {
	var cols []int
	if i := fieldNumber(field); i >= 0 {
		cols = t.cols[i]
	} else {
		cols = t.m[field]
	}
	if len(cols) == 0 {
		return "", -1, false
	}
	for _, c := range cols {
		if c < len(cells) {
			if v := strings.TrimSpace(cells[c]); v != "" {
				return v, c, false
			}
		}
		if c < len(t.fill) && t.fill[c] != "" {
			return t.fill[c], c, true
		}
	}
	return "", cols[0], false
}

// row reads one row below the header. Rows missing between two row numbers
// (a sheet stores no empty rows) count as blank rows.
func (t *table) row(num int, cells []string) {
	tb := &t.r.recs.Tables[t.idx]
	if gap := num - t.last - 1; gap > 0 {
		tb.RowsRead += gap
		tb.Skipped[skipBlank] += gap
		if t.sawData {
			t.afterBlank = true
		}
	} else if num <= t.last {
		t.r.errorAt(report.Position{File: t.file, Sheet: t.sheet, Row: num}, fmt.Sprintf("row %d comes after row %d; the sheet's rows are out of order", num, t.last))
		tb.RowsRead++
		tb.Skipped[skipError]++
		return
	}
	t.last = num
	tb.RowsRead++
	if tb.RowsRead&0xFFFF == 0 {
		t.r.tick()
	}
	t.cur = num
	t.capCells(num, cells)
	if reason := t.classify(cells); reason != "" {
		tb.Skipped[reason]++
		return
	}
	t.sawData = true
	if t.kind == report.DealTable {
		if v, _ := t.get(cells, fStatus); strings.EqualFold(v, "deleted") {
			tb.Skipped[skipDeleted]++
			return
		}
	}
	if t.record(num, cells) {
		tb.Records++
	} else {
		tb.Skipped[skipError]++
	}
}

// classify says why a row is not a record: blank, a group heading, a
// subtotal, the total, a footer line or the header repeated; "" for a
// record.
func (t *table) classify(cells []string) string {
	nonEmpty, first := countFilled(cells)
	if nonEmpty == 0 {
		if t.sawData {
			t.afterBlank = true
		}
		return skipBlank
	}
	if t.afterTotal {
		return skipFooter
	}
	v := strings.TrimSpace(cells[first])
	if reason := t.summaryLine(v); reason != "" {
		return reason
	}
	if t.headerRepeat(cells, first, v) {
		return skipRepeat
	}
	label, isGroup := groupLabel(v, headerAt(t.header, first))
	if isGroup && (nonEmpty == 1 || t.requiredBlank(cells, first)) {
		t.startGroup(first, label)
		return skipGroup
	}
	if nonEmpty == 1 {
		if t.afterBlank {
			return skipFooter
		}
		if t.sawData && len(t.required) >= 2 && !isGroup && !t.requiredColumn(first) {
			t.count("%d rows with a single cell were skipped as notes, not records", t.pos(t.cur, first))
			return skipNote
		}
	}
	if isGroup && first < len(t.fill) && t.groupColumn(first) && strings.Contains(v, " (") {
		// "Central (3512)" on the group's first detail row, in a column a
		// report groups by (never an id or a name).
		t.setFill(first, label)
		cells[first] = label
		t.shared = nil // the cell no longer holds its shared string
	}
	if t.pendingGroup != "" {
		t.placePendingGroup(cells)
	}
	return ""
}

// countFilled counts the non-blank cells up to 2 (one or more is all most
// rows need to know) and returns the first one's column.
func countFilled(cells []string) (nonEmpty, first int) {
	first = -1
	for i, c := range cells {
		if !isBlank(c) {
			nonEmpty++
			if first < 0 {
				first = i
			}
			if nonEmpty == 2 {
				break
			}
		}
	}
	return nonEmpty, first
}

// summaryLine says whether a row whose first value is v is a footer, the
// total (after which every row is a footer) or a subtotal; "" when none.
func (t *table) summaryLine(v string) string {
	switch {
	case isFooterText(v):
		return skipFooter
	case isTotalText(v):
		t.afterTotal = true
		return skipTotal
	case hasPrefixFold(v, "subtotal"):
		return skipSubtotal
	}
	return ""
}

// headerRepeat says whether a row repeats the header: its first value v
// (at column first) is the header's, and so are at least half its values.
func (t *table) headerRepeat(cells []string, first int, v string) bool {
	if first >= len(t.header) || !strings.EqualFold(v, strings.TrimSpace(t.header[first])) {
		return false
	}
	same, all := 0, 0
	for i, c := range cells {
		if isBlank(c) {
			continue
		}
		all++
		if i < len(t.header) && strings.EqualFold(strings.TrimSpace(c), strings.TrimSpace(t.header[i])) {
			same++
		}
	}
	return same*2 >= all
}

// startGroup starts the group a heading row names, in column col.
func (t *table) startGroup(col int, label string) {
	if col < len(t.fill) && t.mapped[col] {
		t.setFill(col, label)
		return
	}
	// A label in a column without a field (such as the empty column A): it
	// belongs to the grouped column, found on the next detail row.
	t.pendingGroup = label
}

// groupColumn reports whether column col holds a field reports group by.
func (t *table) groupColumn(col int) bool {
	for _, f := range groupFields {
		for _, c := range t.m[f] {
			if c == col {
				return true
			}
		}
	}
	return false
}

// requiredColumn reports whether column col holds a required field.
func (t *table) requiredColumn(col int) bool {
	for _, f := range t.required {
		for _, c := range t.m[f] {
			if c == col {
				return true
			}
		}
	}
	return false
}

// setFill starts a group: its value fills column col down, and groups
// nested to the right end.
func (t *table) setFill(col int, label string) {
	t.fill[col] = label
	for i := col + 1; i < len(t.fill); i++ {
		t.fill[i] = ""
	}
}

// groupFields are the fields a report may group by.
var groupFields = []string{fRegion, fOwner, fAccount, fMarket, fStage, fType, fForecastCategory, fCountry, fManager, fProduct}

// placePendingGroup puts a group label found in a column without a field
// into the grouped column: the leftmost column of a group field that is
// blank on the group's first detail row.
func (t *table) placePendingGroup(cells []string) {
	best := -1
	for _, f := range groupFields {
		for _, c := range t.m[f] {
			if (c >= len(cells) || isBlank(cells[c])) && (best < 0 || c < best) {
				best = c
			}
		}
	}
	if best >= 0 {
		t.setFill(best, t.pendingGroup)
	}
	t.pendingGroup = ""
}

func headerAt(h []string, i int) string {
	if i < len(h) {
		return h[i]
	}
	return ""
}

// requiredBlank reports whether every required field's cells, other than
// column except, are blank in the row.
func (t *table) requiredBlank(cells []string, except int) bool {
	for _, f := range t.required {
		for _, c := range t.m[f] {
			if c != except && c < len(cells) && !isBlank(cells[c]) {
				return false
			}
		}
	}
	return true
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
		default:
			if s[i] == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 { // no-break space
				i++
				continue
			}
			return false
		}
	}
	return true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isFooterText(v string) bool {
	return hasPrefixFold(v, "confidential information") || hasPrefixFold(v, "copyright") ||
		hasPrefixFold(v, "generated by") || hasPrefixFold(v, "powered by") ||
		strings.EqualFold(v, "salesforce.com") || strings.Contains(v, "salesforce.com, inc")
}

func isTotalText(v string) bool {
	if hasPrefixFold(v, "grand total") {
		v = v[len("grand total"):]
	} else if hasPrefixFold(v, "total") {
		v = v[len("total"):]
	} else {
		return false
	}
	v = strings.TrimSpace(v)
	return v == "" || v[0] == '(' || v[0] == ':'
}

// groupLabel reads a group heading "Central (3512)", "Central (3,512
// records)" or "Region: Central (3512)" (when "Region" is the column's
// header), returning "Central".
func groupLabel(v, header string) (string, bool) {
	if !strings.HasSuffix(v, ")") {
		return "", false
	}
	open := strings.LastIndexByte(v, '(')
	if open <= 0 {
		return "", false
	}
	inner := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(v[open+1:len(v)-1]), " records"), " record")
	if inner == "" {
		return "", false
	}
	for i := 0; i < len(inner); i++ {
		if !(inner[i] >= '0' && inner[i] <= '9' || inner[i] == ',' || inner[i] == '.') {
			return "", false
		}
	}
	label := strings.TrimSpace(v[:open])
	if h := strings.TrimSpace(header); h != "" && hasPrefixFold(label, h+":") {
		label = strings.TrimSpace(label[len(h)+1:])
	}
	if label == "" {
		return "", false
	}
	return label, true
}

// count adds a row to a summary warning's tally.
func (t *table) count(key string, pos report.Position) {
	c := t.counts[key]
	if c == nil {
		c = &tally{pos: pos}
		t.counts[key] = c
	}
	c.n++
}

// formulaAt returns the formula of a cell that read blank, when the source
// can tell.
func (t *table) formulaAt(row, col int) (string, bool) {
	if fs, ok := t.src.(formulaSource); ok && col >= 0 {
		return fs.formula(row, col+1)
	}
	return "", false
}

// blankMsg says why a required cell is blank: a formula without a cached
// value, or simply blank (followed by context, e.g. " on a won deal").
func (t *table) blankMsg(row, col int, what string, context ...string) string {
	if f, ok := t.formulaAt(row, col); ok {
		return formulaMsg(what, f)
	}
	return what + " is blank" + strings.Join(context, "")
}

func formulaMsg(what, formula string) string {
	return fmt.Sprintf("%s is a formula (=%s) without a cached value; open and save the workbook in Excel to compute it", what, oneLine(formula))
}

// record parses one row into a record of the table's kind.
func (t *table) record(num int, cells []string) bool {
	switch t.kind {
	case report.DealTable:
		return t.deal(num, cells)
	case report.ActivityTable:
		return t.activity(num, cells)
	case report.RosterTable:
		return t.rosterEntry(num, cells)
	case report.AccountTable:
		return t.account(num, cells)
	case report.TargetTable:
		return t.target(num, cells)
	case report.ForecastTable:
		return t.forecast(num, cells)
	}
	return false
}

// ref is the source reference of a row of this table.
func (t *table) ref(num int) report.Ref {
	return report.Ref{Table: int32(t.idx), Row: int32(num)}
}

// date reads a date field. For a d/m/y text date whose order is not yet
// known it returns pending=true; the record is updated when the column's
// order is settled (setDay).
func (t *table) date(num int, cells []string, field string, rec int) (d report.Day, ok bool) {
	v, col := t.get(cells, field)
	if v == "" {
		return report.NoDay, true
	}
	p, msg := parseDate(v, t.r.date1904)
	if msg != "" {
		t.r.errorAt(t.pos(num, col), fmt.Sprintf("%s %s %s", dateLabel(field), quoteText(v), msg))
		return report.NoDay, false
	}
	if !p.Ambiguous && p.Hint == orderUnknown {
		return p.Day, true
	}
	dc := t.dates[col]
	if dc == nil {
		dc = &dateColumn{}
		t.dates[col] = dc
	}
	if p.Hint != orderUnknown {
		switch dc.order {
		case orderUnknown:
			dc.order = p.Hint
			dc.evidence = fmt.Sprintf("%s at %s", quoteText(v), cellRef(num, col))
			t.resolve(dc)
		case p.Hint:
		default:
			t.r.errorAt(t.pos(num, col), fmt.Sprintf("%s %s does not fit the column's %s order (settled by %s)", dateLabel(field), quoteText(v), dc.order, dc.evidence))
			return report.NoDay, false
		}
		return p.Day, true
	}
	switch dc.order {
	case orderDMY:
		return p.DMY, true
	case orderMDY:
		return p.MDY, true
	}
	if len(dc.pending) == 0 {
		dc.firstText = v
	}
	dc.pending = append(dc.pending, pendingDate{rec: int32(rec), row: int32(num), field: field, dmy: p.DMY, mdy: p.MDY})
	return report.NoDay, true
}

func cellRef(row, col int) string {
	return cellref.Column(col+1) + strconv.Itoa(row)
}

// resolve sets the pending dates of a column whose order is now known.
func (t *table) resolve(dc *dateColumn) {
	for _, p := range dc.pending {
		d := p.dmy
		if dc.order == orderMDY {
			d = p.mdy
		}
		t.setDay(int(p.rec), p.field, d)
	}
	dc.pending = nil
}

// setDay stores a date that was waiting for its column's order.
func (t *table) setDay(rec int, field string, d report.Day) {
	recs := t.r.recs
	switch t.kind {
	case report.DealTable:
		switch field {
		case fCreated:
			recs.Deals[rec].Created = d
		case fClose:
			recs.Deals[rec].Close = d
		case fServiceStart:
			recs.Deals[rec].ServiceStart = d
		}
	case report.ActivityTable:
		recs.Activities[rec].Date = d
	case report.RosterTable:
		recs.Roster[rec].Hired = d
	case report.TargetTable:
		recs.Targets[rec].Period = periodOf(d, t.r.calendar())
	case report.ForecastTable:
		recs.Forecasts[rec].Submitted = d
	}
}

// finish settles what could only be decided over the whole table: date
// orders, probability scale, summary warnings.
func (t *table) finish() {
	// Date columns still undecided take the order of another column of the
	// same table, else they are an error.
	var settled *dateColumn
	cols := make([]int, 0, len(t.dates))
	for c := range t.dates {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	for _, c := range cols {
		if dc := t.dates[c]; dc.order != orderUnknown && settled == nil {
			settled = dc
		}
	}
	for _, c := range cols {
		dc := t.dates[c]
		if len(dc.pending) == 0 {
			continue
		}
		if settled != nil {
			dc.order = settled.order
			t.resolve(dc)
			continue
		}
		p := dc.pending[0]
		t.r.errorAt(t.pos(int(p.row), c), fmt.Sprintf("dates in column %s are ambiguous: %s and the column's other dates read as both D/M/Y and M/D/Y; set the date order (DMY or MDY) in the configuration",
			quoteText(strings.TrimSpace(headerAt(t.header, c))), quoteText(dc.firstText)))
	}
	if t.kind == report.DealTable {
		t.finishProbabilities()
	}
	keys := sortedKeys(t.counts)
	for _, k := range keys {
		c := t.counts[k]
		t.r.warnAt(c.pos, fmt.Sprintf(k, c.n))
	}
}

// finishProbabilities scales a column of fractions (every value 1 or less,
// none written with '%') to percentages, then checks the range.
func (t *table) finishProbabilities() {
	deals := t.r.recs.Deals
	if t.probMax <= 1 {
		for _, i := range t.probIdx {
			deals[i].Probability *= 100
		}
	}
	col := -1
	if cs := t.m[fProbability]; len(cs) > 0 {
		col = cs[0]
	}
	for i := t.start; i < len(deals); i++ {
		d := &deals[i]
		if d.HasProbability && (d.Probability < 0 || d.Probability > 100) {
			t.r.errorAt(t.pos(int(d.Src.Row), col), fmt.Sprintf("probability %s is not between 0 and 100", strconv.FormatFloat(d.Probability, 'f', -1, 64)))
		}
	}
}

// dateLabel names a date field in messages: "close date", "date", ...
func dateLabel(f string) string {
	if f == fDate {
		return "date"
	}
	return fieldLabel(f) + " date"
}

func fieldLabel(f string) string {
	switch f {
	case fAmountConverted:
		return "converted amount"
	case fCreated:
		return "created"
	case fClose:
		return "close"
	case fServiceStart:
		return "service start"
	case fHired:
		return "hire"
	case fSubmitted:
		return "submitted"
	}
	return strings.ReplaceAll(f, "_", " ")
}

// money reads an amount cell in a field and converts it to the report
// currency. currency is the code from a currency column ("" when none).
func (t *table) money(num int, field, v string, col int, currency string, curCol int) (m report.Money, code string, ok bool) {
	a, good := parseAmount(v)
	if !good {
		t.r.errorAt(t.pos(num, col), fmt.Sprintf("%s %s is not a number", fieldLabel(field), quoteText(v)))
		return 0, "", false
	}
	code = currency
	codeCol := curCol
	if a.Currency != "" {
		if code != "" && code != a.Currency {
			t.r.errorAt(t.pos(num, col), fmt.Sprintf("%s %s is in %s but the currency column says %s", fieldLabel(field), quoteText(v), a.Currency, code))
			return 0, "", false
		}
		code, codeCol = a.Currency, col
	}
	rate := 1.0
	if code != "" && code != t.r.currency {
		r, has := t.r.rates[code]
		if !has {
			t.r.errorAt(t.pos(num, codeCol), fmt.Sprintf("currency %s has no rate to %s; add it to the rates in the configuration", quoteText(code), t.r.currency))
			return 0, "", false
		}
		rate = r
	}
	x := a.Value * rate
	if math.Abs(x) > report.MaxAmount {
		t.r.errorAt(t.pos(num, col), fmt.Sprintf("%s %s is more than a trillion %s, the largest amount a record may hold", fieldLabel(field), quoteText(v), t.r.currency))
		return 0, "", false
	}
	// Converted to the millionth, never rounded to the cent: totals are sums
	// of unrounded amounts (METRICS.md "Rounding and display").
	return report.MoneyFromFloat(x), code, true
}

// currencyCode reads a currency column's cell.
func (t *table) currencyCode(num int, cells []string) (string, int, bool) {
	v, col := t.get(cells, fCurrency)
	if v == "" {
		return "", col, true
	}
	code := strings.ToUpper(v)
	if len(code) != 3 || !isUpperCode(code) {
		t.r.errorAt(t.pos(num, col), fmt.Sprintf("currency %s is not a three-letter ISO code", quoteText(v)))
		return "", col, false
	}
	return code, col, true
}

// stageStatus maps a stage to won, lost or open.
func (t *table) stageStatus(stage string) report.Status {
	if stage == "" {
		return report.Open
	}
	if v, ok := t.stages[stage]; ok {
		return v
	}
	v := t.r.stageStatus(stage)
	remember(&t.stages, stage, v)
	return v
}

// stageStatus maps a stage to won, lost or open by the configured names.
func (r *reader) stageStatus(stage string) report.Status {
	k := normKey(stage)
	switch {
	case r.won[k]:
		return report.Won
	case r.lost[k]:
		return report.Lost
	}
	return report.Open
}

func canonicalCategory(s string) string {
	switch normKey(s) {
	case "pipeline":
		return "Pipeline"
	case "bestcase":
		return "Best Case"
	case "commit":
		return "Commit"
	case "closed":
		return "Closed"
	case "omitted":
		return "Omitted"
	}
	return s
}

// activityType normalises an activity type (METRICS.md).
func activityType(s string) report.ActivityType {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "voicemail") || strings.Contains(l, "call") || strings.Contains(l, "phone") || strings.Contains(l, "dial"):
		return report.Call
	case strings.Contains(l, "mail") || strings.Contains(l, "e-mail") || strings.Contains(l, "newsletter"):
		return report.Email
	case strings.Contains(l, "meeting") || strings.Contains(l, "event") || strings.Contains(l, "demo") ||
		strings.Contains(l, "presentation") || strings.Contains(l, "visit") || strings.Contains(l, "lunch") ||
		strings.Contains(l, "conference") || strings.Contains(l, "webinar"):
		return report.Meeting
	}
	return report.OtherActivity
}

func (t *table) activity(num int, cells []string) bool {
	rec := len(t.r.recs.Activities)
	a := report.Activity{Src: t.ref(num)}
	a.ID = t.text(cells, fID)
	a.RawType = t.sym(cells, fActivityType)
	a.Type = t.activityType(a.RawType.String())
	if a.Type == report.OtherActivity {
		if s, _ := t.get(cells, fSubject); s != "" {
			if st := t.activityType(s); st != report.OtherActivity {
				a.Type = st
				if a.RawType == 0 {
					a.RawType = t.intern(s)
				}
			}
		}
	}
	a.Owner = t.sym(cells, fOwner)
	a.Account = t.sym(cells, fAccount)
	a.DealID = t.text(cells, fDealID)
	a.Region = t.sym(cells, fRegion)
	var ok bool
	a.Date, ok = t.date(num, cells, fDate, rec)
	if v, col := t.get(cells, fDate); v == "" {
		t.count("%d activities have no date", t.pos(num, col))
	}
	t.r.recs.Activities = append(t.r.recs.Activities, a)
	return ok
}

func (t *table) rosterEntry(num int, cells []string) bool {
	rec := len(t.r.recs.Roster)
	e := report.RosterEntry{Src: t.ref(num)}
	var col int
	e.Owner, col = t.getSym(cells, fOwner)
	ok := true
	if e.Owner == 0 {
		t.r.errorAt(t.pos(num, col), t.blankMsg(num, col, "owner"))
		ok = false
	}
	e.Region, col = t.getSym(cells, fRegion)
	if e.Region == 0 {
		t.count("%d roster entries have no region", t.pos(num, col))
	}
	e.Manager = t.sym(cells, fManager)
	var good bool
	e.Hired, good = t.date(num, cells, fHired, rec)
	t.r.recs.Roster = append(t.r.recs.Roster, e)
	return ok && good
}

func (t *table) account(num int, cells []string) bool {
	a := report.Account{Src: t.ref(num)}
	var col int
	a.Name, col = t.getSym(cells, fAccount)
	if a.Name == 0 {
		t.r.errorAt(t.pos(num, col), t.blankMsg(num, col, "account name"))
		return false
	}
	a.Market = t.sym(cells, fMarket)
	a.Region = t.sym(cells, fRegion)
	a.Country = t.sym(cells, fCountry)
	t.r.recs.Accounts = append(t.r.recs.Accounts, a)
	return true
}

func (t *table) target(num int, cells []string) bool {
	rec := len(t.r.recs.Targets)
	g := report.Target{Src: t.ref(num)}
	ok := true
	g.Region = t.sym(cells, fRegion)
	g.Owner = t.sym(cells, fOwner)
	if g.Region == 0 && g.Owner == 0 {
		_, col := t.get(cells, fRegion)
		if col < 0 {
			_, col = t.get(cells, fOwner)
		}
		t.r.errorAt(t.pos(num, col), "target has neither a region nor an owner")
		ok = false
	}
	if v, col := t.get(cells, fPeriod); v != "" {
		p, good := parsePeriod(v, t.r.calendar(), t.r.date1904)
		if !good {
			t.r.errorAt(t.pos(num, col), fmt.Sprintf("period %s is not a fiscal quarter like FY2026-Q3", quoteText(v)))
			ok = false
		}
		g.Period = p
	} else if _, dcol := t.get(cells, fDate); dcol >= 0 {
		d, good := t.date(num, cells, fDate, rec)
		if dv, _ := t.get(cells, fDate); dv == "" {
			t.r.errorAt(t.pos(num, dcol), t.blankMsg(num, dcol, "target date"))
			good = false
		}
		if d.Valid() {
			g.Period = periodOf(d, t.r.calendar())
		}
		ok = ok && good
	} else {
		t.r.errorAt(t.pos(num, col), t.blankMsg(num, col, "period"))
		ok = false
	}
	v, col := t.get(cells, fTarget)
	if v == "" {
		t.r.errorAt(t.pos(num, col), t.blankMsg(num, col, "target"))
		ok = false
	} else if m, _, good := t.money(num, fTarget, v, col, "", -1); good {
		g.Amount = m
	} else {
		ok = false
	}
	t.r.recs.Targets = append(t.r.recs.Targets, g)
	return ok
}

func (t *table) forecast(num int, cells []string) bool {
	rec := len(t.r.recs.Forecasts)
	fc := report.ForecastCall{Src: t.ref(num)}
	ok := true
	var col int
	fc.Region, col = t.getSym(cells, fRegion)
	if fc.Region == 0 {
		t.r.errorAt(t.pos(num, col), t.blankMsg(num, col, "region"))
		ok = false
	}
	v, col := t.get(cells, fPeriod)
	if v == "" {
		t.r.errorAt(t.pos(num, col), t.blankMsg(num, col, "period"))
		ok = false
	} else if p, good := parsePeriod(v, t.r.calendar(), t.r.date1904); good {
		fc.Period = p
	} else {
		t.r.errorAt(t.pos(num, col), fmt.Sprintf("period %s is not a fiscal quarter like FY2026-Q3", quoteText(v)))
		ok = false
	}
	var good bool
	fc.Submitted, good = t.date(num, cells, fSubmitted, rec)
	ok = ok && good
	v, col = t.get(cells, fCommit)
	if v == "" {
		t.r.errorAt(t.pos(num, col), t.blankMsg(num, col, "commit"))
		ok = false
	} else if m, _, good := t.money(num, fCommit, v, col, "", -1); good {
		fc.Commit = m
	} else {
		ok = false
	}
	if v, col := t.get(cells, fBestCase); v != "" {
		if m, _, good := t.money(num, fBestCase, v, col, "", -1); good {
			fc.BestCase, fc.HasBest = m, true
		} else {
			ok = false
		}
	}
	t.r.recs.Forecasts = append(t.r.recs.Forecasts, fc)
	return ok
}

// periodOf names the fiscal quarter of a day the way the review does.
func periodOf(d report.Day, cal report.Calendar) string {
	if !d.Valid() {
		return ""
	}
	return cal.QuarterOf(d).Name
}

// parsePeriod reads a fiscal quarter: "FY2026-Q3", "FY2026 Q3", "2026-Q3",
// "Q3 2026", "Q3 FY2026", "FY26 Q3", or a date (the quarter containing it).
func parsePeriod(s string, cal report.Calendar, date1904 bool) (string, bool) {
	u := strings.ToUpper(strings.TrimSpace(s))
	var year, q int
	fields := strings.FieldsFunc(u, func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == '_' })
	if len(fields) == 1 {
		if i := strings.Index(u, "Q"); i > 0 {
			fields = []string{u[:i], u[i:]}
		}
	}
	if len(fields) == 2 {
		for _, f := range fields {
			switch {
			case len(f) == 2 && f[0] == 'Q' && f[1] >= '1' && f[1] <= '4':
				q = int(f[1] - '0')
			default:
				f = strings.TrimPrefix(f, "FY")
				n, err := strconv.Atoi(f)
				if err != nil || n < 0 {
					return "", false
				}
				switch len(f) {
				case 2:
					year = 2000 + n
				case 4:
					year = n
				default:
					return "", false
				}
			}
		}
		if q > 0 && year >= 1900 && year <= 9999 {
			return fmt.Sprintf("FY%d-Q%d", year, q), true
		}
	}
	if p, msg := parseDate(s, date1904); msg == "" && !p.Ambiguous {
		return periodOf(p.Day, cal), true
	}
	return "", false
}
