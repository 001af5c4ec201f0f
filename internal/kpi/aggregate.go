package kpi

import (
	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/shrinkfeed"
)

// Total is the department code of a store's total over the departments in scope.
const Total = "total"

type scopeKey struct {
	store int64
	dept  string // a department, or Total
}

type tally struct {
	Actuals
	labourDays map[civil.Date]bool
}

// dayTotals are one day's figures of the chart series.
type dayTotals struct {
	Sales, GrossMargin, Labour, Opex fixed.Money
}

// aggregate sums feed rows per store and department and per store total, keeping only the
// departments in scope. With series set it also sums the scope per day.
type aggregate struct {
	inScope func(store int64, dept string) bool
	tallies map[scopeKey]*tally
	series  map[civil.Date]*dayTotals
}

func newAggregate(inScope func(store int64, dept string) bool, series bool) *aggregate {
	g := &aggregate{inScope: inScope, tallies: map[scopeKey]*tally{}}
	if series {
		g.series = map[civil.Date]*dayTotals{}
	}
	return g
}

// each calls fn on the department's tally and the store total's, when the department is in
// scope, and returns the day's series entry (nil without a series).
func (g *aggregate) each(store int64, dept string, date civil.Date, fn func(t *tally)) *dayTotals {
	if !g.inScope(store, dept) {
		return nil
	}
	for _, k := range [2]scopeKey{{store, dept}, {store, Total}} {
		t := g.tallies[k]
		if t == nil {
			t = &tally{labourDays: map[civil.Date]bool{}}
			g.tallies[k] = t
		}
		fn(t)
	}
	if g.series == nil {
		return nil
	}
	d := g.series[date]
	if d == nil {
		d = &dayTotals{}
		g.series[date] = d
	}
	return d
}

func (g *aggregate) addSales(rows []feeds.DailySales) {
	for _, r := range rows {
		day := g.each(r.StoreID, r.DepartmentCode, r.Date, func(t *tally) {
			t.Sales += r.NetSales
			t.COGS += r.Cost
			t.HasSales = true
		})
		if day != nil {
			day.Sales += r.NetSales
			day.GrossMargin += r.NetSales - r.Cost
		}
	}
}

func (g *aggregate) addLabour(rows []feeds.DailyLabour) {
	for _, r := range rows {
		day := g.each(r.StoreID, r.DepartmentCode, r.Date, func(t *tally) {
			t.Labour += r.Cost
			t.Headcount += r.Headcount
			t.Hours += r.Hours
			t.HasLabour = true
			t.labourDays[r.Date] = true
		})
		if day != nil {
			day.Labour += r.Cost
			day.Opex += r.Cost
		}
	}
}

// addExpenses books materials and repairs on their own lines; any other category counts in
// operating expenses only.
func (g *aggregate) addExpenses(rows []feeds.DailyExpense) {
	for _, r := range rows {
		day := g.each(r.StoreID, r.DepartmentCode, r.Date, func(t *tally) {
			switch r.Category {
			case "materials":
				t.Materials += r.Amount
			case "repairs":
				t.Repairs += r.Amount
			default:
				t.OtherExpenses += r.Amount
			}
			t.HasExpense = true
		})
		if day != nil {
			day.Opex += r.Amount
		}
	}
}

// addShrink sums shrink of every reason.
func (g *aggregate) addShrink(rows []shrinkfeed.Daily) {
	for _, r := range rows {
		g.each(r.StoreID, r.DepartmentCode, r.Date, func(t *tally) {
			t.Shrink += r.Amount
			t.HasShrink = true
		})
	}
}

// actuals answers a department's (or with Total, the store's) sums; nothing recorded is
// all zero.
func (g *aggregate) actuals(store int64, dept string) Actuals {
	t := g.tallies[scopeKey{store, dept}]
	if t == nil {
		return Actuals{}
	}
	a := t.Actuals
	a.LabourDays = len(t.labourDays)
	return a
}
