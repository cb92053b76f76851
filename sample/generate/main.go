// Command generate writes the sample review's workbooks into sample/: a
// fictitious software company with 8 regions over three fiscal years
// (February start), about 5,000 deals and 80,000 activities, a team roster,
// quarterly targets per region and rep, weekly forecast calls, and a
// previous pipeline snapshot a quarter before the report date.
//
// It is seeded and writes byte-identical files on every run (fixed document
// properties, no clock), so the generated workbooks are committed beside it.
// Run it with `make sample`.
package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"
)

// The calendar of the sample: fiscal years start in February; the report
// date is 2026-11-15, in FY2027-Q4; the previous snapshot is a quarter
// earlier.
var (
	firstDay = day(2024, 2, 1)   // FY2025 starts
	asOf     = day(2026, 11, 15) // newest data
	snapshot = day(2026, 8, 15)  // previous pipeline export
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

type region struct {
	name      string
	currency  string
	countries []string
	size      float64 // relative market size
}

var regions = []region{
	{"NA East", "USD", []string{"United States", "Canada"}, 1.4},
	{"NA West", "USD", []string{"United States"}, 1.3},
	{"LATAM", "USD", []string{"Brazil", "Mexico", "Chile"}, 0.6},
	{"UK & Ireland", "GBP", []string{"United Kingdom", "Ireland"}, 0.9},
	{"DACH", "EUR", []string{"Germany", "Austria", "Switzerland"}, 1.0},
	{"France & Benelux", "EUR", []string{"France", "Belgium", "Netherlands"}, 0.8},
	{"Nordics", "EUR", []string{"Sweden", "Denmark", "Finland", "Norway"}, 0.6},
	{"APAC", "USD", []string{"Australia", "Singapore", "Japan"}, 0.9},
}

// rates are the report-currency (USD) value of one unit, as in salesreview.yaml.
var rates = map[string]float64{"USD": 1, "EUR": 1.08, "GBP": 1.27}

var industries = []string{"Software", "Manufacturing", "Financial Services", "Healthcare", "Retail", "Public Sector", "Logistics"}

var stages = []struct {
	name     string
	prob     float64
	category string
}{
	{"Prospecting", 10, "Pipeline"},
	{"Qualification", 25, "Pipeline"},
	{"Proposal", 50, "Best Case"},
	{"Negotiation", 75, "Commit"},
}

type rep struct {
	name, region, manager string
	hired                 time.Time
}

type account struct {
	name, industry, country, region string
}

type deal struct {
	id, name, account, owner, region, stage, category, typ, currency string
	amount                                                           float64 // in currency
	prob                                                             float64
	term                                                             int
	created, close                                                   time.Time
	status                                                           string // won, lost, open
	meetings, calls, emails                                          int
	// As seen in the previous snapshot.
	prevStage, prevCategory string
	prevClose               time.Time
	prevAmount              float64
	prevProb                float64
}

type activity struct {
	typ, owner, account, dealID string
	date                        time.Time
}

func main() {
	out := flag.String("out", "sample", "folder to write the workbooks into")
	seed := flag.Uint64("seed", 6, "random seed (6 tells a story of steady growth)")
	flag.Parse()
	if err := run(*out, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

func run(out string, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 0x5a1e5))
	reps := makeReps(r)
	accounts := makeAccounts(r)
	deals := makeDeals(r, reps, accounts)
	acts := makeActivities(r, deals)
	if err := writeDeals(filepath.Join(out, "deals.xlsx"), deals, accounts, false); err != nil {
		return err
	}
	if err := writeDeals(filepath.Join(out, "pipeline-2026-08-15.xlsx"), deals, nil, true); err != nil {
		return err
	}
	if err := writeActivities(filepath.Join(out, "activities.xlsx"), acts); err != nil {
		return err
	}
	return writeTeam(filepath.Join(out, "team.xlsx"), r, reps, deals)
}

var firstNames = []string{"Ava", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Hugo", "Isla", "Jonas", "Kira", "Leo",
	"Maya", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Will", "Xenia", "Yusuf", "Zoe",
	"Amir", "Bianca", "Carlos", "Dana", "Erik", "Freya", "Gustav", "Hana", "Ivan", "Julia", "Kenji", "Lena", "Marco", "Nina",
	"Oscar", "Priya", "Rafael", "Sofia", "Theo", "Ulla", "Victor", "Wen"}
var lastNames = []string{"Andersen", "Brooks", "Costa", "Dubois", "Eriksson", "Fischer", "Garcia", "Hughes", "Ito", "Jansen",
	"Keller", "Larsen", "Moreau", "Nakamura", "O'Brien", "Peters", "Quintero", "Rossi", "Schmidt", "Tanaka", "Usman", "Vogel",
	"Walsh", "Young", "Zimmer", "Berg", "Clarke", "Duarte", "Evans", "Ferreira", "Gruber", "Haas", "Iyer", "Jones", "Kowalski",
	"Lopez", "Meyer", "Novak", "Olsen", "Park", "Reyes", "Silva", "Thomas", "Weber", "Xu", "Yilmaz", "Ziegler", "Arendt"}

func makeReps(r *rand.Rand) []rep {
	var reps []rep
	n := 0
	for _, g := range regions {
		manager := firstNames[(n*7+3)%len(firstNames)] + " " + lastNames[(n*11+5)%len(lastNames)]
		count := 4 + int(math.Round(g.size*1.5))
		for i := 0; i < count; i++ {
			name := firstNames[n%len(firstNames)] + " " + lastNames[(n*5+1)%len(lastNames)]
			n++
			// Most reps are hired before the data starts; some join during it (ramp).
			hired := day(2018, 1, 1).AddDate(0, 0, r.IntN(6*365))
			if i >= count-2 {
				hired = day(2024, 3, 1).AddDate(0, 0, r.IntN(700))
			}
			reps = append(reps, rep{name: name, region: g.name, manager: manager, hired: hired})
		}
	}
	return reps
}

var syllables = []string{"Acme", "Globex", "Initech", "Umbra", "Hooli", "Vandel", "Stark", "Wayne", "Tyrell", "Cyber", "Nova",
	"Blue", "Green", "North", "Quantum", "Apex", "Vertex", "Orbit", "Pioneer", "Summit", "Harbor", "Atlas", "Zenith", "Polar",
	"Silver", "Iron", "Bright", "Clear", "Swift", "Prime"}
var suffixes = []string{"Systems", "Industries", "Logistics", "Health", "Bank", "Retail", "Labs", "Group", "Holdings", "Works",
	"Analytics", "Foods", "Energy", "Motors", "Media"}

func makeAccounts(r *rand.Rand) []account {
	var accs []account
	seen := map[string]bool{}
	for _, g := range regions {
		count := int(40 * g.size)
		for i := 0; i < count; i++ {
			var name string
			for name == "" || seen[name] {
				name = syllables[r.IntN(len(syllables))] + " " + suffixes[r.IntN(len(suffixes))]
				if seen[name] {
					name += " " + g.countries[r.IntN(len(g.countries))]
				}
			}
			seen[name] = true
			accs = append(accs, account{name: name, industry: industries[r.IntN(len(industries))],
				country: g.countries[r.IntN(len(g.countries))], region: g.name})
		}
	}
	return accs
}

// fiscalQuarterEnd returns the last day of the fiscal quarter holding t
// (quarters end in April, July, October and January).
func fiscalQuarterEnd(t time.Time) time.Time {
	m := int(t.Month())
	// months since February, 0-based, mod 3 gives the position in the quarter
	pos := (m - 2 + 12) % 3
	end := t.AddDate(0, 2-pos, 0)
	return time.Date(end.Year(), end.Month()+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
}

func makeDeals(r *rand.Rand, reps []rep, accounts []account) []*deal {
	byRegion := map[string][]rep{}
	for _, p := range reps {
		byRegion[p.region] = append(byRegion[p.region], p)
	}
	accByRegion := map[string][]account{}
	for _, a := range accounts {
		accByRegion[a.region] = append(accByRegion[a.region], a)
	}
	var total float64
	for _, g := range regions {
		total += g.size
	}
	span := int(asOf.Sub(firstDay).Hours() / 24)
	var deals []*deal
	const n = 5000
	for i := 0; i < n; i++ {
		// Pick a region by size.
		x := r.Float64() * total
		g := regions[len(regions)-1]
		for _, c := range regions {
			if x < c.size {
				g = c
				break
			}
			x -= c.size
		}
		// Creation grows over time (the company grows); one deal in eight is
		// recent, so the open pipeline runs into the next quarters.
		var created time.Time
		if r.Float64() < 0.12 {
			created = asOf.AddDate(0, 0, -r.IntN(150))
		} else {
			u := math.Pow(r.Float64(), 0.85)
			created = firstDay.AddDate(0, 0, int(u*float64(span+120))-120)
		}
		pr := byRegion[g.name]
		owner := pr[r.IntN(len(pr))]
		for owner.hired.After(created) {
			owner = pr[r.IntN(len(pr))]
		}
		acc := accByRegion[g.name][r.IntN(len(accByRegion[g.name]))]
		d := &deal{
			id:       fmt.Sprintf("OPP-%05d", 10000+i),
			account:  acc.name,
			owner:    owner.name,
			region:   g.name,
			currency: g.currency,
			created:  created,
		}
		switch v := r.Float64(); {
		case v < 0.6:
			d.typ = "New Business"
		case v < 0.85:
			d.typ = "Expansion"
		default:
			d.typ = "Renewal"
		}
		d.name = fmt.Sprintf("%s - %s", acc.name, map[string]string{"New Business": "New platform", "Expansion": "Upsell", "Renewal": "Renewal"}[d.typ])
		// Terms 1..60 months, mostly annual multiples.
		switch v := r.Float64(); {
		case v < 0.45:
			d.term = 12
		case v < 0.7:
			d.term = 36
		case v < 0.85:
			d.term = 24
		case v < 0.93:
			d.term = 60
		default:
			d.term = []int{1, 3, 6, 18, 48}[r.IntN(5)]
		}
		// Amount: lognormal ACV around 30k in USD, times years, in local currency.
		acv := math.Exp(math.Log(30000)+0.8*r.NormFloat64()) / rates[g.currency]
		if d.typ == "Renewal" {
			acv *= 0.8
		}
		// The company grows: deal sizes rise about 20% a year.
		acv *= 1 + 0.2*created.Sub(firstDay).Hours()/24/365
		d.amount = math.Round(acv*float64(d.term)/12/10) * 10
		if d.amount < 500 {
			d.amount = 500
		}
		// Activities first: meetings really do go with winning.
		d.meetings = 0
		if r.Float64() < 0.55 {
			d.meetings = 1 + r.IntN(4)
		}
		d.calls = 3 + r.IntN(12)
		d.emails = 2 + r.IntN(10)
		pWin := 0.18
		if d.meetings > 0 {
			pWin = 0.38 + 0.04*float64(d.meetings)
		}
		cycle := 25 + int(r.ExpFloat64()*60)
		if created.After(asOf.AddDate(0, 0, -150)) {
			cycle = 40 + r.IntN(200)
		}
		if cycle > 300 {
			cycle = 300
		}
		d.close = created.AddDate(0, 0, cycle)
		// The exports start with FY2025: nothing closes before.
		if d.close.Before(firstDay) {
			d.close = firstDay.AddDate(0, 0, r.IntN(60))
		}
		// Deals bunch up at quarter end, and most at the fiscal year end.
		qe := fiscalQuarterEnd(d.close)
		if bunch := map[bool]float64{true: 0.6, false: 0.4}[qe.Month() == time.January]; r.Float64() < bunch {
			d.close = qe.AddDate(0, 0, -r.IntN(12))
		}
		won := r.Float64() < pWin
		if !d.close.After(asOf) && (r.Float64() < 0.97 || d.close.Before(asOf.AddDate(0, 0, -120))) {
			if won {
				d.status, d.stage, d.category, d.prob = "won", "Closed Won", "Closed", 100
			} else {
				d.status, d.stage, d.category, d.prob = "lost", "Closed Lost", "Omitted", 0
			}
		} else {
			// Open: how far along it is.
			d.status = "open"
			if !d.close.After(asOf) {
				// A past-due open deal (its close date slipped by).
			} else if d.close.Before(created) {
				d.close = asOf.AddDate(0, 0, 10)
			}
			left := d.close.Sub(asOf).Hours() / 24
			k := 3 - int(left/40)
			if k < 0 {
				k = 0
			}
			if k > 3 {
				k = 3
			}
			st := stages[k]
			d.stage, d.category, d.prob = st.name, st.category, st.prob
		}
		d.snapshotView(r)
		deals = append(deals, d)
	}
	// A few deals with data-quality problems, for the data-quality page: an
	// owner missing from the roster and no region, and a missing created date.
	deals[17].owner, deals[17].region = "Pat Temp", ""
	deals[42].created = time.Time{}
	deals[43].created = time.Time{}
	return deals
}

// snapshotView sets how the deal looked in the export of 2026-08-15.
func (d *deal) snapshotView(r *rand.Rand) {
	d.prevStage, d.prevCategory, d.prevClose, d.prevAmount, d.prevProb = d.stage, d.category, d.close, d.amount, d.prob
	if !d.close.After(snapshot) || d.created.After(snapshot) {
		return
	}
	// Open at the snapshot: an earlier stage, and often another close date or amount.
	d.prevStage, d.prevCategory, d.prevProb = stages[1].name, stages[1].category, stages[1].prob
	if d.close.Sub(snapshot) < 45*24*time.Hour {
		d.prevStage, d.prevCategory, d.prevProb = stages[3].name, stages[3].category, stages[3].prob
	}
	switch v := r.Float64(); {
	case v < 0.3: // pushed since: it was due earlier
		d.prevClose = d.close.AddDate(0, -2-r.IntN(3), 0)
		if !d.prevClose.After(snapshot) {
			d.prevClose = snapshot.AddDate(0, 0, 5+r.IntN(30))
		}
	case v < 0.4: // pulled in since
		d.prevClose = d.close.AddDate(0, 3, 0)
	}
	switch v := r.Float64(); {
	case v < 0.15:
		d.prevAmount = math.Round(d.amount*0.8/10) * 10
	case v < 0.25:
		d.prevAmount = math.Round(d.amount*1.2/10) * 10
	}
}

var activityTypes = map[string][]string{
	"call":    {"Call", "Call", "Call", "Outbound call"},
	"email":   {"Email", "Email", "Email", "Mass email"},
	"meeting": {"Meeting", "Meeting", "Demo", "Onsite visit"},
}

func makeActivities(r *rand.Rand, deals []*deal) []activity {
	var acts []activity
	for _, d := range deals {
		start := d.created
		if start.IsZero() {
			start = d.close.AddDate(0, 0, -60)
		}
		end := d.close
		if end.After(asOf) {
			end = asOf
		}
		days := int(end.Sub(start).Hours() / 24)
		if days < 1 {
			days = 1
		}
		add := func(kind string, count int) {
			for i := 0; i < count; i++ {
				names := activityTypes[kind]
				acts = append(acts, activity{typ: names[r.IntN(len(names))], owner: d.owner, account: d.account,
					dealID: d.id, date: start.AddDate(0, 0, r.IntN(days+1))})
			}
		}
		add("call", d.calls)
		add("email", d.emails)
		add("meeting", d.meetings)
	}
	// Prospecting touches not tied to a deal.
	sort.SliceStable(acts, func(i, j int) bool {
		if !acts[i].date.Equal(acts[j].date) {
			return acts[i].date.Before(acts[j].date)
		}
		return acts[i].dealID < acts[j].dealID
	})
	return acts
}

// ---- writing ----

type book struct {
	f        *excelize.File
	dateStyl int
	moneySty int
	first    bool
}

func newBook(title string) (*book, error) {
	f := excelize.NewFile()
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "salesreview sample generator", LastModifiedBy: "salesreview sample generator",
		Title: title, Created: "2026-11-15T00:00:00Z", Modified: "2026-11-15T00:00:00Z",
	}); err != nil {
		return nil, err
	}
	ds, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return nil, err
	}
	ms, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return nil, err
	}
	return &book{f: f, dateStyl: ds, moneySty: ms, first: true}, nil
}

// sheet writes rows into a new sheet with a bold-free header row.
func (b *book) sheet(name string, header []string, rows func(emit func(...any) error) error) error {
	if b.first {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
		b.first = false
	} else if _, err := b.f.NewSheet(name); err != nil {
		return err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	h := make([]any, len(header))
	for i, s := range header {
		h[i] = s
	}
	if err := sw.SetRow("A1", h); err != nil {
		return err
	}
	row := 2
	err = rows(func(vals ...any) error {
		cells := make([]any, len(vals))
		for i, v := range vals {
			switch x := v.(type) {
			case time.Time:
				if x.IsZero() {
					cells[i] = nil
				} else {
					cells[i] = excelize.Cell{StyleID: b.dateStyl, Value: serial(x)}
				}
			case money:
				cells[i] = excelize.Cell{StyleID: b.moneySty, Value: float64(x)}
			default:
				cells[i] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, cells)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

type money float64

// serial is the Excel 1900-system serial of a date.
func serial(t time.Time) float64 {
	return float64(t.Sub(day(1899, 12, 30)).Hours() / 24)
}

func (b *book) save(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := b.f.WriteTo(out); err != nil {
		out.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := out.Close(); err != nil {
		return err
	}
	return b.f.Close()
}

var dealHeader = []string{"Opportunity ID", "Opportunity Name", "Account Name", "Opportunity Owner", "Region", "Stage",
	"Amount", "Amount Currency", "Probability (%)", "Forecast Category", "Created Date", "Close Date", "Type", "Term (Months)"}

func writeDeals(path string, deals []*deal, accounts []account, previous bool) error {
	title := "Opportunities"
	b, err := newBook(title)
	if err != nil {
		return err
	}
	err = b.sheet("Opportunities", dealHeader, func(emit func(...any) error) error {
		for _, d := range deals {
			stage, cat, closeDay, amount, prob := d.stage, d.category, d.close, d.amount, d.prob
			if previous {
				if d.created.After(snapshot) || (d.created.IsZero() && d.close.After(snapshot)) {
					continue
				}
				stage, cat, closeDay, amount, prob = d.prevStage, d.prevCategory, d.prevClose, d.prevAmount, d.prevProb
			}
			if err := emit(d.id, d.name, d.account, d.owner, d.region, stage, money(amount), d.currency, prob, cat,
				d.created, closeDay, d.typ, d.term); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if accounts != nil {
		err = b.sheet("Accounts", []string{"Account Name", "Industry", "Billing Country", "Region"}, func(emit func(...any) error) error {
			for _, a := range accounts {
				if err := emit(a.name, a.industry, a.country, a.region); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return b.save(path)
}

func writeActivities(path string, acts []activity) error {
	b, err := newBook("Activities")
	if err != nil {
		return err
	}
	err = b.sheet("Activities", []string{"Activity Type", "Date", "Assigned", "Account Name", "Opportunity ID"}, func(emit func(...any) error) error {
		for _, a := range acts {
			if err := emit(a.typ, a.date, a.owner, a.account, a.dealID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return b.save(path)
}

// quarterName names the fiscal quarter holding t (February start, named by
// the year the fiscal year ends): 2026-08-15 is FY2027-Q3.
func quarterName(t time.Time) string {
	m := int(t.Month())
	fy := t.Year()
	if m >= 2 {
		fy++
	}
	q := (m-2+12)%12/3 + 1
	return fmt.Sprintf("FY%d-Q%d", fy, q)
}

// quarterStart returns the first day of the fiscal quarter holding t.
func quarterStart(t time.Time) time.Time {
	end := fiscalQuarterEnd(t)
	return time.Date(end.Year(), end.Month()-2, 1, 0, 0, 0, 0, time.UTC)
}

func writeTeam(path string, r *rand.Rand, reps []rep, deals []*deal) error {
	b, err := newBook("Team")
	if err != nil {
		return err
	}
	err = b.sheet("Team", []string{"Sales Rep", "Region", "Manager", "Hire Date"}, func(emit func(...any) error) error {
		for _, p := range reps {
			if err := emit(p.name, p.region, p.manager, p.hired); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}

	// Bookings per region and quarter, in USD, to set targets and forecasts.
	type key struct{ region, quarter string }
	booked := map[key]float64{}
	repBooked := map[key]float64{}
	for _, d := range deals {
		if d.status == "won" && d.region != "" {
			booked[key{d.region, quarterName(d.close)}] += d.amount * rates[d.currency]
			repBooked[key{d.owner, quarterName(d.close)}] += d.amount * rates[d.currency]
		}
	}
	// Targets run two quarters past the report date (for coverage); the
	// region average per past quarter sets their level, growing each quarter.
	var quarters, past []time.Time
	for q := firstDay; q.Before(day(2027, 8, 1)); q = q.AddDate(0, 3, 0) {
		quarters = append(quarters, q)
		if fiscalQuarterEnd(q).Before(asOf) {
			past = append(past, q)
		}
	}
	avg := map[string]float64{}
	for _, g := range regions {
		var s float64
		for _, q := range past {
			s += booked[key{g.name, quarterName(q)}]
		}
		avg[g.name] = s / float64(len(past))
	}
	err = b.sheet("Targets", []string{"Region", "Sales Rep", "Period", "Target"}, func(emit func(...any) error) error {
		for _, g := range regions {
			for i, q := range quarters {
				level := avg[g.name] * (0.8 + 0.04*float64(i))
				if err := emit(g.name, nil, quarterName(q), money(math.Round(level/1000)*1000)); err != nil {
					return err
				}
			}
		}
		perRegion := map[string]int{}
		for _, p := range reps {
			perRegion[p.region]++
		}
		for _, p := range reps {
			for i, q := range quarters {
				if fiscalQuarterEnd(q).Before(p.hired) {
					continue
				}
				level := avg[p.region] * (0.8 + 0.04*float64(i)) / float64(perRegion[p.region])
				if err := emit(nil, p.name, quarterName(q), money(math.Round(level/1000)*1000)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = b.sheet("Forecast Calls", []string{"Region", "Period", "Submitted", "Commit", "Best Case"}, func(emit func(...any) error) error {
		for _, g := range regions {
			bias := 0.85 + 0.3*r.Float64() // each region's habitual optimism
			for _, q := range quarters {
				actual := booked[key{g.name, quarterName(q)}]
				end := fiscalQuarterEnd(q)
				for w := 0; w < 13; w++ {
					sub := quarterStart(q).AddDate(0, 0, 7*w)
					for sub.Weekday() != time.Monday {
						sub = sub.AddDate(0, 0, 1)
					}
					if sub.After(end) || sub.After(asOf) {
						break
					}
					// Calls converge on the actual as the quarter goes by.
					f := float64(w) / 12
					commit := actual * (bias*(1-f) + f*(0.95+0.1*r.Float64()))
					best := commit * (1.15 + 0.1*r.Float64())
					if err := emit(g.name, quarterName(q), sub, money(math.Round(commit/100)*100), money(math.Round(best/100)*100)); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return b.save(path)
}
