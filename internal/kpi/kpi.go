// Package kpi is the KPI cockpit: sales, margin, costs, shrink and people efficiency of a
// store's departments over any range of days, against their pro-rated budgets, with the
// same range a month and a year back, drill-downs and the HQ store ranking. It owns no
// table: it reads the feeds' rollups, the budgets and the catalogue through their exported
// Go APIs. This file holds the arithmetic, as pure functions on exact decimals.
package kpi

import (
	"math/big"

	"github.com/storeops/storeops/internal/platform/fixed"
)

// Key names one KPI.
type Key int

// The KPIs, in the order screens and exports show them.
const (
	Sales Key = iota
	COGS
	GrossMargin
	GrossMarginPct
	LabourCost
	Materials
	Repairs
	Shrink
	ShrinkPct
	Opex
	SalesPerHead
	SalesPerLabourHour
	numKeys
)

// Keys are the KPIs' API names, indexed by Key.
var Keys = [numKeys]string{"sales", "cogs", "gross_margin", "gross_margin_pct", "labour_cost", "materials",
	"repairs", "shrink", "shrink_pct", "opex", "sales_per_head", "sales_per_labour_hour"}

// KeyOf finds a KPI by its API name.
func KeyOf(name string) (Key, bool) {
	for k, n := range Keys {
		if n == name {
			return Key(k), true
		}
	}
	return 0, false
}

// higherIsBetter tells the direction of each KPI for its status.
var higherIsBetter = [numKeys]bool{Sales: true, GrossMargin: true, GrossMarginPct: true, SalesPerHead: true,
	SalesPerLabourHour: true}

// Statuses of a KPI against its budget.
const (
	OnTrack  = "on_track"
	Watch    = "watch"
	OffTrack = "off_track"
)

// Actuals are what happened in one scope (a department or a total) over a range of days.
type Actuals struct {
	Sales, COGS                     fixed.Money
	Labour, Materials, Repairs      fixed.Money
	OtherExpenses, Shrink           fixed.Money
	Headcount                       fixed.Qty // summed over the days with labour data
	Hours                           fixed.Qty
	LabourDays                      int // days with labour data
	HasSales, HasLabour, HasExpense bool
	HasShrink                       bool
}

// Add sums b into a; LabourDays is left to the caller, who knows which days overlap.
func (a *Actuals) Add(b Actuals) {
	a.Sales += b.Sales
	a.COGS += b.COGS
	a.Labour += b.Labour
	a.Materials += b.Materials
	a.Repairs += b.Repairs
	a.OtherExpenses += b.OtherExpenses
	a.Shrink += b.Shrink
	a.Headcount += b.Headcount
	a.Hours += b.Hours
	a.HasSales = a.HasSales || b.HasSales
	a.HasLabour = a.HasLabour || b.HasLabour
	a.HasExpense = a.HasExpense || b.HasExpense
	a.HasShrink = a.HasShrink || b.HasShrink
}

// Value computes one KPI of a; nil where it cannot be computed (a ratio over nothing).
// Percents are in hundredths (2850 = 28.50 %), per-head and per-hour figures in cents.
func (a Actuals) Value(k Key) *fixed.Money {
	m := func(v fixed.Money) *fixed.Money { return &v }
	switch k {
	case Sales:
		return m(a.Sales)
	case COGS:
		return m(a.COGS)
	case GrossMargin:
		return m(a.Sales - a.COGS)
	case GrossMarginPct:
		return ratio(int64(a.Sales-a.COGS), 10_000, int64(a.Sales))
	case LabourCost:
		return m(a.Labour)
	case Materials:
		return m(a.Materials)
	case Repairs:
		return m(a.Repairs)
	case Shrink:
		return m(a.Shrink)
	case ShrinkPct:
		return ratio(int64(a.Shrink), 10_000, int64(a.Sales))
	case Opex:
		return m(a.Labour + a.Materials + a.Repairs + a.OtherExpenses)
	case SalesPerHead:
		// sales ÷ (headcount ÷ days): headcount has 3 decimals, so × 1000.
		if a.LabourDays == 0 {
			return nil
		}
		return ratio(int64(a.Sales), int64(a.LabourDays)*1000, int64(a.Headcount))
	case SalesPerLabourHour:
		return ratio(int64(a.Sales), 1000, int64(a.Hours))
	}
	return nil
}

// has reports whether a holds the data KPI k is made of: last month's and last year's
// figures are null, not zero, where nothing was recorded.
func (a Actuals) has(k Key) bool {
	switch k {
	case LabourCost, SalesPerHead, SalesPerLabourHour:
		return a.HasLabour
	case Materials, Repairs:
		return a.HasExpense
	case Opex:
		return a.HasLabour || a.HasExpense
	case Shrink, ShrinkPct:
		return a.HasSales || a.HasShrink
	}
	return a.HasSales
}

// ratio is num × mul ÷ den rounded half away from zero; nil when den is 0.
func ratio(num, mul, den int64) *fixed.Money {
	if den == 0 {
		return nil
	}
	n := new(big.Int).Mul(big.NewInt(num), big.NewInt(mul))
	v := fixed.Money(roundDiv(n, big.NewInt(den)))
	return &v
}

// roundDiv is n ÷ d rounded half away from zero.
func roundDiv(n, d *big.Int) int64 {
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	if r.Sign() != 0 && new(big.Int).Abs(new(big.Int).Lsh(r, 1)).Cmp(new(big.Int).Abs(d)) >= 0 {
		if (n.Sign() < 0) != (d.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q.Int64()
}

// round turns an exact rational into a 2-decimal value, half away from zero.
func round(r *big.Rat) *fixed.Money {
	if r == nil {
		return nil
	}
	v := fixed.Money(roundDiv(r.Num(), r.Denom()))
	return &v
}

// KPI is one figure against its budget. Nil fields are null in answers.
type KPI struct {
	Actual      *fixed.Money
	Budget      *fixed.Money
	Variance    *fixed.Money
	VariancePct *fixed.Money
	Status      string // "" without a budget
	LastMonth   *fixed.Money
	LastYear    *fixed.Money
}

// Set is every KPI of one scope, indexed by Key.
type Set [numKeys]KPI

// Compute builds the KPIs of a scope from its actuals, its pro-rated budget and the actuals
// of the same range a month and a year back. Variance, variance percent and status are
// worked out from the rounded actual and budget, so anyone can check them from the answer.
func Compute(cur Actuals, t Targets, lastMonth, lastYear Actuals) Set {
	var s Set
	for k := Key(0); k < numKeys; k++ {
		v := KPI{Actual: cur.Value(k), Budget: round(t.of(k))}
		if lastMonth.has(k) {
			v.LastMonth = lastMonth.Value(k)
		}
		if lastYear.has(k) {
			v.LastYear = lastYear.Value(k)
		}
		if v.Actual != nil && v.Budget != nil {
			d := *v.Actual - *v.Budget
			v.Variance = &d
			v.VariancePct = ratio(int64(d), 10_000, int64(*v.Budget))
			v.Status = Judge(*v.Actual, *v.Budget, higherIsBetter[k])
		}
		s[k] = v
	}
	return s
}

// Judge rates an actual against its budget: on track when at or better than the budget,
// watch when worse by up to 5 % of the budget, off track beyond.
func Judge(actual, budget fixed.Money, higherBetter bool) string {
	better := int64(actual - budget)
	if !higherBetter {
		better = -better
	}
	if better >= 0 {
		return OnTrack
	}
	limit := new(big.Int).Mul(big.NewInt(abs(int64(budget))), big.NewInt(5))
	worse := new(big.Int).Mul(big.NewInt(-better), big.NewInt(100))
	if worse.Cmp(limit) <= 0 {
		return Watch
	}
	return OffTrack
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
