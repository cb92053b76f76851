package crosscheck

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// checkClients compares revenue per client and per market and the
// concentration (METRICS.md: clients = distinct accounts with at least one
// won deal; average revenue per client = bookings / clients; concentration =
// share of bookings from the top 10 accounts), in the review period and over
// all history, with plain loops over the won deals.
func checkClients(t *testing.T, site string, deals []deal, cal fiscal, period string) {
	t.Helper()
	type money2 struct {
		period, all       int64
		wonPeriod, wonAll int
	}
	byAccount, byMarket := map[string]*money2{}, map[string]*money2{}
	marketClients := map[string]map[string]bool{}
	var total, totalPeriod int64
	for _, d := range deals {
		if d.status != "won" || d.account == "" {
			continue
		}
		in := !d.close.IsZero() && cal.quarterOf(d.close) == period
		for _, x := range []struct {
			m map[string]*money2
			k string
		}{{byAccount, d.account}, {byMarket, d.market}} {
			if x.m[x.k] == nil {
				x.m[x.k] = &money2{}
			}
			x.m[x.k].all += d.micros
			x.m[x.k].wonAll++
			if in {
				x.m[x.k].period += d.micros
				x.m[x.k].wonPeriod++
			}
		}
		if marketClients[d.market] == nil {
			marketClients[d.market] = map[string]bool{}
		}
		marketClients[d.market][d.account] = true
		total += d.micros
		if in {
			totalPeriod += d.micros
		}
	}

	// revenue_by_client.csv: every client with a won deal, its figures.
	rows, col := readCSVFile(t, filepath.Join(site, "data", "revenue_by_client.csv"))
	seen := map[string]bool{}
	for i, r := range rows {
		a := r[col["account"]]
		seen[a] = true
		w := byAccount[a]
		if w == nil {
			t.Errorf("revenue_by_client.csv:%d: %s has no won deal", i+2, a)
			continue
		}
		got := fmt.Sprintf("%s %s %s %s", r[col["bookings"]], r[col["bookings_all"]], r[col["won_deals"]], r[col["won_deals_all"]])
		if want := fmt.Sprintf("%s %s %d %d", money(w.period), money(w.all), w.wonPeriod, w.wonAll); got != want {
			t.Errorf("revenue_by_client.csv:%d: %s bookings, bookings_all, won_deals, won_deals_all %s; want %s", i+2, a, got, want)
		}
		if s, err := strconv.ParseFloat(r[col["share_all"]], 64); err != nil || !closeTo(s, float64(w.all)/float64(total)) {
			t.Errorf("revenue_by_client.csv:%d: %s share_all %s; want %s / %s", i+2, a, r[col["share_all"]], money(w.all), money(total))
		}
	}
	for _, a := range sortedKeys(byAccount) {
		if !seen[a] {
			t.Errorf("revenue_by_client.csv: no row for %s (%d won deals, %s)", a, byAccount[a].wonAll, money(byAccount[a].all))
		}
	}

	// revenue_by_market.csv.
	rows, col = readCSVFile(t, filepath.Join(site, "data", "revenue_by_market.csv"))
	seen = map[string]bool{}
	for i, r := range rows {
		mk := r[col["market"]]
		seen[mk] = true
		w := byMarket[mk]
		if w == nil {
			t.Errorf("revenue_by_market.csv:%d: market %q has no won deal", i+2, mk)
			continue
		}
		got := fmt.Sprintf("%s %s %s %s %s", r[col["bookings"]], r[col["bookings_all"]], r[col["won_deals"]], r[col["won_deals_all"]],
			r[col["clients_all"]])
		if want := fmt.Sprintf("%s %s %d %d %d", money(w.period), money(w.all), w.wonPeriod, w.wonAll, len(marketClients[mk])); got != want {
			t.Errorf("revenue_by_market.csv:%d: %s bookings, bookings_all, won_deals, won_deals_all, clients_all %s; want %s", i+2, mk, got, want)
		}
	}
	for _, mk := range sortedKeys(byMarket) {
		if !seen[mk] {
			t.Errorf("revenue_by_market.csv: no row for market %q (%d won deals, %s)", mk, byMarket[mk].wonAll, money(byMarket[mk].all))
		}
	}

	// Concentration over all history and in the period.
	// top10 counts the clients (accounts with a won deal in scope) and sums
	// the bookings of the ten largest.
	top10 := func(pick func(*money2) (int64, bool)) (clients int, sum int64) {
		var v []int64
		for _, a := range byAccount {
			if x, ok := pick(a); ok {
				v = append(v, x)
			}
		}
		slices.Sort(v)
		slices.Reverse(v)
		for _, x := range v[:min(10, len(v))] {
			sum += x
		}
		return len(v), sum
	}
	clientsAll, topAll := top10(func(a *money2) (int64, bool) { return a.all, a.wonAll > 0 })
	clientsPeriod, topPeriod := top10(func(a *money2) (int64, bool) { return a.period, a.wonPeriod > 0 })
	b, err := os.ReadFile(filepath.Join(site, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Total struct {
			Concentration struct {
				Clients         int      `json:"clients"`
				ClientsAll      int      `json:"clients_all"`
				AvgPerClient    *float64 `json:"avg_per_client"`
				AvgPerClientAll *float64 `json:"avg_per_client_all"`
				Top10Share      *float64 `json:"top10_share"`
				Top10ShareAll   *float64 `json:"top10_share_all"`
			} `json:"concentration"`
		} `json:"total"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	c := m.Total.Concentration
	for _, x := range []struct {
		name          string
		clients       int
		gotClients    int
		avg, share    *float64
		total, topSum int64
	}{
		{"all history", clientsAll, c.ClientsAll, c.AvgPerClientAll, c.Top10ShareAll, total, topAll},
		{period, clientsPeriod, c.Clients, c.AvgPerClient, c.Top10Share, totalPeriod, topPeriod},
	} {
		if x.gotClients != x.clients {
			t.Errorf("metrics.json: total concentration, %s: %d clients; want %d", x.name, x.gotClients, x.clients)
		}
		if x.clients == 0 {
			continue
		}
		wa, ws := float64(x.total)/1e6/float64(x.clients), float64(x.topSum)/float64(x.total)
		if x.avg == nil || !closeTo(*x.avg, wa) {
			t.Errorf("metrics.json: total concentration, %s: average per client %s; want %s / %d = %v", x.name, fmtPtr(x.avg), money(x.total), x.clients, wa)
		}
		if x.share == nil || !closeTo(*x.share, ws) {
			t.Errorf("metrics.json: total concentration, %s: top-10 share %s; want %s / %s = %v", x.name, fmtPtr(x.share), money(x.topSum), money(x.total), ws)
		}
	}
}
