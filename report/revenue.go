package report

import (
	"cmp"
	"slices"
	"strings"
)

// revenuePart is the revenue family: bookings per client and per market,
// and every scope's client concentration.
func revenuePart(ix *index) (part, error) {
	ra := ix.newRevenueAcc()
	won := ix.wonByAccount()
	for g := 0; g < len(won); {
		h := g
		for h < len(won) && ix.deals[won[h]].account == ix.deals[won[g]].account {
			h++
		}
		ra.addAccount(won[g:h])
		g = h
	}
	markets, marketsRegions := ra.markets(ix)
	ns := ix.nr + 1
	conc := make([]Concentration, ns)
	top := make([][]ClientRevenue, ns)
	var clients []ClientRevenue
	for s := range ns {
		var cs clientSummary
		if s == ix.nr {
			for _, cl := range ra.allClients {
				cs.add(cl)
			}
			slices.SortFunc(ra.allClients, byAllBookings) // the whole Pareto list
			cs.top = ra.allClients
			clients = cs.top
		} else {
			cs = ra.regionConc[s]
		}
		conc[s] = cs.concentration()
		top[s] = slices.Clone(cs.top[:min(10, len(cs.top))])
	}
	return part{fill: func(rev *Review) {
		rev.Revenue.Clients, rev.Revenue.Markets, rev.Revenue.MarketsRegions = clients, markets, marketsRegions
		for s := range ns {
			sc := rev.scopeAt(s)
			sc.Concentration, sc.TopClients = conc[s], top[s]
		}
	}}, nil
}

// wonByAccount returns the won deals grouped by account number (deals
// without account first), in deal order within an account: a counting sort,
// so each account's figures per scope are summed in one sweep.
func (ix *index) wonByAccount() []int32 {
	n := len(ix.accts.syms)
	start := make([]int32, n+2)
	for i := range ix.deals {
		if ix.deals[i].won {
			start[ix.deals[i].account+2]++
		}
	}
	for a := 1; a < len(start); a++ {
		start[a] += start[a-1]
	}
	won := make([]int32, start[n+1])
	for i := range ix.deals {
		if ix.deals[i].won {
			a := ix.deals[i].account + 1
			won[start[a]] = int32(i)
			start[a]++
		}
	}
	return won
}

// accountAgg is the bookings of one account within one scope.
type accountAgg struct {
	period, all  Money
	wonP, wonAll int
	last         int32 // index of the most recent won deal
}

// revenueAcc sums bookings per client and market. Every client of all
// regions is kept (the Pareto list); region scopes keep running sums and
// their ten largest clients only.
type revenueAcc struct {
	ix         *index
	acctMarket map[Sym]Sym
	marketNums symNumbers
	mIdx       map[int64]int // market number << 32 | scope -> index in mAgg
	mAgg       []MarketRevenue
	allClients []ClientRevenue
	regionConc []clientSummary
	accs       []accountAgg // per scope, for the account being summed
	touched    []bool       // per scope: accs holds the account's figures
	touchList  []int
	seenPairs  []int64 // the (market, scope) keys the account was counted in
}

func (ix *index) newRevenueAcc() *revenueAcc {
	ns := ix.nr + 1
	ra := &revenueAcc{ix: ix, acctMarket: map[Sym]Sym{}, mIdx: map[int64]int{},
		regionConc: make([]clientSummary, ix.nr), accs: make([]accountAgg, ns), touched: make([]bool, ns)}
	for _, a := range ix.cur.Accounts {
		if a.Market != 0 {
			if _, ok := ra.acctMarket[a.Name]; !ok {
				ra.acctMarket[a.Name] = a.Market
			}
		}
	}
	return ra
}

// marketOf is a deal's market: its own, else its account's.
func (ra *revenueAcc) marketOf(d *Deal) Sym {
	if d.Market != 0 {
		return d.Market
	}
	return ra.acctMarket[d.Account]
}

// addAccount sums the won deals of one account (or of the deals without
// one) into the scopes of their regions and into the markets.
func (ra *revenueAcc) addAccount(won []int32) {
	ix := ra.ix
	acct := ix.deals[won[0]].account
	ra.touchList, ra.seenPairs = ra.touchList[:0], ra.seenPairs[:0]
	for _, i := range won {
		d := &ix.cur.Deals[i]
		inP := ix.inPeriod(d.Close)
		mid := int64(ra.marketNums.id(ra.marketOf(d)))
		for _, s := range [2]int{int(ix.deals[i].region), ix.nr} {
			if acct >= 0 {
				ra.addClientDeal(s, i, d, inP)
			}
			ra.addMarketDeal(mid, s, d, inP, acct >= 0)
		}
	}
	for _, s := range ra.touchList {
		ra.touched[s] = false
		a := &ra.accs[s]
		l := &ix.cur.Deals[a.last]
		cl := ClientRevenue{Account: ix.accts.syms[acct].String(), Market: ra.marketOf(l).String(),
			Region: ix.regions[ix.deals[a.last].region], Bookings: a.period, BookingsAll: a.all, WonDeals: a.wonP, WonDealsAll: a.wonAll}
		if s == ix.nr {
			ra.allClients = append(ra.allClients, cl)
		} else {
			ra.regionConc[s].add(cl)
		}
	}
}

// addClientDeal adds won deal i to its account's figures in scope s.
func (ra *revenueAcc) addClientDeal(s int, i int32, d *Deal, inP bool) {
	if !ra.touched[s] {
		ra.touched[s] = true
		ra.touchList = append(ra.touchList, s)
		ra.accs[s] = accountAgg{last: i}
	}
	a := &ra.accs[s]
	a.all += d.Amount
	a.wonAll++
	if inP {
		a.period += d.Amount
		a.wonP++
	}
	if l := &ra.ix.cur.Deals[a.last]; d.Close > l.Close || d.Close == l.Close && i > a.last {
		a.last = i
	}
}

// addMarketDeal adds a won deal to market mid in scope s; a client counts
// once per market and scope.
func (ra *revenueAcc) addMarketDeal(mid int64, s int, d *Deal, inP, client bool) {
	key := mid<<32 | int64(s)
	k, ok := ra.mIdx[key]
	if !ok {
		k = len(ra.mAgg)
		ra.mIdx[key] = k
		ra.mAgg = append(ra.mAgg, MarketRevenue{Market: ra.marketNums.syms[mid].String(), Region: ra.ix.region(s)})
	}
	m := &ra.mAgg[k]
	m.BookingsAll += d.Amount
	m.WonDealsAll++
	if inP {
		m.Bookings += d.Amount
		m.WonDeals++
	}
	if client && !slices.Contains(ra.seenPairs, key) {
		ra.seenPairs = append(ra.seenPairs, key)
		m.Clients++
	}
}

// markets returns the markets of all regions by all-history bookings, and
// the (market, region) pairs by market, then region order.
func (ra *revenueAcc) markets(ix *index) (markets, pairs []MarketRevenue) {
	for _, m := range ra.mAgg {
		if m.Region == "" {
			markets = append(markets, m)
		} else {
			pairs = append(pairs, m)
		}
	}
	slices.SortFunc(markets, func(a, b MarketRevenue) int {
		return cmpBookings(a.BookingsAll, b.BookingsAll, a.Market, b.Market)
	})
	slices.SortFunc(pairs, func(a, b MarketRevenue) int {
		if a.Market != b.Market {
			return strings.Compare(a.Market, b.Market)
		}
		return int(ix.regionIdx[a.Region] - ix.regionIdx[b.Region])
	})
	return markets, pairs
}

// clientSummary sums up the clients of a scope as they come: counts,
// totals, the ten largest period bookings and the first ten clients by
// all-history bookings.
type clientSummary struct {
	clients, clientsP int
	totP, totAll      Money
	topP              []Money         // descending
	top               []ClientRevenue // in byAllBookings order
}

func (cs *clientSummary) add(cl ClientRevenue) {
	cs.clients++
	if cl.WonDeals > 0 {
		cs.clientsP++
	}
	cs.totP += cl.Bookings
	cs.totAll += cl.BookingsAll
	cs.topP = insertTop(cs.topP, cl.Bookings, 10, func(a, b Money) int { return cmp.Compare(b, a) })
	cs.top = insertTop(cs.top, cl, 10, byAllBookings)
}

// concentration returns the scope's concentration, and sets each of its
// top clients' share and cumulative share of all bookings.
func (cs *clientSummary) concentration() Concentration {
	con := Concentration{Clients: cs.clientsP, ClientsAll: cs.clients, AvgPerClient: avgMoney(cs.totP, cs.clientsP),
		AvgPerClientAll: avgMoney(cs.totAll, cs.clients), Top10Share: Div(float64(sumMoney(cs.topP)), float64(cs.totP))}
	var cum, topAll Money
	for i := range cs.top {
		cl := &cs.top[i]
		cum += cl.BookingsAll
		cl.ShareAll = Div(float64(cl.BookingsAll), float64(cs.totAll))
		cl.CumShareAll = Div(float64(cum), float64(cs.totAll))
		if i < 10 {
			topAll += cl.BookingsAll
		}
	}
	con.Top10ShareAll = Div(float64(topAll), float64(cs.totAll))
	return con
}

// byAllBookings orders clients by all-history bookings descending, then name.
func byAllBookings(a, b ClientRevenue) int {
	return cmpBookings(a.BookingsAll, b.BookingsAll, a.Account, b.Account)
}
