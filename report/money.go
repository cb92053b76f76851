package report

func absMoney(m Money) Money {
	if m < 0 {
		return -m
	}
	return m
}
