package ordering

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/forecast"
	"github.com/storeops/storeops/internal/platform/civil"
)

// How the kept forecasts age: a store's models are refitted on this much history when the
// oldest is RefitDays old (or the store has none); in between each day's sales move the
// state on. A store's refit reads its history once; the daily step reads one day.
const (
	FitHistoryDays = 730
	RefitDays      = 28
	fitHorizon     = 14
)

// Promotions tells which days a promotion runs for products of a store, so the forecast
// lifts them. The promotions module answers it once it exists; until then NoPromotions.
type Promotions interface {
	PromotionDays(ctx context.Context, storeID int64, productIDs []int64, from, to civil.Date) (map[int64][]civil.Date, error)
}

// Shrink tells how many expired write-offs each product had in a store since a day; a product
// with ExpiredWriteOffsToReduce or more is ordered at ReducedServiceLevel. The shrink module
// answers it once it exists; until then NoShrink.
type Shrink interface {
	ExpiredWriteOffs(ctx context.Context, storeID int64, productIDs []int64, since civil.Date) (map[int64]int, error)
}

// NoPromotions is the empty Promotions: no promotion days.
type NoPromotions struct{}

// PromotionDays answers none.
func (NoPromotions) PromotionDays(context.Context, int64, []int64, civil.Date, civil.Date) (map[int64][]civil.Date, error) {
	return nil, nil
}

// NoShrink is the empty Shrink: no expired write-offs.
type NoShrink struct{}

// ExpiredWriteOffs answers none.
func (NoShrink) ExpiredWriteOffs(context.Context, int64, []int64, civil.Date) (map[int64]int, error) {
	return nil, nil
}

// Sales reads a store's daily sales per product (the feeds module).
type Sales interface {
	EachProductDay(ctx context.Context, storeID int64, productIDs []int64, from, to civil.Date, fn func(feeds.ProductDay) error) error
}

// Calendar answers the chain's holidays and events (the calendar module).
type Calendar interface {
	ForecastCalendar(ctx context.Context) (forecast.Calendar, error)
}

// kept is a product's restored forecast with the day it last sold.
type kept struct {
	model    *forecast.Model
	lastSale *civil.Date
}

// UpdateForecasts brings a store's kept forecasts up to the day before today: a refit of
// every product with sales in the last FitHistoryDays when the store has no forecasts or its
// oldest fit is RefitDays old, otherwise the days since each state's last day, plus a fit of
// products that have sold but have no forecast yet. It answers how many products it fitted
// and how many it moved on.
func (s *Service) UpdateForecasts(ctx context.Context, storeID int64, today civil.Date) (fitted, moved int, err error) {
	var rows []stateRow
	if err := s.db.WithContext(ctx).Where("store_id = ?", storeID).Find(&rows).Error; err != nil {
		return 0, 0, err
	}
	now := s.now()
	stale := len(rows) == 0
	for _, r := range rows {
		if civil.Of(r.FittedAt).AddDays(RefitDays) <= today {
			stale = true
			break
		}
	}
	if stale {
		n, err := s.refit(ctx, storeID, nil, today)
		return n, 0, err
	}
	cal, err := s.Calendar.ForecastCalendar(ctx)
	if err != nil {
		return 0, 0, err
	}
	ev := forecast.IndexEvents(cal)
	states := make(map[int64]*kept, len(rows))
	ids := make([]int64, 0, len(rows))
	fittedAt := map[int64]civil.Date{}
	for _, r := range rows {
		k, err := restore(r, ev)
		if err != nil {
			return 0, 0, fmt.Errorf("forecast of store %d product %d: %w", storeID, r.ProductID, err)
		}
		states[r.ProductID] = k
		ids = append(ids, r.ProductID)
		fittedAt[r.ProductID] = civil.Of(r.FittedAt)
	}
	if err := s.catchUp(ctx, storeID, states, nil, today); err != nil {
		return 0, 0, err
	}
	if err := s.saveStates(ctx, storeID, states, nil, now, false); err != nil {
		return 0, 0, err
	}
	// Products that sold lately and have no forecast yet get one of their own.
	var fresh []int64
	err = s.Sales.EachProductDay(ctx, storeID, nil, today.AddDays(-RefitDays), today.AddDays(-1), func(d feeds.ProductDay) error {
		if _, ok := states[d.ProductID]; !ok && (len(fresh) == 0 || fresh[len(fresh)-1] != d.ProductID) {
			fresh = append(fresh, d.ProductID)
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	if len(fresh) > 0 {
		if fitted, err = s.refit(ctx, storeID, fresh, today); err != nil {
			return 0, 0, err
		}
	}
	return fitted, len(ids), nil
}

// refit fits the products named (nil: every product with sales) of a store on their history
// up to yesterday and keeps the models. Products of a department share seasonal shapes.
func (s *Service) refit(ctx context.Context, storeID int64, productIDs []int64, today civil.Date) (int, error) {
	from, to := today.AddDays(-FitHistoryDays), today.AddDays(-1)
	type hist struct {
		series   forecast.Series
		lastSale *civil.Date
	}
	byProduct := map[int64]*hist{}
	var order []int64
	n := int(to - from + 1)
	err := s.Sales.EachProductDay(ctx, storeID, productIDs, from, to, func(d feeds.ProductDay) error {
		h := byProduct[d.ProductID]
		if h == nil {
			h = &hist{series: forecast.Series{Start: forecast.Day(from), Sales: make([]float32, n)}}
			byProduct[d.ProductID] = h
			order = append(order, d.ProductID)
		}
		h.series.Sales[d.Date-from] = float32(float64(d.Qty) / 1000)
		if d.Qty > 0 {
			day := d.Date
			h.lastSale = &day
		}
		return nil
	})
	if err != nil || len(order) == 0 {
		return 0, err
	}
	refs, err := s.Catalog.RefsByID(ctx, order)
	if err != nil {
		return 0, err
	}
	promos, err := s.Promotions.PromotionDays(ctx, storeID, order, from, to)
	if err != nil {
		return 0, err
	}
	cal, err := s.Calendar.ForecastCalendar(ctx)
	if err != nil {
		return 0, err
	}
	empty, err := s.Inventory.EmptyDays(ctx, storeID, order, from, to)
	if err != nil {
		return 0, err
	}
	series := make([]forecast.Series, len(order))
	for i, id := range order {
		h := byProduct[id]
		// A history starts at the product's first day with a sales line: days before it
		// were not on sale and say nothing about demand.
		first := slices.IndexFunc(h.series.Sales, func(x float32) bool { return x != 0 })
		first = max(first, 0)
		h.series.Start += forecast.Day(first)
		h.series.Sales = h.series.Sales[first:]
		h.series.Pool = refs[id].DepartmentCode
		if days := promos[id]; len(days) > 0 {
			h.series.Promo = make([]bool, len(h.series.Sales))
			for _, d := range days {
				if i := int(forecast.Day(d) - h.series.Start); i >= 0 && i < len(h.series.Promo) {
					h.series.Promo[i] = true
				}
			}
		}
		if days := empty[id]; len(days) > 0 {
			// A day that ended with an empty shelf sold what there was: demand unknown.
			h.series.OutOfStock = make([]bool, len(h.series.Sales))
			for _, d := range days {
				if i := int(forecast.Day(d) - h.series.Start); i >= 0 && i < len(h.series.OutOfStock) {
					h.series.OutOfStock[i] = true
				}
			}
		}
		series[i] = h.series
	}
	models := forecast.Fit(series, forecast.Options{Horizon: fitHorizon, Calendar: cal})
	states := make(map[int64]*kept, len(order))
	for i, id := range order {
		m := models[i]
		// A history that ends before yesterday (no sales lately) moves on with zero days.
		for d := forecast.Day(series[i].End()); d <= forecast.Day(to); d++ {
			m.Observe(d, 0, false, slices.Contains(empty[id], civil.Date(d)))
		}
		states[id] = &kept{model: m, lastSale: byProduct[id].lastSale}
	}
	now := s.now()
	return len(order), s.saveStates(ctx, storeID, states, order, now, true)
}

// catchUp moves kept forecasts on to yesterday with the sales since each one's last day
// (days without a sales line sold nothing). only, when not nil, limits it to those products.
func (s *Service) catchUp(ctx context.Context, storeID int64, states map[int64]*kept, only []int64, today civil.Date) error {
	yesterday := forecast.Day(today.AddDays(-1))
	from := yesterday + 1
	for _, k := range states {
		from = min(from, k.model.Last()+1)
	}
	if from > yesterday {
		return nil
	}
	ids := only
	if ids == nil {
		for id := range states {
			ids = append(ids, id)
		}
		slices.Sort(ids)
	}
	emptyDays, err := s.Inventory.EmptyDays(ctx, storeID, ids, civil.Date(from), civil.Date(yesterday))
	if err != nil {
		return err
	}
	empty := map[int64]map[forecast.Day]bool{}
	for id, days := range emptyDays {
		empty[id] = map[forecast.Day]bool{}
		for _, d := range days {
			empty[id][forecast.Day(d)] = true
		}
	}
	err = s.Sales.EachProductDay(ctx, storeID, only, civil.Date(from), civil.Date(yesterday), func(d feeds.ProductDay) error {
		k := states[d.ProductID]
		if k == nil {
			return nil
		}
		day := forecast.Day(d.Date)
		for x := k.model.Last() + 1; x < day; x++ {
			k.model.Observe(x, 0, false, empty[d.ProductID][x])
		}
		k.model.Observe(day, float64(d.Qty)/1000, false, empty[d.ProductID][day])
		if d.Qty > 0 {
			sold := d.Date
			k.lastSale = &sold
		}
		return nil
	})
	for id, k := range states {
		for x := k.model.Last() + 1; x <= yesterday; x++ {
			k.model.Observe(x, 0, false, empty[id][x])
		}
	}
	return err
}

// saveStates upserts kept forecasts; fitted stamps them as fitted now (a move keeps the stored
// fitted_at).
func (s *Service) saveStates(ctx context.Context, storeID int64, states map[int64]*kept, order []int64, now time.Time, fitted bool) error {
	if order == nil {
		for id := range states {
			order = append(order, id)
		}
		slices.Sort(order)
	}
	if len(order) == 0 {
		return nil
	}
	b := stateBulk
	if !fitted {
		b.Update = []string{"state", "last_day", "last_sale_date", "updated_at"}
	}
	return b.Insert(ctx, s.db.WithContext(ctx), len(order), func(i int, a []any) []any {
		k := states[order[i]]
		js, _ := json.Marshal(k.model.State())
		return append(a, storeID, order[i], string(js), civil.Date(k.model.Last()), k.lastSale, now, now)
	})
}

func restore(r stateRow, ev forecast.Events) (*kept, error) {
	var st forecast.State
	if err := json.Unmarshal([]byte(r.State), &st); err != nil {
		return nil, err
	}
	return &kept{model: forecast.Restore(st, ev), lastSale: r.LastSaleDate}, nil
}

// loadKept reads the kept forecasts of some products of a store and moves them on to
// yesterday in memory (the daily job stores the moves; a plan made before it ran still sees
// yesterday's sales).
func (s *Service) loadKept(ctx context.Context, db *gorm.DB, storeID int64, productIDs []int64, ev forecast.Events, today civil.Date) (map[int64]*kept, error) {
	out := make(map[int64]*kept, len(productIDs))
	for chunk := range slices.Chunk(productIDs, 1000) {
		var rows []stateRow
		if err := db.WithContext(ctx).Where("store_id = ? AND product_id IN ?", storeID, chunk).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			k, err := restore(r, ev)
			if err != nil {
				return nil, err
			}
			out[r.ProductID] = k
		}
	}
	ids := make([]int64, 0, len(out))
	for id := range out {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return out, s.catchUp(ctx, storeID, out, ids, today)
}
