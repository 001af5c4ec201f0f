package backtest

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/storeops/storeops/internal/forecast"
)

// Config says what to hold out and whether to replay ordering.
type Config struct {
	Horizon  int          // held-out days (default 90)
	Origin   forecast.Day // last day of training; 0: Last − Horizon
	Calendar forecast.Calendar
	Simulate *SimConfig // nil: no replay
	Workers  int        // 0: GOMAXPROCS
}

// The forecasters compared, in report order.
const (
	Engine = iota
	LastWeek
	FourWeekMean
	nMethods
)

// The two ways of forecasting the held-out days.
const (
	Once   = iota // all days forecast at the origin
	Rolled        // each day forecast the day before, with every earlier actual known
	nModes
)

// seriesResult is one series' accuracy per mode and method, and its replay.
type seriesResult struct {
	acc   [nModes][nMethods]forecast.Accuracy
	scale float64
	sim   [][2]SimScores // per service level: engine, 4-week mean
}

// Run fits the engine on the days up to the origin and scores it and both baselines on
// the days after it.
func Run(d *Data, cfg Config) (*Report, error) {
	if cfg.Horizon <= 0 {
		cfg.Horizon = 90
	}
	origin := cfg.Origin
	if origin == 0 {
		origin = d.Last - forecast.Day(cfg.Horizon)
	}
	if origin < d.First+6 || origin >= d.Last {
		return nil, fmt.Errorf("origin %s leaves no history or no test days: the file runs %s to %s (horizon %d)",
			origin, d.First, d.Last, cfg.Horizon)
	}
	end := min(d.Last, origin+forecast.Day(cfg.Horizon)) // last test day
	var train []forecast.Series
	var idx []int
	for i := range d.Series {
		h := d.Series[i].Head(origin + 1)
		if h.Len() >= 7 {
			train = append(train, h)
			idx = append(idx, i)
		}
	}
	if len(train) == 0 {
		return nil, fmt.Errorf("no series has a week of history before the origin %s", origin)
	}
	models := forecast.Fit(train, forecast.Options{Horizon: cfg.Horizon, Calendar: cfg.Calendar, Workers: cfg.Workers})
	results := make([]seriesResult, len(train))
	forecast.Parallel(len(train), cfg.Workers, func(k int) {
		s := &d.Series[idx[k]]
		r := &results[k]
		r.scale = forecast.NaiveScale(&train[k])
		score(r, s, models[k], origin, end)
		if cfg.Simulate != nil {
			r.sim = simulate(*cfg.Simulate, s, &train[k], models[k].Clone(), origin, end)
		}
	})
	rep := &Report{
		Rows: d.Rows, Series: len(d.Series), Evaluated: len(train), Skipped: len(d.Series) - len(train),
		First: d.First.String(), Last: d.Last.String(), Origin: origin.String(), Horizon: cfg.Horizon,
		TestFrom: (origin + 1).String(), TestTo: end.String(), Methods: map[string]int{},
	}
	var all [nModes][nMethods]forecast.Accuracy
	byStore := map[string]*[nModes][nMethods]forecast.Accuracy{}
	byMethod := map[string]*[nModes][nMethods]forecast.Accuracy{}
	for k, r := range results {
		store, method := d.Stores[idx[k]], string(models[k].Method)
		if byStore[store] == nil {
			byStore[store] = &[nModes][nMethods]forecast.Accuracy{}
		}
		if byMethod[method] == nil {
			byMethod[method] = &[nModes][nMethods]forecast.Accuracy{}
		}
		for mo := range nModes {
			for me := range nMethods {
				all[mo][me].AddSeries(r.acc[mo][me], r.scale)
				byStore[store][mo][me].AddSeries(r.acc[mo][me], r.scale)
				byMethod[method][mo][me].AddSeries(r.acc[mo][me], r.scale)
			}
		}
		rep.Methods[method]++
	}
	for _, method := range []forecast.Method{forecast.MethodSmoothing, forecast.MethodIntermittent} {
		if acc := byMethod[string(method)]; acc != nil {
			n := rep.Methods[string(method)]
			rep.Once.Methods = append(rep.Once.Methods, MethodTable{Method: string(method), Series: n, Table: table(acc[Once])})
			rep.Rolled.Methods = append(rep.Rolled.Methods, MethodTable{Method: string(method), Series: n, Table: table(acc[Rolled])})
		}
	}
	rep.Once.Overall, rep.Rolled.Overall = table(all[Once]), table(all[Rolled])
	stores := make([]string, 0, len(byStore))
	for s := range byStore {
		stores = append(stores, s)
	}
	sort.Slice(stores, func(i, j int) bool { return naturalLess(stores[i], stores[j]) })
	for _, s := range stores {
		rep.Once.Stores = append(rep.Once.Stores, StoreTable{Store: s, Table: table(byStore[s][Once])})
		rep.Rolled.Stores = append(rep.Rolled.Stores, StoreTable{Store: s, Table: table(byStore[s][Rolled])})
	}
	if cfg.Simulate != nil {
		rep.Simulation = simReport(*cfg.Simulate, results, func(k int) string { return d.Stores[idx[k]] },
			func(k int) string { return string(models[k].Method) })
	}
	return rep, nil
}

// score forecasts the test days of one series every way and adds up the errors.
func score(r *seriesResult, s *forecast.Series, m *forecast.Model, origin, end forecast.Day) {
	n := int(end - origin)
	promo := make([]bool, n)
	for i := range promo {
		promo[i] = promoOn(s, origin+1+forecast.Day(i))
	}
	once := m.Forecast(origin+1, n, promo)
	rolled := m.Clone()
	for i := 0; i < n; i++ {
		d := origin + 1 + forecast.Day(i)
		actual, known := at(s, d)
		oneDay := rolled.Forecast(d, 1, promo[i:i+1])[0].Units
		rolled.Observe(d, actual, promo[i], !known)
		if !known {
			continue
		}
		// Once at the origin the baselines only see days up to the origin.
		lastSeen := d - 7*((d-origin+6)/7)
		r.acc[Once][Engine].Add(once[i].Units, actual)
		r.acc[Once][LastWeek].Add(sameWeekday(s, lastSeen, 1), actual)
		r.acc[Once][FourWeekMean].Add(sameWeekday(s, lastSeen, 4), actual)
		r.acc[Rolled][Engine].Add(oneDay, actual)
		r.acc[Rolled][LastWeek].Add(sameWeekday(s, d-7, 1), actual)
		r.acc[Rolled][FourWeekMean].Add(sameWeekday(s, d-7, 4), actual)
	}
}

// sameWeekday is the mean of the sales on day from and the weeks before it, over the
// first `weeks` of them that are known; for one week it steps back past unknown days.
// A series too young to have any such day forecasts 0.
func sameWeekday(s *forecast.Series, from forecast.Day, weeks int) float64 {
	sum, n := 0.0, 0
	for d, tries := from, 0; d >= s.Start && n < weeks && tries < weeks+8; d, tries = d-7, tries+1 {
		if v, ok := at(s, d); ok {
			sum += v
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// at returns the sales of day d and whether they are known.
func at(s *forecast.Series, d forecast.Day) (float64, bool) {
	i := int(d - s.Start)
	if i < 0 || i >= s.Len() {
		return 0, false
	}
	if s.OutOfStock != nil && s.OutOfStock[i] {
		return 0, false
	}
	return float64(s.Sales[i]), true
}

func promoOn(s *forecast.Series, d forecast.Day) bool {
	i := int(d - s.Start)
	return s.Promo != nil && i >= 0 && i < len(s.Promo) && s.Promo[i]
}

func table(acc [nMethods]forecast.Accuracy) Table {
	sc := func(a forecast.Accuracy) Scores {
		return Scores{WAPE: a.WAPE(), SMAPE: a.SMAPE(), Bias: a.Bias(), MASE: a.MASE()}
	}
	return Table{Engine: sc(acc[Engine]), LastWeek: sc(acc[LastWeek]), FourWeekMean: sc(acc[FourWeekMean])}
}

// naturalLess orders store codes numerically when both are numbers.
func naturalLess(a, b string) bool {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA == nil && errB == nil && !math.IsNaN(x) && !math.IsNaN(y) && x != y {
		return x < y
	}
	return a < b
}
