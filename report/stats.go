package report

import (
	"cmp"
	"slices"
	"strings"
)

// median returns the median of xs (sorting xs in place), undefined when empty.
func median(xs []int32) Ratio {
	slices.Sort(xs)
	return medianSorted(xs)
}

// medianSorted returns the median of xs, sorted; undefined when empty.
func medianSorted(xs []int32) Ratio {
	n := len(xs)
	if n == 0 {
		return Ratio{}
	}
	if n%2 == 1 {
		return Defined(float64(xs[n/2]))
	}
	return Defined((float64(xs[n/2-1]) + float64(xs[n/2])) / 2)
}

func mean(xs []int32) Ratio {
	if len(xs) == 0 {
		return Ratio{}
	}
	var s int64
	for _, x := range xs {
		s += int64(x)
	}
	return Defined(float64(s) / float64(len(xs)))
}

// growth returns cur / prev - 1, undefined when prev is 0.
func growth(cur, prev Money) Ratio {
	if prev == 0 {
		return Ratio{}
	}
	return Defined(float64(cur)/float64(prev) - 1)
}

// change returns n / prev - 1, undefined when prev is 0.
func change(n, prev int) Ratio {
	r := Div(float64(n), float64(prev))
	if r.OK {
		r.Value--
	}
	return r
}

// winRates returns the win rate by count and by value.
func winRates(won, lost int, wonAmt, lostAmt Money) (Ratio, Ratio) {
	return Div(float64(won), float64(won+lost)), Div(float64(wonAmt), float64(wonAmt+lostAmt))
}

// avgMoney returns m / n in major units, undefined when n is 0.
func avgMoney(m Money, n int) Ratio { return Div(m.Float(), float64(n)) }

func countsOf(a [4]int) ActivityCounts {
	return ActivityCounts{Other: a[OtherActivity], Call: a[Call], Email: a[Email], Meeting: a[Meeting],
		Total: a[0] + a[1] + a[2] + a[3]}
}

// cmpBookings orders by money descending, then name ascending.
func cmpBookings(a, b Money, an, bn string) int {
	if a != b {
		return cmp.Compare(b, a)
	}
	return strings.Compare(an, bn)
}

// insertTop inserts x into top (sorted by order, at most n long).
func insertTop[T any](top []T, x T, n int, order func(a, b T) int) []T {
	if len(top) == n && order(x, top[n-1]) >= 0 {
		return top
	}
	i, _ := slices.BinarySearchFunc(top, x, order)
	top = slices.Insert(top, i, x)
	if len(top) > n {
		top = top[:n]
	}
	return top
}

func sumMoney(ms []Money) Money {
	var s Money
	for _, m := range ms {
		s += m
	}
	return s
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
