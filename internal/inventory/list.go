package inventory

import (
	"context"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

// ListSorts are the documented sort fields of the stock list, the first the default.
var ListSorts = []string{"sku", "name", "on_hand", "days_of_cover", "next_expiry"}

// ListQuery asks for one page of a store's stock.
type ListQuery struct {
	Q, DepartmentCode, Category string
	InStock                     bool
	// OnlyExpiring keeps products with a lot expiring within ExpiringWithinDays of today;
	// ExpiringWithinDays also decides which lots count as expiring in each item.
	OnlyExpiring       bool
	ExpiringWithinDays int
	Page               paging.Page
}

// Item is one product's stock in a store as shown to people.
type Item struct {
	Ref           catalog.Ref
	OnHand        fixed.Qty
	StockValue    fixed.Money
	AvgDailySales fixed.Qty
	// CoverTenths is days of cover in tenths of a day; HasCover is false when nothing sold.
	CoverTenths int64
	HasCover    bool
	ExpiringQty fixed.Qty
	NextExpiry  *civil.Date
	Lots        []LotInfo
}

// LotInfo is an open lot as shown to people.
type LotInfo struct {
	ID           int64
	Received     civil.Date
	Expiry       civil.Date
	Remaining    fixed.Qty
	DaysToExpiry int
}

// List answers one page of the store's stock in the caller's scope (supervisors see their
// departments), filtered, sorted and paged in the database: a request costs its page, not
// the catalogue. Days of cover comes from the rollup, slid to today first when a new day
// has begun in the store's time zone.
func (s *Service) List(ctx context.Context, p *authz.Principal, storeID int64, q ListQuery) ([]Item, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	f := catalog.Filter{Q: q.Q, DepartmentCode: q.DepartmentCode, Category: q.Category}
	if p.Role == authz.RoleSupervisor {
		f.DepartmentCodes = append([]string{}, p.DepartmentCodes...)
	}
	loc, err := s.stores.StoreLocation(ctx, storeID)
	if err != nil {
		return nil, 0, err
	}
	today := civil.Today(s.now(), loc)
	lq := listQuery{storeID: storeID, filter: f, inStock: q.InStock, page: q.Page}
	if q.OnlyExpiring {
		by := today.AddDays(q.ExpiringWithinDays)
		lq.expiringBy = &by
	}
	rows, err := s.listRows(ctx, lq)
	if err != nil {
		return nil, 0, err
	}
	if len(rows) > 0 && (rows[0].CoverAsOf == nil || *rows[0].CoverAsOf != today) {
		if err := s.SlideCover(ctx, storeID, today); err != nil {
			return nil, 0, err
		}
		if rows, err = s.listRows(ctx, lq); err != nil {
			return nil, 0, err
		}
	}
	total, err := s.listTotal(ctx, lq, len(rows))
	if err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	lots, err := loadOpenLots(ctx, s.db, storeID, ids)
	if err != nil {
		return nil, 0, err
	}
	items := make([]Item, len(rows))
	for i, r := range rows {
		items[i] = itemOf(r, lots[r.ID], today, q.ExpiringWithinDays)
	}
	return items, total, nil
}

// itemOf shapes one row and its open lots for people.
func itemOf(r listRow, lots []lotRow, today civil.Date, within int) Item {
	it := Item{Ref: catalog.Ref{ID: r.ID, SKU: r.SKU, Name: r.Name, DepartmentCode: r.DepartmentCode,
		Category: r.Category, Unit: r.Unit, CostPrice: r.CostPrice}, OnHand: r.OnHand, NextExpiry: r.NextExpiry,
		Lots: []LotInfo{}}
	if v, ok := r.CostPrice.MulQty(max(r.OnHand, 0)); ok {
		it.StockValue = v
	}
	it.AvgDailySales = fixed.Qty((int64(r.Sold28) + CoverWindow/2) / CoverWindow)
	it.CoverTenths, it.HasCover = DaysOfCover(r.OnHand, r.Sold28, CoverWindow)
	for _, l := range lots {
		days := int(l.ExpiryDate - today)
		it.Lots = append(it.Lots, LotInfo{ID: l.ID, Received: l.ReceivedDate, Expiry: l.ExpiryDate,
			Remaining: l.QtyRemaining, DaysToExpiry: days})
		if days <= within {
			it.ExpiringQty += l.QtyRemaining
		}
	}
	return it
}
