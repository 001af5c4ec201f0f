package promo

import (
	"math/big"
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// BaselineWeeks is how many weeks before the start the baseline reads: each measured day is
// compared with the mean of the same weekday in those weeks.
const BaselineWeeks = 4

// EffectWindow is what an effect report measures: the campaign days that have passed
// (Days of them, from the start to MeasuredTo) and the baseline weeks before the start.
type EffectWindow struct {
	StartsOn, EndsOn civil.Date
	MeasuredTo       civil.Date // meaningful when Days > 0
	Days             int
	BaselineFrom     civil.Date
	BaselineTo       civil.Date
}

// Window measures a campaign from its start to the earlier of its end and lastClosed, the
// last business day every store of it has closed.
func Window(startsOn, endsOn, lastClosed civil.Date) EffectWindow {
	w := EffectWindow{StartsOn: startsOn, EndsOn: endsOn, BaselineFrom: startsOn.AddDays(-7 * BaselineWeeks),
		BaselineTo: startsOn.AddDays(-1)}
	w.MeasuredTo = min(endsOn, lastClosed)
	if w.MeasuredTo >= startsOn {
		w.Days = int(w.MeasuredTo-startsOn) + 1
	}
	return w
}

// BaselineWeights are how many times each baseline day (BaselineFrom+i) counts towards the
// baseline of the measured days: a baseline day counts once for every measured day of its
// weekday, so the sum of the weighted baseline lines is Σ over the measured days of the sum
// of their BaselineWeeks same-weekday days, BaselineWeeks times the sum of their baselines.
func (w EffectWindow) BaselineWeights() []int {
	out := make([]int, 7*BaselineWeeks)
	for d := 0; d < w.Days; d++ {
		wd := w.StartsOn.AddDays(d).Weekday()
		for i := range out {
			if w.BaselineFrom.AddDays(i).Weekday() == wd {
				out[i]++
			}
		}
	}
	return out
}

// Sums are the exact sums behind one set of effect figures (a line, a store, an item, the
// campaign): the campaign's sales over the measured days, and the baseline's sales weighted
// by BaselineWeights (BaselineWeeks times the baseline of those days). Quantities are in
// thousandths, money in cents, as fixed keeps them.
type Sums struct {
	BaseQty, PromoQty       fixed.Qty
	BaseNet, PromoNet       fixed.Money
	BaseMargin, PromoMargin fixed.Money // net sales − cost
	DaysOutOfStock          int
}

// Add adds another set of sums (a roll-up).
func (s *Sums) Add(o Sums) {
	s.BaseQty += o.BaseQty
	s.PromoQty += o.PromoQty
	s.BaseNet += o.BaseNet
	s.PromoNet += o.PromoNet
	s.BaseMargin += o.BaseMargin
	s.PromoMargin += o.PromoMargin
	s.DaysOutOfStock += o.DaysOutOfStock
}

// Figures are the effect of a campaign on a line, store, item or the whole: mean daily
// units and net sales in the baseline and in the campaign, the uplift on units in percent
// (in hundredths; nil where the baseline sold nothing), the incremental gross margin over the
// measured days and the days that closed out of stock.
type Figures struct {
	BaselineQtyPerDay, PromoQtyPerDay     fixed.Qty
	BaselineSalesPerDay, PromoSalesPerDay fixed.Money
	UpliftPct                             *fixed.Money
	IncrementalMargin                     fixed.Money
	DaysOutOfStock                        int
}

// Figures works the figures out of the sums of days measured days, each rounded half away
// from zero once: a roll-up's means are the sums of its lines' exact means, and its uplift
// comes from those summed means.
func (s Sums) Figures(days int) Figures {
	f := Figures{DaysOutOfStock: s.DaysOutOfStock}
	if days <= 0 {
		return f
	}
	n, k := int64(days), int64(BaselineWeeks)
	f.BaselineQtyPerDay = fixed.Qty(divRound(big.NewInt(int64(s.BaseQty)), big.NewInt(k*n)))
	f.PromoQtyPerDay = fixed.Qty(divRound(big.NewInt(int64(s.PromoQty)), big.NewInt(n)))
	f.BaselineSalesPerDay = fixed.Money(divRound(big.NewInt(int64(s.BaseNet)), big.NewInt(k*n)))
	f.PromoSalesPerDay = fixed.Money(divRound(big.NewInt(int64(s.PromoNet)), big.NewInt(n)))
	// incremental margin = Σ campaign margin − Σ baseline margin = PromoMargin − BaseMargin ÷ k.
	f.IncrementalMargin = fixed.Money(divRound(
		new(big.Int).Sub(new(big.Int).Mul(big.NewInt(int64(s.PromoMargin)), big.NewInt(k)), big.NewInt(int64(s.BaseMargin))),
		big.NewInt(k)))
	if s.BaseQty != 0 {
		// (promo ÷ baseline − 1) × 100 in hundredths = (k·PromoQty − BaseQty) × 10000 ÷ BaseQty.
		num := new(big.Int).Sub(new(big.Int).Mul(big.NewInt(int64(s.PromoQty)), big.NewInt(k)), big.NewInt(int64(s.BaseQty)))
		pct := fixed.Money(divRound(num.Mul(num, big.NewInt(10000)), big.NewInt(int64(s.BaseQty))))
		f.UpliftPct = &pct
	}
	return f
}

// divRound divides rounding half away from zero.
func divRound(num, den *big.Int) int64 {
	if den.Sign() < 0 {
		num, den = new(big.Int).Neg(num), new(big.Int).Neg(den)
	}
	neg := num.Sign() < 0
	a := new(big.Int).Abs(num)
	// (2a + den) ÷ 2den
	q := new(big.Int).Add(new(big.Int).Lsh(a, 1), den)
	q.Quo(q, new(big.Int).Lsh(den, 1))
	if neg {
		q.Neg(q)
	}
	return q.Int64()
}

// LastClosed is the last business day a store in loc has closed at now: yesterday there.
func LastClosed(now time.Time, loc *time.Location) civil.Date {
	return civil.Today(now, loc).AddDays(-1)
}

// CountDays counts the days of days within from..to.
func CountDays(days []civil.Date, from, to civil.Date) int {
	n := 0
	for _, d := range days {
		if d >= from && d <= to {
			n++
		}
	}
	return n
}
