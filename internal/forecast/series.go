package forecast

// Series is the daily sales history of one SKU in one store. Index i of every slice is the
// day Start+i. Promo and OutOfStock may be nil (no promotion days, no known stock-outs).
type Series struct {
	Pool       string    // series in the same pool (usually a store) share seasonal shapes
	Start      Day       // the date of Sales[0]
	Sales      []float32 // units sold per day
	Promo      []bool    // true on days with a promotion running
	OutOfStock []bool    // true on days without stock: demand unknown, never read as zero
}

// Len is the number of days in the history.
func (s *Series) Len() int { return len(s.Sales) }

// End is the day after the last day of the history.
func (s *Series) End() Day { return s.Start + Day(len(s.Sales)) }

func (s *Series) promo(i int) bool { return s.Promo != nil && i < len(s.Promo) && s.Promo[i] }

func (s *Series) known(i int) bool {
	return s.OutOfStock == nil || i >= len(s.OutOfStock) || !s.OutOfStock[i]
}

// Head returns the history before day end, sharing the arrays (no copy).
func (s Series) Head(end Day) Series {
	n := int(end - s.Start)
	n = max(0, min(n, len(s.Sales)))
	s.Sales = s.Sales[:n]
	if s.Promo != nil {
		s.Promo = s.Promo[:min(n, len(s.Promo))]
	}
	if s.OutOfStock != nil {
		s.OutOfStock = s.OutOfStock[:min(n, len(s.OutOfStock))]
	}
	return s
}
