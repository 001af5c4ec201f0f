package forecast

import "math"

// effectSums adds up, against a local baseline (the mean deseasonalised sales of the plain
// days within two weeks either side, times the day's seasonal factors), what promotion days
// and event days sold and what the baseline expected.
func effectSums(f *fitWork, ix *eventIndex, nev int) {
	s := f.s
	n := s.Len()
	f.evY, f.evB = make([]float64, nev), make([]float64, nev)
	season := make([]float64, n)
	cz := make([]float64, n+1) // prefix sums of deseasonalised plain sales
	cc := make([]float64, n+1) // prefix counts of plain days
	for i := 0; i < n; i++ {
		d := s.Start + Day(i)
		season[i] = f.weekday[d.Weekday()] * yearlyFactor(f.yearly, d)
		cz[i+1], cc[i+1] = cz[i], cc[i]
		if clean(s, ix, i) && season[i] >= minFactor {
			cz[i+1] += float64(s.Sales[i]) / season[i]
			cc[i+1]++
		}
	}
	const half = 14
	sq, sb := 0.0, 0.0
	for i := 0; i < n; i++ {
		if !s.known(i) || season[i] < minFactor {
			continue
		}
		evs := ix.on(s.Start + Day(i))
		promo := s.promo(i)
		plain := !promo && len(evs) == 0
		if (!promo && len(evs) != 1 && !plain) || (promo && len(evs) > 0) {
			continue
		}
		lo, hi := max(0, i-half), min(n, i+half+1)
		y := float64(s.Sales[i])
		c, z := cc[hi]-cc[lo], cz[hi]-cz[lo]
		if plain {
			c, z = c-1, z-y/season[i] // leave the day itself out, as for the others
		}
		if c < 5 {
			continue
		}
		base := z / c * season[i]
		switch {
		case plain:
			sq += (y - base) * (y - base)
			sb += base
			continue
		case promo:
			f.promoY += y
			f.promoB += base
		default:
			f.evY[evs[0]] += y
			f.evB[evs[0]] += base
		}
	}
	f.disp = 1
	if sb > 0 {
		f.disp = math.Max(1, sq/sb)
	}
}

// pooledRatios returns, per pool key (and "" for all), the pooled ratio of sales to
// baseline, itself shrunk toward the whole set's ratio and that toward 1. A pool where
// nothing was seen has no entry when the whole set saw nothing either.
func pooledRatios(keys []string, w []fitWork, get func(*fitWork) (float64, float64)) map[string]float64 {
	ys, bs := map[string]float64{}, map[string]float64{}
	for i := range w {
		y, b := get(&w[i])
		ys[keys[i]] += y
		bs[keys[i]] += b
		ys[""] += y
		bs[""] += b
	}
	out := map[string]float64{}
	if bs[""] <= 0 {
		return out
	}
	all := ratioPool(ys[""], bs[""], 1)
	for k := range ys {
		out[k] = ratioPool(ys[k], bs[k], all)
	}
	out[""] = all
	return out
}

// shrinkRatios returns per series its ratio of sales to baseline (promotion days, or one
// event's days) moved toward its pool's ratio by empirical Bayes: the sampling variance of
// a series' ratio is taken as its dispersion times Poisson's (pool ratio / expected
// units), the dispersion measured on its plain days around the same baseline; the spread of true
// ratios between series is measured, and a series keeps its own ratio only as far as that
// spread outweighs its noise. So an effect every item shares is read from the whole pool,
// and an item that truly reacts more keeps its own. Nil when no series saw the days.
func shrinkRatios(keys []string, w []fitWork, get func(*fitWork) (float64, float64)) []float64 {
	pools := pooledRatios(keys, w, get)
	if len(pools) == 0 {
		return nil
	}
	vecs, vars := make([][]float64, len(w)), make([]float64, len(w))
	for i := range w {
		if y, b := get(&w[i]); b > 0 {
			vecs[i], vars[i] = []float64{y / b}, w[i].disp*pools[keys[i]]/b
		}
	}
	eb, ok := poolEstimates(keys, vecs, vars)
	out := make([]float64, len(w))
	for i := range w {
		y, b := get(&w[i])
		prior := pools[keys[i]]
		if !ok || vecs[i] == nil {
			out[i] = ratioPool(y, b, prior)
			continue
		}
		_, tau2 := eb.get(keys[i])
		if math.IsInf(tau2, 1) {
			out[i] = ratioPool(y, b, prior)
			continue
		}
		out[i] = math.Max(0, shrink(vecs[i], vars[i], []float64{prior}, tau2)[0])
	}
	return out
}
