package backtest

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/storeops/storeops/internal/forecast"
)

// SimConfig describes the replay: goods keep ShelfLife days from delivery (the day of
// delivery counts), arrive Lead days after the order, and are ordered every Review days.
type SimConfig struct {
	ShelfLife, Lead, Review int
}

// serviceZ is the normal quantile of a 95 % service level.
const serviceZ = 1.6449

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

func (sh *shelf) onHand() (t float64) {
	for _, l := range sh.lots {
		t += l.qty
	}
	return
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
// beyond the stock then left, whole units (case pack 1).
func (sh *shelf) order(d forecast.Day, f []float64, safety float64) {
	c := sh.cfg
	sum := func(a, b int) (t float64) {
		for _, x := range f[a:b] {
			t += x
		}
		return
	}
	usable, left := sh.project(d, f)
	q := sum(0, c.Lead+c.Review) + safety - usable
	q = math.Min(q, sum(c.Lead, c.Lead+c.ShelfLife)-left)
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

// project runs the stock on hand and on order through the cover days with the forecast
// f as demand, oldest expiry first, and returns what of it can still sell in the cover:
// everything except what would expire unsold before the cover ends. (Counting stock that
// expires before it can sell as cover leaves the days after its expiry short: a delivery
// that overlaps a leftover lot's last day was cut by the whole lot.) left is the stock
// expected on the shelf or on order when the new order arrives.
func (sh *shelf) project(d forecast.Day, f []float64) (usable, left float64) {
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
	for i := 0; i < c.Lead+c.Review; i++ {
		day := d + forecast.Day(i)
		if i == c.Lead {
			for _, l := range pl {
				left += l.qty
			}
		}
		want := f[i]
		for k := range pl {
			if pl[k].from <= day {
				take := math.Min(want, pl[k].qty)
				pl[k].qty -= take
				want -= take
			}
		}
		for k := range pl {
			if pl[k].expires <= day {
				wasted += pl[k].qty
				pl[k].qty = 0
			}
		}
	}
	return have - wasted, left
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

// simulate replays the test days of one series twice, ordering by the engine's forecast
// and by the 4-week same-weekday mean, both from the same opening stock: the mean sales of
// the last four training weeks times Lead+1 days.
func simulate(c SimConfig, s, train *forecast.Series, m *forecast.Model, origin, end forecast.Day) [2]SimScores {
	reach := c.Lead + max(c.Review, c.ShelfLife)
	recent := 0.0
	for i := 1; i <= 28; i++ {
		v, _ := at(s, origin+1-forecast.Day(i))
		recent += v / 28
	}
	opening := math.Round(recent * float64(c.Lead+1))
	shelves := [2]*shelf{{cfg: c}, {cfg: c}}
	for _, sh := range shelves {
		sh.receive(origin+1, opening)
	}
	cover := c.Lead + c.Review
	engineSigma := m.CoverSigma(cover)
	sigma, rho := forecast.ErrorStats(baselineErrors(train))
	baseSigma := forecast.CoverSigma(sigma, rho, cover)
	promo := make([]bool, reach)
	f := make([]float64, reach)
	for d := origin + 1; d <= end; d++ {
		for _, sh := range shelves {
			sh.arrivals(d)
		}
		if int(d-origin-1)%c.Review == 0 {
			for i := range promo {
				promo[i] = promoOn(s, d+forecast.Day(i))
			}
			for i, p := range m.Forecast(d, reach, promo) {
				f[i] = p.Units
			}
			shelves[0].order(d, f, serviceZ*engineSigma)
			for i := range f {
				day := d + forecast.Day(i)
				f[i] = sameWeekday(s, day-7*((day-d)/7+1), 4)
			}
			shelves[1].order(d, f, serviceZ*baseSigma)
		}
		actual, known := at(s, d)
		for _, sh := range shelves {
			sh.sell(d, actual, known)
		}
		m.Observe(d, actual, promoOn(s, d), !known)
	}
	return [2]SimScores{shelves[0].score, shelves[1].score}
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

// parallel runs f(0..n-1) on workers goroutines (0: GOMAXPROCS).
func parallel(n, workers int, f func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
