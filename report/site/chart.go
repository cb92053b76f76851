package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chartKind is the shape of a chart.
type chartKind uint8

const (
	barChart       chartKind = iota // one bar per category per series
	stackedBar                      // series stacked per category
	lineChart                       // one line per series
	paretoChart                     // bars (the first series) with a cumulative line (Line) on a percent axis
	funnelChart                     // categories as funnel steps, the first series the values
	pieChart                        // categories as slices, the first series the values
	heatmapChart                    // x = categories, y = the series columns, colour = value
	waterfallChart                  // steps; rows with Totals[i] are totals drawn from zero
)

// chartSpec describes a chart by the table it draws from: the categories
// are the table's first column, and the series are the columns Series
// names.
type chartSpec struct {
	Name  string // stable name, unique on the page: part of the chart id and CSV name
	Title string
	Label string // accessible description
	// Note says in words what the chart cannot show (a bar that cannot be
	// computed), under its title.
	Note string
	Kind chartKind
	Data *dataTable
	// Series names the value columns, in drawing order: a column is named
	// by its Key, or by its Label when it has no Key. A key that several
	// columns share (regionsKey) names them all, in table order.
	Series []string
	// Line names the cumulative-share column of a paretoChart.
	Line string
	// Colours optionally colours each series (aligned with the columns
	// Series names); without it a series takes its column's Colour.
	// CatColours colours each category's bar of a one-series bar chart.
	Colours    []string
	CatColours []string
	Totals     []bool // waterfallChart: rows that are totals
	Horizontal bool   // bars grow to the right, categories down the side
	Tall       bool
}

// plot is a chart spec with its columns found.
type plot struct {
	*chartSpec
	cats   []string // the first column's text, one per row
	series []int    // indexes of the value columns in Data.Columns
	line   int      // index of the Line column, or -1
}

// resolve finds the columns a spec names.
func (s *chartSpec) resolve() (*plot, error) {
	t := s.Data
	if len(t.Columns) == 0 || len(s.Series) == 0 {
		return nil, fmt.Errorf("chart %q: bad columns", s.Name)
	}
	p := &plot{chartSpec: s, line: -1}
	for _, name := range s.Series {
		cols := t.columnsNamed(name)
		if len(cols) == 0 {
			return nil, fmt.Errorf("chart %q: bad columns: the table has no column %q", s.Name, name)
		}
		p.series = append(p.series, cols...)
	}
	if s.Line != "" {
		cols := t.columnsNamed(s.Line)
		if len(cols) != 1 {
			return nil, fmt.Errorf("chart %q: bad columns: the line %q names %d columns", s.Name, s.Line, len(cols))
		}
		p.line = cols[0]
	}
	p.cats = make([]string, len(t.Rows))
	for i, r := range t.Rows {
		p.cats[i] = r[0].Text
	}
	return p, nil
}

// seriesName is the legend name of the i-th series.
func (p *plot) seriesName(i int) string { return p.Data.Columns[p.series[i]].Label }

// values returns the chart values of column col, one per row.
func (p *plot) values(col int) []any {
	out := make([]any, len(p.Data.Rows))
	for i, r := range p.Data.Rows {
		out[i] = value(r[col])
	}
	return out
}

// colour is the colour of the i-th series, or "".
func (p *plot) colour(i int) string {
	if i < len(p.Colours) {
		return p.Colours[i]
	}
	return p.Data.Columns[p.series[i]].Colour
}

// catColour is the colour of the bar of row i, or "".
func (p *plot) catColour(i int) string {
	if i < len(p.CatColours) {
		return p.CatColours[i]
	}
	return ""
}

// chartView is a chart as the templates see it.
type chartView struct {
	ID    string // element id of the chart box; the data island is ID+"-data"
	Title string
	Label string
	Note  string // what the chart cannot show, in words
	Tall  bool
	JSON  template.JS // the island: encoding/json output, HTML-escaped
	CSV   string      // link to the CSV of the numbers drawn
	Table *tableView
}

// island is the JSON a chart's data island holds: the ECharts option and
// the names of the formatters report.js applies (never code).
type island struct {
	Option   map[string]any `json:"option"`
	Format   islandFormat   `json:"format"`
	Currency string         `json:"currency"`
}

type islandFormat struct {
	X     string `json:"x,omitempty"`     // value-axis formatter of x (horizontal bars)
	Y     string `json:"y,omitempty"`     // value-axis formatter of the first y axis
	Y2    string `json:"y2,omitempty"`    // second y axis
	Value string `json:"value,omitempty"` // tooltip and label values
}

// echartsChart is what every go-echarts chart offers for marshalling.
type echartsChart interface {
	Validate()
	JSON() map[string]any
}

// marshalIsland marshals an island with encoding/json, which escapes <, >,
// & and U+2028/9, so the text cannot end the script element it sits in.
// NaN or infinite numbers make json.Marshal fail: an error, never a broken page.
func marshalIsland(isl island) (template.JS, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(isl); err != nil {
		return "", err
	}
	return template.JS(bytes.TrimRight(b.Bytes(), "\n")), nil
}

// value is a chart value: the number, or "-" (ECharts' empty value) when undefined.
func value(c cell) any {
	if !c.OK || math.IsNaN(c.Num) || math.IsInf(c.Num, 0) {
		return "-"
	}
	return c.Num
}

// buildOption turns a spec into the ECharts option and its formats.
func buildOption(s *chartSpec) (map[string]any, islandFormat, error) {
	p, err := s.resolve()
	if err != nil {
		return nil, islandFormat{}, err
	}
	f := islandFormat{Value: s.Data.Columns[p.series[0]].Kind.fmtName()}
	global := []charts.GlobalOpts{
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(p.series) > 1), Type: "scroll", Top: "0"}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "16", Top: "32", Bottom: "8"}),
	}
	var c echartsChart
	switch s.Kind {
	case lineChart:
		c = lines(p, global, &f)
	case barChart, stackedBar, paretoChart:
		c = bars(p, global, &f)
	case waterfallChart:
		c = waterfall(p, global, &f)
	case heatmapChart:
		c = heatmap(p, global)
	case funnelChart:
		c = funnel(p, global)
	case pieChart:
		c = pie(p, global)
	default:
		return nil, f, fmt.Errorf("chart %q: unknown kind %d", s.Name, s.Kind)
	}
	c.Validate()
	return c.JSON(), f, nil
}

// itemTooltip shows the tooltip of one item (a slice, a cell), not of an axis.
var itemTooltip = charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"})

// lines builds a line chart, one line per series.
func lines(p *plot, global []charts.GlobalOpts, f *islandFormat) echartsChart {
	l := charts.NewLine()
	l.SetGlobalOptions(append(global,
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: p.cats}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}))...)
	l.SetXAxis(p.cats)
	for i, col := range p.series {
		var data []opts.LineData
		for _, v := range p.values(col) {
			data = append(data, opts.LineData{Value: v})
		}
		l.AddSeries(p.seriesName(i), data, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
			if c := p.colour(i); c != "" {
				ss.ItemStyle = &opts.ItemStyle{Color: c}
				ss.LineStyle = &opts.LineStyle{Color: c}
			}
			ss.ConnectNulls = opts.Bool(false)
		}))
	}
	f.Y = f.Value
	return l
}

// bars builds bar, stacked bar and Pareto charts.
func bars(p *plot, global []charts.GlobalOpts, f *islandFormat) echartsChart {
	b := charts.NewBar()
	if p.Horizontal {
		// Categories down the side, first row on top.
		b.SetGlobalOptions(append(global,
			charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: p.cats, Inverse: opts.Bool(true),
				AxisLabel: &opts.AxisLabel{Width: 160, Overflow: "truncate"}}))...)
		b.SetXAxis(p.cats).XYReversal()
		f.X = f.Value
	} else {
		catAxis := opts.XAxis{Type: "category", Data: p.cats, AxisLabel: &opts.AxisLabel{Interval: "auto",
			HideOverlap: opts.Bool(true)}}
		b.SetGlobalOptions(append(global, charts.WithXAxisOpts(catAxis), charts.WithYAxisOpts(opts.YAxis{Type: "value"}))...)
		b.SetXAxis(p.cats)
		f.Y = f.Value
	}
	for i, col := range p.series {
		var data []opts.BarData
		for ri, v := range p.values(col) {
			d := opts.BarData{Value: v}
			if c := p.catColour(ri); len(p.series) == 1 && c != "" {
				d.ItemStyle = &opts.ItemStyle{Color: c}
			}
			data = append(data, d)
		}
		b.AddSeries(p.seriesName(i), data, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
			if p.Kind == stackedBar {
				ss.Stack = "total"
			}
			if c := p.colour(i); c != "" {
				ss.ItemStyle = &opts.ItemStyle{Color: c}
			}
		}))
	}
	if p.Kind == paretoChart && p.line >= 0 {
		addCumulativeLine(b, p, f)
	}
	return b
}

// addCumulativeLine draws a Pareto chart's cumulative share as a line on a
// second, 0 to 1 axis.
func addCumulativeLine(b *charts.Bar, p *plot, f *islandFormat) {
	b.ExtendYAxis(opts.YAxis{Type: "value", Min: 0, Max: 1, Position: "right"})
	l := charts.NewLine()
	l.SetXAxis(p.cats)
	var data []opts.LineData
	for _, v := range p.values(p.line) {
		data = append(data, opts.LineData{Value: v})
	}
	col := p.Data.Columns[p.line]
	l.AddSeries(col.Label, data, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
		ss.YAxisIndex = 1
		ss.ItemStyle = &opts.ItemStyle{Color: "#e15759"}
	}))
	b.Overlap(l)
	b.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0"}))
	f.Y2 = col.Kind.fmtName()
}

// heatmap builds a heat map: categories across, the series down, colour
// for the value.
func heatmap(p *plot, global []charts.GlobalOpts) echartsChart {
	h := charts.NewHeatMap()
	var ys []string
	var data []opts.HeatMapData
	maxV := 0.0
	for yi, col := range p.series {
		ys = append(ys, p.seriesName(yi))
		for xi, v := range p.values(col) {
			if fv, ok := v.(float64); ok && fv > maxV {
				maxV = fv
			}
			data = append(data, opts.HeatMapData{Value: [3]any{xi, yi, v}})
		}
	}
	h.SetGlobalOptions(append(global,
		itemTooltip,
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: p.cats, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: ys, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "64", Top: "8", Bottom: "8"}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: 0, Max: float32(math.Max(maxV, 1)),
			Orient: "vertical", Right: "0", Top: "middle",
			InRange: &opts.VisualMapInRange{Color: []string{"#f3f6fa", "#4e79a7"}}}),
	)...)
	h.SetXAxis(p.cats)
	h.AddSeries("Activities", data)
	return h
}

// funnel builds a funnel: one step per category, sized by the first series.
func funnel(p *plot, global []charts.GlobalOpts) echartsChart {
	fc := charts.NewFunnel()
	fc.SetGlobalOptions(append(global, itemTooltip)...)
	var data []opts.FunnelData
	for i, v := range p.values(p.series[0]) {
		data = append(data, opts.FunnelData{Name: p.cats[i], Value: v})
	}
	fc.AddSeries(p.seriesName(0), data, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
		ss.Left, ss.Right, ss.Top, ss.Bottom = "8", "8", "8", "8"
		ss.Label = &opts.Label{Show: opts.Bool(true), Position: "inside"}
	}))
	return fc
}

// pie builds a pie: one slice per category, sized by the first series.
func pie(p *plot, global []charts.GlobalOpts) echartsChart {
	pc := charts.NewPie()
	pc.SetGlobalOptions(append(global, itemTooltip)...)
	var data []opts.PieData
	for i, v := range p.values(p.series[0]) {
		d := opts.PieData{Name: p.cats[i], Value: v}
		if c := p.catColour(i); c != "" {
			d.ItemStyle = &opts.ItemStyle{Color: c}
		}
		data = append(data, d)
	}
	pc.AddSeries(p.seriesName(0), data)
	return pc
}

// waterfall builds a waterfall of the first series as a stack of an
// invisible base and the step.
func waterfall(p *plot, global []charts.GlobalOpts, f *islandFormat) echartsChart {
	base, up, down := waterfallSteps(p)
	b := charts.NewBar()
	b.SetGlobalOptions(append(global,
		itemTooltip,
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: p.cats, AxisLabel: &opts.AxisLabel{Interval: "0",
			Rotate: 30}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}))...)
	b.SetXAxis(p.cats)
	for _, s := range []struct {
		name, colour string
		data         []opts.BarData
	}{
		// report.js makes transparent series silent (no tooltip, no hover).
		{"base", "transparent", base},
		{"increase", "#59a14f", up},
		{"decrease", "#e15759", down},
	} {
		b.AddSeries(s.name, s.data, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
			ss.Stack = "w"
			ss.ItemStyle = &opts.ItemStyle{Color: s.colour}
		}))
	}
	f.Y = f.Value
	return b
}

// waterfallSteps splits the first series into the stacked bars of a
// waterfall: the invisible base, the increases and the decreases.
func waterfallSteps(p *plot) (base, up, down []opts.BarData) {
	col := p.series[0]
	running := 0.0
	for i, r := range p.Data.Rows {
		v := 0.0
		if r[col].OK {
			v = r[col].Num
		}
		total := i < len(p.Totals) && p.Totals[i]
		switch {
		case total:
			running = v
			base = append(base, opts.BarData{Value: 0})
			up = append(up, opts.BarData{Value: v, ItemStyle: &opts.ItemStyle{Color: "#4e79a7"}})
			down = append(down, opts.BarData{Value: "-"})
		case v >= 0:
			base = append(base, opts.BarData{Value: running})
			up = append(up, opts.BarData{Value: v})
			down = append(down, opts.BarData{Value: "-"})
			running += v
		default:
			running += v
			base = append(base, opts.BarData{Value: running})
			up = append(up, opts.BarData{Value: "-"})
			down = append(down, opts.BarData{Value: -v})
		}
	}
	return base, up, down
}
