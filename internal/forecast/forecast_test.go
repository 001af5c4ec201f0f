package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// start is a Monday, so day i of a test history has weekday (i+1)%7.
var start = Date(2024, time.January, 1)

func series(n int, f func(i int, d Day) float64) Series {
	s := Series{Start: start, Sales: make([]float32, n)}
	for i := range s.Sales {
		s.Sales[i] = float32(f(i, start+Day(i)))
	}
	return s
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol*math.Max(math.Abs(want), 1e-9) {
		t.Errorf("%s = %.4f, want %.4f ± %.0f%%", what, got, want, tol*100)
	}
}

// checkParts holds every point to its own explanation.
func checkParts(t *testing.T, pts []Point) {
	t.Helper()
	for _, p := range pts {
		want := (p.Level + p.Trend) * p.Weekday * p.Yearly * p.Event * p.Promo
		if math.Abs(p.Units-want) > 1e-9*math.Max(1, want) || p.Units < 0 {
			t.Fatalf("%s: units %v but parts multiply to %v", p.Day, p.Units, want)
		}
	}
}

func fitOne(t *testing.T, s Series, opt Options) *Model {
	t.Helper()
	return Fit([]Series{s}, opt)[0]
}

func TestWeekdayPattern(t *testing.T) {
	shape := [7]float64{14, 8, 8, 9, 10, 12, 16} // Sunday first
	s := series(12*7, func(_ int, d Day) float64 { return shape[d.Weekday()] })
	m := fitOne(t, s, Options{Horizon: 14})
	pts := m.Forecast(s.End(), 7, nil)
	checkParts(t, pts)
	for _, p := range pts {
		near(t, "forecast on "+p.Day.Weekday().String(), p.Units, shape[p.Day.Weekday()], 0.02)
		near(t, "weekday factor", p.Weekday, shape[p.Day.Weekday()]/11, 0.02)
	}
	if pts[0].Method != MethodSmoothing {
		t.Errorf("method %s, want %s", pts[0].Method, MethodSmoothing)
	}
}

func TestAWeekdayTheShopIsClosed(t *testing.T) {
	s := series(10*7, func(_ int, d Day) float64 {
		if d.Weekday() == time.Sunday {
			return 0
		}
		return 10
	})
	pts := fitOne(t, s, Options{Horizon: 14}).Forecast(s.End(), 7, nil)
	checkParts(t, pts)
	for _, p := range pts {
		want := 10.0
		if p.Day.Weekday() == time.Sunday {
			want = 0
		}
		if math.Abs(p.Units-want) > 0.3 {
			t.Errorf("%s: %.2f, want %.0f", p.Day.Weekday(), p.Units, want)
		}
	}
}

func TestTrend(t *testing.T) {
	s := series(180, func(i int, _ Day) float64 { return 100 + float64(i) })
	m := fitOne(t, s, Options{Horizon: 14})
	pts := m.Forecast(s.End(), 7, nil)
	checkParts(t, pts)
	near(t, "forecast a week ahead", pts[6].Units, 100+186, 0.03)
	if pts[6].Trend <= 0 || pts[6].Trend <= pts[0].Trend {
		t.Errorf("trend parts %v then %v: want a growing positive trend", pts[0].Trend, pts[6].Trend)
	}
}

func TestShortHistoryBorrowsThePoolsWeekdayShape(t *testing.T) {
	shape := [7]float64{2, 1, 1, 1, 1, 1.5, 2.5}
	var all []Series
	for k := 0; k < 6; k++ {
		s := series(70, func(_ int, d Day) float64 { return float64(10+k) * shape[d.Weekday()] })
		s.Pool = "store 1"
		all = append(all, s)
	}
	short := series(10, func(i int, _ Day) float64 { return 4 * shape[(start+60+Day(i)).Weekday()] })
	short.Start += 60
	short.Pool = "store 1"
	all = append(all, short)
	m := Fit(all, Options{Horizon: 14})[6]
	pts := m.Forecast(short.End(), 7, nil)
	checkParts(t, pts)
	for _, p := range pts {
		near(t, "new item on "+p.Day.Weekday().String(), p.Units, 4*shape[p.Day.Weekday()], 0.05)
	}
}

func TestVeryShortHistoryForecastsItsMean(t *testing.T) {
	s := series(5, func(i int, _ Day) float64 { return []float64{4, 6, 5, 5, 5}[i] })
	pts := fitOne(t, s, Options{}).Forecast(s.End(), 3, nil)
	checkParts(t, pts)
	near(t, "forecast", pts[0].Units, 5, 0.01)
}

func TestPromotionUplift(t *testing.T) {
	s := series(200, func(i int, _ Day) float64 {
		if i%10 == 3 {
			return 25
		}
		return 10
	})
	s.Promo = make([]bool, 200)
	for i := range s.Promo {
		s.Promo[i] = i%10 == 3
	}
	m := fitOne(t, s, Options{Horizon: 14})
	near(t, "uplift", m.PromoUplift, 2.5, 0.03)
	pts := m.Forecast(s.End(), 2, []bool{true, false})
	checkParts(t, pts)
	near(t, "promotion day", pts[0].Units, 25, 0.04)
	near(t, "plain day", pts[1].Units, 10, 0.02)
	if pts[1].Promo != 1 {
		t.Errorf("plain day promo factor %v, want 1", pts[1].Promo)
	}
}

func TestStockOutDaysAreUnknownNotZero(t *testing.T) {
	mk := func(mark bool) Series {
		s := series(120, func(i int, _ Day) float64 {
			if i%5 == 0 || i > 110 {
				return 0 // empty shelf
			}
			return 10
		})
		if mark {
			s.OutOfStock = make([]bool, 120)
			for i := range s.OutOfStock {
				s.OutOfStock[i] = i%5 == 0 || i > 110
			}
		}
		return s
	}
	marked := fitOne(t, mk(true), Options{Horizon: 14}).Forecast(start+120, 1, nil)[0]
	unmarked := fitOne(t, mk(false), Options{Horizon: 14}).Forecast(start+120, 1, nil)[0]
	near(t, "forecast with stock-outs marked", marked.Units, 10, 0.02)
	if unmarked.Units > 9 {
		t.Errorf("unmarked zeros forecast %v: the test no longer shows the difference", unmarked.Units)
	}
}

func TestIntermittentDemand(t *testing.T) {
	// 3 units on every 4th day: 0.75 a day.
	s := series(365, func(i int, _ Day) float64 {
		if i%4 == 0 {
			return 3
		}
		return 0
	})
	m := fitOne(t, s, Options{Horizon: 28})
	if m.Method != MethodIntermittent {
		t.Fatalf("method %s, want %s", m.Method, MethodIntermittent)
	}
	pts := m.Forecast(s.End(), 28, nil)
	checkParts(t, pts)
	total := 0.0
	for _, p := range pts {
		total += p.Units
	}
	near(t, "28-day demand", total, 21, 0.08)
}

func TestYearlySeason(t *testing.T) {
	peak := Date(2024, time.July, 1)
	level := func(d Day) float64 { return 100 * (1 + 0.3*math.Cos(2*math.Pi*float64(d-peak)/yearDays)) }
	s := series(3*365, func(_ int, d Day) float64 { return level(d) })
	m := fitOne(t, s, Options{Horizon: 28})
	from := s.End()
	pts := m.Forecast(from, 365, nil)
	checkParts(t, pts)
	for _, p := range pts[:120] { // the level adapts nowhere here: the profile alone must carry
		near(t, "forecast on "+p.Day.String(), p.Units, level(p.Day), 0.06)
	}
	summer, winter := Date(2027, time.July, 1), Date(2027, time.January, 1)
	near(t, "summer/winter yearly factor", pts[summer-from].Yearly/pts[winter-from].Yearly, 1.3/0.7, 0.06)
}

func TestEventEffectLearnedFromPastYears(t *testing.T) {
	cal := Calendar{Events: []Event{{Name: "double_11", Dates: []Day{
		Date(2024, 11, 11), Date(2025, 11, 11), Date(2026, 11, 11), Date(2027, 11, 11)}}}}
	s := series(3*365, func(_ int, d Day) float64 {
		if d.Time().Month() == 11 && d.Time().Day() == 11 {
			return 30
		}
		return 10
	})
	m := fitOne(t, s, Options{Horizon: 28, Calendar: cal})
	near(t, "double_11 effect", m.Effects["double_11"], 3, 0.05)
	day := Date(2027, 11, 11)
	pts := m.Forecast(s.End(), int(day-s.End())+2, nil)
	checkParts(t, pts)
	p := pts[day-s.End()]
	near(t, "forecast on Double 11", p.Units, 30, 0.06)
	if p.Events != "double_11" {
		t.Errorf("events %q, want double_11", p.Events)
	}
	near(t, "the day after", pts[day-s.End()+1].Units, 10, 0.04)
}

func TestObserveKeepsTheStateCurrent(t *testing.T) {
	s := series(120, func(int, Day) float64 { return 10 })
	m := fitOne(t, s, Options{Horizon: 14})
	m.Params.Alpha = 0.5
	before := m.Clone()
	for d := s.End(); d < s.End()+14; d++ {
		m.Observe(d, 20, false, false)
	}
	near(t, "after two weeks at 20", m.Forecast(m.Last()+1, 1, nil)[0].Units, 20, 0.05)
	near(t, "the clone did not move", before.Forecast(s.End(), 1, nil)[0].Units, 10, 0.01)
	m.Observe(m.Last()+1, 0, false, true)
	near(t, "a stock-out day leaves the level", m.Forecast(m.Last()+1, 1, nil)[0].Units, 20, 0.05)
}

func TestEventEffectsArePooledAcrossSeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	poisson := func(l float64) float64 {
		k, p, lim := 0.0, 1.0, math.Exp(-l)
		for p *= rng.Float64(); p > lim; p *= rng.Float64() {
			k++
		}
		return k
	}
	var quiet, busy []Day
	for y := 2024; y <= 2027; y++ {
		quiet = append(quiet, Date(y, time.March, 3))
		busy = append(busy, Date(y, time.November, 11))
	}
	cal := Calendar{Events: []Event{{Name: "quiet", Dates: quiet}, {Name: "busy", Dates: busy}}}
	var all []Series
	// Three past years of each event in 100 series of about 15 units a day: a series' own
	// ratio on 3 days (about 45 units) is off by 15 % (Poisson); pooled, far less.
	for k := 0; k < 100; k++ {
		all = append(all, series(3*365, func(_ int, d Day) float64 {
			if d.Time().Month() == time.November && d.Time().Day() == 11 {
				return poisson(30)
			}
			return poisson(15)
		}))
	}
	offQuiet, offBusy := 0.0, 0.0
	for _, m := range Fit(all, Options{Horizon: 28, Calendar: cal}) {
		offQuiet += math.Abs(m.Effects["quiet"]-1) / 100
		offBusy += math.Abs(m.Effects["busy"]-2) / 2 / 100
	}
	if offQuiet > 0.04 || offBusy > 0.04 {
		t.Errorf("mean relative error of the effects: %.3f where nothing happens, %.3f where sales double; want both under 0.04",
			offQuiet, offBusy)
	}
}

func TestStateRoundTripForecastsTheSame(t *testing.T) {
	start := Date(2024, 1, 1)
	s := Series{Start: start, Sales: make([]float32, 400)}
	for i := range s.Sales {
		s.Sales[i] = float32(10 + 5*int((start+Day(i)).Weekday()%2))
	}
	cal := DefaultCalendar()
	m := Fit([]Series{s}, Options{Calendar: cal})[0]
	r := Restore(m.State(), IndexEvents(cal))
	from := s.End()
	a, b := m.Forecast(from, 14, nil), r.Forecast(from, 14, nil)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("day %d: restored model forecasts %+v, fitted one %+v", i, b[i], a[i])
		}
	}
	m.Observe(from, 30, false, false)
	r.Observe(from, 30, false, false)
	if m.Forecast(from+1, 1, nil)[0] != r.Forecast(from+1, 1, nil)[0] {
		t.Fatal("restored model moves on differently from the fitted one")
	}
}
