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
	recs := r.recs
	if !r.hasKind(report.DealTable) && !r.hasKind(report.ActivityTable) {
		var seen []string
		for _, t := range recs.Tables {
			seen = append(seen, describeTable(t))
		}
		msg := "no deal or activity table found"
		if len(seen) > 0 {
			msg += " (read: " + strings.Join(seen, "; ") + ")"
		}
		r.errorAt(report.Position{}, msg)
		return
	}
	r.checkDuplicateIDs()
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
	accounts := map[string]int{}
	for i, a := range recs.Accounts {
		k := foldName(a.Name.String())
		if _, dup := accounts[k]; dup {
			r.warnAt(recs.Cell(a.Src, fAccount), fmt.Sprintf("account %s is in the account table twice; the first is used", quoteText(a.Name.String())))
			continue
		}
		accounts[k] = i
	}
	countries := map[string]report.Sym{}
	for k, v := range r.opts.CountryRegion {
		countries[foldName(k)] = report.Intern(v)
	}
	unassigned := map[int32]*nameTally{}
	ownerCache := map[report.Sym]int{}   // owner -> roster index or -1
	accountCache := map[report.Sym]int{} // account -> account index or -1
	lookup := func(cache map[report.Sym]int, index map[string]int, raw report.Sym) int {
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
	missingOwners := map[string]*nameTally{}
	missingAccounts := map[string]*nameTally{}
	for i := range recs.Deals {
		d := &recs.Deals[i]
		ai := -1
		if d.Account != 0 && len(accounts) > 0 {
			ai = lookup(accountCache, accounts, d.Account)
			if ai < 0 {
				tallyName(missingAccounts, d.Account.String(), func() report.Position { return recs.Cell(d.Src, fAccount) })
			}
		}
		if d.Market == 0 && ai >= 0 {
			d.Market = recs.Accounts[ai].Market
		}
		if d.Region != 0 {
			continue
		}
		if d.Owner != 0 && len(roster) > 0 {
			if ri := lookup(ownerCache, roster, d.Owner); ri >= 0 {
				if reg := recs.Roster[ri].Region; reg != 0 {
					d.Region = reg
					continue
				}
			} else {
				tallyName(missingOwners, d.Owner.String(), func() report.Position { return recs.Cell(d.Src, fOwner) })
			}
		}
		if ai >= 0 && recs.Accounts[ai].Region != 0 {
			d.Region = recs.Accounts[ai].Region
			continue
		}
		country := ""
		if i < len(r.dealCountries) {
			country = r.dealCountries[i]
		}
		if country == "" && ai >= 0 {
			country = recs.Accounts[ai].Country.String()
		}
		if reg, ok := countries[foldName(country)]; ok && country != "" {
			d.Region = reg
			continue
		}
		d.Region = report.UnassignedSym
		u := unassigned[d.Src.Table]
		if u == nil {
			u = &nameTally{pos: recs.Cell(d.Src, "")}
			unassigned[d.Src.Table] = u
		}
		u.n++
	}
	for _, ti := range sortedInt32Keys(unassigned) {
		u := unassigned[ti]
		r.warnAt(u.pos, fmt.Sprintf("%d deals have no region (no region column, owner not in a roster, account without region, no country mapping) and count as %s", u.n, report.Unassigned))
	}
	rosterNames := make([]string, 0, len(recs.Roster))
	for _, e := range recs.Roster {
		rosterNames = append(rosterNames, e.Owner.String())
	}
	rosterIndex := newNameIndex(rosterNames)
	for _, name := range sortedKeys(missingOwners) {
		m := missingOwners[name]
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
	r.reportMissing("account", "the account table", missingAccounts, accountNames)
	if len(r.productList) > 0 {
		missing := map[string]*nameTally{}
		for name, pos := range r.dealProducts {
			if _, ok := r.productList[name]; !ok {
				missing[name] = &nameTally{n: 0, pos: pos}
			}
		}
		r.reportMissing("product", "the product list ("+r.productTable+")", missing, sortedKeys(r.productList))
	}
	r.checkIdleRoster()
	r.checkSpelling()
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
