package source

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/salesreview/salesreview/report"
)

// deal reads one row of a deal table into a deal record. It reports each
// bad cell and returns false when there was one; the deal is kept either
// way, so that later rows keep their record indexes.
func (t *table) deal(num int, cells []string) bool {
	rec := len(t.r.recs.Deals)
	d := report.Deal{Src: t.ref(num)}
	t.dealNames(&d, cells)
	ok := t.dealStatus(&d, num, cells)
	ok = t.dealAmount(&d, num, cells) && ok
	ok = t.dealTerms(&d, num, cells, rec) && ok
	ok = t.dealDates(&d, num, cells, rec) && ok
	t.dealLinks(&d, num, cells)
	t.r.recs.Deals = append(t.r.recs.Deals, d)
	if v, _ := t.get(cells, fCountry); v != "" {
		t.r.setDealCountry(rec, t.texts.clone(v))
	}
	return ok
}

// dealNames reads a deal's id, name and the names it is grouped by.
func (t *table) dealNames(d *report.Deal, cells []string) {
	d.ID = t.text(cells, fID)
	d.Name = t.text(cells, fName)
	d.Account = t.sym(cells, fAccount)
	d.Region = t.sym(cells, fRegion)
	d.Market = t.sym(cells, fMarket)
	d.Owner = t.sym(cells, fOwner)
	d.Stage = t.sym(cells, fStage)
	d.Type = t.sym(cells, fType)
	if fc, _ := t.get(cells, fForecastCategory); fc != "" {
		d.ForecastCategory = t.category(fc)
	}
}

// dealStatus sets a deal's status from, in this order, an explicit status
// column, the IsWon/IsClosed flags, or the stage.
func (t *table) dealStatus(d *report.Deal, num int, cells []string) bool {
	if v, col := t.get(cells, fStatus); v != "" {
		return t.explicitStatus(d, num, v, col)
	}
	if wonV, wonCol := t.get(cells, fIsWon); wonCol >= 0 && wonV != "" {
		return t.flagStatus(d, num, cells, wonV, wonCol)
	}
	ok := true
	if d.Stage == 0 {
		_, col := t.get(cells, fStage)
		t.r.errorAt(t.pos(num, col), t.blankMsg(num, col, "stage"))
		ok = false
	}
	d.Status = t.stageStatus(d.Stage.String())
	return ok
}

// explicitStatus reads a status column's cell: won, lost or open.
func (t *table) explicitStatus(d *report.Deal, num int, v string, col int) bool {
	switch strings.ToLower(v) {
	case "won", "closed won":
		d.Status = report.Won
	case "lost", "closed lost":
		d.Status = report.Lost
	case "open":
		d.Status = report.Open
	default:
		t.r.errorAt(t.pos(num, col), fmt.Sprintf("status %s is not won, lost or open", quoteText(v)))
		return false
	}
	return true
}

// flagStatus reads the IsWon flag (wonV, at wonCol) and the IsClosed flag:
// won, else lost when closed, else open when the closed flag is given,
// else the stage decides.
func (t *table) flagStatus(d *report.Deal, num int, cells []string, wonV string, wonCol int) bool {
	ok := true
	isWon, good := parseBool(wonV)
	if !good {
		t.r.errorAt(t.pos(num, wonCol), fmt.Sprintf("won flag %s is not TRUE or FALSE", quoteText(wonV)))
		ok = false
	}
	closedV, closedCol := t.get(cells, fIsClosed)
	hasClosed := closedCol >= 0 && closedV != ""
	isClosed := false
	if hasClosed {
		c, good := parseBool(closedV)
		if !good {
			t.r.errorAt(t.pos(num, closedCol), fmt.Sprintf("closed flag %s is not TRUE or FALSE", quoteText(closedV)))
			ok = false
		}
		isClosed = c
	}
	switch {
	case isWon:
		d.Status = report.Won
	case isClosed:
		d.Status = report.Lost
	case hasClosed:
		d.Status = report.Open
	default:
		d.Status = t.stageStatus(d.Stage.String())
	}
	return ok
}

// dealAmount reads a deal's currency and amount (the converted amount
// when the export has one), converted to the report currency.
func (t *table) dealAmount(d *report.Deal, num int, cells []string) bool {
	cur, curCol, ok := t.currencyCode(num, cells)
	d.Currency = t.intern(cur)
	av, acol := t.get(cells, fAmountConverted)
	field, convCur := fAmountConverted, ""
	if av == "" {
		av, acol = t.get(cells, fAmount)
		field, convCur = fAmount, cur
	}
	if av == "" {
		return t.blankAmount(d, num, cells, acol) && ok
	}
	m, code, good := t.money(num, field, av, acol, convCur, curCol)
	if !good {
		return false
	}
	d.Amount, d.HasAmount = m, true
	if d.Currency == 0 && code != t.r.currency {
		d.Currency = t.intern(code)
	}
	return ok
}

// blankAmount checks a deal whose amount is blank (at column acol, -1
// when unmapped): an error on a won deal or for a formula without a
// value, counted on an open deal.
func (t *table) blankAmount(d *report.Deal, num int, cells []string, acol int) bool {
	if acol < 0 {
		_, acol = t.get(cells, fAmount)
	}
	if d.Status == report.Won {
		t.r.errorAt(t.pos(num, acol), t.blankMsg(num, acol, "amount", " on a won deal"))
		return false
	}
	if f, has := t.formulaAt(num, acol); has {
		t.r.errorAt(t.pos(num, acol), formulaMsg("amount", f))
		return false
	}
	if d.Status == report.Open {
		t.count("%d open deals have no amount", t.pos(num, acol))
	}
	return true
}

// dealTerms reads a deal's probability, discount and contract term; rec
// is the deal's index, for a probability column scaled later.
func (t *table) dealTerms(d *report.Deal, num int, cells []string, rec int) bool {
	ok := true
	if v, col := t.get(cells, fProbability); v != "" {
		ok = t.probability(d, num, v, col, rec)
	}
	if v, col := t.get(cells, fDiscount); v != "" {
		p, sign, good := parsePercent(v)
		if !good {
			t.r.errorAt(t.pos(num, col), fmt.Sprintf("discount %s is not a percentage", quoteText(v)))
			ok = false
		} else {
			if !sign && p > 0 && p < 1 {
				p *= 100
			}
			d.Discount = p
		}
	}
	if v, col := t.get(cells, fTermMonths); v != "" {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || n != math.Trunc(n) || n < 1 || n > 120 {
			t.r.errorAt(t.pos(num, col), fmt.Sprintf("term %s is not a whole number of months from 1 to 120", quoteText(v)))
			ok = false
		} else {
			d.TermMonths = int32(n)
		}
	}
	return ok
}

// probability reads a probability cell; a value without '%' is noted for
// finishProbabilities, which decides whether the column holds fractions.
func (t *table) probability(d *report.Deal, num int, v string, col, rec int) bool {
	p, sign, good := parsePercent(v)
	if !good {
		t.r.errorAt(t.pos(num, col), fmt.Sprintf("probability %s is not a percentage", quoteText(v)))
		return false
	}
	d.Probability, d.HasProbability = p, true
	if !sign {
		t.probIdx = append(t.probIdx, int32(rec))
		t.probMax = math.Max(t.probMax, p)
	} else {
		t.probMax = math.Max(t.probMax, 100)
	}
	return true
}

// dealDates reads a deal's created, close and service start dates; a
// blank close date is an error on a closed deal and counted on an open one.
func (t *table) dealDates(d *report.Deal, num int, cells []string, rec int) bool {
	var good1, good2, good3 bool
	d.Created, good1 = t.date(num, cells, fCreated, rec)
	d.Close, good2 = t.date(num, cells, fClose, rec)
	d.ServiceStart, good3 = t.date(num, cells, fServiceStart, rec)
	ok := good1 && good2 && good3
	v, col := t.get(cells, fClose)
	if v != "" || !good2 {
		return ok
	}
	if d.Status != report.Open {
		t.r.errorAt(t.pos(num, col), t.blankMsg(num, col, "close date", " on a "+d.Status.String()+" deal"))
		return false
	}
	if f, has := t.formulaAt(num, col); has {
		t.r.errorAt(t.pos(num, col), formulaMsg("close date", f))
		return false
	}
	t.count("%d open deals have no close date", t.pos(num, col))
	return ok
}

// dealLinks notes what the joins check later: a blank account, and the
// product named.
func (t *table) dealLinks(d *report.Deal, num int, cells []string) {
	if d.Account == 0 {
		if _, col := t.get(cells, fAccount); col >= 0 {
			t.count("%d deals have no account", t.pos(num, col))
		}
	}
	if v, col := t.get(cells, fProduct); v != "" {
		t.r.addDealProduct(v, t.pos(num, col)) // cloned when kept
	}
}
