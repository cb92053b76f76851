// Package benchdata writes large, deterministic CRM exports for the
// benchmarks: a deals workbook (sheet "Opportunities", 9 columns) and an
// activities workbook (sheet "Activities", 5 columns) of N data rows each,
// laid out as Excel saves them: every text cell in the shared-string table,
// dates as serial numbers with a date format, amounts with a number format.
// The same rows and seed always give byte-identical files.
package benchdata

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/salesreview/salesreview/report/cellref"
)

// DealSheet and ActivitySheet name the generated worksheets.
const (
	DealSheet     = "Opportunities"
	ActivitySheet = "Activities"
)

// Shape says how many distinct names the generated rows carry. The zero
// Shape is the benchmarks' own: one account per 20 rows (at least 50),
// one rep per 2,500 rows (16 to 400), and deal names made of the account
// and one of four kinds of deal, so that names repeat.
type Shape struct {
	Accounts    int  // distinct accounts; 0: the default
	Reps        int  // distinct reps (owners); 0: the default
	UniqueNames bool // every deal has a name of its own
	// InlineStrings writes text into the cells (t="inlineStr"), as
	// excelize's StreamWriter does, instead of the shared-string table.
	InlineStrings bool
}

// suffix tells a shaped workbook's file name from the default's.
func (s Shape) suffix() string {
	if s == (Shape{}) {
		return ""
	}
	x := ""
	if s.Accounts > 0 {
		x += fmt.Sprintf("-a%d", s.Accounts)
	}
	if s.Reps > 0 {
		x += fmt.Sprintf("-r%d", s.Reps)
	}
	if s.UniqueNames {
		x += "-unique"
	}
	if s.InlineStrings {
		x += "-inline"
	}
	return x
}

// Paths returns where Write puts the two workbooks of n rows in dir.
func Paths(dir string, n int) (deals, activities string) {
	return ShapePaths(dir, n, Shape{})
}

// ShapePaths returns where WriteShape puts the two workbooks of n rows of
// shape s in dir.
func ShapePaths(dir string, n int, s Shape) (deals, activities string) {
	x := s.suffix()
	return filepath.Join(dir, fmt.Sprintf("deals-%d%s.xlsx", n, x)), filepath.Join(dir, fmt.Sprintf("activities-%d%s.xlsx", n, x))
}

// Write writes the deals and activities workbooks of n data rows each into
// dir and returns their paths.
func Write(dir string, n int, seed uint64) (deals, activities string, err error) {
	return WriteShape(dir, n, seed, Shape{})
}

// WriteShape is Write with the distinct names of shape s.
func WriteShape(dir string, n int, seed uint64, s Shape) (deals, activities string, err error) {
	if n < 1 || n > 1048575 {
		return "", "", fmt.Errorf("rows must be 1..1048575, not %d", n)
	}
	if s.Accounts < 0 || s.Reps < 0 {
		return "", "", fmt.Errorf("accounts and reps must not be negative")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	g := newGenerator(n, seed, s)
	deals, activities = ShapePaths(dir, n, s)
	if err := writeBook(deals, DealSheet, dealHeader, n, g.deal, s.InlineStrings); err != nil {
		return "", "", err
	}
	if err := writeBook(activities, ActivitySheet, activityHeader, n, g.activity, s.InlineStrings); err != nil {
		return "", "", err
	}
	return deals, activities, nil
}

// Cached returns the two workbooks of n rows (seed 2026) in the folder
// named by $SALESREVIEW_BENCHDATA, else in the system's temporary folder,
// writing them the first time.
func Cached(n int) (deals, activities string, err error) {
	dir := os.Getenv("SALESREVIEW_BENCHDATA")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "salesreview-benchdata")
	}
	deals, activities = Paths(dir, n)
	_, e1 := os.Stat(deals)
	_, e2 := os.Stat(activities)
	if e1 == nil && e2 == nil {
		return deals, activities, nil
	}
	return Write(dir, n, 2026)
}

var (
	dealHeader     = []string{"Opportunity ID", "Opportunity Name", "Account Name", "Opportunity Owner", "Region", "Stage", "Amount", "Created Date", "Close Date"}
	activityHeader = []string{"Activity Type", "Date", "Assigned", "Account Name", "Opportunity ID"}
	regions        = []string{"NA East", "NA West", "LATAM", "UK & Ireland", "DACH", "Nordics", "APAC", "ANZ"}
	openStages     = []string{"Prospecting", "Qualification", "Proposal", "Negotiation"}
	kinds          = []string{"New platform", "Upsell", "Renewal", "Services"}
	activityTypes  = []string{"Call", "Email", "Meeting", "Demo", "Task"}
	epoch          = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	start          = time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
)

// cell is one generated value: text (shared string), number, or date.
type cell struct {
	kind byte // 's' text, 'n' number, 'd' date serial
	text string
	num  float64
}

type generator struct {
	r        *rand.Rand
	rows     int
	unique   bool // every deal its own name
	accounts []string
	reps     []string
	repReg   []string
	buf      []cell
}

func newGenerator(rows int, seed uint64, s Shape) *generator {
	g := &generator{r: rand.New(rand.NewPCG(seed, 7)), rows: rows, unique: s.UniqueNames}
	nAcc := max(50, rows/20)
	if s.Accounts > 0 {
		nAcc = s.Accounts
	}
	words := []string{"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Wonka"}
	suffix := []string{"Corp", "GmbH", "Ltd", "Inc", "AB", "Pty", "S.A.", "& Sons"}
	for i := 0; i < nAcc; i++ {
		g.accounts = append(g.accounts, fmt.Sprintf("%s %s %d", words[i%len(words)], suffix[i/len(words)%len(suffix)], i))
	}
	nReps := max(16, min(400, rows/2500))
	if s.Reps > 0 {
		nReps = s.Reps
	}
	first := []string{"Ana", "Ben", "Chloe", "Dev", "Eva", "Farid", "Greta", "Hiro", "Ines", "Jon", "Kai", "Lena"}
	for i := 0; i < nReps; i++ {
		g.reps = append(g.reps, fmt.Sprintf("%s Rep%03d", first[i%len(first)], i))
		g.repReg = append(g.repReg, regions[i%len(regions)])
	}
	return g
}

func (g *generator) day(spanDays int) time.Time {
	return start.AddDate(0, 0, g.r.IntN(spanDays))
}

func serial(t time.Time) float64 { return float64(t.Sub(epoch).Hours() / 24) }

func dealID(i int) string { return fmt.Sprintf("OPP-%07d", i) }

// deal returns the cells of data row i (0-based).
func (g *generator) deal(i int) []cell {
	acc := g.accounts[g.r.IntN(len(g.accounts))]
	rep := g.r.IntN(len(g.reps))
	created := g.day(900)
	closeDay := created.AddDate(0, 0, 14+g.r.IntN(150))
	var stage string
	switch p := g.r.IntN(100); {
	case p < 35:
		stage = "Closed Won"
	case p < 65:
		stage = "Closed Lost"
	default:
		stage = openStages[g.r.IntN(len(openStages))]
	}
	amount := float64(1000+g.r.IntN(199000)) + float64(g.r.IntN(100))/100
	name := acc + " - " + kinds[g.r.IntN(len(kinds))]
	if g.unique {
		name += " " + strconv.Itoa(i+1)
	}
	g.buf = append(g.buf[:0],
		cell{kind: 's', text: dealID(i)},
		cell{kind: 's', text: name},
		cell{kind: 's', text: acc},
		cell{kind: 's', text: g.reps[rep]},
		cell{kind: 's', text: g.repReg[rep]},
		cell{kind: 's', text: stage},
		cell{kind: 'n', num: amount},
		cell{kind: 'd', num: serial(created)},
		cell{kind: 'd', num: serial(closeDay)},
	)
	return g.buf
}

// activity returns the cells of data row i (0-based).
func (g *generator) activity(i int) []cell {
	d := g.r.IntN(g.rows)
	rep := g.r.IntN(len(g.reps))
	g.buf = append(g.buf[:0],
		cell{kind: 's', text: activityTypes[g.r.IntN(len(activityTypes))]},
		cell{kind: 'd', num: serial(g.day(1000))},
		cell{kind: 's', text: g.reps[rep]},
		cell{kind: 's', text: g.accounts[g.r.IntN(len(g.accounts))]},
		cell{kind: 's', text: dealID(d)},
	)
	return g.buf
}

// writeBook writes one workbook with one sheet of header plus n rows,
// through a temporary name so that a cut run leaves no half file.
// Text goes to the shared-string table, as Excel saves it, or with inline
// set into the cells themselves, as excelize's StreamWriter writes it.
func writeBook(path, sheetName string, header []string, n int, row func(int) []cell, inline bool) (err error) {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	zw := zip.NewWriter(f)
	fixed := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	create := func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: fixed})
	}
	put := func(name, body string) error {
		w, err := create(name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, body)
		return err
	}
	for _, p := range [][2]string{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/app.xml", appXML},
		{"xl/workbook.xml", strings.Replace(workbookXML, "SHEET", sheetName, 1)},
		{"xl/_rels/workbook.xml.rels", workbookRels},
		{"xl/styles.xml", stylesXML},
	} {
		if err := put(p[0], p[1]); err != nil {
			return err
		}
	}
	sw, err := create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	sst := newSST()
	w := bufio.NewWriterSize(sw, 1<<16)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:%s%d"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>`,
		cellref.Column(len(header)), n+1)
	spans := "1:" + strconv.Itoa(len(header))
	hdr := make([]cell, len(header))
	for i, h := range header {
		hdr[i] = cell{kind: 's', text: h}
	}
	var line []byte
	for r := 1; r <= n+1; r++ {
		cells := hdr
		if r > 1 {
			cells = row(r - 2)
		}
		line = appendRow(line[:0], r, spans, cells, sst, inline)
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	w.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	if err := w.Flush(); err != nil {
		return err
	}
	ssw, err := create("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	if err := sst.write(ssw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// appendRow appends the XML of row r (its cells; spans as Excel writes
// it) to line.
func appendRow(line []byte, r int, spans string, cells []cell, sst *sst, inline bool) []byte {
	line = append(line, `<row r="`...)
	line = strconv.AppendInt(line, int64(r), 10)
	line = append(line, `" spans="`...)
	line = append(line, spans...)
	line = append(line, `">`...)
	for c, v := range cells {
		line = append(line, `<c r="`...)
		line = append(line, cellref.Column(c+1)...)
		line = strconv.AppendInt(line, int64(r), 10)
		switch {
		case v.kind == 's' && inline:
			line = append(line, `" t="inlineStr"><is><t>`...)
			line = appendEscaped(line, v.text)
			line = append(line, `</t></is></c>`...)
			continue
		case v.kind == 's':
			line = append(line, `" t="s"><v>`...)
			line = strconv.AppendInt(line, int64(sst.index(v.text)), 10)
		case v.kind == 'n':
			line = append(line, `" s="2"><v>`...)
			line = strconv.AppendFloat(line, v.num, 'f', -1, 64)
		case v.kind == 'd':
			line = append(line, `" s="1"><v>`...)
			line = strconv.AppendFloat(line, v.num, 'f', -1, 64)
		}
		line = append(line, `</v></c>`...)
	}
	return append(line, `</row>`...)
}

// appendEscaped appends t with &, < and > escaped for XML text.
func appendEscaped(line []byte, t string) []byte {
	for i := 0; i < len(t); i++ {
		switch c := t[i]; c {
		case '&':
			line = append(line, "&amp;"...)
		case '<':
			line = append(line, "&lt;"...)
		case '>':
			line = append(line, "&gt;"...)
		default:
			line = append(line, c)
		}
	}
	return line
}

// sst is a shared-string table in first-use order.
type sst struct {
	idx   map[string]int
	order []string
	refs  int
}

func newSST() *sst { return &sst{idx: map[string]int{}} }

func (s *sst) index(t string) int {
	s.refs++
	if i, ok := s.idx[t]; ok {
		return i
	}
	s.idx[t] = len(s.order)
	s.order = append(s.order, t)
	return len(s.order) - 1
}

func (s *sst) write(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, s.refs, len(s.order))
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	for _, t := range s.order {
		bw.WriteString("<si><t>")
		esc.WriteString(bw, t)
		bw.WriteString("</t></si>")
	}
	bw.WriteString("</sst>")
	return bw.Flush()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`

const appXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`

const workbookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><bookViews><workbookView/></bookViews><sheets><sheet name="SHEET" sheetId="1" r:id="rId1"/></sheets></workbook>`

const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`

// stylesXML: style 1 is a date (numFmt 14), style 2 an amount (numFmt 4).
const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
