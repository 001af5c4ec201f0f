package backtest

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/storeops/storeops/internal/forecast"
)

// SimConfig describes the replay: goods keep ShelfLife days from delivery (the day of
// delivery counts), arrive Lead days after the order, and are ordered every Review days.
type SimConfig struct {
	ShelfLife, Lead, Review int
}

// ServiceLevels are the cycle service levels the replay sweeps for both rules; the
// safety stock of level p is z(p) times the standard deviation of the error summed over
// the cover days, z the standard normal quantile.
var ServiceLevels = []float64{0.80, 0.90, 0.95, 0.98, 0.99, 0.995, 0.999}

// headline is the index in ServiceLevels of the level the headline figures use (95 %,
// the default service level).
const headline = 2

// ParseSimConfig reads "shelf-life=N,lead=L,review=R".
func ParseSimConfig(s string) (SimConfig, error) {
	c := SimConfig{Review: 1}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if !ok || err != nil {
			return c, fmt.Errorf("--simulate %q: want shelf-life=N,lead=L,review=R with whole numbers", s)
		}
		switch strings.TrimSpace(k) {
		case "shelf-life", "shelf_life", "shelflife":
			c.ShelfLife = n
		case "lead":
			c.Lead = n
		case "review":
			c.Review = n
		default:
			return c, fmt.Errorf("--simulate: unknown key %q (want shelf-life, lead, review)", k)
		}
	}
	switch {
	case c.ShelfLife < 1:
		return c, fmt.Errorf("--simulate: shelf-life must be at least 1 day")
	case c.Lead < 0:
		return c, fmt.Errorf("--simulate: lead must not be negative")
	case c.Review < 1:
		return c, fmt.Errorf("--simulate: review must be at least 1 day")
	}
	return c, nil
}

// SimScores add up a replay.
type SimScores struct {
	Received     float64 `json:"received"`
	Sold         float64 `json:"sold"`
	Demand       float64 `json:"demand"`
	Wasted       float64 `json:"wasted"`
	StockoutDays int     `json:"stockout_days"`
	Days         int     `json:"series_days"`
	WastePct     float64 `json:"waste_pct"` // wasted / received × 100
	FillRate     float64 `json:"fill_rate"` // sold / demand
}

func (s *SimScores) add(o SimScores) {
	s.Received += o.Received
	s.Sold += o.Sold
	s.Demand += o.Demand
	s.Wasted += o.Wasted
	s.StockoutDays += o.StockoutDays
	s.Days += o.Days
}

func (s *SimScores) finish() {
	s.WastePct = 100 * s.Wasted / math.Max(s.Received, 1e-9)
	s.FillRate = s.Sold / math.Max(s.Demand, 1e-9)
}

type lot struct {
	qty     float64
	expires forecast.Day // last day it may be sold
}

type shelf struct {
	cfg      SimConfig
	lots     []lot // oldest expiry first
	pipeline []lot // qty on order; expires holds the arrival day
	score    SimScores
}

func (sh *shelf) receive(d forecast.Day, qty float64) {
	if qty > 0 {
		sh.lots = append(sh.lots, lot{qty, d + forecast.Day(sh.cfg.ShelfLife) - 1})
		sh.score.Received += qty
	}
}

func (sh *shelf) onOrder() (t float64) {
	for _, l := range sh.pipeline {
		t += l.qty
	}
	return
}

// order places the order of review day d from daily forecasts f[0..] for days d, d+1, ...
// (at least Lead+max(Review,ShelfLife) of them) and a safety stock in units: cover (Lead+
// Review days) + safety stock − the stock on hand and on order that can still sell in
// that time, at most what is forecast to sell between delivery and the end of shelf life
// beyond what the older stock sells then, whole units (case pack 1).
func (sh *shelf) order(d forecast.Day, f []float64, safety float64) {
	c := sh.cfg
	sum := func(a, b int) (t float64) {
		for _, x := range f[a:b] {
			t += x
		}
		return
	}
	usable, older := sh.project(d, f)
	q := sum(0, c.Lead+c.Review) + safety - usable
	q = math.Min(q, sum(c.Lead, c.Lead+c.ShelfLife)-older)
	q = math.Round(math.Max(0, q))
	if q <= 0 {
		return
	}
	if c.Lead == 0 {
		sh.receive(d, q)
		return
	}
	sh.pipeline = append(sh.pipeline, lot{q, d + forecast.Day(c.Lead)})
}

// project runs the stock on hand and on order through the coming days with the forecast
// f as demand, oldest expiry first. usable is what of it can still sell in the cover
// (Lead+Review days): everything except what would expire unsold before the cover ends.
// (Counting stock that expires before it can sell as cover leaves the days after its
// expiry short: a delivery that overlaps a leftover lot's last day was cut by the whole
// lot.) older is what of it sells while a lot delivered on day Lead is on the shelf, the
// sales that lot cannot make: a leftover lot whose last day is the delivery day takes
// that day's sales, not the new lot's whole shelf life.
func (sh *shelf) project(d forecast.Day, f []float64) (usable, older float64) {
	c := sh.cfg
	type plot struct {
		qty           float64
		from, expires forecast.Day // on the shelf from … to
	}
	pl := make([]plot, 0, len(sh.lots)+len(sh.pipeline))
	for _, l := range sh.lots {
		pl = append(pl, plot{l.qty, d, l.expires})
	}
	for _, o := range sh.pipeline {
		pl = append(pl, plot{o.qty, o.expires, o.expires + forecast.Day(c.ShelfLife) - 1})
	}
	sort.SliceStable(pl, func(i, j int) bool { return pl[i].expires < pl[j].expires })
	have, wasted := 0.0, 0.0
	for _, l := range pl {
		have += l.qty
	}
	for i := 0; i < c.Lead+max(c.Review, c.ShelfLife); i++ {
		day := d + forecast.Day(i)
		want := f[i]
		for k := range pl {
			if pl[k].from <= day {
				take := math.Min(want, pl[k].qty)
				pl[k].qty -= take
				want -= take
			}
		}
		if i >= c.Lead && i < c.Lead+c.ShelfLife {
			older += f[i] - want
		}
		for k := range pl {
			if pl[k].expires <= day {
				if i < c.Lead+c.Review {
					wasted += pl[k].qty
				}
				pl[k].qty = 0
			}
		}
	}
	return have - wasted, older
}

// arrivals puts the deliveries due on day d on the shelf.
func (sh *shelf) arrivals(d forecast.Day) {
	kept := sh.pipeline[:0]
	for _, o := range sh.pipeline {
		if o.expires == d {
			sh.receive(d, o.qty)
		} else {
			kept = append(kept, o)
		}
	}
	sh.pipeline = kept
}

// sell sells a day's demand oldest expiry first (FEFO) and bins what expires that day.
func (sh *shelf) sell(d forecast.Day, demand float64, known bool) {
	if known {
		sh.score.Days++
		sh.score.Demand += demand
		want := demand
		for i := range sh.lots {
			take := math.Min(want, sh.lots[i].qty)
			sh.lots[i].qty -= take
			want -= take
		}
		sh.score.Sold += demand - want
		if want > 1e-9 {
			sh.score.StockoutDays++
		}
	}
	kept := sh.lots[:0]
	for _, l := range sh.lots {
		switch {
		case l.expires <= d:
			sh.score.Wasted += l.qty
		case l.qty > 1e-9:
			kept = append(kept, l)
		}
	}
	sh.lots = kept
}

// simulate replays the test days of one series at every service level of ServiceLevels,
// ordering by the engine's forecast (index 0) and by the 4-week same-weekday mean (index
// 1), all from the same opening stock: the mean sales of the last four training weeks
// times Lead+1 days.
func simulate(c SimConfig, s, train *forecast.Series, m *forecast.Model, origin, end forecast.Day) [][2]SimScores {
	reach := c.Lead + max(c.Review, c.ShelfLife)
	recent := 0.0
	for i := 1; i <= 28; i++ {
		v, _ := at(s, origin+1-forecast.Day(i))
		recent += v / 28
	}
	opening := math.Round(recent * float64(c.Lead+1))
	shelves := make([][2]*shelf, len(ServiceLevels))
	for l := range shelves {
		for r := range shelves[l] {
			shelves[l][r] = &shelf{cfg: c}
			shelves[l][r].receive(origin+1, opening)
		}
	}
	cover := c.Lead + c.Review
	sigma, rho := forecast.ErrorStats(baselineErrors(train))
	coverSigma := [2]float64{m.CoverSigma(cover), forecast.CoverSigma(sigma, rho, cover)}
	promo := make([]bool, reach)
	f := [2][]float64{make([]float64, reach), make([]float64, reach)}
	for d := origin + 1; d <= end; d++ {
		for _, pair := range shelves {
			for _, sh := range pair {
				sh.arrivals(d)
			}
		}
		if int(d-origin-1)%c.Review == 0 {
			for i := range promo {
				promo[i] = promoOn(s, d+forecast.Day(i))
			}
			for i, p := range m.Forecast(d, reach, promo) {
				f[0][i] = p.Units
				day := d + forecast.Day(i)
				f[1][i] = sameWeekday(s, day-7*((day-d)/7+1), 4)
			}
			for l, pair := range shelves {
				z := forecast.SafetyFactor(ServiceLevels[l])
				for r, sh := range pair {
					sh.order(d, f[r], z*coverSigma[r])
				}
			}
		}
		actual, known := at(s, d)
		for _, pair := range shelves {
			for _, sh := range pair {
				sh.sell(d, actual, known)
			}
		}
		m.Observe(d, actual, promoOn(s, d), !known)
	}
	out := make([][2]SimScores, len(shelves))
	for l, pair := range shelves {
		out[l] = [2]SimScores{pair[0].score, pair[1].score}
	}
	return out
}

// baselineErrors are the errors of the rolled 4-week same-weekday mean over the last 90
// training days.
func baselineErrors(s *forecast.Series) []float64 {
	var errs []float64
	for i := max(28, s.Len()-90); i < s.Len(); i++ {
		d := s.Start + forecast.Day(i)
		if v, ok := at(s, d); ok {
			errs = append(errs, sameWeekday(s, d-7, 4)-v)
		}
	}
	return errs
}

// simReport adds the replays up overall, per store and per engine method and compares
// the rules at matched fill rates.
func simReport(c SimConfig, results []seriesResult, storeOf, methodOf func(k int) string) *SimReport {
	n := len(ServiceLevels)
	all := make([][2]SimScores, n)
	byStore, byMethod := map[string][][2]SimScores{}, map[string][][2]SimScores{}
	series := map[string]int{}
	for k, r := range results {
		st, me := storeOf(k), methodOf(k)
		series[me]++
		if byStore[st] == nil {
			byStore[st] = make([][2]SimScores, n)
		}
		if byMethod[me] == nil {
			byMethod[me] = make([][2]SimScores, n)
		}
		for l := range r.sim {
			for rule := range 2 {
				all[l][rule].add(r.sim[l][rule])
				byStore[st][l][rule].add(r.sim[l][rule])
				byMethod[me][l][rule].add(r.sim[l][rule])
			}
		}
	}
	finish := func(levels [][2]SimScores) {
		for l := range levels {
			levels[l][0].finish()
			levels[l][1].finish()
		}
	}
	finish(all)
	rep := &SimReport{ShelfLife: c.ShelfLife, Lead: c.Lead, Review: c.Review, ServiceLevel: ServiceLevels[headline],
		Engine: all[headline][0], FourWeekMean: all[headline][1]}
	for l, p := range ServiceLevels {
		rep.Sweep = append(rep.Sweep, SweepPoint{ServiceLevel: p, Engine: all[l][0], FourWeekMean: all[l][1]})
	}
	rep.Matched = matched(all)
	group := func(levels [][2]SimScores) SimGroup {
		finish(levels)
		m := matched(levels)
		return SimGroup{Engine: levels[headline][0], FourWeekMean: levels[headline][1],
			AtFourWeekFill: m.AtFourWeekFill, AtEngineFill: m.AtEngineFill}
	}
	stores := make([]string, 0, len(byStore))
	for st := range byStore {
		stores = append(stores, st)
	}
	sort.Slice(stores, func(i, j int) bool { return naturalLess(stores[i], stores[j]) })
	for _, st := range stores {
		rep.Stores = append(rep.Stores, StoreSim{Store: st, SimGroup: group(byStore[st])})
	}
	for _, me := range []forecast.Method{forecast.MethodSmoothing, forecast.MethodIntermittent} {
		if levels := byMethod[string(me)]; levels != nil {
			rep.Methods = append(rep.Methods, MethodSim{Method: string(me), Series: series[string(me)], SimGroup: group(levels)})
		}
	}
	return rep
}

// TargetFills are the common fill rates at which both rules' waste is reported.
var TargetFills = []float64{0.98, 0.99}

// matched compares the rules' waste at the same fill rate: each rule's waste-vs-fill
// curve over the swept service levels is interpolated at the other rule's fill rates and
// at TargetFills. The headline pair uses each rule's fill at the headline level or, when
// that lies outside the other rule's curve, at the nearest level whose fill lies inside.
func matched(levels [][2]SimScores) Matched {
	var curve [2][][2]float64 // (fill, waste %) per rule, by fill
	for rule := range 2 {
		for _, l := range levels {
			curve[rule] = append(curve[rule], [2]float64{l[rule].FillRate, l[rule].WastePct})
		}
		sort.SliceStable(curve[rule], func(i, j int) bool { return curve[rule][i][0] < curve[rule][j][0] })
	}
	at := func(fill, level float64) MatchedPoint {
		return MatchedPoint{FillRate: fill, ServiceLevel: level,
			EngineWastePct: interpolate(curve[0], fill), FourWeekMeanWastePct: interpolate(curve[1], fill)}
	}
	var m Matched
	for l := range levels {
		m.Sweep = append(m.Sweep, [2]MatchedPoint{at(levels[l][0].FillRate, ServiceLevels[l]), at(levels[l][1].FillRate, ServiceLevels[l])})
	}
	pick := func(rule int) MatchedPoint {
		best := m.Sweep[headline][rule]
		for dist := 1; dist < len(levels) && (best.EngineWastePct == nil || best.FourWeekMeanWastePct == nil); dist++ {
			for _, l := range []int{headline - dist, headline + dist} {
				if l >= 0 && l < len(levels) && m.Sweep[l][rule].EngineWastePct != nil && m.Sweep[l][rule].FourWeekMeanWastePct != nil {
					return m.Sweep[l][rule]
				}
			}
		}
		return best
	}
	m.AtEngineFill, m.AtFourWeekFill = pick(0), pick(1)
	for _, t := range TargetFills {
		m.Targets = append(m.Targets, at(t, 0))
	}
	return m
}

// interpolate reads the waste at fill rate x off a curve of (fill, waste) points sorted by
// fill, linearly between neighbours; nil when x lies outside the curve (no extrapolation).
func interpolate(curve [][2]float64, x float64) *float64 {
	if len(curve) == 0 || x < curve[0][0]-1e-12 || x > curve[len(curve)-1][0]+1e-12 {
		return nil
	}
	for i := 1; i < len(curve); i++ {
		a, b := curve[i-1], curve[i]
		if x <= b[0]+1e-12 {
			y := a[1]
			if b[0] > a[0] {
				y = a[1] + (b[1]-a[1])*math.Max(0, x-a[0])/(b[0]-a[0])
			}
			return &y
		}
	}
	y := curve[len(curve)-1][1]
	return &y
}
