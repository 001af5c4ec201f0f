package forecast

import (
	"math"
	"strings"
)

// Method names the way a model tracks the demand level.
type Method string

const (
	// MethodSmoothing is exponential smoothing with a damped trend on deseasonalised sales.
	MethodSmoothing Method = "damped_trend"
	// MethodIntermittent is TSB (Teunter–Syntetos–Babai) for slow sellers with many zero
	// days: it smooths the probability of a sale and the size of a sale separately.
	MethodIntermittent Method = "tsb"
)

// Params are the smoothing weights of a model. For MethodSmoothing Alpha weighs the level,
// Beta the trend and Phi damps the trend; for MethodIntermittent Alpha weighs the size of
// a sale and Beta the probability of one.
type Params struct {
	Alpha, Beta, Phi float64
}

// Point is the forecast of one day with the parts that made it:
// Units = max(0, Level+Trend) × Weekday × Yearly × Event × Promo.
type Point struct {
	Day     Day
	Units   float64 // the forecast, units sold that day
	Level   float64 // deseasonalised demand per day at the forecast origin
	Trend   float64 // what the (damped) trend adds by this day, same unit as Level
	Weekday float64 // factor for the day of the week (mean 1 over a week)
	Yearly  float64 // factor for the time of year (1 without a yearly profile)
	Event   float64 // factor of the calendar events covering the day (1 when none)
	Events  string  // names of those events, "+"-joined
	Promo   float64 // promotion uplift (1 on days without a promotion)
	Method  Method
}

// Model is a fitted forecast for one series: seasonal shapes and effects fixed at fitting,
// and a small state (level and trend, or probability and size) that Observe keeps current.
type Model struct {
	Method      Method
	Params      Params
	Weekday     [7]float64         // by time.Weekday
	Yearly      []float64          // Fourier coefficients: cos k=1, sin k=1, cos k=2, ...
	Effects     map[string]float64 // learned factor per calendar event
	PromoUplift float64            // factor on promotion days
	Sigma       float64            // RMS of one-day-ahead errors at fitting, in units
	ErrCorr     float64            // their lag-1 autocorrelation (0 to 0.95)

	events *eventIndex
	level  float64 // smoothing: level; TSB: size of a sale
	trend  float64 // smoothing: trend; TSB: probability of a sale
	last   Day     // the state includes every day up to and including last
}

// Clone returns an independent copy whose state can move on separately.
func (m *Model) Clone() *Model {
	c := *m
	return &c
}

// CoverSigma is the standard deviation of the forecast error summed over the next days
// (see the function CoverSigma).
func (m *Model) CoverSigma(days int) float64 { return CoverSigma(m.Sigma, m.ErrCorr, days) }

// CoverSigma is the standard deviation of the sum of `days` one-day errors of standard
// deviation sigma whose correlation decays as rho^lag: errors of a level that lags behind
// demand run in the same direction for days, so the usual sigma·√days would understate
// what a delivery has to cover.
func CoverSigma(sigma, rho float64, days int) float64 {
	v := float64(days)
	for j, r := 1, rho; j < days; j, r = j+1, r*rho {
		v += 2 * float64(days-j) * r
	}
	return sigma * math.Sqrt(v)
}

// SafetyFactor is the standard normal quantile of a service level p: the number of forecast
// error standard deviations a safety stock holds so that demand stays below it with
// probability p.
func SafetyFactor(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }

// ErrorStats returns the RMS and the lag-1 autocorrelation (clamped to 0…0.95) of a run of
// one-day errors.
func ErrorStats(errs []float64) (sigma, rho float64) {
	if len(errs) == 0 {
		return 0, 0
	}
	sq, lag := 0.0, 0.0
	for i, e := range errs {
		sq += e * e
		if i > 0 {
			lag += e * errs[i-1]
		}
	}
	sigma = math.Sqrt(sq / float64(len(errs)))
	if sq > 0 && len(errs) > 2 {
		rho = math.Max(0, math.Min(0.95, lag/sq))
	}
	return sigma, rho
}

// Last is the last day the model's state has seen.
func (m *Model) Last() Day { return m.last }

const yearDays = 365.2425

func yearlyFactor(coef []float64, d Day) float64 {
	if len(coef) == 0 {
		return 1
	}
	x := 0.0
	w := 2 * math.Pi * float64(d) / yearDays
	for k := 0; k < len(coef)/2; k++ {
		s, c := math.Sincos(float64(k+1) * w)
		x += coef[2*k]*c + coef[2*k+1]*s
	}
	return math.Exp(math.Max(-1.6, math.Min(1.6, x)))
}

// factors returns the seasonal and event factors of a day (without promotion).
func (m *Model) factors(d Day) (wd, yr, ev float64, names string) {
	wd, yr, ev = m.Weekday[d.Weekday()], yearlyFactor(m.Yearly, d), 1
	if m.events != nil {
		var parts []string
		for _, e := range m.events.on(d) {
			name := m.events.names[e]
			if f, ok := m.Effects[name]; ok {
				ev *= f
				parts = append(parts, name)
			}
		}
		names = strings.Join(parts, "+")
	}
	return
}

// Forecast returns one point per day from day `from` for n days. promo[i] tells whether a
// promotion is planned on day from+i (nil or short: none). Days must lie after Last.
func (m *Model) Forecast(from Day, n int, promo []bool) []Point {
	out := make([]Point, n)
	for i := range out {
		d := from + Day(i)
		h := int(d - m.last)
		p := Point{Day: d, Method: m.Method, Promo: 1}
		p.Weekday, p.Yearly, p.Event, p.Events = m.factors(d)
		if i < len(promo) && promo[i] {
			p.Promo = m.PromoUplift
		}
		switch m.Method {
		case MethodIntermittent:
			p.Level = m.trend * m.level
		default:
			p.Level = math.Max(0, m.level)
			damp := 0.0
			for j, f := 1, m.Params.Phi; j <= h; j, f = j+1, f*m.Params.Phi {
				damp += f
			}
			p.Trend = m.trend * damp
			if p.Level+p.Trend < 0 {
				p.Trend = -p.Level
			}
		}
		p.Units = (p.Level + p.Trend) * p.Weekday * p.Yearly * p.Event * p.Promo
		out[i] = p
	}
	return out
}

// Observe moves the state on to day d with what happened that day: units sold, whether a
// promotion ran, and whether the shelf was empty (then the day says nothing about demand).
// Days between Last and d count as unknown. Observing a day at or before Last does nothing.
func (m *Model) Observe(d Day, units float64, promo, outOfStock bool) {
	if d <= m.last {
		return
	}
	for ; m.last+1 < d; m.last++ {
		m.step(0, false)
	}
	m.last = d
	if outOfStock {
		m.step(0, false)
		return
	}
	s := m.deseason(d)
	if promo {
		s *= m.PromoUplift
	}
	if s < minFactor {
		m.step(0, false) // a day expected to sell (next to) nothing says nothing of the level
		return
	}
	m.step(units/s, true)
}

// deseason is the factor by which a day's sales are divided before they reach the state.
// TSB keeps the weekday in: dividing the rare sales of a slow seller by noisy weekday
// factors biases the mean size of a sale upward (Jensen), so its rate is the plain
// average over the week and the weekday factor (mean 1) only spreads it.
func (m *Model) deseason(d Day) float64 {
	wd, yr, ev, _ := m.factors(d)
	if m.Method == MethodIntermittent {
		wd = 1
	}
	return wd * yr * ev
}

// minFactor is the smallest factor a day's sales are divided by: a day whose factors
// expect (next to) nothing, such as a weekday the shop keeps closed, does not move the
// level, or its zero would drag the level of every other day down.
const minFactor = 0.05

// step advances the state by one day; z is the deseasonalised demand when known.
func (m *Model) step(z float64, known bool) {
	a, b, phi := m.Params.Alpha, m.Params.Beta, m.Params.Phi
	switch m.Method {
	case MethodIntermittent:
		if !known {
			return
		}
		if z > 0 {
			m.trend += b * (1 - m.trend)
			m.level += a * (z - m.level)
		} else {
			m.trend -= b * m.trend
		}
	default:
		prev := m.level + phi*m.trend
		if !known {
			m.level, m.trend = prev, phi*m.trend
			return
		}
		l := a*z + (1-a)*prev
		m.trend = b*(l-m.level) + (1-b)*phi*m.trend
		m.level = l
	}
}

// oneStep is the deseasonalised forecast for the next day.
func (m *Model) oneStep() float64 {
	if m.Method == MethodIntermittent {
		return m.trend * m.level
	}
	return math.Max(0, m.level+m.Params.Phi*m.trend)
}
