package ordering

import (
	"math"

	"github.com/storeops/storeops/internal/forecast"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// SuggestInput is what the suggestion of one line needs, all of it read before: the daily
// forecast from the plan's business day up to the next delivery, the stock and its shelf life.
type SuggestInput struct {
	// Days is the forecast per day from the plan's business day (index 0) up to at least the
	// day before the next delivery, and on to the end of the shelf life of a lot delivered on
	// the delivery day when the product is perishable.
	Days []forecast.Point
	// Lead is the index of the delivery day in Days (days from today to the delivery).
	Lead int
	// Cover is the number of days the delivery has to last: from it to the next delivery.
	Cover int
	// Sigma and ErrCorr describe the forecast's one-day error (see forecast.CoverSigma).
	Sigma, ErrCorr float64
	// ServiceLevel is the chance of not running out before the next delivery, 0.5 to 0.999.
	ServiceLevel float64
	OnHand       fixed.Qty // on the books now
	OnOrder      fixed.Qty // in submitted or approved plans delivering by this delivery
	// ShelfLifeDays caps the order of a perishable product (0: not perishable, no cap).
	ShelfLifeDays int
	CasePack      fixed.Qty // the order is a whole number of these (0 or less: 1 unit)
	MinOrderQty   fixed.Qty // a positive order is raised to at least this
}

// Explanation is every term of a suggestion, so the screen can show why it is what it is:
//
//	need      = until_delivery + forecast + safety_stock − on_hand − on_order  (never below 0)
//	capped    = min(need, shelf_life_cap)                                     (perishables)
//	suggested = capped rounded to the case pack (see roundToPack), raised to min_order_qty when above 0
type Explanation struct {
	Method        forecast.Method `json:"method"`
	UntilDelivery fixed.Qty       `json:"until_delivery"` // forecast sales from today to the delivery
	Forecast      fixed.Qty       `json:"forecast"`       // forecast sales over the cover days
	CoverDays     int             `json:"cover_days"`
	LeadDays      int             `json:"lead_days"`
	SafetyStock   fixed.Qty       `json:"safety_stock"`
	ServiceLevel  float64         `json:"service_level"`
	OnHand        fixed.Qty       `json:"on_hand"`
	OnOrder       fixed.Qty       `json:"on_order"`
	Need          fixed.Qty       `json:"need"`
	ShelfLifeDays int             `json:"shelf_life_days,omitempty"`
	ShelfLifeCap  *fixed.Qty      `json:"shelf_life_cap"` // nil when not perishable
	CapBinds      bool            `json:"cap_binds"`
	CasePack      fixed.Qty       `json:"case_pack"`
	MinOrderQty   fixed.Qty       `json:"min_order_qty"`
	MinOrderRaise bool            `json:"min_order_raised"`
	// Rounding says how the need was rounded to the case pack (exact, nearest, up, down_cap).
	Rounding string `json:"rounding"`
	// ReducedServiceLevel tells that repeated expired write-offs lowered the service level.
	ReducedServiceLevel bool `json:"reduced_service_level,omitempty"`
	// Days are the forecast's own parts per cover day (level, trend, weekday, yearly, event,
	// promotion): Units = (Level+Trend) × Weekday × Yearly × Event × Promo.
	Days []DayPart `json:"days"`
}

// DayPart is one forecast day with its parts, rounded for display.
type DayPart struct {
	Date    string  `json:"date"`
	Units   float64 `json:"units"`
	Level   float64 `json:"level"`
	Trend   float64 `json:"trend"`
	Weekday float64 `json:"weekday"`
	Yearly  float64 `json:"yearly"`
	Event   float64 `json:"event"`
	Events  string  `json:"events,omitempty"`
	Promo   float64 `json:"promo"`
}

// Suggest computes one line's suggested quantity and the terms behind it. It reads no clock
// and no database: everything comes in.
func Suggest(in SuggestInput) (fixed.Qty, Explanation) {
	lead := min(max(in.Lead, 0), len(in.Days))
	end := min(lead+max(in.Cover, 1), len(in.Days))
	sum := func(a, b int) float64 {
		t := 0.0
		for _, p := range in.Days[min(a, len(in.Days)):min(b, len(in.Days))] {
			t += p.Units
		}
		return t
	}
	until, cover := sum(0, lead), sum(lead, end)
	safety := 0.0
	if in.Sigma > 0 {
		safety = forecast.SafetyFactor(clampLevel(in.ServiceLevel)) * forecast.CoverSigma(in.Sigma, in.ErrCorr, end)
	}
	ex := Explanation{UntilDelivery: qtyOf(until), Forecast: qtyOf(cover), CoverDays: end - lead, LeadDays: lead,
		SafetyStock: qtyOf(math.Max(0, safety)), ServiceLevel: in.ServiceLevel, OnHand: in.OnHand, OnOrder: in.OnOrder,
		CasePack: in.CasePack, MinOrderQty: in.MinOrderQty}
	if len(in.Days) > 0 {
		ex.Method = in.Days[0].Method
	}
	for _, p := range in.Days[lead:end] {
		ex.Days = append(ex.Days, dayPart(p))
	}
	need := ex.UntilDelivery + ex.Forecast + ex.SafetyStock - in.OnHand - in.OnOrder
	need = max(need, 0)
	ex.Need = need
	target := need
	if in.ShelfLifeDays > 0 {
		// What a lot delivered on the delivery day can sell before it expires, less what the
		// stock already there (after selling until the delivery) sells in those days first.
		sells := sum(lead, lead+in.ShelfLifeDays)
		left := max(float64(in.OnHand+in.OnOrder)/1000-until, 0)
		capQty := qtyOf(math.Max(0, sells-left))
		ex.ShelfLifeDays, ex.ShelfLifeCap = in.ShelfLifeDays, &capQty
		if capQty < target {
			target, ex.CapBinds = capQty, true
		}
	}
	expected := max(need-ex.SafetyStock, 0) // the need at the forecast itself, without safety stock
	q, rounding := roundToPack(target, expected, in.CasePack, ex.ShelfLifeCap)
	ex.Rounding = rounding
	if q > 0 && q < in.MinOrderQty {
		q, ex.MinOrderRaise = roundUpToPack(in.MinOrderQty, in.CasePack), true
	}
	return q, ex
}

// Rounding rules of roundToPack, named in the explanation.
const (
	RoundExact   = "exact"    // already a whole number of packs
	RoundNearest = "nearest"  // to the nearest pack, half up
	RoundUp      = "up"       // up: rounding down would not cover the forecast itself
	RoundDownCap = "down_cap" // down: rounding up would pass the shelf-life cap
)

// roundToPack rounds q to a whole number of packs: to the nearest (half up), but up when the
// packs below q would not cover expected (the forecast without safety stock: a case of 30
// for a product selling 8 a day is better than an empty shelf), and never above capQty.
func roundToPack(q, expected, pack fixed.Qty, capQty *fixed.Qty) (fixed.Qty, string) {
	if pack <= 0 {
		pack = fixed.QtyOf(1)
	}
	down := q / pack * pack
	if down == q {
		return q, RoundExact
	}
	up, how := down, RoundNearest
	if (q-down)*2 >= pack {
		up = down + pack
	} else if down < expected {
		up, how = down+pack, RoundUp
	}
	if capQty != nil && up > *capQty {
		return down, RoundDownCap
	}
	return up, how
}

func roundUpToPack(q, pack fixed.Qty) fixed.Qty {
	if pack <= 0 {
		pack = fixed.QtyOf(1)
	}
	return (q + pack - 1) / pack * pack
}

// qtyOf turns a forecast (float units) into an exact quantity with 3 decimals.
func qtyOf(x float64) fixed.Qty {
	if math.IsNaN(x) || x <= 0 {
		return 0
	}
	return fixed.Qty(math.Round(math.Min(x, 1e9) * 1000))
}

func dayPart(p forecast.Point) DayPart {
	r := func(x float64) float64 { return math.Round(x*1000) / 1000 }
	return DayPart{Date: p.Day.String(), Units: r(p.Units), Level: r(p.Level), Trend: r(p.Trend), Weekday: r(p.Weekday),
		Yearly: r(p.Yearly), Event: r(p.Event), Events: p.Events, Promo: r(p.Promo)}
}

// clampLevel keeps a service level within what settings allow (50 % to 99.9 %).
func clampLevel(p float64) float64 { return math.Min(math.Max(p, 0.5), 0.999) }
