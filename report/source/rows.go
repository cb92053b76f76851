package source

// rowSource yields the rows of one table (a worksheet or a CSV file) in
// order. Row returns the 1-based row (or line) number and the cells of the
// current row; the slice is reused by the next call to Next, so callers copy
// what they keep. Readers of xlsx (xlsx.go) and CSV (csv.go) implement it.
type rowSource interface {
	Next() bool
	Row() (num int, cells []string)
	Err() error
	Close() error
}

// sharedIndexer is implemented by row sources that can say, for each cell
// of the current row, its index in the workbook's shared-string table (-1
// for none): equal indexes are equal texts.
type sharedIndexer interface {
	SharedIndexes() []int32
}

// rowsHinter is implemented by row sources that know, before reading them
// all, about how many rows their table has (a claim of the file, bounded
// by its size), so the records can be reserved at once.
type rowsHinter interface {
	RowsHint() int
}

// formulaSource is implemented by row sources that can say whether a cell
// that read blank holds a formula without a cached value. It is called on
// error paths only.
type formulaSource interface {
	formula(row, col int) (string, bool)
}

// cellError is a row source's error at a known row and (when Col > 0)
// column; the table reader reports it at that cell of the sheet. Row
// sources convert their readers' positioned errors to it (see xlsx.go).
type cellError struct {
	Row, Col int
	Msg      string
}

func (e *cellError) Error() string { return e.Msg }
