package kpi

import (
	"cmp"
	"context"
	"slices"

	"github.com/storeops/storeops/internal/platform/paging"

	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

// RankQuery asks for the chain's stores ranked by one KPI of a month, in total or for one
// department. Month "" is the current month.
type RankQuery struct {
	Month      string
	KPI        Key
	Department string
	Ascending  bool
}

// RankItem is one store's place in a ranking.
type RankItem struct {
	Rank  int
	Store org.Store
	KPI   KPI
}

// Ranking is the chain's stores ordered by a KPI.
type Ranking struct {
	Month      string
	KPI        Key
	Department string
	Items      []RankItem
}

// sourcesOf says which feeds a KPI is made of.
func sourcesOf(k Key) sources {
	switch k {
	case LabourCost:
		return sources{labour: true}
	case Materials, Repairs:
		return sources{expenses: true}
	case Opex:
		return sources{labour: true, expenses: true}
	case Shrink:
		return sources{shrink: true}
	case ShrinkPct:
		return sources{sales: true, shrink: true}
	case SalesPerHead, SalesPerLabourHour:
		return sources{sales: true, labour: true}
	}
	return sources{sales: true}
}

// Ranking ranks every store (or, with a department, every store's department) by one KPI of
// a month against its budget. The current month runs to today in each store's time zone.
// The figures come from one chain-wide read per feed and one of the budgets. A store is
// listed when it is active or has figures for the month; with a department, when it has a
// budget or figures for that department.
func (s *Service) Ranking(ctx context.Context, p *authz.Principal, q RankQuery) (Ranking, error) {
	stores, err := s.allStores(ctx, p)
	if err != nil {
		return Ranking{}, err
	}
	today, latest, err := s.todays(stores)
	if err != nil {
		return Ranking{}, err
	}
	if q.Month == "" {
		q.Month = monthOf(latest)
	}
	from, last, err := monthRange(q.Month)
	switch {
	case err != nil:
		return Ranking{}, apperr.Field("month", "must be a month YYYY-MM")
	case from > latest && len(stores) > 0:
		return Ranking{}, apperr.Field("month", "must not be after the current month")
	}
	ids := make([]int64, len(stores))
	for i, st := range stores {
		ids[i] = st.ID
	}
	// Days after a store's today hold no figures yet, so the whole month is read at once.
	var list []budget.Budget
	var rows feedRows
	fns := append(s.fetch(ctx, nil, ids, Range{from, last}, sourcesOf(q.KPI), &rows),
		func() (err error) { list, err = s.budgets.ForStores(ctx, nil, q.Month, q.Month); return })
	if q.Department != "" {
		fns = append(fns, func() error { return s.requireDepartment(ctx, q.Department) })
	}
	if err := parallel(fns...); err != nil {
		return Ranking{}, err
	}
	plans := PlansOf(list)
	inScope := func(_ int64, d string) bool { return q.Department == "" || d == q.Department }
	g := sum(&rows, inScope, false)
	out := Ranking{Month: q.Month, KPI: q.KPI, Department: q.Department, Items: []RankItem{}}
	for _, st := range stores {
		deps := g.departmentsOf(st.ID, plans[st.ID], q.Month, inScope)
		if len(deps) == 0 && (q.Department != "" || !st.Active) {
			continue
		}
		scope := Total
		if q.Department != "" {
			scope = q.Department
		}
		rng := Range{from, max(from, min(last, today[st.ID]))}
		t := ProRate(plans[st.ID], deps, civil.MonthShares(rng.From, rng.To))
		set := Compute(g.actuals(st.ID, scope), t, Actuals{}, Actuals{})
		out.Items = append(out.Items, RankItem{Store: st, KPI: set[q.KPI]})
	}
	sortRanking(out.Items, q.Ascending)
	return out, nil
}

// todays answers each store's business date today and the latest of them.
func (s *Service) todays(stores []org.Store) (map[int64]civil.Date, civil.Date, error) {
	today := make(map[int64]civil.Date, len(stores))
	var latest civil.Date
	now := s.now()
	for _, st := range stores {
		loc, err := s.location(st.Timezone)
		if err != nil {
			return nil, 0, err
		}
		today[st.ID] = civil.Today(now, loc)
		latest = max(latest, today[st.ID])
	}
	return today, latest, nil
}

// sortRanking orders by the actual, stores without one last, ties by store code.
func sortRanking(items []RankItem, ascending bool) {
	slices.SortFunc(items, func(x, y RankItem) int {
		a, b := x.KPI.Actual, y.KPI.Actual
		switch {
		case a == nil && b == nil:
		case a == nil:
			return 1
		case b == nil:
			return -1
		case *a != *b && ascending:
			return cmp.Compare(*a, *b)
		case *a != *b:
			return cmp.Compare(*b, *a)
		}
		return cmp.Compare(x.Store.Code, y.Store.Code)
	})
	for i := range items {
		items[i].Rank = i + 1
	}
}

// departmentsOf lists the departments in scope of a store that have figures or a budget.
func (g *aggregate) departmentsOf(store int64, plan Plan, month string, inScope func(int64, string) bool) []string {
	var out []string
	for k := range g.tallies {
		if k.store == store && k.dept != Total {
			out = append(out, k.dept)
		}
	}
	for d, months := range plan {
		if _, ok := months[month]; ok && inScope(store, d) && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

func (s *Service) allStores(ctx context.Context, p *authz.Principal) ([]org.Store, error) {
	var out []org.Store
	for page := 1; ; page++ {
		list, total, err := s.stores.ListStores(ctx, p, org.StoreFilter{},
			paging.Page{Page: page, PageSize: paging.MaxPageSize, Sort: "code"})
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
		if int64(len(out)) >= total || len(list) == 0 {
			return out, nil
		}
	}
}

func (s *Service) requireDepartment(ctx context.Context, code string) error {
	list, _, err := s.stores.ListDepartments(ctx, paging.Page{Page: 1, PageSize: paging.MaxPageSize})
	if err != nil {
		return err
	}
	for _, d := range list {
		if d.Code == code {
			return nil
		}
	}
	return apperr.Field("department_code", "unknown department "+code)
}
