package source

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/salesreview/salesreview/report"
)

// Field names: the keys of Options.Columns and of report.ColumnMapping.
const (
	fID               = "id"
	fName             = "name"
	fAccount          = "account"
	fRegion           = "region"
	fMarket           = "market"
	fOwner            = "owner"
	fStage            = "stage"
	fStatus           = "status"
	fIsWon            = "is_won"
	fIsClosed         = "is_closed"
	fAmount           = "amount"
	fAmountConverted  = "amount_converted"
	fCurrency         = "currency"
	fProbability      = "probability"
	fForecastCategory = "forecast_category"
	fCreated          = "created"
	fClose            = "close"
	fType             = "type"
	fCountry          = "country"
	fTermMonths       = "term_months"
	fServiceStart     = "service_start"
	fDiscount         = "discount"
	fProduct          = "product"
	fActivityType     = "activity_type"
	fSubject          = "subject"
	fDate             = "date"
	fDealID           = "deal_id"
	fManager          = "manager"
	fHired            = "hired"
	fPeriod           = "period"
	fTarget           = "target"
	fSubmitted        = "submitted"
	fCommit           = "commit"
	fBestCase         = "best_case"
	fDone             = "done"          // read for the mapping summary only
	fFiscalPeriod     = "fiscal_period" // read for the mapping summary only
	fPipeline         = "pipeline"      // read for the mapping summary only
)

// aliases lists, per table kind and field, the header texts that name the
// field, best first. Headers are compared after normKey.
var aliases = map[report.TableKind][]fieldAliases{
	report.DealTable: {
		{fID, []string{"Opportunity ID", "Opportunity 18 Digit ID", "Opportunity ID 18", "opportunity_id", "Deal ID", "Deal - ID", "Record ID", "Id", "Deal Id", "hs_object_id"}},
		{fName, []string{"Opportunity Name", "Deal Name", "Deal - Title", "Name", "Title", "opportunity_name", "deal_name", "dealname"}},
		{fAccount, []string{"Account Name", "Account", "Deal - Organization", "Organization", "Company", "Company Name", "Associated Company", "Associated Company (Primary)", "account_name", "Client", "Customer"}},
		{fRegion, []string{"Region", "Sales Region", "Territory", "Regional Office", "regional_office", "Deal - Region", "Office"}},
		{fMarket, []string{"Market", "Segment", "Industry", "Sector", "Product Line", "Vertical", "Account: Industry", "Account Industry"}},
		{fOwner, []string{"Opportunity Owner", "Deal owner", "Deal - Owner", "Owner", "Owner Name", "Sales Rep", "Sales Agent", "sales_agent", "Opportunity Owner: Full Name", "hubspot_owner_id", "Rep"}},
		{fStage, []string{"Stage", "StageName", "Deal Stage", "deal_stage", "Deal - Stage", "Opportunity Stage", "Pipeline Stage", "dealstage"}},
		{fStatus, []string{"Deal - Status", "Status", "Outcome"}},
		{fIsWon, []string{"IsWon", "Won"}},
		{fIsClosed, []string{"IsClosed", "Closed"}},
		{fAmountConverted, []string{"Amount (Converted)", "Amount Converted", "ConvertedAmount", "Converted Amount", "Amount in company currency", "Deal - Value in default currency"}},
		{fAmount, []string{"Amount", "Deal - Value", "close_value", "Deal Value", "Value", "Opportunity Amount", "Total Contract Value", "TCV"}},
		{fCurrency, []string{"Amount Currency", "Currency", "Deal - Currency", "Opportunity Currency", "CurrencyIsoCode", "Currency ISO Code", "Deal currency code"}},
		{fProbability, []string{"Probability (%)", "Probability", "Deal probability", "Deal - Probability", "Win Probability", "hs_deal_stage_probability"}},
		{fForecastCategory, []string{"Forecast Category", "ForecastCategoryName", "ForecastCategory", "Forecast category name", "hs_forecast_category"}},
		{fCreated, []string{"Created Date", "CreatedDate", "Create Date", "Deal - Deal created", "Deal - Add time", "engage_date", "Created", "Date Created", "Opportunity Created Date", "createdate"}},
		{fClose, []string{"Close Date", "CloseDate", "close_date", "Deal - Close time", "Deal - Won time", "Deal - Lost time", "Deal - Expected close date", "Expected Close Date", "Closed Date", "closedate"}},
		{fType, []string{"Type", "Opportunity Type", "Deal Type", "Deal - Type", "dealtype"}},
		{fCountry, []string{"Billing Country", "BillingCountry", "Account: Billing Country", "Country", "Deal - Country"}},
		{fTermMonths, []string{"Term (Months)", "Term Months", "Contract Term", "Contract Term (Months)", "Contract Length", "term_months"}},
		{fServiceStart, []string{"Service Start Date", "Contract Start Date", "Service Start", "service_start"}},
		{fDiscount, []string{"Discount (%)", "Discount", "Discount Percent"}},
		{fProduct, []string{"Product", "Product Name", "Deal - Product"}},
		{fFiscalPeriod, []string{"Fiscal Period", "FiscalPeriod", "Fiscal Quarter"}},
		{fPipeline, []string{"Pipeline", "Deal - Pipeline"}},
	},
	report.ActivityTable: {
		{fID, []string{"Activity ID", "Task ID", "Event ID", "Activity - ID", "Id", "activity_id"}},
		{fActivityType, []string{"Activity Type", "Type", "Activity - Type", "Task Subtype", "Event Subtype", "Task/Event", "activity_type"}},
		{fSubject, []string{"Subject", "Activity - Subject", "Activity Subject"}},
		{fDate, []string{"Date", "Activity Date", "ActivityDate", "Due Date", "Activity - Due date", "Activity - Done time", "Completed Date", "Start", "Created Date", "activity_date"}},
		{fOwner, []string{"Assigned", "Assigned To", "Activity - Assigned to user", "Activity - Owner", "Activity owner", "Owner", "Sales Rep", "Sales Agent", "sales_agent"}},
		{fAccount, []string{"Account Name", "Account", "Related To", "Company", "Activity - Organization", "Deal - Organization", "Organization"}},
		{fDealID, []string{"Opportunity ID", "Deal ID", "Deal - ID", "Activity - Deal ID", "opportunity_id", "Related To ID"}},
		{fRegion, []string{"Region", "Territory", "Regional Office"}},
		{fDone, []string{"Activity - Done", "Done", "Completed", "Is Closed"}},
	},
	report.RosterTable: {
		{fOwner, []string{"Sales Rep", "Sales Agent", "sales_agent", "Owner", "Opportunity Owner", "Rep", "Name", "Full Name", "User", "Employee"}},
		{fRegion, []string{"Region", "Regional Office", "regional_office", "Territory", "Office", "Team", "Sales Region"}},
		{fManager, []string{"Manager", "Sales Manager", "Reports To", "manager"}},
		{fHired, []string{"Hire Date", "Hired", "Start Date", "hire_date", "Date Hired"}},
	},
	report.AccountTable: {
		{fAccount, []string{"Account Name", "Account", "Company", "Company Name", "Organization", "Client", "Customer"}},
		{fMarket, []string{"Industry", "Sector", "Segment", "Market", "Vertical"}},
		{fRegion, []string{"Region", "Territory", "Sales Region"}},
		{fCountry, []string{"Billing Country", "Country", "office_location", "Headquarters", "HQ Country", "BillingCountry"}},
	},
	report.TargetTable: {
		{fRegion, []string{"Region", "Territory", "Regional Office"}},
		{fOwner, []string{"Owner", "Sales Rep", "Sales Agent", "Rep"}},
		{fPeriod, []string{"Period", "Fiscal Period", "Quarter", "Fiscal Quarter"}},
		{fDate, []string{"Date", "Start Date", "Period Start", "Month"}},
		{fTarget, []string{"Target", "Quota", "Target Amount", "Quota Amount", "Goal", "Bookings Target"}},
	},
	report.ForecastTable: {
		{fRegion, []string{"Region", "Territory", "Regional Office"}},
		{fPeriod, []string{"Period", "Fiscal Period", "Quarter", "Fiscal Quarter"}},
		{fSubmitted, []string{"Submitted", "Submitted Date", "Submitted On", "Date Submitted", "Call Date", "Date", "As Of"}},
		{fCommit, []string{"Commit", "Commit Amount", "Forecast Commit", "Forecast"}},
		{fBestCase, []string{"Best Case", "Best Case Amount", "Forecast Best Case"}},
	},
}

// fieldAliases is a field and the headers that name it, best first.
type fieldAliases struct {
	field   string
	headers []string
}

// aliasIndex maps, per kind, a normalised header to its field and rank.
var aliasIndex = map[report.TableKind]map[string]aliasHit{}

// knownHeaders holds every normalised alias of every kind, for header-row
// detection.
var knownHeaders = map[string]bool{}

type aliasHit struct {
	field string
	rank  int
}

func init() {
	for kind, list := range aliases {
		idx := map[string]aliasHit{}
		for _, fa := range list {
			for rank, h := range fa.headers {
				k := normKey(h)
				if _, dup := idx[k]; !dup {
					idx[k] = aliasHit{fa.field, rank}
				}
				knownHeaders[k] = true
			}
		}
		aliasIndex[kind] = idx
	}
	// Headers of tables that are recognised only to be ignored.
	for _, h := range []string{"table", "field", "description", "series", "salesprice", "price", "listprice", "rowlabels", "grandtotal"} {
		knownHeaders[h] = true
	}
}

// normKey folds a header for comparison: lower case, letters and digits only.
func normKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case r > 127 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// headerScanRows is how many rows from the top are searched for the header.
const headerScanRows = 40

// findHeader returns the index in rows of the header row: the row with the
// most cells that are known column names (at least two), the earliest on a
// tie; extra names the caller knows (from Options.Columns) count too. It
// returns -1 when no row qualifies.
func findHeader(rows [][]string, extra map[string]bool) int {
	best, bestScore := -1, 1
	for i, row := range rows {
		if i >= headerScanRows {
			break
		}
		score := 0
		for _, c := range row {
			k := normKey(c)
			if k != "" && (knownHeaders[k] || extra[k]) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// mapping is a table's columns by field: for each field the 0-based columns
// that hold it, best first (the first non-blank of them is used).
type mapping map[string][]int

// mapColumns maps headers to fields for a kind. overrides (field -> header)
// win over the aliases. It returns the mapping and the override fields whose
// header was not found.
func mapColumns(kind report.TableKind, header []string, overrides map[string]string) (mapping, []string) {
	idx := aliasIndex[kind]
	type cand struct{ col, rank int }
	found := map[string][]cand{}
	over := map[string]string{}
	for f, h := range overrides {
		over[normKey(h)] = f
	}
	for col, h := range header {
		k := normKey(h)
		if k == "" {
			continue
		}
		if f, ok := over[k]; ok {
			found[f] = append(found[f], cand{col, -1})
			continue
		}
		if hit, ok := idx[k]; ok {
			if _, overridden := overrides[hit.field]; overridden {
				continue
			}
			found[hit.field] = append(found[hit.field], cand{col, hit.rank})
		}
	}
	m := mapping{}
	for f, cs := range found {
		sort.SliceStable(cs, func(i, j int) bool {
			return cs[i].rank < cs[j].rank || cs[i].rank == cs[j].rank && cs[i].col < cs[j].col
		})
		for _, c := range cs {
			m[f] = append(m[f], c.col)
		}
	}
	var missing []string
	for f := range overrides {
		if _, ok := m[f]; !ok && fieldOfKind(kind, f) {
			missing = append(missing, f)
		}
	}
	sort.Strings(missing)
	return m, missing
}

// knownField reports whether f is a field of any table kind.
func knownField(f string) bool {
	for kind := range aliases {
		if fieldOfKind(kind, f) {
			return true
		}
	}
	return false
}

// allFields lists every field name, sorted.
func allFields() []string {
	seen := map[string]bool{}
	for _, list := range aliases {
		for _, fa := range list {
			seen[fa.field] = true
		}
	}
	return sortedKeys(seen)
}

func fieldOfKind(kind report.TableKind, f string) bool {
	for _, fa := range aliases[kind] {
		if fa.field == f {
			return true
		}
	}
	return false
}

// recogniseKind decides what a table holds from its header row, and says
// why. It returns IgnoredTable with a note for tables it knows to ignore,
// and "" when nothing fits.
func recogniseKind(header []string, overrides map[string]string) (report.TableKind, string) {
	keys := map[string]bool{}
	for _, h := range header {
		if k := normKey(h); k != "" {
			keys[k] = true
		}
	}
	if note := summaryTable(header, keys); note != "" {
		return report.IgnoredTable, note
	}
	has := func(kind report.TableKind, fields ...string) bool {
		m, _ := mapColumns(kind, header, overrides)
		for _, f := range fields {
			if _, ok := m[f]; !ok {
				return false
			}
		}
		return true
	}
	dealSignal := has(report.DealTable, fStage) || has(report.DealTable, fStatus) || has(report.DealTable, fIsWon)
	dealValue := has(report.DealTable, fAmount) || has(report.DealTable, fAmountConverted) || has(report.DealTable, fClose)
	switch {
	case activityNamed(header) && has(report.ActivityTable, fDate):
		return report.ActivityTable, "activities: has an activity type column and a date column"
	case dealSignal && dealValue:
		return report.DealTable, "deal table: has a stage or status column and an amount or close date column"
	case has(report.ForecastTable, fCommit) && has(report.ForecastTable, fPeriod):
		return report.ForecastTable, "forecast calls: has commit and period columns"
	case has(report.TargetTable, fTarget) && (has(report.TargetTable, fRegion) || has(report.TargetTable, fOwner)):
		return report.TargetTable, "targets: has a target or quota column and a region or owner column"
	case (has(report.ActivityTable, fActivityType) || has(report.ActivityTable, fSubject)) && has(report.ActivityTable, fDate):
		return report.ActivityTable, "activities: has an activity type or subject column and a date column"
	case has(report.RosterTable, fOwner, fRegion) && !has(report.AccountTable, fAccount):
		return report.RosterTable, "team roster: has owner and region columns"
	case has(report.AccountTable, fAccount) && (has(report.AccountTable, fMarket) || has(report.AccountTable, fCountry) || has(report.AccountTable, fRegion)):
		return report.AccountTable, "accounts: has an account column and a sector, industry, country or region column"
	case keys["product"] && (keys["salesprice"] || keys["price"] || keys["listprice"] || keys["series"]):
		return report.IgnoredTable, "a product list (product, price), not records; product names are checked against the deals"
	}
	return "", ""
}

// summaryTable says why a table whose headers (folded into keys) make it
// a data dictionary or a pivot table is ignored; "" for other tables.
func summaryTable(header []string, keys map[string]bool) string {
	if keys["table"] && keys["field"] && keys["description"] {
		return "a data dictionary (Table, Field, Description), not records"
	}
	for _, h := range header {
		t := strings.ToLower(strings.TrimSpace(h))
		if t == "row labels" || t == "grand total" || strings.HasPrefix(t, "sum of ") || strings.HasPrefix(t, "count of ") {
			return "a pivot table (" + quoteText(h) + "), not records"
		}
	}
	return ""
}

// activityNamed reports whether a header names an activity type column as
// such ("Activity Type", "Activity - Type", "Task/Event"): that marks an
// activity export even when it carries the linked deal's stage and value.
func activityNamed(header []string) bool {
	for _, h := range header {
		k := normKey(h)
		if k == "tasksubtype" || k == "eventsubtype" || k == "taskevent" || strings.HasPrefix(k, "activity") && aliasIndex[report.ActivityTable][k].field == fActivityType {
			return true
		}
	}
	return false
}

// requiredFields lists, per kind, the fields a table must have.
func requiredFields(kind report.TableKind, m mapping) []string {
	switch kind {
	case report.DealTable:
		var req []string
		if _, ok := m[fStatus]; !ok {
			if _, ok := m[fIsWon]; !ok {
				req = append(req, fStage)
			}
		}
		if _, ok := m[fAmountConverted]; !ok {
			req = append(req, fAmount)
		}
		return append(req, fClose)
	case report.ActivityTable:
		return []string{fDate}
	case report.RosterTable:
		return []string{fOwner, fRegion}
	case report.AccountTable:
		return []string{fAccount}
	case report.TargetTable:
		if _, ok := m[fPeriod]; !ok {
			return []string{fDate, fTarget}
		}
		return []string{fPeriod, fTarget}
	case report.ForecastTable:
		return []string{fRegion, fPeriod, fCommit}
	}
	return nil
}

// quoteText quotes user text for a message, keeping it on one line and short.
func quoteText(s string) string {
	if len(s) > 80 {
		cut := 80
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "..."
	}
	return strconv.Quote(s)
}
