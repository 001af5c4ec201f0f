package inventory

import (
	"context"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

// listQuery is a stock list page as SQL sees it.
type listQuery struct {
	storeID    int64
	filter     catalog.Filter
	inStock    bool
	expiringBy *civil.Date
	page       paging.Page
}

// listRow is one product of a stock page with its balance and the store's cover day.
type listRow struct {
	ID             int64
	SKU            string `gorm:"column:sku"`
	Name           string
	DepartmentCode string
	Category       string
	Unit           string
	CostPrice      fixed.Money
	OnHand         fixed.Qty
	Sold28         fixed.Qty `gorm:"column:sold_28"`
	NextExpiry     *civil.Date
	CoverAsOf      *civil.Date
}

// coverOrder is days of cover in tenths (DaysOfCover in SQL); null when nothing sold.
const coverOrder = "CASE WHEN COALESCE(b.sold_28, 0) <= 0 THEN NULL WHEN b.on_hand <= 0 THEN 0 " +
	"ELSE ROUND(b.on_hand * 280 / b.sold_28) END"

// listOrder maps each sort field to its SQL; nullable ones sort nulls last ascending and
// first descending (no cover, no expiry: "infinitely far").
var listOrder = map[string]struct {
	expr     string
	nullable bool
}{
	"sku":           {"p.sku", false},
	"name":          {"p.name", false},
	"on_hand":       {"COALESCE(b.on_hand, 0)", false},
	"days_of_cover": {coverOrder, true},
	"next_expiry":   {"b.next_expiry", true},
}

// from is the products of the filter joined with their balances in the store.
func (s *Service) from(ctx context.Context, q listQuery) *gorm.DB {
	db := s.db.WithContext(ctx)
	out := db.Table("(?) AS p", s.products.Subquery(db, q.filter)).
		Joins("LEFT JOIN stock_balances b ON b.store_id = ? AND b.product_id = p.id", q.storeID)
	if q.inStock {
		out = out.Where("b.on_hand > 0")
	}
	if q.expiringBy != nil {
		out = out.Where("b.next_expiry <= ?", *q.expiringBy)
	}
	return out
}

func (s *Service) listRows(ctx context.Context, q listQuery) ([]listRow, error) {
	o := listOrder[q.page.Sort]
	if o.expr == "" {
		o = listOrder["sku"]
	}
	dir := " ASC"
	if q.page.Desc {
		dir = " DESC"
	}
	rq := s.from(ctx, q).
		Joins("LEFT JOIN stock_locks l ON l.store_id = ?", q.storeID).
		Select("p.id, p.sku, p.name, p.department_code, p.category, p.unit, p.cost_price, " +
			"COALESCE(b.on_hand, 0) AS on_hand, COALESCE(b.sold_28, 0) AS sold_28, b.next_expiry, l.cover_as_of")
	if o.nullable {
		rq = rq.Order("(" + o.expr + ") IS NULL" + dir)
	}
	rq = rq.Order(o.expr + dir)
	if o.expr != "p.sku" {
		rq = rq.Order("p.sku")
	}
	var rows []listRow
	err := rq.Offset(q.page.Offset()).Limit(q.page.PageSize).Scan(&rows).Error
	return rows, err
}

// listTotal counts the page's whole list. Without stock filters it is the catalogue's count
// of the products in the filter, which for whole departments it keeps.
func (s *Service) listTotal(ctx context.Context, q listQuery, onPage int) (int64, error) {
	if q.page.Page == 1 && onPage < q.page.PageSize {
		return int64(onPage), nil
	}
	if !q.inStock && q.expiringBy == nil {
		return s.products.CountRefs(ctx, q.filter)
	}
	var n int64
	err := s.from(ctx, q).Count(&n).Error
	return n, err
}
