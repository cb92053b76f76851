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
	paretoChart                     // bars (Series[0]) with a cumulative line (Line) on a percent axis
	funnelChart                     // categories as funnel steps, Series[0] the values
	pieChart                        // categories as slices, Series[0] the values
	heatmapChart                    // x = categories, y = the Series columns, colour = value
	waterfallChart                  // steps; rows with Totals[i] are totals drawn from zero
)

// chartSpec describes a chart by the table it draws from.
type chartSpec struct {
	Name   string // stable name, unique on the page: part of the chart id and CSV name
	Title  string
	Label  string // accessible description
	Kind   chartKind
	Data   *dataTable
	Cat    int   // the category column
	Series []int // the value columns
	// Colours optionally colours each series (aligned with Series); CatColours
	// colours each category's bar of a one-series bar chart.
	Colours    []string
	CatColours []string
	Line       int    // paretoChart: the cumulative share column
	Totals     []bool // waterfallChart: rows that are totals
	Horizontal bool   // bars grow to the right, categories down the side
	Tall       bool
}

// chartView is a chart as the templates see it.
type chartView struct {
	ID    string // element id of the chart box; the data island is ID+"-data"
	Title string
	Label string
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
	t := s.Data
	if s.Cat < 0 || s.Cat >= len(t.Columns) || len(s.Series) == 0 {
		return nil, islandFormat{}, fmt.Errorf("chart %q: bad columns", s.Name)
	}
	for _, c := range s.Series {
		if c < 0 || c >= len(t.Columns) {
			return nil, islandFormat{}, fmt.Errorf("chart %q: bad series column %d", s.Name, c)
		}
	}
	cats := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		cats[i] = r[s.Cat].Text
	}
	valFmt := t.Columns[s.Series[0]].Kind.fmtName()
	f := islandFormat{Value: valFmt}
	global := []charts.GlobalOpts{
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(s.Series) > 1), Type: "scroll", Top: "0"}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "16", Top: "32", Bottom: "8"}),
	}
	var c echartsChart
	switch s.Kind {
	case barChart, stackedBar, lineChart, paretoChart:
		c = rectChart(s, cats, global, &f)
	case waterfallChart:
		c = waterfall(s, cats, global, &f)
	case heatmapChart:
		h := charts.NewHeatMap()
		var ys []string
		var data []opts.HeatMapData
		maxV := 0.0
		for yi, col := range s.Series {
			ys = append(ys, t.Columns[col].Label)
			for xi, r := range t.Rows {
				v := value(r[col])
				if fv, ok := v.(float64); ok && fv > maxV {
					maxV = fv
				}
				data = append(data, opts.HeatMapData{Value: [3]any{xi, yi, v}})
			}
		}
		h.SetGlobalOptions(append(global,
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
			charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: cats, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: ys, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
			charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "64", Top: "8", Bottom: "8"}),
			charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: 0, Max: float32(math.Max(maxV, 1)),
				Orient: "vertical", Right: "0", Top: "middle",
				InRange: &opts.VisualMapInRange{Color: []string{"#f3f6fa", "#4e79a7"}}}),
		)...)
		h.SetXAxis(cats)
		h.AddSeries("Activities", data)
		f.Y = ""
		c = h
	case funnelChart, pieChart:
		global = append(global, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}))
		if s.Kind == funnelChart {
			fc := charts.NewFunnel()
			fc.SetGlobalOptions(global...)
			var data []opts.FunnelData
			for _, r := range t.Rows {
				data = append(data, opts.FunnelData{Name: r[s.Cat].Text, Value: value(r[s.Series[0]])})
			}
			fc.AddSeries(t.Columns[s.Series[0]].Label, data, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
				ss.Left, ss.Right, ss.Top, ss.Bottom = "8", "8", "8", "8"
				ss.Label = &opts.Label{Show: opts.Bool(true), Position: "inside"}
			}))
			c = fc
		} else {
			pc := charts.NewPie()
			pc.SetGlobalOptions(global...)
			var data []opts.PieData
			for i, r := range t.Rows {
				d := opts.PieData{Name: r[s.Cat].Text, Value: value(r[s.Series[0]])}
				if i < len(s.CatColours) && s.CatColours[i] != "" {
					d.ItemStyle = &opts.ItemStyle{Color: s.CatColours[i]}
				}
				data = append(data, d)
			}
			pc.AddSeries(t.Columns[s.Series[0]].Label, data)
			c = pc
		}
	default:
		return nil, f, fmt.Errorf("chart %q: unknown kind %d", s.Name, s.Kind)
	}
	c.Validate()
	return c.JSON(), f, nil
}

// rectChart builds bar, stacked bar, line and Pareto charts.
func rectChart(s *chartSpec, cats []string, global []charts.GlobalOpts, f *islandFormat) echartsChart {
	t := s.Data
	valFmt := f.Value
	catAxis := opts.XAxis{Type: "category", Data: cats, AxisLabel: &opts.AxisLabel{Interval: "auto", HideOverlap: opts.Bool(true)}}
	valAxis := opts.YAxis{Type: "value"}
	series := func(add func(name string, col int, idx int)) {
		for i, col := range s.Series {
			add(t.Columns[col].Label, col, i)
		}
	}
	colourOf := func(i int) string {
		if i < len(s.Colours) {
			return s.Colours[i]
		}
		return ""
	}
	if s.Kind == lineChart {
		l := charts.NewLine()
		l.SetGlobalOptions(append(global,
			charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: cats}),
			charts.WithYAxisOpts(valAxis))...)
		l.SetXAxis(cats)
		series(func(name string, col, i int) {
			var data []opts.LineData
			for _, r := range t.Rows {
				data = append(data, opts.LineData{Value: value(r[col])})
			}
			l.AddSeries(name, data, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
				if c := colourOf(i); c != "" {
					ss.ItemStyle = &opts.ItemStyle{Color: c}
					ss.LineStyle = &opts.LineStyle{Color: c}
				}
				ss.ConnectNulls = opts.Bool(false)
			}))
		})
		f.Y = valFmt
		return l
	}
	b := charts.NewBar()
	if s.Horizontal {
		// Categories down the side, first row on top.
		b.SetGlobalOptions(append(global,
			charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: cats, Inverse: opts.Bool(true),
				AxisLabel: &opts.AxisLabel{Width: 160, Overflow: "truncate"}}))...)
		b.SetXAxis(cats).XYReversal()
		f.X = valFmt
	} else {
		b.SetGlobalOptions(append(global, charts.WithXAxisOpts(catAxis), charts.WithYAxisOpts(valAxis))...)
		b.SetXAxis(cats)
		f.Y = valFmt
	}
	series(func(name string, col, i int) {
		var data []opts.BarData
		for ri, r := range t.Rows {
			d := opts.BarData{Value: value(r[col])}
			if len(s.Series) == 1 && ri < len(s.CatColours) && s.CatColours[ri] != "" {
				d.ItemStyle = &opts.ItemStyle{Color: s.CatColours[ri]}
			}
			data = append(data, d)
		}
		b.AddSeries(name, data, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
			if s.Kind == stackedBar {
				ss.Stack = "total"
			}
			if c := colourOf(i); c != "" {
				ss.ItemStyle = &opts.ItemStyle{Color: c}
			}
		}))
	})
	if s.Kind == paretoChart && s.Line >= 0 && s.Line < len(t.Columns) {
		b.ExtendYAxis(opts.YAxis{Type: "value", Min: 0, Max: 1, Position: "right"})
		l := charts.NewLine()
		l.SetXAxis(cats)
		var data []opts.LineData
		for _, r := range t.Rows {
			data = append(data, opts.LineData{Value: value(r[s.Line])})
		}
		l.AddSeries(t.Columns[s.Line].Label, data, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
			ss.YAxisIndex = 1
			ss.ItemStyle = &opts.ItemStyle{Color: "#e15759"}
		}))
		b.Overlap(l)
		b.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0"}))
		f.Y2 = t.Columns[s.Line].Kind.fmtName()
	}
	return b
}

// waterfall builds a waterfall as a stack of an invisible base and the step.
func waterfall(s *chartSpec, cats []string, global []charts.GlobalOpts, f *islandFormat) echartsChart {
	t := s.Data
	col := s.Series[0]
	var base, up, down []opts.BarData
	running := 0.0
	for i, r := range t.Rows {
		v := 0.0
		if r[col].OK {
			v = r[col].Num
		}
		total := i < len(s.Totals) && s.Totals[i]
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
	b := charts.NewBar()
	b.SetGlobalOptions(append(global,
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: cats, AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 30}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}))...)
	b.SetXAxis(cats)
	b.AddSeries("base", base, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
		ss.Stack = "w"
		// report.js makes transparent series silent (no tooltip, no hover).
		ss.ItemStyle = &opts.ItemStyle{Color: "transparent"}
	}))
	b.AddSeries("increase", up, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
		ss.Stack = "w"
		ss.ItemStyle = &opts.ItemStyle{Color: "#59a14f"}
	}))
	b.AddSeries("decrease", down, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
		ss.Stack = "w"
		ss.ItemStyle = &opts.ItemStyle{Color: "#e15759"}
	}))
	f.Y = f.Value
	return b
}
