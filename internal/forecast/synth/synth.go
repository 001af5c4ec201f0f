// Package synth writes realistic synthetic store × item × day sales histories for testing
// and measuring the forecast engine: a smooth shape (strong weekly and yearly season,
// trend, Poisson noise, like the public 5-year × 10-store × 50-item demand set) and a
// grocery shape (fast and slow sellers with many zero days, promotions, stock-outs,
// holidays, trend changes, items listed late).
package synth

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/forecast"
)

// Shape selects the kind of history.
type Shape string

// The shapes Write knows.
const (
	Smooth  Shape = "smooth"
	Grocery Shape = "grocery"
)

// Config sizes a history.
type Config struct {
	Shape         Shape
	Stores, Items int
	Days          int
	Start         forecast.Day
	Seed          uint64
	OmitZeros     bool // leave out rows without sales, as some public grocery sets do
}

// Write writes the CSV (header date,store,item,sales, plus promo for the grocery shape)
// and returns the number of data rows.
func Write(w io.Writer, c Config) (int, error) {
	if c.Start == 0 {
		c.Start = forecast.Date(2013, time.January, 1)
	}
	rng := rand.New(rand.NewPCG(c.Seed, 0x5eed))
	bw := bufio.NewWriterSize(w, 1<<16)
	grocery := c.Shape == Grocery
	if grocery {
		bw.WriteString("date,store,item,sales,promo\n")
	} else {
		bw.WriteString("date,store,item,sales\n")
	}
	cal := forecast.DefaultCalendar()
	eventOn := map[forecast.Day][]string{}
	for _, e := range cal.Events {
		for _, d := range e.Dates {
			eventOn[d] = append(eventOn[d], e.Name)
		}
	}
	eventLift := map[string]float64{"spring_festival_run_up": 1.6, "spring_festival": 0.55,
		"national_day": 1.3, "double_11": 1.25, "labour_day": 1.15, "mid_autumn": 1.2, "new_year": 1.1}
	rows := 0
	var line []byte
	for st := 1; st <= c.Stores; st++ {
		storeScale := 0.6 + 0.8*rng.Float64()
		wdStore := [7]float64{}
		for d := range wdStore {
			wdStore[d] = []float64{1.35, 0.8, 0.88, 0.9, 0.97, 1.1, 1.25}[d] * (1 + 0.05*rng.NormFloat64())
		}
		for it := 1; it <= c.Items; it++ {
			s := newItem(rng, c, grocery, storeScale, wdStore)
			for i := 0; i < c.Days; i++ {
				d := c.Start + forecast.Day(i)
				if i < s.first {
					continue
				}
				mean := s.mean(d, i)
				if grocery {
					for _, e := range eventOn[d] {
						mean *= 1 + (eventLift[e]-1)*s.eventSense
					}
				}
				promo := grocery && s.promoDay(rng, i)
				if promo {
					mean *= s.uplift
				}
				units := poisson(rng, gammaNoise(rng, mean, s.shape))
				if grocery && s.stockOut(rng) {
					units = 0
				}
				if units == 0 && c.OmitZeros {
					continue
				}
				line = append(line[:0], d.String()...)
				line = append(line, ',')
				line = strconv.AppendInt(line, int64(st), 10)
				line = append(line, ',')
				line = strconv.AppendInt(line, int64(it), 10)
				line = append(line, ',')
				line = strconv.AppendInt(line, int64(units), 10)
				if grocery {
					line = append(line, ',', '0')
					if promo {
						line[len(line)-1] = '1'
					}
				}
				line = append(line, '\n')
				if _, err := bw.Write(line); err != nil {
					return rows, err
				}
				rows++
			}
		}
	}
	return rows, bw.Flush()
}

type item struct {
	base       float64
	wd         [7]float64
	yearAmp    float64
	yearPhase  float64
	growth     float64 // per year, before the break
	growth2    float64 // per year, after the break
	breakDay   int
	first      int
	uplift     float64
	promoLeft  int
	promoGap   float64
	eventSense float64
	outLeft    int
	shape      float64 // gamma shape of day-to-day demand noise (0: none beyond Poisson)
	days       int
}

func newItem(rng *rand.Rand, c Config, grocery bool, storeScale float64, wdStore [7]float64) *item {
	s := &item{days: c.Days}
	for d := range s.wd {
		s.wd[d] = wdStore[d] * (1 + 0.04*rng.NormFloat64())
	}
	s.yearAmp = 0.2 + 0.1*rng.Float64()
	s.yearPhase = 2*math.Pi*(182.0/365.25) + 0.2*rng.NormFloat64()
	s.growth = 0.05 + 0.1*rng.Float64()
	s.growth2 = s.growth
	s.breakDay = c.Days
	if !grocery {
		s.base = storeScale * (12 + 60*rng.Float64())
		return s
	}
	switch r := rng.Float64(); {
	case r < 0.35:
		s.base = storeScale * (5 + 50*rng.Float64())
	case r < 0.65:
		s.base = storeScale * (1 + 4*rng.Float64())
	default:
		s.base = storeScale * (0.05 + 0.75*rng.Float64())
	}
	s.yearAmp = 0.05 + 0.25*rng.Float64()
	s.yearPhase = 2 * math.Pi * rng.Float64()
	s.growth = -0.2 + 0.5*rng.Float64()
	s.growth2 = -0.3 + 0.6*rng.Float64()
	s.breakDay = c.Days/3 + rng.IntN(c.Days/2+1)
	if rng.Float64() < 0.2 {
		s.first = rng.IntN(c.Days/2 + 1)
	}
	s.uplift = 1.3 + 1.7*rng.Float64()
	s.promoGap = 25 + 50*rng.Float64()
	s.eventSense = rng.Float64() * 1.5
	s.shape = 4 + 6*rng.Float64()
	return s
}

// mean is the expected demand of day i (day d) before events and promotions.
func (s *item) mean(d forecast.Day, i int) float64 {
	years := float64(i) / 365.25
	trend := 1 + s.growth*years
	if i > s.breakDay {
		b := float64(s.breakDay) / 365.25
		trend = 1 + s.growth*b + s.growth2*(years-b)
	}
	trend = math.Max(0.1, trend)
	season := 1 + s.yearAmp*math.Cos(2*math.Pi*float64(d)/365.2425-s.yearPhase)
	return s.base * trend * season * s.wd[d.Weekday()]
}

func (s *item) promoDay(rng *rand.Rand, i int) bool {
	if s.promoLeft > 0 {
		s.promoLeft--
		return true
	}
	if rng.Float64() < 1/s.promoGap {
		s.promoLeft = 2 + rng.IntN(7)
		return true
	}
	return false
}

func (s *item) stockOut(rng *rand.Rand) bool {
	if s.outLeft > 0 {
		s.outLeft--
		return true
	}
	if rng.Float64() < 0.01 {
		s.outLeft = rng.IntN(4)
		return true
	}
	return false
}

// gammaNoise draws the day's demand rate around mean (negative-binomial overdispersion).
func gammaNoise(rng *rand.Rand, mean, shape float64) float64 {
	if shape <= 0 || mean <= 0 {
		return mean
	}
	// Marsaglia–Tsang for shape >= 1.
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := rng.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		if u := rng.Float64(); math.Log(u) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return mean * d * v / shape
		}
	}
}

func poisson(rng *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*rng.NormFloat64())))
	}
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// String describes the config for logs.
func (c Config) String() string {
	return fmt.Sprintf("%s %d stores × %d items × %d days from %s", c.Shape, c.Stores, c.Items, c.Days, c.Start)
}
