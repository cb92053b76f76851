package source

import (
	"fmt"
	"sort"
	"strings"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/cellref"
)

// setDealCountry keeps a deal's country (from its own column) for the
// region join.
func (r *reader) setDealCountry(rec int, country string) {
	for len(r.dealCountries) <= rec {
		r.dealCountries = append(r.dealCountries, "")
	}
	r.dealCountries[rec] = country
}

// foldName is how names are matched: trimmed, case folded, inner spaces
// collapsed.
func foldName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// finish joins the tables (deal regions and markets), checks deal ids, and
// reports near-miss names. It runs only when no error was found.
func (r *reader) finish() {
	if !r.hasKind(report.DealTable) && !r.hasKind(report.ActivityTable) {
		r.noRecordTables()
		return
	}
	r.checkDuplicateIDs()
	j := r.newDealJoin()
	for i := range r.recs.Deals {
		j.deal(i)
	}
	j.report()
	if len(r.productList) > 0 {
		r.checkProducts()
	}
	r.checkIdleRoster()
	r.checkSpelling()
}

// noRecordTables is the error of a read that found neither deals nor
// activities, listing what was read.
func (r *reader) noRecordTables() {
	var seen []string
	for _, t := range r.recs.Tables {
		seen = append(seen, describeTable(t))
	}
	msg := "no deal or activity table found"
	if len(seen) > 0 {
		msg += " (read: " + strings.Join(seen, "; ") + ")"
	}
	r.errorAt(report.Position{}, msg)
}

// dealJoin gives each deal the market and region its own row lacks, from
// the roster (by owner), the account table (by account) or the country
// mapping, and tallies the names it cannot find.
type dealJoin struct {
	r         *reader
	roster    map[string]int // folded owner -> first roster entry
	accounts  map[string]int // folded account -> first account entry
	countries map[string]report.Sym
	// ownerCache and accountCache map a name to its roster or account
	// index, or -1.
	ownerCache, accountCache       map[report.Sym]int
	unassigned                     map[int32]*nameTally // by table
	missingOwners, missingAccounts map[string]*nameTally
}

func (r *reader) newDealJoin() *dealJoin {
	countries := map[string]report.Sym{}
	for k, v := range r.opts.CountryRegion {
		countries[foldName(k)] = report.Intern(v)
	}
	return &dealJoin{
		r: r, roster: r.rosterIndex(), accounts: r.accountIndex(), countries: countries,
		ownerCache: map[report.Sym]int{}, accountCache: map[report.Sym]int{},
		unassigned: map[int32]*nameTally{}, missingOwners: map[string]*nameTally{}, missingAccounts: map[string]*nameTally{},
	}
}

// rosterIndex maps each folded owner name to its first roster entry,
// warning about an owner listed again with another region.
func (r *reader) rosterIndex() map[string]int {
	recs := r.recs
	roster := map[string]int{}
	for i, e := range recs.Roster {
		k := foldName(e.Owner.String())
		if j, dup := roster[k]; dup {
			if foldName(recs.Roster[j].Region.String()) != foldName(e.Region.String()) {
				r.warnAt(recs.Cell(e.Src, fOwner), fmt.Sprintf("owner %s is in the roster twice, with regions %s and %s; the first is used",
					quoteText(e.Owner.String()), quoteText(recs.Roster[j].Region.String()), quoteText(e.Region.String())))
			}
			continue
		}
		roster[k] = i
	}
	return roster
}

// accountIndex maps each folded account name to its first entry in the
// account tables, warning about an account listed again.
func (r *reader) accountIndex() map[string]int {
	recs := r.recs
	accounts := map[string]int{}
	for i, a := range recs.Accounts {
		k := foldName(a.Name.String())
		if _, dup := accounts[k]; dup {
			r.warnAt(recs.Cell(a.Src, fAccount), fmt.Sprintf("account %s is in the account table twice; the first is used", quoteText(a.Name.String())))
			continue
		}
		accounts[k] = i
	}
	return accounts
}

// lookup returns the index of name raw in index (by folded name), or -1,
// remembering the answer in cache.
func lookup(cache map[report.Sym]int, index map[string]int, raw report.Sym) int {
	if i, ok := cache[raw]; ok {
		return i
	}
	i, ok := index[foldName(raw.String())]
	if !ok {
		i = -1
	}
	cache[raw] = i
	return i
}

// deal joins deal i: its account's market when it has none, and a region
// when it has none.
func (j *dealJoin) deal(i int) {
	recs := j.r.recs
	d := &recs.Deals[i]
	ai := -1
	if d.Account != 0 && len(j.accounts) > 0 {
		ai = lookup(j.accountCache, j.accounts, d.Account)
		if ai < 0 {
			tallyName(j.missingAccounts, d.Account.String(), func() report.Position { return recs.Cell(d.Src, fAccount) })
		}
	}
	if d.Market == 0 && ai >= 0 {
		d.Market = recs.Accounts[ai].Market
	}
	if d.Region == 0 {
		d.Region = j.region(i, ai)
	}
}

// region finds the region of deal i (its account at index ai, -1 when
// none): its owner's in the roster, else its account's, else its
// country's (its own country column, else its account's); else the deal
// is counted as unassigned.
func (j *dealJoin) region(i, ai int) report.Sym {
	recs := j.r.recs
	d := &recs.Deals[i]
	if d.Owner != 0 && len(j.roster) > 0 {
		if ri := lookup(j.ownerCache, j.roster, d.Owner); ri < 0 {
			tallyName(j.missingOwners, d.Owner.String(), func() report.Position { return recs.Cell(d.Src, fOwner) })
		} else if reg := recs.Roster[ri].Region; reg != 0 {
			return reg
		}
	}
	if ai >= 0 && recs.Accounts[ai].Region != 0 {
		return recs.Accounts[ai].Region
	}
	country := ""
	if i < len(j.r.dealCountries) {
		country = j.r.dealCountries[i]
	}
	if country == "" && ai >= 0 {
		country = recs.Accounts[ai].Country.String()
	}
	if reg, ok := j.countries[foldName(country)]; ok && country != "" {
		return reg
	}
	u := j.unassigned[d.Src.Table]
	if u == nil {
		u = &nameTally{pos: recs.Cell(d.Src, "")}
		j.unassigned[d.Src.Table] = u
	}
	u.n++
	return report.UnassignedSym
}

// report warns about the deals left without a region (one warning per
// table) and the owners and accounts not found.
func (j *dealJoin) report() {
	r, recs := j.r, j.r.recs
	for _, ti := range sortedInt32Keys(j.unassigned) {
		u := j.unassigned[ti]
		r.warnAt(u.pos, fmt.Sprintf("%d deals have no region (no region column, owner not in a roster, account without region, no country mapping) and count as %s", u.n, report.Unassigned))
	}
	rosterNames := make([]string, 0, len(recs.Roster))
	for _, e := range recs.Roster {
		rosterNames = append(rosterNames, e.Owner.String())
	}
	rosterIndex := newNameIndex(rosterNames)
	for _, name := range sortedKeys(j.missingOwners) {
		m := j.missingOwners[name]
		msg := fmt.Sprintf("owner %s (%d deals) is not in the roster", quoteText(name), m.n)
		if near := rosterIndex.nearest(name); near != "" {
			msg += fmt.Sprintf("; %s is close but is not taken for it", quoteText(near))
		}
		r.warnAt(m.pos, msg)
	}
	accountNames := make([]string, 0, len(recs.Accounts))
	for _, a := range recs.Accounts {
		accountNames = append(accountNames, a.Name.String())
	}
	r.reportMissing("account", "the account table", j.missingAccounts, accountNames)
}

// checkProducts warns about products named by deals that the product
// list does not hold.
func (r *reader) checkProducts() {
	missing := map[string]*nameTally{}
	for name, pos := range r.dealProducts {
		if _, ok := r.productList[name]; !ok {
			missing[name] = &nameTally{n: 0, pos: pos}
		}
	}
	r.reportMissing("product", "the product list ("+r.productTable+")", missing, sortedKeys(r.productList))
}

// checkIdleRoster warns, once, about roster entries that own no deal.
func (r *reader) checkIdleRoster() {
	recs := r.recs
	if len(recs.Roster) == 0 || len(recs.Deals) == 0 {
		return
	}
	var owners []bool // by Sym
	for i := range recs.Deals {
		o := recs.Deals[i].Owner
		if int(o) >= len(owners) {
			owners = append(owners, make([]bool, int(o)+1-len(owners))...)
		}
		owners[o] = true
	}
	folded := map[string]bool{}
	for o, ok := range owners {
		if ok {
			folded[foldName(report.Sym(o).String())] = true
		}
	}
	var idle []string
	var first report.Position
	for _, e := range recs.Roster {
		if !folded[foldName(e.Owner.String())] {
			if len(idle) == 0 {
				first = recs.Cell(e.Src, fOwner)
			}
			idle = append(idle, quoteText(e.Owner.String()))
		}
	}
	if len(idle) == 0 {
		return
	}
	n := len(idle)
	if n > 5 {
		idle = append(idle[:5], fmt.Sprintf("and %d more", n-5))
	}
	r.warnAt(first, fmt.Sprintf("%d roster entries own no deal: %s", n, strings.Join(idle, ", ")))
}

// nameTally counts rows naming something, with the first position.
type nameTally struct {
	n   int
	pos report.Position
}

// tallyName counts a name not found in a lookup table, keeping its first
// position (at most 10000 distinct names are kept).
func tallyName(m map[string]*nameTally, name string, pos func() report.Position) {
	e := m[name]
	if e == nil {
		if len(m) >= 10000 {
			return
		}
		e = &nameTally{pos: pos()}
		m[name] = e
	}
	e.n++
}

// reportMissing warns about names not found in a reference table: near
// misses one by one, the rest in one summary.
func (r *reader) reportMissing(what, where string, missing map[string]*nameTally, known []string) {
	var plain []string
	index := newNameIndex(known)
	for _, name := range sortedKeys(missing) {
		m := missing[name]
		if near := index.nearest(name); near != "" {
			r.warnAt(m.pos, fmt.Sprintf("%s %s is not in %s; %s is close but is not taken for it", what, quoteText(name), where, quoteText(near)))
			continue
		}
		plain = append(plain, name)
	}
	if len(plain) == 0 {
		return
	}
	first := missing[plain[0]]
	for _, n := range plain {
		if p := missing[n].pos; lessPos(p, first.pos) {
			first = missing[n]
		}
	}
	list := make([]string, 0, 5)
	for i, n := range plain {
		if i == 5 {
			list = append(list, fmt.Sprintf("and %d more", len(plain)-5))
			break
		}
		list = append(list, quoteText(n))
	}
	r.warnAt(first.pos, fmt.Sprintf("%d %s names are not in %s: %s", len(plain), what, where, strings.Join(list, ", ")))
}

func lessPos(a, b report.Position) bool {
	ps := []report.Problem{{Pos: b}, {Pos: a}}
	report.SortProblems(ps)
	return ps[0].Pos == a && a != b
}

func sortedInt32Keys[V any](m map[int32]V) []int32 {
	keys := make([]int32, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

func (r *reader) hasKind(k report.TableKind) bool {
	for _, t := range r.recs.Tables {
		if t.Kind == k {
			return true
		}
	}
	return false
}

func describeTable(t report.Table) string {
	name := t.File
	if t.Sheet != "" {
		name += " " + cellref.Sheet(t.Sheet)
	}
	if t.Kind == report.IgnoredTable {
		return name + ": ignored, " + t.Note
	}
	return name + ": " + string(t.Kind)
}

// checkDuplicateIDs reports deal ids that occur twice, naming both cells.
func (r *reader) checkDuplicateIDs() {
	deals := r.recs.Deals
	idx := make([]int32, 0, len(deals))
	for i := range deals {
		if deals[i].ID != "" {
			idx = append(idx, int32(i))
		}
	}
	sort.Slice(idx, func(a, b int) bool {
		da, db := &deals[idx[a]], &deals[idx[b]]
		if da.ID != db.ID {
			return da.ID < db.ID
		}
		return idx[a] < idx[b]
	})
	// start is where the run of equal IDs that idx[k] belongs to begins;
	// keeping it (rather than walking back for each duplicate) keeps the
	// check linear when thousands of rows share one ID.
	start := 0
	for k := 1; k < len(idx); k++ {
		a, b := &deals[idx[k-1]], &deals[idx[k]]
		if a.ID != b.ID {
			start = k
			continue
		}
		first := r.recs.Cell(deals[idx[start]].Src, fID)
		second := r.recs.Cell(b.Src, fID)
		r.errorAt(second, fmt.Sprintf("deal id %s is a duplicate of %s", quoteText(b.ID), relativePos(first, second)))
	}
}

// relativePos writes p as seen from a message about from: the cell alone
// within one sheet, the sheet and cell within one file, else in full.
func relativePos(p, from report.Position) string {
	if p.File == from.File {
		q := p
		q.File = ""
		if p.Sheet == "" || p.Sheet == from.Sheet {
			q.Sheet = ""
		}
		return q.String()
	}
	return p.String()
}
