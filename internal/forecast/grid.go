package forecast

import "math"

// The small grids the smoothing weights are chosen from. Trend options include none
// (Beta 0), a slow trend damped over months and a quicker one damped over weeks.
var (
	smoothingGrid = func() []Params {
		var g []Params
		for _, a := range []float64{0.01, 0.02, 0.05, 0.1, 0.2, 0.4} {
			for _, t := range [][2]float64{{0, 1}, {0.01, 0.995}, {0.01, 0.98}, {0.05, 0.9}} {
				g = append(g, Params{Alpha: a, Beta: t[0], Phi: t[1]})
			}
		}
		return g
	}()
	intermittentGrid = func() []Params {
		var g []Params
		for _, a := range []float64{0.02, 0.05, 0.1, 0.2} {
			for _, b := range []float64{0.01, 0.03, 0.1} {
				g = append(g, Params{Alpha: a, Beta: b})
			}
		}
		return g
	}()
)

func gridFor(m Method) []Params {
	if m == MethodIntermittent {
		return intermittentGrid
	}
	return smoothingGrid
}

// informative reports whether day i tells the state something: demand known and the day
// not one whose factors expect (next to) nothing.
func informative(s *Series, fac []float32, i int) bool {
	return s.known(i) && fac[i] >= minFactor
}

// initState starts the state from the first weeks of the history (up to day upto).
func initState(m *Model, s *Series, fac []float32, upto int) {
	span := 28
	if m.Method == MethodIntermittent {
		span = 56
	}
	sum, days, sold := 0.0, 0, 0
	for i := 0; i < upto && days < span; i++ {
		if informative(s, fac, i) {
			z := float64(s.Sales[i]) / float64(fac[i])
			sum += z
			days++
			if z > 0 {
				sold++
			}
		}
	}
	m.level, m.trend = 0, 0
	switch {
	case m.Method == MethodIntermittent && sold > 0:
		m.trend, m.level = float64(sold)/float64(days), sum/float64(sold)
	case m.Method == MethodIntermittent:
		m.trend, m.level = 0, 0
	case days > 0:
		m.level = sum / float64(days)
	}
	if m.Method == MethodIntermittent && sold == 0 {
		// No sale in the first weeks: start the size from the first sale seen later.
		for i := 0; i < upto; i++ {
			if informative(s, fac, i) && s.Sales[i] > 0 {
				m.level = float64(s.Sales[i]) / float64(fac[i])
				break
			}
		}
	}
}

// runDays feeds days [from, to) to the state.
func runDays(m *Model, s *Series, fac []float32, from, to int) {
	for i := from; i < to; i++ {
		if informative(s, fac, i) {
			m.step(float64(s.Sales[i])/float64(fac[i]), true)
		} else {
			m.step(0, false)
		}
	}
}

// holdoutScores returns, per grid point, the absolute error over the last h days (at most
// a quarter of the history) when the state is run on the days before them and forecast
// from there once. A history too short to hold out anything gets nil.
func holdoutScores(m *Model, s *Series, fac []float32, h int) []float64 {
	n := s.Len()
	h = min(h, n/4)
	if h < 7 {
		return nil
	}
	grid := gridFor(m.Method)
	scores := make([]float64, len(grid))
	tmp := *m
	for g, p := range grid {
		tmp.Params = p
		initState(&tmp, s, fac, n-h)
		runDays(&tmp, s, fac, 0, n-h)
		damp, f := 0.0, 1.0
		for i := n - h; i < n; i++ {
			f *= p.Phi
			damp += f
			if !s.known(i) {
				continue
			}
			base := tmp.trend * tmp.level
			if m.Method != MethodIntermittent {
				base = math.Max(0, tmp.level+tmp.trend*damp)
			}
			scores[g] += math.Abs(base*float64(fac[i]) - float64(s.Sales[i]))
		}
	}
	return scores
}

type groupKey struct {
	pool   string
	method Method
}

// chooseParams picks, per pool and method, the grid point with the least total holdout
// error over the pool's series; a group without any scored series takes the choice of
// the same method over all pools.
func chooseParams(keys []string, w []fitWork) map[groupKey]Params {
	sums := map[groupKey][]float64{}
	add := func(k groupKey, sc []float64) {
		if sums[k] == nil {
			sums[k] = make([]float64, len(sc))
		}
		for g, x := range sc {
			sums[k][g] += x
		}
	}
	for i := range w {
		if w[i].score != nil {
			add(groupKey{keys[i], w[i].method}, w[i].score)
			add(groupKey{"\x00all", w[i].method}, w[i].score)
		}
	}
	best := func(k groupKey) (Params, bool) {
		sc := sums[k]
		if sc == nil {
			return Params{}, false
		}
		b := 0
		for g := range sc {
			if sc[g] < sc[b] {
				b = g
			}
		}
		return gridFor(k.method)[b], true
	}
	out := map[groupKey]Params{}
	for i := range w {
		k := groupKey{keys[i], w[i].method}
		if _, done := out[k]; done {
			continue
		}
		p, ok := best(k)
		if !ok {
			p, ok = best(groupKey{"\x00all", w[i].method})
		}
		if !ok {
			p = Params{Alpha: 0.05, Beta: 0, Phi: 1}
			if w[i].method == MethodIntermittent {
				p = Params{Alpha: 0.1, Beta: 0.03}
			}
		}
		out[k] = p
	}
	return out
}

// runFinal runs the chosen weights over the whole history and measures the one-day-ahead
// error of the last 90 days (after a four-week burn-in) for safety stock.
func runFinal(m *Model, s *Series, fac []float32) {
	n := s.Len()
	initState(m, s, fac, n)
	from := max(28, n-90)
	var errs []float64
	sales := 0.0
	for i := 0; i < n; i++ {
		if informative(s, fac, i) {
			if i >= from {
				errs = append(errs, m.oneStep()*float64(fac[i])-float64(s.Sales[i]))
			}
			sales += float64(s.Sales[i])
			m.step(float64(s.Sales[i])/float64(fac[i]), true)
		} else {
			m.step(0, false)
		}
	}
	m.Sigma, m.ErrCorr = ErrorStats(errs)
	if len(errs) == 0 && n > 0 {
		m.Sigma = math.Sqrt(sales / float64(n)) // Poisson guess for a short history
	}
	m.last = s.End() - 1
}
