package forecast

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestAccuracy(t *testing.T) {
	var a Accuracy
	for _, fa := range [][2]float64{{12, 10}, {8, 10}, {0, 0}, {5, 0}} {
		a.Add(fa[0], fa[1])
	}
	near(t, "WAPE", a.WAPE(), (2+2+0+5)/20.0, 1e-12)
	near(t, "bias", a.Bias(), 5/20.0, 1e-12) // +2 −2 +0 +5
	near(t, "SMAPE", a.SMAPE(), (4/22.0+4/18.0+0+2)/4, 1e-12)
	if !math.IsNaN((&Accuracy{}).WAPE()) {
		t.Error("WAPE without sales should be NaN")
	}
}

func TestMASEWeighsSeriesByTheirScale(t *testing.T) {
	s := Series{Sales: []float32{1, 2, 3, 4, 5, 6, 7, 3, 2, 3, 4, 5, 6, 7}}
	near(t, "naive scale", NaiveScale(&s), (2+0+0+0+0+0+0)/7.0, 1e-12)
	var one, two, all Accuracy
	one.Add(3, 2) // MAE 1
	two.Add(0, 4) // MAE 4
	all.AddSeries(one, 2)
	all.AddSeries(two, 8)
	near(t, "MASE", all.MASE(), (1+4)/(2+8.0), 1e-12)
}

func TestCoverSigma(t *testing.T) {
	near(t, "independent errors", CoverSigma(2, 0, 4), 4, 1e-12)
	// rho 0.5 over 3 days: 3 + 2·(2·0.5 + 1·0.25) = 5.5.
	near(t, "correlated errors", CoverSigma(2, 0.5, 3), 2*math.Sqrt(5.5), 1e-12)
	sigma, rho := ErrorStats([]float64{1, -1, 1, -1, 1, -1, 1, -1})
	near(t, "sigma", sigma, 1, 1e-12)
	if rho != 0 {
		t.Errorf("rho %v: negative correlation counts as none", rho)
	}
	_, rho = ErrorStats([]float64{1, 2, 3, 2, 1, 0, -1, -2, -3, -2})
	if rho < 0.5 {
		t.Errorf("rho %v for slowly wandering errors", rho)
	}
}

func TestParseDay(t *testing.T) {
	d, err := ParseDay("2024-02-29")
	if err != nil || d != Date(2024, time.February, 29) || d.String() != "2024-02-29" || d.Weekday() != time.Thursday {
		t.Fatalf("ParseDay: %v %v %v", d, err, d.Weekday())
	}
	for _, bad := range []string{"2023-02-29", "2024-13-01", "24-01-01", "2024/01/01", "2024-01-0x", ""} {
		if _, err := ParseDay(bad); err == nil {
			t.Errorf("ParseDay(%q) accepted", bad)
		}
	}
}

func TestCalendars(t *testing.T) {
	cal := DefaultCalendar()
	if got := cal.On(Date(2024, time.February, 10)); len(got) != 1 || got[0] != "spring_festival" {
		t.Errorf("2024-02-10 (正月初一) events %v", got)
	}
	if got := cal.On(Date(2025, time.October, 6)); len(got) != 2 {
		t.Errorf("2025-10-06 (National Day and Mid-Autumn) events %v", got)
	}
	own, err := ReadCalendar(strings.NewReader("date,name\n2024-12-24,christmas_eve\n2023-12-24,christmas_eve\n2024-06-18,618\n"))
	if err != nil || len(own.Events) != 2 || len(own.Events[0].Dates) != 2 || own.Events[0].Dates[0] != Date(2023, 12, 24) {
		t.Fatalf("ReadCalendar: %+v %v", own, err)
	}
	_, err = ReadCalendar(strings.NewReader("date,name\n2024-12-24,eve\n2024-13-01,bad\n"))
	if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "date") {
		t.Errorf("bad date error %v: want line 3 and the column named", err)
	}
}

func BenchmarkFitOneSeries(b *testing.B) {
	peak := Date(2024, time.July, 1)
	s := series(5*365, func(i int, d Day) float64 {
		return (50 + 0.01*float64(i)) * (1 + 0.3*math.Cos(2*math.Pi*float64(d-peak)/yearDays)) *
			[]float64{1.3, 0.8, 0.9, 0.9, 1, 1.1, 1.2}[d.Weekday()] * (1 + 0.1*math.Sin(float64(i)*1.7))
	})
	cal := DefaultCalendar()
	b.ReportAllocs()
	for b.Loop() {
		Fit([]Series{s}, Options{Horizon: 90, Calendar: cal, Workers: 1})
	}
}
