package promo

import (
	"math/big"
	"testing"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

func date(t *testing.T, s string) civil.Date {
	t.Helper()
	d, err := civil.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWindowMeasuresThePassedDaysAgainstFourWeeks(t *testing.T) {
	// 2026-10-26 is a Monday; the campaign runs two weeks.
	starts, ends := date(t, "2026-10-26"), date(t, "2026-11-08")
	w := Window(starts, ends, date(t, "2026-10-28"))
	if w.Days != 3 || w.MeasuredTo != date(t, "2026-10-28") || w.BaselineFrom != date(t, "2026-09-28") ||
		w.BaselineTo != date(t, "2026-10-25") {
		t.Fatalf("window %+v", w)
	}
	// Mon, Tue, Wed measured: each baseline Monday, Tuesday and Wednesday counts once, the rest not.
	weights := w.BaselineWeights()
	for i, k := range weights {
		want := 0
		if i%7 < 3 {
			want = 1
		}
		if k != want {
			t.Fatalf("weight of %s: %d, want %d (%v)", w.BaselineFrom.AddDays(i), k, want, weights)
		}
	}
	// Ended: measured to its end; 14 days count every baseline day twice (its weekday twice).
	w = Window(starts, ends, date(t, "2026-12-01"))
	if w.Days != 14 || w.MeasuredTo != ends {
		t.Fatalf("ended window %+v", w)
	}
	sum := 0
	for _, k := range w.BaselineWeights() {
		if k != 2 {
			t.Fatalf("weights of a 14-day campaign %v", w.BaselineWeights())
		}
		sum += k
	}
	if sum != 4*14 {
		t.Fatalf("weights add up to %d", sum)
	}
	// Not started yet: nothing measured.
	if w = Window(starts, ends, date(t, "2026-10-25")); w.Days != 0 {
		t.Fatalf("a campaign starting tomorrow measured %d days", w.Days)
	}
}

func TestFiguresFromHandComputedSums(t *testing.T) {
	// Three days measured (Mon, Tue, Wed). Baselines of the four Mondays 10, 12, 8, 10 units
	// (mean 10), Tuesdays 6, 6, 6, 6 (6), Wednesdays 5, 5, 5, 4 (4.75): weighted sum 83 units.
	// Campaign days sold 15, 9, 8 = 32 units. Mean baseline 20.75 ÷ 3 = 6.917 a day, campaign
	// 10.667; uplift 32 ÷ 20.75 − 1 = 54.216… %.
	s := Sums{BaseQty: fixed.QtyOf(83), PromoQty: fixed.QtyOf(32),
		BaseNet: 83 * 500, PromoNet: 32 * 400, // 5.00 regular, 4.00 promo
		BaseMargin: 83 * 200, PromoMargin: 32 * 100, // 2.00 and 1.00 margin a unit
		DaysOutOfStock: 1}
	f := s.Figures(3)
	check := func(name, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
	check("baseline qty", f.BaselineQtyPerDay.String(), "6.917")
	check("promo qty", f.PromoQtyPerDay.String(), "10.667")
	check("baseline sales", f.BaselineSalesPerDay.String(), "34.58") // 83 × 5 ÷ 12 = 34.5833
	check("promo sales", f.PromoSalesPerDay.String(), "42.67")       // 128 ÷ 3
	check("uplift", f.UpliftPct.String(), "54.22")
	// 32 × 1.00 − 83 × 2.00 ÷ 4 = 32 − 41.50 = −9.50: the cut cost more than the extra units brought.
	check("incremental margin", f.IncrementalMargin.String(), "-9.50")
	if f.DaysOutOfStock != 1 {
		t.Errorf("days out of stock %d", f.DaysOutOfStock)
	}
	// No baseline sales: no uplift.
	if g := (Sums{PromoQty: fixed.QtyOf(3)}).Figures(3); g.UpliftPct != nil || g.PromoQtyPerDay.String() != "1.000" {
		t.Errorf("no baseline: %+v", g)
	}
	// Nothing measured: zeros.
	if g := s.Figures(0); g.UpliftPct != nil || g.PromoQtyPerDay != 0 || g.DaysOutOfStock != 1 {
		t.Errorf("no days: %+v", g)
	}
}

func TestRollUpUsesTheSummedMeans(t *testing.T) {
	// Two lines over 7 days: A baseline 4 × 70 units, campaign 140; B baseline 4 × 7, campaign 7.
	// Uplift A 100 %, B 0 %; the roll-up's uplift comes from the summed means (77 → 147 a week):
	// 147 ÷ 77 − 1 = 90.909… %, not the mean of the two percentages.
	a := Sums{BaseQty: fixed.QtyOf(280), PromoQty: fixed.QtyOf(140)}
	b := Sums{BaseQty: fixed.QtyOf(28), PromoQty: fixed.QtyOf(7)}
	var total Sums
	total.Add(a)
	total.Add(b)
	if got := a.Figures(7).UpliftPct.String(); got != "100.00" {
		t.Errorf("A's uplift %s", got)
	}
	if got := b.Figures(7).UpliftPct.String(); got != "0.00" {
		t.Errorf("B's uplift %s", got)
	}
	f := total.Figures(7)
	if f.UpliftPct.String() != "90.91" || f.BaselineQtyPerDay.String() != "11.000" || f.PromoQtyPerDay.String() != "21.000" {
		t.Errorf("roll-up %+v (uplift %s)", f, f.UpliftPct)
	}
}

func TestDivRoundHalfAwayFromZero(t *testing.T) {
	for _, c := range []struct{ num, den, want int64 }{
		{5, 2, 3}, {-5, 2, -3}, {4, 3, 1}, {-4, 3, -1}, {7, 4, 2}, {-7, 4, -2}, {1, 4, 0}, {0, 7, 0}, {5, -2, -3},
	} {
		if got := divRound(big.NewInt(c.num), big.NewInt(c.den)); got != c.want {
			t.Errorf("%d ÷ %d = %d, want %d", c.num, c.den, got, c.want)
		}
	}
}

func TestCountDaysInTheWindow(t *testing.T) {
	from, to := date(t, "2026-10-26"), date(t, "2026-11-01")
	days := []civil.Date{from.AddDays(-1), from, from.AddDays(3), to, to.AddDays(1)}
	if n := CountDays(days, from, to); n != 3 {
		t.Errorf("counted %d", n)
	}
}
