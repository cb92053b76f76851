package source

// rowFields are the fields of deal and activity tables, read on every row;
// get finds their columns by fieldNumber, a switch on the constant, rather
// than by hashing the field name into the table's mapping.
var rowFields = [...]string{fID, fName, fAccount, fRegion, fMarket, fOwner, fStage, fStatus, fIsWon, fIsClosed, fAmount, fAmountConverted, fCurrency, fProbability, fForecastCategory, fCreated, fClose, fType, fCountry, fTermMonths, fServiceStart, fDiscount, fProduct, fActivityType, fSubject, fDate, fDealID}

// fieldNumber returns the index of f in rowFields, or -1.
func fieldNumber(f string) int {
	switch f {
	case fID:
		return 0
	case fName:
		return 1
	case fAccount:
		return 2
	case fRegion:
		return 3
	case fMarket:
		return 4
	case fOwner:
		return 5
	case fStage:
		return 6
	case fStatus:
		return 7
	case fIsWon:
		return 8
	case fIsClosed:
		return 9
	case fAmount:
		return 10
	case fAmountConverted:
		return 11
	case fCurrency:
		return 12
	case fProbability:
		return 13
	case fForecastCategory:
		return 14
	case fCreated:
		return 15
	case fClose:
		return 16
	case fType:
		return 17
	case fCountry:
		return 18
	case fTermMonths:
		return 19
	case fServiceStart:
		return 20
	case fDiscount:
		return 21
	case fProduct:
		return 22
	case fActivityType:
		return 23
	case fSubject:
		return 24
	case fDate:
		return 25
	case fDealID:
		return 26
	}
	return -1
}

// rowColumns returns the columns of every row field, by fieldNumber.
func rowColumns(m mapping) *[len(rowFields)][]int {
	var cols [len(rowFields)][]int
	for i, f := range rowFields {
		cols[i] = m[f]
	}
	return &cols
}
