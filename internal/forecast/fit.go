package forecast

// Options steer Fit.
type Options struct {
	// Horizon is how many days ahead the forecasts will be used; the smoothing weights are
	// chosen on a holdout of that length at the end of each history (default 28).
	Horizon int
	// Calendar holds the events whose effects are learned (DefaultCalendar for the
	// built-in Chinese retail calendar; the zero value has none).
	Calendar Calendar
	// Workers is the number of series fitted at once (0: GOMAXPROCS).
	Workers int
}

// priorUnits is how many units of expected sales a pooled promotion or event factor is
// worth against a series' own evidence (see ratioPool).
const priorUnits = 5.0

// intermittentADI is the average interval between days with sales above which a series
// counts as intermittent (Syntetos–Boylan's 1.32).
const intermittentADI = 1.32

type fitWork struct {
	s        *Series
	wdRaw    []float64
	wdVar    float64
	yrRaw    []float64
	yrVar    float64
	weekday  [7]float64
	yearly   []float64
	promoY   float64
	promoB   float64
	evY, evB []float64
	disp     float64   // Σ(y−base)² / Σbase on plain days: 1 for Poisson noise around a true base
	fac      []float32 // full factor per day, promotion included
	method   Method
	score    []float64 // holdout error per grid point
}

// Fit fits one model per series. Series share seasonal shapes, promotion uplift and event
// effects through their pools (Series.Pool, falling back to the whole set), and the
// smoothing weights are chosen per pool and method on a holdout at the end of the
// histories. Fit reads no clock: every date comes from the series.
func Fit(series []Series, opt Options) []*Model {
	if opt.Horizon <= 0 {
		opt.Horizon = 28
	}
	ix := newEventIndex(opt.Calendar)
	w := make([]fitWork, len(series))
	keys := make([]string, len(series))
	for i := range series {
		w[i].s, keys[i] = &series[i], series[i].Pool
	}
	vecs, vars := make([][]float64, len(w)), make([]float64, len(w))

	// Weekday shapes: own estimates, pooled, shrunk.
	Parallel(len(w), opt.Workers, func(i int) { w[i].wdRaw, w[i].wdVar = rawWeekday(w[i].s, ix) })
	for i := range w {
		vecs[i], vars[i] = w[i].wdRaw, w[i].wdVar
	}
	wdPool, wdOK := poolEstimates(keys, vecs, vars)
	for i := range w {
		f := []float64{1, 1, 1, 1, 1, 1, 1}
		if wdOK {
			mu, tau2 := wdPool.get(keys[i])
			f = shrink(w[i].wdRaw, w[i].wdVar, mu, tau2)
			normalise(f)
		}
		copy(w[i].weekday[:], f)
	}

	// Yearly shapes, the same way, for series with more than a year of history.
	Parallel(len(w), opt.Workers, func(i int) { w[i].yrRaw, w[i].yrVar = rawYearly(w[i].s, ix, &w[i].weekday) })
	for i := range w {
		vecs[i], vars[i] = w[i].yrRaw, w[i].yrVar
	}
	if yrPool, ok := poolEstimates(keys, vecs, vars); ok {
		for i := range w {
			mu, tau2 := yrPool.get(keys[i])
			w[i].yearly = shrink(w[i].yrRaw, w[i].yrVar, mu, tau2)
		}
	}

	// Promotion uplift and event effects against a local baseline.
	nev := len(ix.names)
	Parallel(len(w), opt.Workers, func(i int) { effectSums(&w[i], ix, nev) })
	uplift := shrinkRatios(keys, w, func(f *fitWork) (float64, float64) { return f.promoY, f.promoB })
	effects := make([][]float64, nev)
	for e := 0; e < nev; e++ {
		effects[e] = shrinkRatios(keys, w, func(f *fitWork) (float64, float64) { return f.evY[e], f.evB[e] })
	}

	models := make([]*Model, len(w))
	Parallel(len(w), opt.Workers, func(i int) {
		m := &Model{events: ix, Weekday: w[i].weekday, Yearly: w[i].yearly, Effects: map[string]float64{}}
		m.PromoUplift = 1
		if uplift != nil {
			m.PromoUplift = uplift[i]
		}
		for e := 0; e < nev; e++ {
			if effects[e] != nil {
				m.Effects[ix.names[e]] = effects[e][i]
			}
		}
		w[i].method = classify(w[i].s)
		m.Method = w[i].method
		w[i].fac = factorsOf(m, w[i].s)
		w[i].score = holdoutScores(m, w[i].s, w[i].fac, opt.Horizon)
		models[i] = m
	})

	params := chooseParams(keys, w)
	Parallel(len(w), opt.Workers, func(i int) {
		m := models[i]
		m.Params = params[groupKey{keys[i], w[i].method}]
		runFinal(m, w[i].s, w[i].fac)
		w[i].fac = nil
	})
	return models
}

// classify picks TSB for series whose last year averages more than intermittentADI days
// per day with a sale.
func classify(s *Series) Method {
	n := s.Len()
	days, sold := 0, 0
	for i := max(0, n-365); i < n; i++ {
		if s.known(i) {
			days++
			if s.Sales[i] > 0 {
				sold++
			}
		}
	}
	if days > 0 && (sold == 0 || float64(days)/float64(sold) > intermittentADI) {
		return MethodIntermittent
	}
	return MethodSmoothing
}

// factorsOf returns for every day of the history the factor the state's demand is
// multiplied by (see Model.deseason).
func factorsOf(m *Model, s *Series) []float32 {
	fac := make([]float32, s.Len())
	for i := range fac {
		f := m.deseason(s.Start + Day(i))
		if s.promo(i) {
			f *= m.PromoUplift
		}
		fac[i] = float32(f)
	}
	return fac
}
