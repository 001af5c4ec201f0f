package kpi

import (
	"context"
	"fmt"
	"slices"

	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Row is the KPIs of one department, or of the total.
type Row struct {
	Department string
	KPIs       Set
}

// Point is one day of the chart series over the departments in scope.
type Point struct {
	Date                             civil.Date
	Sales, GrossMargin, Labour, Opex fixed.Money
	SalesBudget                      *fixed.Money
}

// Report is a store's KPIs over a range.
type Report struct {
	Store       org.Store
	Range       Range
	Departments []Row
	Total       Row
	Series      []Point
}

// scope is a store as the caller sees it: its business date today and the departments in
// the caller's scope.
type scope struct {
	store org.Store
	today civil.Date
	deps  []string
}

// scope looks the store up; one named department must be among the caller's (otherwise not
// found).
func (s *Service) scope(ctx context.Context, p *authz.Principal, storeID int64, dept string) (scope, error) {
	var sc scope
	var all []string
	err := parallel(func() (err error) { sc.store, err = s.stores.GetStore(ctx, p, storeID); return },
		func() (err error) { all, err = s.stores.StoreDepartments(ctx, p, storeID); return })
	if err != nil {
		return sc, err
	}
	loc, err := s.location(sc.store.Timezone)
	if err != nil {
		return sc, err
	}
	sc.today = civil.Today(s.now(), loc)
	sc.deps = slices.DeleteFunc(all, func(d string) bool {
		return !p.CanSeeDepartment(storeID, d) || (dept != "" && d != dept)
	})
	if dept != "" && len(sc.deps) == 0 {
		return sc, fmt.Errorf("department %s of store %d: %w", dept, storeID, apperr.ErrNotFound)
	}
	return sc, nil
}

// Report answers a store's KPIs per department and in total over the range, against the
// pro-rated budgets, with the same range a month and a year back and a daily series.
func (s *Service) Report(ctx context.Context, p *authz.Principal, storeID int64, q Query) (Report, error) {
	var sc scope
	var rng Range
	var list []budget.Budget
	var rows [3]feedRows
	ids := []int64{storeID}
	reads := func() []func() error {
		fns := []func() error{func() (err error) {
			list, err = s.budgets.ForStores(ctx, ids, monthOf(rng.From), monthOf(rng.To))
			return
		}}
		for i, r := range []Range{rng, rng.shift(-1), rng.shift(-12)} {
			fns = append(fns, s.fetch(ctx, ids, ids, r, allSources, &rows[i])...)
		}
		return fns
	}
	lookup := func() (err error) { sc, err = s.scope(ctx, p, storeID, q.Department); return }
	var err error
	if q.From != nil && q.To != nil {
		// The range does not hang on the store's today: look it up and read at once.
		if rng, err = q.resolve(0); err == nil {
			err = parallel(append(reads(), lookup)...)
		}
	} else if err = lookup(); err == nil {
		if rng, err = q.resolve(sc.today); err == nil {
			err = parallel(reads()...)
		}
	}
	if err != nil {
		return Report{}, err
	}
	return build(sc, rng, PlansOf(list)[storeID], rows), nil
}

// build computes a report from what was read.
func build(sc scope, rng Range, plan Plan, rows [3]feedRows) Report {
	inScope := func(_ int64, d string) bool { return slices.Contains(sc.deps, d) }
	var aggs [3]*aggregate
	for i := range rows {
		aggs[i] = sum(&rows[i], inScope, i == 0)
	}
	id := sc.store.ID
	rowOf := func(dept string, deps []string) Row {
		t := ProRate(plan, deps, civil.MonthShares(rng.From, rng.To))
		return Row{Department: dept, KPIs: Compute(aggs[0].actuals(id, dept), t, aggs[1].actuals(id, dept),
			aggs[2].actuals(id, dept))}
	}
	out := Report{Store: sc.store, Range: rng, Departments: make([]Row, len(sc.deps)), Total: rowOf(Total, sc.deps)}
	for i, d := range sc.deps {
		out.Departments[i] = rowOf(d, []string{d})
	}
	daily := map[string]*fixed.Money{} // a month's daily sales target, worked out once
	for day := rng.From; day <= rng.To; day++ {
		m := monthOf(day)
		if _, ok := daily[m]; !ok {
			daily[m] = round(DailySalesTarget(plan, sc.deps, day))
		}
		pt := Point{Date: day, SalesBudget: daily[m]}
		if t := aggs[0].series[day]; t != nil {
			pt.Sales, pt.GrossMargin, pt.Labour, pt.Opex = t.Sales, t.GrossMargin, t.Labour, t.Opex
		}
		out.Series = append(out.Series, pt)
	}
	return out
}
