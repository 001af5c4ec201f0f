package kpi

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/storeops/storeops/internal/platform/paging"

	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/shrinkfeed"
)

// Feeds reads the daily rollups of the data feeds; storeIDs nil means every store.
type Feeds interface {
	DailySales(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]feeds.DailySales, error)
	DailyLabour(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]feeds.DailyLabour, error)
	DailyExpenses(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]feeds.DailyExpense, error)
	SalesByProduct(ctx context.Context, storeID int64, from, to civil.Date) ([]feeds.ProductSales, error)
}

// Budgets reads stored budgets of months fromMonth..toMonth; storeIDs nil means every store.
type Budgets interface {
	ForStores(ctx context.Context, storeIDs []int64, fromMonth, toMonth string) ([]budget.Budget, error)
}

// Catalog names products in drill-downs.
type Catalog interface {
	RefsByID(ctx context.Context, ids []int64) (map[int64]catalog.Ref, error)
}

// Stores is what the cockpit needs from the organisation.
type Stores interface {
	GetStore(ctx context.Context, p *authz.Principal, id int64) (org.Store, error)
	StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error)
	ListStores(ctx context.Context, p *authz.Principal, f org.StoreFilter, pg paging.Page) ([]org.Store, int64, error)
	ListDepartments(ctx context.Context, pg paging.Page) ([]org.Department, int64, error)
}

// MaxDays is the longest range a KPI request may span.
const MaxDays = 366

// Service computes KPIs. It owns no table.
type Service struct {
	feeds   Feeds
	budgets Budgets
	catalog Catalog
	stores  Stores
	shrink  []shrinkfeed.Source // summed: stocktake losses, later write-offs and markdowns
	now     func() time.Time
	zones   sync.Map // time zone name → *time.Location
}

// NewService wires the cockpit. Shrink is the sum of every shrink source (none: shrink is 0);
// each module where shrink happens implements shrinkfeed.Source and app.go lists it here.
func NewService(f Feeds, b Budgets, c Catalog, s Stores, shrink []shrinkfeed.Source, now func() time.Time) *Service {
	return &Service{feeds: f, budgets: b, catalog: c, stores: s, shrink: shrink, now: now}
}

// Range is a span of business days, both ends included.
type Range struct{ From, To civil.Date }

// Days counts the days of the range.
func (r Range) Days() int { return int(r.To-r.From) + 1 }

func (r Range) shift(months int) Range { return Range{shift(r.From, months), shift(r.To, months)} }

// Query is a KPI request: a range (nil ends take defaults) and optionally one department.
type Query struct {
	From, To   *civil.Date
	Department string
}

// resolve fills in the defaults, month to date in the store's time zone, and checks the
// range.
func (q Query) resolve(today civil.Date) (Range, error) {
	r := Range{To: today}
	if q.To != nil {
		r.To = *q.To
	}
	r.From = firstOfMonth(r.To)
	if q.From != nil {
		r.From = *q.From
	}
	switch {
	case r.From > r.To:
		return r, apperr.Field("from", "must not be after to")
	case r.Days() > MaxDays:
		return r, apperr.Field("to", fmt.Sprintf("the range may span at most %d days", MaxDays))
	}
	return r, nil
}

// sources says which feeds a computation needs.
type sources struct{ sales, labour, expenses, shrink bool }

var allSources = sources{true, true, true, true}

// feedRows are the rows of the feeds over one range.
type feedRows struct {
	sales    []feeds.DailySales
	labour   []feeds.DailyLabour
	expenses []feeds.DailyExpense
	shrink   [][]shrinkfeed.Daily // one slice per shrink source
}

// fetch answers the reads of the needed feeds over a range, one per feed, to run side by
// side: a report's latency is then about one read, not the sum of them. storeIDs names the
// stores; nil means every store, which the sales rollup serves from its (business_date,
// store_id) index. The labour and expense lines are keyed by store first, so they are always
// read for a list of stores (lineStoreIDs) rather than scanned whole.
func (s *Service) fetch(ctx context.Context, storeIDs, lineStoreIDs []int64, r Range, src sources, out *feedRows) []func() error {
	var fns []func() error
	if src.sales {
		fns = append(fns, func() (err error) { out.sales, err = s.feeds.DailySales(ctx, storeIDs, r.From, r.To); return })
	}
	if src.labour {
		fns = append(fns, func() (err error) {
			out.labour, err = s.feeds.DailyLabour(ctx, lineStoreIDs, r.From, r.To)
			return
		})
	}
	if src.expenses {
		fns = append(fns, func() (err error) {
			out.expenses, err = s.feeds.DailyExpenses(ctx, lineStoreIDs, r.From, r.To)
			return
		})
	}
	if src.shrink {
		out.shrink = make([][]shrinkfeed.Daily, len(s.shrink))
		for i, source := range s.shrink {
			fns = append(fns, func() (err error) {
				out.shrink[i], err = source.DailyShrink(ctx, storeIDs, r.From, r.To)
				return
			})
		}
	}
	return fns
}

// dailyShrink asks every shrink source side by side and answers all their rows.
func (s *Service) dailyShrink(ctx context.Context, storeIDs []int64, r Range) ([]shrinkfeed.Daily, error) {
	var rows feedRows
	if err := parallel(s.fetch(ctx, storeIDs, storeIDs, r, sources{shrink: true}, &rows)...); err != nil {
		return nil, err
	}
	return slices.Concat(rows.shrink...), nil
}

// sum aggregates fetched rows.
func sum(rows *feedRows, inScope func(int64, string) bool, series bool) *aggregate {
	g := newAggregate(inScope, series)
	g.addSales(rows.sales)
	g.addLabour(rows.labour)
	g.addExpenses(rows.expenses)
	for _, part := range rows.shrink {
		g.addShrink(part)
	}
	return g
}

// parallel runs fns side by side and answers the error of the first that failed.
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// location loads a time zone once; LoadLocation reads the zone database every time.
func (s *Service) location(name string) (*time.Location, error) {
	if loc, ok := s.zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err == nil {
		s.zones.Store(name, loc)
	}
	return loc, err
}
