package site

import (
	"github.com/salesreview/salesreview/report"
)

// revenue builds the Revenue page: clients and their concentration,
// markets, regions, and contract revenue over time.
func (b *builder) revenue(p *pageView) error {
	p.Sections = []*section{b.revenueClients(), b.revenueMarkets(), b.revenueRegions(), b.contractRevenue()}
	return nil
}

// revenueClients is the section of the clients: tiles, the Pareto chart of
// the top 20 and the list of every client.
func (b *builder) revenueClients() *section {
	rev := b.rev
	c := rev.Total.Concentration
	sec := &section{Title: "Clients", KPIs: []kpiTile{
		{Label: "Clients " + rev.Period.Name, Value: number(c.Clients), Note: number(c.ClientsAll) + " over all history"},
		{Label: "Average per client", Value: b.moneyRatio(c.AvgPerClient),
			Note: b.moneyRatio(c.AvgPerClientAll) + " over all history"},
		{Label: "Top-10 share", Value: percent(ratioPtr(c.Top10Share)),
			Note: percent(ratioPtr(c.Top10ShareAll)) + " over all history"},
	}}
	clients := &dataTable{Columns: []column{col("Client", textCol), col("Market", textCol), col("Region", textCol),
		col("Bookings "+rev.Period.Name, moneyCol), col("Bookings, all history", moneyCol),
		col("Won deals, all history", countCol), col("Share", percentCol), col("Cumulative share", percentCol)}}
	clients.Total = len(rev.Revenue.Clients)
	for _, cl := range rev.Revenue.Clients[:b.listed("revenue_by_client", clients.Total, 0)] {
		clients.Rows = append(clients.Rows,
			[]cell{txt(cl.Account), txt(cl.Market), b.regionLink(cl.Region), mon(cl.Bookings), mon(cl.BookingsAll),
				cnt(cl.WonDealsAll), rat(cl.ShareAll), rat(cl.CumShareAll)})
	}
	if top := clients.Rows[:min(20, len(clients.Rows))]; len(top) > 0 {
		b.addChart(sec, chartSpec{Name: "pareto", Title: "Concentration: top 20 clients and cumulative share",
			Label: "Pareto chart of bookings of the top 20 clients over all history, with the cumulative share of all bookings",
			Kind:  paretoChart, Data: &dataTable{Columns: clients.Columns, Rows: top},
			Series: []string{"Bookings, all history"}, Line: "Cumulative share", Tall: true})
	}
	sec.Tables = append(sec.Tables, b.listTable("revenue_by_client", "clients", "Revenue per client", clients, true, 0))
	return sec
}

// revenueMarkets is the section of bookings by market, and by market and
// region.
func (b *builder) revenueMarkets() *section {
	rev := b.rev
	sec := &section{Title: "Markets"}
	markets := &dataTable{Columns: []column{col("Market", textCol), b.bookingsColumn(),
		col("Bookings, all history", moneyCol), col("Won deals, all history", countCol), col("Clients", countCol)}}
	for _, m := range rev.Revenue.Markets {
		markets.Rows = append(markets.Rows,
			[]cell{txt(marketName(m.Market)), mon(m.Bookings), mon(m.BookingsAll), cnt(m.WonDealsAll), cnt(m.Clients)})
	}
	if len(markets.Rows) == 0 {
		sec.Empty = "No won deals."
		return sec
	}
	b.addChart(sec, chartSpec{Name: "markets", Title: "Bookings by market",
		Label: "Bar chart of bookings per market, review quarter and all history", Kind: barChart, Data: markets,
		Series: []string{"bookings", "Bookings, all history"}})
	if mr := b.marketsByRegion(); len(mr.Rows) > 0 {
		b.addChart(sec, chartSpec{Name: "markets-by-region", Title: "Bookings by market and region, all history",
			Label: "Stacked bar chart of bookings per market, split by region", Kind: stackedBar, Data: mr,
			Series: []string{regionsKey}})
	}
	return sec
}

// marketsByRegion is a table of bookings over all history per market (rows,
// in the order of the market list) and region (columns).
func (b *builder) marketsByRegion() *dataTable {
	rev := b.rev
	t := &dataTable{Columns: append([]column{col("Market", textCol)}, b.regionColumns(moneyCol)...)}
	idx := map[string]int{}
	for i, r := range rev.Regions {
		idx[r] = i + 1
	}
	rows := map[string][]cell{}
	for _, m := range rev.Revenue.MarketsRegions {
		row, ok := rows[m.Market]
		if !ok {
			row = make([]cell, len(t.Columns))
			row[0] = txt(marketName(m.Market))
			for i := 1; i < len(row); i++ {
				row[i] = mon(0)
			}
			rows[m.Market] = row
		}
		if i, ok := idx[m.Region]; ok {
			row[i] = mon(m.BookingsAll)
		}
	}
	for _, m := range rev.Revenue.Markets {
		if r, ok := rows[m.Market]; ok {
			t.Rows = append(t.Rows, r)
		}
	}
	return t
}

// marketName shows the empty market as "(none)".
func marketName(m string) string {
	if m == "" {
		return "(none)"
	}
	return m
}

// revenueRegions is the section of bookings and concentration by region.
func (b *builder) revenueRegions() *section {
	rev := b.rev
	t := &dataTable{Columns: []column{col("Region", textCol), b.bookingsColumn(),
		col("Clients "+rev.Period.Name, countCol), col("Top-10 share", percentCol)}}
	for _, s := range rev.ByRegion {
		t.Rows = append(t.Rows,
			[]cell{txt(s.Region), mon(s.KPIs.Current.Bookings), cnt(s.Concentration.Clients), rat(s.Concentration.Top10Share)})
	}
	sec := &section{Title: "Regions"}
	b.addChart(sec, chartSpec{Name: "regions", Title: "Bookings by region, " + rev.Period.Name,
		Label: "Bar chart of bookings per region", Kind: barChart, Data: t, Series: []string{"bookings"},
		CatColours: b.regionColourList(rev.Regions)})
	return sec
}

// contractRevenue is the section of ARR by month, the revenue schedule and
// first-year value.
func (b *builder) contractRevenue() *section {
	sec := &section{Title: "Contract revenue over time"}
	if arr := b.arrTable(); len(arr.Rows) > 0 {
		b.addChart(sec, chartSpec{Name: "arr", Title: "ARR by month and region",
			Label: "Stacked bar chart of annual recurring revenue at the end of each month, by region", Kind: stackedBar,
			Data: arr, Series: []string{regionsKey}})
	}
	sch := b.rev.Revenue.Schedule
	if st := b.scheduleTable(sch); len(st.Rows) > 0 && len(st.Columns) > 1 {
		b.addChart(sec, chartSpec{Name: "schedule",
			Title: "Revenue schedule of the deals won in " + sch.Window + ", next 20 quarters",
			Label: "Stacked bar chart of revenue recognised per quarter over five years from the deals won in " +
				sch.Window + ", by region",
			Kind: stackedBar, Data: st, Series: []string{regionsKey}})
	}
	fy := &dataTable{Columns: []column{col("Region", textCol), col("TCV", moneyCol), col("First-year value", moneyCol),
		col("Deals", countCol)}}
	for _, r := range sch.Rows {
		fy.Rows = append(fy.Rows, []cell{txt(regionOrAll(r.Region)), num(r.TCV), num(r.FirstYearValue), cnt(r.Deals)})
	}
	if len(fy.Rows) > 0 {
		b.addChart(sec, chartSpec{Name: "first-year-value",
			Title: "First-year value beside total contract value, " + sch.Window,
			Label: "Bar chart of total contract value and first-year value of the deals won in " + sch.Window + " per region",
			Kind:  barChart, Data: fy, Series: []string{"TCV", "First-year value"}, Colours: []string{"#4e79a7", "#59a14f"}})
	}
	if len(sec.Charts) == 0 {
		sec.Empty = "No contracts."
	}
	return sec
}

// arrTable is ARR at the end of each month: the total, per region, and the
// revenue recognised in the month.
func (b *builder) arrTable() *dataTable {
	rev := b.rev
	t := &dataTable{Columns: append([]column{col("Month", textCol), col("ARR", moneyCol)}, b.regionColumns(moneyCol)...)}
	t.Columns = append(t.Columns, col("Recognised in month", moneyCol))
	for _, m := range rev.Revenue.ARRByMonth {
		row := []cell{txt(m.Month), num(m.ARR)}
		for i := range rev.Regions {
			row = append(row, cellAt(m.ByRegion, i, num))
		}
		t.Rows = append(t.Rows, append(row, num(m.Recognised)))
	}
	return t
}

// scheduleTable is the revenue schedule: the amount recognised per quarter
// (rows) and region (columns) from the deals won in the schedule's window.
func (b *builder) scheduleTable(sch report.Schedule) *dataTable {
	t := &dataTable{Columns: []column{col("Quarter", textCol)}}
	var regionRows []report.ScheduleRow
	for _, r := range sch.Rows {
		if r.Region != "" {
			regionRows = append(regionRows, r)
			t.Columns = append(t.Columns, column{Label: r.Region, Kind: moneyCol, Key: regionsKey, Colour: b.colour(r.Region)})
		}
	}
	for qi, q := range sch.Quarters {
		row := []cell{txt(q)}
		for _, r := range regionRows {
			row = append(row, cellAt(r.Amounts, qi, num))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// regionOrAll names a scope: its region, or "All regions" for the total.
func regionOrAll(region string) string {
	if region == "" {
		return "All regions"
	}
	return region
}
