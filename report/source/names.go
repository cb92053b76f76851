package source

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/salesreview/salesreview/report"
)

// nearMiss reports whether two names that differ are probably the same name
// spelt differently: equal once case, spaces and punctuation are ignored, or
// one edit (insertion, deletion, substitution, transposition) apart when
// both are at least five letters long.
func nearMiss(a, b string) bool {
	if a == b {
		return false
	}
	return nearKeys(normKey(a), normKey(b))
}

// nearKeys is nearMiss on names already folded with normKey.
func nearKeys(ka, kb string) bool {
	if ka == kb {
		return ka != ""
	}
	if len(ka) < 5 || len(kb) < 5 {
		return false
	}
	return editDistance(ka, kb, 1) <= 1
}

// maxEditScan bounds the names compared one by one for near misses; larger
// sets are checked for equal folded keys only.
const maxEditScan = 5000

// nameIndex finds near misses of a name among known names.
type nameIndex struct {
	names []string
	keys  []string
	byKey map[string]string
}

func newNameIndex(known []string) *nameIndex {
	ix := &nameIndex{byKey: map[string]string{}}
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	for _, n := range sorted {
		k := normKey(n)
		if _, dup := ix.byKey[k]; !dup {
			ix.byKey[k] = n
		}
		if len(sorted) <= maxEditScan {
			ix.names = append(ix.names, n)
			ix.keys = append(ix.keys, k)
		}
	}
	return ix
}

// nearest returns the first known name (in sorted order) that name nearly
// misses, or "".
func (ix *nameIndex) nearest(name string) string {
	k := normKey(name)
	if n, ok := ix.byKey[k]; ok && n != name && k != "" {
		return n
	}
	for i, kk := range ix.keys {
		if ix.names[i] != name && nearKeys(k, kk) {
			return ix.names[i]
		}
	}
	return ""
}

// editDistance is the optimal-string-alignment distance between a and b
// (bytes), or max+1 when it exceeds max.
func editDistance(a, b string, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	if len(a) > 64 || len(b) > 64 {
		if a == b {
			return 0
		}
		return max + 1
	}
	var rows [3][65]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// knownMarkets are common industry and sector names; a market value one
// edit from one of them is probably misspelt.
var knownMarkets = []string{
	"agriculture", "apparel", "automotive", "banking", "biotechnology", "chemicals", "communications",
	"construction", "consulting", "education", "electronics", "employment", "energy", "engineering",
	"entertainment", "environmental", "finance", "financial services", "food & beverage", "government",
	"healthcare", "hospitality", "insurance", "machinery", "manufacturing", "marketing", "media", "medical",
	"not for profit", "pharmaceuticals", "real estate", "recreation", "retail", "services", "shipping",
	"software", "technology", "telecommunications", "transportation", "utilities",
}

// knownCountries are country names; a country one edit from one of them is
// probably misspelt.
var knownCountries = []string{
	"Argentina", "Australia", "Austria", "Belgium", "Brazil", "Canada", "Chile", "China", "Colombia",
	"Czech Republic", "Denmark", "Egypt", "Finland", "France", "Germany", "Greece", "Hong Kong", "Hungary",
	"India", "Indonesia", "Ireland", "Israel", "Italy", "Japan", "Jordan", "Kenya", "Korea", "Malaysia",
	"Mexico", "Morocco", "Netherlands", "New Zealand", "Nigeria", "Norway", "Pakistan", "Panama", "Peru",
	"Philippines", "Poland", "Portugal", "Romania", "Russia", "Saudi Arabia", "Singapore", "South Africa",
	"South Korea", "Spain", "Sweden", "Switzerland", "Taiwan", "Thailand", "Turkey", "Ukraine",
	"United Arab Emirates", "United Kingdom", "United States", "Vietnam",
}

// valueSite is a distinct value of a field and where it first occurs.
type valueSite struct {
	value string
	label string // the column's header, for the message
	pos   report.Position
}

// checkSpelling warns about market, country and region values that are
// near misses of each other or of well-known names. Values are never
// changed or merged.
func (r *reader) checkSpelling() {
	recs := r.recs
	collect := func(field string, each func(yield func(v report.Sym, ref report.Ref))) []valueSite {
		seen := map[report.Sym]int{}
		var out []valueSite
		each(func(v report.Sym, ref report.Ref) {
			if v == 0 {
				return
			}
			if _, ok := seen[v]; ok || len(out) >= 2000 {
				return
			}
			seen[v] = len(out)
			pos := recs.Cell(ref, field)
			out = append(out, valueSite{value: v.String(), label: r.columnLabel(ref.Table, field), pos: pos})
		})
		return out
	}
	markets := collect(fMarket, func(yield func(report.Sym, report.Ref)) {
		for _, a := range recs.Accounts {
			yield(a.Market, a.Src)
		}
		for i := range recs.Deals {
			if recs.Deals[i].Src.Table >= 0 && r.tableMaps(recs.Deals[i].Src.Table, fMarket) {
				yield(recs.Deals[i].Market, recs.Deals[i].Src)
			}
		}
	})
	countries := collect(fCountry, func(yield func(report.Sym, report.Ref)) {
		for _, a := range recs.Accounts {
			yield(a.Country, a.Src)
		}
	})
	regions := collect(fRegion, func(yield func(report.Sym, report.Ref)) {
		for _, e := range recs.Roster {
			yield(e.Region, e.Src)
		}
		for _, a := range recs.Accounts {
			yield(a.Region, a.Src)
		}
		for i := range recs.Deals {
			if r.tableMaps(recs.Deals[i].Src.Table, fRegion) {
				yield(recs.Deals[i].Region, recs.Deals[i].Src)
			}
		}
	})
	r.pairwise(markets)
	r.pairwise(countries)
	r.pairwise(regions)
	r.dictionary(markets, knownMarkets)
	r.dictionary(countries, knownCountries)
}

// tableMaps reports whether table ti has a column for field.
func (r *reader) tableMaps(ti int32, field string) bool {
	if ti < 0 || int(ti) >= len(r.recs.Tables) {
		return false
	}
	for _, c := range r.recs.Tables[ti].Columns {
		if c.Field == field {
			return true
		}
	}
	return false
}

// columnLabel names a field as its table's header does, lower case.
func (r *reader) columnLabel(ti int32, field string) string {
	if ti >= 0 && int(ti) < len(r.recs.Tables) {
		for _, c := range r.recs.Tables[ti].Columns {
			if c.Field == field {
				return strings.ToLower(c.Header)
			}
		}
	}
	return field
}

func (r *reader) pairwise(vals []valueSite) {
	sorted := append([]valueSite(nil), vals...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].value < sorted[j].value })
	keys := make([]string, len(sorted))
	for i, v := range sorted {
		keys[i] = normKey(v.value)
	}
	for i := range sorted {
		for j := i + 1; j < len(sorted); j++ {
			a, b := sorted[i], sorted[j]
			if a.value != b.value && nearKeys(keys[i], keys[j]) {
				r.warnAt(b.pos, fmt.Sprintf("%s %s and %s (at %s) look like one name spelt two ways; they are kept apart",
					b.label, quoteText(b.value), quoteText(a.value), relativePos(a.pos, b.pos)))
			}
		}
	}
}

func (r *reader) dictionary(vals []valueSite, known []string) {
	keys := make([]string, len(known))
	for i, w := range known {
		keys[i] = normKey(w)
	}
	for _, v := range vals {
		k := normKey(v.value)
		if slices.Contains(keys, k) {
			continue
		}
		for i, w := range known {
			if nearKeys(k, keys[i]) {
				r.warnAt(v.pos, fmt.Sprintf("%s %s looks like a misspelling of %s; it is kept as written", v.label, quoteText(v.value), quoteText(w)))
				break
			}
		}
	}
}
