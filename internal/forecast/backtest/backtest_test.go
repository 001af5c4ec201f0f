package backtest

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/forecast"
	"github.com/storeops/storeops/internal/forecast/synth"
)

func TestReadCSVRefusesBadInputNamingLineAndColumn(t *testing.T) {
	for _, tc := range []struct{ name, csv, want string }{
		{"missing column", "date,store,item\n2024-01-01,1,1\n", "line 1: missing column(s) sales"},
		{"bad date", "date,store,item,sales\n2024-01-01,1,1,3\n2024-01-32,1,1,3\n", "line 3, column date"},
		{"negative sales", "date,store,item,sales\n2024-01-01,1,1,-3\n", "line 2, column sales: -3 is negative"},
		{"not a number", "date,store,item,sales\n2024-01-01,1,1,lots\n", "line 2, column sales"},
		{"bad promo", "date,store,item,sales,promo\n2024-01-01,1,1,3,maybe\n", "line 2, column promo"},
		{"short row", "date,store,item,sales\n2024-01-01,1,1\n", "line 2: 3 column(s)"},
		{"duplicate", "date,store,item,sales\n2024-01-01,1,1,3\n2024-01-01,1,1,4\n", "line 3: a second row"},
		{"empty", "", "empty file"},
		{"no rows", "date,store,item,sales\n", "no data rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tc.csv))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestReadCSVFillsZerosAndMarksClosedDays(t *testing.T) {
	// Favorita-style header: extra id column, other names, True/False promotions. The file
	// has no row at all on 2024-01-03 (closed) and none for item 2 on 2024-01-02 (no sale).
	in := "id,date,store_nbr,item_nbr,unit_sales,onpromotion\n" +
		"1,2024-01-01 00:00:00,7,1,2.5,False\n2,2024-01-01,7,2,1,\n3,2024-01-02,7,1,4,True\n" +
		"4,2024-01-04,7,1,1,False\n5,2024-01-04,7,2,2,False\n"
	d, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Series) != 2 || d.Rows != 5 || !d.HasPromo || d.Stores[1] != "7" || d.Items[1] != "2" {
		t.Fatalf("read %+v", d)
	}
	a, b := d.Series[0], d.Series[1]
	if got := []float32{a.Sales[0], a.Sales[1], a.Sales[3]}; got[0] != 2.5 || got[1] != 4 || got[2] != 1 || !a.Promo[1] || a.Promo[0] {
		t.Errorf("item 1: %v promo %v", a.Sales, a.Promo)
	}
	if b.Sales[1] != 0 || b.OutOfStock[1] || !b.OutOfStock[2] || b.OutOfStock[3] {
		t.Errorf("item 2: sales %v unknown %v: want a zero on the 2nd and the closed 3rd unknown", b.Sales, b.OutOfStock)
	}
}

func TestBaselines(t *testing.T) {
	s := forecast.Series{Start: 0, Sales: []float32{1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17}}
	if got := sameWeekday(&s, 13, 1); got != 17 {
		t.Errorf("last week %v, want 17", got)
	}
	if got := sameWeekday(&s, 13, 4); got != 12 {
		t.Errorf("mean over the weeks there are %v, want (17+7)/2", got)
	}
}

func TestEngineBeatsBothBaselinesOnSyntheticHistories(t *testing.T) {
	for _, c := range []synth.Config{
		{Shape: synth.Smooth, Stores: 3, Items: 8, Days: 900, Seed: 11},
		{Shape: synth.Grocery, Stores: 3, Items: 20, Days: 900, Seed: 12},
	} {
		t.Run(string(c.Shape), func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := synth.Write(&buf, c); err != nil {
				t.Fatal(err)
			}
			d, err := ReadCSV(&buf)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Run(d, Config{Horizon: 60, Calendar: forecast.DefaultCalendar(), Simulate: &SimConfig{ShelfLife: 3, Lead: 1, Review: 1}})
			if err != nil {
				t.Fatal(err)
			}
			for _, mode := range []Table{rep.Once.Overall, rep.Rolled.Overall} {
				for _, base := range []Scores{mode.LastWeek, mode.FourWeekMean} {
					if mode.Engine.WAPE > 0.9*base.WAPE || mode.Engine.MASE > 0.9*base.MASE {
						t.Errorf("engine %+v does not clearly beat %+v", mode.Engine, base)
					}
				}
				if math.Abs(mode.Engine.Bias) > 0.05 {
					t.Errorf("engine bias %v", mode.Engine.Bias)
				}
			}
			series := 0
			for _, mt := range rep.Rolled.Methods {
				series += mt.Series
			}
			if series != rep.Evaluated {
				t.Errorf("methods %+v cover %d series of %d", rep.Rolled.Methods, series, rep.Evaluated)
			}
			if len(rep.Once.Stores) != 3 || rep.Once.Stores[2].Store != "3" {
				t.Errorf("stores %+v", rep.Once.Stores)
			}
			sim := rep.Simulation
			if sim.Engine.WastePct > sim.FourWeekMean.WastePct || sim.Engine.FillRate < sim.FourWeekMean.FillRate-0.01 {
				t.Errorf("ordering replay: engine %+v, 4-week mean %+v", sim.Engine, sim.FourWeekMean)
			}
			if len(sim.Sweep) != len(ServiceLevels) || len(sim.Stores) != 3 || len(sim.Matched.Targets) != len(TargetFills) {
				t.Errorf("sweep %d levels, %d stores, %d targets", len(sim.Sweep), len(sim.Stores), len(sim.Matched.Targets))
			}
			simSeries := 0
			for _, me := range sim.Methods {
				simSeries += me.Series
			}
			if simSeries != rep.Evaluated {
				t.Errorf("replay methods %+v cover %d series of %d", sim.Methods, simSeries, rep.Evaluated)
			}
			for i := 1; i < len(sim.Sweep); i++ {
				if a, b := sim.Sweep[i-1].Engine, sim.Sweep[i].Engine; b.Received < a.Received {
					t.Errorf("a higher service level received less: %+v then %+v", a, b)
				}
			}
			var out bytes.Buffer
			if err := rep.WriteJSON(&out); err != nil || !json.Valid(out.Bytes()) {
				t.Fatalf("json: %v", err)
			}
		})
	}
}

func TestOrderArithmetic(t *testing.T) {
	f := []float64{10, 10, 10, 10, 10, 10}
	for _, tc := range []struct {
		name          string
		cfg           SimConfig
		onHand, sigma float64
		want          float64
	}{
		// cover 2 days = 20, safety 1.645·2.83 = 4.65, minus 5 on hand: 19.65 → 20.
		{"cover and safety stock", SimConfig{ShelfLife: 5, Lead: 1, Review: 1}, 5, 2.83, 20},
		// shelf life 1: only the delivery day sells: 10 − (5 − 10 → 0 left) = 10.
		{"shelf-life cap binds", SimConfig{ShelfLife: 1, Lead: 1, Review: 1}, 5, 2, 10},
		{"enough stock", SimConfig{ShelfLife: 5, Lead: 1, Review: 1}, 40, 2, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sh := &shelf{cfg: tc.cfg}
			sh.receive(forecast.Date(2024, time.May, 1), tc.onHand)
			sh.order(forecast.Date(2024, time.May, 1), f, forecast.SafetyFactor(0.95)*tc.sigma)
			if got := sh.onOrder(); got != tc.want {
				t.Errorf("ordered %v, want %v", got, tc.want)
			}
		})
	}
}

// Stock that expires before it can sell is not cover: 30 units received yesterday with a
// two-day shelf life sell 10 today and the other 20 are binned tonight, so tomorrow's 10
// must be ordered (counting all 30 as cover ordered nothing and left tomorrow empty).
func TestOrderLeavesOutStockThatExpiresUnsold(t *testing.T) {
	f := []float64{10, 10, 10, 10}
	d := forecast.Date(2024, time.May, 2)
	for _, tc := range []struct {
		name string
		cfg  SimConfig
		want float64
	}{
		{"expires before delivery", SimConfig{ShelfLife: 2, Lead: 1, Review: 1}, 10},
		// Sellable on d and d+1: 10 + 10 of the 30 sell, the new lot covers d+2 alone.
		{"expires in the cover", SimConfig{ShelfLife: 3, Lead: 1, Review: 2}, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sh := &shelf{cfg: tc.cfg}
			sh.receive(d-1, 30)
			sh.order(d, f, 0)
			if got := sh.onOrder(); got != tc.want {
				t.Errorf("ordered %v, want %v", got, tc.want)
			}
		})
	}
}

// The shelf-life cap counts the sales the older stock takes while the new lot is on the
// shelf, not all of it: 25 units sellable today and tomorrow sell 10 + 10 (5 binned), so
// a lot arriving tomorrow for two days can sell 20 − 10 = 10 (subtracting the 15 left at
// its arrival capped it at 5).
func TestShelfLifeCapCountsWhatTheOlderStockSells(t *testing.T) {
	d := forecast.Date(2024, time.May, 2)
	sh := &shelf{cfg: SimConfig{ShelfLife: 2, Lead: 1, Review: 2}}
	sh.receive(d, 25)
	sh.lots[0].expires = d + 1
	sh.order(d, []float64{10, 10, 10, 10}, 5) // 30 + 5 − 20 = 15, capped at 10
	if got := sh.onOrder(); got != 10 {
		t.Errorf("ordered %v, want 10", got)
	}
}

func TestShelfSellsOldestFirstAndBinsExpired(t *testing.T) {
	d := forecast.Date(2024, time.May, 1)
	sh := &shelf{cfg: SimConfig{ShelfLife: 2, Lead: 1, Review: 1}}
	sh.receive(d, 5)    // sellable on d and d+1
	sh.sell(d, 3, true) // 2 left from the first lot
	sh.receive(d+1, 4)
	sh.sell(d+1, 1, true) // sells from the old lot; the other 1 of it expires tonight
	sh.sell(d+2, 6, true) // 4 fresh left: 2 short
	s := sh.score
	if s.Received != 9 || s.Sold != 8 || s.Wasted != 1 || s.StockoutDays != 1 || s.Demand != 10 {
		t.Fatalf("scores %+v", s)
	}
}

func TestParseSimConfig(t *testing.T) {
	c, err := ParseSimConfig("shelf-life=3,lead=1,review=2")
	if err != nil || c != (SimConfig{ShelfLife: 3, Lead: 1, Review: 2}) {
		t.Fatalf("%+v %v", c, err)
	}
	for _, bad := range []string{"shelf-life=0,lead=1", "lead=1", "shelf-life=2,lead=x", "shelf-life=2,colour=red"} {
		if _, err := ParseSimConfig(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestMatchedReadsWasteAtTheOtherRulesFill(t *testing.T) {
	lv := func(fill, waste float64) SimScores { return SimScores{FillRate: fill, WastePct: waste} }
	// Three swept levels; headline is index 2 of ServiceLevels, so give as many points.
	levels := make([][2]SimScores, len(ServiceLevels))
	for l := range levels {
		x := float64(l)
		levels[l] = [2]SimScores{lv(0.90+0.01*x, 1+x), lv(0.93+0.01*x, 3+2*x)}
	}
	m := matched(levels)
	// The 4-week rule at the headline level fills 0.95; the engine fills 0.95 at l = 5,
	// wasting 6, against 3 + 2·2 = 7.
	if got := m.AtFourWeekFill; math.Abs(got.FillRate-0.95) > 1e-9 || got.EngineWastePct == nil || math.Abs(*got.EngineWastePct-6) > 1e-9 ||
		math.Abs(*got.FourWeekMeanWastePct-7) > 1e-9 {
		t.Errorf("at the 4-week fill: %+v", got)
	}
	// The engine at the headline fills 0.92, below the 4-week rule's least fill 0.93: the
	// nearest level whose fill both curves cover is the next, 0.93, wasting 4 against 3.
	if got := m.AtEngineFill; got.ServiceLevel != ServiceLevels[headline+1] || got.EngineWastePct == nil ||
		math.Abs(*got.EngineWastePct-4) > 1e-9 || got.FourWeekMeanWastePct == nil || math.Abs(*got.FourWeekMeanWastePct-3) > 1e-9 {
		t.Errorf("at the engine's fill: %+v", got)
	}
	if got := m.Sweep[headline][0]; got.FourWeekMeanWastePct != nil {
		t.Errorf("the 4-week rule's waste read below its curve: %+v", got)
	}
	// Halfway between two points interpolates linearly.
	if y := interpolate([][2]float64{{0.9, 1}, {0.95, 2}}, 0.925); y == nil || math.Abs(*y-1.5) > 1e-9 {
		t.Errorf("interpolate: %v", y)
	}
	if y := interpolate([][2]float64{{0.9, 1}, {0.95, 2}}, 0.96); y != nil {
		t.Errorf("extrapolated %v", *y)
	}
	if z := forecast.SafetyFactor(0.95); math.Abs(z-1.6449) > 1e-4 {
		t.Errorf("z(95 %%) = %v", z)
	}
}
