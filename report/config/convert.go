package config

import (
	"fmt"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/site"
	"github.com/salesreview/salesreview/report/source"
	"github.com/salesreview/salesreview/report/userfile"
)

// SourceInputs returns the configured inputs (and the targets file) with
// paths resolved against the configuration file.
func (c *Config) SourceInputs() []source.Input {
	var ins []source.Input
	for _, in := range c.Inputs {
		ins = append(ins, source.Input{Path: c.Resolve(in.Path), Role: report.TableKind(in.Role), Sheet: in.Sheet})
	}
	if c.Targets.File != "" {
		ins = append(ins, source.Input{Path: c.Resolve(c.Targets.File), Role: report.TargetTable})
	}
	return ins
}

// PreviousInputs returns the configured previous snapshot, paths resolved.
func (c *Config) PreviousInputs() []source.Input {
	var ins []source.Input
	for _, in := range c.Previous {
		ins = append(ins, source.Input{Path: c.Resolve(in.Path), Role: report.TableKind(in.Role), Sheet: in.Sheet})
	}
	return ins
}

// SourceOptions returns how the input side should read the exports (the
// inputs themselves are set by the caller, see SourceInputs).
func (c *Config) SourceOptions() source.Options {
	o := source.Options{
		Inputs:          c.SourceInputs(),
		WonStages:       c.Stages.Won,
		LostStages:      c.Stages.Lost,
		ReportCurrency:  string(c.Currency.Report),
		DateOrder:       string(c.DateOrder),
		FiscalYearStart: int(c.FiscalYear.Start),
		Strict:          c.Strict,
	}
	if len(c.Columns) > 0 {
		o.Columns = make(map[string]string, len(c.Columns))
		for k, v := range c.Columns {
			o.Columns[k] = v
		}
	}
	if len(c.Currency.Rates) > 0 {
		o.Rates = make(map[string]float64, len(c.Currency.Rates))
		for k, v := range c.Currency.Rates {
			o.Rates[string(k)] = float64(v)
		}
	}
	if len(c.Regions.Countries) > 0 {
		o.CountryRegion = make(map[string]string, len(c.Regions.Countries))
		for k, v := range c.Regions.Countries {
			o.CountryRegion[k] = v
		}
	}
	return o
}

// ReviewOptions returns how the review should be computed.
func (c *Config) ReviewOptions() report.Options {
	o := report.Options{
		FiscalYearStart:    int(c.FiscalYear.Start),
		YearNaming:         string(c.FiscalYear.Naming),
		Period:             string(c.Period),
		ChangesQuarter:     string(c.ChangesQuarter),
		AsOf:               c.AsOf.Day(),
		AmountMode:         string(c.Amounts.Mode),
		DefaultTerm:        int(c.Amounts.DefaultTerm),
		StageOrder:         c.Stages.Order,
		StaleDays:          int(c.Thresholds.StaleDays),
		OutsizedFactor:     float64(c.Thresholds.Outsized),
		DiscountThreshold:  float64(c.Thresholds.Discount),
		SlipPeriods:        int(c.Thresholds.SlipPeriods),
		ForecastCutoffWeek: int(c.Thresholds.ForecastWeek),
		Regions:            c.Regions.Order,
		Currency:           string(c.Currency.Report),
		MaxListed:          int(c.Limits.MaxListed),
		AttritionRate:      float64(c.Capacity.Attrition) / 100,
	}
	if len(c.Stages.Probabilities) > 0 {
		o.StageProbability = make(map[string]float64, len(c.Stages.Probabilities))
		for k, v := range c.Stages.Probabilities {
			o.StageProbability[k] = float64(v)
		}
	}
	return o
}

// InlineTargets returns the inline targets as records, in file order.
func (c *Config) InlineTargets() []report.Target {
	var ts []report.Target
	for _, t := range c.Targets.Inline {
		ts = append(ts, report.Target{Region: report.Intern(t.Region), Owner: report.Intern(t.Owner), Period: string(t.Period),
			Amount: report.MoneyFromFloat(t.Amount)})
	}
	return ts
}

// RegionColours returns the configured colours as plain strings.
func (c *Config) RegionColours() map[string]string {
	if len(c.Regions.Colours) == 0 {
		return nil
	}
	m := make(map[string]string, len(c.Regions.Colours))
	for k, v := range c.Regions.Colours {
		m[k] = string(v)
	}
	return m
}

// SiteOptions returns the site options the configuration sets: the title,
// the logo (read from its file by package userfile's rule, at most
// MaxLogoBytes) and the region colours. The caller adds what comes from
// elsewhere: templates, commentary, build date, inputs.
func (c *Config) SiteOptions() (site.Options, error) {
	o := site.Options{Title: c.Title, RegionColours: c.RegionColours()}
	if c.Logo != "" {
		logo, err := userfile.ReadFile(c.Resolve(c.Logo), MaxLogoBytes)
		if err != nil {
			return o, fmt.Errorf("%s: logo: %w", c.Path, err)
		}
		o.Logo = logo
	}
	return o, nil
}
